//===- Commands.h - cppet-master's subcommands ------------------*- C++ -*-===//
#ifndef CPPET_TOOLS_CPPET_MASTER_COMMANDS_H
#define CPPET_TOOLS_CPPET_MASTER_COMMANDS_H

#include <CLI/CLI.hpp>

#include <functional>

namespace cppet_master {
/// Runs a parsed subcommand and returns the exit code.
using CommandRunner = std::function<int()>;

CommandRunner registerCertCommand(CLI::App &Sub);
CommandRunner registerConfigCommand(CLI::App &Sub);
CommandRunner registerGenconfigCommand(CLI::App &Sub);
CommandRunner registerServerCommand(CLI::App &Sub);
} // namespace cppet_master

#endif // CPPET_TOOLS_CPPET_MASTER_COMMANDS_H
