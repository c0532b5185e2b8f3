//===- FnTemplates.cpp - template() and inline_template() (ERB) -----------===//
#include "cppet/Compile/Functions.h"

using namespace cppet;

void cppet::registerTemplateFunctions(FunctionRegistry &R) {}
