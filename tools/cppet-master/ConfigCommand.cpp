//===- ConfigCommand.cpp - `cppet-master config print`, genconfig -------===//
//
// `config print` (shared with the agent) and `genconfig`: a complete
// configuration file with every default.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"

#include "../common/ConfigPrint.h"

#include "llvm/Support/raw_ostream.h"

using namespace cppet;

cppet_master::CommandRunner cppet_master::registerConfigCommand(CLI::App &Sub) {
  return cppet_tools::registerConfigPrint(
      Sub, RunMode::Server, "cppet-master",
      "the section to read: server (default), agent, main, user");
}

cppet_master::CommandRunner
cppet_master::registerGenconfigCommand(CLI::App &Sub) {
  (void)Sub;
  return [] {
    writeDefaultConfig(llvm::outs());
    return 0;
  };
}
