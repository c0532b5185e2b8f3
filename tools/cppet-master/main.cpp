//===- cppet-master - the cppet master driver -----------------------------===//
#include "Commands.h"

#include "llvm/ADT/StringRef.h"

#include <map>
#include <string>
#include <vector>

int main(int argc, char **argv) {
  CLI::App App{"cppet-master: the cppet master"};
  App.require_subcommand(1);
  std::map<CLI::App *, cppet_master::CommandRunner> Runners;
  auto Add = [&](const char *Name, const char *Help, auto Register) {
    CLI::App *Sub = App.add_subcommand(Name, Help);
    Runners[Sub] = Register(*Sub);
  };
  Add("cert", "manage the certificate authority",
      cppet_master::registerCertCommand);
  Add("config", "print settings", cppet_master::registerConfigCommand);
  Add("genconfig", "print a complete configuration with every default",
      cppet_master::registerGenconfigCommand);
  Add("server", "run the HTTPS master", cppet_master::registerServerCommand);
  Add("node", "list the nodes the master knows",
      cppet_master::registerNodeCommand);
  Add("report", "list, show and import stored reports",
      cppet_master::registerReportCommand);
  Add("quickstart",
      "run a master and an agent in a scratch directory, end to end",
      cppet_master::registerQuickstartCommand);
  // `cppet-master --genconfig` as Puppet spells it: the genconfig command.
  std::vector<char *> Args(argv, argv + argc);
  std::string Genconfig = "genconfig";
  if (Args.size() > 1 && llvm::StringRef(Args[1]) == "--genconfig")
    Args[1] = Genconfig.data();
  try {
    App.parse(static_cast<int>(Args.size()), Args.data());
  } catch (const CLI::ParseError &E) {
    return App.exit(E);
  }
  for (auto &[Sub, Run] : Runners)
    if (Sub->parsed())
      return Run();
  return 2;
}
