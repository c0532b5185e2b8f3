//===- Value.cpp - Puppet runtime values ----------------------------------===//

#include "cppet/Compile/Value.h"

#include "SemVer.h"
#include "cppet/Compile/Regex.h"
#include "cppet/Compile/Types.h"

#include <cmath>
#include <functional>
#include <mutex>
#include <string_view>
#include <unordered_map>

using namespace cppet;

//===----------------------------------------------------------------------===//
// Regexp
//===----------------------------------------------------------------------===//

namespace {

/// Compiled regexes are immutable, so identical sources share one compiled
/// program (manifests match the same literals over and over).
class RegexCache {
public:
  std::shared_ptr<const Regex> get(llvm::StringRef Source,
                                   std::string *ErrorMessage) {
    {
      std::lock_guard<std::mutex> Lock(Mutex);
      auto It = Entries.find(Source.str());
      if (It != Entries.end())
        return It->second;
    }
    std::shared_ptr<const Regex> R = Regex::compile(Source, ErrorMessage);
    if (!R)
      return nullptr;
    std::lock_guard<std::mutex> Lock(Mutex);
    if (Entries.size() >= MaxEntries)
      Entries.clear();
    Entries.emplace(Source.str(), R);
    return R;
  }

private:
  static constexpr size_t MaxEntries = 4096;
  std::mutex Mutex;
  std::unordered_map<std::string, std::shared_ptr<const Regex>> Entries;
};

} // namespace

std::optional<Regexp> Regexp::compile(llvm::StringRef Source,
                                      std::string *ErrorMessage) {
  static RegexCache Cache;
  std::shared_ptr<const Regex> Impl = Cache.get(Source, ErrorMessage);
  if (!Impl)
    return std::nullopt;
  Regexp R;
  R.Impl = std::move(Impl);
  return R;
}

const std::string &Regexp::source() const {
  static const std::string Empty;
  return Impl ? Impl->source() : Empty;
}

//===----------------------------------------------------------------------===//
// Value construction and access
//===----------------------------------------------------------------------===//

Value::Value(std::string S) : K(Kind::String) {
  new (&U.Str) std::string(std::move(S));
}

Value::Value(Array A) : K(Kind::Array) {
  new (&U.Arr)
      std::shared_ptr<const Array>(std::make_shared<const Array>(std::move(A)));
}

Value::Value(std::shared_ptr<const Array> A) : K(Kind::Array) {
  if (!A)
    A = std::make_shared<const Array>();
  new (&U.Arr) std::shared_ptr<const Array>(std::move(A));
}

Value::Value(HashData H) : K(Kind::Hash) {
  new (&U.Hsh) std::shared_ptr<const HashData>(
      std::make_shared<const HashData>(std::move(H)));
}

Value::Value(std::shared_ptr<const HashData> H) : K(Kind::Hash) {
  if (!H)
    H = std::make_shared<const HashData>();
  new (&U.Hsh) std::shared_ptr<const HashData>(std::move(H));
}

Value::Value(cppet::Type T) : K(Kind::Type) {
  new (&U.Ty) cppet::Type(std::move(T));
}

Value::Value(cppet::Regexp R) : K(Kind::Regexp) {
  new (&U.Re) cppet::Regexp(std::move(R));
}

Value Value::makeSensitive(Value V) {
  Value S;
  S.K = Kind::Sensitive;
  new (&S.U.Sens)
      std::shared_ptr<const Value>(std::make_shared<const Value>(std::move(V)));
  return S;
}

Value Value::makeDeferred(std::string Name, Value Arguments) {
  Value D;
  D.K = Kind::Deferred;
  new (&D.U.Arr) std::shared_ptr<const Array>(std::make_shared<const Array>(
      Array{Value(std::move(Name)), std::move(Arguments)}));
  return D;
}

Value Value::makeText(Kind K, std::string Text) {
  Value V;
  V.K = isTextKind(K) ? K : Kind::String;
  new (&V.U.Str) std::string(std::move(Text));
  return V;
}

void Value::copyPayload(const Value &O) {
  switch (K) {
  case Kind::String:
  case Kind::SemVer:
  case Kind::SemVerRange:
  case Kind::Binary:
    new (&U.Str) std::string(O.U.Str);
    return;
  case Kind::Array:
  case Kind::Deferred:
    new (&U.Arr) std::shared_ptr<const Array>(O.U.Arr);
    return;
  case Kind::Hash:
    new (&U.Hsh) std::shared_ptr<const HashData>(O.U.Hsh);
    return;
  case Kind::Type:
    new (&U.Ty) cppet::Type(O.U.Ty);
    return;
  case Kind::Regexp:
    new (&U.Re) cppet::Regexp(O.U.Re);
    return;
  case Kind::Sensitive:
    new (&U.Sens) std::shared_ptr<const Value>(O.U.Sens);
    return;
  default:
    U.I = O.U.I;
    return;
  }
}

void Value::movePayload(Value &O) noexcept {
  // The source keeps its kind with an emptied payload, as a moved-from
  // string or shared_ptr would be.
  switch (K) {
  case Kind::String:
  case Kind::SemVer:
  case Kind::SemVerRange:
  case Kind::Binary:
    new (&U.Str) std::string(std::move(O.U.Str));
    return;
  case Kind::Array:
  case Kind::Deferred:
    new (&U.Arr) std::shared_ptr<const Array>(std::move(O.U.Arr));
    return;
  case Kind::Hash:
    new (&U.Hsh) std::shared_ptr<const HashData>(std::move(O.U.Hsh));
    return;
  case Kind::Type:
    new (&U.Ty) cppet::Type(std::move(O.U.Ty));
    return;
  case Kind::Regexp:
    new (&U.Re) cppet::Regexp(std::move(O.U.Re));
    return;
  case Kind::Sensitive:
    new (&U.Sens) std::shared_ptr<const Value>(std::move(O.U.Sens));
    return;
  default:
    U.I = O.U.I;
    return;
  }
}

void Value::destroyNonScalar() noexcept {
  using std::string;
  switch (K) {
  case Kind::String:
  case Kind::SemVer:
  case Kind::SemVerRange:
  case Kind::Binary:
    U.Str.~string();
    break;
  case Kind::Array:
  case Kind::Deferred:
    U.Arr.~shared_ptr();
    break;
  case Kind::Hash:
    U.Hsh.~shared_ptr();
    break;
  case Kind::Type:
    U.Ty.~Type();
    break;
  case Kind::Regexp:
    U.Re.~Regexp();
    break;
  case Kind::Sensitive:
    U.Sens.~shared_ptr();
    break;
  default:
    break;
  }
}

Value &Value::operator=(const Value &O) {
  if (this == &O)
    return *this;
  if (K == Kind::String && O.K == Kind::String) {
    U.Str = O.U.Str;
    return *this;
  }
  // Copy first: O may live inside this value's payload.
  Value Tmp(O);
  return *this = std::move(Tmp);
}

Value &Value::operator=(Value &&O) noexcept {
  if (this == &O)
    return *this;
  if (K == Kind::String && O.K == Kind::String) {
    U.Str = std::move(O.U.Str);
    return *this;
  }
  // Take O's payload before releasing ours: O may live inside it.
  Value Tmp(std::move(O));
  destroyPayload();
  K = Tmp.K;
  movePayload(Tmp);
  return *this;
}

const std::string &Value::emptyString() {
  static const std::string Empty;
  return Empty;
}

const Array &Value::asArray() const {
  static const Array Empty;
  return K == Kind::Array && U.Arr ? *U.Arr : Empty;
}

const std::shared_ptr<const Array> &Value::arrayPtr() const {
  static const std::shared_ptr<const Array> Null;
  return K == Kind::Array ? U.Arr : Null;
}

const HashData &Value::asHash() const {
  static const HashData Empty;
  return K == Kind::Hash && U.Hsh ? *U.Hsh : Empty;
}

const std::shared_ptr<const HashData> &Value::hashPtr() const {
  static const std::shared_ptr<const HashData> Null;
  return K == Kind::Hash ? U.Hsh : Null;
}

const cppet::Type &Value::asType() const {
  static const cppet::Type Any;
  return K == Kind::Type ? U.Ty : Any;
}

const cppet::Regexp &Value::asRegexp() const {
  static const cppet::Regexp Empty;
  return K == Kind::Regexp ? U.Re : Empty;
}

const Value &Value::sensitiveValue() const {
  static const Value Undef;
  return K == Kind::Sensitive && U.Sens ? *U.Sens : Undef;
}

const std::string &Value::deferredName() const {
  return K == Kind::Deferred && U.Arr ? (*U.Arr)[0].asString() : emptyString();
}

const Value &Value::deferredArguments() const {
  static const Value Undef;
  return K == Kind::Deferred && U.Arr ? (*U.Arr)[1] : Undef;
}

Value cppet::makeArray(std::initializer_list<Value> Elems) {
  return Value(Array(Elems));
}

Value cppet::makeHash(std::initializer_list<std::pair<Value, Value>> Entries) {
  HashData H;
  for (const auto &[Key, V] : Entries)
    H.set(Key, V);
  return Value(std::move(H));
}

//===----------------------------------------------------------------------===//
// Equality, hashing, comparison
//===----------------------------------------------------------------------===//

bool Value::puppetEquals(const Value &O) const {
  if (isNumber() && O.isNumber()) {
    if (isInteger() && O.isInteger())
      return asInteger() == O.asInteger();
    return asNumber() == O.asNumber();
  }
  if (K != O.K)
    return false;
  switch (K) {
  case Kind::Undef:
  case Kind::Default:
    return true;
  case Kind::Boolean:
    return asBoolean() == O.asBoolean();
  case Kind::Timestamp:
    return asTimestampNanos() == O.asTimestampNanos();
  case Kind::Timespan:
    return asTimespanNanos() == O.asTimespanNanos();
  case Kind::SemVer:
  case Kind::SemVerRange:
  case Kind::Binary:
    return U.Str == O.U.Str;
  case Kind::Integer:
  case Kind::Float:
    return false; // handled above
  case Kind::String:
    return llvm::StringRef(U.Str).equals_insensitive(O.U.Str);
  case Kind::Regexp:
    return asRegexp().source() == O.asRegexp().source();
  case Kind::Array: {
    const Array &A = asArray();
    const Array &B = O.asArray();
    if (A.size() != B.size())
      return false;
    for (size_t I = 0; I < A.size(); ++I)
      if (!A[I].puppetEquals(B[I]))
        return false;
    return true;
  }
  case Kind::Hash: {
    const HashData &A = asHash();
    const HashData &B = O.asHash();
    if (A.size() != B.size())
      return false;
    for (const auto &[Key, V] : A) {
      const Value *Other = B.find(Key);
      if (!Other || !V.puppetEquals(*Other))
        return false;
    }
    return true;
  }
  case Kind::Type:
    return types::typeEquals(asType(), O.asType());
  case Kind::Sensitive:
    // Sensitive values are only equal to themselves.
    return U.Sens == O.U.Sens;
  case Kind::Deferred:
    return deferredName() == O.deferredName() &&
           deferredArguments().puppetEquals(O.deferredArguments());
  }
  return false;
}

bool Value::strictEquals(const Value &O) const {
  if (K != O.K)
    return false;
  switch (K) {
  case Kind::Undef:
  case Kind::Default:
    return true;
  case Kind::Boolean:
    return asBoolean() == O.asBoolean();
  case Kind::Timestamp:
    return asTimestampNanos() == O.asTimestampNanos();
  case Kind::Timespan:
    return asTimespanNanos() == O.asTimespanNanos();
  case Kind::SemVer:
  case Kind::SemVerRange:
  case Kind::Binary:
    return U.Str == O.U.Str;
  case Kind::Integer:
    return asInteger() == O.asInteger();
  case Kind::Float:
    return asFloat() == O.asFloat() ||
           (std::isnan(asFloat()) && std::isnan(O.asFloat()));
  case Kind::String:
    return U.Str == O.U.Str;
  case Kind::Regexp:
    return asRegexp().source() == O.asRegexp().source();
  case Kind::Array: {
    const Array &A = asArray();
    const Array &B = O.asArray();
    if (A.size() != B.size())
      return false;
    for (size_t I = 0; I < A.size(); ++I)
      if (!A[I].strictEquals(B[I]))
        return false;
    return true;
  }
  case Kind::Hash: {
    const HashData &A = asHash();
    const HashData &B = O.asHash();
    if (A.size() != B.size())
      return false;
    for (const auto &[Key, V] : A) {
      const Value *Other = B.find(Key);
      if (!Other || !V.strictEquals(*Other))
        return false;
    }
    return true;
  }
  case Kind::Type:
    return types::typeEquals(asType(), O.asType());
  case Kind::Sensitive:
    return U.Sens == O.U.Sens;
  case Kind::Deferred:
    return deferredName() == O.deferredName() &&
           deferredArguments().strictEquals(O.deferredArguments());
  }
  return false;
}

namespace {

size_t hashCombine(size_t Seed, size_t V) {
  return Seed ^ (V + 0x9e3779b97f4a7c15ULL + (Seed << 6) + (Seed >> 2));
}

size_t hashStringKey(llvm::StringRef S) {
  return hashCombine(
      static_cast<size_t>(Value::Kind::String),
      std::hash<std::string_view>()(std::string_view(S.data(), S.size())));
}

} // namespace

size_t Value::hash() const {
  const size_t Seed = static_cast<size_t>(K);
  switch (K) {
  case Kind::Undef:
  case Kind::Default:
    return Seed;
  case Kind::Boolean:
    return hashCombine(Seed, asBoolean() ? 1 : 0);
  case Kind::Integer:
  case Kind::Timestamp:
  case Kind::Timespan:
    return hashCombine(Seed, std::hash<int64_t>()(U.I));
  case Kind::SemVer:
  case Kind::SemVerRange:
  case Kind::Binary:
    return hashCombine(Seed, std::hash<std::string>()(U.Str));
  case Kind::Float: {
    const double D = asFloat();
    if (D == 0)
      return hashCombine(Seed, 0);
    if (std::isnan(D))
      return hashCombine(Seed, 1);
    return hashCombine(Seed, std::hash<double>()(D));
  }
  case Kind::String:
    return hashStringKey(U.Str);
  case Kind::Regexp:
    return hashCombine(Seed, std::hash<std::string>()(asRegexp().source()));
  case Kind::Array: {
    size_t H = Seed;
    for (const Value &E : asArray())
      H = hashCombine(H, E.hash());
    return H;
  }
  case Kind::Hash: {
    // Order independent, as hash equality ignores order.
    size_t H = 0;
    for (const auto &[Key, V] : asHash())
      H += hashCombine(Key.hash(), V.hash());
    return hashCombine(Seed, H);
  }
  case Kind::Type:
    return hashCombine(Seed, types::typeHash(asType()));
  case Kind::Sensitive:
    return hashCombine(Seed, std::hash<const void *>()(U.Sens.get()));
  case Kind::Deferred:
    return hashCombine(hashCombine(Seed, hashStringKey(deferredName())),
                       deferredArguments().hash());
  }
  return Seed;
}

std::optional<int> cppet::compareValues(const Value &A, const Value &B) {
  if (A.isNumber() && B.isNumber()) {
    if (A.isInteger() && B.isInteger())
      return A.asInteger() < B.asInteger()   ? -1
             : A.asInteger() > B.asInteger() ? 1
                                             : 0;
    const double X = A.asNumber();
    const double Y = B.asNumber();
    if (std::isnan(X) || std::isnan(Y))
      return std::nullopt;
    return X < Y ? -1 : X > Y ? 1 : 0;
  }
  if (A.isString() && B.isString()) {
    const int C =
        llvm::StringRef(A.asString()).compare_insensitive(B.asString());
    return C < 0 ? -1 : C > 0 ? 1 : 0;
  }
  if ((A.isTimestamp() && B.isTimestamp()) ||
      (A.isTimespan() && B.isTimespan())) {
    const int64_t X =
        A.isTimestamp() ? A.asTimestampNanos() : A.asTimespanNanos();
    const int64_t Y =
        B.isTimestamp() ? B.asTimestampNanos() : B.asTimespanNanos();
    return X < Y ? -1 : X > Y ? 1 : 0;
  }
  if (A.isSemVer() && B.isSemVer()) {
    std::optional<semver::Version> X = semver::parseVersion(A.asText());
    std::optional<semver::Version> Y = semver::parseVersion(B.asText());
    if (X && Y)
      return semver::compare(*X, *Y);
  }
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// HashData
//===----------------------------------------------------------------------===//

struct HashData::Index {
  // Key hash -> position in Entries.
  std::unordered_multimap<size_t, size_t> Positions;
};

namespace {
constexpr size_t IndexThreshold = 8;
} // namespace

void HashData::rebuildIndex() {
  if (Entries.size() <= IndexThreshold) {
    Idx.reset();
    return;
  }
  auto NewIdx = std::make_shared<Index>();
  NewIdx->Positions.reserve(Entries.size() * 2);
  for (size_t I = 0; I < Entries.size(); ++I)
    NewIdx->Positions.emplace(Entries[I].first.hash(), I);
  Idx = std::move(NewIdx);
}

const Value *HashData::find(const Value &Key) const {
  if (Key.isString())
    return find(llvm::StringRef(Key.asString()));
  if (Idx) {
    auto [It, End] = Idx->Positions.equal_range(Key.hash());
    for (; It != End; ++It)
      if (Entries[It->second].first.strictEquals(Key))
        return &Entries[It->second].second;
    return nullptr;
  }
  for (const Entry &E : Entries)
    if (E.first.strictEquals(Key))
      return &E.second;
  return nullptr;
}

const Value *HashData::find(llvm::StringRef Key) const {
  if (Idx) {
    auto [It, End] = Idx->Positions.equal_range(hashStringKey(Key));
    for (; It != End; ++It) {
      const Value &K = Entries[It->second].first;
      if (K.isString() && K.asString() == Key)
        return &Entries[It->second].second;
    }
    return nullptr;
  }
  for (const Entry &E : Entries)
    if (E.first.isString() && E.first.asString() == Key)
      return &E.second;
  return nullptr;
}

void HashData::set(Value Key, Value V) {
  if (const Value *Existing = find(Key)) {
    // Existing points into Entries; recover its position.
    const size_t Pos = static_cast<size_t>(
        (reinterpret_cast<const char *>(Existing) -
         reinterpret_cast<const char *>(&Entries.front().second)) /
        static_cast<std::ptrdiff_t>(sizeof(Entry)));
    Entries[Pos].second = std::move(V);
    return;
  }
  const size_t KeyHash = Key.hash();
  Entries.emplace_back(std::move(Key), std::move(V));
  if (Entries.size() <= IndexThreshold)
    return;
  if (!Idx || Idx.use_count() > 1) {
    // Copies of a HashData share the index; rebuild rather than mutate.
    rebuildIndex();
    return;
  }
  Idx->Positions.emplace(KeyHash, Entries.size() - 1);
}

void HashData::erase(const Value &Key) {
  for (auto It = Entries.begin(); It != Entries.end(); ++It) {
    if (It->first.strictEquals(Key)) {
      Entries.erase(It);
      rebuildIndex();
      return;
    }
  }
}
