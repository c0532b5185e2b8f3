//===- FnCollections.cpp - keys, values, sort, dig, get, ... -------------===//

#include "FnSupport.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <unordered_map>

using namespace cppet;
using namespace cppet::fn;

namespace {

Value lengthFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 1);
  const Value &V = Args[0];
  if (V.isString())
    return Value(static_cast<int64_t>(utf8Chars(V.asString()).size()));
  if (V.isArray())
    return Value(static_cast<int64_t>(V.asArray().size()));
  if (V.isHash())
    return Value(static_cast<int64_t>(V.asHash().size()));
  if (V.isBinary())
    return Value(static_cast<int64_t>(V.asText().size()));
  argTypeError(Ctx, "arg", {"Collection", "String", "Binary"}, V);
}

Value emptyFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 1);
  const Value &V = Args[0];
  switch (V.kind()) {
  case Value::Kind::String:
    return Value(V.asString().empty());
  case Value::Kind::Array:
    return Value(V.asArray().empty());
  case Value::Kind::Hash:
    return Value(V.asHash().empty());
  case Value::Kind::Binary:
    return Value(V.asText().empty());
  case Value::Kind::Undef:
    return Value(true);
  case Value::Kind::Integer:
  case Value::Kind::Float:
    Ctx.log("warning",
            "Calling function empty() with Numeric value is deprecated.");
    return Value(false);
  default:
    argTypeError(Ctx, "coll",
                 {"Collection", "String", "Numeric", "Binary", "Undef"}, V);
  }
}

const HashData &hashArg(FunctionContext &Ctx, const Value &V) {
  if (!V.isHash())
    argTypeError(Ctx, "hsh", {"Hash"}, V);
  return V.asHash();
}

Value keysFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 1);
  Array Keys;
  for (const auto &E : hashArg(Ctx, Args[0]))
    Keys.push_back(E.first);
  return Value(std::move(Keys));
}

Value valuesFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 1);
  Array Vals;
  for (const auto &E : hashArg(Ctx, Args[0]))
    Vals.push_back(E.second);
  return Value(std::move(Vals));
}

void flattenInto(const Value &V, Array &Out) {
  if (!V.isArray()) {
    Out.push_back(V);
    return;
  }
  for (const Value &E : V.asArray())
    flattenInto(E, Out);
}

Value flattenFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  Array Out;
  for (const Value &A : Args)
    flattenInto(A, Out);
  return Value(std::move(Out));
}

/// Keeps the first element for each distinct key (strict equality).
Array uniqueBy(const Array &Elems, const std::vector<Value> &Keys) {
  std::unordered_map<Value, bool, ValueStrictHash, ValueStrictEq> Seen;
  Array Out;
  for (size_t I = 0; I < Elems.size(); ++I)
    if (Seen.emplace(Keys[I], true).second)
      Out.push_back(Elems[I]);
  return Out;
}

Value uniqueFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 1);
  const Value &V = Args[0];
  auto KeyOf = [&Ctx](const Value &E) {
    return Ctx.hasBlock() ? Ctx.callBlock({E}) : E;
  };
  if (V.isHash()) {
    // Groups keys by value: {[k1, k2] => v, ...}.
    std::vector<std::pair<Value, Array>> Groups;
    std::unordered_map<Value, size_t, ValueStrictHash, ValueStrictEq> Index;
    for (const auto &[K, E] : V.asHash()) {
      auto [It, New] = Index.emplace(KeyOf(E), Groups.size());
      if (New)
        Groups.push_back({E, {}});
      Groups[It->second].second.push_back(K);
    }
    HashData Out;
    for (auto &[E, Ks] : Groups)
      Out.set(Value(std::move(Ks)), E);
    return Value(std::move(Out));
  }
  Array Elems;
  if (V.isString()) {
    for (std::string &C : utf8Chars(V.asString()))
      Elems.push_back(Value(std::move(C)));
  } else if (V.isArray()) {
    Elems = V.asArray();
  } else {
    const Iteration It = iterate(Ctx, V, "iterable");
    for (const IterElement &E : It.Elements)
      Elems.push_back(elementValue(It, E));
  }
  std::vector<Value> Keys;
  for (const Value &E : Elems)
    Keys.push_back(KeyOf(E));
  Array Out = uniqueBy(Elems, Keys);
  if (!V.isString())
    return Value(std::move(Out));
  std::string S;
  for (const Value &C : Out)
    S += C.asString();
  return Value(std::move(S));
}

std::string rubyClassName(const Value &V) {
  switch (V.kind()) {
  case Value::Kind::Undef:
    return "NilClass";
  case Value::Kind::Boolean:
    return V.asBoolean() ? "TrueClass" : "FalseClass";
  case Value::Kind::Integer:
    return "Integer";
  case Value::Kind::Float:
    return "Float";
  case Value::Kind::String:
    return "String";
  case Value::Kind::Array:
    return "Array";
  case Value::Kind::Hash:
    return "Hash";
  default:
    return describeValueType(V);
  }
}

[[noreturn]] void notComparable(FunctionContext &Ctx, const Value &A,
                                const Value &B) {
  fail(Ctx, "comparison of " + rubyClassName(A) + " with " + rubyClassName(B) +
                " failed");
}

int blockCompare(FunctionContext &Ctx, const Value &A, const Value &B) {
  const Value R = Ctx.callBlock({A, B});
  if (!R.isInteger())
    fail(Ctx, "comparison of " + describeValueType(A) + " with " +
                  describeValueType(B) + " failed");
  return static_cast<int>(R.asInteger());
}

Value sortFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 1);
  const Value &V = Args[0];
  Array Elems;
  if (V.isString()) {
    for (std::string &C : utf8Chars(V.asString()))
      Elems.push_back(Value(std::move(C)));
  } else if (V.isArray()) {
    Elems = V.asArray();
  } else {
    argTypeError(Ctx, "a", {"String", "Array"}, V);
  }
  std::stable_sort(Elems.begin(), Elems.end(),
                   [&Ctx](const Value &A, const Value &B) {
                     if (Ctx.hasBlock())
                       return blockCompare(Ctx, A, B) < 0;
                     std::optional<int> C = rubyCompare(A, B);
                     if (!C)
                       notComparable(Ctx, A, B);
                     return *C < 0;
                   });
  if (!V.isString())
    return Value(std::move(Elems));
  std::string S;
  for (const Value &C : Elems)
    S += C.asString();
  return Value(std::move(S));
}

Value compareFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 2, 3);
  const Value &A = Args[0], &B = Args[1];
  if (A.isString() && B.isString()) {
    const bool IgnoreCase = Args.size() < 3 || Args[2].isTruthy();
    const int C =
        IgnoreCase
            ? llvm::StringRef(A.asString()).compare_insensitive(B.asString())
            : llvm::StringRef(A.asString()).compare(B.asString());
    return Value(int64_t(C < 0 ? -1 : C > 0 ? 1 : 0));
  }
  if (Args.size() == 3)
    fail(Ctx, "compare(): The third argument (ignore case) can only be used "
              "when comparing strings");
  if (A.isNumber() && B.isNumber())
    return Value(int64_t(*rubyCompare(A, B)));
  if (A.kind() != B.kind())
    fail(Ctx, "compare(): Can only compare values of the same type (or for "
              "Timestamp/Timespan also Numeric), got " +
                  describeValueType(A) + " and " + describeValueType(B));
  fail(Ctx, "compare(): Non comparable type. Only values of the types "
            "Numeric, String, Semver, Timestamp and Timestamp can be "
            "compared. Got " +
                describeValueType(A) + " and " + describeValueType(B));
}

std::string walkedPath(llvm::ArrayRef<Value> Path) {
  std::string S = "[";
  for (size_t I = 0; I < Path.size(); ++I)
    S += (I ? ", " : "") + Path[I].toRubyInspect();
  return S + "]";
}

/// One navigation step of dig/get: nullopt-free, undef when absent.
Value step(const Value &D, const Value &K) {
  if (D.isHash()) {
    const Value *V = D.asHash().find(K);
    return V ? *V : Value();
  }
  const Array &A = D.asArray();
  int64_t I = K.asInteger();
  if (I < 0)
    I += static_cast<int64_t>(A.size());
  if (I < 0 || I >= static_cast<int64_t>(A.size()))
    return Value();
  return A[static_cast<size_t>(I)];
}

Value digFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, SIZE_MAX);
  Value D = Args[0];
  for (size_t I = 1; I < Args.size(); ++I) {
    const Value &K = Args[I];
    if (D.isUndef() || K.isUndef())
      return Value();
    if (!D.isArray() && !D.isHash())
      fail(Ctx, "The given data does not contain a Collection at " +
                    walkedPath(Args.slice(1, I - 1)) + ", got '" +
                    types::inferType(D).toString() + "'");
    if (D.isArray() && !K.isInteger())
      fail(Ctx, "The given data requires an Integer index at " +
                    walkedPath(Args.slice(1, I)));
    D = step(D, K);
  }
  return D;
}

/// Splits get()'s dotted path: segments may be quoted; all-digit segments
/// become Integers.
std::vector<Value> splitDottedKey(FunctionContext &Ctx, llvm::StringRef S) {
  std::vector<Value> Segs;
  std::string Cur;
  bool Quoted = false;
  auto Push = [&] {
    if (!Quoted && !Cur.empty() &&
        llvm::all_of(Cur, [](char C) { return llvm::isDigit(C); }))
      Segs.emplace_back(static_cast<int64_t>(std::stoll(Cur)));
    else
      Segs.emplace_back(Cur);
    Cur.clear();
    Quoted = false;
  };
  for (size_t I = 0; I < S.size(); ++I) {
    const char C = S[I];
    if (C == '"' || C == '\'') {
      const size_t End = S.find(C, I + 1);
      if (End == llvm::StringRef::npos)
        fail(Ctx, "Unterminated quote in argument '" + S.str() + "'");
      Cur += S.slice(I + 1, End).str();
      Quoted = true;
      I = End;
    } else if (C == '.') {
      Push();
    } else {
      Cur += C;
    }
  }
  Push();
  return Segs;
}

Value getFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 2, 3);
  if (!Args[1].isString())
    argTypeError(Ctx, "dotted_string", {"String"}, Args[1]);
  const Value Default = Args.size() > 2 ? Args[2] : Value();
  if (Args[1].asString().empty())
    return Args[0].isUndef() ? Default : Args[0];
  const std::vector<Value> Path = splitDottedKey(Ctx, Args[1].asString());
  Value D = Args[0];
  for (size_t I = 0; I < Path.size(); ++I) {
    if (D.isUndef())
      break;
    Value K = Path[I];
    if (D.isHash() && K.isInteger() && !D.asHash().find(K))
      K = Value(std::to_string(K.asInteger()));
    if (!D.isHash() && !(D.isArray() && K.isInteger())) {
      const std::string Msg =
          D.isArray() ? "The given data requires an Integer index at " +
                            walkedPath(llvm::makeArrayRef(Path).slice(0, I + 1))
                      : "The given data does not contain a Collection at " +
                            walkedPath(llvm::makeArrayRef(Path).slice(0, I)) +
                            ", got '" + types::inferType(D).toString() + "'";
      if (Ctx.hasBlock())
        return Ctx.callBlock({makeHash({{"message", Value(Msg)}})});
      fail(Ctx, Msg);
    }
    D = step(D, K);
  }
  return D.isUndef() ? Default : D;
}

} // namespace

void cppet::registerCollectionFunctions(FunctionRegistry &R) {
  R.add("length", lengthFn);
  R.add("size", lengthFn);
  R.add("empty", emptyFn);
  R.add("keys", keysFn);
  R.add("values", valuesFn);
  R.add("flatten", flattenFn);
  R.add("unique", uniqueFn);
  R.add("sort", sortFn);
  R.add("compare", compareFn);
  R.add("dig", digFn);
  R.add("get", getFn);
}
