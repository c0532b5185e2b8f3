//===- Value.h - Puppet runtime values ------------------------------------===//
//
// Puppet values are immutable. A Value is a small tagged handle (40 bytes):
// scalars are stored inline, strings by value, and arrays, hashes, types,
// regexps and sensitive wrappers share immutable payloads through
// shared_ptr, so copying a Value is cheap and never aliases mutable state.
// The payloads share one union: catalogs hold hundreds of thousands of
// Values (parameters, variables, collection elements).
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_COMPILE_VALUE_H
#define CPPET_COMPILE_VALUE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cppet {

class Value;
class HashData;
struct TypeData;
class Regex;

using Array = std::vector<Value>;

/// A Puppet type value (`Integer[1, 10]`, `File['/tmp/x']`, `Class[foo]`).
/// Immutable, shared; see Types.h for construction and queries.
class Type {
public:
  Type() = default; // the Any type
  explicit Type(std::shared_ptr<const TypeData> D) : Data(std::move(D)) {}
  const TypeData &data() const;
  const std::shared_ptr<const TypeData> &ptr() const { return Data; }
  std::string toString() const; // "Integer[1, 10]"

private:
  std::shared_ptr<const TypeData> Data; // null means Any
};

/// A compiled regular expression with Ruby semantics (Oniguruma).
class Regexp {
public:
  Regexp() = default;
  /// Compiles Source; on failure the returned error message says why.
  static std::optional<Regexp> compile(llvm::StringRef Source,
                                       std::string *ErrorMessage = nullptr);
  const std::string &source() const;
  const Regex *regex() const { return Impl.get(); }
  bool operator==(const Regexp &O) const { return source() == O.source(); }

private:
  std::shared_ptr<const Regex> Impl;
};

class Value {
public:
  enum class Kind : uint8_t {
    Undef,
    Default,
    Boolean,
    Integer,
    Float,
    String,
    Regexp,
    Array,
    Hash,
    Type,
    Sensitive,
    Timestamp, // nanoseconds since the epoch, UTC
    /// Puppet's Deferred object: a function call made by the agent.
    Deferred,
    Timespan,    // nanoseconds, inline
    SemVer,      // its text (valid semver 2.0)
    SemVerRange, // its text as written (valid for semver::Range)
    Binary,      // its bytes
  };

  Value() = default; // undef
  Value(const Value &O) : K(O.K) { copyPayload(O); }
  Value(Value &&O) noexcept : K(O.K) { movePayload(O); }
  Value &operator=(const Value &O);
  Value &operator=(Value &&O) noexcept;
  ~Value() { destroyPayload(); }
  static Value undef() { return Value(); }
  static Value makeDefault() {
    Value V;
    V.K = Kind::Default;
    return V;
  }
  Value(bool B) : K(Kind::Boolean) { U.B = B; }
  Value(int64_t I) : K(Kind::Integer) { U.I = I; }
  Value(int I) : Value(static_cast<int64_t>(I)) {}
  Value(double D) : K(Kind::Float) { U.D = D; }
  Value(std::string S);
  Value(llvm::StringRef S) : Value(S.str()) {}
  Value(const char *S) : Value(std::string(S)) {}
  Value(Array A);
  Value(std::shared_ptr<const Array> A);
  Value(HashData H);
  Value(std::shared_ptr<const HashData> H);
  Value(cppet::Type T);
  Value(cppet::Regexp R);
  /// Wraps V in Sensitive.
  static Value makeSensitive(Value V);
  /// A Deferred call of function Name (or `$var` reference) with
  /// Arguments (undef or an Array).
  static Value makeDeferred(std::string Name, Value Arguments);
  /// A Timespan of Nanoseconds.
  static Value makeTimespan(int64_t Nanoseconds) {
    Value V;
    V.K = Kind::Timespan;
    V.U.I = Nanoseconds;
    return V;
  }
  /// A SemVer, SemVerRange or Binary value holding Text (the version, the
  /// range as written, the bytes).
  static Value makeText(Kind K, std::string Text);
  /// A Timestamp: nanoseconds since 1970-01-01T00:00:00 UTC.
  static Value makeTimestamp(int64_t Nanoseconds) {
    Value V;
    V.K = Kind::Timestamp;
    V.U.I = Nanoseconds;
    return V;
  }

  Kind kind() const { return K; }
  bool isUndef() const { return K == Kind::Undef; }
  bool isDefault() const { return K == Kind::Default; }
  bool isBoolean() const { return K == Kind::Boolean; }
  bool isInteger() const { return K == Kind::Integer; }
  bool isFloat() const { return K == Kind::Float; }
  bool isNumber() const { return K == Kind::Integer || K == Kind::Float; }
  bool isString() const { return K == Kind::String; }
  bool isRegexp() const { return K == Kind::Regexp; }
  bool isArray() const { return K == Kind::Array; }
  bool isHash() const { return K == Kind::Hash; }
  bool isType() const { return K == Kind::Type; }
  bool isSensitive() const { return K == Kind::Sensitive; }
  bool isTimestamp() const { return K == Kind::Timestamp; }
  bool isDeferred() const { return K == Kind::Deferred; }
  bool isTimespan() const { return K == Kind::Timespan; }
  bool isSemVer() const { return K == Kind::SemVer; }
  bool isSemVerRange() const { return K == Kind::SemVerRange; }
  bool isBinary() const { return K == Kind::Binary; }
  int64_t asTimespanNanos() const { return K == Kind::Timespan ? U.I : 0; }
  /// The text of a SemVer or SemVerRange, the bytes of a Binary ("" for
  /// other kinds).
  const std::string &asText() const {
    return isTextKind(K) ? U.Str : emptyString();
  }
  int64_t asTimestampNanos() const { return asInteger(); }

  // Scalar accessors on a value of another kind read false/0 (and the
  // scalar's raw bits among the inline kinds, as before).
  bool asBoolean() const { return hasPayload() ? false : U.B; }
  int64_t asInteger() const { return hasPayload() ? 0 : U.I; }
  double asFloat() const { return hasPayload() ? 0.0 : U.D; }
  /// Integer or Float as double.
  double asNumber() const {
    return K == Kind::Integer ? static_cast<double>(U.I) : asFloat();
  }
  /// The string; "" for other kinds.
  const std::string &asString() const {
    return K == Kind::String ? U.Str : emptyString();
  }
  const Array &asArray() const;
  /// The shared array; null for other kinds.
  const std::shared_ptr<const Array> &arrayPtr() const;
  const HashData &asHash() const;
  /// The shared hash; null for other kinds.
  const std::shared_ptr<const HashData> &hashPtr() const;
  const cppet::Type &asType() const;
  const cppet::Regexp &asRegexp() const;
  /// The value wrapped by Sensitive.
  const Value &sensitiveValue() const;
  /// A Deferred's function name ("" for other kinds).
  const std::string &deferredName() const;
  /// A Deferred's arguments: undef or an Array.
  const Value &deferredArguments() const;

  /// Puppet truthiness: undef and false are false, everything else true
  /// (including "" and 0).
  bool isTruthy() const {
    return !(K == Kind::Undef || (K == Kind::Boolean && !U.B));
  }

  /// Puppet's `==`: strings compare case-insensitively, Integer 1 == Float
  /// 1.0, arrays and hashes element-wise, types structurally.
  bool puppetEquals(const Value &O) const;
  /// Strict equality used for hash keys, `unique`, and resource titles:
  /// case-sensitive, 1 != 1.0.
  bool strictEquals(const Value &O) const;
  size_t hash() const; // consistent with strictEquals

  /// Puppet's string conversion, as used by interpolation and String(x):
  /// undef -> "", 1.0 -> "1.0", [1, 'a'] -> "[1, 'a']",
  /// {a => 1} -> "{'a' => 1}", types -> "Integer[1, 2]", regexp -> "/x/",
  /// default -> "default", Sensitive -> "Sensitive [value redacted]".
  std::string toString() const;
  /// The quoted form used inside collections: strings as 'x' (or "x" with
  /// escapes where needed), everything else as toString().
  std::string toQuotedString() const;
  /// Ruby's inspect form, as Puppet 3 functions and sprintf('%p') show it:
  /// strings "x", hashes {"a"=>1}, arrays ["a", 1], undef nil.
  std::string toRubyInspect() const;
  /// Ruby's to_s form (sprintf('%s') on collections): like inspect for
  /// collections, plain for strings, "" for undef.
  std::string toRubyString() const;

private:
  /// The payload of each kind; scalars (and Undef/Default, which read 0)
  /// use B/I/D, the other kinds the member of their name.
  union Payload {
    Payload() : I(0) {}
    // `= default` would define it as deleted (the union has members with
    // non-trivial destructors, such as Str); ~Value destroys the active one.
    ~Payload() {} // NOLINT(modernize-use-equals-default)
    bool B;
    int64_t I;
    double D;
    std::string Str;                  // also SemVer, SemVerRange, Binary
    std::shared_ptr<const Array> Arr; // also Deferred: [name, arguments]
    std::shared_ptr<const HashData> Hsh;
    cppet::Type Ty;
    cppet::Regexp Re;
    std::shared_ptr<const Value> Sens;
  };

  Kind K = Kind::Undef;
  Payload U;

  static bool isTextKind(Kind K) {
    return K == Kind::SemVer || K == Kind::SemVerRange || K == Kind::Binary;
  }
  bool hasPayload() const {
    return K == Kind::String || isTextKind(K) || K == Kind::Regexp ||
           K == Kind::Array || K == Kind::Hash || K == Kind::Type ||
           K == Kind::Sensitive || K == Kind::Deferred;
  }
  static const std::string &emptyString();
  void copyPayload(const Value &O);
  void movePayload(Value &O) noexcept;
  void destroyPayload() noexcept {
    if (hasPayload())
      destroyNonScalar();
  }
  void destroyNonScalar() noexcept;
};

struct ValueStrictHash {
  size_t operator()(const Value &V) const { return V.hash(); }
};
struct ValueStrictEq {
  bool operator()(const Value &A, const Value &B) const {
    return A.strictEquals(B);
  }
};

/// An insertion-ordered hash with strict key equality.
class HashData {
public:
  using Entry = std::pair<Value, Value>;
  HashData() = default;

  size_t size() const { return Entries.size(); }
  bool empty() const { return Entries.empty(); }
  const std::vector<Entry> &entries() const { return Entries; }
  auto begin() const { return Entries.begin(); }
  auto end() const { return Entries.end(); }

  /// Returns the value for Key, or null.
  const Value *find(const Value &Key) const;
  const Value *find(llvm::StringRef Key) const;
  // Disambiguate string literals and std::string (both convert to Value
  // and to StringRef).
  const Value *find(const char *Key) const {
    return find(llvm::StringRef(Key));
  }
  const Value *find(const std::string &Key) const {
    return find(llvm::StringRef(Key));
  }
  /// Inserts or replaces (keeping the original position on replace).
  void set(Value Key, Value V);
  /// Removes Key if present.
  void erase(const Value &Key);

private:
  std::vector<Entry> Entries;
  // Lookup index built once the hash grows past a few entries.
  struct Index;
  std::shared_ptr<Index> Idx;
  void rebuildIndex();
};

/// Comparison for `<`, `>`, sort(): numbers numerically, strings
/// case-insensitively; returns nullopt when the values are not comparable.
std::optional<int> compareValues(const Value &A, const Value &B);

/// Convenience constructors.
Value makeArray(std::initializer_list<Value> Elems);
Value makeHash(std::initializer_list<std::pair<Value, Value>> Entries);

/// Puppet's default Timestamp text: "2026-11-26T20:29:00.000000000 UTC".
std::string formatTimestamp(int64_t Nanoseconds);

/// Ruby's Float#to_s: shortest round-trip digits, "1.0", "1.0e+20",
/// "1.0e-05", "Infinity", "NaN".
std::string formatFloat(double D);
/// Puppet's quoting of a string inside collections and type parameters:
/// 'x' with \' escaped, or a double-quoted form with escapes when the
/// string holds control characters.
std::string puppetQuote(llvm::StringRef S);

} // namespace cppet

#endif
