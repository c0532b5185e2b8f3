//===- FnStdlibMore.cpp - More puppetlabs-stdlib functions ----------------===//
//
// Functions of puppetlabs-stdlib (lib/puppet/functions and
// lib/puppet/parser/functions of Debian's package) not in the other
// FnStdlib*.cpp files.
//
//===----------------------------------------------------------------------===//
#include "FnStdlibSupport.h"

using namespace cppet;
using namespace cppet::stdlibfn;

void cppet::stdlibfn::registerStdlibMoreFunctions(FunctionRegistry &R) {
  (void)R;
}
