//===- Commands.h - cppet-agent's subcommands -------------------*- C++ -*-===//
#ifndef CPPET_TOOLS_CPPET_AGENT_COMMANDS_H
#define CPPET_TOOLS_CPPET_AGENT_COMMANDS_H

#include <CLI/CLI.hpp>

#include <functional>

namespace cppet_agent {
/// Runs a parsed subcommand and returns the exit code.
using CommandRunner = std::function<int()>;

CommandRunner registerFactsCommand(CLI::App &Sub);
CommandRunner registerApplyCommand(CLI::App &Sub);
CommandRunner registerResourceCommand(CLI::App &Sub);
CommandRunner registerFilebucketCommand(CLI::App &Sub);
CommandRunner registerConfigCommand(CLI::App &Sub);
/// The run mode (`cppet-agent --test`, `cppet-agent agent --test`).
CommandRunner registerAgentCommand(CLI::App &Sub);
} // namespace cppet_agent

#endif // CPPET_TOOLS_CPPET_AGENT_COMMANDS_H
