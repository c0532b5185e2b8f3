//===- FunctionsStringsTest.cpp - String functions, sprintf, versioncmp ---===//

#include "FunctionsTestSupport.h"

using namespace cppet;
using namespace cppet::test;

namespace {

Value re(const char *Source) { return Value(*Regexp::compile(Source)); }

TEST(FunctionsStrings, SplitFollowsRuby) {
  // From conformance case fn_strings.
  EXPECT_EQ(show(call("split", {"a,b,,c", ","})), "['a', 'b', '', 'c']");
  EXPECT_EQ(show(call("split", {"a1b22c", re("\\d+")})), "['a', 'b', 'c']");
  EXPECT_EQ(show(call("split", {"x y  z", " "})), "['x', 'y', '', 'z']");
  EXPECT_EQ(show(call("split", {"abc", ""})), "['a', 'b', 'c']");
  EXPECT_EQ(show(call("split", {"a,b,,", ","})), "['a', 'b']");
}

TEST(FunctionsStrings, Join) {
  EXPECT_EQ(show(call("join", {strings({"a", "b", "c"}), "-"})), "a-b-c");
  EXPECT_EQ(show(call("join", {makeArray({1, 2})})), "12");
  EXPECT_EQ(show(call("join", {strings({"x"}), ", "})), "x");
  EXPECT_EQ(show(call("join", {makeArray({1, makeArray({2, 3})}), ","})),
            "1,2,3");
}

TEST(FunctionsStrings, Regsubst) {
  EXPECT_EQ(show(call("regsubst", {"hello world", "o", "0"})), "hell0 world");
  EXPECT_EQ(show(call("regsubst", {"hello world", "o", "0", "G"})),
            "hell0 w0rld");
  EXPECT_EQ(show(call("regsubst", {"John Smith", "(\\w+) (\\w+)", "\\2, \\1"})),
            "Smith, John");
  EXPECT_EQ(show(call("regsubst", {"ABC", "b", "x", "I"})), "AxC");
  EXPECT_EQ(show(call("regsubst", {strings({"ab", "cb"}), re("b"), "x"})),
            "['ax', 'cx']");
  EXPECT_NE(callError("regsubst", {"a", "b", "c", "Q"}), "");
}

TEST(FunctionsStrings, Match) {
  EXPECT_EQ(show(call("match", {"abc123", re("([a-z]+)(\\d+)")})),
            "['abc123', 'abc', '123']");
  EXPECT_TRUE(call("match", {"xyz", re("\\d")}).isUndef());
  EXPECT_EQ(show(call("match", {strings({"a1", "b"}), re("\\d")})),
            "[['1'], undef]");
}

TEST(FunctionsStrings, CaseAndTrim) {
  EXPECT_EQ(show(call("upcase", {"abC"})), "ABC");
  EXPECT_EQ(show(call("downcase", {strings({"AB", "Cd"})})), "['ab', 'cd']");
  EXPECT_EQ(show(call("upcase", {makeHash({{"a", "b"}})})), "{'A' => 'B'}");
  EXPECT_EQ(show(call("capitalize", {"hELLO"})), "Hello");
  EXPECT_EQ(show(call("strip", {"  x \n"})), "x");
  EXPECT_EQ(show(call("lstrip", {"  x "})), "x ");
  EXPECT_EQ(show(call("rstrip", {"  x "})), "  x");
  EXPECT_EQ(show(call("chomp", {"x\r\n"})), "x");
  EXPECT_EQ(show(call("chop", {"xy"})), "x");
  EXPECT_EQ(call("upcase", {5}).asInteger(), 5);
  EXPECT_EQ(callError("upcase", {true}),
            "'upcase' parameter 'arg' expects a value of type Numeric, "
            "String, Array, or Hash, got Boolean");
  EXPECT_EQ(callError("upcase", {"a", "b"}),
            "'upcase' expects 1 argument, got 2");
}

std::string fmt(const char *F, std::vector<Value> Args) {
  Args.insert(Args.begin(), Value(F));
  return call("sprintf", Args).asString();
}

TEST(FunctionsStrings, Sprintf) {
  // From conformance case fn_strings.
  EXPECT_EQ(fmt("%s|%d|%05.2f|%x|%o|%-5s|%5s|%%",
                {"str", 42, 3.14159, 255, 8, "ab", "cd"}),
            "str|42|03.14|ff|10|ab   |   cd|%");
  EXPECT_EQ(fmt("%s", {makeHash({{"a", 1}})}), "{\"a\"=>1}");
  EXPECT_EQ(fmt("%s", {makeArray({"a", 1})}), "[\"a\", 1]");
  EXPECT_EQ(fmt("%p", {"a"}), "\"a\"");
  EXPECT_EQ(fmt("%+d %i %05d", {5, -3, -42}), "+5 -3 -0042");
  EXPECT_EQ(fmt("%b %o %X %#x", {5, 8, 255, 255}), "101 10 FF 0xff");
  EXPECT_EQ(fmt("%x", {-255}), "..f01");
  EXPECT_EQ(fmt("%e %g %.3f", {12345.678, 0.0001, 2}),
            "1.234568e+04 0.0001 2.000");
  EXPECT_EQ(fmt("%<a>s-%<b>05d", {makeHash({{"a", "x"}, {"b", 7}})}),
            "x-00007");
  EXPECT_EQ(fmt("%d", {"0x1f"}), "31");
  EXPECT_EQ(fmt("%.2s|%c", {"abc", 65}), "ab|A");
  TestContext Ctx("sprintf");
  EXPECT_EQ(callError(Ctx, {"%d %d", 1}), "too few arguments");
}

TEST(FunctionsStrings, Versioncmp) {
  // From conformance case fn_versioncmp.
  EXPECT_EQ(versionCompare("1.2.3", "1.2.10"), -1);
  EXPECT_EQ(versionCompare("2.0", "2.0"), 0);
  EXPECT_EQ(versionCompare("10.0", "9.9"), 1);
  EXPECT_EQ(versionCompare("1.0.0", "1.0"), 1);
  EXPECT_EQ(versionCompare("1.0a", "1.0b"), -1);
  EXPECT_EQ(versionCompare("1.0-rc1", "1.0"), 1);
  EXPECT_EQ(call("versioncmp", {"1.10", "1.9"}).asInteger(), 1);
}

TEST(FunctionsStrings, Shellquote) {
  EXPECT_EQ(show(call("shellquote", {"a b", "c", "it's"})), "'a b' c \"it's\"");
}

} // namespace
