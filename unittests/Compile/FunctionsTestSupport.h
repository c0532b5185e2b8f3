//===- FunctionsTestSupport.h - A FunctionContext for unit tests -*- C++
//-*-===//
#ifndef CPPET_UNITTESTS_COMPILE_FUNCTIONSTESTSUPPORT_H
#define CPPET_UNITTESTS_COMPILE_FUNCTIONSTESTSUPPORT_H

#include "cppet/Compile/Functions.h"
#include "cppet/Compile/Types.h"

#include "gtest/gtest.h"

#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace cppet {
namespace test {

struct FunctionError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// A FunctionContext with an optional C++ lambda standing in for the Puppet
/// block; `BreakAfter` simulates break() on the Nth call.
class TestContext : public FunctionContext {
public:
  using Block = std::function<Value(llvm::ArrayRef<Value>)>;

  explicit TestContext(std::string Name, Block B = nullptr,
                       size_t ParamCount = 1)
      : Name(std::move(Name)), TheBlock(std::move(B)),
        ParamCount(TheBlock ? ParamCount : 0) {}

  llvm::StringRef name() const override { return Name; }
  bool hasBlock() const override { return static_cast<bool>(TheBlock); }
  size_t blockParamCount() const override { return ParamCount; }
  Value callBlock(llvm::ArrayRef<Value> Args) override {
    ++Calls;
    Broke = BreakAfter && Calls >= BreakAfter;
    return TheBlock(Args);
  }
  Value fact(llvm::StringRef Key) const override {
    const Value *V = Facts.find(Key);
    return V ? *V : Value();
  }
  llvm::StringRef nodeName() const override { return "web01.example.com"; }
  void log(llvm::StringRef Level, llvm::StringRef Message) override {
    Logs.push_back(Level.str() + ": " + Message.str());
  }
  [[noreturn]] void error(const std::string &Message) override {
    throw FunctionError(Message);
  }
  bool breakRequested() const override { return Broke; }
  std::optional<Value> variable(llvm::StringRef N) override {
    const Value *V = Variables.find(N);
    return V ? std::optional<Value>(*V) : std::nullopt;
  }
  std::shared_ptr<void> &compileLocal(llvm::StringRef Key) override {
    return Locals[Key.str()];
  }
  std::map<std::string, std::shared_ptr<void>> Locals;
  void setVariable(llvm::StringRef N, Value V) override {
    Variables.set(Value(N.str()), std::move(V));
  }
  std::vector<std::pair<std::string, Value>> visibleVariables() override {
    std::vector<std::pair<std::string, Value>> Out;
    for (const auto &[K, V] : Variables)
      Out.emplace_back(K.toString(), V);
    return Out;
  }
  Value callFunction(llvm::StringRef N, llvm::ArrayRef<Value> Args) override {
    TestContext Inner(N.str());
    const BuiltinFunction *F = FunctionRegistry::get().find(N);
    if (!F)
      F = FunctionRegistry::get().findModuleFunction(N);
    if (!F)
      throw FunctionError("Unknown function: '" + N.str() + "'");
    return (*F)(Inner, Args);
  }
  Value callFunctionWithBlock(llvm::StringRef N,
                              llvm::ArrayRef<Value> Args) override {
    return callFunction(N, Args); // the test context has no lambdas
  }
  void declareResource(llvm::StringRef Type, llvm::StringRef Title,
                       const HashData &Params,
                       bool TitleIsString = true) override {
    Declared.push_back(Type.str() + "[" + Title.str() + "]");
  }
  bool resourceExists(llvm::StringRef Type, llvm::StringRef Title) override {
    for (const std::string &D : Declared)
      if (D == Type.str() + "[" + Title.str() + "]")
        return true;
    return false;
  }
  std::optional<HashData> resourceParameters(llvm::StringRef,
                                             llvm::StringRef) override {
    return std::nullopt;
  }
  std::optional<std::string> moduleFile(llvm::StringRef,
                                        llvm::StringRef) override {
    return std::nullopt;
  }

  HashData Facts;
  HashData Variables;
  std::vector<std::string> Declared;
  std::vector<std::string> Logs;
  size_t BreakAfter = 0;
  size_t Calls = 0;

private:
  std::string Name;
  Block TheBlock;
  size_t ParamCount;
  bool Broke = false;
};

/// Calls built-in Name with Args.
inline Value call(TestContext &Ctx, std::vector<Value> Args) {
  const BuiltinFunction *F = FunctionRegistry::get().find(Ctx.name());
  if (!F)
    throw FunctionError("unknown function " + Ctx.name().str());
  return (*F)(Ctx, Args);
}

inline Value call(llvm::StringRef Name, std::vector<Value> Args) {
  TestContext Ctx(Name.str());
  return call(Ctx, std::move(Args));
}

/// The error message of a failing call ("" if it succeeded).
inline std::string callError(TestContext &Ctx, std::vector<Value> Args) {
  try {
    call(Ctx, std::move(Args));
  } catch (const FunctionError &E) {
    return E.what();
  }
  return "";
}

inline std::string callError(llvm::StringRef Name, std::vector<Value> Args) {
  TestContext Ctx(Name.str());
  return callError(Ctx, std::move(Args));
}

/// Puppet's string form, for compact expectations.
inline std::string show(const Value &V) { return V.toString(); }

inline Value strings(std::initializer_list<const char *> S) {
  Array A;
  for (const char *E : S)
    A.push_back(Value(E));
  return Value(std::move(A));
}

} // namespace test
} // namespace cppet

#endif
