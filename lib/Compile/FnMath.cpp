//===- FnMath.cpp - abs, ceiling, floor, round, min, max -----------------===//

#include "FnSupport.h"

#include "llvm/ADT/StringExtras.h"

#include <cmath>
#include <cstdlib>

using namespace cppet;
using namespace cppet::fn;

namespace {

/// Numeric argument; numeric strings are accepted (deprecated in Puppet).
Value numericArg(FunctionContext &Ctx, const Value &V) {
  if (V.isNumber())
    return V;
  if (V.isString()) {
    llvm::StringRef S = llvm::StringRef(V.asString()).trim();
    int64_t I;
    if (!S.getAsInteger(10, I))
      return Value(I);
    double D;
    if (!S.getAsDouble(D))
      return Value(D);
  }
  argTypeError(Ctx, "val", {"Numeric"}, V);
}

Value floatToInteger(FunctionContext &Ctx, double D) {
  if (std::isnan(D) || std::isinf(D) || std::fabs(D) >= 9.2233720368547758e18)
    fail(Ctx, "FloatDomainError: " + formatFloat(D));
  return Value(static_cast<int64_t>(D));
}

Value absFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 1);
  const Value V = numericArg(Ctx, Args[0]);
  if (V.isInteger())
    return Value(V.asInteger() < 0 ? -V.asInteger() : V.asInteger());
  return Value(std::fabs(V.asFloat()));
}

using RoundOp = double (*)(double);

BuiltinFunction rounder(RoundOp Op) {
  return [Op](FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
    checkArgCount(Ctx, Args, 1, 1);
    Value V = numericArg(Ctx, Args[0]);
    if (V.isInteger())
      return V;
    return floatToInteger(Ctx, Op(V.asFloat()));
  };
}

double rubyRound(double D) { return std::round(D); } // half away from zero
double rubyCeil(double D) { return std::ceil(D); }
double rubyFloor(double D) { return std::floor(D); }

/// The deprecated stdlib-compatible coercion: strings that look numeric
/// compare as floats.
bool looksNumeric(llvm::StringRef S) {
  if (S.startswith("-"))
    S = S.drop_front();
  if (S.empty() || !llvm::isDigit(S[0]))
    return false;
  size_t I = 0;
  while (I < S.size() && llvm::isDigit(S[I]))
    ++I;
  if (I == S.size())
    return true;
  if (!llvm::StringRef("._eE").contains(S[I]) || I + 1 == S.size())
    return false;
  for (++I; I < S.size(); ++I)
    if (!llvm::isDigit(S[I]))
      return false;
  return true;
}

int coercedCompare(const Value &A, const Value &B) {
  if (A.isNumber() && B.isNumber())
    return *rubyCompare(A, B);
  const std::string AS = A.toRubyString(), BS = B.toRubyString();
  if (looksNumeric(AS) && looksNumeric(BS)) {
    const double X = std::strtod(AS.c_str(), nullptr);
    const double Y = std::strtod(BS.c_str(), nullptr);
    return X < Y ? -1 : X > Y ? 1 : 0;
  }
  const int C = AS.compare(BS);
  return C < 0 ? -1 : C > 0 ? 1 : 0;
}

/// min (Sign = -1) or max (Sign = 1).
Value extremum(FunctionContext &Ctx, llvm::ArrayRef<Value> Args, int Sign) {
  llvm::ArrayRef<Value> Vals = Args;
  if (Args.size() == 1 && Args[0].isArray())
    Vals = Args[0].asArray();
  if (Vals.empty()) {
    if (Args.size() == 1)
      return Value();
    fail(Ctx,
         Ctx.name().str() + "(): Wrong number of arguments need at least one");
  }
  const Value *Best = &Vals[0];
  for (const Value &V : Vals.drop_front()) {
    int C;
    if (Ctx.hasBlock()) {
      const Value R = Ctx.callBlock({V, *Best});
      C = R.isInteger() ? static_cast<int>(R.asInteger()) : 0;
    } else {
      C = coercedCompare(V, *Best);
    }
    if (C * Sign > 0)
      Best = &V;
  }
  return *Best;
}

} // namespace

void cppet::registerMathFunctions(FunctionRegistry &R) {
  R.add("abs", absFn);
  R.add("ceiling", rounder(rubyCeil));
  R.add("floor", rounder(rubyFloor));
  R.add("round", rounder(rubyRound));
  R.add("min", [](FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
    return extremum(Ctx, Args, -1);
  });
  R.add("max", [](FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
    return extremum(Ctx, Args, 1);
  });
}
