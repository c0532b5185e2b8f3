//===- HoconTest.cpp - HOCON documents as the Ruby hocon gem reads them ---===//
//
// Each case is what the hocon gem 1.3.1 (Puppet 7.23's) gives for the same
// text: `Hocon::ConfigFactory.parse_string(text).resolve.root.unwrapped`
// printed with Ruby's inspect, or the ConfigError's message and whether it
// is a ConfigParseError (stdlib's parsehocon returns its default only for
// those).
//
//===----------------------------------------------------------------------===//

#include "../../lib/Compile/Hocon.h"

#include "gtest/gtest.h"

#include <cstdlib>
#include <random>

using namespace cppet;

namespace {

struct Case {
  const char *Source;
  const char *Gem; // the gem's result, inspected
};

struct ErrorCase {
  const char *Source;
  const char *Gem; // the gem's message
  bool Parse;      // a ConfigParseError
  /// False where the gem's message goes on with details (the cycle's other
  /// substitutions, the values' class names) that cppet leaves out.
  bool Whole;
};

// Valid documents and the gem's results (Ruby inspect).
const Case Valid[] = {
    {"a=1", "{\"a\"=>1}"},
    {"a : 1.5", "{\"a\"=>1.5}"},
    {"a { b = 1 }", "{\"a\"=>{\"b\"=>1}}"},
    {"{a:1}", "{\"a\"=>1}"},
    {"a.b.c = 1\na.b.d = 2", "{\"a\"=>{\"b\"=>{\"d\"=>2, \"c\"=>1}}}"},
    {"a={x:1,z:3}\na={y:2,x:5}", "{\"a\"=>{\"y\"=>2, \"x\"=>5, \"z\"=>3}}"},
    {"a=1\nb=2\na=3", "{\"a\"=>3, \"b\"=>2}"},
    {"a={x:1}\na=3", "{\"a\"=>3}"},
    {"a=3\na={x:1}", "{\"a\"=>{\"x\"=>1}}"},
    {"a = [1,2\n3]", "{\"a\"=>[1, 2, 3]}"},
    {"a = \"x\\ty\\u0041\\u00e9\"", "{\"a\"=>\"x\\tyAé\"}"},
    {"a = \"\\/\\\\\\\"\\b\\f\\n\\r\"", "{\"a\"=>\"/\\\\\\\"\\b\\f\\n\\r\"}"},
    {"a = foo bar  baz", "{\"a\"=>\"foo bar  baz\"}"},
    {"a = foo bar # c\nb=2", "{\"a\"=>\"foo bar\", \"b\"=>2}"},
    {"a = \"\"\"raw \\n \"x\" \"\"\"", "{\"a\"=>\"raw \\\\n \\\"x\\\" \"}"},
    {"a = \"\"\"x\"\"\"\"\"", "{\"a\"=>\"x\\\"\\\"\"}"},
    {"a = \"\"\"\nline1\nline2\"\"\"", "{\"a\"=>\"\\nline1\\nline2\"}"},
    {"a = 1e3\nb=-2\nc=1.0\nd=0.5e-1\ne=2.5e0\nf=-0.0\ng=-.5",
     "{\"a\"=>1000, \"b\"=>-2, \"c\"=>1, \"d\"=>0.05, \"e\"=>2.5, \"f\"=>0, "
     "\"g\"=>-0.5}"},
    {"a=010\nb=08\nc=1.\nd=1.e5\ne=1_0\nf=-\ng=1-2\nh=10.0.0.1\ni=1.2.3\nj="
     "10a\nk=0x10",
     "{\"a\"=>8, \"b\"=>\"08\", \"c\"=>\"1.\", \"d\"=>\"1.e5\", "
     "\"e\"=>\"1_0\", \"f\"=>\"-\", \"g\"=>\"1-2\", \"h\"=>\"10.0.0.1\", "
     "\"i\"=>\"1.2.3\", \"j\"=>\"10a\", \"k\"=>\"0x10\"}"},
    {"a=true,b=false,c=null,d=truex,e=null x,f=1 x",
     "{\"a\"=>true, \"b\"=>false, \"c\"=>nil, \"d\"=>\"truex\", \"e\"=>\"null "
     "x\", \"f\"=>\"1 x\"}"},
    {"a=1 // x\n#y\nb=2", "{\"a\"=>1, \"b\"=>2}"},
    {"a = x#y\nb = x//y\nc = x/y\nd = /path/to/file\ne = x-y_z",
     "{\"a\"=>\"x\", \"b\"=>\"x\", \"c\"=>\"x/y\", \"d\"=>\"/path/to/file\", "
     "\"e\"=>\"x-y_z\"}"},
    {"a=[1]\na += 2", "{\"a\"=>[1, 2]}"},
    {"a=[1,2]\na+=3\na+=[4]", "{\"a\"=>[1, 2, 3, [4]]}"},
    {"a += {x=1}", "{\"a\"=>[{\"x\"=>1}]}"},
    {"b=5\na=${b}", "{\"b\"=>5, \"a\"=>5}"},
    {"b=5\na=${?c}", "{\"b\"=>5}"},
    {"a = 1\na = ${?b}", "{\"a\"=>1}"},
    {"a = ${?b}\na = 1", "{\"a\"=>1}"},
    {"b=x\na = ${b} c", "{\"b\"=>\"x\", \"a\"=>\"x c\"}"},
    {"b = 1\na = ${b}${b}\nc = ${b} ${b}",
     "{\"b\"=>1, \"a\"=>\"11\", \"c\"=>\"1 1\"}"},
    {"b = 1.0\na = ${b} x\nc=true\nd=${c}x",
     "{\"b\"=>1, \"a\"=>\"1.0 x\", \"c\"=>true, \"d\"=>\"truex\"}"},
    {"a = 1\na = ${a}2", "{\"a\"=>\"12\"}"},
    {"path = /usr\npath = ${path}\"/bin\"", "{\"path\"=>\"/usr/bin\"}"},
    {"a = ${?x} ${?y}", "{\"a\"=>\" \"}"},
    {"a = x ${?y}", "{\"a\"=>\"x \"}"},
    {"a = [${?x}, 1]", "{\"a\"=>[1]}"},
    {"a=[1] [2]", "{\"a\"=>[1, 2]}"},
    {"b = [1]\na = ${b} [2]", "{\"b\"=>[1], \"a\"=>[1, 2]}"},
    {"a={x:1} {y:2}", "{\"a\"=>{\"y\"=>2, \"x\"=>1}}"},
    {"x = {y=1}\na = ${x} {z=2}",
     "{\"x\"=>{\"y\"=>1}, \"a\"=>{\"z\"=>2, \"y\"=>1}}"},
    {"foo = ${bar.baz}\nbar { baz = 3 }",
     "{\"foo\"=>3, \"bar\"=>{\"baz\"=>3}}"},
    {"a { x = 5, b = ${a.x} }", "{\"a\"=>{\"x\"=>5, \"b\"=>5}}"},
    {"a = {b = ${c}}\nc = 1", "{\"a\"=>{\"b\"=>1}, \"c\"=>1}"},
    {"a = ${b}\nb = [1]", "{\"a\"=>[1], \"b\"=>[1]}"},
    {"\"a.b\" = 1\nc.\"d.e\" = 2\n\"\" = 3\nf.\"\".g = 4",
     "{\"a.b\"=>1, \"c\"=>{\"d.e\"=>2}, \"\"=>3, \"f\"=>{\"\"=>{\"g\"=>4}}}"},
    {"a b = 1", "{\"a b\"=>1}"},
    {"1 = x\ntrue = 1\n1.5 = y", "{\"1\"=>{\"5\"=>\"y\"}, \"true\"=>1}"},
    {"a-b.c_d = 1", "{\"a-b\"=>{\"c_d\"=>1}}"},
    {"a = [1, 2,]\nb=[1,\n\n2,\n]\nc : [1,\n 2\n]\nd = []\ne = {}",
     "{\"a\"=>[1, 2], \"b\"=>[1, 2], \"c\"=>[1, 2], \"d\"=>[], \"e\"=>{}}"},
    {"a = [1 2]\nb = \"x\" y \"z\"\nc = \"x\" \"y\"",
     "{\"a\"=>[\"1 2\"], \"b\"=>\"x y z\", \"c\"=>\"x y\"}"},
    {"a = [{x=1}\n{y=2}]\nb = [[1],[2]]\nc = [null, true]",
     "{\"a\"=>[{\"x\"=>1}, {\"y\"=>2}], \"b\"=>[[1], [2]], \"c\"=>[nil, "
     "true]}"},
    {"a { b { c = 1 } }\na.b { d = 2 }",
     "{\"a\"=>{\"b\"=>{\"d\"=>2, \"c\"=>1}}}"},
    {"a = { b = 1 }\na { c = 2 }", "{\"a\"=>{\"c\"=>2, \"b\"=>1}}"},
    {"a=1\na.b=2", "{\"a\"=>{\"b\"=>2}}"},
    {"a.b = 1\na = 2\na.c=3", "{\"a\"=>{\"c\"=>3}}"},
    {"a.b=1\na.b.c=2", "{\"a\"=>{\"b\"=>{\"c\"=>2}}}"},
    {"a\n=\n1", "{\"a\"=>1}"},
    {"a =\n1", "{\"a\"=>1}"},
    {"a {\n}", "{\"a\"=>{}}"},
    {"{\"a\" : 1, \"b\" : [1,2] }", "{\"a\"=>1, \"b\"=>[1, 2]}"},
    {"a = foo   \nb=1", "{\"a\"=>\"foo\", \"b\"=>1}"},
    {"a = \"é\"\nb = é", "{\"a\"=>\"é\", \"b\"=>\"é\"}"},
    {"a = x\tb", "{\"a\"=>\"x\\tb\"}"},
    {"a = [1] x", "{\"a\"=>[1]}"},
    {"a = { b = 1 } x", "{\"a\"=>{\"b\"=>1}}"},
    {"a = 1, b = 2", "{\"a\"=>1, \"b\"=>2}"},
    {"a = [1, # c\n 2]", "{\"a\"=>[1, 2]}"},
    {"a = \"x\" # c", "{\"a\"=>\"x\"}"},
    {"\"a b\" = 1", "{\"a b\"=>1}"},
    {"a { b = 1 }\na = null", "{\"a\"=>nil}"},
    {"a = null\na { b = 1 }", "{\"a\"=>{\"b\"=>1}}"},
    {"a = [1]\na = ${a} [2]", "{\"a\"=>[1, 2]}"},
    {"a : \"\"", "{\"a\"=>\"\"}"},
    {"a=1\r\nb=2", "{\"a\"=>1, \"b\"=>2}"},
    {"a.b.c = 1\na.b = ${a.b} {d = 2}",
     "{\"a\"=>{\"b\"=>{\"d\"=>2, \"c\"=>1}}}"},
    {"x = 1\ny = ${x}\nx = 2", "{\"x\"=>2, \"y\"=>2}"},
    {"x { a = 1 }\ny = ${x}\nx { b = 2 }",
     "{\"x\"=>{\"b\"=>2, \"a\"=>1}, \"y\"=>{\"b\"=>2, \"a\"=>1}}"},
    {"a = \"${b}\"", "{\"a\"=>\"${b}\"}"},
    {"a = \"\"\"\"\"\"", "{\"a\"=>\"\"}"},
    {"a = ${b}\nb = null", "{\"a\"=>nil, \"b\"=>nil}"},
    {"a = ${b} x\nb = null", "{\"a\"=>\"null x\", \"b\"=>nil}"},
    {"a = ${?b}\nb = null", "{\"a\"=>nil, \"b\"=>nil}"},
    {"a = [1,2]\nb = ${a}\na += 3", "{\"a\"=>[1, 2, 3], \"b\"=>[1, 2, 3]}"},
    {"a = include", "{\"a\"=>\"include\"}"},
    {"a = ${?a}", "{}"},
    {"a = 1\n, b = 2", "{\"a\"=>1, \"b\"=>2}"},
    {"a = 1,", "{\"a\"=>1}"},
    {"{}", "{}"},
    {"{ }\n", "{}"},
    {"a = []\nb = [ ]", "{\"a\"=>[], \"b\"=>[]}"},
    {"a { b { c { d = ${x} } } }\nx = deep",
     "{\"a\"=>{\"b\"=>{\"c\"=>{\"d\"=>\"deep\"}}}, \"x\"=>\"deep\"}"},
    {"a = true false", "{\"a\"=>\"true false\"}"},
    {"a = 5 ${?x}", "{\"a\"=>\"5 \"}"},
    {"a = ${?x}${b}\nb = 5", "{\"a\"=>5, \"b\"=>5}"},
    {"a = 0.1e1", "{\"a\"=>1}"},
    {"a = -1e-1", "{\"a\"=>-0.1}"},
    {"a = [1\n, 2]", "{\"a\"=>[1, 2]}"},
    {"b = x\na = [1] ${b}", "{\"b\"=>\"x\", \"a\"=>[1]}"},
    {"a = {} x {c=1}", "{\"a\"=>{\"c\"=>1}}"},
    {"a = ${?b} [1]", "{\"a\"=>[1]}"},
};
// Invalid documents and the gem's messages; Parse: a ConfigParseError.
const ErrorCase Invalid[] = {
    {"a=", "String: 1: Expecting a value but got wrong token: end of file",
     true, true},
    {"a={",
     "String: 1: expecting a close brace or a field name here, got end of file",
     true, true},
    {"a=1,,b=2",
     "String: 1: expecting a close brace or a field name here, got ','", true,
     true},
    {"[1,2]", "String: 1:  has type LIST rather than object at file root",
     false, true},
    {"a=${nope}",
     "String: 1: Could not resolve substitution to a value: ${nope}", true,
     true},
    {"a = foo\\\\bar",
     "String: 1: Expecting close brace } or a comma, got '\\' (Reserved "
     "character '\\' is not allowed outside quotes) (if you intended '\\' "
     "(Reserved character '\\' is not allowed outside quotes) to be part of a "
     "key or string value, try enclosing the key or value in double quotes",
     true, true},
    {"a = \"unterminated",
     "String: 1: Expecting a value but got wrong token: '-1' (End of input but "
     "string quote was still open) (if you intended '-1' (End of input but "
     "string quote was still open) to be part of a key or string value, try "
     "enclosing the key or value in double quotes",
     true, true},
    {"a = $b",
     "String: 1: Expecting a value but got wrong token: 'b' ('$' not followed "
     "by {, 'b' not allowed after '$') (if you intended 'b' ('$' not followed "
     "by {, 'b' not allowed after '$') to be part of a key or string value, "
     "try enclosing the key or value in double quotes",
     true, true},
    {"a : b : c",
     "String: 1: Expecting close brace } or a comma, got ':' (if you intended "
     "':' to be part of a key or string value, try enclosing the key or value "
     "in double quotes",
     true, true},
    {"a = ${b}\nb = ${a}",
     "String: 2: Could not resolve substitution to a value: ${a} was part of a "
     "cycle of substitutions involving ${b}, ${a}, ${b}",
     true, false},
    {"a = http://x",
     "String: 1: Expecting close brace } or a comma, got ':' (if you intended "
     "':' to be part of a key or string value, try enclosing the key or value "
     "in double quotes",
     true, true},
    {"{a:1} b=2",
     "String: 1: Document has trailing tokens after first object or array: 'b'",
     true, true},
    {"a = 1 }",
     "String: 1: unbalanced close brace '}' with no open brace (if you "
     "intended '}' to be part of a key or string value, try enclosing the key "
     "or value in double quotes",
     true, true},
    {"a = [1",
     "String: 1: List should have ended with ] or had a comma, instead had "
     "token: end of file (if you want end of file to be part of a string "
     "value, then double-quote it)",
     true, true},
    {"a = {b = }",
     "String: 1: Expecting a value but got wrong token: '}' (if you intended "
     "'}' to be part of a key or string value, try enclosing the key or value "
     "in double quotes",
     true, true},
    {"a { x = 5, b = ${x} }",
     "String: 1: Could not resolve substitution to a value: ${x}", true, true},
    {"b = {x=1}\na = ${b} x",
     "String: 1: Cannot concatenate object or list with a non-object-or-list, "
     "SimpleConfigObject({\"x\":1}) and Quoted(\" x\") are not compatible",
     false, false},
    {"a = [1] \"x\"",
     "String: 1: Cannot concatenate object or list with a non-object-or-list, "
     "SimpleConfigList([1]) and Quoted(\"x\") are not compatible",
     false, false},
    {"a = 1\n b",
     "String: 2: Key 'b' may not be followed by token: end of file", true,
     true},
    {"a.b.c",
     "String: 1: Key 'a.b.c' may not be followed by token: end of file", true,
     true},
    {"=1", "String: 1: expecting a close brace or a field name here, got '='",
     true, true},
    {"a = 1\n\n\nb = ]",
     "String: 4: Expecting a value but got wrong token: ']' (if you intended "
     "']' to be part of a key or string value, try enclosing the key or value "
     "in double quotes",
     true, true},
    {"\"profile::ok\" = 1\n\"profile::bad\" {\n  x =\n}",
     "String: 4: Expecting a value but got wrong token: '}' (if you intended "
     "'}' to be part of a key or string value, try enclosing the key or value "
     "in double quotes",
     true, true},
    {"a = `x`",
     "String: 1: Expecting a value but got wrong token: '`' (Reserved "
     "character '`' is not allowed outside quotes) (if you intended '`' "
     "(Reserved character '`' is not allowed outside quotes) to be part of a "
     "key or string value, try enclosing the key or value in double quotes",
     true, true},
    {"a=+5",
     "String: 1: Expecting a value but got wrong token: '5' ('+' not followed "
     "by =, '5' not allowed after '+') (if you intended '5' ('+' not followed "
     "by =, '5' not allowed after '+') to be part of a key or string value, "
     "try enclosing the key or value in double quotes",
     true, true},
    {"a = \"x\ny\"",
     "String: 1: Expecting a value but got wrong token: '\n' (JSON does not "
     "allow unescaped \n in quoted strings, use a backslash escape) (if you "
     "intended '\n' (JSON does not allow unescaped \n in quoted strings, use a "
     "backslash escape) to be part of a key or string value, try enclosing the "
     "key or value in double quotes",
     true, true},
    {"a. = 1",
     "path has a leading, trailing, or two adjacent period '.' (use quoted "
     "\"\" empty string if you want an empty element)",
     false, true},
    {"a\n\nb",
     "String: 3: Key 'a' may not be followed by token: 'b' (if you intended "
     "'b' to be part of a key or string value, try enclosing the key or value "
     "in double quotes",
     true, true},
    {"a=1 b=2",
     "String: 1: Expecting close brace } or a comma, got '=' (if you intended "
     "'=' to be part of a key or string value, try enclosing the key or value "
     "in double quotes",
     true, true},
    {"\\ta = 1",
     "String: 1: expecting a close brace or a field name here, got '\\' "
     "(Reserved character '\\' is not allowed outside quotes)",
     true, true},
    {"a = ${b}\nb = ${?c}",
     "String: 1: Could not resolve substitution to a value: ${b}", true, true},
    {"a = 1\na += 2",
     "String: 1: Cannot concatenate object or list with a non-object-or-list, "
     "ConfigInt(1) and SimpleConfigList([2]) are not compatible",
     false, false},
    {"a { include = 1 }",
     "String: 1: include keyword is not followed by a quoted string, but by: "
     "'='",
     true, true},
    {"include = 1",
     "String: 1: include keyword is not followed by a quoted string, but by: "
     "'='",
     true, true},
    {"a = ${a}",
     "String: 1: Could not resolve substitution to a value: ${a} was part of a "
     "cycle of substitutions involving ${a}, ${a}",
     true, false},
    {"a = 1,\n, b = 2",
     "String: 2: expecting a close brace or a field name here, got ','", true,
     true},
    {"a = [,]",
     "String: 1: List should have ] or a first element after the open [, "
     "instead had token: ',' (if you want ',' to be part of a string value, "
     "then double-quote it)",
     true, true},
    {"a = [1\n,\n, 2]",
     "String: 3: List should have had new element after a comma, instead had "
     "token: ',' (if you want the comma or ',' to be part of a string value, "
     "then double-quote it)",
     true, true},
    {"a = [",
     "String: 1: List should have ] or a first element after the open [, "
     "instead had token: end of file (if you want end of file to be part of a "
     "string value, then double-quote it)",
     true, true},
    {"a = [\n",
     "String: 2: List should have ] or a first element after the open [, "
     "instead had token: end of file (if you want end of file to be part of a "
     "string value, then double-quote it)",
     true, true},
    {"include",
     "String: 1: include keyword is not followed by a quoted string, but by: "
     "end of file",
     true, true},
    {"include 5",
     "String: 1: include keyword is not followed by a quoted string, but by: "
     "'5' (NUMBER)",
     true, true},
    {"a = [1] 2",
     "String: 1: Cannot concatenate object or list with a non-object-or-list, "
     "SimpleConfigList([1]) and ConfigInt(2) are not compatible",
     false, false},
    {"a = [1] true",
     "String: 1: Cannot concatenate object or list with a non-object-or-list, "
     "SimpleConfigList([1]) and ConfigBoolean(true) are not compatible",
     false, false},
    {"a = {b=1} \"\"",
     "String: 1: Cannot concatenate object or list with a non-object-or-list, "
     "SimpleConfigObject({\"b\":1}) and Quoted(\"\") are not compatible",
     false, false},
    {"a = x [1]",
     "String: 1: Cannot concatenate object or list with a non-object-or-list, "
     "Unquoted(\"x\") and SimpleConfigList([1]) are not compatible",
     false, false},
    {"b = foo bar\na = [1] ${b}",
     "String: 2: Cannot concatenate object or list with a non-object-or-list, "
     "SimpleConfigList([1]) and Quoted(\"foo bar\") are not compatible",
     false, false},
};

TEST(HoconTest, ReadsAsTheGem) {
  for (const Case &C : Valid) {
    std::string Error;
    std::optional<Value> V = parseHocon(C.Source, Error);
    ASSERT_TRUE(V) << C.Source << "\n" << Error;
    EXPECT_EQ(V->toRubyInspect(), C.Gem) << C.Source;
  }
}

TEST(HoconTest, FailsAsTheGem) {
  for (const ErrorCase &C : Invalid) {
    std::string Error;
    bool IsParseError = false;
    EXPECT_FALSE(parseHocon(C.Source, Error, &IsParseError)) << C.Source;
    if (C.Whole)
      EXPECT_EQ(Error, C.Gem) << C.Source;
    else
      EXPECT_TRUE(llvm::StringRef(C.Gem).startswith(Error)) << C.Source << "\n"
                                                            << Error;
    EXPECT_EQ(IsParseError, C.Parse) << C.Source;
  }
}

TEST(HoconTest, SubstitutionsFallBackToTheEnvironment) {
  ::setenv("CPPET_HOCON_TEST", "from the environment", 1);
  std::string Error;
  std::optional<Value> V =
      parseHocon("a = ${CPPET_HOCON_TEST}\nb = ${?CPPET_HOCON_UNSET}", Error);
  ASSERT_TRUE(V) << Error;
  EXPECT_EQ(V->toRubyInspect(), "{\"a\"=>\"from the environment\"}");
}

TEST(HoconTest, IncludeIsAnError) {
  // The gem reads included files (and skips missing ones); cppet does not.
  std::string Error;
  EXPECT_FALSE(parseHocon("a = 1\ninclude \"other.conf\"", Error));
  EXPECT_EQ(Error, "String: 2: cppet does not support HOCON include");
}

TEST(HoconTest, DeepNestingIsAnError) {
  std::string Error;
  EXPECT_FALSE(parseHocon("a = " + std::string(100000, '['), Error));
  EXPECT_EQ(Error, "String: 1: objects and lists nested more than 500 deep");
  std::string Chain;
  for (int I = 0; I < 100000; ++I)
    Chain += "a" + std::to_string(I) + " = ${a" + std::to_string(I + 1) + "}\n";
  EXPECT_FALSE(parseHocon(Chain + "a100000 = 1", Error));
  EXPECT_NE(Error.find("nested more than 500 deep"), std::string::npos);
}

TEST(HoconTest, NeverCrashesOnMangledDocuments) {
  // Valid and invalid cases with bytes dropped, repeated or replaced.
  std::mt19937 Random(42);
  const std::string Alphabet = "{}[]=:,+$?\"#/\\\n .ae1-";
  for (int Round = 0; Round < 20; ++Round)
    for (const Case &C : Valid) {
      std::string Text = C.Source;
      for (int Edit = 0; Edit < 3 && !Text.empty(); ++Edit) {
        const size_t At = Random() % Text.size();
        switch (Random() % 3) {
        case 0:
          Text.erase(At, 1);
          break;
        case 1:
          Text.insert(At, Text.substr(At, Random() % 8));
          break;
        default:
          Text[At] = Alphabet[Random() % Alphabet.size()];
        }
      }
      std::string Error;
      std::optional<Value> V = parseHocon(Text, Error);
      EXPECT_TRUE(V || !Error.empty()) << Text;
    }
}

TEST(HoconTest, StripsAByteOrderMark) {
  std::string Error;
  std::optional<Value> V = parseHocon("\xEF\xBB\xBF"
                                      "a = 1",
                                      Error);
  ASSERT_TRUE(V) << Error;
  EXPECT_EQ(V->toRubyInspect(), "{\"a\"=>1}");
}

} // namespace
