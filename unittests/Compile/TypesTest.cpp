//===- TypesTest.cpp - Type system tests ----------------------------------===//

#include "cppet/Compile/Types.h"

#include "gtest/gtest.h"

using namespace cppet;
using namespace cppet::types;

namespace {

Type T(llvm::StringRef Name) { return fromName(Name); }

/// Base[Args...], expecting success and a single type.
Type P(const Type &Base, std::vector<Value> Args) {
  auto R = parameterize(Base, Args);
  if (!R) {
    ADD_FAILURE() << llvm::toString(R.takeError());
    return Type();
  }
  EXPECT_TRUE(R->isType()) << R->toString();
  return R->asType();
}
Type P(llvm::StringRef Base, std::vector<Value> Args) {
  return P(T(Base), std::move(Args));
}

std::string err(llvm::StringRef Base, std::vector<Value> Args) {
  auto R = parameterize(T(Base), Args);
  if (R) {
    ADD_FAILURE() << "expected an error, got " << R->toString();
    return "";
  }
  return llvm::toString(R.takeError());
}

Value V(const Type &Ty) { return Value(Ty); }
Value re(llvm::StringRef Src) { return Value(*Regexp::compile(Src)); }
const Value Def = Value::makeDefault();

TEST(TypesTest, FromName) {
  EXPECT_EQ(T("Integer").data().Kind, TypeKind::Integer);
  EXPECT_EQ(T("Any").data().Kind, TypeKind::Any);
  EXPECT_EQ(T("NotUndef").data().Kind, TypeKind::NotUndef);
  EXPECT_EQ(T("SemVerRange").data().Kind, TypeKind::SemVerRange);
  EXPECT_EQ(T("CatalogEntry").data().Kind, TypeKind::CatalogEntry);
  EXPECT_TRUE(isBuiltinTypeName("ScalarData"));
  EXPECT_FALSE(isBuiltinTypeName("File"));
  const Type F = T("File");
  EXPECT_EQ(F.data().Kind, TypeKind::Resource);
  EXPECT_EQ(F.data().Name, "File");
  EXPECT_EQ(F.toString(), "File");
  EXPECT_EQ(T("foo::bar").toString(), "Foo::Bar");
  EXPECT_EQ(T("Resource").toString(), "Resource");
  EXPECT_EQ(T("Class").toString(), "Class");
  EXPECT_EQ(capitalizeTypeName("file"), "File");
  EXPECT_EQ(capitalizeTypeName("foo::bar_baz"), "Foo::Bar_baz");
  EXPECT_EQ(capitalizeTypeName("::foo"), "Foo");
}

TEST(TypesTest, ToStringRoundTrips) {
  EXPECT_EQ(P("Integer", {1, 10}).toString(), "Integer[1, 10]");
  EXPECT_EQ(P("Integer", {1}).toString(), "Integer[1]");
  EXPECT_EQ(P("Integer", {1, Def}).toString(), "Integer[1]");
  EXPECT_EQ(P("Integer", {Def, 5}).toString(), "Integer[default, 5]");
  EXPECT_EQ(P("Integer", {Def, Def}).toString(), "Integer");
  EXPECT_EQ(P("Float", {1, 2.5}).toString(), "Float[1.0, 2.5]");
  EXPECT_EQ(P("String", {1}).toString(), "String[1]");
  EXPECT_EQ(P("String", {1, 10}).toString(), "String[1, 10]");
  EXPECT_EQ(P("String", {0}).toString(), "String[0]");
  EXPECT_EQ(P("Array", {V(T("String"))}).toString(), "Array[String]");
  EXPECT_EQ(P("Array", {V(T("String")), 1}).toString(), "Array[String, 1]");
  EXPECT_EQ(P("Array", {V(T("String")), 1, 5}).toString(),
            "Array[String, 1, 5]");
  EXPECT_EQ(P("Array", {V(T("Any"))}).toString(), "Array");
  EXPECT_EQ(P("Array", {1, 5}).toString(), "Array[Any, 1, 5]");
  EXPECT_EQ(P("Array", {0, 0}).toString(), "Array[0, 0]");
  EXPECT_EQ(P("Hash", {V(T("String")), V(T("Integer"))}).toString(),
            "Hash[String, Integer]");
  EXPECT_EQ(P("Hash", {V(T("String")), V(T("Integer")), 1, 3}).toString(),
            "Hash[String, Integer, 1, 3]");
  EXPECT_EQ(P("Hash", {V(T("Any")), V(T("Any"))}).toString(), "Hash");
  EXPECT_EQ(P("Tuple", {V(T("String")), V(T("Integer"))}).toString(),
            "Tuple[String, Integer]");
  EXPECT_EQ(P("Tuple", {V(T("String")), 1, 5}).toString(),
            "Tuple[String, 1, 5]");
  EXPECT_EQ(P("Enum", {"a", "b"}).toString(), "Enum['a', 'b']");
  EXPECT_EQ(P("Enum", {makeArray({"a", "b"}), true}).toString(),
            "Enum['a', 'b', true]");
  EXPECT_EQ(P("Pattern", {re("^a"), "b+"}).toString(), "Pattern[/^a/, /b+/]");
  EXPECT_EQ(P("Regexp", {re("x")}).toString(), "Regexp[/x/]");
  EXPECT_EQ(P("Variant", {V(T("String")), V(T("Integer"))}).toString(),
            "Variant[String, Integer]");
  EXPECT_EQ(P("Optional", {V(T("String"))}).toString(), "Optional[String]");
  EXPECT_EQ(P("Optional", {"x"}).toString(), "Optional['x']");
  EXPECT_EQ(P("NotUndef", {V(T("String"))}).toString(), "NotUndef[String]");
  EXPECT_EQ(P("NotUndef", {}).toString(), "NotUndef");
  EXPECT_EQ(P("Type", {V(P("Integer", {1}))}).toString(), "Type[Integer[1]]");
  EXPECT_EQ(P("Sensitive", {V(T("String"))}).toString(), "Sensitive[String]");
  EXPECT_EQ(P("Iterable", {V(T("Integer"))}).toString(), "Iterable[Integer]");
  EXPECT_EQ(P("Collection", {1}).toString(), "Collection[1]");
  EXPECT_EQ(P("Callable", {V(T("String")), V(T("Integer"))}).toString(),
            "Callable[String, Integer]");
  EXPECT_EQ(P("Callable", {V(T("String")), 1, 2}).toString(),
            "Callable[String, 1, 2]");
  EXPECT_EQ(
      P("Callable", {makeArray({V(T("String"))}), V(T("Integer"))}).toString(),
      "Callable[[String], Integer]");
  EXPECT_EQ(P("Runtime", {"ruby", "Foo"}).toString(), "Runtime['ruby', 'Foo']");
}

TEST(TypesTest, StructFormatting) {
  const Type S =
      P("Struct", {makeHash({{"a", V(T("Integer"))},
                             {V(P("Optional", {"b"})), V(T("String"))}})});
  EXPECT_EQ(S.toString(), "Struct[{'a' => Integer, Optional['b'] => String}]");
  // A plain key with an optional value may be absent and prints plainly.
  const Type S2 =
      P("Struct", {makeHash({{"a", V(P("Optional", {V(T("Integer"))}))}})});
  EXPECT_EQ(S2.toString(), "Struct[{'a' => Optional[Integer]}]");
  EXPECT_TRUE(isInstance(S2, makeHash({})));
  // NotUndef key with an optional value must be present.
  const Type S3 =
      P("Struct", {makeHash({{V(P("NotUndef", {"a"})),
                              V(P("Optional", {V(T("Integer"))}))}})});
  EXPECT_EQ(S3.toString(), "Struct[{NotUndef['a'] => Optional[Integer]}]");
  EXPECT_FALSE(isInstance(S3, makeHash({})));
  EXPECT_TRUE(isInstance(S3, makeHash({{"a", Value()}})));
}

TEST(TypesTest, ResourceAndClass) {
  EXPECT_EQ(P("Resource", {"file"}).toString(), "File");
  EXPECT_EQ(P("Resource", {"file", "/tmp/x"}).toString(), "File['/tmp/x']");
  EXPECT_EQ(P("Resource", {V(T("File")), "a"}).toString(), "File['a']");
  EXPECT_EQ(P("File", {"/tmp/x"}).toString(), "File['/tmp/x']");
  EXPECT_EQ(P("foo::bar", {"t"}).toString(), "Foo::Bar['t']");
  EXPECT_EQ(P("Class", {"Foo::Bar"}).toString(), "Class[foo::bar]");
  EXPECT_EQ(P("Class", {"::foo"}).toString(), "Class[foo]");
  EXPECT_EQ(P("Class", {V(T("Foo"))}).toString(), "Class[foo]");

  auto Two = parameterize(T("File"), {Value("a"), Value("b")});
  ASSERT_TRUE(static_cast<bool>(Two));
  ASSERT_TRUE(Two->isArray());
  EXPECT_EQ(Two->toString(), "[File['a'], File['b']]");
  auto InArray = parameterize(T("File"), {makeArray({"a"})});
  ASSERT_TRUE(static_cast<bool>(InArray));
  EXPECT_TRUE(InArray->isArray());
  auto Classes = parameterize(T("Class"), {Value("a"), Value("b")});
  ASSERT_TRUE(static_cast<bool>(Classes));
  EXPECT_EQ(Classes->toString(), "[Class[a], Class[b]]");
  auto ResTwo = parameterize(T("Resource"), {Value("file"), "a", "b"});
  ASSERT_TRUE(static_cast<bool>(ResTwo));
  EXPECT_EQ(ResTwo->toString(), "[File['a'], File['b']]");
  auto Empty = parameterize(T("File"), {Value()});
  ASSERT_TRUE(static_cast<bool>(Empty));
  EXPECT_TRUE(Empty->isUndef());

  // Resource references are type values.
  const Type Ref = P("File", {"a"});
  EXPECT_TRUE(isInstance(P("Type", {V(T("Resource"))}), V(Ref)));
  EXPECT_TRUE(isInstance(P("Type", {V(T("File"))}), V(Ref)));
  EXPECT_FALSE(isInstance(P("Type", {V(T("Package"))}), V(Ref)));
  EXPECT_TRUE(isInstance(P("Type", {V(T("CatalogEntry"))}), V(Ref)));
  EXPECT_FALSE(isInstance(T("Resource"), V(Ref)));
  EXPECT_TRUE(isAssignable(T("File"), Ref));
  EXPECT_FALSE(isAssignable(Ref, T("File")));
  EXPECT_TRUE(isAssignable(T("Class"), P("Class", {"foo"})));
  EXPECT_TRUE(typeEquals(P("File", {"a"}), P("Resource", {"File", "a"})));
}

TEST(TypesTest, ParameterizeErrors) {
  EXPECT_EQ(err("Integer", {1, 2, 3}),
            "Integer-Type supports [] with one or two arguments (from, to). "
            "Got 3");
  EXPECT_EQ(err("Integer", {"a"}),
            "Integer-Type [] requires all arguments to be integers (or "
            "default). Got String");
  EXPECT_EQ(err("Integer", {5, 1}),
            "'from' must be less or equal to 'to'. Got (5, 1");
  EXPECT_EQ(err("Float", {5.0, 1}),
            "'from' must be less or equal to 'to'. Got (5.0, 1.0");
  EXPECT_EQ(err("Float", {"x"}),
            "Float-Type [] requires all arguments to be floats, or integers "
            "(or default). Got String");
  EXPECT_EQ(err("String", {1, 2, 3}),
            "String supports [] with one or two arguments. Got 3");
  EXPECT_EQ(err("String", {"x"}),
            "A Type's size constraint arguments must be a single Integer "
            "type, or 1-2 integers (or default). Got a String");
  EXPECT_EQ(err("Array", {"x"}),
            "Array-Type[] arguments must be types. Got String");
  EXPECT_EQ(err("Array", {V(T("String")), 1, 2, 3}),
            "Array-Type[] accepts 1 to 3 arguments. Got 4");
  EXPECT_EQ(err("Hash", {V(T("String"))}),
            "Hash-Type[] accepts 2 to 4 arguments. Got 1");
  EXPECT_EQ(err("Optional", {1}),
            "Optional-Type[] arguments must be types. Got Integer");
  EXPECT_EQ(err("Type", {V(T("String")), V(T("String"))}),
            "Type-Type[] accepts 1 argument. Got 2");
  EXPECT_EQ(err("Enum", {1}),
            "Error creating type specialization of an Enum-Type, Cannot use "
            "Integer where String is expected");
  EXPECT_EQ(err("Struct", {makeHash({{"", V(T("String"))}})}),
            "Struct element key cannot be an empty String");
  EXPECT_EQ(err("Resource", {1}),
            "First argument to Resource[] must be a resource type or a "
            "String. Got Integer.");
  EXPECT_FALSE(err("Pattern", {"(("}).empty());
  EXPECT_FALSE(err("Boolean", {1}).empty());
}

TEST(TypesTest, IsInstanceScalars) {
  EXPECT_TRUE(isInstance(T("Any"), Value()));
  EXPECT_TRUE(isInstance(T("Undef"), Value()));
  EXPECT_FALSE(isInstance(T("Undef"), ""));
  EXPECT_TRUE(isInstance(T("Default"), Def));
  EXPECT_TRUE(isInstance(T("Boolean"), false));
  EXPECT_FALSE(isInstance(T("Boolean"), "true"));
  EXPECT_TRUE(isInstance(P("Integer", {1, 10}), 10));
  EXPECT_FALSE(isInstance(P("Integer", {1, 10}), 20));
  EXPECT_FALSE(isInstance(T("Integer"), 1.0));
  EXPECT_TRUE(isInstance(T("Float"), 1.0));
  EXPECT_FALSE(isInstance(T("Float"), 1));
  EXPECT_TRUE(isInstance(P("Float", {0, 1}), 0.5));
  EXPECT_TRUE(isInstance(T("Numeric"), 1));
  EXPECT_TRUE(isInstance(T("Numeric"), 1.5));
  EXPECT_FALSE(isInstance(T("Numeric"), "1"));
  EXPECT_TRUE(isInstance(T("String"), ""));
  EXPECT_FALSE(isInstance(P("String", {1}), ""));
  EXPECT_TRUE(isInstance(P("String", {1, 2}), "\xC3\xA9\xC3\xA9")); // 2 chars
  EXPECT_FALSE(isInstance(P("String", {1, 2}), "abc"));
  EXPECT_TRUE(isInstance(P("Enum", {"a", "b"}), "a"));
  EXPECT_FALSE(isInstance(P("Enum", {"a", "b"}), "A"));
  EXPECT_TRUE(isInstance(P("Enum", {"a", "b", true}), "A"));
  EXPECT_TRUE(isInstance(P("Pattern", {re("^a")}), "abc"));
  EXPECT_FALSE(isInstance(P("Pattern", {re("^a"), "z$"}), "bcd"));
  EXPECT_TRUE(isInstance(P("Pattern", {re("^a"), "z$"}), "xyz"));
  EXPECT_TRUE(isInstance(T("Regexp"), re("x")));
  EXPECT_TRUE(isInstance(P("Regexp", {"x"}), re("x")));
  EXPECT_FALSE(isInstance(P("Regexp", {"x"}), re("y")));
  EXPECT_TRUE(isInstance(T("Scalar"), re("x")));
  EXPECT_FALSE(isInstance(T("ScalarData"), re("x")));
  EXPECT_TRUE(isInstance(T("ScalarData"), true));
  EXPECT_FALSE(isInstance(T("Scalar"), Value()));
  EXPECT_FALSE(isInstance(T("Scalar"), makeArray({})));
  EXPECT_TRUE(isInstance(T("Type"), V(T("String"))));
  EXPECT_TRUE(isInstance(P("Type", {V(T("Numeric"))}), V(T("Integer"))));
  EXPECT_FALSE(isInstance(P("Type", {V(T("Integer"))}), V(T("Numeric"))));
  EXPECT_TRUE(isInstance(T("Sensitive"), Value::makeSensitive("x")));
  EXPECT_TRUE(
      isInstance(P("Sensitive", {V(T("String"))}), Value::makeSensitive("x")));
  EXPECT_FALSE(
      isInstance(P("Sensitive", {V(T("Integer"))}), Value::makeSensitive("x")));
  EXPECT_FALSE(isInstance(T("String"), Value::makeSensitive("x")));
}

TEST(TypesTest, IsInstanceComposite) {
  const Type AS = P("Array", {V(T("String"))});
  EXPECT_TRUE(isInstance(AS, makeArray({"a", "b"})));
  EXPECT_TRUE(isInstance(AS, makeArray({})));
  EXPECT_FALSE(isInstance(AS, makeArray({"a", 1})));
  EXPECT_FALSE(isInstance(P("Array", {V(T("String")), 1}), makeArray({})));
  EXPECT_FALSE(isInstance(AS, makeHash({})));
  const Type HSI = P("Hash", {V(T("String")), V(T("Integer"))});
  EXPECT_TRUE(isInstance(HSI, makeHash({{"a", 1}})));
  EXPECT_FALSE(isInstance(HSI, makeHash({{"a", "b"}})));
  EXPECT_FALSE(isInstance(HSI, makeHash({{1, 1}})));
  const Type Tup = P("Tuple", {V(T("String")), V(T("Integer"))});
  EXPECT_TRUE(isInstance(Tup, makeArray({"a", 1})));
  EXPECT_FALSE(isInstance(Tup, makeArray({"a"})));
  EXPECT_FALSE(isInstance(Tup, makeArray({"a", 1, 2})));
  const Type TupR = P("Tuple", {V(T("String")), V(T("Integer")), 1, 3});
  EXPECT_TRUE(isInstance(TupR, makeArray({"a"})));
  EXPECT_TRUE(isInstance(TupR, makeArray({"a", 1, 2})));
  EXPECT_FALSE(isInstance(TupR, makeArray({"a", 1, "x"})));
  const Type S =
      P("Struct", {makeHash({{"a", V(T("Integer"))},
                             {V(P("Optional", {"b"})), V(T("String"))}})});
  EXPECT_TRUE(isInstance(S, makeHash({{"a", 1}})));
  EXPECT_TRUE(isInstance(S, makeHash({{"a", 1}, {"b", "x"}})));
  EXPECT_FALSE(isInstance(S, makeHash({{"b", "x"}})));
  EXPECT_FALSE(isInstance(S, makeHash({{"a", 1}, {"c", 1}})));
  EXPECT_FALSE(isInstance(S, makeHash({{"a", "1"}})));
  const Type VSI = P("Variant", {V(T("String")), V(T("Integer"))});
  EXPECT_TRUE(isInstance(VSI, 1));
  EXPECT_TRUE(isInstance(VSI, "1"));
  EXPECT_FALSE(isInstance(VSI, 1.0));
  const Type OS = P("Optional", {V(T("String"))});
  EXPECT_TRUE(isInstance(OS, Value()));
  EXPECT_TRUE(isInstance(OS, "x"));
  EXPECT_FALSE(isInstance(OS, 1));
  EXPECT_TRUE(isInstance(P("Optional", {"x"}), "x"));
  EXPECT_FALSE(isInstance(P("Optional", {"x"}), "y"));
  EXPECT_FALSE(isInstance(T("NotUndef"), Value()));
  EXPECT_TRUE(isInstance(T("NotUndef"), 1));
  EXPECT_FALSE(isInstance(P("NotUndef", {V(OS)}), Value()));
  EXPECT_TRUE(isInstance(T("Collection"), makeArray({})));
  EXPECT_TRUE(isInstance(T("Collection"), makeHash({})));
  EXPECT_FALSE(isInstance(T("Collection"), "abc"));
  EXPECT_FALSE(isInstance(P("Collection", {1}), makeArray({})));
}

TEST(TypesTest, DataAndRichData) {
  const Type Data = T("Data");
  EXPECT_TRUE(isInstance(Data, Value()));
  EXPECT_TRUE(
      isInstance(Data, makeArray({1, "a", makeHash({{"k", Value()}})})));
  EXPECT_FALSE(isInstance(Data, makeHash({{1, 2}})));
  EXPECT_FALSE(isInstance(Data, re("x")));
  EXPECT_FALSE(isInstance(Data, Def));
  EXPECT_FALSE(isInstance(Data, makeArray({V(T("String"))})));
  EXPECT_TRUE(isInstance(T("RichData"), re("x")));
  EXPECT_TRUE(isInstance(T("RichData"), Def));
}

TEST(TypesTest, Iterable) {
  const Type It = T("Iterable");
  EXPECT_TRUE(isInstance(It, "abc"));
  EXPECT_TRUE(isInstance(It, 3));
  EXPECT_TRUE(isInstance(It, makeArray({})));
  EXPECT_TRUE(isInstance(It, makeHash({})));
  EXPECT_TRUE(isInstance(It, V(P("Integer", {1, 3}))));
  EXPECT_FALSE(isInstance(It, V(T("Integer"))));
  EXPECT_TRUE(isInstance(It, V(P("Enum", {"a"}))));
  EXPECT_FALSE(isInstance(It, 1.5));
  EXPECT_FALSE(isInstance(It, Value()));
  EXPECT_TRUE(isInstance(P("Iterable", {V(T("Integer"))}), makeArray({1, 2})));
  EXPECT_FALSE(isInstance(P("Iterable", {V(T("Integer"))}), makeArray({"a"})));
  EXPECT_TRUE(isAssignable(It, P("Array", {V(T("String"))})));
  EXPECT_TRUE(isAssignable(It, T("String")));
  EXPECT_FALSE(isAssignable(It, T("Float")));
}

TEST(TypesTest, Assignability) {
  EXPECT_TRUE(isAssignable(T("Any"), T("String")));
  EXPECT_FALSE(isAssignable(T("String"), T("Any")));
  EXPECT_TRUE(isAssignable(T("Numeric"), T("Integer")));
  EXPECT_TRUE(isAssignable(T("Numeric"), P("Float", {1, 2})));
  EXPECT_FALSE(isAssignable(T("Integer"), T("Numeric")));
  EXPECT_TRUE(isAssignable(P("Integer", {0, 10}), P("Integer", {1, 5})));
  EXPECT_FALSE(isAssignable(P("Integer", {0, 10}), P("Integer", {1, 50})));
  EXPECT_TRUE(isAssignable(T("Scalar"), T("Numeric")));
  EXPECT_TRUE(isAssignable(T("Scalar"), T("ScalarData")));
  EXPECT_FALSE(isAssignable(T("ScalarData"), T("Scalar")));
  EXPECT_TRUE(isAssignable(T("Data"), T("ScalarData")));
  EXPECT_TRUE(isAssignable(T("Data"), P("Array", {V(T("Data"))})));
  EXPECT_TRUE(
      isAssignable(T("Data"), P("Hash", {V(T("String")), V(T("Integer"))})));
  EXPECT_FALSE(
      isAssignable(T("Data"), P("Hash", {V(T("Integer")), V(T("Integer"))})));
  EXPECT_TRUE(isAssignable(T("RichData"), T("Data")));
  EXPECT_FALSE(isAssignable(T("Data"), T("RichData")));
  EXPECT_TRUE(isAssignable(T("String"), P("Enum", {"a", "bb"})));
  EXPECT_TRUE(isAssignable(P("String", {1, 2}), P("Enum", {"a", "bb"})));
  EXPECT_FALSE(isAssignable(P("String", {2}), P("Enum", {"a", "bb"})));
  EXPECT_TRUE(isAssignable(T("String"), T("Pattern")));
  EXPECT_TRUE(isAssignable(P("Enum", {"a", "b", "c"}), P("Enum", {"a", "b"})));
  EXPECT_FALSE(isAssignable(P("Enum", {"a"}), P("Enum", {"a", "b"})));
  EXPECT_TRUE(isAssignable(P("Pattern", {"^a"}), P("Enum", {"ab", "ac"})));
  EXPECT_TRUE(isAssignable(P("Optional", {V(T("String"))}), T("Undef")));
  EXPECT_TRUE(isAssignable(P("Optional", {V(T("String"))}), T("String")));
  EXPECT_FALSE(isAssignable(T("String"), P("Optional", {V(T("String"))})));
  EXPECT_TRUE(isAssignable(P("Variant", {V(T("String")), V(T("Integer"))}),
                           T("Integer")));
  EXPECT_TRUE(isAssignable(T("ScalarData"),
                           P("Variant", {V(T("String")), V(T("Integer"))})));
  EXPECT_FALSE(isAssignable(T("NotUndef"), P("Optional", {V(T("String"))})));
  EXPECT_TRUE(isAssignable(T("NotUndef"), T("String")));
  EXPECT_TRUE(isAssignable(P("Array", {V(T("Numeric"))}),
                           P("Array", {V(T("Integer"))})));
  EXPECT_FALSE(isAssignable(P("Array", {V(T("Integer"))}),
                            P("Array", {V(T("Numeric"))})));
  EXPECT_TRUE(isAssignable(P("Array", {V(T("Numeric"))}),
                           P("Tuple", {V(T("Integer")), V(T("Float"))})));
  EXPECT_TRUE(isAssignable(T("Collection"), P("Array", {V(T("String"))})));
  EXPECT_TRUE(isAssignable(P("Hash", {V(T("String")), V(T("Numeric"))}),
                           P("Struct", {makeHash({{"a", V(T("Integer"))}})})));
  EXPECT_TRUE(isAssignable(T("Type"), P("Type", {V(T("String"))})));
  EXPECT_TRUE(
      isAssignable(P("Type", {V(T("Scalar"))}), P("Type", {V(T("String"))})));
  EXPECT_TRUE(isAssignable(T("CatalogEntry"), T("File")));
  EXPECT_TRUE(isAssignable(T("Resource"), T("File")));
  EXPECT_FALSE(isAssignable(T("File"), T("Resource")));
  EXPECT_FALSE(isAssignable(T("File"), T("Package")));
  EXPECT_TRUE(isAssignable(T("Sensitive"), P("Sensitive", {V(T("String"))})));
}

TEST(TypesTest, Equality) {
  EXPECT_TRUE(typeEquals(P("Integer", {1, 2}), makeInteger(1, 2)));
  EXPECT_FALSE(typeEquals(P("Integer", {1, 2}), makeInteger(1, 3)));
  EXPECT_EQ(typeHash(P("Array", {V(T("String"))})),
            typeHash(makeArray(T("String"))));
  EXPECT_TRUE(typeEquals(P("Array", {V(T("String"))}), makeArray(T("String"))));
  EXPECT_TRUE(typeEquals(P("Pattern", {"a"}), P("Pattern", {re("a")})));
  EXPECT_FALSE(typeEquals(T("File"), T("Package")));
  EXPECT_TRUE(typeEquals(Type(), T("Any")));
}

TEST(TypesTest, Inference) {
  EXPECT_EQ(inferType(20).toString(), "Integer[20, 20]");
  EXPECT_EQ(inferType(1.5).toString(), "Float[1.5, 1.5]");
  EXPECT_EQ(inferType("abc").toString(), "String");
  // Puppet 7.23 (conformance case type_of_values) infers Boolean[true].
  EXPECT_EQ(inferType(true).toString(), "Boolean[true]");
  EXPECT_EQ(inferType(Value()).toString(), "Undef");
  EXPECT_EQ(inferType(Def).toString(), "Default");
  EXPECT_EQ(inferType(re("x")).toString(), "Regexp[/x/]");
  EXPECT_EQ(inferType(makeArray({1, "a"})).toString(),
            "Tuple[Integer[1, 1], String]");
  EXPECT_EQ(inferType(makeArray({})).toString(), "Array[0, 0]");
  EXPECT_EQ(inferType(makeHash({})).toString(), "Hash[0, 0]");
  EXPECT_EQ(inferType(makeHash({{"a", 1}})).toString(),
            "Struct[{'a' => Integer[1, 1]}]");
  EXPECT_EQ(inferType(makeHash({{1, "a"}})).toString(),
            "Hash[Integer[1, 1], String, 1, 1]");
  EXPECT_EQ(inferType(V(T("String"))).toString(), "Type[String]");
  EXPECT_TRUE(isInstance(inferType("abc"), "abc"));
  EXPECT_FALSE(isInstance(inferType("abc"), "abd"));

  EXPECT_EQ(inferGeneralType(20).toString(), "Integer");
  EXPECT_EQ(inferGeneralType("abc").toString(), "String");
  EXPECT_EQ(inferGeneralType(makeArray({1, 2})).toString(), "Array[Integer]");
  EXPECT_EQ(inferGeneralType(makeArray({1, 2.0})).toString(), "Array[Numeric]");
  EXPECT_EQ(inferGeneralType(makeArray({1, "a"})).toString(),
            "Array[ScalarData]");
  EXPECT_EQ(inferGeneralType(makeArray({1, Value()})).toString(),
            "Array[Data]");
  EXPECT_EQ(inferGeneralType(makeHash({{"a", 1}})).toString(),
            "Hash[String, Integer]");
  EXPECT_EQ(inferGeneralType(V(makeInteger(1, 2))).toString(), "Type[Integer]");
}

TEST(TypesTest, DescribeMismatch) {
  EXPECT_EQ(describeMismatch(P("Integer", {1, 10}), 20),
            "expects an Integer[1, 10] value, got Integer[20, 20]");
  EXPECT_EQ(describeMismatch(T("String"), 20),
            "expects a String value, got Integer");
  EXPECT_EQ(describeMismatch(P("String", {1}), ""),
            "expects a String[1] value, got String");
  EXPECT_EQ(describeMismatch(T("Integer"), "x"),
            "expects an Integer value, got String");
  EXPECT_EQ(describeMismatch(P("Optional", {V(T("Integer"))}), "x"),
            "expects a value of type Undef or Integer, got String");
  EXPECT_EQ(
      describeMismatch(P("Variant", {V(T("String")), V(T("Integer"))}), true),
      "expects a value of type String or Integer, got Boolean");
  EXPECT_EQ(
      describeMismatch(
          P("Variant", {V(T("String")), V(T("Integer")), V(T("Array"))}), true),
      "expects a value of type String, Integer, or Array, got Boolean");
  EXPECT_EQ(describeMismatch(P("Enum", {"a", "b"}), "c"),
            "expects a match for Enum['a', 'b'], got 'c'");
  EXPECT_EQ(describeMismatch(P("Optional", {V(P("Pattern", {"^a"}))}), "b"),
            "expects an undef value or a match for Pattern[/^a/], got 'b'");
  EXPECT_EQ(describeMismatch(P("Enum", {"a"}), 1),
            "expects a match for Enum['a'], got Integer");
  EXPECT_EQ(describeMismatch(P("Array", {V(T("String"))}), makeArray({"a", 1})),
            "index 1 expects a String value, got Integer");
  EXPECT_EQ(describeMismatch(P("Array", {V(T("String")), 1}), makeArray({})),
            "expects size to be at least 1, got 0");
  const Type S = P("Struct", {makeHash({{"a", V(T("Integer"))}})});
  EXPECT_EQ(describeMismatch(S, makeHash({})), "expects size to be 1, got 0");
  EXPECT_EQ(describeMismatch(S, makeHash({{1, 2}})),
            "expects a Struct[{'a' => Integer}] value, got Hash[Integer[1, 1], "
            "Integer[2, 2], 1, 1]");
  EXPECT_EQ(describeMismatch(S, makeHash({{"a", 1}, {"b", 2}})),
            "unrecognized key 'b'");
  EXPECT_EQ(describeMismatch(S, makeHash({{"a", "x"}})),
            "entry 'a' expects an Integer value, got String");
  EXPECT_EQ(describeMismatch(T("Integer"), makeArray({1})),
            "expects an Integer value, got Tuple");
  EXPECT_EQ(describeMismatch(P("Array", {V(T("Integer"))}), 1),
            "expects an Array value, got Integer");
  EXPECT_EQ(describeMismatch(P("Float", {0.0, 1.0}), 2.5),
            "expects a Float[0.0, 1.0] value, got Float[2.5, 2.5]");
  EXPECT_EQ(describeMismatch(T("Numeric"), "1"),
            "expects a Numeric value, got String");
}

} // namespace

namespace {

TEST(TypesTest, DescribeSeveralMismatches) {
  const Type S =
      P("Struct", {makeHash({{"a", V(T("Integer"))}, {"b", V(T("String"))}})});
  const std::vector<std::string> All =
      describeMismatches(S, makeHash({{"b", 1}, {"c", 1}}));
  ASSERT_EQ(All.size(), 3u);
  EXPECT_EQ(All[0], "expects a value for key 'a'"); // missing, not empty
  EXPECT_EQ(All[1], "entry 'b' expects a String value, got Integer");
  EXPECT_EQ(All[2], "unrecognized key 'c'");
  EXPECT_EQ(describeMismatch(S, makeHash({{"b", 1}, {"c", 1}})),
            "expects a value for key 'a'\n entry 'b' expects a String value, "
            "got Integer\n unrecognized key 'c'");
  EXPECT_EQ(describeMismatches(P("Array", {V(T("Integer"))}),
                               makeArray({"a", 1, "b"}))
                .size(),
            2u);
  EXPECT_EQ(describeMismatch(P("Optional", {V(P("Array", {V(T("Integer"))}))}),
                             makeArray({"a"})),
            "index 0 expects an Integer value, got String");
  // A variant whose member matches the value's kind lists each variant.
  EXPECT_EQ(describeMismatch(
                P("Variant", {V(P("Array", {V(T("String"))})), V(T("String"))}),
                makeArray({1})),
            "variant 0 index 0 expects a String value, got Integer\n variant 1 "
            "expects a String value, got Tuple");
  // All plain type mismatches merge.
  EXPECT_EQ(
      describeMismatch(
          P("Variant", {V(P("Array", {V(T("String"))})), V(T("String"))}), 1),
      "expects a value of type Array or String, got Integer");
  EXPECT_EQ(describeMismatch(
                P("Variant", {V(P("Hash", {V(T("String")), V(T("String"))})),
                              V(T("Integer"))}),
                makeArray({1.5})),
            "expects a value of type Hash or Integer, got Tuple");
  EXPECT_EQ(describeMismatch(P("Hash", {V(T("String")), V(T("Integer"))}),
                             makeHash({{1, "x"}})),
            "key of entry '1' expects a String value, got Integer\n entry '1' "
            "expects an Integer value, got String");
  EXPECT_EQ(
      describeMismatch(P("Tuple", {V(T("String")), V(T("Integer")), 1, 5}),
                       makeArray({"a", 1, "b"})),
      "index 1 expects an Integer value, got String");
}

} // namespace

namespace {

TEST(TypesTest, BooleanValueAndDefaultParams) {
  const Type BT = P("Boolean", {true});
  EXPECT_EQ(BT.toString(), "Boolean[true]");
  EXPECT_TRUE(isInstance(BT, true));
  EXPECT_FALSE(isInstance(BT, false));
  EXPECT_TRUE(isAssignable(T("Boolean"), BT));
  EXPECT_FALSE(isAssignable(BT, T("Boolean")));
  // Missing type parameters mean Any.
  EXPECT_TRUE(typeEquals(T("Array"), P("Array", {V(T("Any"))})));
  EXPECT_EQ(typeHash(T("Array")), typeHash(P("Array", {V(T("Any"))})));
  EXPECT_TRUE(typeEquals(T("Hash"), P("Hash", {V(T("Any")), V(T("Any"))})));
  EXPECT_FALSE(typeEquals(T("Array"), P("Array", {V(T("String"))})));
  EXPECT_TRUE(Value(T("Array")).puppetEquals(Value(P("Array", {V(T("Any"))}))));
}

} // namespace

namespace {

TEST(TypesTest, InferHashWithDistinctMembers) {
  // String values stay distinct (as Puppet's String types carry the value).
  EXPECT_EQ(inferType(makeHash({{1, "a"}, {2, "b"}, {3, "a"}})).toString(),
            "Hash[Variant[Integer[1, 1], Integer[2, 2], Integer[3, 3]], "
            "Variant[String, String], 3, 3]");
  EXPECT_EQ(inferType(makeHash({{1, true}, {2, true}})).toString(),
            "Hash[Variant[Integer[1, 1], Integer[2, 2]], Boolean[true], 2, 2]");
  EXPECT_EQ(inferType(makeHash({{"a", Value()}})).toString(),
            "Struct[{NotUndef['a'] => Undef}]");
  EXPECT_EQ(describeMismatch(P("NotUndef", {V(T("String"))}), Value()),
            "expects a NotUndef[String] value, got Undef");
  EXPECT_EQ(describeMismatch(P("Sensitive", {V(T("String"))}), "x"),
            "expects a Sensitive[String] value, got String");
  EXPECT_EQ(describeMismatch(P("Type", {V(T("Integer"))}), V(T("String"))),
            "expects a Type[Integer] value, got Type[String]");
}

} // namespace
