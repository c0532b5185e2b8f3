//===- cppet-master - the cppet master driver -----------------------------===//
#include "Commands.h"

#include <map>

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
  try {
    App.parse(argc, argv);
  } catch (const CLI::ParseError &E) {
    return App.exit(E);
  }
  for (auto &[Sub, Run] : Runners)
    if (Sub->parsed())
      return Run();
  return 2;
}
