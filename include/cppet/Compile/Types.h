//===- Types.h - The Puppet type system -----------------------------------===//
#ifndef CPPET_COMPILE_TYPES_H
#define CPPET_COMPILE_TYPES_H

#include "cppet/Compile/Value.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <limits>
#include <string>
#include <vector>

namespace cppet {

enum class TypeKind : uint8_t {
  Any,
  Undef,
  Default,
  Boolean,
  Integer,
  Float,
  Numeric,
  String,
  Enum,
  Pattern,
  Regexp,
  Array,
  Hash,
  Tuple,
  Struct,
  Variant,
  Optional,
  NotUndef,
  Scalar,
  ScalarData,
  Data,
  RichData,
  Collection,
  Iterable,
  Iterator,
  Callable,
  Type,
  Sensitive,
  Timestamp,
  Timespan,
  Binary,
  SemVer,
  SemVerRange,
  Runtime,
  Init,
  Object,
  Error,
  /// Puppet's Deferred object type (Pcore), the type of Deferred values.
  Deferred,
  CatalogEntry,
  Resource,
  Class,
  /// A named alias (`type My::T = ...`): Name, and Params[0] is the
  /// resolved type once known.
  Alias,
  /// A reference to an unknown capitalized name not (yet) resolved.
  TypeReference,
};

struct StructMember {
  cppet::Type Key;       // String literal type, Optional[...] or NotUndef[...]
  std::string Name;      // the key string
  bool Optional = false; // key may be absent (Optional[...] key type)
  cppet::Type ValueType;
};

/// The payload of a Type. Which fields are used depends on Kind:
/// - Integer: IMin/IMax (defaults: full range); Float: FMin/FMax.
/// - String/Array/Hash/Collection/Tuple/Struct/Binary: size range in
///   IMin/IMax (default 0..max) and HasSize when the size was given.
/// - Enum: Strings (+ CaseInsensitive); Pattern: Patterns.
/// - Regexp: Patterns[0] if parameterized.
/// - Array/Optional/NotUndef/Sensitive/Type/Iterable/Iterator: Params[0].
/// - Hash: Params[0] key type, Params[1] value type.
/// - Tuple/Variant/Callable: Params (Callable: params..., with the return
///   type in Return if given; block type in Block).
/// - Struct: Members.
/// - Resource: Name = type name capitalized ("File"), Title if given.
/// - Class: Name = class name ("foo::bar") if given.
/// - Alias/TypeReference/Runtime/Object: Name.
/// - Optional/NotUndef may hold a string instead of a type: StringParam.
struct TypeData {
  TypeKind Kind = TypeKind::Any;
  int64_t IMin = std::numeric_limits<int64_t>::min();
  int64_t IMax = std::numeric_limits<int64_t>::max();
  double FMin = -std::numeric_limits<double>::infinity();
  double FMax = std::numeric_limits<double>::infinity();
  bool HasRange = false; // a numeric/size range was given
  bool CaseInsensitive = false;
  std::vector<cppet::Type> Params;
  std::vector<std::string> Strings;
  std::vector<cppet::Regexp> Patterns;
  std::vector<StructMember> Members;
  std::string Name;
  std::string Title;
  bool HasTitle = false;
  std::shared_ptr<const cppet::Type> Return;
  std::shared_ptr<const cppet::Type> Block;
  std::string StringParam; // Optional['x'], NotUndef['x']
  bool HasStringParam = false;
};

namespace types {

/// The unparameterized type for a kind.
Type make(TypeKind K);
Type makeInteger(int64_t Min, int64_t Max);
Type makeFloat(double Min, double Max);
Type makeString(int64_t MinLen, int64_t MaxLen); // String[min, max]
Type makeArray(Type Elem);
Type makeHash(Type Key, Type Val);
Type makeOptional(Type T);
Type makeVariant(std::vector<Type> Members);
/// `File['/tmp/x']` is makeResource("File", "/tmp/x"); Title optional.
Type makeResource(llvm::StringRef TypeName, std::optional<std::string> Title);
/// `Class['foo']` (Name empty for plain `Class`).
Type makeClass(llvm::StringRef Name);
Type makeType(Type Inner); // Type[Inner]

/// Resolves a capitalized name used in code (`Integer`, `file` capitalized
/// as `File`, `Foo::Bar`): a built-in type, or else a Resource type
/// reference named after it (Puppet treats unknown capitalized names as
/// resource types; aliases are resolved by the caller beforehand).
Type fromName(llvm::StringRef Name);
/// True if Name is one of the built-in type names (Integer, String, ...).
bool isBuiltinTypeName(llvm::StringRef Name);

/// `Base[Args...]`: Integer[1, 10], Array[String, 1], Enum['a', 'b'],
/// Struct[{a => Integer}], Resource['file', 'x'], File['a', 'b'] (two
/// references), Class['a'], Optional[String], ... Returns an error with
/// Puppet's wording on bad arguments. A Resource type parameterized with
/// several titles yields an Array of types, hence Value as the result.
llvm::Expected<Value> parameterize(const Type &Base,
                                   llvm::ArrayRef<Value> Args);

/// `V =~ T`, assert_type, typed parameters.
bool isInstance(const Type &T, const Value &V);
/// Is every instance of From an instance of To?
bool isAssignable(const Type &To, const Type &From);

/// The most specific type of a value, as Puppet's type() with 'detailed'
/// (`Integer[20, 20]`, `String` of length -> `String[3, 3]`? see Puppet:
/// type(20) => Integer[20, 20], type('abc') => String, arrays
/// Tuple[Integer[1, 1], ...]). Used in "expects X value, got Y" messages.
Type inferType(const Value &V);
/// Puppet's generalized form (type(x, 'generalized')): Integer, String,
/// Array[Integer], Hash[String, Integer].
Type inferGeneralType(const Value &V);
/// A mismatch message as Puppet's TypeMismatchDescriber words it, relative
/// to the value (callers prepend "parameter 'x' " and the like), e.g.
/// "expects an Integer[1, 10] value, got Integer[20, 20]",
/// "index 1 expects a String value, got Integer",
/// "entry 'a' expects ...", "expects a value for key 'a'",
/// "unrecognized key 'b'", "expects size to be at least 1, got 0".
/// Several problems are joined with "\n " as Puppet joins them.
std::string describeMismatch(const Type &Expected, const Value &Actual);
/// The individual problems (each one line, relative to the value), for
/// callers that prefix every line with a path such as "parameter 'x' ".
std::vector<std::string> describeMismatches(const Type &Expected,
                                            const Value &Actual);

bool typeEquals(const Type &A, const Type &B);
size_t typeHash(const Type &T);

/// The Ruby class of a value's runtime object, as Puppet's messages name
/// it ("NilClass", "Puppet::Pops::Types::PIntegerType", ...).
std::string rubyClassName(const Value &V);

/// Puppet's expanded form of the Deferred object type, printed where the
/// type itself is the value shown (`notice(Deferred)`, `type($d)`).
extern const char *const DeferredTypeDefinition;
/// The pattern a Deferred's name must match.
extern const char *const DeferredNamePattern;

/// Canonical capitalization of a resource type name: "file" -> "File",
/// "foo::bar" -> "Foo::Bar".
std::string capitalizeTypeName(llvm::StringRef Name);

} // namespace types
} // namespace cppet

#endif
