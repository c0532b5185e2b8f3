//===- FnModules.cpp - Module (stdlib, ...) functions ---------------------===//
//
// Ruby functions shipped by common Forge modules, reimplemented. They are
// registered with addModuleFunction: the compiler uses one only when a module
// on the modulepath ships it.
//
//===----------------------------------------------------------------------===//
#include "cppet/Compile/Functions.h"

using namespace cppet;

void cppet::registerModuleFunctions(FunctionRegistry &R) {}
