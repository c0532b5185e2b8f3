//===- ErbTest.cpp - The ERB engine behind template()/inline_template() ---===//

#include "FunctionsTestSupport.h"

#include "../../lib/Compile/Erb.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace cppet;
using namespace cppet::test;

namespace {

/// Renders Source with Ctx's variables through inline_template.
std::string render(TestContext &Ctx, const std::string &Source) {
  const BuiltinFunction *F = FunctionRegistry::get().find("inline_template");
  return (*F)(Ctx, {Value(Source)}).asString();
}

std::string render(const std::string &Source) {
  TestContext Ctx("inline_template");
  return render(Ctx, Source);
}

std::string renderError(TestContext &Ctx, const std::string &Source) {
  try {
    render(Ctx, Source);
  } catch (const FunctionError &E) {
    return E.what();
  }
  return "";
}

TEST(Erb, TextAndTrimMode) {
  EXPECT_EQ(render("a<%= 1 + 2 %>b"), "a3b");
  EXPECT_EQ(render("<% if true -%>\nyes\n<% end -%>\nz"), "yes\nz");
  EXPECT_EQ(render("  <%- x = 1 -%>\nv<%= x %>"), "v1");
  EXPECT_EQ(render("a <%- x = 1 %>b"), "a b");
  EXPECT_EQ(render("<%# comment -%>\nx"), "x");
  EXPECT_EQ(render("<%% literal %>"), "<% literal %>");
  EXPECT_EQ(render("<% if false %>\nno<% end %>\n"), "\n");
}

TEST(Erb, Variables) {
  TestContext Ctx("inline_template");
  Ctx.Variables.set(Value("name"), Value("web"));
  Ctx.Variables.set(Value("list"), strings({"a", "b"}));
  Ctx.Variables.set(Value("::top"), Value(5));
  Ctx.Variables.set(Value("undef"), Value());
  EXPECT_EQ(render(Ctx, "<%= @name %>-<%= @missing %>-<%= @undef.nil? %>"),
            "web--true");
  EXPECT_EQ(render(Ctx, "<%= scope['::top'] %> <%= scope.lookupvar('name') %>"),
            "5 web");
  EXPECT_EQ(render(Ctx, "<%= @list %>"), "[\"a\", \"b\"]");
  EXPECT_EQ(render(Ctx, "<%= \"#{@list}\" %>|<%= @list.join(',') %>"),
            "[\"a\", \"b\"]|a,b");
  EXPECT_EQ(render(Ctx, "<% @list.each do |i| -%>\n- <%= i %>\n<% end -%>\n"),
            "- a\n- b\n");
  EXPECT_EQ(render(Ctx, "<%= scope.to_hash['name'] %>"), "web");
  EXPECT_EQ(render(Ctx, "<%= has_variable?('name') %>"), "true");
}

TEST(Erb, FunctionCalls) {
  TestContext Ctx("inline_template");
  EXPECT_EQ(render(Ctx, "<%= scope.function_upcase(['abc']) %>"), "ABC");
  EXPECT_EQ(
      render(Ctx, "<%= scope.call_function('join', [['a', 'b'], '-']) %>"),
      "a-b");
}

TEST(Erb, Expressions) {
  EXPECT_EQ(render("<%= [3, 1, 2].sort.map { |x| x * 2 }.join(' ') %>"),
            "2 4 6");
  EXPECT_EQ(render("<%= { 'b' => 1, a: 2 } %>"), "{\"b\"=>1, :a=>2}");
  EXPECT_EQ(render("<%= 7 / 2 %> <%= -7 / 2 %> <%= 7 % 3 %> <%= 1.5 * 2 %>"),
            "3 -4 1 3.0");
  EXPECT_EQ(render("<%= 'a' == 'a' ? 'y' : 'n' %>"), "y");
  EXPECT_EQ(render("<%= nil || 'd' %><%= false && 1 %>"), "dfalse");
  EXPECT_EQ(render("<%= 'x=1' =~ /=(\\d)/ %><%= $1 %>"), "11");
  EXPECT_EQ(render("<%= 'a-b-c'.gsub('-', '_') %> <%= 'abc'.sub(/b/) { |m| "
                   "m.upcase } %>"),
            "a_b_c aBc");
  EXPECT_EQ(render("<%= (1..3).to_a.inspect %> <%= (0...3).map { |i| i } %>"),
            "[1, 2, 3] [0, 1, 2]");
  EXPECT_EQ(render("<%= %w(a b c).each_with_index.map { |x| x } rescue 'e' %>"),
            "e");
  EXPECT_EQ(render("<%= :sym %> <%= :sym.inspect %> <%= 'q'.inspect %>"),
            "sym :sym \"q\"");
  EXPECT_EQ(render("<%= [1, [2, nil]].flatten.compact.inspect %>"), "[1, 2]");
  EXPECT_EQ(render("<%= 'A b'.downcase.split(' ').inspect %>"),
            "[\"a\", \"b\"]");
  EXPECT_EQ(render("<%= 'x'.ljust(3, '.') %>|<%= 'x'.rjust(3) %>"), "x..|  x");
  EXPECT_EQ(
      render("<%= {'a'=>1,'b'=>2}.map { |k, v| \"#{k}=#{v}\" }.join('&') %>"),
      "a=1&b=2");
  EXPECT_EQ(
      render(
          "<%= [1,2,3].inject(0) { |s, x| s + x } %> <%= [1,2].reduce(:+) %>"),
      "6 3");
  EXPECT_EQ(render("<%= 'abc'.start_with?('a') && 'abc'.end_with?('bc') %>"),
            "true");
  EXPECT_EQ(render("<%= [1, 'a'].is_a?(Array) %><%= 1.is_a?(Numeric) %><%= "
                   "nil.is_a?(String) %>"),
            "truetruefalse");
  EXPECT_EQ(render("<%= 1.0 / 3 %>"), "0.3333333333333333");
}

TEST(Erb, ControlFlow) {
  EXPECT_EQ(render("<% x = 5 -%>\n<% case x\n when 1..3 then %>low<% when 4, 5 "
                   "%>mid<% else %>hi<% end %>"),
            "mid");
  EXPECT_EQ(render("<% unless false %>u<% end %><%= 'm' if true %><%= 'n' "
                   "unless true %>"),
            "um");
  EXPECT_EQ(render("<% [1,2,3,4].each do |i| next if i.even?; break if i > 3 "
                   "%><%= i %><% end %>"),
            "13");
  EXPECT_EQ(render("<% i = 0; while i < 3; i += 1; end %><%= i %>"), "3");
  EXPECT_EQ(render("<% if false %>a<% elsif nil %>b<% else %>c<% end %>"), "c");
  EXPECT_EQ(render("<% def yn(v) v ? 'yes' : 'no' end -%><%= yn(true) %>/<%= "
                   "yn(nil) %>"),
            "yes/no");
  EXPECT_EQ(
      render(
          "<% {'b'=>2,'a'=>1}.sort.each do |k, v| %><%= k %><%= v %><% end %>"),
      "a1b2");
  EXPECT_EQ(render("<% a, b = 'x:y'.split(':') %><%= b %><%= a %>"), "yx");
}

// Templates get the very Ruby objects Puppet holds: mutating an @var's
// hash or array changes it for later templates and in the catalog (Puppet
// 7.23's apache vhosts show `aliases << {...}` on @scriptaliases).
TEST(Erb, MutationOfVariablesIsShared) {
  TestContext Ctx("inline_template");
  Ctx.Variables.set(Value("h"), makeHash({{Value("Port"), Value(22)}}));
  EXPECT_EQ(
      render(Ctx,
             "<% if p = @h.delete('Port') %><%= p %><% end %><%= @h.size %>"),
      "220");
  EXPECT_EQ(render(Ctx, "<%= @h.size %>"), "0");
  Ctx.Variables.set(Value("a"), makeArray({Value(1)}));
  EXPECT_EQ(render(Ctx, "<% x = @a; x << 2 %><%= @a.size %>"), "2");
  EXPECT_EQ(render(Ctx, "<%= @a.size %>"), "2");
  EXPECT_EQ(render(Ctx, "<% s = 'a'; s << 'b' %><%= s %>"), "ab");
}

TEST(Erb, Errors) {
  TestContext Ctx("inline_template");
  EXPECT_EQ(renderError(Ctx, "x\n<%= @nope.upcase %>"),
            "Failed to parse inline template: undefined method `upcase' for "
            "nil:NilClass");
  EXPECT_NE(renderError(Ctx, "<% if true %>").find("syntax error"),
            std::string::npos);
  EXPECT_NE(renderError(Ctx, "<% while true; end %>").find("steps"),
            std::string::npos);
  EXPECT_NE(renderError(Ctx, "<%= 'a' + 1 %>").find("no implicit conversion"),
            std::string::npos);
  EXPECT_NE(renderError(Ctx, "<%= foo %>").find("undefined local variable"),
            std::string::npos);
}

/// Every template of the Forge modules installed from Debian packages must
/// parse (their evaluation is covered by the conformance modules set).
TEST(Erb, RealModuleTemplatesParse) {
  const char *Root = "/usr/share/puppet/modules";
  if (!llvm::sys::fs::is_directory(Root))
    GTEST_SKIP() << "no Debian puppet modules installed";
  std::error_code EC;
  std::vector<std::string> Failures;
  size_t Count = 0;
  for (llvm::sys::fs::recursive_directory_iterator It(Root, EC), End;
       It != End && !EC; It.increment(EC)) {
    llvm::StringRef Path = It->path();
    if (!Path.endswith(".erb") || !Path.contains("/templates/"))
      continue;
    auto Buf = llvm::MemoryBuffer::getFile(Path);
    if (!Buf)
      continue;
    ++Count;
    erb::ErbFailure Failure;
    if (!erb::parseTemplate((*Buf)->getBuffer(), Failure))
      Failures.push_back(Path.str() + ":" + std::to_string(Failure.Line) +
                         ": " + Failure.Message);
  }
  for (const std::string &F : Failures)
    ADD_FAILURE() << F;
  EXPECT_GT(Count, 0u);
}

} // namespace
