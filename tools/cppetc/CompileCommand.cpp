//===- CompileCommand.cpp - cppetc compile --------------------------------===//
#include "Commands.h"

#include "llvm/Support/raw_ostream.h"

using namespace cppetc;

CommandRunner cppetc::registerCompileCommand(CLI::App &App) {
  return [] {
    llvm::errs() << "cppetc compile: not implemented yet\n";
    return 1;
  };
}
