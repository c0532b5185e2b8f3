//===- cppet-agent - the cppet agent driver -------------------------------===//
#include "Commands.h"

#include <map>

int main(int argc, char **argv) {
  CLI::App App{"cppet-agent: the cppet agent. Without a subcommand it runs "
               "as Puppet's agent against a master (the options below; "
               "also `cppet-agent agent ...`)"};
  App.require_subcommand(0, 1);
  // The run mode is the default command: its options live on the app.
  cppet_agent::CommandRunner RunMode = cppet_agent::registerAgentCommand(App);
  std::map<CLI::App *, cppet_agent::CommandRunner> Runners;
  auto Add = [&](const char *Name, const char *Help, auto Register) {
    CLI::App *Sub = App.add_subcommand(Name, Help);
    Runners[Sub] = Register(*Sub);
  };
  Add("facts", "print this node's facts, as facter does",
      cppet_agent::registerFactsCommand);
  Add("apply", "compile a manifest locally (or read a catalog) and apply it",
      cppet_agent::registerApplyCommand);
  Add("resource", "print the current state of resources as Puppet code",
      cppet_agent::registerResourceCommand);
  Add("filebucket",
      "back up, list and restore file contents (the local "
      "filebucket)",
      cppet_agent::registerFilebucketCommand);
  Add("config", "print settings", cppet_agent::registerConfigCommand);
  Add("agent", "run against a master (as without a subcommand)",
      cppet_agent::registerAgentCommand);
  try {
    App.parse(argc, argv);
  } catch (const CLI::ParseError &E) {
    return App.exit(E);
  }
  for (auto &[Sub, Run] : Runners)
    if (Sub->parsed())
      return Run();
  return RunMode();
}
