//===- Types.cpp - The Puppet type system ---------------------------------===//
//
// Construction, parameterization, formatting, instance checks and
// assignability of Puppet types, following Puppet 7's pops/types semantics.
//
//===----------------------------------------------------------------------===//

#include "cppet/Compile/Types.h"

#include "SemVer.h"
#include "cppet/Compile/Regex.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>

using namespace cppet;
using namespace cppet::types;

namespace {

constexpr int64_t IntMin = std::numeric_limits<int64_t>::min();
constexpr int64_t IntMax = std::numeric_limits<int64_t>::max();
constexpr double Inf = std::numeric_limits<double>::infinity();

bool isSizedKind(TypeKind K) {
  switch (K) {
  case TypeKind::String:
  case TypeKind::Array:
  case TypeKind::Hash:
  case TypeKind::Collection:
  case TypeKind::Tuple:
  case TypeKind::Struct:
  case TypeKind::Binary:
  case TypeKind::Callable:
    return true;
  default:
    return false;
  }
}

Type fromData(TypeData D) {
  return Type(std::make_shared<const TypeData>(std::move(D)));
}

TypeData dataFor(TypeKind K) {
  TypeData D;
  D.Kind = K;
  if (isSizedKind(K))
    D.IMin = 0;
  return D;
}

const char *kindName(TypeKind K) {
  switch (K) {
  case TypeKind::Any:
    return "Any";
  case TypeKind::Undef:
    return "Undef";
  case TypeKind::Default:
    return "Default";
  case TypeKind::Boolean:
    return "Boolean";
  case TypeKind::Integer:
    return "Integer";
  case TypeKind::Float:
    return "Float";
  case TypeKind::Numeric:
    return "Numeric";
  case TypeKind::String:
    return "String";
  case TypeKind::Enum:
    return "Enum";
  case TypeKind::Pattern:
    return "Pattern";
  case TypeKind::Regexp:
    return "Regexp";
  case TypeKind::Array:
    return "Array";
  case TypeKind::Hash:
    return "Hash";
  case TypeKind::Tuple:
    return "Tuple";
  case TypeKind::Struct:
    return "Struct";
  case TypeKind::Variant:
    return "Variant";
  case TypeKind::Optional:
    return "Optional";
  case TypeKind::NotUndef:
    return "NotUndef";
  case TypeKind::Scalar:
    return "Scalar";
  case TypeKind::ScalarData:
    return "ScalarData";
  case TypeKind::Data:
    return "Data";
  case TypeKind::RichData:
    return "RichData";
  case TypeKind::Collection:
    return "Collection";
  case TypeKind::Iterable:
    return "Iterable";
  case TypeKind::Iterator:
    return "Iterator";
  case TypeKind::Callable:
    return "Callable";
  case TypeKind::Type:
    return "Type";
  case TypeKind::Sensitive:
    return "Sensitive";
  case TypeKind::Timestamp:
    return "Timestamp";
  case TypeKind::Timespan:
    return "Timespan";
  case TypeKind::Binary:
    return "Binary";
  case TypeKind::SemVer:
    return "SemVer";
  case TypeKind::SemVerRange:
    return "SemVerRange";
  case TypeKind::Runtime:
    return "Runtime";
  case TypeKind::Init:
    return "Init";
  case TypeKind::Object:
    return "Object";
  case TypeKind::Error:
    return "Error";
  case TypeKind::Deferred:
    return "Deferred";
  case TypeKind::CatalogEntry:
    return "CatalogEntry";
  case TypeKind::Resource:
    return "Resource";
  case TypeKind::Class:
    return "Class";
  case TypeKind::Alias:
    return "Alias";
  case TypeKind::TypeReference:
    return "TypeReference";
  }
  return "Any";
}

constexpr std::array<TypeKind, 41> BuiltinKinds = {
    TypeKind::Any,       TypeKind::Undef,        TypeKind::Default,
    TypeKind::Boolean,   TypeKind::Integer,      TypeKind::Float,
    TypeKind::Numeric,   TypeKind::String,       TypeKind::Enum,
    TypeKind::Pattern,   TypeKind::Regexp,       TypeKind::Array,
    TypeKind::Hash,      TypeKind::Tuple,        TypeKind::Struct,
    TypeKind::Variant,   TypeKind::Optional,     TypeKind::NotUndef,
    TypeKind::Scalar,    TypeKind::ScalarData,   TypeKind::Data,
    TypeKind::RichData,  TypeKind::Collection,   TypeKind::Iterable,
    TypeKind::Iterator,  TypeKind::Callable,     TypeKind::Type,
    TypeKind::Sensitive, TypeKind::Timestamp,    TypeKind::Timespan,
    TypeKind::Binary,    TypeKind::SemVer,       TypeKind::SemVerRange,
    TypeKind::Runtime,   TypeKind::Init,         TypeKind::Object,
    TypeKind::Error,     TypeKind::CatalogEntry, TypeKind::Resource,
    TypeKind::Class,     TypeKind::Deferred,
};

std::optional<TypeKind> builtinKind(llvm::StringRef Name) {
  // Asked for every type name the evaluator resolves: a map, built once.
  static const llvm::StringMap<TypeKind> ByName = [] {
    llvm::StringMap<TypeKind> M;
    for (const TypeKind K : BuiltinKinds)
      M.try_emplace(kindName(K), K);
    return M;
  }();
  auto It = ByName.find(Name);
  if (It == ByName.end())
    return std::nullopt;
  return It->second;
}

/// Number of UTF-8 code points in S.
int64_t codePointCount(llvm::StringRef S) {
  int64_t N = 0;
  for (const char C : S)
    if ((static_cast<unsigned char>(C) & 0xC0) != 0x80)
      ++N;
  return N;
}

int64_t sizeMin(const TypeData &D) { return std::max<int64_t>(D.IMin, 0); }

bool sizeWithin(const TypeData &D, int64_t N) {
  return N >= sizeMin(D) && N <= D.IMax;
}

const Type &elementType(const TypeData &D, size_t I = 0) {
  static const Type Any;
  return I < D.Params.size() ? D.Params[I] : Any;
}

//===----------------------------------------------------------------------===//
// Formatting
//===----------------------------------------------------------------------===//

std::string regexpLiteral(const Regexp &R) { return Value(R).toString(); }

/// Puppet's range_array_part: empty when unbounded, else [from|default]
/// followed by `to` unless unbounded above.
std::vector<std::string> rangePart(const TypeData &D) {
  if (D.IMin == IntMin && D.IMax == IntMax)
    return {};
  std::vector<std::string> Parts;
  Parts.push_back(D.IMin == IntMin ? "default" : std::to_string(D.IMin));
  if (D.IMax != IntMax)
    Parts.push_back(std::to_string(D.IMax));
  return Parts;
}

std::string withParams(llvm::StringRef Base,
                       const std::vector<std::string> &Params) {
  if (Params.empty())
    return Base.str();
  return (Base + "[" + llvm::join(Params, ", ") + "]").str();
}

bool acceptsUndef(const Type &T);

std::string formatType(const TypeData &D) {
  std::vector<std::string> P;
  switch (D.Kind) {
  case TypeKind::Boolean:
    // Boolean[true] / Boolean[false] keep the value in Strings.
    return withParams("Boolean", D.Strings);
  case TypeKind::Integer:
    return withParams("Integer", rangePart(D));
  case TypeKind::Float: {
    if (D.FMin == -Inf && D.FMax == Inf)
      return "Float";
    P.push_back(D.FMin == -Inf ? "default" : formatFloat(D.FMin));
    if (D.FMax != Inf)
      P.push_back(formatFloat(D.FMax));
    return withParams("Float", P);
  }
  case TypeKind::String:
  case TypeKind::Collection:
  case TypeKind::Binary:
    return withParams(kindName(D.Kind),
                      D.HasRange ? rangePart(D) : std::vector<std::string>());
  case TypeKind::SemVer:
  case TypeKind::Timespan:
    for (const std::string &S : D.Strings)
      P.push_back(puppetQuote(S));
    return withParams(kindName(D.Kind), P);
  case TypeKind::Enum:
    for (const std::string &S : D.Strings)
      P.push_back(puppetQuote(S));
    if (D.CaseInsensitive)
      P.emplace_back("true");
    return withParams("Enum", P);
  case TypeKind::Pattern:
    for (const Regexp &R : D.Patterns)
      P.push_back(regexpLiteral(R));
    return withParams("Pattern", P);
  case TypeKind::Regexp:
    if (!D.Patterns.empty())
      P.push_back(regexpLiteral(D.Patterns[0]));
    return withParams("Regexp", P);
  case TypeKind::Array: {
    if (D.HasRange && D.IMin == 0 && D.IMax == 0)
      return "Array[0, 0]";
    const bool AnyElem =
        D.Params.empty() || D.Params[0].data().Kind == TypeKind::Any;
    if (AnyElem && !D.HasRange)
      return "Array";
    P.push_back(elementType(D).toString());
    if (D.HasRange)
      for (std::string &S : rangePart(D))
        P.push_back(std::move(S));
    return withParams("Array", P);
  }
  case TypeKind::Hash: {
    if (D.HasRange && D.IMin == 0 && D.IMax == 0)
      return "Hash[0, 0]";
    const bool AnyKV = elementType(D, 0).data().Kind == TypeKind::Any &&
                       elementType(D, 1).data().Kind == TypeKind::Any;
    if (AnyKV && !D.HasRange)
      return "Hash";
    P.push_back(elementType(D, 0).toString());
    P.push_back(elementType(D, 1).toString());
    if (D.HasRange)
      for (std::string &S : rangePart(D))
        P.push_back(std::move(S));
    return withParams("Hash", P);
  }
  case TypeKind::Tuple:
    for (const Type &T : D.Params)
      P.push_back(T.toString());
    if (D.HasRange)
      for (std::string &S : rangePart(D))
        P.push_back(std::move(S));
    return withParams("Tuple", P);
  case TypeKind::Struct: {
    if (D.Members.empty())
      return "Struct";
    std::vector<std::string> Entries;
    for (const StructMember &M : D.Members) {
      const bool ValueOptional = acceptsUndef(M.ValueType);
      std::string Key;
      if (M.Optional)
        Key = ValueOptional ? puppetQuote(M.Name)
                            : "Optional[" + puppetQuote(M.Name) + "]";
      else
        Key = ValueOptional ? "NotUndef[" + puppetQuote(M.Name) + "]"
                            : puppetQuote(M.Name);
      Entries.push_back(Key + " => " + M.ValueType.toString());
    }
    return "Struct[{" + llvm::join(Entries, ", ") + "}]";
  }
  case TypeKind::Variant:
    for (const Type &T : D.Params)
      P.push_back(T.toString());
    return withParams("Variant", P);
  case TypeKind::Optional:
  case TypeKind::NotUndef:
    if (D.HasStringParam)
      P.push_back(puppetQuote(D.StringParam));
    else if (!D.Params.empty() && D.Params[0].data().Kind != TypeKind::Any)
      P.push_back(D.Params[0].toString());
    else if (D.Kind == TypeKind::Optional && !D.Params.empty())
      P.emplace_back("Any");
    return withParams(kindName(D.Kind), P);
  case TypeKind::Type:
  case TypeKind::Iterable:
  case TypeKind::Iterator:
  case TypeKind::Init:
    if (!D.Params.empty())
      P.push_back(D.Params[0].toString());
    return withParams(kindName(D.Kind), P);
  case TypeKind::Sensitive:
    if (!D.Params.empty() && D.Params[0].data().Kind != TypeKind::Any)
      P.push_back(D.Params[0].toString());
    return withParams("Sensitive", P);
  case TypeKind::Callable: {
    std::vector<std::string> Params;
    for (const Type &T : D.Params)
      Params.push_back(T.toString());
    if (D.HasRange)
      for (std::string &S : rangePart(D))
        Params.push_back(std::move(S));
    if (D.Block)
      Params.push_back(D.Block->toString());
    if (!D.Return)
      return withParams("Callable", Params);
    if (Params.empty())
      return "Callable[[], " + D.Return->toString() + "]";
    return "Callable[[" + llvm::join(Params, ", ") + "], " +
           D.Return->toString() + "]";
  }
  case TypeKind::Runtime:
    if (!D.Strings.empty()) {
      for (const std::string &S : D.Strings)
        P.push_back(puppetQuote(S));
    }
    return withParams("Runtime", P);
  case TypeKind::Resource:
    if (D.Name.empty())
      return "Resource";
    if (D.HasTitle)
      return D.Name + "[" + puppetQuote(D.Title) + "]";
    return D.Name;
  case TypeKind::Class:
    if (D.Name.empty())
      return "Class";
    return "Class[" + D.Name + "]";
  case TypeKind::Alias:
    // Puppet prints an alias with its definition: `Port = Integer[1, 10]`.
    if (!D.Name.empty() && !D.Params.empty())
      return D.Name + " = " + D.Params[0].toString();
    return D.Name.empty() ? kindName(D.Kind) : D.Name;
  case TypeKind::Object:
    return D.Name.empty() ? kindName(D.Kind) : D.Name;
  case TypeKind::TypeReference:
    return "TypeReference[" + puppetQuote(D.Name) + "]";
  default:
    return kindName(D.Kind);
  }
}

//===----------------------------------------------------------------------===//
// Abstract type expansions used by assignability
//===----------------------------------------------------------------------===//

const Type &singleton(TypeKind K);

Type variantOf(std::vector<Type> Members) {
  TypeData D = dataFor(TypeKind::Variant);
  D.Params = std::move(Members);
  return fromData(std::move(D));
}

/// The structural definition of an abstract type, or null for concrete
/// ones. Results are static so that recursion guards can use identity.
const Type *expansion(const Type &T) {
  const TypeData &D = T.data();
  if (!D.Params.empty() || !D.Name.empty())
    return nullptr;
  switch (D.Kind) {
  case TypeKind::Numeric: {
    static const Type E =
        variantOf({singleton(TypeKind::Integer), singleton(TypeKind::Float)});
    return &E;
  }
  case TypeKind::ScalarData: {
    static const Type E =
        variantOf({singleton(TypeKind::Integer), singleton(TypeKind::Float),
                   singleton(TypeKind::String), singleton(TypeKind::Boolean)});
    return &E;
  }
  case TypeKind::Scalar: {
    static const Type E =
        variantOf({singleton(TypeKind::Integer), singleton(TypeKind::Float),
                   singleton(TypeKind::String), singleton(TypeKind::Boolean),
                   singleton(TypeKind::Regexp), singleton(TypeKind::Timestamp),
                   singleton(TypeKind::Timespan), singleton(TypeKind::SemVer)});
    return &E;
  }
  case TypeKind::Data: {
    static const Type E = variantOf(
        {singleton(TypeKind::ScalarData), singleton(TypeKind::Undef),
         makeArray(singleton(TypeKind::Data)),
         makeHash(singleton(TypeKind::String), singleton(TypeKind::Data))});
    return &E;
  }
  case TypeKind::RichData: {
    static const Type E = variantOf(
        {singleton(TypeKind::Scalar), singleton(TypeKind::SemVerRange),
         singleton(TypeKind::Binary), singleton(TypeKind::Sensitive),
         singleton(TypeKind::Type), singleton(TypeKind::Object),
         singleton(TypeKind::Undef), singleton(TypeKind::Default),
         makeHash(singleton(TypeKind::Scalar), singleton(TypeKind::RichData)),
         makeArray(singleton(TypeKind::RichData))});
    return &E;
  }
  default:
    return nullptr;
  }
}

const Type &resolveAlias(const Type &T) {
  const Type *Cur = &T;
  for (int Depth = 0; Depth < 64; ++Depth) {
    const TypeData &D = Cur->data();
    if (D.Kind != TypeKind::Alias || D.Params.empty())
      return *Cur;
    Cur = &D.Params[0];
  }
  return *Cur;
}

//===----------------------------------------------------------------------===//
// Instance checks
//===----------------------------------------------------------------------===//

bool stringTypeMatches(const TypeData &D, const std::string &S) {
  if (D.HasStringParam)
    return S == D.StringParam;
  return true;
}

bool enumMatches(const TypeData &D, const std::string &S) {
  if (D.Strings.empty())
    return true;
  for (const std::string &E : D.Strings)
    if (D.CaseInsensitive ? llvm::StringRef(E).equals_insensitive(S) : E == S)
      return true;
  return false;
}

bool patternMatches(const TypeData &D, const std::string &S) {
  if (D.Patterns.empty())
    return true;
  for (const Regexp &R : D.Patterns)
    if (R.regex() && R.regex()->matches(S))
      return true;
  return false;
}

bool isInstanceImpl(const Type &T, const Value &V, int Depth);

bool tupleInstance(const TypeData &D, const Array &A, int Depth) {
  const int64_t N = static_cast<int64_t>(A.size());
  const int64_t Count = static_cast<int64_t>(D.Params.size());
  const int64_t Min = D.HasRange ? sizeMin(D) : Count;
  const int64_t Max = D.HasRange ? D.IMax : Count;
  if (N < Min || N > Max)
    return false;
  if (Count == 0)
    return N == 0 || D.HasRange;
  for (int64_t I = 0; I < N; ++I) {
    const Type &ET = D.Params[static_cast<size_t>(std::min(I, Count - 1))];
    if (!isInstanceImpl(ET, A[static_cast<size_t>(I)], Depth + 1))
      return false;
  }
  return true;
}

bool structInstance(const TypeData &D, const HashData &H, int Depth) {
  size_t Matched = 0;
  for (const StructMember &M : D.Members) {
    const Value *V = H.find(llvm::StringRef(M.Name));
    if (!V) {
      if (!M.Optional)
        return false;
      continue;
    }
    ++Matched;
    if (!isInstanceImpl(M.ValueType, *V, Depth + 1))
      return false;
  }
  return Matched == H.size();
}

bool iterableInstance(const TypeData &D, const Value &V, int Depth) {
  const Type &ET = elementType(D);
  const bool AnyElem = ET.data().Kind == TypeKind::Any;
  switch (V.kind()) {
  case Value::Kind::String:
    return AnyElem || isAssignable(ET, make(TypeKind::String));
  case Value::Kind::Integer:
    return AnyElem || isAssignable(ET, make(TypeKind::Integer));
  case Value::Kind::Array:
    for (const Value &E : V.asArray())
      if (!isInstanceImpl(ET, E, Depth + 1))
        return false;
    return true;
  case Value::Kind::Hash:
    for (const auto &[K, E] : V.asHash())
      if (!isInstanceImpl(ET, makeArray({K, E}), Depth + 1))
        return false;
    return true;
  case Value::Kind::Type: {
    const TypeData &VD = resolveAlias(V.asType()).data();
    if (VD.Kind == TypeKind::Integer)
      return VD.IMin != IntMin && VD.IMax != IntMax &&
             (AnyElem || isAssignable(ET, make(TypeKind::Integer)));
    if (VD.Kind == TypeKind::Enum)
      return !VD.Strings.empty() &&
             (AnyElem || isAssignable(ET, make(TypeKind::String)));
    return false;
  }
  default:
    return false;
  }
}

bool isInstanceImpl(const Type &TIn, const Value &V, int Depth) {
  if (Depth > 256)
    return false;
  const Type &T = resolveAlias(TIn);
  const TypeData &D = T.data();
  switch (D.Kind) {
  case TypeKind::Any:
    return true;
  case TypeKind::Undef:
    return V.isUndef();
  case TypeKind::Default:
    return V.isDefault();
  case TypeKind::Boolean:
    return V.isBoolean() &&
           (D.Strings.empty() ||
            D.Strings[0] == (V.asBoolean() ? "true" : "false"));
  case TypeKind::Integer:
    return V.isInteger() && V.asInteger() >= D.IMin && V.asInteger() <= D.IMax;
  case TypeKind::Float:
    return V.isFloat() && V.asFloat() >= D.FMin && V.asFloat() <= D.FMax;
  case TypeKind::Numeric:
    return V.isNumber();
  case TypeKind::String:
    return V.isString() && stringTypeMatches(D, V.asString()) &&
           sizeWithin(D, codePointCount(V.asString()));
  case TypeKind::Enum:
    return V.isString() && enumMatches(D, V.asString());
  case TypeKind::Pattern:
    return V.isString() && patternMatches(D, V.asString());
  case TypeKind::Regexp:
    return V.isRegexp() && (D.Patterns.empty() ||
                            D.Patterns[0].source() == V.asRegexp().source());
  case TypeKind::Array: {
    if (!V.isArray() ||
        !sizeWithin(D, static_cast<int64_t>(V.asArray().size())))
      return false;
    const Type &ET = elementType(D);
    if (ET.data().Kind == TypeKind::Any)
      return true;
    for (const Value &E : V.asArray())
      if (!isInstanceImpl(ET, E, Depth + 1))
        return false;
    return true;
  }
  case TypeKind::Hash: {
    if (!V.isHash() || !sizeWithin(D, static_cast<int64_t>(V.asHash().size())))
      return false;
    const Type &KT = elementType(D, 0);
    const Type &VT = elementType(D, 1);
    for (const auto &[K, E] : V.asHash())
      if (!isInstanceImpl(KT, K, Depth + 1) ||
          !isInstanceImpl(VT, E, Depth + 1))
        return false;
    return true;
  }
  case TypeKind::Tuple:
    return V.isArray() && tupleInstance(D, V.asArray(), Depth);
  case TypeKind::Struct:
    return V.isHash() && structInstance(D, V.asHash(), Depth);
  case TypeKind::Variant:
    for (const Type &M : D.Params)
      if (isInstanceImpl(M, V, Depth + 1))
        return true;
    return false;
  case TypeKind::Optional:
    if (V.isUndef())
      return true;
    if (D.HasStringParam)
      return V.isString() && V.asString() == D.StringParam;
    return isInstanceImpl(elementType(D), V, Depth + 1);
  case TypeKind::NotUndef:
    if (V.isUndef())
      return false;
    if (D.HasStringParam)
      return V.isString() && V.asString() == D.StringParam;
    return isInstanceImpl(elementType(D), V, Depth + 1);
  case TypeKind::Scalar:
    return V.isNumber() || V.isString() || V.isBoolean() || V.isRegexp() ||
           V.isTimestamp() || V.isTimespan() || V.isSemVer();
  case TypeKind::Timestamp:
    return V.isTimestamp();
  case TypeKind::ScalarData:
    return V.isNumber() || V.isString() || V.isBoolean();
  case TypeKind::Data:
    switch (V.kind()) {
    case Value::Kind::Undef:
    case Value::Kind::Boolean:
    case Value::Kind::Integer:
    case Value::Kind::Float:
    case Value::Kind::String:
      return true;
    case Value::Kind::Array:
      for (const Value &E : V.asArray())
        if (!isInstanceImpl(T, E, Depth + 1))
          return false;
      return true;
    case Value::Kind::Hash:
      for (const auto &[K, E] : V.asHash())
        if (!K.isString() || !isInstanceImpl(T, E, Depth + 1))
          return false;
      return true;
    default:
      return false;
    }
  case TypeKind::RichData:
    return true;
  case TypeKind::Collection:
    if (V.isArray())
      return sizeWithin(D, static_cast<int64_t>(V.asArray().size()));
    if (V.isHash())
      return sizeWithin(D, static_cast<int64_t>(V.asHash().size()));
    return false;
  case TypeKind::Iterable:
    return iterableInstance(D, V, Depth);
  case TypeKind::Type:
    return V.isType() &&
           (D.Params.empty() || isAssignable(D.Params[0], V.asType()));
  case TypeKind::Sensitive:
    return V.isSensitive() &&
           (D.Params.empty() ||
            isInstanceImpl(D.Params[0], V.sensitiveValue(), Depth + 1));
  case TypeKind::Deferred:
    return V.isDeferred();
  case TypeKind::Timespan:
    return V.isTimespan();
  case TypeKind::SemVerRange:
    return V.isSemVerRange();
  case TypeKind::Binary:
    return V.isBinary() &&
           sizeWithin(D, static_cast<int64_t>(V.asText().size()));
  case TypeKind::SemVer: {
    if (!V.isSemVer())
      return false;
    if (D.Strings.empty())
      return true;
    std::optional<semver::Version> Ver = semver::parseVersion(V.asText());
    return Ver && llvm::any_of(D.Strings, [&](const std::string &S) {
             std::optional<semver::Range> R = semver::Range::parse(S);
             return R && R->includes(*Ver);
           });
  }
  case TypeKind::Object:
    // Deferred is the one Object type cppet has values of.
    return V.isDeferred() && D.Name.empty() && D.Strings.empty();
  default:
    // Iterator, Callable, Timespan, Binary, SemVer, SemVerRange,
    // Runtime, Init, Object, Error, CatalogEntry, Resource, Class,
    // TypeReference: no runtime value of ours is an instance. Resource and
    // class references are type values (instances of Type[Resource]).
    return false;
  }
}

//===----------------------------------------------------------------------===//
// Assignability
//===----------------------------------------------------------------------===//

struct AssignGuard {
  std::vector<std::pair<const TypeData *, const TypeData *>> InProgress;
};

AssignGuard &assignGuard() {
  thread_local AssignGuard G;
  return G;
}

bool assignableImpl(const Type &To, const Type &From);

bool rangeWithin(int64_t ToMin, int64_t ToMax, int64_t FromMin,
                 int64_t FromMax) {
  return FromMin >= ToMin && FromMax <= ToMax;
}

bool sizeRangeWithin(const TypeData &To, int64_t FromMin, int64_t FromMax) {
  return rangeWithin(sizeMin(To), To.IMax, FromMin, FromMax);
}

std::pair<int64_t, int64_t> tupleSize(const TypeData &D) {
  const int64_t Count = static_cast<int64_t>(D.Params.size());
  if (Count == 0 && !D.HasRange) // plain `Tuple`: any tuple
    return {0, std::numeric_limits<int64_t>::max()};
  if (D.HasRange)
    return {sizeMin(D), D.IMax};
  return {Count, Count};
}

std::pair<int64_t, int64_t> structSize(const TypeData &D) {
  int64_t Required = 0;
  for (const StructMember &M : D.Members)
    if (!M.Optional)
      ++Required;
  return {Required, static_cast<int64_t>(D.Members.size())};
}

bool isStringLike(TypeKind K) {
  return K == TypeKind::String || K == TypeKind::Enum || K == TypeKind::Pattern;
}

bool concreteAssignable(const TypeData &To, const Type &FromT) {
  const TypeData &From = FromT.data();
  switch (To.Kind) {
  case TypeKind::Boolean:
    return From.Kind == TypeKind::Boolean &&
           (To.Strings.empty() || To.Strings == From.Strings);
  case TypeKind::Undef:
  case TypeKind::Default:
  case TypeKind::Timestamp:
  case TypeKind::Timespan:
  case TypeKind::Binary:
  case TypeKind::SemVer:
  case TypeKind::SemVerRange:
  case TypeKind::Error:
  case TypeKind::Iterator:
  case TypeKind::Init:
  case TypeKind::Deferred:
    return From.Kind == To.Kind;
  case TypeKind::Integer:
    return From.Kind == TypeKind::Integer &&
           rangeWithin(To.IMin, To.IMax, From.IMin, From.IMax);
  case TypeKind::Float:
    return From.Kind == TypeKind::Float && From.FMin >= To.FMin &&
           From.FMax <= To.FMax;
  case TypeKind::String:
    if (To.HasStringParam) {
      if (From.Kind == TypeKind::String)
        return From.HasStringParam && From.StringParam == To.StringParam;
      if (From.Kind == TypeKind::Enum)
        return From.Strings.size() == 1 && From.Strings[0] == To.StringParam;
      return false;
    }
    switch (From.Kind) {
    case TypeKind::String:
      if (From.HasStringParam)
        return sizeWithin(To, codePointCount(From.StringParam));
      return sizeRangeWithin(To, sizeMin(From), From.IMax);
    case TypeKind::Enum:
      if (From.Strings.empty())
        return !To.HasRange || (sizeMin(To) == 0 && To.IMax == IntMax);
      for (const std::string &S : From.Strings)
        if (!sizeWithin(To, codePointCount(S)))
          return false;
      return true;
    case TypeKind::Pattern:
      return sizeMin(To) == 0 && To.IMax == IntMax;
    default:
      return false;
    }
  case TypeKind::Enum:
    if (To.Strings.empty())
      return isStringLike(From.Kind);
    if (From.Kind == TypeKind::Enum && !From.Strings.empty()) {
      for (const std::string &S : From.Strings)
        if (!enumMatches(To, S))
          return false;
      return !From.CaseInsensitive || To.CaseInsensitive;
    }
    if (From.Kind == TypeKind::String && From.HasStringParam)
      return enumMatches(To, From.StringParam);
    return false;
  case TypeKind::Pattern:
    if (To.Patterns.empty())
      return isStringLike(From.Kind);
    if (From.Kind == TypeKind::Enum && !From.Strings.empty()) {
      for (const std::string &S : From.Strings)
        if (!patternMatches(To, S))
          return false;
      return true;
    }
    if (From.Kind == TypeKind::String && From.HasStringParam)
      return patternMatches(To, From.StringParam);
    if (From.Kind == TypeKind::Pattern && !From.Patterns.empty()) {
      for (const Regexp &R : From.Patterns) {
        bool Found = false;
        for (const Regexp &P : To.Patterns)
          Found = Found || P.source() == R.source();
        if (!Found)
          return false;
      }
      return true;
    }
    return false;
  case TypeKind::Regexp:
    return From.Kind == TypeKind::Regexp &&
           (To.Patterns.empty() ||
            (!From.Patterns.empty() &&
             From.Patterns[0].source() == To.Patterns[0].source()));
  case TypeKind::Array:
    if (From.Kind == TypeKind::Array) {
      if (From.HasRange && From.IMax == 0 && From.IMin == 0)
        return sizeWithin(To, 0);
      return sizeRangeWithin(To, sizeMin(From), From.IMax) &&
             assignableImpl(elementType(To), elementType(From));
    }
    if (From.Kind == TypeKind::Tuple) {
      const auto [Min, Max] = tupleSize(From);
      if (!sizeRangeWithin(To, Min, Max))
        return false;
      for (const Type &T : From.Params)
        if (!assignableImpl(elementType(To), T))
          return false;
      return true;
    }
    return false;
  case TypeKind::Hash:
    if (From.Kind == TypeKind::Hash) {
      if (From.HasRange && From.IMax == 0 && From.IMin == 0)
        return sizeWithin(To, 0);
      return sizeRangeWithin(To, sizeMin(From), From.IMax) &&
             assignableImpl(elementType(To, 0), elementType(From, 0)) &&
             assignableImpl(elementType(To, 1), elementType(From, 1));
    }
    if (From.Kind == TypeKind::Struct) {
      const auto [Min, Max] = structSize(From);
      if (!sizeRangeWithin(To, Min, Max))
        return false;
      for (const StructMember &M : From.Members) {
        TypeData KeyD = dataFor(TypeKind::String);
        KeyD.StringParam = M.Name;
        KeyD.HasStringParam = true;
        if (!assignableImpl(elementType(To, 0), fromData(std::move(KeyD))) ||
            !assignableImpl(elementType(To, 1), M.ValueType))
          return false;
      }
      return true;
    }
    return false;
  case TypeKind::Collection:
    switch (From.Kind) {
    case TypeKind::Array:
    case TypeKind::Hash:
    case TypeKind::Collection:
      return sizeRangeWithin(To, sizeMin(From), From.IMax);
    case TypeKind::Tuple: {
      const auto [Min, Max] = tupleSize(From);
      return sizeRangeWithin(To, Min, Max);
    }
    case TypeKind::Struct: {
      const auto [Min, Max] = structSize(From);
      return sizeRangeWithin(To, Min, Max);
    }
    default:
      return false;
    }
  case TypeKind::Tuple: {
    const auto [ToMin, ToMax] = tupleSize(To);
    if (From.Kind == TypeKind::Tuple) {
      const auto [FromMin, FromMax] = tupleSize(From);
      if (!rangeWithin(ToMin, ToMax, FromMin, FromMax))
        return false;
      if (To.Params.empty())
        return true;
      const size_t N = std::max(To.Params.size(), From.Params.size());
      for (size_t I = 0; I < N; ++I) {
        if (From.Params.empty())
          break;
        const Type &TT = To.Params[std::min(I, To.Params.size() - 1)];
        const Type &FT = From.Params[std::min(I, From.Params.size() - 1)];
        if (!assignableImpl(TT, FT))
          return false;
      }
      return true;
    }
    if (From.Kind == TypeKind::Array) {
      if (!rangeWithin(ToMin, ToMax, sizeMin(From), From.IMax))
        return false;
      for (const Type &T : To.Params)
        if (!assignableImpl(T, elementType(From)))
          return false;
      return true;
    }
    return false;
  }
  case TypeKind::Struct: {
    if (From.Kind == TypeKind::Hash)
      return From.HasRange && From.IMax == 0 && structSize(To).first == 0;
    if (From.Kind != TypeKind::Struct)
      return false;
    if (To.Members.empty())
      return true;
    size_t Matched = 0;
    for (const StructMember &M : To.Members) {
      const StructMember *FM = nullptr;
      for (const StructMember &X : From.Members)
        if (X.Name == M.Name)
          FM = &X;
      if (!FM) {
        if (!M.Optional)
          return false;
        continue;
      }
      ++Matched;
      if ((!M.Optional && FM->Optional) ||
          !assignableImpl(M.ValueType, FM->ValueType))
        return false;
    }
    return Matched == From.Members.size();
  }
  case TypeKind::Iterable: {
    std::optional<Type> FromElem;
    switch (From.Kind) {
    case TypeKind::String:
    case TypeKind::Enum:
    case TypeKind::Pattern:
      FromElem = make(TypeKind::String);
      break;
    case TypeKind::Array:
    case TypeKind::Iterable:
    case TypeKind::Iterator:
      FromElem = elementType(From);
      break;
    case TypeKind::Hash:
      FromElem = Type();
      break;
    case TypeKind::Tuple:
    case TypeKind::Struct:
      FromElem = Type();
      break;
    case TypeKind::Type: {
      const TypeData &Inner = elementType(From).data();
      if (Inner.Kind == TypeKind::Integer && Inner.IMin != IntMin &&
          Inner.IMax != IntMax)
        FromElem = make(TypeKind::Integer);
      else if (Inner.Kind == TypeKind::Enum && !Inner.Strings.empty())
        FromElem = make(TypeKind::String);
      break;
    }
    default:
      break;
    }
    if (!FromElem)
      return false;
    return To.Params.empty() || assignableImpl(To.Params[0], *FromElem);
  }
  case TypeKind::Callable:
    if (From.Kind != TypeKind::Callable)
      return false;
    return (To.Params.empty() && !To.HasRange && !To.Return && !To.Block) ||
           typeEquals(Type(std::make_shared<const TypeData>(To)), FromT);
  case TypeKind::Type:
    if (From.Kind != TypeKind::Type)
      return false;
    return To.Params.empty() || assignableImpl(To.Params[0], elementType(From));
  case TypeKind::Sensitive:
    if (From.Kind != TypeKind::Sensitive)
      return false;
    return To.Params.empty() || assignableImpl(To.Params[0], elementType(From));
  case TypeKind::CatalogEntry:
    return From.Kind == TypeKind::CatalogEntry ||
           From.Kind == TypeKind::Resource || From.Kind == TypeKind::Class;
  case TypeKind::Resource:
    if (From.Kind != TypeKind::Resource)
      return false;
    if (To.Name.empty())
      return true;
    if (!llvm::StringRef(To.Name).equals_insensitive(From.Name))
      return false;
    return !To.HasTitle || (From.HasTitle && From.Title == To.Title);
  case TypeKind::Class:
    return From.Kind == TypeKind::Class &&
           (To.Name.empty() || To.Name == From.Name);
  case TypeKind::Runtime:
  case TypeKind::Object:
    if (To.Kind == TypeKind::Object && From.Kind == TypeKind::Deferred)
      return To.Strings.empty() && To.Name.empty();
    return From.Kind == To.Kind &&
           ((To.Strings.empty() && To.Name.empty()) ||
            (To.Strings == From.Strings && To.Name == From.Name));
  default:
    return false;
  }
}

bool assignableImpl(const Type &ToIn, const Type &FromIn) {
  const Type &To = resolveAlias(ToIn);
  const Type &From = resolveAlias(FromIn);
  const TypeData &TD = To.data();
  const TypeData &FD = From.data();
  if (TD.Kind == TypeKind::Any)
    return true;
  if (&TD == &FD || typeEquals(To, From))
    return true;
  AssignGuard &G = assignGuard();
  const std::pair<const TypeData *, const TypeData *> Key{&TD, &FD};
  if (std::find(G.InProgress.begin(), G.InProgress.end(), Key) !=
      G.InProgress.end())
    return true; // coinductive: assume true for recursive definitions
  if (G.InProgress.size() > 200)
    return false;
  G.InProgress.push_back(Key);
  struct Pop {
    AssignGuard &G;
    ~Pop() { G.InProgress.pop_back(); }
  } Popper{G};

  // Unresolved references are only assignable to themselves.
  if (FD.Kind == TypeKind::TypeReference || TD.Kind == TypeKind::TypeReference)
    return false;

  // Decompose the source.
  switch (FD.Kind) {
  case TypeKind::Any:
    return false;
  case TypeKind::Variant:
    for (const Type &M : FD.Params)
      if (!assignableImpl(To, M))
        return false;
    return true;
  case TypeKind::Optional: {
    if (!assignableImpl(To, singleton(TypeKind::Undef)))
      return false;
    if (FD.HasStringParam) {
      TypeData S = dataFor(TypeKind::String);
      S.StringParam = FD.StringParam;
      S.HasStringParam = true;
      return assignableImpl(To, fromData(std::move(S)));
    }
    return assignableImpl(To, elementType(FD));
  }
  case TypeKind::NotUndef: {
    if (TD.Kind == TypeKind::NotUndef)
      break;
    if (FD.HasStringParam) {
      TypeData S = dataFor(TypeKind::String);
      S.StringParam = FD.StringParam;
      S.HasStringParam = true;
      return assignableImpl(To, fromData(std::move(S)));
    }
    return assignableImpl(To, elementType(FD));
  }
  default:
    if (const Type *E = expansion(From)) {
      // An abstract source: every alternative must fit, unless the target
      // is itself a supertype handled by the target-side decomposition.
      if (assignableImpl(To, *E))
        return true;
    }
    break;
  }

  // Decompose the target.
  switch (TD.Kind) {
  case TypeKind::Variant:
    for (const Type &M : TD.Params)
      if (assignableImpl(M, From))
        return true;
    return false;
  case TypeKind::Optional:
    if (FD.Kind == TypeKind::Undef)
      return true;
    if (TD.HasStringParam) {
      TypeData S = dataFor(TypeKind::String);
      S.StringParam = TD.StringParam;
      S.HasStringParam = true;
      return assignableImpl(fromData(std::move(S)), From);
    }
    return assignableImpl(elementType(TD), From);
  case TypeKind::NotUndef: {
    if (acceptsUndef(From))
      return false;
    if (FD.Kind == TypeKind::NotUndef)
      return assignableImpl(To, elementType(FD));
    if (TD.HasStringParam) {
      TypeData S = dataFor(TypeKind::String);
      S.StringParam = TD.StringParam;
      S.HasStringParam = true;
      return assignableImpl(fromData(std::move(S)), From);
    }
    return assignableImpl(elementType(TD), From);
  }
  default:
    break;
  }
  if (const Type *E = expansion(To))
    return assignableImpl(*E, From);
  if (expansion(From))
    return false;
  return concreteAssignable(TD, From);
}

bool acceptsUndef(const Type &T) {
  return assignableImpl(T, singleton(TypeKind::Undef));
}

const Type &singleton(TypeKind K) {
  static const std::vector<Type> All = [] {
    std::vector<Type> V;
    for (int I = 0; I <= static_cast<int>(TypeKind::TypeReference); ++I) {
      const TypeKind K = static_cast<TypeKind>(I);
      if (K == TypeKind::Any)
        V.emplace_back();
      else
        V.push_back(fromData(dataFor(K)));
    }
    return V;
  }();
  return All[static_cast<size_t>(K)];
}

} // namespace

//===----------------------------------------------------------------------===//
// Type
//===----------------------------------------------------------------------===//

const TypeData &Type::data() const {
  static const TypeData AnyData;
  return Data ? *Data : AnyData;
}

std::string Type::toString() const { return formatType(data()); }

//===----------------------------------------------------------------------===//
// Construction
//===----------------------------------------------------------------------===//

Type types::make(TypeKind K) { return singleton(K); }

Type types::makeInteger(int64_t Min, int64_t Max) {
  TypeData D = dataFor(TypeKind::Integer);
  D.IMin = Min;
  D.IMax = Max;
  D.HasRange = !(Min == IntMin && Max == IntMax);
  return fromData(std::move(D));
}

Type types::makeFloat(double Min, double Max) {
  TypeData D = dataFor(TypeKind::Float);
  D.FMin = Min;
  D.FMax = Max;
  D.HasRange = !(Min == -Inf && Max == Inf);
  return fromData(std::move(D));
}

Type types::makeString(int64_t MinLen, int64_t MaxLen) {
  TypeData D = dataFor(TypeKind::String);
  D.IMin = MinLen;
  D.IMax = MaxLen;
  D.HasRange = true;
  return fromData(std::move(D));
}

Type types::makeArray(Type Elem) {
  TypeData D = dataFor(TypeKind::Array);
  D.Params.push_back(std::move(Elem));
  return fromData(std::move(D));
}

Type types::makeHash(Type Key, Type Val) {
  TypeData D = dataFor(TypeKind::Hash);
  D.Params.push_back(std::move(Key));
  D.Params.push_back(std::move(Val));
  return fromData(std::move(D));
}

Type types::makeOptional(Type T) {
  TypeData D = dataFor(TypeKind::Optional);
  D.Params.push_back(std::move(T));
  return fromData(std::move(D));
}

Type types::makeVariant(std::vector<Type> Members) {
  return variantOf(std::move(Members));
}

std::string types::capitalizeTypeName(llvm::StringRef Name) {
  if (Name.startswith("::"))
    Name = Name.drop_front(2);
  llvm::SmallVector<llvm::StringRef, 4> Segments;
  Name.split(Segments, "::");
  std::string Out;
  for (size_t I = 0; I < Segments.size(); ++I) {
    if (I)
      Out += "::";
    std::string Seg = Segments[I].lower();
    if (!Seg.empty())
      Seg[0] = llvm::toUpper(Seg[0]);
    Out += Seg;
  }
  return Out;
}

Type types::makeResource(llvm::StringRef TypeName,
                         std::optional<std::string> Title) {
  TypeData D = dataFor(TypeKind::Resource);
  D.Name = TypeName.empty() ? std::string() : capitalizeTypeName(TypeName);
  if (Title) {
    D.Title = std::move(*Title);
    D.HasTitle = true;
  }
  return fromData(std::move(D));
}

Type types::makeClass(llvm::StringRef Name) {
  TypeData D = dataFor(TypeKind::Class);
  if (Name.startswith("::"))
    Name = Name.drop_front(2);
  D.Name = Name.lower();
  return fromData(std::move(D));
}

Type types::makeType(Type Inner) {
  TypeData D = dataFor(TypeKind::Type);
  D.Params.push_back(std::move(Inner));
  return fromData(std::move(D));
}

bool types::isBuiltinTypeName(llvm::StringRef Name) {
  return builtinKind(Name).has_value();
}

std::string types::rubyClassName(const Value &V) {
  switch (V.kind()) {
  case Value::Kind::Timestamp:
    return "Puppet::Pops::Time::Timestamp";
  case Value::Kind::Undef:
    return "NilClass";
  case Value::Kind::Default:
    return "Symbol";
  case Value::Kind::Boolean:
    return V.asBoolean() ? "TrueClass" : "FalseClass";
  case Value::Kind::Integer:
    return "Integer";
  case Value::Kind::Float:
    return "Float";
  case Value::Kind::String:
    return "String";
  case Value::Kind::Regexp:
    return "Regexp";
  case Value::Kind::Array:
    return "Array";
  case Value::Kind::Hash:
    return "Hash";
  case Value::Kind::Type: {
    const TypeData &D = V.asType().data();
    if (D.Kind == TypeKind::Class)
      return "Puppet::Pops::Types::PClassType";
    return std::string("Puppet::Pops::Types::P") + kindName(D.Kind) + "Type";
  }
  case Value::Kind::Sensitive:
    return "Puppet::Pops::Types::PSensitiveType::Sensitive";
  case Value::Kind::Deferred:
    return "Puppet::Pops::Types::PDeferredType::Deferred";
  case Value::Kind::Timespan:
    return "Puppet::Pops::Time::Timespan";
  case Value::Kind::SemVer:
    return "SemanticPuppet::Version";
  case Value::Kind::SemVerRange:
    return "SemanticPuppet::VersionRange";
  case Value::Kind::Binary:
    return "Puppet::Pops::Types::PBinaryType::Binary";
  }
  return "Object";
}

const char *const types::DeferredNamePattern =
    "\\A[$]?[a-z][a-z0-9_]*(?:::[a-z][a-z0-9_]*)*\\z";
const char *const types::DeferredTypeDefinition =
    "Object[{name => 'Deferred', attributes => {'name' => "
    "Pattern[/\\A[$]?[a-z][a-z0-9_]*(?:::[a-z][a-z0-9_]*)*\\z/], "
    "'arguments' => {type => Optional[Array], value => undef}}}]";

Type types::fromName(llvm::StringRef Name) {
  if (std::optional<TypeKind> K = builtinKind(Name))
    return make(*K);
  return makeResource(Name, std::nullopt);
}

//===----------------------------------------------------------------------===//
// Queries
//===----------------------------------------------------------------------===//

bool types::isInstance(const Type &T, const Value &V) {
  return isInstanceImpl(T, V, 0);
}

bool types::isAssignable(const Type &To, const Type &From) {
  return assignableImpl(To, From);
}

namespace {

/// Kinds whose missing type parameters mean Any, so that `Array` equals
/// `Array[Any]`.
size_t paramArity(TypeKind K) {
  switch (K) {
  case TypeKind::Array:
  case TypeKind::Type:
  case TypeKind::Sensitive:
  case TypeKind::Iterable:
  case TypeKind::Iterator:
  case TypeKind::NotUndef:
    return 1;
  case TypeKind::Hash:
    return 2;
  default:
    return 0;
  }
}

} // namespace

bool types::typeEquals(const Type &A, const Type &B) {
  const TypeData &X = A.data();
  const TypeData &Y = B.data();
  if (&X == &Y)
    return true;
  if (X.Kind != Y.Kind || X.IMin != Y.IMin || X.IMax != Y.IMax ||
      X.FMin != Y.FMin || X.FMax != Y.FMax || X.HasRange != Y.HasRange ||
      X.CaseInsensitive != Y.CaseInsensitive || X.Strings != Y.Strings ||
      X.Name != Y.Name || X.HasTitle != Y.HasTitle || X.Title != Y.Title ||
      X.HasStringParam != Y.HasStringParam || X.StringParam != Y.StringParam ||
      X.Patterns.size() != Y.Patterns.size() ||
      X.Members.size() != Y.Members.size() ||
      static_cast<bool>(X.Return) != static_cast<bool>(Y.Return) ||
      static_cast<bool>(X.Block) != static_cast<bool>(Y.Block))
    return false;
  // Resolved aliases compare by name only (the Params hold the resolution).
  if (X.Kind != TypeKind::Alias) {
    const size_t Arity = paramArity(X.Kind);
    if (Arity == 0 && X.Params.size() != Y.Params.size())
      return false;
    const size_t N = std::max({X.Params.size(), Y.Params.size(), Arity});
    for (size_t I = 0; I < N; ++I)
      if (!typeEquals(elementType(X, I), elementType(Y, I)))
        return false;
  }
  for (size_t I = 0; I < X.Patterns.size(); ++I)
    if (X.Patterns[I].source() != Y.Patterns[I].source())
      return false;
  for (size_t I = 0; I < X.Members.size(); ++I)
    if (X.Members[I].Name != Y.Members[I].Name ||
        X.Members[I].Optional != Y.Members[I].Optional ||
        !typeEquals(X.Members[I].ValueType, Y.Members[I].ValueType))
      return false;
  if (X.Return && !typeEquals(*X.Return, *Y.Return))
    return false;
  if (X.Block && !typeEquals(*X.Block, *Y.Block))
    return false;
  return true;
}

size_t types::typeHash(const Type &T) {
  const TypeData &D = T.data();
  size_t H = static_cast<size_t>(D.Kind) * 0x9e3779b97f4a7c15ULL;
  auto Mix = [&H](size_t V) {
    H ^= V + 0x9e3779b97f4a7c15ULL + (H << 6) + (H >> 2);
  };
  Mix(std::hash<int64_t>()(D.IMin));
  Mix(std::hash<int64_t>()(D.IMax));
  Mix(std::hash<std::string>()(D.Name));
  Mix(std::hash<std::string>()(D.Title));
  for (const std::string &S : D.Strings)
    Mix(std::hash<std::string>()(S));
  if (D.Kind != TypeKind::Alias) {
    const size_t N = std::max(D.Params.size(), paramArity(D.Kind));
    for (size_t I = 0; I < N; ++I)
      Mix(typeHash(elementType(D, I)));
  }
  for (const StructMember &M : D.Members)
    Mix(std::hash<std::string>()(M.Name));
  return H;
}

//===----------------------------------------------------------------------===//
// Parameterization
//===----------------------------------------------------------------------===//

namespace {

llvm::Error typeError(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

std::string aAn(llvm::StringRef Text) {
  if (!Text.empty() && llvm::StringRef("aeiouAEIOU").contains(Text[0]))
    return ("an " + Text).str();
  return ("a " + Text).str();
}

/// The name Puppet uses for a key's type in "Cannot use X where ..."
/// messages: the generalized inferred type.
std::string badKeyTypeName(const Value &V) {
  if (V.isUndef())
    return "Undef";
  if (V.isDefault())
    return "Default";
  return inferGeneralType(V).toString();
}

void flattenInto(llvm::ArrayRef<Value> Args, std::vector<Value> &Out) {
  for (const Value &V : Args) {
    if (V.isArray())
      flattenInto(V.asArray(), Out);
    else
      Out.push_back(V);
  }
}

std::vector<Value> flatten(llvm::ArrayRef<Value> Args) {
  std::vector<Value> Out;
  flattenInto(Args, Out);
  return Out;
}

std::string arityMessage(llvm::StringRef Base, int64_t Min, int64_t Max,
                         size_t Actual) {
  const std::string Got = ". Got " + std::to_string(Actual);
  if (Max < 0)
    return (Base + "[] accepts " + llvm::Twine(Min) + " or more arguments" +
            Got)
        .str();
  if (Max != Min)
    return (Base + "[] accepts " + llvm::Twine(Min) + " to " +
            llvm::Twine(Max) + " arguments" + Got)
        .str();
  return (Base + "[] accepts " + llvm::Twine(Min) +
          (Min == 1 ? " argument" : " arguments") + Got)
      .str();
}

bool isRangeParam(const Value &V) { return V.isInteger() || V.isDefault(); }

/// Puppet's collection_size_t: one Integer type, or 1-2 integers/default.
llvm::Expected<std::pair<int64_t, int64_t>>
collectionSize(llvm::ArrayRef<Value> Keys) {
  if (Keys.size() == 1 && Keys[0].isType() &&
      Keys[0].asType().data().Kind == TypeKind::Integer) {
    const TypeData &D = Keys[0].asType().data();
    return std::make_pair(D.IMin, D.IMax);
  }
  for (const Value &K : Keys)
    if (!isRangeParam(K))
      return typeError("A Type's size constraint arguments must be a single "
                       "Integer type, or 1-2 integers (or default). Got " +
                       aAn(rubyClassName(K)));
  const int64_t Min = Keys[0].isDefault() ? IntMin : Keys[0].asInteger();
  const int64_t Max =
      Keys.size() < 2 || Keys[1].isDefault() ? IntMax : Keys[1].asInteger();
  if (Min != IntMin && Max != IntMax && Min > Max)
    // Puppet's message lacks the closing parenthesis.
    return typeError("'from' must be less or equal to 'to'. Got (" +
                     llvm::Twine(Min) + ", " + llvm::Twine(Max));
  return std::make_pair(Min, Max);
}

llvm::Error badSpecialization(llvm::StringRef TypeLabel, const Value &Key,
                              llvm::StringRef Expected) {
  return typeError("Error creating type specialization of " + aAn(TypeLabel) +
                   ", Cannot use " + badKeyTypeName(Key) + " where " +
                   Expected + " is expected");
}

llvm::Expected<Value> parameterizeResource(const TypeData &Base,
                                           llvm::ArrayRef<Value> ArgsIn) {
  const std::string BaseLabel = formatType(Base);
  if (ArgsIn.empty())
    return typeError(arityMessage(BaseLabel, 1, -1, 0));
  if (Base.HasTitle)
    return typeError("Cannot specialize an already specialized resource type "
                     "(" +
                     BaseLabel + ")");
  std::vector<Value> Keys(ArgsIn.begin(), ArgsIn.end());
  std::string TypeName = Base.Name;
  if (TypeName.empty()) {
    const Value First = Keys.front();
    Keys.erase(Keys.begin());
    if (First.isType() && First.asType().data().Kind == TypeKind::Resource &&
        !First.asType().data().Name.empty())
      TypeName = First.asType().data().Name;
    else if (First.isString())
      TypeName = First.asString();
    else
      return typeError("First argument to Resource[] must be a resource type "
                       "or a String. Got " +
                       badKeyTypeName(First) + ".");
    llvm::StringRef N(TypeName);
    if (N.startswith("::"))
      N = N.drop_front(2);
    bool Valid = !N.empty();
    llvm::SmallVector<llvm::StringRef, 4> Segs;
    N.split(Segs, "::");
    for (llvm::StringRef S : Segs) {
      if (S.empty() || !llvm::isAlpha(S[0]))
        Valid = false;
      for (const char C : S)
        if (!llvm::isAlnum(C) && C != '_')
          Valid = false;
    }
    if (!Valid)
      return typeError("Illegal type reference. The given name '" + TypeName +
                       "' does not conform to the naming rule");
  }
  const bool ResultArray =
      Keys.size() > 1 || (!Keys.empty() && Keys[0].isArray());
  const size_t OrigSize = Keys.size();
  std::vector<Value> Titles;
  for (const Value &V : flatten(Keys))
    if (!V.isUndef())
      Titles.push_back(V);
  if (Titles.empty() && OrigSize > 0)
    return ResultArray ? Value(Array()) : Value();
  if (Titles.empty())
    return Value(makeResource(TypeName, std::nullopt));
  Array Result;
  for (const Value &T : Titles) {
    if (!T.isString())
      return badSpecialization(BaseLabel + "-Type", T,
                               "a resource title String");
    Result.push_back(Value(makeResource(TypeName, T.asString())));
  }
  if (ResultArray)
    return Value(std::move(Result));
  return Result.front();
}

llvm::Expected<Value> parameterizeClass(const TypeData &Base,
                                        llvm::ArrayRef<Value> Keys) {
  if (Keys.empty())
    return typeError(arityMessage("Class", 1, -1, 0));
  if (!Base.Name.empty())
    return typeError("Cannot specialize an already specialized Class type");
  const bool ResultArray = Keys.size() > 1 || Keys[0].isArray();
  std::vector<Value> Names;
  for (const Value &V : flatten(Keys))
    if (!V.isUndef())
      Names.push_back(V);
  if (Names.empty())
    return ResultArray ? Value(Array()) : Value();
  Array Result;
  for (const Value &N : Names) {
    std::string Name;
    if (N.isType() && N.asType().data().Kind == TypeKind::Resource &&
        !N.asType().data().Name.empty() && !N.asType().data().HasTitle)
      Name = llvm::StringRef(N.asType().data().Name).lower();
    else if (N.isString())
      Name = llvm::StringRef(N.asString()).lower();
    else
      return typeError("Illegal Class name in class reference. " +
                       aAn(badKeyTypeName(N)) +
                       " cannot be used where a String is expected");
    if (Name.empty())
      return typeError("Illegal name. The given name '" + N.toString() +
                       "' does not conform to the naming rule");
    Result.push_back(Value(makeClass(Name)));
  }
  if (ResultArray)
    return Value(std::move(Result));
  return Result.front();
}

llvm::Expected<Type> makeStructType(const Value &Arg) {
  TypeData D = dataFor(TypeKind::Struct);
  for (const auto &[Key, Val] : Arg.asHash()) {
    if (!Val.isType())
      return typeError("Struct element value_type must be a Type");
    StructMember M;
    M.ValueType = Val.asType();
    if (Key.isString()) {
      if (Key.asString().empty())
        return typeError("Struct element key cannot be an empty String");
      M.Name = Key.asString();
      M.Optional = acceptsUndef(M.ValueType);
      TypeData K = dataFor(TypeKind::String);
      K.StringParam = M.Name;
      K.HasStringParam = true;
      M.Key = fromData(std::move(K));
    } else if (Key.isType()) {
      const TypeData &KD = Key.asType().data();
      const TypeData *Inner = &KD;
      if (KD.Kind == TypeKind::Optional || KD.Kind == TypeKind::NotUndef) {
        M.Optional = KD.Kind == TypeKind::Optional;
        if (KD.HasStringParam) {
          M.Name = KD.StringParam;
          Inner = nullptr;
        } else {
          Inner = &elementType(KD).data();
        }
      } else if (KD.Kind != TypeKind::String && KD.Kind != TypeKind::Enum) {
        return typeError("Illegal Struct member key type. Expected NotUndef, "
                         "Optional, String, or Enum. Got: " +
                         rubyClassName(Key));
      }
      if (Inner) {
        if (Inner->Kind == TypeKind::String && Inner->HasStringParam)
          M.Name = Inner->StringParam;
        else if (Inner->Kind == TypeKind::Enum && Inner->Strings.size() == 1)
          M.Name = Inner->Strings[0];
        else
          return typeError("Unable to extract a non-empty literal string from "
                           "Struct member key type " +
                           Key.asType().toString());
      }
      M.Key = Key.asType();
    } else {
      return typeError("Illegal Struct member key type. Expected NotUndef, "
                       "Optional, String, or Enum. Got: " +
                       rubyClassName(Key));
    }
    D.Members.push_back(std::move(M));
  }
  return fromData(std::move(D));
}

/// Callable[params..., min, max, block] or Callable[[params...], return].
llvm::Expected<Type> makeCallableType(llvm::ArrayRef<Value> Args) {
  TypeData D = dataFor(TypeKind::Callable);
  std::vector<Value> Params(Args.begin(), Args.end());
  if (Params.size() == 2 && Params[0].isArray()) {
    if (!Params[1].isType())
      return typeError("Callable return type must be a Type");
    D.Return = std::make_shared<const Type>(Params[1].asType());
    Params = Params[0].asArray();
  }
  if (!Params.empty() && Params.back().isType()) {
    const TypeData &Last = resolveAlias(Params.back().asType()).data();
    const bool IsBlock =
        Last.Kind == TypeKind::Callable ||
        (Last.Kind == TypeKind::Optional && !Last.Params.empty() &&
         Last.Params[0].data().Kind == TypeKind::Callable);
    if (IsBlock) {
      D.Block = std::make_shared<const Type>(Params.back().asType());
      Params.pop_back();
    }
  }
  size_t TypeCount = Params.size();
  while (TypeCount > 0 && isRangeParam(Params[TypeCount - 1]) &&
         Params.size() - TypeCount < 2)
    --TypeCount;
  if (TypeCount < Params.size()) {
    D.HasRange = true;
    const Value &MinV = Params[TypeCount];
    D.IMin = MinV.isDefault() ? IntMin : MinV.asInteger();
    D.IMax = TypeCount + 1 < Params.size() && Params[TypeCount + 1].isInteger()
                 ? Params[TypeCount + 1].asInteger()
                 : IntMax;
  }
  for (size_t I = 0; I < TypeCount; ++I) {
    if (!Params[I].isType())
      return badSpecialization("Callable-Type", Params[I], "Type");
    D.Params.push_back(Params[I].asType());
  }
  return fromData(std::move(D));
}

llvm::Expected<Type> singleTypeParam(TypeKind K, llvm::StringRef Label,
                                     llvm::ArrayRef<Value> Keys) {
  if (Keys.size() != 1)
    return typeError(arityMessage(Label, 1, 1, Keys.size()));
  if (!Keys[0].isType())
    return typeError(Label + "[] arguments must be types. Got " +
                     rubyClassName(Keys[0]));
  TypeData D = dataFor(K);
  D.Params.push_back(Keys[0].asType());
  return fromData(std::move(D));
}

llvm::Expected<Type> parameterizeType(const TypeData &Base,
                                      llvm::ArrayRef<Value> ArgsIn) {
  const std::vector<Value> Keys = flatten(ArgsIn);
  switch (Base.Kind) {
  case TypeKind::Boolean: {
    if (Keys.size() != 1)
      return typeError(arityMessage("A Boolean-Type", 1, 1, Keys.size()));
    if (!Keys[0].isBoolean())
      return badSpecialization("Boolean-Type", Keys[0], "Boolean");
    TypeData D = dataFor(TypeKind::Boolean);
    D.Strings.emplace_back(Keys[0].asBoolean() ? "true" : "false");
    return fromData(std::move(D));
  }
  case TypeKind::Integer: {
    if (Keys.empty() || Keys.size() > 2)
      return typeError("Integer-Type supports [] with one or two arguments "
                       "(from, to). Got " +
                       llvm::Twine(Keys.size()));
    for (const Value &K : Keys)
      if (!isRangeParam(K))
        return typeError("Integer-Type [] requires all arguments to be "
                         "integers (or default). Got " +
                         rubyClassName(K));
    const int64_t Min = Keys[0].isDefault() ? IntMin : Keys[0].asInteger();
    const int64_t Max =
        Keys.size() < 2 || Keys[1].isDefault() ? IntMax : Keys[1].asInteger();
    if (Min > Max)
      return typeError("'from' must be less or equal to 'to'. Got (" +
                       llvm::Twine(Min) + ", " + llvm::Twine(Max));
    return makeInteger(Min, Max);
  }
  case TypeKind::Float: {
    if (Keys.empty() || Keys.size() > 2)
      return typeError("Float-Type supports [] with one or two arguments "
                       "(from, to). Got " +
                       llvm::Twine(Keys.size()));
    for (const Value &K : Keys)
      if (!K.isNumber() && !K.isDefault())
        return typeError("Float-Type [] requires all arguments to be floats, "
                         "or integers (or default). Got " +
                         rubyClassName(K));
    const double Min = Keys[0].isDefault() ? -Inf : Keys[0].asNumber();
    const double Max =
        Keys.size() < 2 || Keys[1].isDefault() ? Inf : Keys[1].asNumber();
    if (Min > Max)
      return typeError("'from' must be less or equal to 'to'. Got (" +
                       formatFloat(Min) + ", " + formatFloat(Max));
    return makeFloat(Min, Max);
  }
  case TypeKind::String:
  case TypeKind::Collection:
  case TypeKind::Binary: {
    if (Keys.empty() || Keys.size() > 2) {
      if (Base.Kind == TypeKind::String)
        return typeError("String supports [] with one or two arguments. Got " +
                         llvm::Twine(Keys.size()));
      return typeError(arityMessage(std::string(kindName(Base.Kind)) + "-Type",
                                    1, 2, Keys.size()));
    }
    auto Size = collectionSize(Keys);
    if (!Size)
      return Size.takeError();
    TypeData D = dataFor(Base.Kind);
    D.IMin = Size->first;
    D.IMax = Size->second;
    D.HasRange = true;
    return fromData(std::move(D));
  }
  case TypeKind::Array: {
    TypeData D = dataFor(TypeKind::Array);
    std::optional<std::pair<int64_t, int64_t>> Size;
    auto SetSize = [&](llvm::ArrayRef<Value> SizeKeys) -> llvm::Error {
      auto S = collectionSize(SizeKeys);
      if (!S)
        return S.takeError();
      Size = *S;
      return llvm::Error::success();
    };
    switch (Keys.size()) {
    case 1:
      if (!Keys[0].isType())
        return typeError("Array-Type[] arguments must be types. Got " +
                         rubyClassName(Keys[0]));
      D.Params.push_back(Keys[0].asType());
      break;
    case 2:
      if (Keys[0].isType()) {
        D.Params.push_back(Keys[0].asType());
        if (llvm::Error E = SetSize({Keys[1]}))
          return E;
      } else if (llvm::Error E = SetSize({Keys[0], Keys[1]})) {
        return E;
      }
      break;
    case 3:
      if (!Keys[0].isType())
        return typeError("Array-Type[] arguments must be types. Got " +
                         rubyClassName(Keys[0]));
      D.Params.push_back(Keys[0].asType());
      if (llvm::Error E = SetSize({Keys[1], Keys[2]}))
        return E;
      break;
    default:
      return typeError(arityMessage("Array-Type", 1, 3, Keys.size()));
    }
    if (D.Params.empty())
      D.Params.emplace_back();
    if (Size) {
      D.IMin = Size->first;
      D.IMax = Size->second;
      D.HasRange = true;
    }
    return fromData(std::move(D));
  }
  case TypeKind::Hash: {
    TypeData D = dataFor(TypeKind::Hash);
    if (Keys.size() == 2 && Keys[0].isInteger() && Keys[1].isInteger()) {
      auto S = collectionSize(Keys);
      if (!S)
        return S.takeError();
      D.Params = {Type(), Type()};
      D.IMin = S->first;
      D.IMax = S->second;
      D.HasRange = true;
      return fromData(std::move(D));
    }
    if (Keys.size() < 2 || Keys.size() > 4)
      return typeError(arityMessage("Hash-Type", 2, 4, Keys.size()));
    for (size_t I = 0; I < 2; ++I) {
      if (!Keys[I].isType())
        return typeError("Hash-Type[] arguments must be types. Got " +
                         rubyClassName(Keys[I]));
      D.Params.push_back(Keys[I].asType());
    }
    if (Keys.size() > 2) {
      auto S = collectionSize(llvm::ArrayRef<Value>(Keys).drop_front(2));
      if (!S)
        return S.takeError();
      D.IMin = S->first;
      D.IMax = S->second;
      D.HasRange = true;
    }
    return fromData(std::move(D));
  }
  case TypeKind::Tuple: {
    TypeData D = dataFor(TypeKind::Tuple);
    size_t TypeCount = Keys.size();
    if (Keys.size() >= 2 && isRangeParam(Keys[Keys.size() - 2]) &&
        isRangeParam(Keys.back())) {
      TypeCount -= 2;
      const Value &MinV = Keys[TypeCount];
      D.IMin = MinV.isDefault() ? IntMin : MinV.asInteger();
      D.IMax = Keys.back().isDefault() ? IntMax : Keys.back().asInteger();
      D.HasRange = true;
    } else if (!Keys.empty() && isRangeParam(Keys.back())) {
      TypeCount -= 1;
      D.IMin = Keys.back().isDefault() ? IntMin : Keys.back().asInteger();
      D.IMax = IntMax;
      D.HasRange = true;
    }
    if (TypeCount < 1)
      return typeError(arityMessage("A Tuple-Type", 1, -1, TypeCount));
    for (size_t I = 0; I < TypeCount; ++I) {
      if (!Keys[I].isType())
        return badSpecialization("Tuple-Type", Keys[I], "Any-Type");
      D.Params.push_back(Keys[I].asType());
    }
    return fromData(std::move(D));
  }
  case TypeKind::Struct:
    if (ArgsIn.size() != 1)
      return typeError(arityMessage("A Struct-Type", 1, 1, ArgsIn.size()));
    if (!ArgsIn[0].isHash())
      return badSpecialization("Struct-Type", ArgsIn[0], "Hash");
    return makeStructType(ArgsIn[0]);
  case TypeKind::Enum: {
    std::vector<Value> Values = Keys;
    bool CaseInsensitive = false;
    if (!Values.empty() && Values.back().isBoolean()) {
      CaseInsensitive = Values.back().asBoolean();
      Values.pop_back();
    }
    if (Values.empty())
      return typeError(arityMessage("An Enum-Type", 1, -1, 0));
    TypeData D = dataFor(TypeKind::Enum);
    for (const Value &V : Values) {
      if (!V.isString())
        return badSpecialization("Enum-Type", V, "String");
      if (std::find(D.Strings.begin(), D.Strings.end(), V.asString()) ==
          D.Strings.end())
        D.Strings.push_back(V.asString());
    }
    D.CaseInsensitive = CaseInsensitive;
    return fromData(std::move(D));
  }
  case TypeKind::Pattern: {
    if (Keys.empty())
      return typeError(arityMessage("A Pattern-Type", 1, -1, 0));
    TypeData D = dataFor(TypeKind::Pattern);
    for (const Value &V : Keys) {
      if (V.isString()) {
        std::string Err;
        std::optional<Regexp> R = Regexp::compile(V.asString(), &Err);
        if (!R)
          return typeError(Err);
        D.Patterns.push_back(*R);
      } else if (V.isRegexp()) {
        D.Patterns.push_back(V.asRegexp());
      } else if (V.isType() && (V.asType().data().Kind == TypeKind::Pattern ||
                                V.asType().data().Kind == TypeKind::Regexp)) {
        for (const Regexp &R : V.asType().data().Patterns)
          D.Patterns.push_back(R);
      } else {
        return badSpecialization("Pattern-Type", V,
                                 "String or Regexp or Pattern-Type or "
                                 "Regexp-Type");
      }
    }
    return fromData(std::move(D));
  }
  case TypeKind::Regexp: {
    if (Keys.size() != 1)
      return typeError(arityMessage("A Regexp-Type", 1, 1, Keys.size()));
    TypeData D = dataFor(TypeKind::Regexp);
    if (Keys[0].isRegexp()) {
      D.Patterns.push_back(Keys[0].asRegexp());
    } else if (Keys[0].isString()) {
      std::string Err;
      std::optional<Regexp> R = Regexp::compile(Keys[0].asString(), &Err);
      if (!R)
        return typeError(Err);
      D.Patterns.push_back(*R);
    } else {
      return badSpecialization("Regexp-Type", Keys[0], "String or Regexp");
    }
    return fromData(std::move(D));
  }
  case TypeKind::Variant: {
    if (Keys.empty())
      return typeError(arityMessage("A Variant-Type", 1, -1, 0));
    std::vector<Type> Members;
    for (const Value &V : Keys) {
      if (!V.isType())
        return badSpecialization("Variant-Type", V, "Any-Type");
      Members.push_back(V.asType());
    }
    return variantOf(std::move(Members));
  }
  case TypeKind::Optional:
  case TypeKind::NotUndef: {
    const bool IsOptional = Base.Kind == TypeKind::Optional;
    const std::string Label = IsOptional ? "Optional-Type" : "NotUndef-Type";
    if (Keys.size() != 1) {
      if (!IsOptional && Keys.empty())
        return make(TypeKind::NotUndef);
      return typeError(arityMessage(Label, IsOptional ? 1 : 0, 1, Keys.size()));
    }
    TypeData D = dataFor(Base.Kind);
    if (Keys[0].isString()) {
      D.StringParam = Keys[0].asString();
      D.HasStringParam = true;
    } else if (Keys[0].isType()) {
      if (IsOptional || Keys[0].asType().data().Kind != TypeKind::Any)
        D.Params.push_back(Keys[0].asType());
    } else if (IsOptional) {
      return typeError(Label + "[] arguments must be types. Got " +
                       rubyClassName(Keys[0]));
    } else {
      return typeError(Label + "[] argument must be a Type or a String. Got " +
                       rubyClassName(Keys[0]));
    }
    return fromData(std::move(D));
  }
  case TypeKind::Type:
    return singleTypeParam(TypeKind::Type, "Type-Type", Keys);
  case TypeKind::Iterable:
    return singleTypeParam(TypeKind::Iterable, "Iterable-Type", Keys);
  case TypeKind::Iterator:
    return singleTypeParam(TypeKind::Iterator, "Iterator-Type", Keys);
  case TypeKind::Init:
    return singleTypeParam(TypeKind::Init, "Init-Type", Keys);
  case TypeKind::Sensitive:
    if (Keys.empty())
      return make(TypeKind::Sensitive);
    return singleTypeParam(TypeKind::Sensitive, "Sensitive-Type", Keys);
  case TypeKind::Callable:
    return makeCallableType(ArgsIn);
  case TypeKind::Runtime: {
    if (Keys.size() != 2)
      return typeError(arityMessage("A Runtime-Type", 2, 2, Keys.size()));
    TypeData D = dataFor(TypeKind::Runtime);
    for (const Value &V : Keys) {
      if (!V.isString())
        return badSpecialization("Runtime-Type", V, "String");
      D.Strings.push_back(V.asString());
    }
    return fromData(std::move(D));
  }
  case TypeKind::SemVer: {
    // SemVer[range, ...]: versions within any of the ranges.
    TypeData D = dataFor(TypeKind::SemVer);
    for (const Value &V : Keys) {
      if ((!V.isString() && !V.isSemVerRange()) ||
          !semver::Range::parse(V.isString() ? V.asString() : V.asText()))
        return badSpecialization("SemVer-Type", V, "SemVerRange");
      D.Strings.push_back(V.isString() ? V.asString() : V.asText());
    }
    return fromData(std::move(D));
  }
  case TypeKind::Alias:
    if (!Base.Params.empty())
      return parameterizeType(Base.Params[0].data(), ArgsIn);
    [[fallthrough]];
  default:
    return typeError(std::string("Not a parameterized type: ") +
                     formatType(Base));
  }
}

} // namespace

llvm::Expected<Value> types::parameterize(const Type &Base,
                                          llvm::ArrayRef<Value> Args) {
  const TypeData &D = Base.data();
  if (D.Kind == TypeKind::Resource)
    return parameterizeResource(D, Args);
  if (D.Kind == TypeKind::Class)
    return parameterizeClass(D, Args);
  auto T = parameterizeType(D, Args);
  if (!T)
    return T.takeError();
  return Value(std::move(*T));
}

//===----------------------------------------------------------------------===//
// Inference
//===----------------------------------------------------------------------===//

Type types::inferType(const Value &V) {
  switch (V.kind()) {
  case Value::Kind::Timestamp:
    return make(TypeKind::Timestamp);
  case Value::Kind::Undef:
    return make(TypeKind::Undef);
  case Value::Kind::Default:
    return make(TypeKind::Default);
  case Value::Kind::Boolean: {
    // Puppet 7 infers Boolean[true] / Boolean[false].
    llvm::Expected<Value> B = parameterize(make(TypeKind::Boolean), {V});
    if (B && B->isType())
      return B->asType();
    if (!B)
      llvm::consumeError(B.takeError());
    return make(TypeKind::Boolean);
  }
  case Value::Kind::Integer:
    return makeInteger(V.asInteger(), V.asInteger());
  case Value::Kind::Float:
    return makeFloat(V.asFloat(), V.asFloat());
  case Value::Kind::String: {
    TypeData D = dataFor(TypeKind::String);
    D.StringParam = V.asString();
    D.HasStringParam = true;
    return fromData(std::move(D));
  }
  case Value::Kind::Regexp: {
    TypeData D = dataFor(TypeKind::Regexp);
    D.Patterns.push_back(V.asRegexp());
    return fromData(std::move(D));
  }
  case Value::Kind::Array: {
    if (V.asArray().empty()) {
      TypeData D = dataFor(TypeKind::Array);
      D.IMin = D.IMax = 0;
      D.HasRange = true;
      return fromData(std::move(D));
    }
    TypeData D = dataFor(TypeKind::Tuple);
    for (const Value &E : V.asArray())
      D.Params.push_back(inferType(E));
    return fromData(std::move(D));
  }
  case Value::Kind::Hash: {
    const HashData &H = V.asHash();
    if (H.empty()) {
      TypeData D = dataFor(TypeKind::Hash);
      D.IMin = D.IMax = 0;
      D.HasRange = true;
      return fromData(std::move(D));
    }
    const bool AllStringKeys =
        std::all_of(H.begin(), H.end(), [](const HashData::Entry &E) {
          return E.first.isString() && !E.first.asString().empty();
        });
    if (AllStringKeys) {
      TypeData D = dataFor(TypeKind::Struct);
      for (const auto &[K, E] : H) {
        StructMember M;
        M.Name = K.asString();
        M.ValueType = inferType(E);
        M.Optional = false;
        M.Key = inferType(K);
        D.Members.push_back(std::move(M));
      }
      return fromData(std::move(D));
    }
    // Puppet's PVariantType.maybe_create: distinct members, and a single
    // member stands alone.
    auto AddDistinct = [](std::vector<Type> &Types, Type T) {
      for (const Type &Existing : Types)
        if (typeEquals(Existing, T))
          return;
      Types.push_back(std::move(T));
    };
    std::vector<Type> KeyTypes, ValueTypes;
    for (const auto &[K, E] : H) {
      AddDistinct(KeyTypes, inferType(K));
      AddDistinct(ValueTypes, inferType(E));
    }
    TypeData D = dataFor(TypeKind::Hash);
    D.Params.push_back(KeyTypes.size() == 1 ? KeyTypes[0]
                                            : variantOf(std::move(KeyTypes)));
    D.Params.push_back(ValueTypes.size() == 1
                           ? ValueTypes[0]
                           : variantOf(std::move(ValueTypes)));
    D.IMin = D.IMax = static_cast<int64_t>(H.size());
    D.HasRange = true;
    return fromData(std::move(D));
  }
  case Value::Kind::Type:
    return makeType(V.asType());
  case Value::Kind::Sensitive: {
    TypeData D = dataFor(TypeKind::Sensitive);
    D.Params.push_back(inferType(V.sensitiveValue()));
    return fromData(std::move(D));
  }
  case Value::Kind::Deferred:
    return make(TypeKind::Deferred);
  case Value::Kind::Timespan: {
    // Timespan['0-01:00:00.0']: the range of the one value.
    TypeData D = dataFor(TypeKind::Timespan);
    D.Strings = {V.toString()};
    return fromData(std::move(D));
  }
  case Value::Kind::SemVer: {
    TypeData D = dataFor(TypeKind::SemVer);
    D.Strings = {V.asText() + " - " + V.asText()};
    return fromData(std::move(D));
  }
  case Value::Kind::SemVerRange:
    return make(TypeKind::SemVerRange);
  case Value::Kind::Binary:
    return make(TypeKind::Binary);
  }
  return Type();
}

namespace {

/// Puppet's common_type over generalized types.
Type commonType(const Type &A, const Type &B) {
  if (isAssignable(A, B))
    return A;
  if (isAssignable(B, A))
    return B;
  const TypeData &X = A.data();
  const TypeData &Y = B.data();
  if (X.Kind == TypeKind::Array && Y.Kind == TypeKind::Array)
    return makeArray(commonType(elementType(X), elementType(Y)));
  if (X.Kind == TypeKind::Hash && Y.Kind == TypeKind::Hash)
    return makeHash(commonType(elementType(X, 0), elementType(Y, 0)),
                    commonType(elementType(X, 1), elementType(Y, 1)));
  if (X.Kind == TypeKind::Class && Y.Kind == TypeKind::Class)
    return make(TypeKind::Class);
  if (X.Kind == TypeKind::Resource && Y.Kind == TypeKind::Resource)
    return X.Name == Y.Name ? makeResource(X.Name, std::nullopt)
                            : make(TypeKind::Resource);
  if (X.Kind == TypeKind::Type && Y.Kind == TypeKind::Type)
    return makeType(commonType(elementType(X), elementType(Y)));
  for (const TypeKind K : {TypeKind::Numeric, TypeKind::ScalarData,
                           TypeKind::Scalar, TypeKind::Data})
    if (isAssignable(make(K), A) && isAssignable(make(K), B))
      return make(K);
  if (isAssignable(make(TypeKind::RichData), A) &&
      isAssignable(make(TypeKind::RichData), B))
    return make(TypeKind::RichData);
  return Type();
}

Type generalize(const Type &T) {
  const TypeData &D = T.data();
  switch (D.Kind) {
  case TypeKind::Integer:
  case TypeKind::Float:
  case TypeKind::String:
  case TypeKind::Regexp:
  case TypeKind::Boolean:
  case TypeKind::SemVer:
  case TypeKind::Timespan:
    return make(D.Kind);
  default:
    return T;
  }
}

} // namespace

Type types::inferGeneralType(const Value &V) {
  switch (V.kind()) {
  case Value::Kind::Array: {
    std::optional<Type> Elem;
    for (const Value &E : V.asArray()) {
      const Type G = inferGeneralType(E);
      Elem = Elem ? commonType(*Elem, G) : G;
    }
    return makeArray(Elem ? *Elem : Type());
  }
  case Value::Kind::Hash: {
    std::optional<Type> Key, Val;
    for (const auto &[K, E] : V.asHash()) {
      const Type GK = inferGeneralType(K);
      const Type GV = inferGeneralType(E);
      Key = Key ? commonType(*Key, GK) : GK;
      Val = Val ? commonType(*Val, GV) : GV;
    }
    return makeHash(Key ? *Key : Type(), Val ? *Val : Type());
  }
  case Value::Kind::Type:
    return makeType(generalize(V.asType()));
  case Value::Kind::Sensitive: {
    TypeData D = dataFor(TypeKind::Sensitive);
    D.Params.push_back(inferGeneralType(V.sensitiveValue()));
    return fromData(std::move(D));
  }
  case Value::Kind::Regexp:
    // Puppet's generalization keeps a Regexp's pattern.
    return inferType(V);
  default:
    return generalize(inferType(V));
  }
}

//===----------------------------------------------------------------------===//
// Mismatch descriptions
//===----------------------------------------------------------------------===//

namespace {

/// Puppet's short_name: the type's name, with the contained type for
/// Optional/NotUndef/Sensitive/Type.
std::string shortName(const Type &T) {
  const TypeData &D = T.data();
  switch (D.Kind) {
  case TypeKind::Optional:
  case TypeKind::NotUndef:
  case TypeKind::Sensitive:
  case TypeKind::Type:
    if (!D.Params.empty() && D.Params[0].data().Kind != TypeKind::Any)
      return std::string(kindName(D.Kind)) + "[" + shortName(D.Params[0]) + "]";
    return kindName(D.Kind);
  case TypeKind::Resource:
  case TypeKind::Alias:
  case TypeKind::Object:
    return D.Name.empty() ? kindName(D.Kind) : D.Name;
  default:
    return kindName(D.Kind);
  }
}

/// Generalization of an inferred (detailed) type, as used in messages.
Type generalizeDeep(const Type &T) {
  const TypeData &D = T.data();
  switch (D.Kind) {
  case TypeKind::Tuple: {
    TypeData G = D;
    for (Type &P : G.Params)
      P = generalizeDeep(P);
    return fromData(std::move(G));
  }
  case TypeKind::Struct: {
    TypeData G = D;
    for (StructMember &M : G.Members)
      M.ValueType = generalizeDeep(M.ValueType);
    return fromData(std::move(G));
  }
  case TypeKind::Hash:
  case TypeKind::Array: {
    if (D.HasRange && D.IMin == 0 && D.IMax == 0)
      return T;
    TypeData G = dataFor(D.Kind);
    for (const Type &P : D.Params)
      G.Params.push_back(generalizeDeep(P));
    return fromData(std::move(G));
  }
  default:
    return generalize(T);
  }
}

bool isSpecialization(TypeKind E, TypeKind A) {
  return (E == TypeKind::Struct && A == TypeKind::Hash) ||
         (E == TypeKind::Tuple && A == TypeKind::Array);
}

bool alwaysFullyDetailed(const Type &E, const Type &A) {
  const TypeData &ED = E.data();
  const TypeData &AD = A.data();
  if (ED.Kind == TypeKind::Variant) {
    for (const Type &M : ED.Params)
      if (alwaysFullyDetailed(M, A))
        return true;
    return false;
  }
  // Puppet compares Ruby classes; String-valued types infer as PStringType.
  return ED.Kind == AD.Kind || ED.Kind == TypeKind::Alias ||
         isSpecialization(ED.Kind, AD.Kind);
}

bool assignableToDefault(const Type &E, const Type &A) {
  const Type &R = resolveAlias(E);
  return isAssignable(make(R.data().Kind), A);
}

bool reportDetailed(const std::vector<Type> &Es, const Type &A) {
  for (const Type &E : Es)
    if (alwaysFullyDetailed(E, A) || assignableToDefault(E, A))
      return true;
  return false;
}

std::string detailedActual(const std::vector<Type> &Es, const Type &A) {
  for (const Type &E : Es)
    if (alwaysFullyDetailed(resolveAlias(E), A))
      return A.toString();
  const Type G = generalizeDeep(A);
  for (const Type &E : Es)
    if (isAssignable(E, G))
      return A.toString();
  return G.toString();
}

std::string typeMismatch(const Type &ExpectedIn, const Type &Actual) {
  Type Expected = resolveAlias(ExpectedIn);
  bool Optional = false;
  if (Expected.data().Kind == TypeKind::Optional) {
    Optional = true;
    Expected = elementType(Expected.data());
  }
  std::vector<Type> Es;
  if (Expected.data().Kind == TypeKind::Variant)
    Es = Expected.data().Params;
  else
    Es.push_back(Expected);
  std::vector<std::string> Names;
  std::string ActualText;
  if (reportDetailed(Es, Actual)) {
    ActualText = detailedActual(Es, Actual);
    for (const Type &E : Es)
      Names.push_back(E.toString());
  } else {
    for (const Type &E : Es) {
      std::string N = shortName(E);
      if (std::find(Names.begin(), Names.end(), N) == Names.end())
        Names.push_back(std::move(N));
    }
    ActualText = shortName(Actual);
  }
  if (Optional)
    Names.insert(Names.begin(), "Undef");
  std::string ExpectedText;
  bool Multi = Names.size() > 1;
  if (Names.size() == 1)
    ExpectedText = Names[0];
  else if (Names.size() == 2)
    ExpectedText = Names[0] + " or " + Names[1];
  else if (!Names.empty())
    ExpectedText =
        llvm::join(llvm::ArrayRef<std::string>(Names).drop_back(), ", ") +
        ", or " + Names.back();
  if (Multi)
    return "expects a value of type " + ExpectedText + ", got " + ActualText;
  return "expects " + aAn(ExpectedText) + " value, got " + ActualText;
}

std::string rangeText(int64_t Min, int64_t Max) {
  Min = std::max<int64_t>(Min, 0);
  if (Min == Max)
    return std::to_string(Min);
  if (Min == 0)
    return Max == IntMax ? "unlimited" : "at most " + std::to_string(Max);
  if (Max == IntMax)
    return "at least " + std::to_string(Min);
  return "between " + std::to_string(Min) + " and " + std::to_string(Max);
}

std::string sizeMismatch(int64_t Min, int64_t Max, int64_t Actual) {
  return "expects size to be " + rangeText(Min, Max) + ", got " +
         std::to_string(Actual);
}

using Problems = std::vector<std::string>;

Problems describe(const Type &ExpectedIn, const Value &Actual, int Depth);
Problems describeVariant(const Type &Variant, const Value &Actual, int Depth);

void addPrefixed(Problems &Out, const std::string &Prefix,
                 const Problems &Inner) {
  for (const std::string &P : Inner)
    Out.push_back(Prefix + P);
}

/// Describes mismatches within a collection whose kind the value matches;
/// empty when the type is not such a collection.
Problems describeCollection(const Type &Expected, const Value &Actual,
                            int Depth) {
  const TypeData &D = Expected.data();
  Problems Out;
  if (D.Kind == TypeKind::Array && Actual.isArray()) {
    const Array &A = Actual.asArray();
    if (!sizeWithin(D, static_cast<int64_t>(A.size())))
      return {sizeMismatch(D.IMin, D.IMax, static_cast<int64_t>(A.size()))};
    for (size_t I = 0; I < A.size(); ++I)
      if (!isInstance(elementType(D), A[I]))
        addPrefixed(Out, "index " + std::to_string(I) + " ",
                    describe(elementType(D), A[I], Depth + 1));
  } else if (D.Kind == TypeKind::Tuple && Actual.isArray()) {
    const Array &A = Actual.asArray();
    const auto [Min, Max] = tupleSize(D);
    if (static_cast<int64_t>(A.size()) < Min ||
        static_cast<int64_t>(A.size()) > Max)
      return {sizeMismatch(Min, Max, static_cast<int64_t>(A.size()))};
    for (size_t I = 0; I < A.size() && !D.Params.empty(); ++I) {
      // Puppet names the (clamped) index of the tuple's type.
      const size_t Index = std::min(I, D.Params.size() - 1);
      const Type &ET = D.Params[Index];
      if (!isInstance(ET, A[I]))
        addPrefixed(Out, "index " + std::to_string(Index) + " ",
                    describe(ET, A[I], Depth + 1));
    }
  } else if (D.Kind == TypeKind::Hash && Actual.isHash()) {
    const HashData &H = Actual.asHash();
    if (!sizeWithin(D, static_cast<int64_t>(H.size())))
      return {sizeMismatch(D.IMin, D.IMax, static_cast<int64_t>(H.size()))};
    for (const auto &[K, E] : H) {
      if (!isInstance(elementType(D, 0), K))
        addPrefixed(Out, "key of entry '" + K.toString() + "' ",
                    describe(elementType(D, 0), K, Depth + 1));
      if (!isInstance(elementType(D, 1), E))
        addPrefixed(Out, "entry '" + K.toString() + "' ",
                    describe(elementType(D, 1), E, Depth + 1));
    }
  } else if (D.Kind == TypeKind::Struct && Actual.isHash()) {
    const HashData &H = Actual.asHash();
    // A hash that does not infer as a Struct (empty, or with keys that are
    // not non-empty strings) is checked by size, then as a whole.
    const bool InfersAsStruct =
        !H.empty() &&
        std::all_of(H.begin(), H.end(), [](const HashData::Entry &E) {
          return E.first.isString() && !E.first.asString().empty();
        });
    if (!InfersAsStruct) {
      const auto [Min, Max] = structSize(D);
      const int64_t N = static_cast<int64_t>(H.size());
      if (N < Min || N > Max)
        return {sizeMismatch(Min, Max, N)};
      return {};
    }
    for (const StructMember &M : D.Members) {
      const Value *E = H.find(llvm::StringRef(M.Name));
      if (!E) {
        if (!M.Optional)
          Out.push_back("expects a value for key '" + M.Name + "'");
      } else if (!isInstance(M.ValueType, *E)) {
        addPrefixed(Out, "entry '" + M.Name + "' ",
                    describe(M.ValueType, *E, Depth + 1));
      }
    }
    for (const auto &[K, E] : H) {
      bool Known = false;
      for (const StructMember &M : D.Members)
        Known = Known || (K.isString() && K.asString() == M.Name);
      if (!Known)
        Out.push_back("unrecognized key '" + K.toString() + "'");
    }
  }
  return Out;
}

/// Puppet describes each variant; when every variant fails with a plain
/// type mismatch of the whole value the problems merge into one "expects a
/// value of type A or B" (returned empty here, the caller's default), else
/// each variant's problems are listed with a "variant N" path.
Problems describeVariant(const Type &Variant, const Value &Actual, int Depth) {
  const std::vector<Type> &Members = Variant.data().Params;
  bool AllPlain = true;
  std::vector<Problems> PerMember;
  for (const Type &M : Members) {
    const Type &R = resolveAlias(M);
    Problems Nested = describeCollection(R, Actual, Depth + 1);
    if (Nested.empty() && R.data().Kind == TypeKind::Variant)
      Nested = describeVariant(R, Actual, Depth + 1);
    AllPlain = AllPlain && Nested.empty();
    PerMember.push_back(std::move(Nested));
  }
  if (AllPlain)
    return {};
  Problems Out;
  for (size_t I = 0; I < Members.size(); ++I) {
    Problems Lines = PerMember[I].empty()
                         ? describe(Members[I], Actual, Depth + 1)
                         : PerMember[I];
    for (std::string &L : Lines) {
      std::string Line = "variant " + std::to_string(I) + " " + L;
      if (std::find(Out.begin(), Out.end(), Line) == Out.end())
        Out.push_back(std::move(Line));
    }
  }
  return Out;
}

Problems describe(const Type &ExpectedIn, const Value &Actual, int Depth) {
  const Type &Expected = resolveAlias(ExpectedIn);
  if (Depth < 32) {
    // Look through Optional (when the value is defined) and single-member
    // variants to reach a collection with a path to report.
    Type Inner = Expected;
    if (Inner.data().Kind == TypeKind::Optional && !Actual.isUndef() &&
        !Inner.data().Params.empty())
      Inner = resolveAlias(Inner.data().Params[0]);
    if (Inner.data().Kind == TypeKind::Variant &&
        Inner.data().Params.size() == 1)
      Inner = resolveAlias(Inner.data().Params[0]);
    Problems Nested = describeCollection(Inner, Actual, Depth);
    if (!Nested.empty())
      return Nested;
    if (Inner.data().Kind == TypeKind::Variant) {
      Nested = describeVariant(Inner, Actual, Depth);
      if (!Nested.empty())
        return Nested;
    }
  }
  // Enum and Pattern report a PatternMismatch.
  const TypeData &ED = Expected.data();
  const bool Optional = ED.Kind == TypeKind::Optional && !ED.Params.empty();
  const Type &Target = Optional ? resolveAlias(ED.Params[0]) : Expected;
  const TypeKind TK = Target.data().Kind;
  if ((TK == TypeKind::Enum || TK == TypeKind::Pattern) && !Actual.isUndef()) {
    const std::string Got = Actual.isString() ? "'" + Actual.asString() + "'"
                                              : shortName(inferType(Actual));
    return {std::string("expects ") + (Optional ? "an undef value or " : "") +
            "a match for " + Target.toString() + ", got " + Got};
  }
  return {typeMismatch(Expected, inferType(Actual))};
}

} // namespace

std::vector<std::string> types::describeMismatches(const Type &Expected,
                                                   const Value &Actual) {
  return describe(Expected, Actual, 0);
}

std::string types::describeMismatch(const Type &Expected, const Value &Actual) {
  return llvm::join(describe(Expected, Actual, 0), "\n ");
}
