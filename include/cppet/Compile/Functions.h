//===- Functions.h - The built-in function library interface --------------===//
//
// Built-in functions are plain C++ callables registered by name. They get a
// FunctionContext to call their lambda, read facts, or raise a compile
// error; they return a Value. Functions that need the catalog (include,
// realize, defined, ...) live in the evaluator; everything else (strings,
// collections, iteration, math, digests, conversions) is in lib/Compile's
// function library.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_COMPILE_FUNCTIONS_H
#define CPPET_COMPILE_FUNCTIONS_H

#include "cppet/Compile/Value.h"
#include "cppet/Support/SourceManager.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <functional>
#include <string>

namespace cppet {

/// What a built-in function may ask of the compiler.
class FunctionContext {
public:
  virtual ~FunctionContext() = default;
  /// The function's name as called.
  virtual llvm::StringRef name() const = 0;
  /// True if a lambda was given.
  virtual bool hasBlock() const = 0;
  /// Number of parameters the lambda declares (0 without a lambda).
  virtual size_t blockParamCount() const = 0;
  /// Calls the lambda with Args (fewer args than params -> defaults/undef).
  virtual Value callBlock(llvm::ArrayRef<Value> Args) = 0;
  /// A fact of the node being compiled (top-level key), or undef.
  virtual Value fact(llvm::StringRef Name) const = 0;
  /// The node's certname.
  virtual llvm::StringRef nodeName() const = 0;
  /// Emits a log message at Level ("notice", "warning", "err", ...).
  virtual void log(llvm::StringRef Level, llvm::StringRef Message) = 0;
  /// Aborts the call with a compile error at the call site: never returns.
  [[noreturn]] virtual void error(const std::string &Message) = 0;
  /// Puppet's `break` inside an iteration lambda: true if the last
  /// callBlock ended with break() (the function should stop iterating).
  virtual bool breakRequested() const = 0;
};

using BuiltinFunction =
    std::function<Value(FunctionContext &, llvm::ArrayRef<Value>)>;

/// The registry of built-in functions; built once, then read-only.
class FunctionRegistry {
public:
  static const FunctionRegistry &get();
  const BuiltinFunction *find(llvm::StringRef Name) const;
  void add(std::string Name, BuiltinFunction Fn);

private:
  FunctionRegistry();
  struct Impl;
  std::shared_ptr<Impl> P;
};

/// Registration hooks implemented by the function library files; each adds
/// its group of functions to the registry.
void registerStringFunctions(FunctionRegistry &R);
void registerCollectionFunctions(FunctionRegistry &R);
void registerIterationFunctions(FunctionRegistry &R);
void registerMathFunctions(FunctionRegistry &R);
void registerDigestFunctions(FunctionRegistry &R);
void registerConversionFunctions(FunctionRegistry &R);

/// Converts Value to Type as `Integer('42')`, `String(x, '%x')`,
/// `Array($h)`, `Boolean('true')`, `Float`, `Numeric`, `Hash`, ... do
/// (Puppet's `new`). Errors go through Ctx.error.
Value convertToType(FunctionContext &Ctx, const Type &T,
                    llvm::ArrayRef<Value> Args);

/// Puppet's sprintf (Ruby format semantics, including %s on collections
/// giving Ruby's inspect form and %p).
std::string formatSprintf(FunctionContext &Ctx, llvm::StringRef Format,
                          llvm::ArrayRef<Value> Args);

/// Puppet's versioncmp: -1, 0 or 1.
int versionCompare(llvm::StringRef A, llvm::StringRef B);

} // namespace cppet

#endif
