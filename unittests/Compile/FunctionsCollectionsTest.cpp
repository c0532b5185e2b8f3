//===- FunctionsCollectionsTest.cpp - Collection and math functions -------===//

#include "FunctionsTestSupport.h"

using namespace cppet;
using namespace cppet::test;

namespace {

// Expected values from conformance case fn_collections.
TEST(FunctionsCollections, ConformanceCase) {
  const Value H = makeHash({{"b", 2}, {"a", 1}, {"c", 3}});
  EXPECT_EQ(show(call("keys", {H})), "['b', 'a', 'c']");
  EXPECT_EQ(show(call("values", {H})), "[2, 1, 3]");
  EXPECT_EQ(
      show(call(
          "flatten",
          {makeArray({1, makeArray({2, makeArray({3, makeArray({4})})})})})),
      "[1, 2, 3, 4]");
  EXPECT_EQ(show(call("unique", {makeArray({3, 1, 3, 2, 1})})), "[3, 1, 2]");
  EXPECT_EQ(show(call("sort", {strings({"b", "C", "a"})})), "['C', 'a', 'b']");
  EXPECT_EQ(show(call("sort", {makeArray({10, 9, 100})})), "[9, 10, 100]");
  EXPECT_EQ(call("min", {3, 1, 2}).asInteger(), 1);
  EXPECT_EQ(call("max", {3, 1, 2}).asInteger(), 3);
  EXPECT_EQ(call("min", {makeArray({5, 2, 8})}).asInteger(), 2);
  EXPECT_EQ(show(call("max", {"b", "a"})), "b");
  EXPECT_TRUE(call("empty", {makeArray({})}).asBoolean());
  EXPECT_TRUE(call("empty", {Value(HashData())}).asBoolean());
  EXPECT_TRUE(call("empty", {""}).asBoolean());
  EXPECT_FALSE(call("empty", {"x"}).asBoolean());
  EXPECT_TRUE(call("empty", {Value()}).asBoolean());
  EXPECT_EQ(call("length", {makeArray({1, 2})}).asInteger(), 2);
  EXPECT_EQ(call("length", {makeHash({{"a", 1}})}).asInteger(), 1);
  EXPECT_EQ(call("length", {"abc"}).asInteger(), 3);
  EXPECT_EQ(call("size", {"h\xc3\xa9"}).asInteger(), 2);
}

TEST(FunctionsCollections, SortWithLambdaAndErrors) {
  TestContext Desc(
      "sort",
      [](llvm::ArrayRef<Value> A) {
        return Value(A[1].asInteger() - A[0].asInteger() > 0 ? 1 : -1);
      },
      2);
  EXPECT_EQ(show(call(Desc, {makeArray({1, 3, 2})})), "[3, 2, 1]");
  EXPECT_EQ(show(call("sort", {"cab"})), "abc");
  EXPECT_EQ(callError("sort", {makeArray({1, "a"})}),
            "comparison of String with Integer failed");
}

TEST(FunctionsCollections, UniqueHashAndString) {
  EXPECT_EQ(show(call("unique", {"aabca"})), "abc");
  EXPECT_EQ(show(call("unique", {makeHash({{"a", 1}, {"b", 2}, {"c", 1}})})),
            "{['a', 'c'] => 1, ['b'] => 2}");
}

TEST(FunctionsCollections, DigAndGet) {
  const Value D = makeHash({{"a", makeArray({makeHash({{"b", 7}})})}});
  EXPECT_EQ(call("dig", {D, "a", 0, "b"}).asInteger(), 7);
  EXPECT_TRUE(call("dig", {D, "x", 0}).isUndef());
  EXPECT_EQ(callError("dig", {D, "a", "k"}),
            "The given data requires an Integer index at [\"a\", \"k\"]");
  EXPECT_EQ(call("get", {D, "a.0.b"}).asInteger(), 7);
  EXPECT_EQ(call("get", {D, "a.5.b", 3}).asInteger(), 3);
  EXPECT_EQ(show(call("get", {makeHash({{"x.y", 1}}), "'x.y'"})), "1");
}

TEST(FunctionsCollections, Compare) {
  EXPECT_EQ(call("compare", {"a", "B"}).asInteger(), -1);
  EXPECT_EQ(call("compare", {"a", "A"}).asInteger(), 0);
  EXPECT_EQ(call("compare", {"a", "A", false}).asInteger(), 1);
  EXPECT_EQ(call("compare", {2, 1.5}).asInteger(), 1);
  EXPECT_NE(callError("compare", {1, "a"}), "");
}

TEST(FunctionsMath, Rounding) {
  EXPECT_EQ(call("abs", {-3}).asInteger(), 3);
  EXPECT_EQ(call("abs", {-3.5}).asFloat(), 3.5);
  EXPECT_EQ(show(call("ceiling", {3.2})), "4");
  EXPECT_EQ(show(call("floor", {-3.2})), "-4");
  EXPECT_EQ(show(call("round", {2.5})), "3");
  EXPECT_EQ(show(call("round", {-2.5})), "-3");
  EXPECT_EQ(show(call("min", {"10", "9"})), "9");
  EXPECT_EQ(show(call("max", {"abc", "abd"})), "abd");
}

} // namespace
