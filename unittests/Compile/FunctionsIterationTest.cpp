//===- FunctionsIterationTest.cpp - each, map, filter, reduce, ... --------===//

#include "FunctionsTestSupport.h"

using namespace cppet;
using namespace cppet::test;

namespace {

/// A block that records its arguments (as Puppet strings) and returns R.
struct Recorder {
  std::vector<std::string> Seen;
  TestContext::Block block(std::function<Value(llvm::ArrayRef<Value>)> R) {
    return [this, R](llvm::ArrayRef<Value> Args) {
      std::string S;
      for (const Value &A : Args)
        S += (S.empty() ? "" : ",") + A.toQuotedString();
      Seen.push_back(S);
      return R(Args);
    };
  }
};

Value first(llvm::ArrayRef<Value> A) { return A.empty() ? Value() : A[0]; }

TEST(FunctionsIteration, EachPassesIndexOrPairs) {
  Recorder R;
  TestContext Ctx("each", R.block(first), 2);
  const Value Arr = strings({"a", "b"});
  EXPECT_EQ(show(call(Ctx, {Arr})), "['a', 'b']");
  EXPECT_EQ(R.Seen, (std::vector<std::string>{"0,'a'", "1,'b'"}));

  Recorder H;
  TestContext HCtx("each", H.block(first), 1);
  call(HCtx, {makeHash({{"k", 1}})});
  EXPECT_EQ(H.Seen, (std::vector<std::string>{"['k', 1]"}));

  Recorder H2;
  TestContext H2Ctx("each", H2.block(first), 2);
  call(H2Ctx, {makeHash({{"k", 1}})});
  EXPECT_EQ(H2.Seen, (std::vector<std::string>{"'k',1"}));
}

TEST(FunctionsIteration, EachStopsOnBreak) {
  Recorder R;
  TestContext Ctx("each", R.block(first), 1);
  Ctx.BreakAfter = 2;
  call(Ctx, {makeArray({1, 2, 3})});
  EXPECT_EQ(R.Seen.size(), 2u);
}

TEST(FunctionsIteration, MapFilter) {
  TestContext Map("map", [](llvm::ArrayRef<Value> A) {
    return Value(A[0].asInteger() * 10);
  });
  EXPECT_EQ(show(call(Map, {makeArray({1, 2})})), "[10, 20]");

  TestContext MapBreak("map", first);
  MapBreak.BreakAfter = 2;
  EXPECT_EQ(show(call(MapBreak, {makeArray({1, 2, 3})})), "[1]");

  TestContext Filter(
      "filter",
      [](llvm::ArrayRef<Value> A) { return Value(A[1].asInteger() > 1); }, 2);
  EXPECT_EQ(show(call(Filter, {makeHash({{"a", 1}, {"b", 2}})})), "{'b' => 2}");
  EXPECT_EQ(show(call(Filter, {makeArray({5, 1})})), "[5]");

  TestContext Range("map", first);
  EXPECT_EQ(show(call(Range, {3})), "[0, 1, 2]");
}

TEST(FunctionsIteration, Reduce) {
  auto Sum = [](llvm::ArrayRef<Value> A) {
    return Value(A[0].asInteger() + A[1].asInteger());
  };
  TestContext Ctx("reduce", Sum, 2);
  EXPECT_EQ(call(Ctx, {makeArray({1, 2, 3})}).asInteger(), 6);
  EXPECT_EQ(call(Ctx, {makeArray({1, 2, 3}), 10}).asInteger(), 16);
  TestContext Pairs(
      "reduce",
      [](llvm::ArrayRef<Value> A) {
        return Value(A[0].toString() + A[1].toString());
      },
      2);
  EXPECT_EQ(show(call(Pairs, {makeHash({{"a", 1}}), ""})), "['a', 1]");
  EXPECT_EQ(callError("reduce", {makeArray({1})}), "'reduce' expects a block");
}

TEST(FunctionsIteration, SliceStepAnyAllIndex) {
  EXPECT_EQ(show(call("slice", {makeArray({1, 2, 3}), 2})), "[[1, 2], [3]]");
  Recorder R;
  TestContext Spread("slice", R.block(first), 2);
  call(Spread, {makeArray({1, 2, 3}), 2});
  EXPECT_EQ(R.Seen, (std::vector<std::string>{"1,2", "3"}));
  EXPECT_EQ(show(call("step", {makeArray({1, 2, 3, 4, 5}), 2})), "[1, 3, 5]");

  auto Even = [](llvm::ArrayRef<Value> A) {
    return Value(A.back().asInteger() % 2 == 0);
  };
  TestContext Any("any", Even), All("all", Even);
  EXPECT_TRUE(call(Any, {makeArray({1, 2})}).asBoolean());
  EXPECT_FALSE(call(All, {makeArray({1, 2})}).asBoolean());
  TestContext Index("index", Even);
  EXPECT_EQ(call(Index, {makeArray({1, 3, 4})}).asInteger(), 2);
  EXPECT_EQ(call("index", {makeArray({"a", "b"}), "B"}).asInteger(), 1);
  EXPECT_EQ(call("index", {"hello", "l"}).asInteger(), 2);
  EXPECT_TRUE(call("index", {makeArray({1}), 2}).isUndef());
}

TEST(FunctionsIteration, WithThenLest) {
  TestContext With("with", [](llvm::ArrayRef<Value> A) {
    return Value(static_cast<int64_t>(A.size()));
  });
  EXPECT_EQ(call(With, {1, 2, 3}).asInteger(), 3);
  TestContext Then("then", first);
  EXPECT_TRUE(call(Then, {Value()}).isUndef());
  EXPECT_EQ(call(Then, {4}).asInteger(), 4);
  TestContext Lest("lest", [](llvm::ArrayRef<Value>) { return Value(9); });
  EXPECT_EQ(call(Lest, {Value()}).asInteger(), 9);
  EXPECT_EQ(call(Lest, {1}).asInteger(), 1);
}

TEST(FunctionsIteration, ReverseEachGroupByPartition) {
  EXPECT_EQ(show(call("reverse_each", {makeArray({1, 2, 3})})), "[3, 2, 1]");
  TestContext Group("group_by", [](llvm::ArrayRef<Value> A) {
    return Value(A[0].asInteger() % 2);
  });
  EXPECT_EQ(show(call(Group, {makeArray({1, 2, 3})})),
            "{1 => [1, 3], 0 => [2]}");
  TestContext Part("partition", [](llvm::ArrayRef<Value> A) {
    return Value(A[0].asInteger() > 1);
  });
  EXPECT_EQ(show(call(Part, {makeArray({1, 2, 3})})), "[[2, 3], [1]]");
}

} // namespace
