//===- FnIteration.cpp - each, map, filter, reduce, ... ------------------===//
//
// Iteration functions take an Iterable and a lambda. Arrays pass (value) or
// (index, value); hashes pass ([key, value]) or (key, value). A `break` in
// the lambda stops the iteration; each function then returns what it would
// have returned at that point.
//
//===----------------------------------------------------------------------===//

#include "FnSupport.h"

using namespace cppet;
using namespace cppet::fn;

namespace {

Value eachFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 1);
  requireBlock(Ctx);
  const Iteration It = iterate(Ctx, Args[0], "enumerable");
  for (const IterElement &E : It.Elements) {
    callForElement(Ctx, It, E);
    if (Ctx.breakRequested())
      break;
  }
  return Args[0];
}

Value reverseEachFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 1);
  const Iteration It = iterate(Ctx, Args[0], "iterable");
  if (!Ctx.hasBlock()) {
    Array Result;
    for (auto E = It.Elements.rbegin(); E != It.Elements.rend(); ++E)
      Result.push_back(elementValue(It, *E));
    return Value(std::move(Result));
  }
  for (auto E = It.Elements.rbegin(); E != It.Elements.rend(); ++E) {
    Ctx.callBlock({elementValue(It, *E)});
    if (Ctx.breakRequested())
      break;
  }
  return Args[0];
}

Value mapFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 1);
  requireBlock(Ctx);
  const Iteration It = iterate(Ctx, Args[0], "enumerable");
  Array Result;
  for (const IterElement &E : It.Elements) {
    Value R = callForElement(Ctx, It, E);
    if (Ctx.breakRequested())
      break;
    Result.push_back(std::move(R));
  }
  return Value(std::move(Result));
}

Value filterFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 1);
  requireBlock(Ctx);
  const Iteration It = iterate(Ctx, Args[0], "enumerable");
  Array Kept;
  HashData KeptHash;
  for (const IterElement &E : It.Elements) {
    const bool Keep = callForElement(Ctx, It, E).isTruthy();
    if (Ctx.breakRequested())
      break;
    if (!Keep)
      continue;
    if (It.IsHash)
      KeptHash.set(E.Key, E.Val);
    else
      Kept.push_back(E.Val);
  }
  if (It.IsHash)
    return Value(std::move(KeptHash));
  return Value(std::move(Kept));
}

Value reduceFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 2);
  requireBlock(Ctx);
  const Iteration It = iterate(Ctx, Args[0], "enumerable");
  size_t Start = 0;
  Value Memo;
  if (Args.size() == 2) {
    Memo = Args[1];
  } else {
    if (It.Elements.empty())
      return Value();
    Memo = elementValue(It, It.Elements[0]);
    Start = 1;
  }
  for (size_t I = Start; I < It.Elements.size(); ++I) {
    Value Next = Ctx.callBlock({Memo, elementValue(It, It.Elements[I])});
    if (Ctx.breakRequested())
      break;
    Memo = std::move(Next);
  }
  return Memo;
}

Value withFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  requireBlock(Ctx);
  return Ctx.callBlock(Args);
}

Value thenFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 1);
  requireBlock(Ctx);
  if (Args[0].isUndef())
    return Value();
  return Ctx.callBlock({Args[0]});
}

Value lestFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 1);
  requireBlock(Ctx);
  if (!Args[0].isUndef())
    return Args[0];
  return Ctx.callBlock({});
}

int64_t positiveCount(FunctionContext &Ctx, const Value &V,
                      llvm::StringRef Param) {
  if (!V.isInteger() || V.asInteger() < 1)
    argTypeError(Ctx, Param, {"Integer[1]"}, V);
  return V.asInteger();
}

Value sliceFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 2, 2);
  const Iteration It = iterate(Ctx, Args[0], "collection");
  const auto N = static_cast<size_t>(positiveCount(Ctx, Args[1], "slice_size"));
  std::vector<Array> Slices;
  for (size_t I = 0; I < It.Elements.size(); I += N) {
    Array Slice;
    for (size_t J = I; J < It.Elements.size() && J < I + N; ++J)
      Slice.push_back(elementValue(It, It.Elements[J]));
    Slices.push_back(std::move(Slice));
  }
  if (!Ctx.hasBlock()) {
    Array Result;
    for (Array &S : Slices)
      Result.push_back(Value(std::move(S)));
    return Value(std::move(Result));
  }
  for (Array &S : Slices) {
    if (Ctx.blockParamCount() == 1)
      Ctx.callBlock({Value(S)});
    else
      Ctx.callBlock(S);
    if (Ctx.breakRequested())
      break;
  }
  return Args[0];
}

Value stepFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 2, 2);
  const Iteration It = iterate(Ctx, Args[0], "iterable");
  const auto N = static_cast<size_t>(positiveCount(Ctx, Args[1], "step"));
  Array Picked;
  for (size_t I = 0; I < It.Elements.size(); I += N)
    Picked.push_back(elementValue(It, It.Elements[I]));
  if (!Ctx.hasBlock())
    return Value(std::move(Picked));
  for (const Value &V : Picked) {
    Ctx.callBlock({V});
    if (Ctx.breakRequested())
      break;
  }
  return Args[0];
}

/// any/all: stops at the first element whose lambda result is Wanted.
Value quantify(FunctionContext &Ctx, llvm::ArrayRef<Value> Args, bool Wanted) {
  checkArgCount(Ctx, Args, 1, 1);
  requireBlock(Ctx);
  const Iteration It = iterate(Ctx, Args[0], "enumerable");
  for (const IterElement &E : It.Elements) {
    const bool R = callForElement(Ctx, It, E).isTruthy();
    if (Ctx.breakRequested())
      break;
    if (R == Wanted)
      return Value(Wanted);
  }
  return Value(!Wanted);
}

Value indexOfSubstring(const std::string &S, const std::string &Sub) {
  const size_t Pos = S.find(Sub);
  if (Pos == std::string::npos)
    return Value();
  int64_t Chars = 0;
  for (size_t I = 0; I < Pos; ++I)
    if ((static_cast<unsigned char>(S[I]) & 0xC0) != 0x80)
      ++Chars;
  return Value(Chars);
}

Value indexFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 2);
  if (Args.size() == 2 && Args[0].isString() && Args[1].isString())
    return indexOfSubstring(Args[0].asString(), Args[1].asString());
  const Iteration It = iterate(Ctx, Args[0], "collection");
  if (Args.size() == 1)
    requireBlock(Ctx);
  for (const IterElement &E : It.Elements) {
    bool Found;
    if (Args.size() == 2) {
      Found = E.Val.puppetEquals(Args[1]);
    } else {
      Found = callForElement(Ctx, It, E).isTruthy();
      if (Ctx.breakRequested())
        break;
    }
    if (Found)
      return E.Key;
  }
  return Value();
}

Value groupByFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 1);
  requireBlock(Ctx);
  const Iteration It = iterate(Ctx, Args[0], "collection");
  HashData Groups;
  for (const IterElement &E : It.Elements) {
    Value Key = callForElement(Ctx, It, E);
    if (Ctx.breakRequested())
      break;
    Array Members;
    if (const Value *Existing = Groups.find(Key))
      Members = Existing->asArray();
    Members.push_back(elementValue(It, E));
    Groups.set(std::move(Key), Value(std::move(Members)));
  }
  return Value(std::move(Groups));
}

Value partitionFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 1);
  requireBlock(Ctx);
  const Iteration It = iterate(Ctx, Args[0], "collection");
  Array Yes, No;
  HashData YesHash, NoHash;
  for (const IterElement &E : It.Elements) {
    const bool R = callForElement(Ctx, It, E).isTruthy();
    if (Ctx.breakRequested())
      break;
    if (It.IsHash)
      (R ? YesHash : NoHash).set(E.Key, E.Val);
    else
      (R ? Yes : No).push_back(E.Val);
  }
  if (It.IsHash)
    return Value(Array{Value(std::move(YesHash)), Value(std::move(NoHash))});
  return Value(Array{Value(std::move(Yes)), Value(std::move(No))});
}

} // namespace

void cppet::registerIterationFunctions(FunctionRegistry &R) {
  R.add("each", eachFn);
  R.add("reverse_each", reverseEachFn);
  R.add("map", mapFn);
  R.add("filter", filterFn);
  R.add("reduce", reduceFn);
  R.add("with", withFn);
  R.add("then", thenFn);
  R.add("lest", lestFn);
  R.add("slice", sliceFn);
  R.add("step", stepFn);
  R.add("any", [](FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
    return quantify(Ctx, Args, true);
  });
  R.add("all", [](FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
    return quantify(Ctx, Args, false);
  });
  R.add("index", indexFn);
  R.add("group_by", groupByFn);
  R.add("partition", partitionFn);
}
