//===- FunctionRegistry.cpp - The registry of built-in functions ---------===//

#include "cppet/Compile/Functions.h"

#include "llvm/ADT/StringMap.h"

using namespace cppet;

struct FunctionRegistry::Impl {
  llvm::StringMap<BuiltinFunction> Functions;
  llvm::StringMap<BuiltinFunction> ModuleFunctions;
};

FunctionRegistry::FunctionRegistry() : P(std::make_shared<Impl>()) {}

const FunctionRegistry &FunctionRegistry::get() {
  static const FunctionRegistry Registry = [] {
    FunctionRegistry R;
    registerStringFunctions(R);
    registerCollectionFunctions(R);
    registerIterationFunctions(R);
    registerMathFunctions(R);
    registerDigestFunctions(R);
    registerConversionFunctions(R);
    registerTemplateFunctions(R);
    registerModuleFunctions(R);
    return R;
  }();
  return Registry;
}

const BuiltinFunction *FunctionRegistry::find(llvm::StringRef Name) const {
  auto It = P->Functions.find(Name);
  return It == P->Functions.end() ? nullptr : &It->second;
}

void FunctionRegistry::add(llvm::StringRef Name, BuiltinFunction Fn) {
  P->Functions[Name] = std::move(Fn);
}

const BuiltinFunction *
FunctionRegistry::findModuleFunction(llvm::StringRef Name) const {
  auto It = P->ModuleFunctions.find(Name);
  return It == P->ModuleFunctions.end() ? nullptr : &It->second;
}

void FunctionRegistry::addModuleFunction(llvm::StringRef Name,
                                         BuiltinFunction Fn) {
  P->ModuleFunctions[Name] = std::move(Fn);
}
