//===- Console.h - Puppet-shaped log lines on the terminal ------*- C++ -*-===//
#ifndef CPPET_TOOLS_CPPET_AGENT_CONSOLE_H
#define CPPET_TOOLS_CPPET_AGENT_CONSOLE_H

#include "cppet/Apply/Report.h"

#include "llvm/ADT/StringRef.h"

#include <string>

namespace cppet_agent {

/// Prints log entries as Puppet's console does: "Notice: source: message",
/// errors and warnings on stderr, coloured on a terminal.
class Console {
public:
  /// Color: "true", "false" or "auto" (a terminal).
  Console(bool Verbose, bool Debug, llvm::StringRef Color);
  bool shows(llvm::StringRef Level) const;
  void print(const cppet::apply::LogEntry &E) const;
  /// A line of the run itself (source "Puppet").
  void print(llvm::StringRef Level, const std::string &Message) const;

private:
  bool Verbose;
  bool Debug;
  bool Colors = false;
};

} // namespace cppet_agent

#endif // CPPET_TOOLS_CPPET_AGENT_CONSOLE_H
