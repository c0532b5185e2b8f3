//===- FnStdlibTest.cpp - stdlib module functions -------------------------===//

#include "FunctionsTestSupport.h"

using namespace cppet;
using namespace cppet::test;

namespace {

/// A TestContext that remembers declared resources' parameters, so
/// ensure_resource's "already declared with these params" check is testable.
class ResourceContext : public TestContext {
public:
  using TestContext::TestContext;
  void declareResource(llvm::StringRef Type, llvm::StringRef Title,
                       const HashData &Params,
                       bool TitleIsString = true) override {
    TestContext::declareResource(Type, Title, Params);
    Params_.emplace_back(Type.str() + "[" + Title.str() + "]", Params);
  }
  std::optional<HashData> resourceParameters(llvm::StringRef Type,
                                             llvm::StringRef Title) override {
    for (const auto &[Key, P] : Params_)
      if (Key == Type.lower() + "[" + Title.str() + "]")
        return P;
    return std::nullopt;
  }
  Value callFunction(llvm::StringRef N, llvm::ArrayRef<Value> Args) override {
    const BuiltinFunction *F = FunctionRegistry::get().findModuleFunction(N);
    if (!F)
      return TestContext::callFunction(N, Args);
    // Nested module calls share this context's resources.
    return (*F)(*this, Args);
  }

private:
  std::vector<std::pair<std::string, HashData>> Params_;
};

Value callModule(TestContext &Ctx, std::vector<Value> Args) {
  const BuiltinFunction *F =
      FunctionRegistry::get().findModuleFunction(Ctx.name());
  if (!F)
    F = FunctionRegistry::get().find(Ctx.name());
  if (!F)
    throw FunctionError("unknown function " + Ctx.name().str());
  return (*F)(Ctx, Args);
}

Value callModule(llvm::StringRef Name, std::vector<Value> Args) {
  TestContext Ctx(Name.str());
  return callModule(Ctx, std::move(Args));
}

std::string moduleError(llvm::StringRef Name, std::vector<Value> Args) {
  try {
    callModule(Name, std::move(Args));
  } catch (const FunctionError &E) {
    return E.what();
  }
  return "";
}

TEST(FnStdlibTest, MergeLaterKeysWin) {
  EXPECT_EQ(show(callModule("merge", {makeHash({{"a", 1}, {"b", 2}}),
                                      makeHash({{"b", 3}, {"c", 4}})})),
            "{'a' => 1, 'b' => 3, 'c' => 4}");
  EXPECT_EQ(
      show(callModule("merge", {Value(), Value(""), makeHash({{"a", 1}})})),
      "{'a' => 1}");
  EXPECT_NE(moduleError("merge", {Value(1)}), "");
}

TEST(FnStdlibTest, PickSkipsUndefAndEmpty) {
  EXPECT_EQ(show(callModule("pick", {Value(), Value(""), Value("x")})), "x");
  EXPECT_EQ(moduleError("pick", {Value(), Value("")}),
            "pick(): must receive at least one non empty value");
  EXPECT_EQ(show(callModule("pick_default", {Value(""), Value("d")})), "d");
  EXPECT_TRUE(callModule("pick_default", {Value(), Value()}).isString());
}

TEST(FnStdlibTest, ValidateMessages) {
  EXPECT_EQ(moduleError("validate_hash", {Value("x")}),
            "\"x\" is not a Hash.  It looks to be a String");
  EXPECT_EQ(moduleError("validate_bool", {Value("true")}),
            "\"true\" is not a boolean.  It looks to be a String");
  EXPECT_EQ(moduleError("validate_string", {Value()}), "");
  EXPECT_EQ(moduleError("validate_array", {Value(1)}),
            "1 is not an Array.  It looks to be a Integer");
  EXPECT_EQ(moduleError("validate_absolute_path", {Value("etc")}),
            "\"etc\" is not an absolute path.");
  EXPECT_EQ(moduleError("validate_absolute_path", {Value("C:/x")}), "");
  EXPECT_EQ(moduleError("validate_re", {Value("abc"), Value("^b")}),
            "validate_re(): \"abc\" does not match \"^b\"");
  EXPECT_EQ(moduleError("validate_re", {Value("abc"), strings({"^x", "^a"})}),
            "");
  EXPECT_EQ(moduleError("validate_slength", {Value("abcd"), Value(3)}),
            "validate_slength(): Expected length of \"abcd\" to be between 0 "
            "and 3, was 4");
  EXPECT_EQ(moduleError("validate_integer", {Value("12"), Value(10)}),
            "validate_integer(): Expected first argument to be smaller or "
            "equal to 10, got 12");
  EXPECT_EQ(moduleError("validate_hash", {}),
            "validate_hash(): wrong number of arguments (0; must be > 0)");
}

TEST(FnStdlibTest, Predicates) {
  EXPECT_TRUE(callModule("is_string", {Value("abc")}).asBoolean());
  EXPECT_FALSE(callModule("is_string", {Value("12")}).asBoolean());
  EXPECT_FALSE(callModule("is_string", {Value("1.5")}).asBoolean());
  EXPECT_TRUE(callModule("is_integer", {Value("-12")}).asBoolean());
  EXPECT_FALSE(callModule("is_integer", {Value("012")}).asBoolean());
  EXPECT_TRUE(callModule("is_numeric", {Value("1.5e3")}).asBoolean());
  EXPECT_TRUE(callModule("is_float", {Value("1.5")}).asBoolean());
  EXPECT_TRUE(callModule("is_ipv4_address", {Value("10.0.0.1")}).asBoolean());
  EXPECT_FALSE(callModule("is_ipv4_address", {Value("::1")}).asBoolean());
  EXPECT_TRUE(callModule("is_ip_address", {Value("::1")}).asBoolean());
  EXPECT_TRUE(callModule("is_absolute_path", {Value("/etc")}).asBoolean());
  EXPECT_TRUE(callModule("is_domain_name", {Value("example.com")}).asBoolean());
  EXPECT_TRUE(
      callModule("is_mac_address", {Value("00:1a:2b:3c:4d:5e")}).asBoolean());
}

TEST(FnStdlibTest, EnsurePackagesDeclaresOnce) {
  ResourceContext Ctx("ensure_packages");
  callModule(Ctx, {strings({"curl", "vim"})});
  callModule(Ctx, {strings({"curl"}), makeHash({{"ensure", "present"}})});
  EXPECT_EQ(Ctx.Declared,
            (std::vector<std::string>{"package[curl]", "package[vim]"}));
}

TEST(FnStdlibTest, EnsureResourceWithTitles) {
  ResourceContext Ctx("ensure_resource");
  callModule(Ctx, {Value("group"), strings({"web", "ops"}),
                   makeHash({{"ensure", "present"}})});
  callModule(Ctx,
             {Value("group"), Value("web"), makeHash({{"ensure", "present"}})});
  EXPECT_EQ(Ctx.Declared,
            (std::vector<std::string>{"group[web]", "group[ops]"}));
}

TEST(FnStdlibTest, EnsureResourcesMergesDefaults) {
  ResourceContext Ctx("ensure_resources");
  callModule(Ctx, {Value("user"), makeHash({{"dan", makeHash({{"uid", 1}})}}),
                   makeHash({{"ensure", "present"}})});
  EXPECT_EQ(Ctx.Declared, (std::vector<std::string>{"user[dan]"}));
  EXPECT_EQ(moduleError("ensure_resources", {Value("user"), Value("x")}),
            "ensure_resources(): Requires second argument to be a Hash");
}

TEST(FnStdlibTest, Collections) {
  EXPECT_EQ(
      show(callModule("concat", {strings({"a"}), Value("b"), strings({"c"})})),
      "['a', 'b', 'c']");
  EXPECT_EQ(show(callModule("delete", {Value("banana"), Value("an")})), "ba");
  EXPECT_EQ(show(callModule("delete", {strings({"a", "b", "a"}), Value("a")})),
            "['b']");
  EXPECT_EQ(show(callModule("delete_undef_values",
                            {makeArray({Value("a"), Value(), Value("b")})})),
            "['a', 'b']");
  EXPECT_EQ(
      show(callModule("difference", {strings({"a", "b"}), strings({"b"})})),
      "['a']");
  EXPECT_EQ(
      show(callModule("union", {strings({"a", "b"}), strings({"b", "c"})})),
      "['a', 'b', 'c']");
  EXPECT_EQ(show(callModule("intersection",
                            {strings({"a", "b"}), strings({"b", "c"})})),
            "['b']");
  EXPECT_TRUE(
      callModule("member", {strings({"a", "b"}), Value("b")}).asBoolean());
  EXPECT_TRUE(
      callModule("has_key", {makeHash({{"a", 1}}), Value("a")}).asBoolean());
  EXPECT_EQ(show(callModule("prefix", {strings({"a", "b"}), Value("p")})),
            "['pa', 'pb']");
  EXPECT_EQ(show(callModule("suffix", {strings({"a"}), Value(".conf")})),
            "['a.conf']");
  EXPECT_EQ(show(callModule("join_keys_to_values",
                            {makeHash({{"a", 1}, {"b", strings({"x", "y"})}}),
                             Value("=")})),
            "['a=1', 'b=x', 'b=y']");
  EXPECT_EQ(show(callModule("any2array", {Value("x")})), "['x']");
  EXPECT_EQ(show(callModule("any2array", {Value()})), "[]");
  EXPECT_EQ(
      show(callModule("deep_merge", {makeHash({{"a", makeHash({{"x", 1}})}}),
                                     makeHash({{"a", makeHash({{"y", 2}})}})})),
      "{'a' => {'x' => 1, 'y' => 2}}");
  EXPECT_EQ(show(callModule("range", {Value("1"), Value("4")})),
            "[1, 2, 3, 4]");
  EXPECT_EQ(show(callModule("values_at",
                            {strings({"a", "b", "c"}), strings({"0-1"})})),
            "['a', 'b']");
}

TEST(FnStdlibTest, BooleansAndStrings) {
  EXPECT_TRUE(callModule("str2bool", {Value("yes")}).asBoolean());
  EXPECT_EQ(moduleError("str2bool", {Value("maybe")}),
            "str2bool(): Unknown type of boolean given");
  EXPECT_EQ(show(callModule("bool2str", {Value(true)})), "true");
  EXPECT_EQ(
      show(callModule("bool2str", {Value(false), Value("y"), Value("n")})),
      "n");
  EXPECT_TRUE(callModule("num2bool", {Value("1")}).asBoolean());
  EXPECT_FALSE(callModule("num2bool", {Value("-1.5")}).asBoolean());
  EXPECT_EQ(callModule("bool2num", {Value("true")}).asInteger(), 1);
  EXPECT_EQ(show(callModule("dirname", {Value("/etc/app/x.conf")})),
            "/etc/app");
  EXPECT_EQ(show(callModule("dirname", {Value("x.conf")})), ".");
  EXPECT_EQ(show(callModule("basename", {Value("/a/b.conf"), Value(".conf")})),
            "b");
  EXPECT_EQ(show(callModule("stdlib::extname", {Value("/a/b.conf")})), ".conf");
  EXPECT_EQ(callModule("to_bytes", {Value("4 kB")}).asInteger(), 4096);
  EXPECT_EQ(callModule("to_bytes", {Value("1.5M")}).asInteger(), 1572864);
  EXPECT_EQ(show(callModule("shell_escape", {Value("a b'c")})), "a\\ b\\'c");
  EXPECT_EQ(show(callModule("squeeze", {Value("aaabbc")})), "abc");
  EXPECT_EQ(show(callModule("swapcase", {Value("aB")})), "Ab");
}

TEST(FnStdlibTest, Serialization) {
  EXPECT_EQ(show(callModule("to_json",
                            {makeHash({{"a", 1}, {"b", strings({"x"})}})})),
            "{\"a\":1,\"b\":[\"x\"]}");
  EXPECT_EQ(show(callModule("to_json_pretty", {makeHash({{"a", 1}})})),
            "{\n  \"a\": 1\n}\n");
  EXPECT_EQ(show(callModule("to_yaml",
                            {makeHash({{"a", 1}, {"b", strings({"x"})}})})),
            "---\na: 1\nb:\n- x\n");
  EXPECT_EQ(show(callModule("parsejson", {Value("{\"a\": [1, true]}")})),
            "{'a' => [1, true]}");
}

TEST(FnStdlibTest, SeededRandIsRubyCompatible) {
  // Values from Puppet 7.23 (mod_stdlib_functions conformance case).
  EXPECT_EQ(callModule("seeded_rand", {Value(100), Value("x")}).asInteger(),
            16);
}

TEST(FnStdlibTest, GetvarDigsAndDefaults) {
  TestContext Ctx("getvar");
  Ctx.Variables.set(Value("a"), makeHash({{"b", strings({"x", "y"})}}));
  EXPECT_EQ(show(callModule(Ctx, {Value("a.b.1")})), "y");
  EXPECT_EQ(show(callModule(Ctx, {Value("nope"), Value("d")})), "d");
}

TEST(FnStdlibTest, Dig44) {
  EXPECT_EQ(show(callModule("dig44", {makeHash({{"a", strings({"x"})}}),
                                      makeArray({Value("a"), Value(0)})})),
            "x");
  EXPECT_EQ(
      show(callModule("dig44", {makeHash({}), strings({"a"}), Value("d")})),
      "d");
}

} // namespace
