//===- FnCoreMore.cpp - More functions built into Puppet 7 ----------------===//
//
// Puppet 7's built-in functions not in the other Fn*.cpp files, and the
// stdlib functions that share their needs (files of modules, lambdas).
//
//===----------------------------------------------------------------------===//
#include "FnStdlibSupport.h"

using namespace cppet;
using namespace cppet::stdlibfn;

void cppet::stdlibfn::registerCoreMoreFunctions(FunctionRegistry &R) {
  (void)R;
}
