//===- cppetc - the cppet manifest compiler driver ------------------------===//
#include "Commands.h"

#include <map>

int main(int argc, char **argv) {
  CLI::App App{"cppetc: check and compile Puppet manifests"};
  App.require_subcommand(1);
  std::map<CLI::App *, cppetc::CommandRunner> Runners;
  auto Add = [&](const char *Name, const char *Help, auto Register) {
    CLI::App *Sub = App.add_subcommand(Name, Help);
    Runners[Sub] = Register(*Sub);
  };
  Add("parse", "parse files and print their syntax tree",
      cppetc::registerParseCommand);
  Add("check", "check files for syntax and static errors",
      cppetc::registerCheckCommand);
  Add("compile", "compile the catalog of a node",
      cppetc::registerCompileCommand);
  Add("lookup", "look Hiera data up for a node, as puppet lookup does",
      cppetc::registerLookupCommand);
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
