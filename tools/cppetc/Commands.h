//===- Commands.h - cppetc subcommands ------------------------------------===//
#ifndef CPPET_TOOLS_CPPETC_COMMANDS_H
#define CPPET_TOOLS_CPPETC_COMMANDS_H

#include "CLI/CLI.hpp"

#include "cppet/Catalog/Catalog.h"

#include <string>

namespace cppetc {

/// Each subcommand registers its options on the app and returns the
/// function that runs it (returning the process exit code).
using CommandRunner = std::function<int()>;

CommandRunner registerParseCommand(CLI::App &App);   // cppetc parse FILE...
CommandRunner registerCheckCommand(CLI::App &App);   // cppetc check FILE...
CommandRunner registerCompileCommand(CLI::App &App); // cppetc compile --node N
CommandRunner registerLookupCommand(CLI::App &App);  // cppetc lookup KEY...

/// Reads a node's facts: a JSON object, or Puppet's wire form
/// {"name": .., "values": {..}}. On failure prints why and returns false.
bool readFactsFile(const std::string &Path, cppet::catalog::Json &Facts);

} // namespace cppetc

#endif
