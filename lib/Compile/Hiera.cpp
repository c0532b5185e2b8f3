//===- Hiera.cpp - Hiera 5 data lookup ------------------------------------===//
//
// The lookup follows Puppet 7's Puppet::Pops::Lookup closely, because merge
// results (key order, array order, what counts as "found") depend on the
// exact nesting of merges: the three layers (global, environment, module)
// are merged, each layer merges its hierarchy entries, and each entry merges
// its locations. A lookup of `a.b.c` finds the root key `a` through all
// of that and then digs `b.c` out of the merged value.
//
// Caching: each hiera.yaml and each data file is read and converted once per
// Hiera object (configuration errors are remembered and reported on every
// lookup); hierarchy paths are interpolated per lookup, since they depend on
// the node's scope, and each entry is resolved once per lookup.
//
// Internally a failed lookup unwinds with a LookupFailure exception; it never
// leaves this file (Hiera::lookup turns it into a HieraError).
//
//===----------------------------------------------------------------------===//

#include "cppet/Compile/Hiera.h"
#include "Hocon.h"
#include "cppet/Compile/Compiler.h"
#include "cppet/Compile/Regex.h"
#include "cppet/Compile/Types.h"

#include "llvm/ADT/Twine.h"

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <glob.h>
#include <mutex>
#include <sstream>
#include <sys/stat.h>
#include <unordered_map>

using namespace cppet;

namespace {

const char *const LookupOptionsKey = "lookup_options";

/// A lookup error as Puppet words it. Thrown inside this file only.
struct LookupFailure {
  std::string Message;
};

[[noreturn]] void fail(std::string Message) {
  throw LookupFailure{std::move(Message)};
}

/// The Puppet type name used in "expects a X value, got Y" messages.
std::string puppetTypeName(const Value &V) {
  switch (V.kind()) {
  case Value::Kind::Undef:
    return "Undef";
  case Value::Kind::Boolean:
    return "Boolean";
  case Value::Kind::Integer:
    return "Integer";
  case Value::Kind::Float:
    return "Float";
  case Value::Kind::String:
    return "String";
  case Value::Kind::Array:
    return "Array";
  case Value::Kind::Hash:
    return "Hash";
  default:
    return "Any";
  }
}

std::string joinPath(llvm::StringRef Base, llvm::StringRef Rel) {
  if (Rel.startswith("/") || Base.empty())
    return Rel.str();
  if (Base.endswith("/"))
    return Base.str() + Rel.str();
  return Base.str() + "/" + Rel.str();
}

std::string parentDir(llvm::StringRef Path) {
  const size_t Slash = Path.rfind('/');
  if (Slash == llvm::StringRef::npos)
    return ".";
  if (Slash == 0)
    return "/";
  return Path.substr(0, Slash).str();
}

bool pathExists(const std::string &Path) {
  struct stat St;
  return ::stat(Path.c_str(), &St) == 0;
}

bool isDirectory(const std::string &Path) {
  struct stat St;
  return ::stat(Path.c_str(), &St) == 0 && S_ISDIR(St.st_mode);
}

std::optional<std::string> readFile(const std::string &Path) {
  std::ifstream In(Path, std::ios::binary);
  if (!In)
    return std::nullopt;
  std::ostringstream SS;
  SS << In.rdbuf();
  return SS.str();
}

//===----------------------------------------------------------------------===//
// YAML and JSON to Value
//===----------------------------------------------------------------------===//

const Regex &staticRegex(const char *Pattern) {
  // Patterns are literals of this file; they always compile.
  static std::mutex M;
  static std::unordered_map<std::string, std::shared_ptr<const Regex>> Cache;
  std::lock_guard<std::mutex> Lock(M);
  auto &Slot = Cache[Pattern];
  if (!Slot)
    Slot = Regex::compile(Pattern);
  return *Slot;
}

/// Ruby's Integer(s) after Psych removed ',' and '_': decimal, 0x, 0b and
/// leading-zero octal.
std::optional<int64_t> parseRubyInteger(std::string S) {
  S.erase(std::remove_if(S.begin(), S.end(),
                         [](char C) { return C == ',' || C == '_'; }),
          S.end());
  bool Neg = false;
  size_t I = 0;
  if (I < S.size() && (S[I] == '+' || S[I] == '-'))
    Neg = S[I++] == '-';
  int Base = 10;
  if (S.size() - I > 1 && S[I] == '0') {
    const char C = S[I + 1];
    if (C == 'x' || C == 'X') {
      Base = 16;
      I += 2;
    } else if (C == 'b' || C == 'B') {
      Base = 2;
      I += 2;
    } else {
      Base = 8;
      I += 1;
    }
  }
  if (I >= S.size())
    return std::nullopt;
  errno = 0;
  char *End = nullptr;
  const unsigned long long U = std::strtoull(S.c_str() + I, &End, Base);
  if (errno || *End || U > static_cast<unsigned long long>(INT64_MAX))
    return std::nullopt;
  const int64_t V = static_cast<int64_t>(U);
  return Neg ? -V : V;
}

/// Psych's ScalarScanner#tokenize for plain (unquoted) scalars. Dates,
/// times and symbols are kept as strings.
Value resolvePlainScalar(const std::string &S) {
  if (S.empty())
    return Value();
  if (staticRegex("^[^\\d\\.:-]?[A-Za-z_\\s!@#\\$%\\^&\\*\\(\\)\\{\\}\\<\\>\\|"
                  "\\/\\\\~;=]+")
          .matches(S) ||
      S.find('\n') != std::string::npos) {
    if (S.size() > 5)
      return Value(S);
    if (staticRegex("^[^ytonf~]").search(llvm::StringRef(S).lower()))
      return Value(S);
    if (S == "~" || staticRegex("^null$").matches(llvm::StringRef(S).lower()))
      return Value();
    const std::string L = llvm::StringRef(S).lower();
    if (L == "yes" || L == "true" || L == "on")
      return Value(true);
    if (L == "no" || L == "false" || L == "off")
      return Value(false);
    return Value(S);
  }
  const std::string L = llvm::StringRef(S).lower();
  if (L == ".inf" || L == "+.inf")
    return Value(HUGE_VAL);
  if (L == "-.inf")
    return Value(-HUGE_VAL);
  if (L == ".nan")
    return Value(std::nan(""));
  if (staticRegex("^[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}$").matches(S) ||
      staticRegex("^[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}\\.[0-9_]*$")
          .matches(S)) {
    // Psych's sexagesimal formula, reproduced as is.
    const bool IsFloat = S.find('.') != std::string::npos;
    llvm::SmallVector<llvm::StringRef, 3> Parts;
    llvm::StringRef(S).split(Parts, ':');
    double Sum = 0;
    for (size_t E = 0; E < Parts.size(); ++E) {
      std::string Part = Parts[E].str();
      Part.erase(std::remove(Part.begin(), Part.end(), '_'), Part.end());
      const double N =
          IsFloat
              ? std::strtod(Part.c_str(), nullptr)
              : static_cast<double>(std::strtoll(Part.c_str(), nullptr, 10));
      const int Exp = std::abs(static_cast<int>(E) - 2);
      Sum += N * std::pow(60.0, Exp);
    }
    if (IsFloat)
      return Value(Sum);
    return Value(static_cast<int64_t>(Sum));
  }
  if (staticRegex("^(?:[-+]?([0-9][0-9_,]*)?\\.[0-9]*([eE][-+][0-9]+)?)$")
          .matches(S)) {
    if (S == "." || S == "+." || S == "-.")
      return Value(S);
    std::string F;
    for (size_t I = 0; I < S.size(); ++I) {
      if (S[I] == ',' || S[I] == '_')
        continue;
      if (S[I] == '.' &&
          (I + 1 == S.size() || S[I + 1] == 'e' || S[I + 1] == 'E'))
        continue;
      F += S[I];
    }
    return Value(std::strtod(F.c_str(), nullptr));
  }
  if (staticRegex("^(?:[-+]?0b[0-1_,]+|[-+]?0[0-7_,]+|[-+]?(?:0|[1-9](?:[0-9]"
                  "|,[0-9]|_[0-9])*)|[-+]?0x[0-9a-fA-F_,]+)$")
          .matches(S)) {
    if (std::optional<int64_t> I = parseRubyInteger(S))
      return Value(*I);
  }
  return Value(S);
}

Value yamlToValue(const YAML::Node &N) {
  switch (N.Type()) {
  case YAML::NodeType::Undefined:
  case YAML::NodeType::Null:
    return Value();
  case YAML::NodeType::Scalar: {
    const std::string &Tag = N.Tag();
    const std::string &S = N.Scalar();
    if (Tag == "?" || Tag == "tag:yaml.org,2002:int" ||
        Tag == "tag:yaml.org,2002:float" || Tag == "tag:yaml.org,2002:bool" ||
        Tag == "tag:yaml.org,2002:null")
      return resolvePlainScalar(S);
    return Value(S);
  }
  case YAML::NodeType::Sequence: {
    Array A;
    A.reserve(N.size());
    for (const YAML::Node &E : N)
      A.push_back(yamlToValue(E));
    return Value(std::move(A));
  }
  case YAML::NodeType::Map: {
    HashData H;
    for (const auto &KV : N) {
      const YAML::Node &K = KV.first;
      // YAML merge keys (`<<: *anchor`), which Psych supports.
      if (K.IsScalar() && K.Tag() == "?" && K.Scalar() == "<<" &&
          (KV.second.IsMap() || KV.second.IsSequence())) {
        const Value Merged = yamlToValue(KV.second);
        if (Merged.isHash()) {
          for (const auto &E : Merged.asHash())
            H.set(E.first, E.second);
          continue;
        }
        bool AllHashes = true;
        for (const Value &E : Merged.asArray())
          AllHashes = AllHashes && E.isHash();
        if (AllHashes) {
          for (const Value &E : Merged.asArray())
            for (const auto &KV2 : E.asHash())
              H.set(KV2.first, KV2.second);
          continue;
        }
      }
      H.set(yamlToValue(K), yamlToValue(KV.second));
    }
    return Value(std::move(H));
  }
  }
  return Value();
}

} // namespace

/// Parses YAML text; on failure sets Error to Puppet's wording.
std::optional<Value> cppet::parseYaml(const std::string &Text,
                                      const std::string &Path,
                                      std::string &Error) {
  try {
    const YAML::Node Root = YAML::Load(Text);
    return yamlToValue(Root);
  } catch (const YAML::Exception &E) {
    Error = "Unable to parse (" + Path + "): " + E.msg + " at line " +
            std::to_string(E.mark.line + 1) + " column " +
            std::to_string(E.mark.column + 1);
  } catch (const std::exception &E) {
    Error = "Unable to parse (" + Path + "): " + E.what();
  }
  return std::nullopt;
}

namespace {

//===----------------------------------------------------------------------===//
// Keys
//===----------------------------------------------------------------------===//

/// Puppet's SubLookup#split_key: segments separated by '.', each either
/// quoted ('x.y' or "x.y") or a run of characters other than quotes and
/// dots; whitespace around segments is trimmed.
std::optional<std::vector<std::string>> splitKey(llvm::StringRef Key) {
  std::vector<std::string> Segments;
  if (Key.empty()) {
    Segments.emplace_back();
    return Segments;
  }
  size_t Pos = 0;
  while (true) {
    // One segment.
    size_t WS = Pos;
    while (WS < Key.size() && std::isspace(static_cast<unsigned char>(Key[WS])))
      ++WS;
    bool Parsed = false;
    if (WS < Key.size() && (Key[WS] == '"' || Key[WS] == '\'')) {
      const char Q = Key[WS];
      const size_t Close = Key.find(Q, WS + 1);
      if (Close != llvm::StringRef::npos && Close > WS + 1) {
        Segments.push_back(Key.substr(WS + 1, Close - WS - 1).str());
        Pos = Close + 1;
        while (Pos < Key.size() &&
               std::isspace(static_cast<unsigned char>(Key[Pos])))
          ++Pos;
        Parsed = true;
      }
    }
    if (!Parsed) {
      size_t End = Pos;
      while (End < Key.size() && Key[End] != '.' && Key[End] != '"' &&
             Key[End] != '\'')
        ++End;
      if (End == Pos)
        return std::nullopt;
      Segments.push_back(Key.substr(Pos, End - Pos).trim().str());
      Pos = End;
    }
    if (Pos == Key.size())
      return Segments;
    if (Key[Pos] != '.' || Pos + 1 == Key.size())
      return std::nullopt;
    ++Pos;
  }
}

struct LookupKey {
  std::string Text;
  std::string Root;
  std::vector<std::string> Segments; // after the root
  std::optional<std::string> ModuleName;
};

LookupKey parseKey(llvm::StringRef Key) {
  std::optional<std::vector<std::string>> Segs = splitKey(Key);
  if (!Segs)
    fail("Syntax error in key: '" + Key.str() + "'");
  LookupKey K;
  K.Text = Key.str();
  K.Root = (*Segs)[0];
  K.Segments.assign(Segs->begin() + 1, Segs->end());
  const size_t Qual = K.Root.find("::");
  if (Qual != std::string::npos)
    K.ModuleName = Qual == 0 ? K.Root : K.Root.substr(0, Qual);
  return K;
}

bool allDigits(llvm::StringRef S) {
  return !S.empty() && std::all_of(S.begin(), S.end(),
                                   [](char C) { return C >= '0' && C <= '9'; });
}

/// SubLookup#sub_lookup: digs Segments out of V; nullopt when a segment is
/// missing.
std::optional<Value> subLookup(const std::string &Key,
                               const std::vector<std::string> &Segments,
                               Value V) {
  for (const std::string &Segment : Segments) {
    if (V.isUndef())
      return std::nullopt;
    if (allDigits(Segment)) {
      if (!V.isArray())
        fail((llvm::Twine("Data Provider type mismatch: Got ") +
              types::rubyClassName(V) +
              " when Array was expected to access value using '" + Segment +
              "' from key '" + Key + "'")
                 .str());
      const size_t Index = std::strtoull(Segment.c_str(), nullptr, 10);
      if (Index >= V.asArray().size())
        return std::nullopt;
      V = V.asArray()[Index];
      continue;
    }
    if (!V.isHash())
      fail((llvm::Twine("Data Provider type mismatch: Got ") +
            types::rubyClassName(V) +
            " when a hash-like object was expected to access value using '" +
            Segment + "' from key '" + Key + "'")
               .str());
    const Value *Found = V.asHash().find(llvm::StringRef(Segment));
    if (!Found)
      return std::nullopt;
    V = *Found;
  }
  return V;
}

//===----------------------------------------------------------------------===//
// Merge strategies
//===----------------------------------------------------------------------===//

void flattenInto(const Value &V, Array &Out) {
  if (!V.isArray()) {
    Out.push_back(V);
    return;
  }
  for (const Value &E : V.asArray())
    flattenInto(E, Out);
}

void appendUnique(Array &Out, const Value &V) {
  for (const Value &E : Out)
    if (E.strictEquals(V))
      return;
  Out.push_back(V);
}

Array uniqueOf(const Array &A) {
  Array Out;
  for (const Value &V : A)
    appendUnique(Out, V);
  return Out;
}

/// Ruby's Array#sort! as deep_merge's sort_merged_arrays uses it.
void rubySort(Array &A) {
  std::string Error;
  std::stable_sort(A.begin(), A.end(), [&](const Value &X, const Value &Y) {
    if (X.isString() && Y.isString())
      return X.asString() < Y.asString();
    if (X.isNumber() && Y.isNumber())
      return X.asNumber() < Y.asNumber();
    if (Error.empty())
      Error = "comparison of " + types::rubyClassName(X) + " with " +
              types::rubyClassName(Y) + " failed";
    return false;
  });
  if (!Error.empty())
    fail(Error);
}

bool startsWith(const Value &V, const std::string &Prefix) {
  return V.isString() && llvm::StringRef(V.asString()).startswith(Prefix);
}

class DeepMerger {
public:
  explicit DeepMerger(const MergeStrategy &S) : S(S) {}

  /// DeepMerge.deep_merge!(Source, Dest) with preserve_unmergeables off:
  /// Source has priority.
  Value merge(const Value &Source, const Value &Dest) const {
    if (Source.isUndef())
      return Dest;
    if (!Dest.isTruthy())
      return Source;
    if (Source.isHash()) {
      // deep_merge overwrites a non-hash Dest once per Source key, so an
      // empty Source leaves Dest alone.
      if (!Dest.isHash())
        return Source.asHash().empty() ? Dest : overwriteUnmergeables(Source);
      HashData Result = Dest.asHash();
      for (const auto &[K, SV] : Source.asHash()) {
        const Value *DV = Result.find(K);
        if (DV && DV->isTruthy())
          Result.set(K, merge(SV, *DV));
        else
          Result.set(K, merge(SV, SV));
      }
      return Value(std::move(Result));
    }
    if (Source.isArray())
      return mergeArray(Source.asArray(), Dest);
    return overwriteUnmergeables(Source);
  }

private:
  const MergeStrategy &S;

  bool knockout() const { return !S.KnockoutPrefix.empty(); }

  Value mergeArray(Array Src, Value Dest) const {
    if (knockout()) {
      const auto Naked = [&](const Value &V) {
        return V.isString() && V.asString() == S.KnockoutPrefix;
      };
      if (std::any_of(Src.begin(), Src.end(), Naked)) {
        Dest = clearOrNil(Dest);
        Src.erase(std::remove_if(Src.begin(), Src.end(), Naked), Src.end());
      }
    }
    if (!Dest.isArray())
      return overwriteUnmergeables(Value(std::move(Src)));
    Array DA = Dest.asArray();
    if (knockout()) {
      Array Kept;
      for (const Value &Item : Src) {
        if (!startsWith(Item, S.KnockoutPrefix)) {
          Kept.push_back(Item);
          continue;
        }
        const Value Plain(Item.asString().substr(S.KnockoutPrefix.size()));
        DA.erase(std::remove_if(DA.begin(), DA.end(),
                                [&](const Value &D) {
                                  return D.strictEquals(Plain) ||
                                         D.strictEquals(Item);
                                }),
                 DA.end());
      }
      Src = std::move(Kept);
    }
    const auto IsHash = [](const Value &V) { return V.isHash(); };
    if (S.MergeHashArrays && std::all_of(Src.begin(), Src.end(), IsHash) &&
        std::all_of(DA.begin(), DA.end(), IsHash)) {
      Array List;
      for (size_t I = 0; I < DA.size(); ++I)
        List.push_back(
            merge(I < Src.size() ? Src[I] : Value(HashData()), DA[I]));
      for (size_t I = DA.size(); I < Src.size(); ++I)
        List.push_back(Src[I]);
      DA = std::move(List);
    } else {
      Array Union = uniqueOf(DA);
      for (const Value &V : Src)
        appendUnique(Union, V);
      DA = std::move(Union);
    }
    if (S.SortMergedArrays)
      rubySort(DA);
    return Value(std::move(DA));
  }

  static Value clearOrNil(const Value &V) {
    if (V.isArray())
      return Value(Array());
    if (V.isHash())
      return Value(HashData());
    if (V.isString())
      return Value(std::string());
    return Value();
  }

  Value overwriteUnmergeables(const Value &Source) const {
    if (!knockout())
      return Source;
    if (Source.isString())
      return startsWith(Source, S.KnockoutPrefix) ? Value(std::string())
                                                  : Source;
    if (Source.isArray()) {
      Array Kept;
      for (const Value &V : Source.asArray())
        if (!startsWith(V, S.KnockoutPrefix))
          Kept.push_back(V);
      return Value(std::move(Kept));
    }
    return Source;
  }
};

void assertMergeable(const MergeStrategy &S, const Value &V, bool First) {
  const char *Which = First ? "The first element of the merge"
                            : "The second element of the merge";
  // Puppet describes the data's inferred type: an Array is a Tuple, a
  // Hash with String keys a Struct.
  const auto Inferred = [](const Value &X) -> std::string {
    if (X.isArray())
      return "Tuple";
    if (X.isHash()) {
      for (const auto &Entry : X.asHash())
        if (!Entry.first.isString())
          return "Hash";
      return "Struct";
    }
    return puppetTypeName(X);
  };
  if (S.K == MergeStrategy::Hash && !V.isHash())
    fail(std::string(Which) + " has wrong type, expects a Hash value, got " +
         Inferred(V));
  if (S.K == MergeStrategy::Unique && (V.isHash() || V.isUndef()))
    fail(std::string(Which) +
         " has wrong type, expects a value of type Scalar or Array, got " +
         Inferred(V));
}

/// MergeStrategy#convert_value.
Value convertValue(const MergeStrategy &S, const Value &V) {
  if (S.K != MergeStrategy::Unique)
    return V;
  Array Out;
  flattenInto(V, Out);
  return Value(std::move(Out));
}

/// MergeStrategy#merge_single.
Value mergeSingle(const MergeStrategy &S, const Value &V) {
  if (S.K == MergeStrategy::Unique && V.isArray())
    return Value(uniqueOf(V.asArray()));
  return V;
}

/// MergeStrategy#merge(E1, E2): E1 has priority.
Value mergeTwo(const MergeStrategy &S, const Value &E1, const Value &E2) {
  assertMergeable(S, E1, true);
  assertMergeable(S, E2, false);
  switch (S.K) {
  case MergeStrategy::First:
    return E1;
  case MergeStrategy::Unique: {
    Array Out;
    Array A;
    flattenInto(E1, A);
    flattenInto(E2, A);
    for (const Value &V : A)
      appendUnique(Out, V);
    return Value(std::move(Out));
  }
  case MergeStrategy::Hash: {
    HashData Result = E2.asHash();
    for (const auto &[K, V] : E1.asHash())
      Result.set(K, V);
    return Value(std::move(Result));
  }
  case MergeStrategy::Deep:
    return DeepMerger(S).merge(E1, E2);
  }
  return E1;
}

/// MergeStrategy#lookup: yields each of N variants (Yield returns nullopt
/// for "not found") and merges what was found.
template <typename Fn>
std::optional<Value> mergeLookup(const MergeStrategy &S, size_t N, Fn &&Yield) {
  if (S.K == MergeStrategy::First) {
    for (size_t I = 0; I < N; ++I)
      if (std::optional<Value> V = Yield(I))
        return V;
    return std::nullopt;
  }
  if (N == 0)
    return std::nullopt;
  if (N == 1) {
    std::optional<Value> V = Yield(0);
    if (!V)
      return std::nullopt;
    return mergeSingle(S, *V);
  }
  std::optional<Value> Memo;
  for (size_t I = 0; I < N; ++I) {
    std::optional<Value> V = Yield(I);
    if (!V)
      continue;
    Memo = Memo ? mergeTwo(S, *Memo, *V) : convertValue(S, *V);
  }
  return Memo;
}

MergeStrategy hashStrategy() {
  MergeStrategy S;
  S.K = MergeStrategy::Hash;
  return S;
}

//===----------------------------------------------------------------------===//
// Configuration
//===----------------------------------------------------------------------===//

struct HierarchyEntry {
  std::string Name;
  std::string FunctionKind; // data_hash, lookup_key, data_dig, ...
  std::string Function;     // yaml_data, json_data, ...
  std::string Datadir;      // config root + datadir, not yet interpolated
  enum class Locations {
    None,
    Paths,
    Globs,
    MappedPaths,
    Uris
  } Kind = Locations::None;
  std::vector<std::string> Declared;
};

struct HieraConfig {
  std::string Path;       // "" for the default configuration
  bool IsDefault = false; // skip locations that do not exist
  std::vector<HierarchyEntry> Hierarchy;
  std::vector<HierarchyEntry> DefaultHierarchy;
  bool HasDefaultHierarchy = false;
};

using ConfigPtr = std::shared_ptr<const HieraConfig>;

const char *const FunctionKeys[] = {"data_hash", "lookup_key", "data_dig",
                                    "hiera3_backend"};

std::optional<std::string> stringField(const HashData &H, const char *Key,
                                       const std::string &Where) {
  const Value *V = H.find(llvm::StringRef(Key));
  if (!V || V->isUndef())
    return std::nullopt;
  if (!V->isString() || V->asString().empty())
    fail("The Lookup Configuration at '" + Where + "' " + Key +
         " expects a String[1] value, got " + puppetTypeName(*V));
  return V->asString();
}

/// Fails when H has a key outside Allowed, as Puppet's Struct type check
/// of hiera.yaml does.
void checkKeys(const HashData &H, std::initializer_list<const char *> Allowed,
               const std::string &Subject) {
  for (const auto &KV : H) {
    const Value &K = KV.first;
    const bool Known =
        K.isString() &&
        std::any_of(Allowed.begin(), Allowed.end(),
                    [&](const char *A) { return K.asString() == A; });
    if (!Known)
      fail(Subject + " has unrecognized key '" + K.toString() + "'");
  }
}

std::vector<HierarchyEntry> parseHierarchy(const Value &List,
                                           const HashData &Defaults,
                                           const std::string &ConfigRoot,
                                           const std::string &Where,
                                           const char *ListKey) {
  const std::string Subject =
      "The Lookup Configuration at '" + Where + "' entry '" + ListKey + "'";
  if (!List.isArray())
    fail(Subject + " expects an Array value, got " + puppetTypeName(List));
  const std::string DefaultDatadir =
      stringField(Defaults, "datadir", Where).value_or("data");
  std::vector<HierarchyEntry> Result;
  for (const Value &E : List.asArray()) {
    const std::string EntrySubject =
        Subject + " index " + std::to_string(Result.size());
    if (!E.isHash())
      fail(EntrySubject + " expects a Struct value, got " + puppetTypeName(E));
    const HashData &H = E.asHash();
    checkKeys(H,
              {"name", "options", "data_hash", "lookup_key", "hiera3_backend",
               "v4_data_hash", "data_dig", "path", "paths", "glob", "globs",
               "uri", "uris", "mapped_paths", "datadir"},
              EntrySubject);
    HierarchyEntry Entry;
    std::optional<std::string> Name = stringField(H, "name", Where);
    if (!Name)
      fail(EntrySubject + " expects a value for key 'name'");
    Entry.Name = *Name;
    for (const HierarchyEntry &Prev : Result)
      if (Prev.Name == Entry.Name)
        fail("Hierarchy name '" + Entry.Name +
             "' defined more than once. (file: " + Where + ")");
    for (const char *Kind : FunctionKeys) {
      if (std::optional<std::string> F = stringField(H, Kind, Where)) {
        if (!Entry.FunctionKind.empty())
          fail("Only one of data_hash, lookup_key, data_dig, or hiera3_backend "
               "can be defined in hierarchy '" +
               Entry.Name + "' (file: " + Where + ")");
        Entry.FunctionKind = Kind;
        Entry.Function = *F;
      }
    }
    if (Entry.FunctionKind.empty()) {
      for (const char *Kind : FunctionKeys) {
        if (std::optional<std::string> F = stringField(Defaults, Kind, Where)) {
          Entry.FunctionKind = Kind;
          Entry.Function = *F;
          break;
        }
      }
    }
    if (Entry.FunctionKind.empty())
      fail("One of data_hash, lookup_key, data_dig, or hiera3_backend must be "
           "defined in hierarchy '" +
           Entry.Name + "' (file: " + Where + ")");
    Entry.Datadir = joinPath(
        ConfigRoot, stringField(H, "datadir", Where).value_or(DefaultDatadir));
    static const std::pair<const char *, HierarchyEntry::Locations>
        LocationKeys[] = {
            {"path", HierarchyEntry::Locations::Paths},
            {"paths", HierarchyEntry::Locations::Paths},
            {"glob", HierarchyEntry::Locations::Globs},
            {"globs", HierarchyEntry::Locations::Globs},
            {"uri", HierarchyEntry::Locations::Uris},
            {"uris", HierarchyEntry::Locations::Uris},
            {"mapped_paths", HierarchyEntry::Locations::MappedPaths}};
    for (const auto &[Key, Kind] : LocationKeys) {
      const Value *V = H.find(llvm::StringRef(Key));
      if (!V)
        continue;
      if (Entry.Kind != HierarchyEntry::Locations::None)
        fail("Only one of path, paths, glob, globs, uri, uris, or "
             "mapped_paths can be defined in hierarchy '" +
             Entry.Name + "' (file: " + Where + ")");
      Entry.Kind = Kind;
      if (V->isString()) {
        Entry.Declared.push_back(V->asString());
      } else if (V->isArray()) {
        for (const Value &P : V->asArray()) {
          if (!P.isString())
            fail("The Lookup Configuration at '" + Where + "' hierarchy '" +
                 Entry.Name + "' " + Key + " expects String values, got " +
                 puppetTypeName(P));
          Entry.Declared.push_back(P.asString());
        }
      } else {
        fail("The Lookup Configuration at '" + Where + "' hierarchy '" +
             Entry.Name + "' " + Key + " has a wrong type, got " +
             puppetTypeName(*V));
      }
      if (Kind == HierarchyEntry::Locations::MappedPaths &&
          Entry.Declared.size() != 3)
        fail("The Lookup Configuration at '" + Where + "' hierarchy '" +
             Entry.Name + "' mapped_paths expects size to be 3, got " +
             std::to_string(Entry.Declared.size()));
    }
    Result.push_back(std::move(Entry));
  }
  return Result;
}

/// Builds a configuration from a parsed hiera.yaml (or the default one).
ConfigPtr buildConfig(const Value &Loaded, const std::string &ConfigRoot,
                      const std::string &Path, bool IsModule) {
  const std::string Where = Path.empty() ? ConfigRoot : Path;
  if (!Loaded.isHash())
    fail(Where + ": File exists but does not contain a valid YAML hash; cppet "
                 "supports only Hiera version 5 configurations");
  const HashData &H = Loaded.asHash();
  const Value *Version = H.find(llvm::StringRef("version"));
  int64_t V = 3;
  if (Version && Version->isInteger())
    V = Version->asInteger();
  else if (Version && Version->isString())
    V = std::atoll(Version->asString().c_str());
  if (V == 3 || V == 4)
    fail("cppet supports only Hiera version 5 configurations; " + Where +
         " uses version " + std::to_string(V));
  if (V != 5)
    fail("This runtime does not support hiera.yaml version " +
         std::to_string(V) + " (file: " + Where + ")");
  const std::string Subject = "The Lookup Configuration at '" + Where + "'";
  checkKeys(H,
            {"version", "defaults", "hierarchy", "plan_hierarchy",
             "default_hierarchy"},
            Subject);
  auto Config = std::make_shared<HieraConfig>();
  Config->Path = Path;
  HashData Defaults;
  if (const Value *D = H.find(llvm::StringRef("defaults")); D && D->isHash()) {
    Defaults = D->asHash();
    checkKeys(Defaults,
              {"data_hash", "lookup_key", "data_dig", "datadir", "options"},
              Subject + " entry 'defaults'");
  } else
    Defaults.set(Value("data_hash"), Value("yaml_data"));
  if (!Defaults.find(llvm::StringRef("datadir")))
    Defaults.set(Value("datadir"), Value("data"));
  if (const Value *HL = H.find(llvm::StringRef("hierarchy")))
    Config->Hierarchy =
        parseHierarchy(*HL, Defaults, ConfigRoot, Where, "hierarchy");
  else
    Config->Hierarchy = parseHierarchy(
        makeArray({makeHash({{"name", "Common"}, {"path", "common.yaml"}})}),
        Defaults, ConfigRoot, Where, "hierarchy");
  if (const Value *DH = H.find(llvm::StringRef("default_hierarchy"))) {
    if (!IsModule)
      fail("'default_hierarchy' is only allowed in the module layer (file: " +
           Where + ")");
    Config->DefaultHierarchy =
        parseHierarchy(*DH, Defaults, ConfigRoot, Where, "default_hierarchy");
    Config->HasDefaultHierarchy = true;
  }
  return Config;
}

ConfigPtr defaultConfig(const std::string &ConfigRoot) {
  auto Config = std::const_pointer_cast<HieraConfig>(buildConfig(
      makeHash({{"version", 5}}), ConfigRoot, std::string(), false));
  Config->IsDefault = true;
  return Config;
}

//===----------------------------------------------------------------------===//
// Data files
//===----------------------------------------------------------------------===//

struct DataFile {
  bool Exists = false;
  Value Data; // a Hash when Exists and Error is empty
  std::string Error;
};

struct ResolvedLocation {
  std::string Path;
  bool Exists = false;
  std::string Declared; // the path as hiera.yaml writes it (for --explain)
};

/// A value as `puppet lookup --explain` shows it (Puppet's `%p`, one
/// element per line, Indent spaces before the closing bracket).
void explainValue(const Value &V, unsigned Indent, std::string &Out) {
  if (V.isString()) {
    Out += '"';
    for (char C : V.asString()) {
      if (C == '"' || C == '\\')
        Out += '\\';
      if (C == '\n')
        Out += "\\n";
      else if (C == '\t')
        Out += "\\t";
      else
        Out += C;
    }
    Out += '"';
    return;
  }
  if (V.isUndef()) {
    Out += "undef";
    return;
  }
  const std::string Pad(Indent + 2, ' ');
  if (V.isArray()) {
    if (V.asArray().empty()) {
      Out += "[]";
      return;
    }
    Out += "[\n";
    bool First = true;
    for (const Value &E : V.asArray()) {
      Out += First ? "" : ",\n";
      First = false;
      Out += Pad;
      explainValue(E, Indent + 2, Out);
    }
    Out += "\n" + std::string(Indent, ' ') + "]";
    return;
  }
  if (V.isHash()) {
    if (V.asHash().empty()) {
      Out += "{}";
      return;
    }
    Out += "{\n";
    bool First = true;
    for (const auto &[K, E] : V.asHash()) {
      Out += First ? "" : ",\n";
      First = false;
      Out += Pad;
      explainValue(K, Indent + 2, Out);
      Out += " => ";
      explainValue(E, Indent + 2, Out);
    }
    Out += "\n" + std::string(Indent, ' ') + "}";
    return;
  }
  Out += V.toString();
}

const char *strategyName(MergeStrategy::Kind K) {
  switch (K) {
  case MergeStrategy::First:
    return "first";
  case MergeStrategy::Unique:
    return "unique";
  case MergeStrategy::Hash:
    return "hash";
  case MergeStrategy::Deep:
    return "deep";
  }
  return "first";
}

struct Provider {
  ConfigPtr Config;
  std::optional<std::string> ModuleName; // for module layer providers
};

} // namespace

Value cppet::digHieraPath(Value Cur, llvm::ArrayRef<llvm::StringRef> Path) {
  for (llvm::StringRef Part : Path) {
    if (Cur.isHash()) {
      const Value *Next = Cur.asHash().find(Part);
      Cur = Next ? *Next : Value();
    } else if (Cur.isArray()) {
      unsigned Idx = 0;
      if (Part.getAsInteger(10, Idx) || Idx >= Cur.asArray().size())
        return Value();
      Cur = Cur.asArray()[Idx];
    } else {
      return Value();
    }
  }
  return Cur;
}

Value cppet::jsonToValue(const catalog::Json &J) {
  switch (J.type()) {
  case catalog::Json::value_t::null:
    return Value();
  case catalog::Json::value_t::boolean:
    return Value(J.get<bool>());
  case catalog::Json::value_t::number_integer:
    return Value(J.get<int64_t>());
  case catalog::Json::value_t::number_unsigned: {
    const uint64_t U = J.get<uint64_t>();
    if (U > static_cast<uint64_t>(INT64_MAX))
      return Value(static_cast<double>(U));
    return Value(static_cast<int64_t>(U));
  }
  case catalog::Json::value_t::number_float:
    return Value(J.get<double>());
  case catalog::Json::value_t::string:
    return Value(J.get<std::string>());
  case catalog::Json::value_t::array: {
    Array A;
    A.reserve(J.size());
    for (const auto &E : J)
      A.push_back(jsonToValue(E));
    return Value(std::move(A));
  }
  case catalog::Json::value_t::object: {
    HashData H;
    for (auto It = J.begin(); It != J.end(); ++It)
      H.set(Value(It.key()), jsonToValue(It.value()));
    return Value(std::move(H));
  }
  default:
    return Value();
  }
}

//===----------------------------------------------------------------------===//
// Hiera::Impl
//===----------------------------------------------------------------------===//

struct Hiera::Impl {
  std::string GlobalConfigPath;
  std::string EnvironmentDir;
  std::function<std::optional<std::string>(llvm::StringRef)> ModuleDir;

  std::mutex Mutex;
  bool GlobalLoaded = false;
  std::optional<Provider> Global;
  bool EnvironmentLoaded = false;
  std::optional<Provider> Environment;
  std::unordered_map<std::string, std::optional<Provider>> Modules;
  std::unordered_map<std::string, std::shared_ptr<const DataFile>> Files;
  std::unordered_map<std::string, std::vector<std::string>> Globs;
  std::unordered_map<std::string, bool> Existence;
  std::unordered_map<std::string, std::shared_ptr<const Regexp>> Patterns;
  /// Configuration errors are remembered and reported on every lookup.
  std::unordered_map<std::string, std::string> ConfigErrors;

  /// One top-level lookup: the scope and the keys being looked up (for
  /// endless-recursion detection).
  struct Invocation {
    const HieraScope *Scope = nullptr;
    std::vector<std::string> NameStack;
    /// Locations of the hierarchy entries already resolved in this lookup
    /// (the scope does not change during one lookup).
    std::unordered_map<const HierarchyEntry *, std::vector<ResolvedLocation>>
        Resolved;
    /// `--explain`: the lines of the explanation, and the current depth.
    std::string *Explain = nullptr;
    unsigned Depth = 0;
  };

  /// Adds a line to the explanation (at the invocation's depth).
  static void explain(Invocation &Inv, const std::string &Line) {
    if (!Inv.Explain)
      return;
    Inv.Explain->append(2 * Inv.Depth, ' ');
    *Inv.Explain += Line + "\n";
  }
  /// Adds "Prefix<value>" with the value in Puppet's multi-line form.
  static void explainValueLine(Invocation &Inv, const std::string &Prefix,
                               const Value &V) {
    if (!Inv.Explain)
      return;
    std::string Line = Prefix;
    explainValue(V, 2 * Inv.Depth, Line);
    explain(Inv, Line);
  }
  /// One level deeper in the explanation for its lifetime.
  struct Nested {
    Invocation &Inv;
    explicit Nested(Invocation &Inv) : Inv(Inv) { ++Inv.Depth; }
    ~Nested() { --Inv.Depth; }
    Nested(const Nested &) = delete;
    Nested &operator=(const Nested &) = delete;
  };
  /// "Merge strategy X" (and a deep merge's options) for a merge that is
  /// not `first`; the lines under it go one level deeper.
  static void explainStrategy(Invocation &Inv, const MergeStrategy &S) {
    if (S.K == MergeStrategy::First)
      return;
    explain(Inv, std::string("Merge strategy ") + strategyName(S.K));
    if (S.GivenOptions.empty())
      return;
    HashData Options;
    for (const auto &[Name, Opt] : S.GivenOptions)
      Options.set(Value(Name), Opt);
    Nested In(Inv);
    explainValueLine(Inv, "Options: ", Value(std::move(Options)));
  }

  /// lookup_options merged over the layers, per module ("" for none):
  /// Puppet's LookupAdapter computes them once per compile and module.
  std::unordered_map<std::string, std::optional<Value>> LookupOptionsCache;

  template <typename Fn>
  auto check(Invocation &Inv, const std::string &Name, Fn &&Body)
      -> decltype(Body()) {
    if (std::find(Inv.NameStack.begin(), Inv.NameStack.end(), Name) !=
        Inv.NameStack.end()) {
      std::string Stack;
      for (const std::string &N : Inv.NameStack)
        Stack += (Stack.empty() ? "" : ", ") + N;
      fail("Recursive lookup detected in [" + Stack + "]");
    }
    Inv.NameStack.push_back(Name);
    struct Pop {
      std::vector<std::string> &S;
      ~Pop() { S.pop_back(); }
    } P{Inv.NameStack};
    return Body();
  }

  //===--------------------------------------------------------------------===//
  // Providers
  //===--------------------------------------------------------------------===//

  ConfigPtr loadConfig(const std::string &Path, bool IsModule) {
    if (auto It = ConfigErrors.find(Path); It != ConfigErrors.end())
      fail(It->second);
    try {
      std::optional<std::string> Text = readFile(Path);
      if (!Text)
        fail("Unable to read " + Path);
      std::string Error;
      std::optional<Value> Loaded = parseYaml(*Text, Path, Error);
      if (!Loaded)
        fail(Error);
      return buildConfig(*Loaded, parentDir(Path), Path, IsModule);
    } catch (const LookupFailure &F) {
      ConfigErrors[Path] = F.Message;
      throw;
    }
  }

  const std::optional<Provider> &globalProvider() {
    // A configuration error leaves the layer unloaded, so every lookup
    // reports it again (loadConfig remembers it).
    if (!GlobalLoaded) {
      if (!GlobalConfigPath.empty()) {
        if (pathExists(GlobalConfigPath))
          Global = Provider{loadConfig(GlobalConfigPath, false), std::nullopt};
        else
          Global = Provider{defaultConfig(parentDir(GlobalConfigPath)),
                            std::nullopt};
      }
      GlobalLoaded = true;
    }
    return Global;
  }

  const std::optional<Provider> &environmentProvider() {
    if (!EnvironmentLoaded) {
      if (!EnvironmentDir.empty()) {
        const std::string Path = joinPath(EnvironmentDir, "hiera.yaml");
        if (pathExists(Path))
          Environment = Provider{loadConfig(Path, false), std::nullopt};
      }
      EnvironmentLoaded = true;
    }
    return Environment;
  }

  const std::optional<Provider> &moduleProvider(const std::string &Name) {
    auto It = Modules.find(Name);
    if (It != Modules.end())
      return It->second;
    std::optional<Provider> P;
    if (ModuleDir) {
      if (std::optional<std::string> Dir = ModuleDir(Name)) {
        const std::string Path = joinPath(*Dir, "hiera.yaml");
        if (pathExists(Path))
          P = Provider{loadConfig(Path, true), Name};
      }
    }
    return Modules.emplace(Name, std::move(P)).first->second;
  }

  //===--------------------------------------------------------------------===//
  // Interpolation
  //===--------------------------------------------------------------------===//

  static bool needsInterpolation(const Value &V) {
    if (V.isString())
      return V.asString().find("%{") != std::string::npos;
    if (V.isArray())
      return std::any_of(V.asArray().begin(), V.asArray().end(),
                         needsInterpolation);
    if (V.isHash())
      return std::any_of(V.asHash().begin(), V.asHash().end(),
                         [](const HashData::Entry &E) {
                           return needsInterpolation(E.second);
                         });
    return false;
  }

  Value interpolate(const Value &V, Invocation &Inv, bool AllowMethods) {
    if (!needsInterpolation(V))
      return V;
    if (V.isString())
      return interpolateString(V.asString(), Inv, AllowMethods);
    if (V.isArray()) {
      Array Out;
      Out.reserve(V.asArray().size());
      for (const Value &E : V.asArray())
        Out.push_back(interpolate(E, Inv, AllowMethods));
      return Value(std::move(Out));
    }
    HashData Out;
    for (const auto &[K, E] : V.asHash())
      Out.set(K, interpolate(E, Inv, AllowMethods));
    return Value(std::move(Out));
  }

  /// The 'scope' interpolation method: a (possibly dotted) variable.
  Value scopeLookup(const std::string &Key, Invocation &Inv,
                    const std::string &Subject) {
    std::optional<std::vector<std::string>> Segs = splitKey(Key);
    if (!Segs)
      fail("Syntax error in string: " + Subject);
    llvm::StringRef Root = (*Segs)[0];
    if (Root.startswith("::"))
      Root = Root.drop_front(2);
    Value V = (*Inv.Scope)(Root);
    if (Segs->size() == 1)
      return V;
    const std::vector<std::string> Rest(Segs->begin() + 1, Segs->end());
    std::optional<Value> Found = subLookup(Key, Rest, V);
    return Found ? *Found : Value(std::string());
  }

  Value interpolateString(const std::string &Subject, Invocation &Inv,
                          bool AllowMethods) {
    std::string Out;
    size_t Pos = 0;
    while (true) {
      const size_t Open = Subject.find("%{", Pos);
      const size_t Close =
          Open == std::string::npos ? Open : Subject.find('}', Open + 2);
      if (Open == std::string::npos || Close == std::string::npos) {
        Out.append(Subject, Pos, std::string::npos);
        return Value(std::move(Out));
      }
      Out.append(Subject, Pos, Open - Pos);
      Pos = Close + 1;
      const std::string Expr =
          llvm::StringRef(Subject).slice(Open + 2, Close).trim().str();
      if (Expr.empty() || Expr == "::" || Expr == "\"\"" || Expr == "''" ||
          Expr == "\"::\"" || Expr == "'::'")
        continue;
      std::string Method = "scope";
      std::string Key = Expr;
      if (std::optional<RegexMatch> M =
              staticRegex("^(\\w+)\\((?:[\"]([^\"]+)[\"]|[']([^']+)['])\\)$")
                  .search(Expr)) {
        if (!AllowMethods)
          fail("Interpolation using method syntax is not allowed in this "
               "context");
        Method = *M->Groups[1];
        Key = M->Groups[2] ? *M->Groups[2] : *M->Groups[3];
      }
      const bool IsAlias = Method == "alias";
      if (IsAlias && !(Open == 0 && Close + 1 == Subject.size()))
        fail("'alias' interpolation is only permitted if the expression is "
             "equal to the entire string");
      Value V;
      if (Method == "lookup" || Method == "hiera" || IsAlias) {
        std::optional<Value> Found =
            lookupKey(Key, std::nullopt, MergeStrategy(), Inv);
        V = Found ? *Found : Value(std::string());
      } else if (Method == "scope") {
        V = scopeLookup(Key, Inv, Subject);
      } else if (Method == "literal") {
        V = Value(Key);
      } else {
        fail("Unknown interpolation method '" + Method + "'");
      }
      V = check(Inv, Method == "scope" ? "scope:" + Key : Key,
                [&] { return interpolate(V, Inv, AllowMethods); });
      if (IsAlias)
        return V;
      if (!V.isUndef())
        Out += V.toRubyString();
    }
  }

  //===--------------------------------------------------------------------===//
  // Locations and data
  //===--------------------------------------------------------------------===//

  const std::vector<std::string> &expandGlob(const std::string &Pattern) {
    auto It = Globs.find(Pattern);
    if (It != Globs.end())
      return It->second;
    std::vector<std::string> Paths;
    glob_t G;
    if (::glob(Pattern.c_str(), GLOB_BRACE, nullptr, &G) == 0) {
      for (size_t I = 0; I < G.gl_pathc; ++I)
        if (!isDirectory(G.gl_pathv[I]))
          Paths.emplace_back(G.gl_pathv[I]);
    }
    ::globfree(&G);
    return Globs.emplace(Pattern, std::move(Paths)).first->second;
  }

  bool fileExists(const std::string &Path) {
    auto It = Existence.find(Path);
    if (It != Existence.end())
      return It->second;
    return Existence.emplace(Path, pathExists(Path)).first->second;
  }

  /// Loads (once) the data hash of Path with the data_hash Function.
  const DataFile &dataFile(const std::string &Path,
                           const std::string &Function) {
    const std::string CacheKey = Function + ":" + Path;
    auto It = Files.find(CacheKey);
    if (It != Files.end())
      return *It->second;
    auto F = std::make_shared<DataFile>();
    F->Exists = fileExists(Path);
    if (F->Exists) {
      if (std::optional<std::string> Text = readFile(Path)) {
        if (Function == "json_data") {
          try {
            const Value V = jsonToValue(nlohmann::ordered_json::parse(*Text));
            if (V.isHash())
              F->Data = V;
            else
              F->Error =
                  "Value returned from json_data, when using location '" +
                  Path + "', expects a Hash value, got " + puppetTypeName(V);
          } catch (const std::exception &E) {
            F->Error = "Unable to parse (" + Path + "): " + E.what();
          }
        } else if (Function == "hocon_data") {
          // hocon_data.rb: Hocon.parse, each ConfigError in its words.
          std::string Error;
          if (std::optional<Value> V = parseHocon(*Text, Error))
            F->Data = *V;
          else
            F->Error = "Unable to parse (" + Path + "): " + Error;
        } else {
          std::optional<Value> V = parseYaml(*Text, Path, F->Error);
          if (V)
            F->Data = V->isHash() ? *V : Value(HashData());
        }
      } else {
        F->Error = "Unable to read " + Path;
      }
    }
    std::shared_ptr<const DataFile> Stored = F;
    Files.emplace(CacheKey, Stored);
    return *Stored;
  }

  std::vector<ResolvedLocation> resolveLocations(const HieraConfig &Config,
                                                 const HierarchyEntry &E,
                                                 Invocation &Inv) {
    const std::string Datadir =
        interpolate(Value(E.Datadir), Inv, false).toRubyString();
    std::vector<ResolvedLocation> Result;
    switch (E.Kind) {
    case HierarchyEntry::Locations::None:
    case HierarchyEntry::Locations::Uris:
      break;
    case HierarchyEntry::Locations::Paths:
      for (const std::string &Declared : E.Declared) {
        const std::string Path = joinPath(
            Datadir, interpolate(Value(Declared), Inv, false).toRubyString());
        const bool Exists = fileExists(Path);
        if (Exists || !Config.IsDefault)
          Result.push_back({Path, Exists, Declared});
      }
      break;
    case HierarchyEntry::Locations::Globs:
      for (const std::string &Declared : E.Declared) {
        const std::string Pattern = joinPath(
            Datadir, interpolate(Value(Declared), Inv, false).toRubyString());
        for (const std::string &Path : expandGlob(Pattern))
          Result.push_back({Path, true, Declared});
      }
      break;
    case HierarchyEntry::Locations::MappedPaths: {
      const Value Vars = scopeLookup(E.Declared[0], Inv, "mapped_path[0]");
      Array Each;
      if (Vars.isString()) {
        if (!Vars.asString().empty())
          Each.push_back(Vars);
      } else if (Vars.isArray()) {
        Each = Vars.asArray();
      } else if (Vars.isHash()) {
        for (const auto &[K, V] : Vars.asHash())
          Each.push_back(makeArray({K, V}));
      } else if (!Vars.isUndef()) {
        Each.push_back(Vars);
      }
      const std::string &VarKey = E.Declared[1];
      const HieraScope *Outer = Inv.Scope;
      for (const Value &Var : Each) {
        const HieraScope Local = [&](llvm::StringRef Name) {
          return Name == VarKey ? Var : (*Outer)(Name);
        };
        Inv.Scope = &Local;
        std::string Path;
        try {
          Path = joinPath(
              Datadir,
              interpolate(Value(E.Declared[2]), Inv, false).toRubyString());
        } catch (...) {
          Inv.Scope = Outer;
          throw;
        }
        Inv.Scope = Outer;
        Result.push_back({Path, fileExists(Path), E.Declared[2]});
      }
      break;
    }
    }
    return Result;
  }

  /// DataHashFunctionProvider#unchecked_key_lookup for one hierarchy entry.
  std::optional<Value> entryLookup(const HieraConfig &Config,
                                   const HierarchyEntry &E,
                                   const std::string &Root,
                                   const MergeStrategy &S, Invocation &Inv) {
    if (E.FunctionKind != "data_hash" ||
        (E.Function != "yaml_data" && E.Function != "json_data" &&
         E.Function != "hocon_data"))
      fail("cppet does not support the Hiera " + E.FunctionKind +
           " function '" + E.Function + "' (hierarchy '" + E.Name + "')");
    if (E.Kind == HierarchyEntry::Locations::None)
      fail("one of 'path', 'paths' 'glob', 'globs' or 'mapped_paths' must be "
           "declared in hiera.yaml when using this data_hash function");
    if (E.Kind == HierarchyEntry::Locations::Uris)
      fail("cppet does not support 'uri' locations with the data_hash "
           "function '" +
           E.Function + "' (hierarchy '" + E.Name + "')");
    auto Cached = Inv.Resolved.find(&E);
    if (Cached == Inv.Resolved.end())
      Cached = Inv.Resolved.emplace(&E, resolveLocations(Config, E, Inv)).first;
    const std::vector<ResolvedLocation> &Locations = Cached->second;
    if (Locations.empty())
      return std::nullopt;
    explain(Inv, "Hierarchy entry \"" + E.Name + "\"");
    Nested InEntry(Inv);
    // Several locations merge under their own "Merge strategy" node.
    const bool Merges = Locations.size() > 1 && S.K != MergeStrategy::First;
    if (Merges)
      explainStrategy(Inv, S);
    std::optional<Nested> InMerge;
    if (Merges)
      InMerge.emplace(Inv);
    std::optional<Value> Found =
        mergeLookup(S, Locations.size(), [&](size_t I) -> std::optional<Value> {
          const ResolvedLocation &L = Locations[I];
          explain(Inv, "Path \"" + L.Path + "\"");
          Nested InPath(Inv);
          explain(Inv, "Original path: \"" + L.Declared + "\"");
          if (!L.Exists) {
            explain(Inv, "Path not found");
            return std::nullopt;
          }
          const DataFile &F = dataFile(L.Path, E.Function);
          if (!F.Error.empty())
            fail(F.Error);
          const Value *V = F.Data.asHash().find(llvm::StringRef(Root));
          if (!V) {
            explain(Inv, "No such key: \"" + Root + "\"");
            return std::nullopt;
          }
          Value Result = interpolate(*V, Inv, true);
          explainValueLine(Inv, "Found key: \"" + Root + "\" value: ", Result);
          return Result;
        });
    if (Merges && Found)
      explainValueLine(Inv, "Merged result: ", *Found);
    return Found;
  }

  /// How many of Entries have locations (Puppet's data providers of a
  /// configuration); only counted when explaining.
  size_t withLocations(const HieraConfig &Config,
                       const std::vector<HierarchyEntry> &Entries,
                       Invocation &Inv) {
    if (!Inv.Explain)
      return 0;
    size_t N = 0;
    for (const HierarchyEntry &E : Entries) {
      if (E.Kind == HierarchyEntry::Locations::None ||
          E.Kind == HierarchyEntry::Locations::Uris) {
        ++N; // an error when looked up
        continue;
      }
      auto Cached = Inv.Resolved.find(&E);
      if (Cached == Inv.Resolved.end())
        Cached =
            Inv.Resolved.emplace(&E, resolveLocations(Config, E, Inv)).first;
      N += !Cached->second.empty();
    }
    return N;
  }

  /// ConfiguredDataProvider#key_lookup (or the module's default hierarchy).
  std::optional<Value> providerLookup(const Provider &P, const LookupKey &Key,
                                      const MergeStrategy &S, Invocation &Inv,
                                      bool UseDefaultHierarchy = false) {
    const std::vector<HierarchyEntry> &Entries =
        UseDefaultHierarchy ? P.Config->DefaultHierarchy : P.Config->Hierarchy;
    return check(Inv, Key.Text, [&]() -> std::optional<Value> {
      if (!P.Config->Path.empty())
        explain(Inv, "Using configuration \"" + P.Config->Path + "\"");
      // The entries that have a location (only counted when explaining).
      const size_t Located = withLocations(*P.Config, Entries, Inv);
      // Puppet's MergeStrategy#lookup: one variant is no merge.
      const bool Merges = S.K != MergeStrategy::First && Located > 1;
      if (Merges)
        explainStrategy(Inv, S);
      std::optional<Value> Found;
      {
        std::optional<Nested> InMerge;
        if (Merges)
          InMerge.emplace(Inv);
        Found = mergeLookup(S, Entries.size(), [&](size_t I) {
          return entryLookup(*P.Config, Entries[I], Key.Root, S, Inv);
        });
        if (Found && Merges)
          explainValueLine(Inv, "Merged result: ", *Found);
      }
      // No hierarchy entry with a location: Puppet says so at once.
      if (Inv.Explain && !Found && Located == 0)
        explain(Inv, "No such key: \"" + Key.Root + "\"");
      return Found;
    });
  }

  //===--------------------------------------------------------------------===//
  // lookup_options
  //===--------------------------------------------------------------------===//

  static LookupKey lookupOptionsKey() {
    LookupKey K;
    K.Text = K.Root = LookupOptionsKey;
    return K;
  }

  static std::optional<Value>
  validateLookupOptions(std::optional<Value> Options,
                        const std::optional<std::string> &ModuleName) {
    if (!Options)
      return std::nullopt;
    if (!Options->isHash())
      fail("value of lookup_options must be a hash");
    if (!ModuleName)
      return Options;
    const std::string Prefix = *ModuleName + "::";
    for (const auto &[K, V] : Options->asHash()) {
      const std::string Key = K.isString() ? K.asString() : K.toString();
      if (llvm::StringRef(Key).startswith("^")) {
        if (Key.compare(1, Prefix.size(), Prefix) != 0)
          fail("all lookup_options patterns must match a key starting with "
               "module name '" +
               *ModuleName + "'");
      } else if (!llvm::StringRef(Key).startswith(Prefix)) {
        fail("all lookup_options keys must start with module name '" +
             *ModuleName + "'");
      }
    }
    return Options;
  }

  /// The lookup_options hash (merged over the layers) that applies to keys
  /// of ModuleName.
  std::optional<Value>
  mergedLookupOptions(const std::optional<std::string> &ModuleName,
                      Invocation &Inv) {
    const std::string CacheKey = ModuleName ? "m:" + *ModuleName : "";
    auto Cached = LookupOptionsCache.find(CacheKey);
    if (Cached != LookupOptionsCache.end())
      return Cached->second;
    explain(Inv, "Searching for \"lookup_options\"");
    Nested InSearch(Inv);
    std::optional<Value> Options = computeLookupOptions(ModuleName, Inv);
    LookupOptionsCache.emplace(CacheKey, Options);
    return Options;
  }

  /// The explanation's line for a layer's provider, if it has one.
  void explainProvider(Invocation &Inv, const char *Layer) {
    explain(Inv, std::string(Layer) +
                     " Data Provider (hiera configuration version 5)");
  }
  /// The module layer for ModuleName, explaining a missing one.
  const std::optional<Provider> &
  explainedModuleProvider(const std::string &ModuleName, Invocation &Inv) {
    const std::optional<Provider> &M = moduleProvider(ModuleName);
    if (M)
      explain(Inv, "Module \"" + ModuleName +
                       "\" Data Provider (hiera configuration version 5)");
    else if (ModuleDir && ModuleDir(ModuleName))
      explain(Inv, "Module data provider for module \"" + ModuleName +
                       "\" not found");
    else
      explain(Inv, "Module \"" + ModuleName + "\" not found");
    return M;
  }

  std::optional<Value>
  computeLookupOptions(const std::optional<std::string> &ModuleName,
                       Invocation &Inv) {
    const MergeStrategy Hash = hashStrategy();
    const LookupKey Key = lookupOptionsKey();
    std::optional<Value> Global, Env;
    {
      explainProvider(Inv, "Global");
      Nested In(Inv);
      if (const std::optional<Provider> &G = globalProvider())
        Global = validateLookupOptions(providerLookup(*G, Key, Hash, Inv),
                                       std::nullopt);
      else // Puppet's default global layer: no data
        explain(Inv, "No such key: \"" + Key.Root + "\"");
    }
    if (const std::optional<Provider> &E = environmentProvider()) {
      explainProvider(Inv, "Environment");
      Nested In(Inv);
      Env = validateLookupOptions(providerLookup(*E, Key, Hash, Inv),
                                  std::nullopt);
    }
    std::optional<Value> Options;
    if (!Global)
      Options = Env;
    else if (!Env)
      Options = Global;
    else
      Options = mergeTwo(Hash, *Global, *Env);
    if (!ModuleName)
      return Options;
    const std::optional<Provider> &M =
        explainedModuleProvider(*ModuleName, Inv);
    if (!M)
      return Options;
    std::optional<Value> ModuleOptions;
    {
      Nested In(Inv);
      ModuleOptions =
          validateLookupOptions(providerLookup(*M, Key, Hash, Inv), ModuleName);
    }
    if (!Options)
      return ModuleOptions;
    if (!ModuleOptions)
      return Options;
    return mergeTwo(Hash, *Options, *ModuleOptions);
  }

  std::optional<Value> optionsForKey(const std::optional<Value> &Options,
                                     const LookupKey &Key) {
    if (!Options)
      return std::nullopt;
    const HashData &H = Options->asHash();
    if (const Value *V = H.find(llvm::StringRef(Key.Root)))
      if (!V->isUndef())
        return *V;
    for (const auto &[K, V] : H) {
      if (!K.isString() || !llvm::StringRef(K.asString()).startswith("^"))
        continue;
      auto &Slot = Patterns[K.asString()];
      if (!Slot) {
        std::string Error;
        std::optional<Regexp> R = Regexp::compile(K.asString(), &Error);
        if (!R)
          fail("lookup_options: invalid pattern '" + K.asString() +
               "': " + Error);
        Slot = std::make_shared<const Regexp>(std::move(*R));
      }
      if (Slot->regex() && Slot->regex()->matches(Key.Root))
        return V;
    }
    return std::nullopt;
  }

  MergeStrategy mergeFromOptions(const std::optional<Value> &KeyOptions,
                                 const MergeStrategy &Fallback) {
    if (!KeyOptions || !KeyOptions->isHash())
      return Fallback;
    const Value *M = KeyOptions->asHash().find(llvm::StringRef("merge"));
    if (!M || M->isUndef())
      return Fallback;
    std::optional<MergeStrategy> S = Hiera::parseMerge(*M);
    if (!S) {
      if (M->isHash() && !M->asHash().find(llvm::StringRef("strategy")))
        fail("The hash given as 'merge' must contain the name of a strategy "
             "in string form for the key 'strategy'");
      fail("Unknown merge strategy: '" +
           (M->isHash()
                ? M->asHash().find(llvm::StringRef("strategy"))->toString()
                : M->toString()) +
           "'");
    }
    S->Explicit = false;
    return *S;
  }

  //===--------------------------------------------------------------------===//
  // Lookup
  //===--------------------------------------------------------------------===//

  /// LookupAdapter#lookup. Explicit is the caller's strategy (nullopt: use
  /// lookup_options, else Fallback).
  std::optional<Value> lookupKey(const std::string &KeyText,
                                 const std::optional<MergeStrategy> &Explicit,
                                 const MergeStrategy &Fallback,
                                 Invocation &Inv) {
    if (KeyText == LookupOptionsKey || llvm::StringRef(KeyText).startswith(
                                           std::string(LookupOptionsKey) + "."))
      return std::nullopt;
    const LookupKey Key = parseKey(KeyText);
    const std::optional<Value> KeyOptions =
        optionsForKey(mergedLookupOptions(Key.ModuleName, Inv), Key);
    const MergeStrategy S =
        Explicit ? *Explicit : mergeFromOptions(KeyOptions, Fallback);
    if (!Explicit && KeyOptions && KeyOptions->isHash() &&
        KeyOptions->asHash().find(llvm::StringRef("merge")))
      explain(Inv, "Using merge options from \"lookup_options\" hash");
    explain(Inv, "Searching for \"" + KeyText + "\"");
    std::optional<Value> Result;
    {
      Nested InSearch(Inv);
      // The layers: global, the environment's if any, the module's.
      const bool Merges =
          S.K != MergeStrategy::First &&
          (Inv.Explain && (environmentProvider() || Key.ModuleName));
      if (Merges)
        explainStrategy(Inv, S);
      std::optional<Nested> InMerge;
      if (Merges)
        InMerge.emplace(Inv);
      Result = lookupInLayers(Key, S, Inv);
      if (Result && Merges)
        explainValueLine(Inv, "Merged result: ", *Result);
    }
    if (!Result)
      Result = lookupDefaultInModule(Key, Inv);
    if (!Result)
      return std::nullopt;
    return convertResult(Key, KeyOptions, std::move(*Result));
  }

  /// LookupAdapter#convert_result: the convert_to lookup option. Only
  /// Sensitive is supported (the common use); other types need new().
  static Value convertResult(const LookupKey &Key,
                             const std::optional<Value> &KeyOptions,
                             Value Result) {
    if (!KeyOptions || !KeyOptions->isHash())
      return Result;
    const Value *ConvertTo =
        KeyOptions->asHash().find(llvm::StringRef("convert_to"));
    if (!ConvertTo || ConvertTo->isUndef())
      return Result;
    const Value &TypeName =
        ConvertTo->isArray() && !ConvertTo->asArray().empty()
            ? ConvertTo->asArray()[0]
            : *ConvertTo;
    if (TypeName.isString() && TypeName.asString() == "Sensitive")
      return Value::makeSensitive(std::move(Result));
    fail("The convert_to lookup_option for key '" + Key.Text +
         "' raised error: cppet supports only convert_to Sensitive, got " +
         TypeName.toString());
  }

  /// The global, environment and module layers, merged, then dug into.
  std::optional<Value> lookupInLayers(const LookupKey &Key,
                                      const MergeStrategy &S, Invocation &Inv) {

    std::optional<Value> Found =
        mergeLookup(S, 3, [&](size_t Layer) -> std::optional<Value> {
          if (Layer == 0) {
            const std::optional<Provider> &G = globalProvider();
            explainProvider(Inv, "Global");
            Nested In(Inv);
            if (!G) { // Puppet's default global layer: no data
              explain(Inv, "No such key: \"" + Key.Root + "\"");
              return std::nullopt;
            }
            return providerLookup(*G, Key, S, Inv);
          }
          if (Layer == 1) {
            const std::optional<Provider> &E = environmentProvider();
            if (!E)
              return std::nullopt;
            explainProvider(Inv, "Environment");
            Nested In(Inv);
            return providerLookup(*E, Key, S, Inv);
          }
          if (!Key.ModuleName)
            return std::nullopt;
          const std::optional<Provider> &M =
              explainedModuleProvider(*Key.ModuleName, Inv);
          if (!M)
            return std::nullopt;
          Nested In(Inv);
          return providerLookup(*M, Key, S, Inv);
        });
    if (!Found)
      return std::nullopt;
    return subLookup(Key.Text, Key.Segments, *Found);
  }

  /// LookupAdapter#lookup_default_in_module: a module's default_hierarchy,
  /// consulted when nothing else was found.
  std::optional<Value> lookupDefaultInModule(const LookupKey &Key,
                                             Invocation &Inv) {
    if (!Key.ModuleName)
      return std::nullopt;
    const std::optional<Provider> &M = moduleProvider(*Key.ModuleName);
    if (!M || !M->Config->HasDefaultHierarchy)
      return std::nullopt;
    const std::optional<Value> Options = validateLookupOptions(
        providerLookup(*M, lookupOptionsKey(), hashStrategy(), Inv,
                       /*UseDefaultHierarchy=*/true),
        Key.ModuleName);
    const MergeStrategy S =
        mergeFromOptions(optionsForKey(Options, Key), MergeStrategy());
    std::optional<Value> Found =
        providerLookup(*M, Key, S, Inv, /*UseDefaultHierarchy=*/true);
    if (!Found)
      return std::nullopt;
    return subLookup(Key.Text, Key.Segments, *Found);
  }
};

//===----------------------------------------------------------------------===//
// Hiera
//===----------------------------------------------------------------------===//

Hiera::Hiera(
    std::string GlobalConfig, std::string EnvironmentDir,
    std::function<std::optional<std::string>(llvm::StringRef)> ModuleDir)
    : P(std::make_unique<Impl>()) {
  P->GlobalConfigPath = std::move(GlobalConfig);
  P->EnvironmentDir = std::move(EnvironmentDir);
  P->ModuleDir = std::move(ModuleDir);
}

Hiera::~Hiera() = default;

void Hiera::beginCompile() {
  std::lock_guard<std::mutex> Lock(P->Mutex);
  P->LookupOptionsCache.clear();
  // hocon_data.rb reads its file at each lookup (no cached_file_data):
  // read them again in each compile.
  for (auto It = P->Files.begin(); It != P->Files.end();)
    It = llvm::StringRef(It->first).startswith("hocon_data:")
             ? P->Files.erase(It)
             : std::next(It);
}

std::optional<Value> Hiera::lookup(llvm::StringRef Key,
                                   const MergeStrategy &Strategy,
                                   const HieraScope &Scope,
                                   std::optional<HieraError> &Err,
                                   std::string *Explain) {
  Err.reset();
  std::lock_guard<std::mutex> Lock(P->Mutex);
  Impl::Invocation Inv;
  Inv.Scope = &Scope;
  Inv.Explain = Explain;
  try {
    std::optional<MergeStrategy> Explicit;
    if (Strategy.Explicit)
      Explicit = Strategy;
    return P->lookupKey(Key.str(), Explicit, Strategy, Inv);
  } catch (const LookupFailure &F) {
    Err = HieraError{F.Message};
  } catch (const std::exception &E) {
    Err = HieraError{std::string("Lookup of key '") + Key.str() +
                     "' failed: " + E.what()};
  }
  return std::nullopt;
}

std::optional<MergeStrategy> Hiera::parseMerge(const Value &V) {
  MergeStrategy S;
  if (V.isUndef())
    return S;
  const auto Kind =
      [](llvm::StringRef Name) -> std::optional<MergeStrategy::Kind> {
    if (Name == "first" || Name == "default")
      return MergeStrategy::First;
    if (Name == "unique")
      return MergeStrategy::Unique;
    if (Name == "hash")
      return MergeStrategy::Hash;
    if (Name == "deep")
      return MergeStrategy::Deep;
    return std::nullopt;
  };
  S.Explicit = true;
  if (V.isString()) {
    std::optional<MergeStrategy::Kind> K = Kind(V.asString());
    if (!K)
      return std::nullopt;
    S.K = *K;
    return S;
  }
  if (!V.isHash())
    return std::nullopt;
  const HashData &H = V.asHash();
  const Value *Name = H.find(llvm::StringRef("strategy"));
  if (!Name || !Name->isString())
    return std::nullopt;
  std::optional<MergeStrategy::Kind> K = Kind(Name->asString());
  if (!K)
    return std::nullopt;
  S.K = *K;
  for (const auto &[Key, Opt] : H) {
    if (!Key.isString())
      return std::nullopt;
    const std::string &N = Key.asString();
    if (N == "strategy")
      continue;
    if (S.K != MergeStrategy::Deep)
      return std::nullopt;
    if (Opt.isUndef())
      continue;
    S.GivenOptions.emplace_back(N, Opt);
    if (N == "merge_hash_arrays" || N == "sort_merged_arrays" ||
        N == "merge_debug") {
      if (!Opt.isBoolean())
        return std::nullopt;
      if (N == "merge_hash_arrays")
        S.MergeHashArrays = Opt.asBoolean();
      else if (N == "sort_merged_arrays")
        S.SortMergedArrays = Opt.asBoolean();
    } else if (N == "knockout_prefix") {
      if (!Opt.isString() || Opt.asString().empty())
        return std::nullopt;
      S.KnockoutPrefix = Opt.asString();
    } else {
      return std::nullopt;
    }
  }
  return S;
}
