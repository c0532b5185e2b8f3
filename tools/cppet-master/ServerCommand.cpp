//===- ServerCommand.cpp - `cppet-master server` --------------------------===//
//
// The HTTPS master (lib/Net). Not wired yet.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"

#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

cppet_master::CommandRunner cppet_master::registerServerCommand(CLI::App &Sub) {
  (void)Sub;
  return [] {
    llvm::WithColor::error(llvm::errs(), "cppet-master")
        << "the server is not implemented yet\n";
    return 1;
  };
}
