//===- RegexTest.cpp - Oniguruma wrapper tests ----------------------------===//

#include "cppet/Compile/Regex.h"
#include "cppet/Compile/Value.h"

#include "gtest/gtest.h"

using namespace cppet;

namespace {

std::shared_ptr<const Regex> re(llvm::StringRef Pattern) {
  std::string Err;
  auto R = Regex::compile(Pattern, &Err);
  EXPECT_TRUE(R) << Err;
  return R;
}

TEST(RegexTest, CompileErrorHasMessage) {
  std::string Err;
  EXPECT_FALSE(Regex::compile("a(b", &Err));
  EXPECT_FALSE(Err.empty());
  EXPECT_FALSE(Regexp::compile("[z-a]"));
}

TEST(RegexTest, SearchWithCaptures) {
  auto R = re("(\\w+)@(\\w+)?(x)?");
  auto M = R->search("mail: joe@host");
  ASSERT_TRUE(M);
  EXPECT_EQ(M->matched(), "joe@host");
  ASSERT_EQ(M->Groups.size(), 4u);
  EXPECT_EQ(*M->Groups[1], "joe");
  EXPECT_EQ(*M->Groups[2], "host");
  EXPECT_FALSE(M->Groups[3].has_value());
  EXPECT_EQ(M->Begin, 6u);
  EXPECT_EQ(M->End, 14u);
}

TEST(RegexTest, RubySyntax) {
  EXPECT_TRUE(re("\\Afoo\\z")->matches("foo"));
  EXPECT_FALSE(re("\\Afoo\\z")->matches("foo\n"));
  EXPECT_TRUE(re("^\\h+$")->matches("deadBEEF"));
  EXPECT_FALSE(re("^\\h+$")->matches("xyz"));
  auto Named = re("(?<year>\\d{4})-(?<month>\\d\\d)");
  auto M = Named->search("on 2024-05");
  ASSERT_TRUE(M);
  EXPECT_EQ(*M->Groups[1], "2024");
  EXPECT_EQ(Named->numGroups(), 2u);
  // As in Ruby, plain groups do not capture once named groups are used.
  EXPECT_EQ(re("(?<a>x)(y)")->numGroups(), 1u);
  auto Names = Named->groupNames();
  ASSERT_EQ(Names.size(), 2u);
  // Ruby: ^ and $ are line anchors.
  EXPECT_TRUE(re("^b$")->matches("a\nb\nc"));
  // UTF-8 aware.
  EXPECT_TRUE(re("^.$")->matches("\xC3\xA9"));
}

TEST(RegexTest, MatchAll) {
  auto Ms = re("\\d+")->matchAll("a1b22c333");
  ASSERT_EQ(Ms.size(), 3u);
  EXPECT_EQ(Ms[2].matched(), "333");
  EXPECT_EQ(re("x*")->matchAll("ab").size(), 3u); // Ruby "ab".scan(/x*/)
}

TEST(RegexTest, Substitute) {
  auto R = re("(o)");
  EXPECT_EQ(R->substitute("foo boo", "0", false), "f0o boo");
  EXPECT_EQ(R->substitute("foo boo", "0", true), "f00 b00");
  EXPECT_EQ(re("(\\w+) (\\w+)")->substitute("hello world", "\\2 \\1", false),
            "world hello");
  EXPECT_EQ(re("l+")->substitute("hello", "[\\0]", true), "he[ll]o");
  EXPECT_EQ(re("l")->substitute("hello", "\\\\", true), "he\\\\o");
  EXPECT_EQ(re("(?<x>e)")->substitute("hello", "<\\k<x>>", true), "h<e>llo");
  // Empty matches, as Ruby's "abc".gsub(/x*/, '-').
  EXPECT_EQ(re("x*")->substitute("abc", "-", true), "-a-b-c-");
  EXPECT_EQ(re("b")->substitute(
                "abc",
                [](const RegexMatch &M) { return "<" + M.matched() + ">"; },
                true),
            "a<b>c");
}

TEST(RegexTest, Split) {
  using V = std::vector<std::string>;
  EXPECT_EQ(re(",")->split("a,b,,c,,"), (V{"a", "b", "", "c"}));
  EXPECT_EQ(re("")->split("abc"), (V{"a", "b", "c"}));
  EXPECT_EQ(re("(,)")->split("a,b"), (V{"a", ",", "b"}));
  EXPECT_EQ(re("\\s+")->split("  a b"), (V{"", "a", "b"}));
  EXPECT_EQ(re(",")->split(""), V{});
}

} // namespace
