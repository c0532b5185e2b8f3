//===- Console.cpp - Puppet-shaped log lines on the terminal --------------===//
#include "Console.h"

#include "llvm/Support/raw_ostream.h"

#include <unistd.h>

using namespace cppet;
using namespace cppet_agent;

Console::Console(bool Verbose, bool Debug, llvm::StringRef Color)
    : Verbose(Verbose), Debug(Debug) {
  bool Tty = ::isatty(1) && ::isatty(2);
  Colors = Color == "true" || (Color == "auto" && Tty);
}

bool Console::shows(llvm::StringRef Level) const {
  if (Level == "debug")
    return Debug;
  if (Level == "info")
    return Verbose || Debug;
  return true;
}

void Console::print(const apply::LogEntry &E) const {
  if (!shows(E.Level))
    return;
  llvm::StringRef Label = E.Level == "err"       ? "Error"
                          : E.Level == "warning" ? "Warning"
                          : E.Level == "notice"  ? "Notice"
                          : E.Level == "info"    ? "Info"
                                                 : "Debug";
  const char *Color = E.Level == "err"       ? "\033[1;31m"
                      : E.Level == "warning" ? "\033[1;33m"
                      : E.Level == "info"    ? "\033[0;32m"
                                             : "\033[0;36m";
  bool ToErr = E.Level == "err" || E.Level == "warning";
  llvm::raw_ostream &OS = ToErr ? llvm::errs() : llvm::outs();
  std::string Line = Label.str() + ": ";
  if (E.Source != "Puppet")
    Line += E.Source + ": ";
  Line += E.Message;
  if (Colors && E.Level != "notice")
    OS << Color << Line << "\033[0m\n";
  else
    OS << Line << "\n";
  OS.flush();
}

void Console::print(llvm::StringRef Level, const std::string &Message) const {
  apply::LogEntry E;
  E.Level = Level.str();
  E.Message = Message;
  E.Source = "Puppet";
  print(E);
}
