//===- Deferred.cpp - Resolving Deferred values ---------------------------===//
//
// Puppet's DeferredResolver: a Deferred value is a function call the agent
// makes before applying the catalog (preprocess_deferred, Puppet 7's
// default). Its arguments are resolved first; a name `$var` digs into a
// top-scope variable. The same resolution serves the `call` function on a
// Deferred and the agent's catalog (cppet::resolveDeferred).
//
//===----------------------------------------------------------------------===//
#include "Evaluator.h"
#include "FnSupport.h"

#include "cppet/Compile/Compiler.h"

using namespace cppet;

Value fn::resolveDeferred(FunctionContext &Ctx, const Value &V) {
  switch (V.kind()) {
  case Value::Kind::Deferred: {
    Array Args;
    for (const Value &A : V.deferredArguments().asArray())
      Args.push_back(resolveDeferred(Ctx, A));
    llvm::StringRef Name = V.deferredName();
    if (Name.consume_front("$")) {
      std::optional<Value> Var = Ctx.variable(("::" + Name).str());
      Args.insert(Args.begin(), Var ? *Var : Value());
      return Ctx.callFunction("dig", Args);
    }
    return Ctx.callFunction(Name, Args);
  }
  case Value::Kind::Array: {
    Array Out;
    Out.reserve(V.asArray().size());
    for (const Value &E : V.asArray())
      Out.push_back(resolveDeferred(Ctx, E));
    return Value(std::move(Out));
  }
  case Value::Kind::Hash: {
    HashData Out;
    for (const auto &[K, E] : V.asHash())
      Out.set(K, resolveDeferred(Ctx, E));
    return Value(std::move(Out));
  }
  case Value::Kind::Sensitive:
    return Value::makeSensitive(resolveDeferred(Ctx, V.sensitiveValue()));
  default:
    return V;
  }
}

namespace {

bool isDeferredObject(const catalog::Json &J) {
  auto T = J.find("__ptype");
  return T != J.end() && *T == "Deferred";
}

/// A parameter's JSON as a value, its Deferred objects as Deferred values
/// and the Sensitive ones of their arguments as Sensitive values.
Value fromJson(const catalog::Json &J) {
  if (J.is_array()) {
    Array A;
    A.reserve(J.size());
    for (const catalog::Json &E : J)
      A.push_back(fromJson(E));
    return Value(std::move(A));
  }
  if (!J.is_object())
    return jsonToValue(J);
  auto T = J.find("__ptype");
  if (T != J.end() && *T == "Sensitive")
    return Value::makeSensitive(fromJson(J.value("__pvalue", catalog::Json())));
  if (isDeferredObject(J)) {
    auto Name = J.find("name");
    auto Args = J.find("arguments");
    return Value::makeDeferred(
        Name != J.end() && Name->is_string() ? Name->get<std::string>() : "",
        Args != J.end() ? fromJson(*Args) : Value());
  }
  HashData H;
  for (auto It = J.begin(); It != J.end(); ++It)
    H.set(Value(It.key()), fromJson(It.value()));
  return Value(std::move(H));
}

} // namespace

bool cppet::hasDeferred(const catalog::Json &J) {
  if (J.is_array())
    return std::any_of(J.begin(), J.end(),
                       [](const catalog::Json &E) { return hasDeferred(E); });
  if (!J.is_object())
    return false;
  if (isDeferredObject(J))
    return true;
  return std::any_of(J.begin(), J.end(),
                     [](const catalog::Json &E) { return hasDeferred(E); });
}

void Evaluator::resolveCatalogDeferred(catalog::Catalog &C) {
  for (catalog::Resource &R : C.Resources) {
    for (auto It = R.Parameters.begin(); It != R.Parameters.end(); ++It) {
      if (!hasDeferred(It.value()))
        continue;
      Value V;
      try {
        V = fn::resolveDeferred(*this, fromJson(It.value()));
      } catch (EvalError &E) {
        E.Message = "Could not resolve the Deferred value of " + R.ref() +
                    "['" + It.key() + "']: " + E.Message;
        throw;
      }
      if (V.isSensitive()) {
        V = V.sensitiveValue();
        if (std::find(R.SensitiveParameters.begin(),
                      R.SensitiveParameters.end(),
                      It.key()) == R.SensitiveParameters.end())
          R.SensitiveParameters.push_back(It.key());
      }
      It.value() = toJson(V);
    }
  }
}

llvm::Error cppet::resolveDeferred(catalog::Catalog &C, Environment &Env,
                                   const CompileOptions &Opts,
                                   DiagnosticEngine &Diags) {
  if (std::none_of(
          C.Resources.begin(), C.Resources.end(),
          [](const catalog::Resource &R) { return hasDeferred(R.Parameters); }))
    return llvm::Error::success();
  CompileOptions Plain = Opts;
  Plain.RichData = false; // the agent applies plain values
  Evaluator E(Env, Plain, Diags);
  try {
    E.setupHiera();
    E.setupTopScope();
    E.resolveCatalogDeferred(C);
    return llvm::Error::success();
  } catch (EvalError &Err) {
    return llvm::createStringError(std::errc::invalid_argument, "%s",
                                   Err.Message.c_str());
  } catch (ControlFlow &) {
    return llvm::createStringError(
        std::errc::invalid_argument,
        "Invalid use of break/next/return in a Deferred function");
  }
}
