//===- FnStdlibData.cpp - stdlib's data and string functions --------------===//

#include "FnStdlibSupport.h"

#include "llvm/ADT/StringExtras.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <sstream>

using namespace cppet;
using namespace cppet::fn;
using namespace cppet::stdlibfn;

namespace {

bool isEmptyOrUndef(const Value &V) {
  return V.isUndef() || (V.isString() && V.asString().empty());
}

// --- merge, deep_merge ---------------------------------------------------

void mergeInto(HashData &Acc, const Value &R) {
  if (R.isHash())
    for (const auto &[K, V] : R.asHash())
      Acc.set(K, V);
}

Value mergeFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  HashData Acc;
  if (Ctx.hasBlock()) {
    checkArgCount(Ctx, Args, 1, 1);
    const Iteration It = iterate(Ctx, Args[0], "args");
    const bool Three = Ctx.blockParamCount() >= 3;
    for (const IterElement &E : It.Elements) {
      Value R;
      if (Three)
        R = Ctx.callBlock({Value(Acc), E.Key, E.Val});
      else
        R = Ctx.callBlock({Value(Acc), elementValue(It, E)});
      mergeInto(Acc, R);
    }
    return Value(std::move(Acc));
  }
  for (const Value &A : Args) {
    if (A.isHash() || isEmptyOrUndef(A)) {
      mergeInto(Acc, A);
      continue;
    }
    argTypeError(Ctx, "args", {"Hash", "Undef", "String"}, A);
  }
  return Value(std::move(Acc));
}

Value deepMerge(const Value &A, const Value &B) {
  HashData Out = A.asHash();
  for (const auto &[K, V] : B.asHash()) {
    const Value *Old = Out.find(K);
    if (Old && Old->isHash() && V.isHash())
      Out.set(K, deepMerge(*Old, V));
    else
      Out.set(K, V);
  }
  return Value(std::move(Out));
}

Value deepMergeFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() < 2)
    fail(Ctx, "deep_merge(): wrong number of arguments (" + count(Args) +
                  "; must be at least 2)");
  Value Result{HashData()};
  for (const Value &A : Args) {
    if (A.isString() && A.asString().empty())
      continue;
    if (!A.isHash())
      fail(Ctx, "deep_merge: unexpected argument type " + rubyClass(A) +
                    ", only expects hash arguments");
    Result = deepMerge(Result, A);
  }
  return Result;
}

// --- pick -----------------------------------------------------------------

Value pickFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  for (const Value &A : Args)
    if (!isEmptyOrUndef(A))
      return A;
  fail(Ctx, "pick(): must receive at least one non empty value");
}

Value pickDefaultFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.empty())
    fail(Ctx, "Must receive at least one argument.");
  for (const Value &A : Args.drop_back())
    if (!isEmptyOrUndef(A))
      return A;
  return Args.back();
}

// --- collections ------------------------------------------------------------

Value concatFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() < 2)
    fail(Ctx, "concat(): Wrong number of arguments given (" + count(Args) +
                  " for < 2)");
  if (!Args[0].isArray())
    fail(Ctx, "concat(): Requires array to work with");
  Array Out = Args[0].asArray();
  for (const Value &X : Args.drop_front()) {
    if (X.isArray())
      Out.insert(Out.end(), X.asArray().begin(), X.asArray().end());
    else
      Out.push_back(X);
  }
  return Value(std::move(Out));
}

/// Ruby's Array(x): arrays as-is, hashes as [k, v] pairs, nil as [].
Array rubyArray(const Value &V) {
  if (V.isArray())
    return V.asArray();
  if (V.isUndef())
    return {};
  if (V.isHash()) {
    Array Out;
    for (const auto &[K, E] : V.asHash())
      Out.push_back(makeArray({K, E}));
    return Out;
  }
  return {V};
}

bool contains(const Array &A, const Value &V) {
  return llvm::any_of(A, [&](const Value &E) { return rubyEquals(E, V); });
}

Value deleteFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() != 2)
    fail(Ctx,
         "delete(): Wrong number of arguments given " + count(Args) + " for 2");
  const Value &C = Args[0];
  const Array Items = rubyArray(Args[1]);
  if (C.isArray()) {
    Array Out;
    for (const Value &E : C.asArray())
      if (!contains(Items, E))
        Out.push_back(E);
    return Value(std::move(Out));
  }
  if (C.isHash()) {
    HashData Out = C.asHash();
    for (const Value &I : Items)
      Out.erase(I);
    return Value(std::move(Out));
  }
  if (C.isString()) {
    std::string S = C.asString();
    for (const Value &I : Items) {
      const std::string Needle = I.toRubyString();
      if (Needle.empty())
        continue;
      for (size_t P = S.find(Needle); P != std::string::npos;
           P = S.find(Needle, P))
        S.erase(P, Needle.size());
    }
    return Value(S);
  }
  fail(Ctx, "delete(): First argument must be an Array, String, or Hash. "
            "Given an argument of class " +
                rubyClass(C) + ".");
}

Value deleteAtFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() < 2)
    fail(Ctx, "delete_at(): Wrong number of arguments given (" + count(Args) +
                  " for 2)");
  if (!Args[0].isArray())
    fail(Ctx, "delete_at(): Requires array to work with");
  int64_t I = 0;
  if (Args[1].isInteger())
    I = Args[1].asInteger();
  else if (!Args[1].isString() ||
           llvm::StringRef(Args[1].asString()).getAsInteger(10, I))
    fail(Ctx, "delete_at(): You must provide non-negative numeric index");
  Array Out = Args[0].asArray();
  if (I < 0 || I >= static_cast<int64_t>(Out.size()))
    fail(Ctx, "delete_at(): Given index exceeds size of array given");
  Out.erase(Out.begin() + I);
  return Value(std::move(Out));
}

Value deleteRegexFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() != 2)
    fail(Ctx, "delete_regex(): Wrong number of arguments given " + count(Args) +
                  " for 2");
  std::vector<std::shared_ptr<const Regex>> Res;
  for (const Value &P : rubyArray(Args[1]))
    Res.push_back(compilePattern(Ctx, P));
  auto Hit = [&](const Value &V) {
    const std::string S = V.toRubyString();
    for (const auto &Re : Res) {
      std::optional<RegexMatch> M = Re->search(S);
      if (M && M->Begin == 0 && M->End == S.size())
        return true;
    }
    return false;
  };
  if (Args[0].isArray()) {
    Array Out;
    for (const Value &E : Args[0].asArray())
      if (!Hit(E))
        Out.push_back(E);
    return Value(std::move(Out));
  }
  if (Args[0].isHash()) {
    HashData Out;
    for (const auto &[K, V] : Args[0].asHash())
      if (!Hit(K))
        Out.set(K, V);
    return Value(std::move(Out));
  }
  if (Args[0].isString())
    return Hit(Args[0]) ? Value("") : Args[0];
  fail(Ctx, "delete_regex(): First argument must be an Array, Hash, or "
            "String. Given an argument of class " +
                rubyClass(Args[0]) + ".");
}

Value deleteUndefValuesFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.empty())
    fail(Ctx, "delete_undef_values(): Wrong number of arguments given (0)");
  const Value &C = Args[0];
  if (C.isArray()) {
    Array Out;
    for (const Value &E : C.asArray())
      if (!E.isUndef())
        Out.push_back(E);
    return Value(std::move(Out));
  }
  if (C.isHash()) {
    HashData Out;
    for (const auto &[K, V] : C.asHash())
      if (!V.isUndef())
        Out.set(K, V);
    return Value(std::move(Out));
  }
  fail(Ctx, "delete_undef_values(): expected an array or hash, got " +
                C.toRubyString() + " type  " + rubyClass(C) + " ");
}

Value deleteValuesFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() != 2)
    fail(Ctx, "delete_values(): Wrong number of arguments given (" +
                  count(Args) + " of 2)");
  if (!Args[0].isHash())
    fail(Ctx, "delete_values(): First argument must be a Hash. Given an "
              "argument of class " +
                  rubyClass(Args[0]) + ".");
  HashData Out;
  for (const auto &[K, V] : Args[0].asHash())
    if (!rubyEquals(V, Args[1]))
      Out.set(K, V);
  return Value(std::move(Out));
}

/// difference / intersection / union on two arrays (Ruby's -, &, |).
BuiltinFunction setOp(char Op) {
  return [Op](FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
    const std::string N = Ctx.name().str();
    if (Op == '|') {
      if (Args.size() < 2)
        fail(Ctx, "union(): Wrong number of arguments given (" + count(Args) +
                      " for < 2)");
    } else if (Args.size() != 2) {
      fail(Ctx, N + "(): Wrong number of arguments given (" + count(Args) +
                    " for 2)");
    }
    for (const Value &A : Args)
      if (!A.isArray())
        fail(Ctx, Op == '|' ? "union(): Every parameter must be an array"
                            : N + "(): Requires 2 arrays");
    auto Has = [](const Array &A, const Value &V) {
      return llvm::any_of(A, [&](const Value &E) { return E.strictEquals(V); });
    };
    Array Out;
    if (Op == '|') {
      for (const Value &A : Args)
        for (const Value &E : A.asArray())
          if (!Has(Out, E))
            Out.push_back(E);
      return Value(std::move(Out));
    }
    for (const Value &E : Args[0].asArray()) {
      const bool In = Has(Args[1].asArray(), E);
      if (Op == '-' ? !In : (In && !Has(Out, E)))
        Out.push_back(E);
    }
    return Value(std::move(Out));
  };
}

Value memberFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() < 2)
    fail(Ctx, "member(): Wrong number of arguments given (" + count(Args) +
                  " for 2)");
  if (!Args[0].isArray())
    fail(Ctx, "member(): Requires array to work with");
  const Value &Item = Args[1];
  if (!Item.isString() && !Item.isInteger() && !Item.isArray())
    fail(Ctx, "member(): Item to search for must be a string, fixnum, or "
              "array");
  const Array Items = Item.isArray() ? Item.asArray() : Array{Item};
  if (Items.empty() || (Item.isString() && Item.asString().empty()))
    fail(Ctx, "member(): You must provide item to search for within array "
              "given");
  for (const Value &I : Items)
    if (!llvm::any_of(Args[0].asArray(),
                      [&](const Value &E) { return E.strictEquals(I); }))
      return Value(false);
  return Value(true);
}

Value hasKeyFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() != 2)
    fail(Ctx, "has_key(): wrong number of arguments (" + count(Args) +
                  "; must be 2)");
  if (!Args[0].isHash())
    fail(Ctx, "has_key(): expects the first argument to be a hash, got " +
                  Args[0].toRubyInspect() + " which is of type " +
                  rubyClass(Args[0]));
  return Value(Args[0].asHash().find(Args[1]) != nullptr);
}

/// prefix / suffix.
BuiltinFunction affix(bool Prefix) {
  return [Prefix](FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
    const std::string N = Prefix ? "prefix" : "suffix";
    if (Args.empty())
      fail(Ctx, N + "(): Wrong number of arguments given (0 for 1)");
    const Value &C = Args[0];
    if (!C.isArray() && !C.isHash())
      fail(Ctx, N +
                    "(): expected first argument to be an Array or a Hash, "
                    "got " +
                    C.toRubyInspect());
    std::string Fix;
    if (Args.size() > 1 && Args[1].isTruthy()) {
      if (!Args[1].isString())
        fail(Ctx, N + "(): expected second argument to be a String, got " +
                      Args[1].toRubyInspect());
      Fix = Args[1].asString();
    }
    auto Apply = [&](const Value &V) {
      const std::string S = V.toRubyString();
      return Value(Prefix ? Fix + S : S + Fix);
    };
    if (C.isArray()) {
      Array Out;
      for (const Value &E : C.asArray())
        Out.push_back(Apply(E));
      return Value(std::move(Out));
    }
    HashData Out;
    for (const auto &[K, V] : C.asHash())
      Out.set(Apply(K), V);
    return Value(std::move(Out));
  };
}

Value joinKeysToValuesFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() != 2)
    fail(Ctx, "join_keys_to_values(): Takes exactly two arguments, but " +
                  count(Args) + " given.");
  if (!Args[0].isHash())
    fail(Ctx, "join_keys_to_values(): The first argument must be a hash, but "
              "a " +
                  rubyClass(Args[0]) + " was given.");
  if (!Args[1].isString())
    fail(Ctx, "join_keys_to_values(): The second argument must be a string, "
              "but a " +
                  rubyClass(Args[1]) + " was given.");
  const std::string &Sep = Args[1].asString();
  Array Out;
  for (const auto &[K, V] : Args[0].asHash()) {
    const std::string Key = K.toRubyString();
    if (V.isArray()) {
      for (const Value &E : V.asArray())
        Out.push_back(Value(Key + Sep + E.toRubyString()));
    } else if (V.toRubyString() == "undef") {
      Out.push_back(Value(Key));
    } else {
      Out.push_back(Value(Key + Sep + V.toRubyString()));
    }
  }
  return Value(std::move(Out));
}

Value valuesAtFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() < 2)
    fail(Ctx, "values_at(): Wrong number of arguments given (" + count(Args) +
                  " for 2)");
  if (!Args[0].isArray())
    fail(Ctx, "values_at(): Requires array to work with");
  const Array &A = Args[0].asArray();
  const int64_t Size = static_cast<int64_t>(A.size());
  Array Out;
  for (const Value &I : rubyArray(Args[1])) {
    llvm::StringRef S = I.isString() ? llvm::StringRef(I.asString()) : "";
    int64_t From, To;
    if (I.isInteger()) {
      From = To = I.asInteger();
    } else if (S.contains('-') && !S.startswith("-")) {
      auto [L, R] = S.split('-');
      if (L.trim().getAsInteger(10, From) || R.trim().getAsInteger(10, To))
        fail(Ctx, "values_at(): Unknown format of given index");
    } else if (!S.trim().getAsInteger(10, From)) {
      To = From;
    } else {
      fail(Ctx, "values_at(): Unknown format of given index");
    }
    if (From < 0 || To < 0)
      fail(Ctx, "values_at(): Unknown format of given index");
    if (From >= Size || To >= Size)
      fail(Ctx, "values_at(): Given index exceeds array size");
    for (int64_t J = From; J <= To; ++J)
      Out.push_back(A[J]);
  }
  return Value(std::move(Out));
}

Value countFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.empty() || Args.size() > 2)
    fail(Ctx, "count(): Wrong number of arguments given " + count(Args) +
                  " for 1 or 2.");
  const Array A = rubyArray(Args[0]);
  int64_t N = 0;
  for (const Value &E : A)
    N += Args.size() == 2
             ? rubyEquals(E, Args[1])
             : !(E.isUndef() || (E.isString() && E.asString().empty()));
  return Value(N);
}

Value any2arrayFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.empty())
    return Value(Array());
  if (Args.size() > 1)
    return Value(Array(Args.begin(), Args.end()));
  const Value &V = Args[0];
  if (V.isArray())
    return V;
  if (V.isString() && V.asString().empty())
    return Value(Array());
  if (V.isHash()) {
    Array Out;
    for (const auto &[K, E] : V.asHash()) {
      Out.push_back(K);
      Out.push_back(E);
    }
    return Value(std::move(Out));
  }
  return Value(Array{V});
}

Value hashFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.empty())
    fail(Ctx, "hash(): Wrong number of arguments given (0 for 1)");
  if (!Args[0].isArray())
    fail(Ctx, "hash(): Requires array to work with");
  std::vector<Value> Flat;
  std::function<void(const Value &)> Flatten = [&](const Value &V) {
    if (V.isArray())
      for (const Value &E : V.asArray())
        Flatten(E);
    else
      Flat.push_back(V);
  };
  Flatten(Args[0]);
  if (Flat.size() % 2)
    fail(Ctx, "hash(): Unable to compute hash from array given");
  HashData Out;
  for (size_t I = 0; I < Flat.size(); I += 2)
    Out.set(Flat[I], Flat[I + 1]);
  return Value(std::move(Out));
}

Value zipFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() < 2)
    fail(Ctx,
         "zip(): Wrong number of arguments given (" + count(Args) + " for 2)");
  const Array A = rubyArray(Args[0]), B = rubyArray(Args[1]);
  const bool Flatten = Args.size() > 2 && Args[2].isTruthy();
  Array Out;
  for (size_t I = 0; I < A.size(); ++I) {
    const Value Other = I < B.size() ? B[I] : Value();
    if (Flatten) {
      Out.push_back(A[I]);
      Out.push_back(Other);
    } else {
      Out.push_back(makeArray({A[I], Other}));
    }
  }
  return Value(std::move(Out));
}

Value grepFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() != 2)
    fail(Ctx,
         "grep(): Wrong number of arguments given (" + count(Args) + " for 2)");
  std::shared_ptr<const Regex> Re = compilePattern(Ctx, Args[1]);
  Array Out;
  for (const Value &E : rubyArray(Args[0]))
    if (E.isString() && Re->matches(E.asString()))
      Out.push_back(E);
  return Value(std::move(Out));
}

Value rangeFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.empty())
    fail(Ctx, "range(): Wrong number of arguments given (0 for 1)");
  Value Start = Args[0], Stop;
  int64_t Step = 1;
  if (Args.size() > 1) {
    Stop = Args[1];
    if (Args.size() > 2) {
      Step = std::llabs(Args[2].isInteger()
                            ? Args[2].asInteger()
                            : std::atoll(Args[2].toRubyString().c_str()));
      if (Step == 0)
        Step = 1;
    }
  } else {
    const std::string StartText = Start.toRubyString();
    llvm::StringRef S = StartText;
    const size_t Dots = S.find("..");
    if (Dots == llvm::StringRef::npos)
      fail(Ctx, "range(): Unable to compute range from the value: " + S.str());
    const bool Exclusive = S.substr(Dots).startswith("...");
    Stop = Value(S.drop_front(Dots + (Exclusive ? 3 : 2)));
    Start = Value(S.take_front(Dots));
    if (Exclusive) {
      int64_t E;
      if (!llvm::StringRef(Stop.asString()).getAsInteger(10, E))
        Stop = Value(E - 1);
    }
  }
  auto AsInt = [](const Value &V, int64_t &Out) {
    if (V.isInteger()) {
      Out = V.asInteger();
      return true;
    }
    return V.isString() && !llvm::StringRef(V.asString()).getAsInteger(10, Out);
  };
  int64_t A, B;
  Array Out;
  if (AsInt(Start, A) && AsInt(Stop, B)) {
    for (int64_t I = A; I <= B; I += Step)
      Out.push_back(Value(I));
    return Value(std::move(Out));
  }
  // String ranges: single letters ('a'..'e') as Ruby's String#succ does.
  const std::string S = Start.toRubyString(), E = Stop.toRubyString();
  if (S.size() == 1 && E.size() == 1 && S <= E) {
    int64_t N = 0;
    for (char C = S[0]; C <= E[0]; ++C, ++N)
      if (N % Step == 0)
        Out.push_back(Value(std::string(1, C)));
    return Value(std::move(Out));
  }
  fail(Ctx, "range(): Unable to compute range from the value: " + S);
}

// --- booleans -------------------------------------------------------------

std::optional<bool> strToBool(llvm::StringRef S) {
  if (S.empty())
    return false;
  const std::string L = S.lower();
  if (L == "1" || L == "t" || L == "y" || L == "true" || L == "yes")
    return true;
  if (L == "0" || L == "f" || L == "n" || L == "false" || L == "no" ||
      S == "undef" || S == "undefined")
    return false;
  return std::nullopt;
}

Value str2boolFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.empty())
    fail(Ctx, "str2bool(): Wrong number of arguments given (0 for 1)");
  if (Args[0].isBoolean())
    return Args[0];
  if (!Args[0].isString())
    fail(Ctx, "str2bool(): Requires string to work with");
  const std::optional<bool> B = strToBool(Args[0].asString());
  if (!B)
    fail(Ctx, "str2bool(): Unknown type of boolean given");
  return Value(*B);
}

Value bool2strFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() != 1 && Args.size() != 3)
    fail(Ctx, "bool2str(): Wrong number of arguments given (" + count(Args) +
                  " for 3)");
  if (!Args[0].isBoolean())
    fail(Ctx, "bool2str(): Requires a boolean to work with");
  const Value T = Args.size() > 1 && Args[1].isTruthy() ? Args[1] : "true";
  const Value F = Args.size() > 2 && Args[2].isTruthy() ? Args[2] : "false";
  if (!T.isString() || !F.isString())
    fail(Ctx, "bool2str(): Requires strings to convert to");
  return Args[0].asBoolean() ? T : F;
}

Value num2bool(FunctionContext &Ctx, const Value &V) {
  double D = 0;
  if (V.isNumber()) {
    D = V.asNumber();
  } else if (V.isString()) {
    llvm::StringRef S = llvm::StringRef(V.asString()).trim();
    std::string Clean = S.str();
    Clean.erase(std::remove(Clean.begin(), Clean.end(), '_'), Clean.end());
    int64_t I;
    if (!llvm::StringRef(Clean).getAsInteger(0, I))
      D = static_cast<double>(I);
    else if (Clean.empty() || llvm::StringRef(Clean).getAsDouble(D))
      fail(Ctx, "num2bool(): '" + V.asString() +
                    "' does not look like a number: invalid value for "
                    "Float(): " +
                    Value(V.asString()).toRubyInspect());
  } else {
    D = 0; // Ruby's to_s.to_i of anything else
  }
  return Value(static_cast<int64_t>(D) > 0);
}

Value num2boolFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() != 1)
    fail(Ctx, "num2bool(): Wrong number of arguments given (" + count(Args) +
                  " for 1)");
  return num2bool(Ctx, Args[0]);
}

Value bool2numFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.empty())
    fail(Ctx, "bool2num(): Wrong number of arguments given (0 for 1)");
  const Value B = str2boolFn(Ctx, Args.take_front());
  return Value(static_cast<int64_t>(B.asBoolean() ? 1 : 0));
}

Value any2boolFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.empty())
    fail(Ctx, "any2bool(): Wrong number of arguments given (0 for 1)");
  const Value &V = Args[0];
  if (V.isBoolean())
    return V;
  if (V.isUndef())
    return Value(false);
  if (V.isNumber())
    return num2bool(Ctx, V);
  if (V.isString()) {
    double D;
    if (!llvm::StringRef(V.asString()).trim().getAsDouble(D))
      return num2bool(Ctx, V);
    return str2boolFn(Ctx, Args.take_front());
  }
  return Value(true);
}

// --- strings and paths ------------------------------------------------------

/// Applies a string transformation to a string or to each string of an
/// array (3.x functions like swapcase, squeeze).
Value mapStrings(const Value &V,
                 const std::function<std::string(llvm::StringRef)> &F) {
  if (V.isArray()) {
    Array Out;
    for (const Value &E : V.asArray())
      Out.push_back(E.isString() ? Value(F(E.asString())) : E);
    return Value(std::move(Out));
  }
  return Value(F(V.asString()));
}

Value swapcaseFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() != 1)
    fail(Ctx, "swapcase(): Wrong number of arguments given (" + count(Args) +
                  " for 1)");
  if (!Args[0].isArray() && !Args[0].isString())
    fail(Ctx, "swapcase(): Requires either array or string to work with");
  return mapStrings(Args[0], [](llvm::StringRef S) {
    std::string O = S.str();
    for (char &C : O)
      C = (C >= 'A' && C <= 'Z') ? llvm::toLower(C) : llvm::toUpper(C);
    return O;
  });
}

Value squeezeFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.empty() || Args.size() > 2)
    fail(Ctx, "squeeze(): Wrong number of arguments given " + count(Args) +
                  " for 2");
  const std::string Set =
      Args.size() > 1 && Args[1].isString() ? Args[1].asString() : "";
  auto Squeeze = [&](llvm::StringRef S) {
    std::vector<std::string> Chars = utf8Chars(S);
    std::string O;
    for (size_t I = 0; I < Chars.size(); ++I) {
      if (I > 0 && Chars[I] == Chars[I - 1] &&
          (Set.empty() || Set.find(Chars[I]) != std::string::npos))
        continue;
      O += Chars[I];
    }
    return O;
  };
  if (!Args[0].isArray() && !Args[0].isString())
    return Args[0];
  return mapStrings(Args[0], Squeeze);
}

Value dirnameFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.empty())
    fail(Ctx, "dirname(): No arguments given");
  if (Args.size() > 1)
    fail(Ctx, "dirname(): Too many arguments given (" + count(Args) + ")");
  if (!Args[0].isString())
    fail(Ctx, "dirname(): Requires string as argument");
  llvm::StringRef S = Args[0].asString();
  if (S.empty())
    fail(Ctx, "dirname(): Requires a non-empty string as argument");
  // Ruby's File.dirname.
  const bool Abs = S.startswith("/");
  S = S.rtrim('/');
  const size_t Slash = S.rfind('/');
  if (Slash == llvm::StringRef::npos)
    return Value(Abs ? "/" : ".");
  S = S.take_front(Slash).rtrim('/');
  return Value(S.empty() ? "/" : S);
}

std::string rubyBasename(llvm::StringRef S, llvm::StringRef Ext) {
  if (S.find_first_not_of('/') == llvm::StringRef::npos)
    return S.empty() ? "" : "/";
  S = S.rtrim('/');
  S = S.substr(S.rfind('/') + 1);
  if (Ext == ".*") {
    const size_t Dot = S.rfind('.');
    if (Dot != llvm::StringRef::npos && Dot > 0)
      S = S.take_front(Dot);
  } else if (!Ext.empty() && S.endswith(Ext) && S != Ext) {
    S = S.drop_back(Ext.size());
  }
  return S.str();
}

Value basenameFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.empty())
    fail(Ctx, "basename(): No arguments given");
  if (Args.size() > 2)
    fail(Ctx, "basename(): Too many arguments given (" + count(Args) + ")");
  if (!Args[0].isString())
    fail(Ctx, "basename(): Requires string as first argument");
  if (Args.size() == 2 && !Args[1].isString())
    fail(Ctx, "basename(): Requires string as second argument");
  return Value(rubyBasename(Args[0].asString(),
                            Args.size() == 2 ? Args[1].asString() : ""));
}

Value extnameFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 1);
  if (!Args[0].isString())
    argTypeError(Ctx, "filename", {"String"}, Args[0]);
  const std::string Base = rubyBasename(Args[0].asString(), "");
  const size_t Dot = Base.rfind('.');
  if (Dot == std::string::npos || Dot == 0 || Dot + 1 == Base.size())
    return Value("");
  return Value(Base.substr(Dot));
}

Value toBytesFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() != 1)
    fail(Ctx, "to_bytes(): Wrong number of arguments given (" + count(Args) +
                  " for 1)");
  if (Args[0].isNumber())
    return Args[0];
  const std::string Text = Args[0].toRubyString();
  llvm::StringRef S = Text;
  size_t N = 0;
  while (N < S.size() && llvm::StringRef("0123456789.e+-").contains(S[N]))
    ++N;
  double D = 0;
  if (S.take_front(N).getAsDouble(D)) {
    // Ruby's to_f: the longest numeric prefix.
    D = std::atof(S.take_front(N).str().c_str());
  }
  llvm::StringRef Rest = S.drop_front(N).ltrim();
  const char Prefix =
      Rest.empty() || Rest[0] == 'b' || Rest[0] == 'B' ? '\0' : Rest[0];
  static const std::string Units = "kMGTPE";
  if (Prefix == '\0')
    return Value(static_cast<int64_t>(D));
  const size_t U = Units.find(Prefix);
  if (U == std::string::npos)
    fail(Ctx, std::string("to_bytes(): Unknown prefix ") + Prefix);
  return Value(static_cast<int64_t>(D * std::ldexp(1.0, 10 * (U + 1))));
}

Value shellEscape(llvm::StringRef S) {
  if (S.empty())
    return Value("''");
  std::string O;
  for (char C : S) {
    if (C == '\n') {
      O += "'\n'";
      continue;
    }
    if (!(llvm::isAlnum(C) || llvm::StringRef("_-.,:+/@").contains(C) ||
          static_cast<unsigned char>(C) >= 0x80))
      O += '\\';
    O += C;
  }
  return Value(O);
}

Value shellEscapeFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 1);
  return shellEscape(Args[0].toRubyString());
}

Value shellJoinFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() != 1)
    fail(Ctx, "shell_join(): Wrong number of arguments given (" + count(Args) +
                  " for 1)");
  if (!Args[0].isArray())
    fail(Ctx, "First argument is not an Array: " + Args[0].toRubyInspect());
  std::string O;
  for (const Value &E : Args[0].asArray()) {
    if (!O.empty())
      O += ' ';
    O += shellEscape(E.toRubyString()).asString();
  }
  return Value(O);
}

Value regexpescapeFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() != 1)
    fail(Ctx, "regexpescape(): Wrong number of arguments given (" +
                  count(Args) + " for 1)");
  if (!Args[0].isArray() && !Args[0].isString())
    fail(Ctx, "regexpescape(): Requires either array or string to work with");
  return mapStrings(Args[0], [](llvm::StringRef S) {
    std::string O;
    for (char C : S) {
      switch (C) {
      case '\n':
        O += "\\n";
        continue;
      case '\t':
        O += "\\t";
        continue;
      case '\r':
        O += "\\r";
        continue;
      case '\f':
        O += "\\f";
        continue;
      case ' ':
        O += "\\ ";
        continue;
      default:
        break;
      }
      if (llvm::StringRef(".*?+^$|()[]{}\\/-#").contains(C))
        O += '\\';
      O += C;
    }
    return O;
  });
}

BuiltinFunction startEnd(bool Start) {
  return [Start](FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
    checkArgCount(Ctx, Args, 2, 2);
    if (!Args[0].isString())
      argTypeError(Ctx, "test_string", {"String"}, Args[0]);
    const Array Fixes = Args[1].isArray() ? Args[1].asArray() : Array{Args[1]};
    llvm::StringRef S = Args[0].asString();
    for (const Value &F : Fixes)
      if (F.isString() &&
          (Start ? S.startswith(F.asString()) : S.endswith(F.asString())))
        return Value(true);
    return Value(false);
  };
}

// --- JSON and YAML ----------------------------------------------------------

std::string jsonString(llvm::StringRef S) {
  std::string O = "\"";
  for (unsigned char C : S) {
    switch (C) {
    case '"':
      O += "\\\"";
      break;
    case '\\':
      O += "\\\\";
      break;
    case '\n':
      O += "\\n";
      break;
    case '\r':
      O += "\\r";
      break;
    case '\t':
      O += "\\t";
      break;
    case '\b':
      O += "\\b";
      break;
    case '\f':
      O += "\\f";
      break;
    default:
      if (C < 0x20) {
        char Buf[8];
        snprintf(Buf, sizeof(Buf), "\\u%04x", C);
        O += Buf;
      } else {
        O += static_cast<char>(C);
      }
    }
  }
  return O + "\"";
}

/// Ruby's JSON.generate (Indent empty) or JSON.pretty_generate.
void writeJson(const Value &V, std::string &O, const std::string &Indent,
               int Depth) {
  const bool Pretty = !Indent.empty();
  auto NewLine = [&](int D) {
    if (!Pretty)
      return;
    O += '\n';
    for (int I = 0; I < D; ++I)
      O += Indent;
  };
  switch (V.kind()) {
  case Value::Kind::Undef:
    O += "null";
    return;
  case Value::Kind::Boolean:
    O += V.asBoolean() ? "true" : "false";
    return;
  case Value::Kind::Integer:
    O += std::to_string(V.asInteger());
    return;
  case Value::Kind::Float:
    O += formatFloat(V.asFloat());
    return;
  case Value::Kind::Array: {
    if (V.asArray().empty()) {
      O += "[]";
      return;
    }
    O += '[';
    bool First = true;
    for (const Value &E : V.asArray()) {
      if (!First)
        O += ',';
      First = false;
      NewLine(Depth + 1);
      writeJson(E, O, Indent, Depth + 1);
    }
    NewLine(Depth);
    O += ']';
    return;
  }
  case Value::Kind::Hash: {
    if (V.asHash().empty()) {
      O += "{}";
      return;
    }
    O += '{';
    bool First = true;
    for (const auto &[K, E] : V.asHash()) {
      if (!First)
        O += ',';
      First = false;
      NewLine(Depth + 1);
      O += jsonString(K.toRubyString());
      O += Pretty ? ": " : ":";
      writeJson(E, O, Indent, Depth + 1);
    }
    NewLine(Depth);
    O += '}';
    return;
  }
  default:
    O += jsonString(V.toString());
  }
}

Value toJsonFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 1);
  std::string O;
  writeJson(Args[0], O, "", 0);
  return Value(O);
}

Value toJsonPrettyFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 3);
  if (!Args[0].isArray() && !Args[0].isHash())
    argTypeError(Ctx, "data", {"Hash", "Array"}, Args[0]);
  Value Data = Args[0];
  if (Args.size() > 1 && Args[1].isTruthy()) {
    if (Data.isArray()) {
      Array A;
      for (const Value &E : Data.asArray())
        if (!E.isUndef())
          A.push_back(E);
      Data = Value(std::move(A));
    } else {
      HashData H;
      for (const auto &[K, E] : Data.asHash())
        if (!E.isUndef())
          H.set(K, E);
      Data = Value(std::move(H));
    }
  }
  std::string Indent = "  ";
  if (Args.size() > 2 && Args[2].isHash())
    if (const Value *I = Args[2].asHash().find("indent"))
      if (I->isString())
        Indent = I->asString();
  std::string O;
  writeJson(Data, O, Indent, 0);
  return Value(O + "\n");
}

Value fromJson(const nlohmann::ordered_json &J) {
  switch (J.type()) {
  case nlohmann::json::value_t::null:
    return Value();
  case nlohmann::json::value_t::boolean:
    return Value(J.get<bool>());
  case nlohmann::json::value_t::number_integer:
  case nlohmann::json::value_t::number_unsigned:
    return Value(J.get<int64_t>());
  case nlohmann::json::value_t::number_float:
    return Value(J.get<double>());
  case nlohmann::json::value_t::string:
    return Value(J.get<std::string>());
  case nlohmann::json::value_t::array: {
    Array A;
    for (const auto &E : J)
      A.push_back(fromJson(E));
    return Value(std::move(A));
  }
  case nlohmann::json::value_t::object: {
    HashData H;
    for (const auto &[K, E] : J.items())
      H.set(Value(K), fromJson(E));
    return Value(std::move(H));
  }
  default:
    return Value();
  }
}

Value parsejsonFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.empty() || Args.size() > 2)
    fail(Ctx, "parsejson(): Wrong number of arguments given (" + count(Args) +
                  " for 1 or 2)");
  auto J =
      nlohmann::ordered_json::parse(Args[0].toRubyString(), nullptr, false);
  if (J.is_discarded()) {
    if (Args.size() > 1)
      return Args[1];
    fail(Ctx,
         "parsejson(): unexpected token in '" + Args[0].toRubyString() + "'");
  }
  return fromJson(J);
}

Value loadjsonFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.empty() || Args.size() > 2)
    fail(Ctx, "loadjson(): Wrong number of arguments given (" + count(Args) +
                  " for 1 or 2)");
  std::ifstream In(Args[0].toRubyString());
  if (!In) {
    Ctx.log("warning",
            "Can't load '" + Args[0].toRubyString() + "' File does not exist!");
    return Args.size() > 1 ? Args[1] : Value(false);
  }
  std::stringstream SS;
  SS << In.rdbuf();
  auto J = nlohmann::ordered_json::parse(SS.str(), nullptr, false);
  if (J.is_discarded())
    return Args.size() > 1 ? Args[1] : Value(false);
  return fromJson(J);
}

/// A YAML scalar as Psych emits it (quoted when it would read back as
/// something else).
std::string yamlScalar(const Value &V) {
  if (V.isUndef())
    return "";
  if (V.isBoolean() || V.isNumber())
    return V.toString();
  std::string S = V.toRubyString();
  // Psych's choices first (Visitors::YAMLTree#visit_String), then what
  // libyaml refuses to write plain.
  if (S == "<<")
    return "'<<'";
  if (S == "y" || S == "Y" || S == "n" || S == "N")
    return "\"" + S + "\"";
  const auto IsWord = [](char C) {
    return std::isalnum(static_cast<unsigned char>(C)) || C == '_' ||
           static_cast<unsigned char>(C) >= 0x80;
  };
  if (S.find('\n') == std::string::npos && !S.empty() && !IsWord(S[0]) &&
      S.find('"') == std::string::npos)
    return jsonString(S); // /^[^[:word:]][^"]*$/: double-quoted
  const bool NeedsQuote =
      S.empty() || strToBool(S).has_value() || S == "null" || S == "~" ||
      llvm::StringRef(":-?[]{},#&*!|>'\"%@`").contains(S[0]) ||
      S.find(": ") != std::string::npos || S.find(" #") != std::string::npos ||
      S.back() == ' ' || S.front() == ' ' || S.back() == ':' || [&] {
        double D;
        return !llvm::StringRef(S).getAsDouble(D);
      }();
  if (S.find('\n') != std::string::npos)
    return jsonString(S);
  if (!NeedsQuote)
    return S;
  std::string O = "'";
  for (char C : S)
    O += C == '\'' ? std::string("''") : std::string(1, C);
  return O + "'";
}

void writeYaml(const Value &V, std::string &O, int Indent, bool InSeq) {
  const std::string Pad(Indent, ' ');
  if (V.isArray()) {
    if (V.asArray().empty()) {
      O += " []\n";
      return;
    }
    if (!InSeq)
      O += "\n";
    bool First = InSeq;
    for (const Value &E : V.asArray()) {
      O += First ? "" : Pad;
      First = false;
      O += "-";
      if (E.isArray() || E.isHash()) {
        if ((E.isArray() && E.asArray().empty()) ||
            (E.isHash() && E.asHash().empty())) {
          writeYaml(E, O, Indent + 2, false);
        } else {
          O += " ";
          writeYaml(E, O, Indent + 2, true);
        }
      } else {
        O += " " + yamlScalar(E) + "\n";
      }
    }
    return;
  }
  if (V.isHash()) {
    if (V.asHash().empty()) {
      O += " {}\n";
      return;
    }
    if (!InSeq)
      O += "\n";
    bool First = InSeq;
    for (const auto &[K, E] : V.asHash()) {
      O += First ? "" : Pad;
      First = false;
      O += yamlScalar(K) + ":";
      if (E.isArray())
        writeYaml(E, O, Indent, false);
      else if (E.isHash())
        writeYaml(E, O, Indent + 2, false);
      else
        O += (E.isUndef() ? "" : " " + yamlScalar(E)) + "\n";
    }
    return;
  }
  O += " " + yamlScalar(V) + "\n";
}

Value toYamlFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 2);
  return Value(toYamlDocument(Args[0]));
}

// --- misc -------------------------------------------------------------------

Value dig44Fn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() < 2 || Args.size() > 3)
    fail(Ctx, "dig44(): Wrong number of arguments given (" + count(Args) +
                  " for at least 2)");
  if (!Args[0].isArray() && !Args[0].isHash())
    fail(Ctx, "dig44(): The data structure is not a Hash or an Array!");
  if (!Args[1].isArray())
    fail(Ctx, "dig44(): The path is not an Array!");
  Value Default = Args.size() > 2 ? Args[2] : Value();
  Value Cur = Args[0];
  for (const Value &K : Args[1].asArray()) {
    const Value *Next = nullptr;
    if (Cur.isHash()) {
      Next = Cur.asHash().find(K);
    } else if (Cur.isArray() && K.isInteger()) {
      int64_t I = K.asInteger();
      const int64_t N = static_cast<int64_t>(Cur.asArray().size());
      if (I < 0)
        I += N;
      if (I >= 0 && I < N)
        Next = &Cur.asArray()[I];
    }
    if (!Next || Next->isUndef())
      return Default;
    Cur = *Next;
  }
  return Cur;
}

Value typeOfFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 1);
  return Value(types::inferType(Args[0]));
}

Value convertBaseFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() != 2)
    fail(Ctx, "convert_base(): Wrong number of arguments given (" +
                  count(Args) + " for 2)");
  int64_t N = 0, Base = 0;
  if (Args[0].isInteger())
    N = Args[0].asInteger();
  else if (!Args[0].isString() ||
           llvm::StringRef(Args[0].asString()).getAsInteger(10, N))
    fail(Ctx, "convert_base(): First argument must be either a string or an "
              "integer");
  if (Args[1].isInteger())
    Base = Args[1].asInteger();
  else if (!Args[1].isString() ||
           llvm::StringRef(Args[1].asString()).getAsInteger(10, Base))
    fail(Ctx, "convert_base(): Second argument must be either a string or an "
              "integer");
  if (Base < 2 || Base > 36)
    fail(Ctx, "convert_base(): base must be at least 2 and must not be "
              "greater than 36");
  const bool Neg = N < 0;
  uint64_t U = Neg ? -static_cast<uint64_t>(N) : static_cast<uint64_t>(N);
  std::string O;
  do {
    O.insert(O.begin(), "0123456789abcdefghijklmnopqrstuvwxyz"[U % Base]);
    U /= Base;
  } while (U);
  return Value(Neg ? "-" + O : O);
}

Value enclosIpv6Fn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() != 1)
    fail(Ctx, "enclose_ipv6(): Wrong number of arguments given " + count(Args) +
                  " for 1");
  const Array In = rubyArray(Args[0]);
  Array Out;
  for (const Value &E : In) {
    const std::string S = E.toRubyString();
    Out.push_back(S.find(':') != std::string::npos && S.front() != '['
                      ? Value("[" + S + "]")
                      : Value(S));
  }
  if (Args[0].isArray())
    return Value(std::move(Out));
  return Out.empty() ? Value("") : Out[0];
}

} // namespace

std::string cppet::stdlibfn::toYamlDocument(const Value &V) {
  std::string O = "---";
  writeYaml(V, O, 0, false);
  return O;
}

void stdlibfn::registerStdlibDataFunctions(FunctionRegistry &R) {
  add4(R, "merge", mergeFn);
  add3(R, "deep_merge", deepMergeFn);
  add3(R, "pick", pickFn);
  add3(R, "pick_default", pickDefaultFn);
  add3(R, "concat", concatFn);
  add3(R, "delete", deleteFn);
  add3(R, "delete_at", deleteAtFn);
  add3(R, "delete_regex", deleteRegexFn);
  add3(R, "delete_undef_values", deleteUndefValuesFn);
  add3(R, "delete_values", deleteValuesFn);
  add3(R, "difference", setOp('-'));
  add3(R, "intersection", setOp('&'));
  add3(R, "union", setOp('|'));
  add3(R, "member", memberFn);
  add3(R, "has_key", hasKeyFn);
  add3(R, "prefix", affix(true));
  add3(R, "suffix", affix(false));
  add3(R, "join_keys_to_values", joinKeysToValuesFn);
  add3(R, "values_at", valuesAtFn);
  add3(R, "count", countFn);
  add3(R, "any2array", any2arrayFn);
  add3(R, "hash", hashFn);
  add3(R, "zip", zipFn);
  add3(R, "grep", grepFn);
  add3(R, "range", rangeFn);
  add3(R, "str2bool", str2boolFn);
  add3(R, "bool2str", bool2strFn);
  add3(R, "num2bool", num2boolFn);
  add3(R, "bool2num", bool2numFn);
  add3(R, "any2bool", any2boolFn);
  add3(R, "swapcase", swapcaseFn);
  add3(R, "squeeze", squeezeFn);
  add3(R, "dirname", dirnameFn);
  add3(R, "basename", basenameFn);
  add4(R, "stdlib::extname", extnameFn);
  add3(R, "to_bytes", toBytesFn);
  add4(R, "shell_escape", shellEscapeFn);
  add3(R, "shell_join", shellJoinFn);
  add3(R, "regexpescape", regexpescapeFn);
  add4(R, "stdlib::start_with", startEnd(true));
  add4(R, "stdlib::end_with", startEnd(false));
  add4(R, "to_json", toJsonFn);
  add4(R, "to_json_pretty", toJsonPrettyFn);
  add4(R, "to_yaml", toYamlFn);
  add3(R, "parsejson", parsejsonFn);
  add3(R, "loadjson", loadjsonFn);
  add3(R, "dig44", dig44Fn);
  add4(R, "type_of", typeOfFn);
  add3(R, "convert_base", convertBaseFn);
  add3(R, "enclose_ipv6", enclosIpv6Fn);
}
