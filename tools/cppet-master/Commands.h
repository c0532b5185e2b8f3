//===- Commands.h - cppet-master's subcommands ------------------*- C++ -*-===//
#ifndef CPPET_TOOLS_CPPET_MASTER_COMMANDS_H
#define CPPET_TOOLS_CPPET_MASTER_COMMANDS_H

#include <CLI/CLI.hpp>

#include "llvm/Support/Error.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>

namespace cppet_master {
/// Runs a parsed subcommand and returns the exit code.
using CommandRunner = std::function<int()>;

CommandRunner registerCertCommand(CLI::App &Sub);
CommandRunner registerConfigCommand(CLI::App &Sub);
CommandRunner registerGenconfigCommand(CLI::App &Sub);
CommandRunner registerServerCommand(CLI::App &Sub);
CommandRunner registerNodeCommand(CLI::App &Sub);
CommandRunner registerReportCommand(CLI::App &Sub);
CommandRunner registerQuickstartCommand(CLI::App &Sub);

/// Where `node` and `report` find the store (NodeCommand.cpp): `--db FILE`,
/// else $vardir/cppet.db with vardir from the server's settings
/// (`--confdir`, `--config`, `--vardir`, cppet.conf).
struct StoreLocation {
  std::string Db;
  std::map<std::string, std::string> Values;
  std::map<std::string, CLI::Option *> Options;
};
void addStoreOptions(CLI::App &Sub, StoreLocation &Where);
llvm::Expected<std::string> storePath(const StoreLocation &Where);
/// Epoch seconds as "2026-11-26 17:45:37 UTC"; "-" for 0 (never).
std::string formatRunTime(int64_t Epoch);
} // namespace cppet_master

#endif // CPPET_TOOLS_CPPET_MASTER_COMMANDS_H
