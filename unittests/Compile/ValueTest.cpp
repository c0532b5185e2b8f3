//===- ValueTest.cpp - Runtime value tests --------------------------------===//

#include "cppet/Compile/Value.h"
#include "cppet/Compile/Types.h"

#include "gtest/gtest.h"

#include <cmath>
#include <unordered_set>

using namespace cppet;

namespace {

Value re(llvm::StringRef Src) { return Value(*Regexp::compile(Src)); }

TEST(ValueTest, KindsAndAccessors) {
  EXPECT_TRUE(Value().isUndef());
  EXPECT_TRUE(Value::makeDefault().isDefault());
  EXPECT_TRUE(Value(true).asBoolean());
  EXPECT_EQ(Value(42).asInteger(), 42);
  EXPECT_EQ(Value(int64_t(1) << 40).asInteger(), int64_t(1) << 40);
  EXPECT_DOUBLE_EQ(Value(1.5).asFloat(), 1.5);
  EXPECT_DOUBLE_EQ(Value(3).asNumber(), 3.0);
  EXPECT_EQ(Value("abc").asString(), "abc");
  EXPECT_EQ(makeArray({1, 2}).asArray().size(), 2u);
  EXPECT_EQ(makeHash({{"a", 1}}).asHash().size(), 1u);
  EXPECT_TRUE(Value(types::make(TypeKind::Integer)).isType());
  EXPECT_EQ(re("a+").asRegexp().source(), "a+");
  const Value S = Value::makeSensitive("secret");
  EXPECT_TRUE(S.isSensitive());
  EXPECT_EQ(S.sensitiveValue().asString(), "secret");
  // Accessors of the wrong kind are safe.
  EXPECT_TRUE(Value(1).asArray().empty());
  EXPECT_TRUE(Value(1).asHash().empty());
}

TEST(ValueTest, Truthiness) {
  EXPECT_FALSE(Value().isTruthy());
  EXPECT_FALSE(Value(false).isTruthy());
  EXPECT_TRUE(Value("").isTruthy());
  EXPECT_TRUE(Value(0).isTruthy());
  EXPECT_TRUE(makeArray({}).isTruthy());
}

TEST(ValueTest, PuppetEquals) {
  EXPECT_TRUE(Value("ABC").puppetEquals("abc"));
  EXPECT_FALSE(Value("abc").puppetEquals("abd"));
  EXPECT_TRUE(Value(1).puppetEquals(1.0));
  EXPECT_TRUE(Value(1.0).puppetEquals(1));
  EXPECT_FALSE(Value(1).puppetEquals("1"));
  EXPECT_TRUE(Value().puppetEquals(Value()));
  EXPECT_FALSE(Value().puppetEquals(""));
  EXPECT_TRUE(Value::makeDefault().puppetEquals(Value::makeDefault()));
  EXPECT_TRUE(makeArray({"A", 1}).puppetEquals(makeArray({"a", 1.0})));
  EXPECT_FALSE(makeArray({1}).puppetEquals(makeArray({1, 2})));
  EXPECT_TRUE(makeHash({{"a", 1}, {"b", 2}})
                  .puppetEquals(makeHash({{"b", 2}, {"a", 1}})));
  EXPECT_FALSE(makeHash({{"a", 1}}).puppetEquals(makeHash({{"a", 2}})));
  EXPECT_TRUE(re("a").puppetEquals(re("a")));
  EXPECT_FALSE(re("a").puppetEquals(re("b")));
  EXPECT_TRUE(Value(types::makeInteger(1, 2))
                  .puppetEquals(Value(types::makeInteger(1, 2))));
  EXPECT_FALSE(Value(types::makeInteger(1, 2))
                   .puppetEquals(Value(types::makeInteger(1, 3))));
  EXPECT_TRUE(Value(true).puppetEquals(true));
  EXPECT_FALSE(Value(true).puppetEquals("true"));
}

TEST(ValueTest, StrictEqualsAndHash) {
  EXPECT_FALSE(Value("A").strictEquals("a"));
  EXPECT_FALSE(Value(1).strictEquals(1.0));
  EXPECT_TRUE(Value("a").strictEquals("a"));
  EXPECT_TRUE(makeHash({{"a", 1}, {"b", 2}})
                  .strictEquals(makeHash({{"b", 2}, {"a", 1}})));
  EXPECT_EQ(makeHash({{"a", 1}, {"b", 2}}).hash(),
            makeHash({{"b", 2}, {"a", 1}}).hash());
  EXPECT_EQ(makeArray({1, "x"}).hash(), makeArray({1, "x"}).hash());
  EXPECT_EQ(Value(0.0).hash(), Value(-0.0).hash());
  std::unordered_set<Value, ValueStrictHash, ValueStrictEq> Set;
  Set.insert("a");
  Set.insert("A");
  Set.insert(1);
  Set.insert(1.0);
  Set.insert("a");
  EXPECT_EQ(Set.size(), 4u);
}

TEST(ValueTest, Compare) {
  EXPECT_EQ(compareValues(1, 2), -1);
  EXPECT_EQ(compareValues(2.5, 2), 1);
  EXPECT_EQ(compareValues(2, 2.0), 0);
  EXPECT_EQ(compareValues("a", "B"), -1);
  EXPECT_EQ(compareValues("abc", "ABC"), 0);
  EXPECT_FALSE(compareValues("1", 1).has_value());
  EXPECT_FALSE(compareValues(makeArray({1}), makeArray({1})).has_value());
  EXPECT_FALSE(compareValues(Value(), 1).has_value());
}

TEST(ValueTest, HashDataSmall) {
  HashData H;
  H.set("b", 1);
  H.set("a", 2);
  H.set("b", 3); // replace keeps position
  ASSERT_EQ(H.size(), 2u);
  EXPECT_EQ(H.entries()[0].first.asString(), "b");
  EXPECT_EQ(H.entries()[0].second.asInteger(), 3);
  EXPECT_EQ(H.find("a")->asInteger(), 2);
  EXPECT_EQ(H.find(Value("a"))->asInteger(), 2);
  EXPECT_EQ(H.find("A"), nullptr);
  H.set(1, "int");
  H.set(1.0, "float");
  EXPECT_EQ(H.find(Value(1))->asString(), "int");
  EXPECT_EQ(H.find(Value(1.0))->asString(), "float");
  H.erase("b");
  EXPECT_EQ(H.size(), 3u);
  EXPECT_EQ(H.find("b"), nullptr);
  EXPECT_EQ(H.entries()[0].first.asString(), "a");
}

TEST(ValueTest, HashDataIndexed) {
  HashData H;
  for (int I = 0; I < 100; ++I)
    H.set("k" + std::to_string(I), I);
  H.set(makeArray({1, 2}), "array key");
  ASSERT_EQ(H.size(), 101u);
  for (int I = 0; I < 100; ++I) {
    const Value *V = H.find("k" + std::to_string(I));
    ASSERT_NE(V, nullptr);
    EXPECT_EQ(V->asInteger(), I);
  }
  EXPECT_EQ(H.find(makeArray({1, 2}))->asString(), "array key");
  // Copies do not share mutations.
  HashData Copy = H;
  Copy.set("new", 1);
  Copy.set("k5", 500);
  EXPECT_EQ(H.find("new"), nullptr);
  EXPECT_EQ(H.find("k5")->asInteger(), 5);
  EXPECT_EQ(Copy.find("k5")->asInteger(), 500);
  EXPECT_EQ(Copy.find("new")->asInteger(), 1);
  H.erase("k50");
  EXPECT_EQ(H.find("k50"), nullptr);
  EXPECT_EQ(H.find("k51")->asInteger(), 51);
  EXPECT_EQ(H.entries()[50].first.asString(), "k51");
}

TEST(ValueTest, FormatFloat) {
  EXPECT_EQ(formatFloat(1.0), "1.0");
  EXPECT_EQ(formatFloat(1.5), "1.5");
  EXPECT_EQ(formatFloat(-2.25), "-2.25");
  EXPECT_EQ(formatFloat(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(formatFloat(1e20), "1.0e+20");
  EXPECT_EQ(formatFloat(1e16), "1.0e+16");
  EXPECT_EQ(formatFloat(1e15), "1000000000000000.0");
  EXPECT_EQ(formatFloat(123456789.125), "123456789.125");
  EXPECT_EQ(formatFloat(0.0001), "0.0001");
  EXPECT_EQ(formatFloat(0.00001), "1.0e-05");
  EXPECT_EQ(formatFloat(1.5e-7), "1.5e-07");
  EXPECT_EQ(formatFloat(1.0 / 3), "0.3333333333333333");
  EXPECT_EQ(formatFloat(0.0), "0.0");
  EXPECT_EQ(formatFloat(-0.0), "-0.0");
  EXPECT_EQ(formatFloat(HUGE_VAL), "Infinity");
  EXPECT_EQ(formatFloat(-HUGE_VAL), "-Infinity");
  EXPECT_EQ(formatFloat(NAN), "NaN");
  EXPECT_EQ(formatFloat(2.5e300), "2.5e+300");
}

TEST(ValueTest, ToString) {
  EXPECT_EQ(Value().toString(), "");
  EXPECT_EQ(Value::makeDefault().toString(), "default");
  EXPECT_EQ(Value(true).toString(), "true");
  EXPECT_EQ(Value(-12).toString(), "-12");
  EXPECT_EQ(Value(1.0).toString(), "1.0");
  EXPECT_EQ(Value("it's").toString(), "it's");
  EXPECT_EQ(makeArray({"a", 1, true}).toString(), "['a', 1, true]");
  EXPECT_EQ(makeArray({Value(), Value::makeDefault(), 2.5}).toString(),
            "[undef, default, 2.5]");
  EXPECT_EQ(makeHash({{"a", 1}, {"b", makeArray({2})}}).toString(),
            "{'a' => 1, 'b' => [2]}");
  EXPECT_EQ(makeArray({}).toString(), "[]");
  EXPECT_EQ(makeHash({}).toString(), "{}");
  EXPECT_EQ(re("a/b").toString(), "/a\\/b/");
  EXPECT_EQ(re("a\\/b").toString(), "/a\\/b/");
  EXPECT_EQ(Value(types::makeInteger(1, 10)).toString(), "Integer[1, 10]");
  EXPECT_EQ(Value::makeSensitive("x").toString(), "Sensitive [value redacted]");
  EXPECT_EQ(makeArray({Value::makeSensitive("x")}).toString(),
            "[Sensitive [value redacted]]");
  EXPECT_EQ(
      makeArray({re("x"), Value(types::make(TypeKind::String))}).toString(),
      "[/x/, String]");
}

TEST(ValueTest, QuotedStrings) {
  EXPECT_EQ(puppetQuote("abc"), "'abc'");
  EXPECT_EQ(puppetQuote("it's"), "'it\\'s'");
  EXPECT_EQ(puppetQuote("a\\b"), "'a\\b'");
  EXPECT_EQ(puppetQuote("a\\\\b"), "'a\\\\b'");
  EXPECT_EQ(puppetQuote("end\\"), "'end\\\\'");
  EXPECT_EQ(puppetQuote("a\nb"), "\"a\\nb\"");
  EXPECT_EQ(puppetQuote("t\t\"$\\\x01"), "\"t\\t\\\"\\$\\\\\\u{1}\"");
  EXPECT_EQ(puppetQuote("h\xC3\xA9"), "'h\xC3\xA9'");
  EXPECT_EQ(makeArray({"a\nb"}).toString(), "[\"a\\nb\"]");
}

TEST(ValueTest, RubyForms) {
  const Value V = makeHash({{"a", 1}, {"b", makeArray({"x", Value(), 1.5})}});
  EXPECT_EQ(V.toRubyInspect(), "{\"a\"=>1, \"b\"=>[\"x\", nil, 1.5]}");
  EXPECT_EQ(V.toRubyString(), "{\"a\"=>1, \"b\"=>[\"x\", nil, 1.5]}");
  EXPECT_EQ(Value("q\"\\#{x}\n").toRubyInspect(), "\"q\\\"\\\\\\#{x}\\n\"");
  EXPECT_EQ(Value("x").toRubyString(), "x");
  EXPECT_EQ(Value().toRubyInspect(), "nil");
  EXPECT_EQ(Value().toRubyString(), "");
  EXPECT_EQ(Value(true).toRubyInspect(), "true");
  EXPECT_EQ(Value("\x01").toRubyInspect(), "\"\\u0001\"");
  EXPECT_EQ(Value::makeDefault().toRubyInspect(), ":default");
}

} // namespace
