//===- FunctionsConversionsTest.cpp - new(), digests, fqdn_rand -----------===//

#include "FunctionsTestSupport.h"

using namespace cppet;
using namespace cppet::test;

namespace {

Value convert(TypeKind K, std::vector<Value> Args) {
  TestContext Ctx("new");
  return convertToType(Ctx, types::make(K), Args);
}

std::string convertError(TypeKind K, std::vector<Value> Args) {
  TestContext Ctx("new");
  try {
    convertToType(Ctx, types::make(K), Args);
  } catch (const FunctionError &E) {
    return E.what();
  }
  return "";
}

TEST(FunctionsConversions, Integer) {
  EXPECT_EQ(convert(TypeKind::Integer, {"42"}).asInteger(), 42);
  EXPECT_EQ(convert(TypeKind::Integer, {"0x2a"}).asInteger(), 42);
  EXPECT_EQ(convert(TypeKind::Integer, {"0b101"}).asInteger(), 5);
  EXPECT_EQ(convert(TypeKind::Integer, {"052"}).asInteger(), 42);
  EXPECT_EQ(convert(TypeKind::Integer, {"-17"}).asInteger(), -17);
  EXPECT_EQ(convert(TypeKind::Integer, {3.7}).asInteger(), 3);
  // With a radix, the string still has Puppet's Convertible shape
  // (letters only after 0x), as in Puppet 7.23.
  EXPECT_EQ(convert(TypeKind::Integer, {"0xff", 16}).asInteger(), 255);
  EXPECT_EQ(convertError(TypeKind::Integer, {"ff", 16}),
            "The string 'ff' cannot be converted to Integer");
  EXPECT_EQ(convertError(TypeKind::Integer, {"0o17"}),
            "The string '0o17' cannot be converted to Integer");
  EXPECT_EQ(convert(TypeKind::Integer, {true}).asInteger(), 1);
  EXPECT_EQ(convertError(TypeKind::Integer, {"abc"}),
            "The string 'abc' cannot be converted to Integer");
}

TEST(FunctionsConversions, FloatNumericBoolean) {
  EXPECT_EQ(convert(TypeKind::Float, {"1.5"}).asFloat(), 1.5);
  EXPECT_TRUE(convert(TypeKind::Float, {3}).isFloat());
  EXPECT_TRUE(convert(TypeKind::Numeric, {"42"}).isInteger());
  EXPECT_TRUE(convert(TypeKind::Numeric, {"4.5"}).isFloat());
  EXPECT_TRUE(convert(TypeKind::Boolean, {"yes"}).asBoolean());
  EXPECT_FALSE(convert(TypeKind::Boolean, {"False"}).asBoolean());
  EXPECT_EQ(convertError(TypeKind::Boolean, {"maybe"}),
            "The string 'maybe' cannot be converted to Boolean");
}

TEST(FunctionsConversions, StringArrayHashSensitive) {
  EXPECT_EQ(show(convert(TypeKind::String, {255, "%x"})), "ff");
  EXPECT_EQ(show(convert(TypeKind::String, {7, "%03d"})), "007");
  EXPECT_EQ(show(convert(TypeKind::String, {makeArray({1, "a"})})), "[1, 'a']");
  EXPECT_EQ(show(convert(TypeKind::Array, {makeHash({{"a", 1}})})),
            "[['a', 1]]");
  EXPECT_EQ(show(convert(TypeKind::Array, {1, true})), "[1]");
  EXPECT_EQ(show(convert(TypeKind::Hash, {makeArray({"a", 1, "b", 2})})),
            "{'a' => 1, 'b' => 2}");
  EXPECT_EQ(show(convert(TypeKind::Hash, {makeArray({makeArray({"a", 1})})})),
            "{'a' => 1}");
  EXPECT_TRUE(convert(TypeKind::Sensitive, {"s"}).isSensitive());
  EXPECT_EQ(show(call("unwrap", {Value::makeSensitive("s")})), "s");
}

TEST(FunctionsConversions, AssertType) {
  const Value T(types::make(TypeKind::String));
  EXPECT_EQ(show(call("assert_type", {T, "x"})), "x");
  EXPECT_EQ(callError("assert_type", {T, 1}),
            "assert_type(): expects a String value, got Integer");
}

// Expected values from conformance case fn_digests_rand.
TEST(FunctionsDigests, ConformanceCase) {
  EXPECT_EQ(show(call("sha1", {"puppet"})),
            "980a047f2126b28402a019cd3b6eacdc432727c9");
  EXPECT_EQ(show(call("md5", {"puppet"})), "768747907b90c39ab6f16fcb3320897a");
  EXPECT_EQ(show(call("sha256", {"puppet"})),
            "4b02e0c6135a5924521217d4b679493c2a717aa57fcb56760d51f7b2aea7abda");
  TestContext Ctx("fqdn_rand");
  Ctx.Facts.set("fqdn", "web01.example.com");
  EXPECT_EQ(call(Ctx, {100}).asInteger(), 52);
  EXPECT_EQ(call(Ctx, {100, "seed1"}).asInteger(), 91);
  EXPECT_EQ(call(Ctx, {1000, "other"}).asInteger(), 191);
  EXPECT_EQ(call(Ctx, {60}).asInteger(), 37);
  EXPECT_EQ(call(Ctx, {"60"}).asInteger(), 37);
}

} // namespace
