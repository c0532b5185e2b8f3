//===- ConfigCommand.cpp - `cppet-agent config print` ---------------------===//
#include "Commands.h"

#include "../common/ConfigPrint.h"

cppet_agent::CommandRunner cppet_agent::registerConfigCommand(CLI::App &Sub) {
  return cppet_tools::registerConfigPrint(
      Sub, cppet::RunMode::Agent, "cppet-agent",
      "the section to read: agent (default), server, main, user");
}
