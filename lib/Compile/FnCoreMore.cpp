//===- FnCoreMore.cpp - More functions built into Puppet 7 ----------------===//
//
// Puppet 7's built-in functions not in the other Fn*.cpp files (call,
// camelcase, find_file, find_template, module_directory, tree_each, scanf,
// digest, generate), and stdlib functions that share their needs (files of
// modules, OpenSSL, the resources of the catalog) or were still missing.
// Not anywhere: annotate (cppet has no Object values).
//
//===----------------------------------------------------------------------===//
#include "FnStdlibSupport.h"

#include "cppet/Support/Process.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include <arpa/inet.h>
#include <unistd.h>

#include <array>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <memory>

using namespace cppet;
using namespace cppet::fn;
using namespace cppet::stdlibfn;

namespace {

std::string hexOf(llvm::StringRef Bytes) {
  return llvm::toHex(Bytes, /*LowerCase=*/true);
}

/// The class name Ruby puts in "no implicit conversion of X into String".
std::string rubyConversionName(const Value &V) {
  if (V.isUndef())
    return "nil";
  if (V.isBoolean())
    return V.asBoolean() ? "true" : "false";
  return rubyClass(V);
}

// --- stdlib: type3x, uriescape, try_get_value, time ----------------------

/// Ruby's `s == s.to_i.to_s`: a canonical decimal integer.
bool isCanonicalInteger(llvm::StringRef S) {
  if (S == "0")
    return true;
  if (S.consume_front("-") && S.empty())
    return false;
  return !S.empty() && S.front() >= '1' && S.front() <= '9' &&
         llvm::all_of(S, llvm::isDigit);
}

/// Ruby's `s == s.to_f.to_s`: the string is how Ruby prints a Float.
bool isCanonicalFloat(llvm::StringRef S) {
  llvm::StringRef Rest = S;
  Rest.consume_front("-");
  const size_t Dot = Rest.find('.');
  if (Dot == llvm::StringRef::npos || Dot == 0 || Dot + 1 == Rest.size())
    return false;
  for (char C : Rest)
    if (!llvm::isDigit(C) && !llvm::StringRef(".e+-").contains(C))
      return false;
  const std::string Copy = S.str();
  char *End = nullptr;
  const double D = std::strtod(Copy.c_str(), &End);
  if (End != Copy.c_str() + Copy.size() || !std::isfinite(D))
    return false;
  return Value(D).toRubyInspect() == S;
}

Value type3xFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() != 1)
    fail(Ctx, "type3x(): Wrong number of arguments given (" + count(Args) +
                  " for 1)");
  const Value &V = Args[0];
  if (V.isBoolean())
    return Value("boolean");
  if (V.isInteger())
    return Value("integer");
  if (V.isFloat())
    return Value("float");
  if (V.isArray())
    return Value("array");
  if (V.isHash())
    return Value("hash");
  // The 3.x calling convention hands regexps and timestamps over as
  // Strings ("/re/"), neither an integer nor a float.
  if (V.isRegexp() || V.isTimestamp())
    return Value("string");
  if (!V.isString())
    fail(Ctx, "type3x(): Unknown type");
  if (isCanonicalInteger(V.asString()))
    return Value("integer");
  if (isCanonicalFloat(V.asString()))
    return Value("float");
  return Value("string");
}

/// URI::DEFAULT_PARSER.escape (RFC 2396): every byte outside the unreserved
/// and reserved characters becomes %XX.
std::string uriEscape(llvm::StringRef S) {
  static const llvm::StringRef Kept = "-_.!~*'();/?:@&=+$,[]";
  std::string R;
  for (unsigned char C : S) {
    if (llvm::isAlnum(C) || Kept.contains(static_cast<char>(C))) {
      R += static_cast<char>(C);
      continue;
    }
    R += '%';
    R += llvm::hexdigit(C >> 4, /*LowerCase=*/false);
    R += llvm::hexdigit(C & 15, /*LowerCase=*/false);
  }
  return R;
}

Value uriescapeFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.empty())
    fail(Ctx, "uriescape(): Wrong number of arguments given (0 for 1)");
  const Value &V = Args[0];
  if (V.isString())
    return Value(uriEscape(V.asString()));
  if (!V.isArray())
    fail(Ctx, "uriescape(): Requires either array or string to work with");
  Array Result;
  for (const Value &E : V.asArray())
    Result.push_back(E.isString() ? Value(uriEscape(E.asString())) : E);
  return Value(std::move(Result));
}

/// Ruby's Kernel#Integer on a String: optional sign, a 0x/0b/0o/0 radix
/// prefix, digits with single underscores between them, surrounding
/// whitespace. nullopt where Ruby raises.
std::optional<int64_t> rubyInteger(llvm::StringRef S) {
  S = S.trim();
  bool Negative = false;
  if (S.consume_front("-"))
    Negative = true;
  else
    S.consume_front("+");
  unsigned Radix = 10;
  const std::string Lower = S.lower();
  if (llvm::StringRef(Lower).startswith("0x")) {
    Radix = 16;
    S = S.drop_front(2);
  } else if (llvm::StringRef(Lower).startswith("0b")) {
    Radix = 2;
    S = S.drop_front(2);
  } else if (llvm::StringRef(Lower).startswith("0o")) {
    Radix = 8;
    S = S.drop_front(2);
  } else if (S.size() > 1 && S.front() == '0') {
    Radix = 8;
    S = S.drop_front(1);
    S.consume_front("_");
  }
  if (S.empty() || S.front() == '_' || S.back() == '_' || S.contains("__"))
    return std::nullopt;
  std::string Digits;
  for (char C : S)
    if (C != '_')
      Digits += C;
  int64_t N = 0;
  if (llvm::StringRef(Digits).getAsInteger(Radix, N))
    return std::nullopt;
  return Negative ? -N : N;
}

/// stdlib's dig44: walks Path into Data; Default when a step is missing.
Value dig44(const Value &Data, const Array &Path, const Value &Default) {
  Value Structure = Data;
  for (const Value &Step : Path) {
    if (Structure.isHash()) {
      const Value *Next = Structure.asHash().find(Step);
      if (!Next || Next->isUndef())
        return Default;
      Structure = *Next;
      continue;
    }
    if (!Structure.isArray())
      return Default;
    std::optional<int64_t> Index;
    if (Step.isInteger())
      Index = Step.asInteger();
    else if (Step.isFloat())
      Index = static_cast<int64_t>(Step.asFloat());
    else if (Step.isString())
      Index = rubyInteger(Step.asString());
    if (!Index)
      return Default;
    const Array &A = Structure.asArray();
    const int64_t Size = static_cast<int64_t>(A.size());
    const int64_t I = *Index < 0 ? *Index + Size : *Index;
    if (I < 0 || I >= Size || A[I].isUndef())
      return Default;
    Structure = A[I];
  }
  return Structure.isUndef() ? Default : Structure;
}

/// Ruby's String#split(Sep) with a String separator: trailing empty fields
/// are dropped; an empty separator splits into characters.
std::vector<std::string> rubySplit(llvm::StringRef S, llvm::StringRef Sep) {
  std::vector<std::string> Parts;
  if (Sep.empty()) {
    Parts = utf8Chars(S);
  } else {
    llvm::SmallVector<llvm::StringRef, 8> Pieces;
    S.split(Pieces, Sep);
    for (llvm::StringRef P : Pieces)
      Parts.push_back(P.str());
  }
  while (!Parts.empty() && Parts.back().empty())
    Parts.pop_back();
  return Parts;
}

Value tryGetValueFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.empty())
    fail(Ctx, "try_get_value(): Wrong number of arguments given (0 for at "
              "least 1)");
  Ctx.log("warning", "try_get_value() DEPRECATED: this function is "
                     "deprecated, please use dig() instead.");
  const Value &Data = Args[0];
  Value Path = Args.size() > 1 ? Args[1] : Value("");
  if (Path.isRegexp())
    Path = Value(Path.toString());
  const Value Default = Args.size() > 2 ? Args[2] : Value();
  const bool PathEmpty = Path.isString() && Path.asString().empty();
  if (!(Data.isHash() || Data.isArray()) || PathEmpty)
    return Default.isTruthy() ? Default : Data;
  if (!Path.isString())
    fail(Ctx, "undefined method `split' for " + Path.toRubyInspect() + ":" +
                  rubyClass(Path));
  // A 3.x function sees a Regexp as its "/source/" String.
  Value Separator = Args.size() > 3 ? Args[3] : Value("/");
  if (Separator.isRegexp())
    Separator = Value(Separator.toString());
  if (!Separator.isString())
    fail(Ctx,
         "wrong argument type " + rubyClass(Separator) + " (expected Regexp)");
  Array Keys;
  for (const std::string &Key :
       rubySplit(Path.asString(), Separator.asString())) {
    const bool Digits =
        !Key.empty() && llvm::all_of(Key, llvm::isDigit) && Key.size() < 19;
    Keys.push_back(Digits ? Value(static_cast<int64_t>(std::stoll(Key)))
                          : Value(Key));
  }
  return dig44(Data, Keys, Default);
}

Value timeFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() > 1)
    fail(Ctx, "time(): Wrong number of arguments given " + count(Args) +
                  " for 0 or 1");
  // strftime('%s') counts seconds since the epoch whatever the time zone.
  return Value(static_cast<int64_t>(std::time(nullptr)));
}

// --- stdlib: validate_domain_name, validate_email_address ---------------

/// validate_domain_name / validate_email_address: every argument must be a
/// String that the stdlib predicate Predicate accepts.
BuiltinFunction validateWith(std::string Predicate, std::string Failure) {
  return [Predicate = std::move(Predicate), Failure = std::move(Failure)](
             FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
    if (Args.empty())
      fail(Ctx,
           Ctx.name().str() + "(): wrong number of arguments (0; must be > 0)");
    for (const Value &Arg : Args) {
      if (!Arg.isString())
        fail(Ctx, Arg.toRubyInspect() + " is not a string.");
      if (!Ctx.callFunction(Predicate, {Arg}).isTruthy())
        fail(Ctx, Arg.toRubyInspect() + " " + Failure);
    }
    return Value();
  };
}

// --- stdlib: password hashes ---------------------------------------------

Value str2saltedpbkdf2Fn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() != 3)
    fail(Ctx, "str2saltedpbkdf2(): wrong number of arguments (" + count(Args) +
                  " for 3)");
  std::vector<Value> A;
  for (const Value &V : Args)
    A.push_back(V.isSensitive() ? Ctx.callFunction("unwrap", {V}) : V);
  if (!A[0].isString())
    fail(Ctx, "str2saltedpbkdf2(): first argument must be a string");
  if (!A[1].isString())
    fail(Ctx, "str2saltedpbkdf2(): second argument must be a string");
  if (A[1].asString().size() < 8)
    fail(Ctx,
         "str2saltedpbkdf2(): second argument must be at least 8 bytes long");
  if (!A[2].isInteger())
    fail(Ctx, "str2saltedpbkdf2(): third argument must be an integer");
  const int64_t Iterations = A[2].asInteger();
  if (Iterations <= 40000 || Iterations >= 70000)
    fail(Ctx, "str2saltedpbkdf2(): third argument must be between 40,000 "
              "and 70,000");
  const std::string &Password = A[0].asString();
  const std::string &Salt = A[1].asString();
  std::array<unsigned char, 128> Key{};
  if (PKCS5_PBKDF2_HMAC(Password.data(), static_cast<int>(Password.size()),
                        reinterpret_cast<const unsigned char *>(Salt.data()),
                        static_cast<int>(Salt.size()),
                        static_cast<int>(Iterations), EVP_sha512(),
                        static_cast<int>(Key.size()), Key.data()) != 1)
    fail(Ctx, "str2saltedpbkdf2(): PBKDF2 failed");
  HashData Result;
  Result.set(Value("password_hex"),
             Value(llvm::toHex(llvm::ArrayRef<uint8_t>(Key.data(), Key.size()),
                               /*LowerCase=*/true)));
  Result.set(Value("salt_hex"), Value(hexOf(Salt)));
  Result.set(Value("iterations"), Value(Iterations));
  return Value(std::move(Result));
}

Value str2saltedsha512Fn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() != 1)
    fail(Ctx, "str2saltedsha512(): Wrong number of arguments passed (" +
                  count(Args) + " but we require 1)");
  if (!Args[0].isString())
    fail(Ctx, "str2saltedsha512(): Requires a String argument, you passed: " +
                  rubyClass(Args[0]));
  // A random seed below 2**31 - 1, packed as a little-endian 32-bit word.
  uint32_t Seed = 0;
  if (RAND_bytes(reinterpret_cast<unsigned char *>(&Seed), sizeof(Seed)) != 1)
    fail(Ctx, "str2saltedsha512(): no random bytes available");
  Seed %= 0x7fffffffU;
  std::string Salted;
  for (int I = 0; I < 4; ++I)
    Salted += static_cast<char>((Seed >> (8 * I)) & 0xff);
  const std::string Input = Salted + Args[0].asString();
  std::array<unsigned char, EVP_MAX_MD_SIZE> Digest{};
  unsigned Len = 0;
  EVP_Digest(Input.data(), Input.size(), Digest.data(), &Len, EVP_sha512(),
             nullptr);
  Salted.append(reinterpret_cast<const char *>(Digest.data()), Len);
  return Value(hexOf(Salted));
}

// --- stdlib: to_python, to_ruby ------------------------------------------

/// Puppet's ToDataConverter with rich_data: values that are not plain data
/// become {"__ptype" => ..., "__pvalue" => ...} hashes.
Value toRichData(FunctionContext &Ctx, const Value &V) {
  auto Rich = [](llvm::StringRef Type, std::optional<Value> Payload) {
    HashData H;
    H.set(Value("__ptype"), Value(Type));
    if (Payload)
      H.set(Value("__pvalue"), std::move(*Payload));
    return Value(std::move(H));
  };
  switch (V.kind()) {
  case Value::Kind::Undef:
  case Value::Kind::Boolean:
  case Value::Kind::Integer:
  case Value::Kind::Float:
  case Value::Kind::String:
    return V;
  case Value::Kind::Array: {
    Array A;
    for (const Value &E : V.asArray())
      A.push_back(toRichData(Ctx, E));
    return Value(std::move(A));
  }
  case Value::Kind::Hash: {
    const bool PlainKeys = llvm::all_of(V.asHash(), [](const auto &E) {
      return E.first.isString() && E.first.asString() != "__ptype" &&
             E.first.asString() != "__pvalue";
    });
    if (PlainKeys) {
      HashData H;
      for (const auto &[K, X] : V.asHash())
        H.set(K, toRichData(Ctx, X));
      return Value(std::move(H));
    }
    Array Pairs;
    for (const auto &[K, X] : V.asHash()) {
      Pairs.push_back(toRichData(Ctx, K));
      Pairs.push_back(toRichData(Ctx, X));
    }
    return Rich("Hash", Value(std::move(Pairs)));
  }
  case Value::Kind::Default:
    return Rich("Default", std::nullopt);
  case Value::Kind::Regexp:
    return Rich("Regexp", Value(V.asRegexp().source()));
  case Value::Kind::Type:
    // Puppet writes a type as its Pcore object (Pcore::IntegerType with
    // its attributes), a form cppet does not reproduce.
    fail(Ctx, Ctx.name().str() + "(): cppet cannot serialize the type " +
                  V.asType().toString());
  case Value::Kind::Sensitive:
    return Rich("Sensitive", toRichData(Ctx, Ctx.callFunction("unwrap", {V})));
  case Value::Kind::Timestamp:
    return Rich("Timestamp", Value(V.toString()));
  case Value::Kind::Timespan:
    return Rich("Timespan", Value(V.toString()));
  case Value::Kind::SemVer:
    return Rich("SemVer", Value(V.toString()));
  case Value::Kind::SemVerRange:
    return Rich("SemVerRange", Value(V.toString()));
  case Value::Kind::Binary:
    return Rich("Binary", Value(V.toString()));
  case Value::Kind::Deferred: {
    // An Object: its attributes inline.
    HashData H;
    H.set(Value("__ptype"), Value("Deferred"));
    H.set(Value("name"), Value(V.deferredName()));
    if (!V.deferredArguments().isUndef())
      H.set(Value("arguments"), toRichData(Ctx, V.deferredArguments()));
    return Value(std::move(H));
  }
  }
  return V;
}

std::string serializeRuby(const Value &V, bool Python) {
  if (Python) {
    if (V.isBoolean())
      return V.asBoolean() ? "True" : "False";
    if (V.isUndef())
      return "None";
  }
  if (V.isArray()) {
    std::string R = "[";
    bool First = true;
    for (const Value &E : V.asArray()) {
      R += (First ? "" : ", ") + serializeRuby(E, Python);
      First = false;
    }
    return R + "]";
  }
  if (V.isHash()) {
    std::string R = "{";
    bool First = true;
    for (const auto &[K, X] : V.asHash()) {
      R += (First ? "" : ", ") + serializeRuby(K, Python) +
           (Python ? ": " : " => ") + serializeRuby(X, Python);
      First = false;
    }
    return R + "}";
  }
  return V.toRubyInspect();
}

BuiltinFunction serializer(bool Python) {
  return [Python](FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
    checkArgCount(Ctx, Args, 1, 1);
    return Value(serializeRuby(toRichData(Ctx, Args[0]), Python));
  };
}

// --- stdlib::xml_encode, stdlib::ip_in_range ------------------------------

Value xmlEncodeFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 2);
  if (!Args[0].isString())
    argTypeError(Ctx, "str", {"String"}, Args[0]);
  bool Attr = false;
  if (Args.size() == 2) {
    const Value &T = Args[1];
    if (!T.isString() || (T.asString() != "text" && T.asString() != "attr"))
      fail(Ctx, "'" + Ctx.name().str() +
                    "' parameter 'type' expects a match for Enum['attr', "
                    "'text'], got " +
                    (T.isString() ? T.toQuotedString() : describeValueType(T)));
    Attr = T.asString() == "attr";
  }
  std::string R = Attr ? "\"" : "";
  for (char C : Args[0].asString()) {
    switch (C) {
    case '&':
      R += "&amp;";
      break;
    case '<':
      R += "&lt;";
      break;
    case '>':
      R += "&gt;";
      break;
    case '"':
      R += Attr ? "&quot;" : "\"";
      break;
    case '\'':
      R += Attr ? "&apos;" : "'";
      break;
    default:
      R += C;
    }
  }
  if (Attr)
    R += '"';
  return Value(std::move(R));
}

/// An IPAddr: family, address bytes and prefix, as IPAddr.new parses it
/// (the address is masked to its prefix).
struct IpRange {
  int Family = 0;
  std::array<unsigned char, 16> Begin{};
  std::array<unsigned char, 16> End{};
};

std::optional<IpRange> parseIpRange(llvm::StringRef S) {
  auto [Addr, Prefix] = S.split('/');
  if (Addr.size() >= 2 && Addr.front() == '[' && Addr.back() == ']')
    Addr = Addr.drop_front().drop_back();
  IpRange R;
  const std::string A = Addr.str();
  size_t Bytes = 4;
  if (inet_pton(AF_INET, A.c_str(), R.Begin.data()) == 1) {
    R.Family = 4;
  } else if (inet_pton(AF_INET6, A.c_str(), R.Begin.data()) == 1) {
    R.Family = 6;
    Bytes = 16;
  } else {
    return std::nullopt;
  }
  unsigned Bits = static_cast<unsigned>(Bytes * 8);
  if (S.contains('/')) {
    if (Prefix.empty() || !llvm::all_of(Prefix, llvm::isDigit) ||
        Prefix.getAsInteger(10, Bits) || Bits > Bytes * 8) {
      // IPAddr also takes a netmask written as an address.
      IpRange Mask;
      const std::string M = Prefix.str();
      if (inet_pton(R.Family == 4 ? AF_INET : AF_INET6, M.c_str(),
                    Mask.Begin.data()) != 1)
        return std::nullopt;
      Bits = 0;
      for (size_t I = 0; I < Bytes; ++I)
        for (int B = 7; B >= 0; --B) {
          const bool Set = (Mask.Begin[I] >> B) & 1;
          if (Set && Bits != I * 8 + (7 - B))
            return std::nullopt;
          if (Set)
            ++Bits;
        }
    }
  }
  for (size_t I = 0; I < Bytes; ++I) {
    const unsigned First = static_cast<unsigned>(I * 8);
    unsigned char Mask = 0;
    if (Bits >= First + 8)
      Mask = 0xff;
    else if (Bits > First)
      Mask = static_cast<unsigned char>(0xff << (8 - (Bits - First)));
    R.Begin[I] &= Mask;
    R.End[I] = R.Begin[I] | static_cast<unsigned char>(~Mask);
  }
  return R;
}

Value ipInRangeFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 2, 2);
  if (!Args[0].isString())
    argTypeError(Ctx, "ipaddress", {"String"}, Args[0]);
  if (!Args[1].isString() && !Args[1].isArray())
    argTypeError(Ctx, "range", {"String", "Array"}, Args[1]);
  auto Parse = [&](const Value &V) {
    if (!V.isString())
      fail(Ctx, "no implicit conversion of " + rubyConversionName(V) +
                    " into String");
    std::optional<IpRange> R = parseIpRange(V.asString());
    if (!R) // IPAddr's message names no address.
      fail(Ctx, "invalid address: ");
    return *R;
  };
  const IpRange Ip = Parse(Args[0]);
  std::vector<IpRange> Ranges;
  if (Args[1].isString())
    Ranges.push_back(Parse(Args[1]));
  else
    for (const Value &R : Args[1].asArray())
      Ranges.push_back(Parse(R));
  for (const IpRange &R : Ranges)
    if (R.Family == Ip.Family && R.Begin <= Ip.Begin && R.End >= Ip.End)
      return Value(true);
  return Value(false);
}

// --- stdlib: validate_augeas, validate_x509_rsa_key_pair -----------------

Value validateAugeasFn(FunctionContext &Ctx, llvm::ArrayRef<Value>) {
  fail(Ctx, "validate_augeas(): this function needs Augeas, which cppet "
            "does not embed");
}

struct BioFree {
  void operator()(BIO *B) const { BIO_free(B); }
};
struct X509Free {
  void operator()(X509 *X) const { X509_free(X); }
};
struct PKeyFree {
  void operator()(EVP_PKEY *K) const { EVP_PKEY_free(K); }
};

std::unique_ptr<BIO, BioFree> memoryBio(const std::string &S) {
  return std::unique_ptr<BIO, BioFree>(
      BIO_new_mem_buf(S.data(), static_cast<int>(S.size())));
}

Value validateX509RsaKeyPairFn(FunctionContext &Ctx,
                               llvm::ArrayRef<Value> Args) {
  if (Args.size() != 2)
    fail(Ctx, "validate_x509_rsa_key_pair(): wrong number of arguments (" +
                  count(Args) + "; must be 2)");
  for (const Value &A : Args)
    if (!A.isString())
      fail(Ctx, A.toRubyInspect() + " is not a string.");
  auto CertBio = memoryBio(Args[0].asString());
  std::unique_ptr<X509, X509Free> Cert(
      PEM_read_bio_X509(CertBio.get(), nullptr, nullptr, nullptr));
  if (!Cert) {
    // Ruby's OpenSSL::X509::Certificate.new also takes DER.
    const std::string &S = Args[0].asString();
    const unsigned char *P = reinterpret_cast<const unsigned char *>(S.data());
    Cert.reset(d2i_X509(nullptr, &P, static_cast<long>(S.size())));
  }
  if (!Cert) {
    ERR_clear_error();
    fail(Ctx, "Not a valid x509 certificate: PEM_read_bio_X509: no start "
              "line");
  }
  auto KeyBio = memoryBio(Args[1].asString());
  std::unique_ptr<EVP_PKEY, PKeyFree> Key(
      PEM_read_bio_PrivateKey(KeyBio.get(), nullptr, nullptr, nullptr));
  if (!Key) {
    auto PubBio = memoryBio(Args[1].asString());
    Key.reset(PEM_read_bio_PUBKEY(PubBio.get(), nullptr, nullptr, nullptr));
  }
  ERR_clear_error();
  // Ruby's OpenSSL::PKey::RSA.new: OpenSSL 3's decoders find no key, or
  // the key is of another type.
  if (!Key)
    fail(Ctx, "Not a valid RSA key: Neither PUB key nor PRIV key: "
              "unsupported");
  if (EVP_PKEY_base_id(Key.get()) != EVP_PKEY_RSA)
    fail(Ctx, std::string("Not a valid RSA key: incorrect pkey type: ") +
                  OBJ_nid2sn(EVP_PKEY_base_id(Key.get())));
  if (X509_verify(Cert.get(), Key.get()) != 1)
    fail(Ctx, "Certificate signature does not match supplied key");
  return Value();
}

// --- Puppet: call, find_file, find_template, module_directory -----------

/// Puppet 7's built-in camelcase (4.x): Numeric as is, a String's '_'
/// separated words capitalized and joined, an array of strings mapped.
Value camelcaseFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 1);
  auto Camel = [&](const std::string &S) {
    std::string Out;
    llvm::SmallVector<llvm::StringRef, 8> Parts;
    llvm::StringRef(S).split(Parts, '_');
    for (llvm::StringRef Part : Parts)
      Out += Ctx.callFunction("capitalize", {Value(Part)}).asString();
    return Value(Out);
  };
  const Value &V = Args[0];
  if (V.isNumber())
    return V;
  if (V.isString())
    return Camel(V.asString());
  const bool IsArray = V.isArray();
  const bool AnyString =
      IsArray &&
      llvm::any_of(V.asArray(), [](const Value &E) { return E.isString(); });
  const bool AnyNumber =
      IsArray &&
      llvm::any_of(V.asArray(), [](const Value &E) { return E.isNumber(); });
  const bool OnlyThose =
      IsArray && llvm::all_of(V.asArray(), [](const Value &E) {
        return E.isString() || E.isNumber();
      });
  // Puppet rejects an array mixing strings and numbers: the Tuple of both
  // does not match Iterable[Variant[String, Numeric]] in its dispatch.
  if (OnlyThose && AnyString && AnyNumber)
    fail(Ctx, "The function 'camelcase' was called with arguments it does not "
              "accept. It expects one of:\n  (Numeric arg)\n    rejected: "
              "parameter 'arg' expects a Numeric value, got Tuple\n  (String "
              "arg)\n    rejected: parameter 'arg' expects a String value, got "
              "Tuple");
  if (OnlyThose) {
    Array Out;
    for (const Value &E : V.asArray())
      Out.push_back(E.isString() ? Camel(E.asString()) : E);
    return Value(std::move(Out));
  }
  argTypeError(Ctx, "arg",
               {"Numeric", "String", "Iterable[Variant[String, Numeric]]"}, V);
}

const char *const NoSignature =
    "' was called with arguments it does not accept. It expects one of:\n";

Value callFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.empty())
    fail(Ctx, "'call' expects at least 1 argument, got none");
  if (Args.size() == 1 && Args[0].isDeferred())
    return resolveDeferred(Ctx, Args[0]);
  if (!Args[0].isString())
    fail(Ctx, std::string("The function 'call") + NoSignature +
                  "  (String function_name, Any arguments*, Callable block?)\n"
                  "    rejected: parameter 'function_name' expects a String "
                  "value, got " +
                  describeValueType(Args[0]) + "\n  (" +
                  types::DeferredTypeDefinition + " deferred)\n    rejected: " +
                  (Args.size() == 1
                       ? "parameter 'deferred' expects a Deferred value, got " +
                             describeValueType(Args[0])
                       : "expects 1 argument, got " + count(Args)));
  return Ctx.callFunctionWithBlock(Args[0].asString(), Args.drop_front());
}

/// The paths given to find_file and friends: Strings, or one Array of
/// Strings (Puppet's two dispatches, whose parameters are Param and
/// ArrayParam).
std::vector<std::string> pathArguments(FunctionContext &Ctx,
                                       llvm::ArrayRef<Value> Args,
                                       llvm::StringRef Param,
                                       llvm::StringRef ArrayParam) {
  std::vector<std::string> Paths;
  const auto NotString =
      llvm::find_if(Args, [](const Value &V) { return !V.isString(); });
  if (NotString == Args.end()) {
    for (const Value &V : Args)
      Paths.push_back(V.asString());
    return Paths;
  }
  // Why the Array[String] dispatch does not take the arguments either.
  std::string ArrayRejection;
  for (const Value &V : Args) {
    if (!V.isArray()) {
      ArrayRejection = "parameter '" + ArrayParam.str() +
                       "' expects an Array value, got " + describeValueType(V);
      break;
    }
    for (size_t I = 0; I < V.asArray().size(); ++I)
      if (!V.asArray()[I].isString()) {
        ArrayRejection = "parameter '" + ArrayParam.str() + "' index " +
                         std::to_string(I) + " expects a String value, got " +
                         describeValueType(V.asArray()[I]);
        break;
      }
    if (!ArrayRejection.empty())
      break;
  }
  if (ArrayRejection.empty() && Args.size() == 1) {
    for (const Value &V : Args[0].asArray())
      Paths.push_back(V.asString());
    return Paths;
  }
  if (ArrayRejection.empty())
    fail(Ctx, Ctx.name().str() + "(): wrong number of arguments (given " +
                  count(Args) + ", expected 1)");
  if (Param == ArrayParam)
    fail(Ctx, "'" + Ctx.name().str() + "' parameter '" + Param.str() +
                  "' expects a value of type String or Array, got " +
                  describeValueType(*NotString));
  fail(Ctx, "The function '" + Ctx.name().str() + NoSignature + "  (String " +
                Param.str() + "*)\n    rejected: parameter '" + Param.str() +
                "' expects a String value, got " +
                describeValueType(*NotString) + "\n  (Array[String] " +
                ArrayParam.str() + "*)\n    rejected: " + ArrayRejection);
}

/// Puppet::Parser::Files.find_in_module: an absolute path as it is, else
/// `module/file` under the module's SubDir; the result must exist.
std::optional<std::string> findInModule(FunctionContext &Ctx,
                                        llvm::StringRef Ref,
                                        llvm::StringRef SubDir) {
  if (Ref.empty())
    return std::nullopt;
  if (llvm::sys::path::is_absolute(Ref))
    return Ctx.moduleFile(Ref, SubDir);
  auto [Mod, File] = Ref.split('/');
  if (Mod.size() == Ref.size())
    return std::nullopt;
  if (!File.empty())
    return Ctx.moduleFile(Ref, SubDir);
  // `mod/` names the SubDir itself.
  std::optional<std::string> Dir = Ctx.moduleFile((Mod + "/.").str(), SubDir);
  if (!Dir)
    return std::nullopt;
  Dir->pop_back();
  return Dir;
}

BuiltinFunction findInModules(std::string SubDir) {
  return [SubDir = std::move(SubDir)](FunctionContext &Ctx,
                                      llvm::ArrayRef<Value> Args) {
    for (const std::string &P :
         pathArguments(Ctx, Args, "paths", "paths_array"))
      if (std::optional<std::string> Found = findInModule(Ctx, P, SubDir))
        return Value(*Found);
    return Value();
  };
}

bool isModuleName(llvm::StringRef Name) {
  auto IsLower = [](char C) { return C >= 'a' && C <= 'z'; };
  return !Name.empty() && IsLower(Name.front()) &&
         llvm::all_of(Name, [&](char C) {
           return IsLower(C) || llvm::isDigit(C) || C == '_';
         });
}

Value moduleDirectoryFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  for (const std::string &Name : pathArguments(Ctx, Args, "names", "names")) {
    if (!isModuleName(Name))
      continue;
    std::optional<std::string> Dir = Ctx.moduleFile(Name + "/.", "");
    if (!Dir)
      continue;
    llvm::StringRef D(*Dir);
    D.consume_back(".");
    D.consume_back("/");
    return Value(D);
  }
  return Value();
}

// --- Puppet: tree_each ----------------------------------------------------

struct TreeOptions {
  Type Containers;
  bool WithRoot = true;
  bool WithContainers = true;
  bool WithValues = true;
  bool DepthFirst = true;
};

/// One step of the walk: the path from the root and the value there.
struct TreeNode {
  Array Path;
  Value Val;
};

TreeOptions treeOptions(FunctionContext &Ctx, const Value &Options) {
  TreeOptions O;
  O.Containers = types::makeVariant(
      {types::make(TypeKind::Array), types::make(TypeKind::Hash)});
  if (Options.isUndef())
    return O;
  if (!Options.isHash())
    argTypeError(Ctx, "options", {"Struct"}, Options);
  auto Flag = [&](const Value &V, llvm::StringRef Key) {
    if (V.isUndef())
      return true;
    if (!V.isBoolean())
      fail(Ctx, "'tree_each' parameter 'options' entry '" + Key.str() +
                    "' expects a value of type Undef or Boolean, got " +
                    describeValueType(V));
    return V.asBoolean();
  };
  bool IncludeRoot = true;
  for (const auto &[K, V] : Options.asHash()) {
    const std::string Key = K.isString() ? K.asString() : K.toString();
    if (Key == "container_type") {
      if (V.isUndef())
        continue;
      if (!V.isType())
        fail(Ctx, "'tree_each' parameter 'options' entry 'container_type' "
                  "expects a value of type Undef or Type, got " +
                      describeValueType(V));
      const Type Allowed = types::makeVariant({types::make(TypeKind::Array),
                                               types::make(TypeKind::Hash),
                                               types::make(TypeKind::Object)});
      if (!types::isAssignable(Allowed, V.asType()))
        fail(Ctx, "Only Array, Hash, and Object types can be used as "
                  "container types. Got " +
                      V.asType().toString());
      O.Containers = V.asType();
    } else if (Key == "include_root") {
      IncludeRoot = Flag(V, Key);
    } else if (Key == "include_containers") {
      O.WithContainers = Flag(V, Key);
    } else if (Key == "include_values") {
      O.WithValues = Flag(V, Key);
    } else if (Key == "include_refs") {
      Flag(V, Key);
    } else if (Key == "order") {
      if (V.isUndef())
        continue;
      if (!V.isString() ||
          (V.asString() != "depth_first" && V.asString() != "breadth_first"))
        fail(Ctx,
             "'tree_each' parameter 'options' entry 'order' expects "
             "an undef value or a match for Enum['breadth_first', "
             "'depth_first'], got " +
                 (V.isString() ? V.toQuotedString() : describeValueType(V)));
      O.DepthFirst = V.asString() == "depth_first";
    } else {
      fail(Ctx,
           "'tree_each' parameter 'options' unrecognized key '" + Key + "'");
    }
  }
  O.WithRoot = O.WithContainers && IncludeRoot;
  if (!O.WithContainers && !O.WithValues)
    fail(Ctx, "Options 'include_containers' and 'include_values' cannot "
              "both be false");
  return O;
}

/// The (index or key, child) pairs of V when V is a container.
std::optional<std::vector<std::pair<Value, Value>>>
treeChildren(const TreeOptions &O, const Value &V) {
  if (!(V.isArray() || V.isHash()) || !types::isInstance(O.Containers, V))
    return std::nullopt;
  std::vector<std::pair<Value, Value>> Children;
  if (V.isArray()) {
    const Array &A = V.asArray();
    for (size_t I = 0; I < A.size(); ++I)
      Children.emplace_back(Value(static_cast<int64_t>(I)), A[I]);
  } else {
    for (const auto &[K, X] : V.asHash())
      Children.emplace_back(K, X);
  }
  return Children;
}

void walkDepthFirst(const TreeOptions &O, const Array &Path,
                    const std::vector<std::pair<Value, Value>> &Children,
                    std::vector<TreeNode> &Out) {
  for (const auto &[Key, Child] : Children) {
    Array ChildPath = Path;
    ChildPath.push_back(Key);
    if (auto Grandchildren = treeChildren(O, Child)) {
      if (O.WithContainers)
        Out.push_back({ChildPath, Child});
      walkDepthFirst(O, ChildPath, *Grandchildren, Out);
    } else if (O.WithValues) {
      Out.push_back({std::move(ChildPath), Child});
    }
  }
}

/// Puppet's BreadthFirstTreeIterator, which yields the values also when
/// include_values is false.
void walkBreadthFirst(const TreeOptions &O,
                      std::vector<std::pair<Value, Value>> RootChildren,
                      std::vector<TreeNode> &Out) {
  struct Level {
    Array Path;
    std::vector<std::pair<Value, Value>> Children;
  };
  std::vector<Level> Queue;
  Queue.push_back({Array(), std::move(RootChildren)});
  for (size_t Q = 0; Q < Queue.size(); ++Q) {
    const Array Path = Queue[Q].Path;
    const std::vector<std::pair<Value, Value>> Children = Queue[Q].Children;
    for (const auto &[Key, Child] : Children) {
      Array ChildPath = Path;
      ChildPath.push_back(Key);
      if (auto Grandchildren = treeChildren(O, Child)) {
        Queue.push_back({ChildPath, std::move(*Grandchildren)});
        if (!O.WithContainers)
          continue;
      }
      Out.push_back({std::move(ChildPath), Child});
    }
  }
}

Value treeEachFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 2);
  const Value &Tree = Args[0];
  if (!Tree.isArray() && !Tree.isHash())
    argTypeError(Ctx, "tree", {"Array", "Hash"}, Tree);
  const TreeOptions O = treeOptions(Ctx, Args.size() > 1 ? Args[1] : Value());
  std::vector<TreeNode> Nodes;
  auto RootChildren = treeChildren(O, Tree);
  if (O.WithRoot)
    Nodes.push_back({Array(), Tree});
  if (RootChildren) {
    if (O.DepthFirst)
      walkDepthFirst(O, Array(), *RootChildren, Nodes);
    else
      walkBreadthFirst(O, std::move(*RootChildren), Nodes);
  }
  if (!Ctx.hasBlock()) {
    // Puppet returns an Iterator over [path, value]; cppet has no Iterator
    // values and gives the Array it would produce (as reverse_each does).
    Array Result;
    for (TreeNode &N : Nodes)
      Result.push_back(Value(Array{Value(std::move(N.Path)), N.Val}));
    return Value(std::move(Result));
  }
  const size_t Params = Ctx.blockParamCount();
  if (Params != 1 && Params != 2)
    fail(Ctx, "'tree_each' block expects between 1 and 2 arguments, got " +
                  std::to_string(Params));
  for (TreeNode &N : Nodes) {
    if (Params == 1)
      Ctx.callBlock({N.Val});
    else
      Ctx.callBlock({Value(std::move(N.Path)), N.Val});
    if (Ctx.breakRequested())
      break;
  }
  return Tree;
}

// --- stdlib::str2resource --------------------------------------------------

Value str2resourceFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 1);
  if (!Args[0].isString())
    argTypeError(Ctx, "res_string", {"String"}, Args[0]);
  // Puppet::Resource.type_and_title: `Type[title]`, the type without
  // brackets.
  llvm::StringRef S = Args[0].asString();
  const size_t Open = S.find('[');
  if (Open == llvm::StringRef::npos || Open == 0 || !S.endswith("]") ||
      S.size() < Open + 3 ||
      S.take_front(Open).find_first_of("[]") != llvm::StringRef::npos)
    fail(Ctx, "No title provided and " + Args[0].toRubyInspect() +
                  " is not a valid resource reference");
  const llvm::StringRef TypeName = S.take_front(Open);
  std::string Title = S.slice(Open + 1, S.size() - 1).str();
  std::string Type = types::capitalizeTypeName(TypeName);
  if (llvm::StringRef(Type).equals_insensitive("component"))
    Type = "Class";
  if (Type == "Class")
    Title = types::capitalizeTypeName(Title);
  if (!Ctx.resourceExists(Type, Title))
    fail(Ctx, "stdlib::str2resource(): could not find " + Type + "[" + Title +
                  "], this is parse order dependent and values should not "
                  "be quoted");
  return Value(types::makeResource(Type, Title));
}

// --- Puppet: scanf ---------------------------------------------------------
//
// Ruby's scanf library (String#scanf), which Puppet's scanf calls: the
// format is cut into specifiers, each becomes an anchored Ruby regexp
// tried in turn on what is left of the input; the first that does not
// match ends the scan.

std::shared_ptr<const Regex> rubyRegex(FunctionContext &Ctx,
                                       llvm::StringRef Pattern) {
  std::string Error;
  std::shared_ptr<const Regex> Re = Regex::compile(Pattern, &Error);
  if (!Re)
    fail(Ctx, Error + ": /" + Pattern.str() + "/");
  return Re;
}

enum class ScanHandler { Plain, Decimal, Hex, Octal, Integer, Float, None };

struct ScanSpec {
  std::string Spec;
  std::shared_ptr<const Regex> Re;
  ScanHandler Handler = ScanHandler::None;
  bool Skip = false;
  bool CountSpace = false;
};

/// The group Index of Pattern's first match in S, if it matches.
std::optional<std::string> firstGroup(FunctionContext &Ctx,
                                      llvm::StringRef Pattern,
                                      llvm::StringRef S, unsigned Index) {
  std::optional<RegexMatch> M = rubyRegex(Ctx, Pattern)->search(S);
  if (!M || Index >= M->Groups.size() || !M->Groups[Index])
    return std::nullopt;
  return M->Groups[Index];
}

std::string rubyRegexpEscape(llvm::StringRef S) {
  std::string R;
  for (char C : S) {
    if (static_cast<unsigned char>(C) < 0x80 && !llvm::isAlnum(C) && C != '_')
      R += '\\';
    R += C;
  }
  return R;
}

ScanSpec scanSpec(FunctionContext &Ctx, const std::string &Spec) {
  ScanSpec S;
  S.Spec = Spec;
  auto Has = [&](llvm::StringRef Pattern) {
    return rubyRegex(Ctx, Pattern)->matches(Spec);
  };
  auto Group = [&](llvm::StringRef Pattern, unsigned I) {
    return firstGroup(Ctx, Pattern, Spec, I).value_or("");
  };
  auto Width = [&](llvm::StringRef Pattern) {
    return std::stoi(Group(Pattern, 1));
  };
  const std::string H = "[A-Fa-f0-9]";
  const std::string FloatRe =
      "[-+]?(?:0[xX](?:\\.\\h+|\\h+(?:\\.\\h*)?)[pP][-+]?\\d+|\\d+(?![\\d.])|"
      "\\d*\\.\\d*(?:[eE][-+]?\\d+)?)";
  std::string Re;
  ScanHandler Handler = ScanHandler::Plain;
  if (Has("%\\*?(\\[\\[:[a-z]+:\\]\\])")) {
    Re = "(" + Group("%\\*?(\\[\\[:[a-z]+:\\]\\])", 1) + "+)";
  } else if (Has("%\\*?(\\d+)(\\[\\[:[a-z]+:\\]\\])")) {
    Re = "(" + Group("%\\*?(\\d+)(\\[\\[:[a-z]+:\\]\\])", 2) + "{1," +
         Group("%\\*?(\\d+)(\\[\\[:[a-z]+:\\]\\])", 1) + "})";
  } else if (Has("%\\*?\\[([^\\]]*)\\]")) {
    const std::string Yes = Group("%\\*?\\[([^\\]]*)\\]", 1);
    const std::string No =
        llvm::StringRef(Yes).startswith("^") ? Yes.substr(1) : "^" + Yes;
    Re = "([" + Yes + "]+)(?=[" + No + "]|\\z)";
  } else if (Has("%\\*?(\\d+)\\[([^\\]]*)\\]")) {
    Re = "([" + Group("%\\*?(\\d+)\\[([^\\]]*)\\]", 2) + "]{1," +
         Group("%\\*?(\\d+)\\[([^\\]]*)\\]", 1) + "})";
  } else if (Has("%\\*?i")) {
    Re = "([-+]?(?:(?:0[0-7]+)|(?:0[Xx]" + H + "+)|(?:[1-9]\\d*)))";
    Handler = ScanHandler::Integer;
  } else if (Has("%\\*?(\\d+)i")) {
    const int N = Width("%\\*?(\\d+)i");
    auto Up = [](int M) { return std::to_string(M); };
    Re = "(";
    if (N > 1)
      Re += "[1-9]\\d{1," + Up(N - 1) + "}|0[0-7]{1," + Up(N - 1) + "}|";
    if (N > 2)
      Re += "[-+]0[0-7]{1," + Up(N - 2) + "}|[-+][1-9]\\d{1," + Up(N - 2) +
            "}|0[Xx]" + H + "{1," + Up(N - 2) + "}|";
    if (N > 3)
      Re += "[-+]0[Xx]" + H + "{1," + Up(N - 3) + "}|";
    Re += "\\d)";
    Handler = ScanHandler::Integer;
  } else if (Has("%\\*?[du]")) {
    Re = "([-+]?\\d+)";
    Handler = ScanHandler::Decimal;
  } else if (Has("%\\*?(\\d+)[du]")) {
    const int N = Width("%\\*?(\\d+)[du]");
    Re = "(";
    if (N > 1)
      Re += "[-+]\\d{1," + std::to_string(N - 1) + "}|";
    Re += "\\d{1," + std::to_string(N) + "})";
    Handler = ScanHandler::Decimal;
  } else if (Has("%\\*?[Xx]")) {
    Re = "([-+]?(?:0[Xx])?" + H + "+)";
    Handler = ScanHandler::Hex;
  } else if (Has("%\\*?(\\d+)[Xx]")) {
    const int N = Width("%\\*?(\\d+)[Xx]");
    Re = "(";
    if (N > 3)
      Re += "[-+]0[Xx]" + H + "{1," + std::to_string(N - 3) + "}|";
    if (N > 2)
      Re += "0[Xx]" + H + "{1," + std::to_string(N - 2) + "}|";
    if (N > 1)
      Re += "[-+]" + H + "{1," + std::to_string(N - 1) + "}|";
    Re += H + "{1," + std::to_string(N) + "})";
    Handler = ScanHandler::Hex;
  } else if (Has("%\\*?o")) {
    Re = "([-+]?[0-7]+)";
    Handler = ScanHandler::Octal;
  } else if (Has("%\\*?(\\d+)o")) {
    const int N = Width("%\\*?(\\d+)o");
    Re = "([-+][0-7]{1," + std::to_string(N - 1) + "}|[0-7]{1," +
         std::to_string(N) + "})";
    Handler = ScanHandler::Octal;
  } else if (Has("%\\*?[aefgAEFG]")) {
    Re = "(" + FloatRe + ")";
    Handler = ScanHandler::Float;
  } else if (Has("%\\*?(\\d+)[aefgAEFG]")) {
    Re =
        "(?=" + FloatRe + ")(\\S{1," + Group("%\\*?(\\d+)[aefgAEFG]", 1) + "})";
    Handler = ScanHandler::Float;
  } else if (Has("%\\*?(\\d+)s")) {
    Re = "(\\S{1," + Group("%\\*?(\\d+)s", 1) + "})";
  } else if (Has("%\\*?s")) {
    Re = "(\\S+)";
  } else if (Has("\\s%\\*?c")) {
    Re = "\\s*(.)";
  } else if (Has("%\\*?c")) {
    Re = "(.)";
  } else if (Has("%\\*?(\\d+)c")) {
    Re = "(.{1," + Group("%\\*?(\\d+)c", 1) + "})";
  } else if (Has("%%")) {
    Re = "(\\s*%)";
    Handler = ScanHandler::None;
  } else {
    Re = "(" + rubyRegexpEscape(Spec) + ")";
    Handler = ScanHandler::None;
  }
  // Regexp::MULTILINE: `.` matches a newline too.
  S.Re = rubyRegex(Ctx, "(?m:\\A" + Re + ")");
  S.Handler = Handler;
  S.Skip = Has("^\\s*%\\*");
  S.CountSpace = Has("(?:\\A|\\S)%\\*?\\d*c|%\\d*\\[");
  return S;
}

/// Ruby's String#to_f: the longest leading decimal number, else 0.0.
double rubyToF(llvm::StringRef S) {
  static const std::shared_ptr<const Regex> Number = Regex::compile(
      "\\A\\s*[-+]?(?:\\d+(?:\\.\\d+)?|\\.\\d+)(?:[eE][-+]?\\d+)?");
  std::optional<RegexMatch> M = Number ? Number->search(S) : std::nullopt;
  if (!M)
    return 0.0;
  return std::strtod(M->matched().c_str(), nullptr);
}

/// The scanf library's extract_float: hexadecimal floats, `1.e5`, else
/// String#to_f.
double scanFloat(FunctionContext &Ctx, const std::string &S) {
  if (std::optional<RegexMatch> M =
          rubyRegex(Ctx, "\\A(?<sign>[-+]?)0[xX](?<frac>\\.\\h+|\\h+(?:\\."
                         "\\h*)?)[pP](?<exp>[-+]?\\d+)")
              ->search(S)) {
    const std::string &Frac = *M->Groups[2];
    auto [Whole, Fraction] = llvm::StringRef(Frac).split('.');
    double F = 0;
    for (char C : Whole)
      F = F * 16 + llvm::hexDigitValue(C);
    double Scale = 1.0 / 16;
    for (char C : Fraction) {
      F += llvm::hexDigitValue(C) * Scale;
      Scale /= 16;
    }
    const double R = std::ldexp(F, std::stoi(*M->Groups[3]));
    return *M->Groups[1] == "-" ? -R : R;
  }
  if (std::optional<RegexMatch> M =
          rubyRegex(Ctx, "\\A([-+]?\\d+)\\.([eE][-+]\\d+)")->search(S))
    return rubyToF(*M->Groups[1] + *M->Groups[2]);
  return rubyToF(S);
}

/// A digits string in Radix with an optional sign (and 0x prefix for 16),
/// as String#hex/#oct/#to_i read what the specifier matched.
Value scanInteger(FunctionContext &Ctx, llvm::StringRef S, unsigned Radix) {
  bool Negative = S.consume_front("-");
  if (!Negative)
    S.consume_front("+");
  if (Radix == 16 && (S.startswith("0x") || S.startswith("0X")))
    S = S.drop_front(2);
  int64_t N = 0;
  if (S.getAsInteger(Radix, N))
    fail(Ctx, "scanf(): the number " + S.str() +
                  " is out of the range of a Puppet Integer");
  return Value(Negative ? -N : N);
}

Value scanfFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 2, 2);
  if (!Args[0].isString())
    argTypeError(Ctx, "data", {"String"}, Args[0]);
  if (!Args[1].isString())
    argTypeError(Ctx, "format", {"String"}, Args[1]);
  const std::string &Format = Args[1].asString();
  std::vector<ScanSpec> Specs;
  if (rubyRegex(Ctx, "\\S")->matches(Format)) {
    const std::shared_ptr<const Regex> Splitter = rubyRegex(
        Ctx, "(?i:(?:\\s*%(?:%|\\*?\\d*(?:\\[\\[:\\w+:\\]\\]|\\[[^\\]]*\\]|"
             "[diuXxofFeEgGscaA])))|[^%\\s]+)");
    for (const RegexMatch &M : Splitter->matchAll(Format))
      Specs.push_back(scanSpec(Ctx, M.matched()));
  }
  static const std::shared_ptr<const Regex> LeadingSpace =
      Regex::compile("\\A\\s+");
  Array Result;
  std::string Left = Args[0].asString();
  for (const ScanSpec &Spec : Specs) {
    std::string S = Left;
    if (!Spec.CountSpace && LeadingSpace)
      S = LeadingSpace->substitute(S, "", /*Global=*/false);
    std::optional<RegexMatch> M = Spec.Re->search(S);
    if (!M)
      break;
    if (!Spec.Skip && M->Groups.size() > 1 && M->Groups[1]) {
      const std::string &Text = *M->Groups[1];
      switch (Spec.Handler) {
      case ScanHandler::Plain:
        Result.push_back(Value(Text));
        break;
      case ScanHandler::Decimal:
        Result.push_back(scanInteger(Ctx, Text, 10));
        break;
      case ScanHandler::Hex:
        Result.push_back(scanInteger(Ctx, Text, 16));
        break;
      case ScanHandler::Octal:
        Result.push_back(scanInteger(Ctx, Text, 8));
        break;
      case ScanHandler::Integer: {
        std::optional<int64_t> N = rubyInteger(Text);
        if (!N)
          fail(Ctx,
               "invalid value for Integer(): " + Value(Text).toRubyInspect());
        Result.push_back(Value(*N));
        break;
      }
      case ScanHandler::Float:
        Result.push_back(Value(scanFloat(Ctx, Text)));
        break;
      case ScanHandler::None:
        break;
      }
    }
    Left = S.substr(M->End);
    if (Left.empty())
      break;
  }
  if (Ctx.hasBlock())
    return Ctx.callBlock({Value(std::move(Result))});
  return Value(std::move(Result));
}

// --- Puppet: digest, generate --------------------------------------------

Value digestFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() != 1)
    fail(Ctx, "digest(): Wrong number of arguments given (" + count(Args) +
                  " for 1)");
  if (!Args[0].isString())
    fail(Ctx, "no implicit conversion of " + rubyConversionName(Args[0]) +
                  " into String");
  // Puppet's default digest_algorithm, sha256.
  const std::string &S = Args[0].asString();
  std::array<unsigned char, EVP_MAX_MD_SIZE> Digest{};
  unsigned Len = 0;
  EVP_Digest(S.data(), S.size(), Digest.data(), &Len, EVP_sha256(), nullptr);
  return Value(llvm::toHex(llvm::ArrayRef<uint8_t>(Digest.data(), Len),
                           /*LowerCase=*/true));
}

Value generateFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.empty())
    fail(Ctx, "generate(): Wrong number of arguments given (0 for at least "
              "1)");
  // Puppet::Util::Execution.execute flattens the arguments and takes
  // each one's to_s.
  std::vector<std::string> Argv;
  std::function<void(const Value &)> Add = [&](const Value &A) {
    if (A.isArray())
      for (const Value &E : A.asArray())
        Add(E);
    else
      Argv.push_back(A.isString() ? A.asString() : A.toRubyString());
  };
  for (const Value &A : Args)
    Add(A);
  if (Argv.empty())
    fail(Ctx, "Generators must be fully qualified");
  const std::string &Program = Argv[0];
  if (!llvm::sys::path::is_absolute(Program))
    fail(Ctx, "Generators must be fully qualified");
  if (!llvm::all_of(Program, [](char C) {
        return llvm::isAlnum(C) || llvm::StringRef("-/_.+").contains(C);
      }))
    fail(Ctx, "Generators can only contain alphanumerics, file separators, "
              "and dashes");
  if (llvm::StringRef(Program).contains(".."))
    fail(Ctx, "Can not use generators with '..' in them.");

  // Puppet::Util::Execution.execute: in the generator's directory, with the
  // C locale and without the user variables, stderr merged into stdout.
  ProcessSpec Spec;
  Spec.Argv = Argv;
  Spec.Cwd = llvm::sys::path::parent_path(Program).str();
  if (Spec.Cwd.empty())
    Spec.Cwd = "/";
  std::vector<std::string> Env;
  for (char **E = environ; E && *E; ++E) {
    llvm::StringRef Entry(*E);
    const llvm::StringRef Key = Entry.split('=').first;
    if (Key == "HOME" || Key == "USER" || Key == "LOGNAME" || Key == "LANG" ||
        Key == "LANGUAGE" || Key.startswith("LC_"))
      continue;
    Env.push_back(Entry.str());
  }
  Env.push_back("LANG=C");
  Env.push_back("LC_ALL=C");
  Spec.Environment = std::move(Env);
  Spec.MergeStderr = true;

  const std::string CommandLine = llvm::join(Argv, " ");
  llvm::Expected<ProcessResult> Result = runProcess(Spec);
  if (!Result) {
    // Puppet's child process fails to exec and exits 1 without output.
    llvm::consumeError(Result.takeError());
    fail(Ctx, "Failed to execute generator " + Program + ": Execution of '" +
                  CommandLine + "' returned 1: ");
  }
  if (!Result->succeeded()) {
    const std::string Status =
        Result->ExitCode >= 0 ? std::to_string(Result->ExitCode) : "";
    fail(Ctx, "Failed to execute generator " + Program + ": Execution of '" +
                  CommandLine + "' returned " + Status + ": " +
                  llvm::StringRef(Result->Output).trim().str());
  }
  return Value(Result->Output);
}

} // namespace

void cppet::stdlibfn::registerCoreMoreFunctions(FunctionRegistry &R) {
  // puppetlabs-stdlib
  add3(R, "type3x", type3xFn);
  add3(R, "uriescape", uriescapeFn);
  add3(R, "try_get_value", tryGetValueFn);
  add3(R, "time", timeFn);
  add3(R, "validate_domain_name",
       validateWith("is_domain_name", "is not a syntactically correct domain "
                                      "name"));
  add3(R, "validate_email_address",
       validateWith("is_email_address", "is not a valid email address"));
  add3(R, "str2saltedpbkdf2", str2saltedpbkdf2Fn);
  add3(R, "str2saltedsha512", str2saltedsha512Fn);
  add3(R, "validate_augeas", validateAugeasFn);
  add3(R, "validate_x509_rsa_key_pair", validateX509RsaKeyPairFn);
  add4(R, "to_python", serializer(/*Python=*/true));
  add4(R, "to_ruby", serializer(/*Python=*/false));
  add4(R, "stdlib::xml_encode", xmlEncodeFn);
  add4(R, "stdlib::ip_in_range", ipInRangeFn);
  add4(R, "stdlib::str2resource", str2resourceFn);

  // Puppet 7 (its own camelcase takes precedence over stdlib's)
  R.add("call", callFn);
  R.add("camelcase", camelcaseFn);
  R.add("find_file", findInModules("files"));
  R.add("find_template", findInModules("templates"));
  R.add("module_directory", moduleDirectoryFn);
  R.add("tree_each", treeEachFn);
  R.add("scanf", scanfFn);
  R.add("digest", [](FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
    std::vector<Value> Converted(Args.begin(), Args.end());
    for (Value &V : Converted)
      if (V.isUndef())
        V = Value("");
    return digestFn(Ctx, Converted);
  });
  R.add("generate", [](FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
    std::vector<Value> Converted(Args.begin(), Args.end());
    for (Value &V : Converted)
      if (V.isUndef())
        V = Value("");
    return generateFn(Ctx, Converted);
  });
}
