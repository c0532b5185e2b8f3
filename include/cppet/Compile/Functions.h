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
#include <memory>
#include <optional>
#include <string>
#include <vector>

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

  // --- What module functions (stdlib, templates) need of the compiler ---
  /// A variable as seen from the calling scope (`x`, `::x`, `mod::cls::x`).
  /// Returns nullopt when it is not defined.
  virtual std::optional<Value> variable(llvm::StringRef Name) = 0;
  /// Sets a variable in the calling scope (ERB's `scope.setvar`); an
  /// existing variable of that scope is an error, as in Puppet.
  virtual void setVariable(llvm::StringRef Name, Value V) = 0;
  /// A slot that lives as long as the compile, keyed by name: template
  /// engines keep there the mutable Ruby objects that templates share
  /// through `scope.setvar` (apache's `_template_scope` idiom).
  virtual std::shared_ptr<void> &compileLocal(llvm::StringRef Key) = 0;
  /// Every variable visible in the calling scope's own scope chain (for ERB
  /// `scope.to_hash`), innermost first wins.
  virtual std::vector<std::pair<std::string, Value>> visibleVariables() = 0;
  /// Calls another function by name (built-in, module or Puppet language).
  virtual Value callFunction(llvm::StringRef Name,
                             llvm::ArrayRef<Value> Args) = 0;
  /// Calls another function by name, passing on this call's lambda
  /// (Puppet's `call`).
  virtual Value callFunctionWithBlock(llvm::StringRef Name,
                                      llvm::ArrayRef<Value> Args) = 0;
  /// Declares a resource in the calling scope (as `type { title: ... }`);
  /// Type is lowercase (`package`, `mod::thing`, `class`).
  /// TitleIsString is false when the title came from a non-String value
  /// (ensure_resource('x', 80)): Puppet then keeps a `name` parameter and
  /// does not tag the resource with its title.
  virtual void declareResource(llvm::StringRef Type, llvm::StringRef Title,
                               const HashData &Params,
                               bool TitleIsString = true) = 0;
  /// Whether `Type[Title]` has been declared (Type capitalized or not).
  virtual bool resourceExists(llvm::StringRef Type, llvm::StringRef Title) = 0;
  /// The parameters of a declared resource, or nullopt.
  virtual std::optional<HashData> resourceParameters(llvm::StringRef Type,
                                                     llvm::StringRef Title) = 0;
  /// Absolute path of FILE in a module: `mod/path` resolved under the
  /// module's SubDir ("templates", "files"); nullopt if absent.
  virtual std::optional<std::string> moduleFile(llvm::StringRef Spec,
                                                llvm::StringRef SubDir) = 0;
};

using BuiltinFunction =
    std::function<Value(FunctionContext &, llvm::ArrayRef<Value>)>;

/// The registry of built-in functions; built once, then read-only.
class FunctionRegistry {
public:
  static const FunctionRegistry &get();
  const BuiltinFunction *find(llvm::StringRef Name) const;
  void add(llvm::StringRef Name, BuiltinFunction Fn);
  /// Functions that Puppet gets from a module's Ruby code (stdlib's merge,
  /// concat's helpers, ...). The compiler uses one only when a module on
  /// the modulepath ships it (lib/puppet/functions/NAME.rb or
  /// lib/puppet/parser/functions/NAME.rb).
  const BuiltinFunction *findModuleFunction(llvm::StringRef Name) const;
  void addModuleFunction(llvm::StringRef Name, BuiltinFunction Fn);

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
/// Module functions (puppetlabs-stdlib and other common modules' Ruby
/// functions reimplemented), added with addModuleFunction.
void registerModuleFunctions(FunctionRegistry &R);
/// template() and inline_template(): ERB rendering (core Puppet functions).
void registerTemplateFunctions(FunctionRegistry &R);

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
