//===- FnStdlibSupport.h - Helpers shared by the module functions -*- C++
//-*-===//
//
// Private to the module-function files (FnStdlib*.cpp, FnModules.cpp): the
// Ruby views of Puppet values that Puppet 3.x functions see (class names,
// inspect), and registration helpers that apply the 3.x argument
// conversion (a top-level undef argument arrives as '').
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_LIB_COMPILE_FNSTDLIBSUPPORT_H
#define CPPET_LIB_COMPILE_FNSTDLIBSUPPORT_H

#include "FnSupport.h"

#include <string>

namespace cppet {
namespace stdlibfn {

/// The Ruby class name of a value as a 3.x function sees it ("String",
/// "Integer", "TrueClass", "NilClass", "Hash", ...).
std::string rubyClass(const Value &V);

/// Ruby's `==`: numbers across Integer/Float, strings case-sensitively,
/// collections element-wise.
bool rubyEquals(const Value &A, const Value &B);

/// The argument count as 3.x functions' messages show it ("(3 for 1)").
inline std::string count(llvm::ArrayRef<Value> Args) {
  return std::to_string(Args.size());
}

/// Registers a Puppet 3.x function: top-level undef arguments become ''.
void add3(FunctionRegistry &R, const std::string &Name, BuiltinFunction Fn);
/// Registers a Puppet 4.x function (arguments as given).
void add4(FunctionRegistry &R, const std::string &Name, BuiltinFunction Fn);

/// Ruby's `Random.new(seed).rand(Max)` with the seed given as a hex string
/// (Puppet::Util.deterministic_rand_int).
int64_t deterministicRand(llvm::StringRef SeedHex, int64_t Max);
/// MD5 hex digest.
std::string md5Hex(llvm::StringRef Data);

/// A value as a YAML document the way Ruby's Psych writes it ("---" and
/// the value, each line ending in a newline): to_yaml, `puppet lookup`.
std::string toYamlDocument(const Value &V);

void registerStdlibDataFunctions(FunctionRegistry &R);
void registerStdlibValidationFunctions(FunctionRegistry &R);
void registerStdlibResourceFunctions(FunctionRegistry &R);
void registerStdlibMoreFunctions(FunctionRegistry &R);
void registerCoreMoreFunctions(FunctionRegistry &R);
void registerOpenstackFunctions(FunctionRegistry &R);

} // namespace stdlibfn
} // namespace cppet

#endif
