//===- FnStdlibMore.cpp - More puppetlabs-stdlib functions ----------------===//
//
// Functions of puppetlabs-stdlib (lib/puppet/functions and
// lib/puppet/parser/functions of Debian's package) not in the other
// FnStdlib*.cpp files, and Puppet 7's built-in camelcase, which wins over
// stdlib's 3.x function of that name.
//
//===----------------------------------------------------------------------===//
#include "FnStdlibSupport.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <openssl/evp.h>

#include <fnmatch.h>

#include <array>
#include <cmath>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>

using namespace cppet;
using namespace cppet::fn;
using namespace cppet::stdlibfn;

namespace {

std::string count(llvm::ArrayRef<Value> Args) {
  return std::to_string(Args.size());
}

/// The check Puppet makes for a 3.x function declared with a fixed arity.
void checkArity(FunctionContext &Ctx, llvm::ArrayRef<Value> Args,
                size_t Arity) {
  if (Args.size() != Arity)
    fail(Ctx, Ctx.name().str() + "(): Wrong number of arguments given (" +
                  count(Args) + " for " + std::to_string(Arity) + ")");
}

/// A 4.x function's parameter check: "'name' parameter 'P' expects ...".
void checkParam(FunctionContext &Ctx, llvm::StringRef Param, const Type &T,
                const Value &V) {
  if (!types::isInstance(T, V))
    fail(Ctx, "'" + Ctx.name().str() + "' parameter '" + Param.str() + "' " +
                  types::describeMismatch(T, V));
}

/// Ruby's implicit String conversion (Digest#update, Regexp.new).
std::string implicitString(FunctionContext &Ctx, const Value &V) {
  if (V.isString())
    return V.asString();
  fail(Ctx, "no implicit conversion of " + rubyClass(V) + " into String");
}

// --- base64 ------------------------------------------------------------------

const char *const Base64Alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64Encode(llvm::StringRef In) {
  std::string Out;
  for (size_t I = 0; I < In.size(); I += 3) {
    const size_t N = std::min<size_t>(3, In.size() - I);
    uint32_t W = 0;
    for (size_t J = 0; J < 3; ++J)
      W = W << 8 | (J < N ? static_cast<unsigned char>(In[I + J]) : 0U);
    for (size_t J = 0; J < 4; ++J)
      Out += J <= N ? Base64Alphabet[(W >> (18 - 6 * J)) & 63] : '=';
  }
  return Out;
}

/// Ruby's pack('m'): lines of 60 characters, each ended by a newline.
std::string base64EncodeLines(llvm::StringRef In) {
  const std::string Flat = base64Encode(In);
  std::string Out;
  for (size_t I = 0; I < Flat.size(); I += 60)
    Out += Flat.substr(I, 60) + "\n";
  return Out;
}

int base64Digit(char C) {
  const char *P = std::strchr(Base64Alphabet, C);
  return C && P ? static_cast<int>(P - Base64Alphabet) : -1;
}

/// Appends the bytes of Digits (values 0..63) to Out; a trailing group of
/// two or three digits gives one or two bytes.
void base64Bytes(const std::vector<int> &Digits, std::string &Out) {
  size_t I = 0;
  for (; I + 4 <= Digits.size(); I += 4) {
    const uint32_t W = Digits[I] << 18 | Digits[I + 1] << 12 |
                       Digits[I + 2] << 6 | Digits[I + 3];
    Out += static_cast<char>(W >> 16);
    Out += static_cast<char>(W >> 8 & 255);
    Out += static_cast<char>(W & 255);
  }
  const size_t Rest = Digits.size() - I;
  if (Rest >= 2) {
    const uint32_t W = Digits[I] << 18 | Digits[I + 1] << 12 |
                       (Rest == 3 ? Digits[I + 2] << 6 : 0);
    Out += static_cast<char>(W >> 16);
    if (Rest == 3)
      Out += static_cast<char>(W >> 8 & 255);
  }
}

/// Ruby's unpack('m'): characters outside the alphabet are skipped, the
/// first '=' ends the data.
std::string base64DecodeLenient(llvm::StringRef In) {
  std::vector<int> Digits;
  for (char C : In) {
    if (C == '=')
      break;
    const int D = base64Digit(C);
    if (D >= 0)
      Digits.push_back(D);
  }
  std::string Out;
  base64Bytes(Digits, Out);
  return Out;
}

/// Ruby's unpack('m0'): nullopt where Ruby raises "invalid base64".
std::optional<std::string> base64DecodeStrict(llvm::StringRef In) {
  if (In.size() % 4)
    return std::nullopt;
  std::vector<int> Digits;
  size_t Pad = 0;
  for (size_t I = 0; I < In.size(); ++I) {
    if (In[I] == '=') {
      Pad = In.size() - I;
      if (Pad > 2 ||
          In.substr(I).find_first_not_of('=') != llvm::StringRef::npos)
        return std::nullopt;
      break;
    }
    const int D = base64Digit(In[I]);
    if (D < 0)
      return std::nullopt;
    Digits.push_back(D);
  }
  // The bits the padding drops must be zero.
  if ((Pad == 1 && (Digits.back() & 3)) || (Pad == 2 && (Digits.back() & 15)))
    return std::nullopt;
  std::string Out;
  base64Bytes(Digits, Out);
  return Out;
}

Value base64Fn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() < 2)
    fail(Ctx, "base64(): Wrong number of arguments (" + count(Args) +
                  "; must be >= 2)");
  const bool Encode = Args[0].isString() && Args[0].asString() == "encode";
  if (!Encode && !(Args[0].isString() && Args[0].asString() == "decode"))
    fail(Ctx, "base64(): the first argument must be one of 'encode' or "
              "'decode'");
  if (!Args[1].isString())
    fail(Ctx, "base64(): the second argument must be a string to base64");
  const std::string Method =
      Args.size() > 2 && Args[2].isString() ? Args[2].asString() : "";
  if (Args.size() > 2 && Method != "default" && Method != "strict" &&
      Method != "urlsafe")
    fail(Ctx, "base64(): the third argument must be one of 'default', "
              "'strict', or 'urlsafe'");
  const std::string &S = Args[1].asString();
  if (Encode) {
    if (Method == "strict")
      return Value(base64Encode(S));
    if (Method == "urlsafe") {
      std::string Out = base64Encode(S);
      std::replace(Out.begin(), Out.end(), '+', '-');
      std::replace(Out.begin(), Out.end(), '/', '_');
      return Value(Out);
    }
    return Value(base64EncodeLines(S));
  }
  if (Method != "strict" && Method != "urlsafe")
    return Value(base64DecodeLenient(S));
  std::string In = S;
  if (Method == "urlsafe") {
    if (!llvm::StringRef(In).endswith("=") && In.size() % 4)
      In.append(4 - In.size() % 4, '=');
    std::replace(In.begin(), In.end(), '-', '+');
    std::replace(In.begin(), In.end(), '_', '/');
  }
  std::optional<std::string> Out = base64DecodeStrict(In);
  if (!Out)
    fail(Ctx, "invalid base64");
  return Value(*Out);
}

// --- escaping ----------------------------------------------------------------

Value batchEscapeFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 1);
  std::string Out = "\"";
  for (char C : Args[0].toRubyString()) {
    if (C == '"')
      Out += '"';
    else if (C == '$' || C == '\\')
      Out += '\\';
    Out += C;
  }
  return Value(Out + "\"");
}

Value powershellEscapeFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 1);
  std::string Out;
  for (char C : Args[0].toRubyString()) {
    if (C == '"') {
      Out += "\\`\"";
      continue;
    }
    if (llvm::StringRef(" '`|\n$").contains(C))
      Out += '`';
    Out += C;
  }
  return Value(Out);
}

/// Ruby's Shellwords.shellsplit.
Value shellSplitFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArity(Ctx, Args, 1);
  const std::string Line = Args[0].toRubyString();
  const llvm::StringRef S = Line;
  auto IsSpace = [](char C) {
    return llvm::StringRef(" \t\n\v\f\r").contains(C);
  };
  Array Words;
  std::string Field;
  size_t P = 0;
  for (;;) {
    while (P < S.size() && IsSpace(S[P]))
      ++P;
    if (P == S.size())
      break;
    const char C = S[P];
    if (C == '\'') {
      const size_t End = S.find('\'', P + 1);
      if (End == llvm::StringRef::npos)
        fail(Ctx, "Unmatched quote: " + Value(Line).toRubyInspect());
      Field += S.slice(P + 1, End).str();
      P = End + 1;
    } else if (C == '"') {
      size_t Q = P + 1;
      std::string Text;
      while (Q < S.size() && S[Q] != '"') {
        if (S[Q] == '\\') {
          if (Q + 1 == S.size()) {
            Q = S.size(); // a final backslash leaves the quote open
            break;
          }
          if (!llvm::StringRef("$`\"\\\n").contains(S[Q + 1]))
            Text += '\\';
          Text += S[Q + 1];
          Q += 2;
          continue;
        }
        Text += S[Q++];
      }
      if (Q >= S.size())
        fail(Ctx, "Unmatched quote: " + Value(Line).toRubyInspect());
      Field += Text;
      P = Q + 1;
    } else if (C == '\\') {
      // `\\.?`, then gsub(/\\(.)/, '\1'), whose `.` stops at a newline.
      if (P + 1 < S.size() && S[P + 1] != '\n')
        Field += S[P + 1];
      else
        Field += S.slice(P, P + 2).str();
      P = std::min(P + 2, S.size());
    } else {
      const size_t Begin = P;
      while (P < S.size() && !IsSpace(S[P]) &&
             !llvm::StringRef("\\'\"").contains(S[P]))
        ++P;
      Field += S.slice(Begin, P).str();
    }
    if (P == S.size() || IsSpace(S[P])) {
      Words.push_back(Value(Field));
      Field.clear();
      if (P < S.size())
        ++P;
    }
  }
  return Value(std::move(Words));
}

// --- strings -----------------------------------------------------------------

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

BuiltinFunction lineEndings(bool ToDos) {
  return [ToDos](FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
    checkArity(Ctx, Args, 1);
    if (!Args[0].isString())
      fail(Ctx, Ctx.name().str() + "(): Requires string as argument");
    const std::string &S = Args[0].asString();
    std::string Out;
    for (size_t I = 0; I < S.size(); ++I) {
      if (ToDos) {
        // gsub(/\r*\n/, "\r\n")
        size_t J = I;
        while (J < S.size() && S[J] == '\r')
          ++J;
        if (J < S.size() && S[J] == '\n') {
          Out += "\r\n";
          I = J;
          continue;
        }
      } else if (S[I] == '\r' && I + 1 < S.size() && S[I + 1] == '\n') {
        Out += '\n';
        ++I;
        continue;
      }
      Out += S[I];
    }
    return Value(Out);
  };
}

Value reverseFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.empty())
    fail(Ctx, "reverse(): Wrong number of arguments given (0 for 1)");
  const Value &V = Args[0];
  if (V.isArray()) {
    Array Out(V.asArray().rbegin(), V.asArray().rend());
    return Value(std::move(Out));
  }
  if (!V.isString())
    fail(Ctx, "reverse(): Requires either array or string to work with");
  std::vector<std::string> Chars = utf8Chars(V.asString());
  std::string Out;
  for (auto It = Chars.rbegin(); It != Chars.rend(); ++It)
    Out += *It;
  return Value(Out);
}

/// stdlib's shuffle draws from Ruby's unseeded Kernel#rand: every compile
/// gives another order.
Value shuffleFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.empty())
    fail(Ctx, "shuffle(): Wrong number of arguments given (0 for 1)");
  const Value &V = Args[0];
  if (!V.isArray() && !V.isString())
    fail(Ctx, "shuffle(): Requires either array or string to work with");
  std::vector<Value> Items;
  if (V.isArray())
    Items = V.asArray();
  else
    for (std::string &C : utf8Chars(V.asString()))
      Items.emplace_back(std::move(C));
  std::mt19937_64 Gen{std::random_device{}()};
  for (size_t I = 0; I + 1 < Items.size(); ++I) {
    std::uniform_int_distribution<size_t> Pick(I, Items.size() - 1);
    std::swap(Items[I], Items[Pick(Gen)]);
  }
  if (V.isArray())
    return Value(Array(std::move(Items)));
  std::string Out;
  for (const Value &C : Items)
    Out += C.asString();
  return Value(Out);
}

Value sprintfHashFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 2, 2);
  if (!Args[0].isString())
    argTypeError(Ctx, "format", {"String"}, Args[0]);
  if (!Args[1].isHash())
    argTypeError(Ctx, "arguments", {"Hash"}, Args[1]);
  Ctx.callFunction(
      "deprecation",
      {Value("sprintf_hash"),
       Value("This method is deprecated. From Puppet 4.10.10/5.3.4 "
             "please use the built-in sprintf instead")});
  return Value(formatSprintf(Ctx, Args[0].asString(), Args.drop_front()));
}

// --- collections and numbers -------------------------------------------------

Value rejectFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() != 2)
    fail(Ctx,
         "reject(): Wrong number of arguments given " + count(Args) + " for 2");
  // Regexp.new(args[1]) comes first, with Ruby's RegexpError wording.
  std::shared_ptr<const Regex> Re;
  if (Args[1].isRegexp()) {
    Re = compilePattern(Ctx, Args[1]);
  } else {
    const std::string Source = implicitString(Ctx, Args[1]);
    std::string Error;
    Re = Regex::compile(Source, &Error);
    if (!Re)
      fail(Ctx, Error + ": /" + Source + "/");
  }
  const Value &C = Args[0];
  if (!C.isArray() && !C.isHash())
    fail(Ctx, "undefined method `reject' for " + C.toRubyInspect() + ":" +
                  rubyClass(C));
  // `e =~ pattern`: only strings can match.
  auto Hit = [&](const Value &E) {
    return E.isString() && Re->search(E.asString()).has_value();
  };
  if (C.isHash()) {
    HashData Out;
    for (const auto &[K, V] : C.asHash())
      if (!Hit(K))
        Out.set(K, V);
    return Value(std::move(Out));
  }
  Array Out;
  for (const Value &E : C.asArray())
    if (!Hit(E))
      Out.push_back(E);
  return Value(std::move(Out));
}

void flattenInto(const Value &V, std::vector<Value> &Out) {
  if (!V.isArray()) {
    Out.push_back(V);
    return;
  }
  for (const Value &E : V.asArray())
    flattenInto(E, Out);
}

Value clampFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  std::vector<Value> Flat;
  for (const Value &A : Args)
    flattenInto(A, Flat);
  if (Flat.size() != 3)
    fail(Ctx, "clamp(): Wrong number of arguments, need three to clamp");
  static const std::shared_ptr<const Regex> Digits = Regex::compile("^\\d+$");
  std::vector<int64_t> Nums;
  for (const Value &V : Flat) {
    if (V.isString() && !Digits->search(V.asString()))
      fail(Ctx,
           "clamp(): Required explicit numeric (" + V.asString() + ":String)");
    if (V.isHash())
      fail(Ctx,
           "clamp(): The Hash type is not allowed (" + V.toRubyString() + ")");
  }
  for (const Value &V : Flat) {
    if (!V.isString() && !V.isNumber())
      fail(Ctx, "undefined method `to_i' for " + V.toRubyInspect() + ":" +
                    rubyClass(V));
    Nums.push_back(rubyToI(V));
  }
  std::sort(Nums.begin(), Nums.end());
  return Value(Nums[1]);
}

Value isAFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 2, 2);
  if (!Args[1].isType())
    argTypeError(Ctx, "type", {"Type"}, Args[1]);
  return Value(types::isInstance(Args[1].asType(), Args[0]));
}

// --- digests -----------------------------------------------------------------

Value fqdnUuidFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.empty())
    fail(Ctx, "fqdn_uuid: No arguments given");
  if (Args.size() != 1)
    fail(Ctx, "fqdn_uuid: Too many arguments given (" + count(Args) + ")");
  static const unsigned char DnsNamespace[] = {
      0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1,
      0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
  std::string Data(reinterpret_cast<const char *>(DnsNamespace),
                   sizeof(DnsNamespace));
  Data += implicitString(Ctx, Args[0]);
  std::array<unsigned char, EVP_MAX_MD_SIZE> Digest{};
  unsigned Len = 0;
  EVP_Digest(Data.data(), Data.size(), Digest.data(), &Len, EVP_sha1(),
             nullptr);
  Digest[6] = (Digest[6] & 0x0f) | 0x50;
  Digest[8] = (Digest[8] & 0x3f) | 0x80;
  std::string Out;
  size_t At = 0;
  for (size_t Group : {4, 2, 2, 2, 6}) {
    if (!Out.empty())
      Out += '-';
    Out += llvm::toHex(llvm::ArrayRef<uint8_t>(Digest.data() + At, Group),
                       /*LowerCase=*/true);
    At += Group;
  }
  return Value(Out);
}

// --- modules -----------------------------------------------------------------

/// The directory of module Name on the modulepath (Puppet::Module.find).
std::optional<std::string> moduleDir(FunctionContext &Ctx, const Value &Name) {
  static const std::shared_ptr<const Regex> ValidName =
      Regex::compile("\\A[a-z][a-z0-9_]*\\z");
  if (!Name.isString() || !ValidName->matches(Name.asString()))
    return std::nullopt;
  std::optional<std::string> Dot = Ctx.moduleFile(Name.asString() + "/.", "");
  if (!Dot)
    return std::nullopt;
  llvm::StringRef Dir = *Dot;
  return Dir.drop_back(2).str();
}

std::string getModulePath(FunctionContext &Ctx, const Value &Name) {
  std::optional<std::string> Dir = moduleDir(Ctx, Name);
  if (!Dir) {
    std::optional<Value> Env = Ctx.variable("::environment");
    fail(Ctx, "Could not find module " + Name.toRubyString() +
                  " in environment " +
                  (Env ? Env->toRubyString() : std::string("production")));
  }
  return *Dir;
}

Value getModulePathFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() != 1)
    fail(Ctx, "get_module_path(): Wrong number of arguments, expects one");
  return Value(getModulePath(Ctx, Args[0]));
}

/// Puppet's PSON parser (puppet/external/pson/pure/parser.rb): a document
/// is objects and arrays only, with // and /* */ comments; PSON.load
/// allows NaN and (-)Infinity and any depth; an unterminated collection
/// ends at the end of the text; errors are worded as PSON words them.
class PsonParser {
public:
  explicit PsonParser(llvm::StringRef Text) : S(Text) {}

  /// The document's value, or nullopt with Error set.
  std::optional<Value> parse() {
    std::optional<Value> Result;
    while (P < S.size()) {
      if (S[P] == '{' || S[P] == '[') {
        const bool Object = S[P++] == '{';
        if (Result)
          return failAt("source '", "' not in PSON!");
        Result = Object ? parseObject() : parseArray();
        if (!Error.empty())
          return std::nullopt;
      } else if (!skipIgnored()) {
        return failAt("source '", "' not in PSON!");
      }
    }
    if (!Result)
      Error = "source did not contain any PSON!";
    return Result;
  }

  std::string Error;

private:
  llvm::StringRef S;
  size_t P = 0;

  std::nullopt_t failAt(llvm::StringRef Before, llvm::StringRef After) {
    if (Error.empty())
      Error = Before.str() + S.substr(P, 20).str() + After.str();
    return std::nullopt;
  }

  /// Whitespace and comments; false if there were none.
  bool skipIgnored() {
    const size_t Start = P;
    for (;;) {
      if (P < S.size() && llvm::StringRef(" \t\r\n").contains(S[P])) {
        ++P;
      } else if (S.substr(P).startswith("//")) {
        const size_t End = S.find_first_of("\r\n", P);
        if (End == llvm::StringRef::npos)
          break;
        P = End + 1;
      } else if (S.substr(P).startswith("/*")) {
        const size_t End = S.find("*/", P + 2);
        if (End == llvm::StringRef::npos)
          break;
        P = End + 2;
      } else {
        break;
      }
    }
    return P > Start;
  }

  bool scan(char C) {
    if (P < S.size() && S[P] == C) {
      ++P;
      return true;
    }
    return false;
  }

  bool scanWord(llvm::StringRef W) {
    if (!S.substr(P).startswith(W))
      return false;
    P += W.size();
    return true;
  }

  size_t digitsAt(size_t Q) const {
    size_t N = 0;
    while (Q + N < S.size() && llvm::isDigit(S[Q + N]))
      ++N;
    return N;
  }

  /// FLOAT or INTEGER of the PSON grammar.
  std::optional<Value> parseNumber() {
    size_t Q = P;
    if (Q < S.size() && S[Q] == '-')
      ++Q;
    if (Q >= S.size() || !llvm::isDigit(S[Q]))
      return std::nullopt;
    Q += S[Q] == '0' ? 1 : digitsAt(Q);
    const size_t IntEnd = Q;
    bool Float = false;
    if (Q < S.size() && S[Q] == '.' && digitsAt(Q + 1)) {
      Q += 1 + digitsAt(Q + 1);
      Float = true;
    }
    if (Q < S.size() && (S[Q] == 'e' || S[Q] == 'E')) {
      size_t E = Q + 1;
      if (E < S.size() && (S[E] == '+' || S[E] == '-'))
        ++E;
      if (digitsAt(E)) {
        Q = E + digitsAt(E);
        Float = true;
      }
    }
    const std::string Text = S.slice(P, Float ? Q : IntEnd).str();
    P = Float ? Q : IntEnd;
    if (Float)
      return Value(std::strtod(Text.c_str(), nullptr));
    int64_t I = 0;
    if (llvm::StringRef(Text).getAsInteger(10, I))
      return Value(std::strtod(Text.c_str(), nullptr));
    return Value(I);
  }

  /// A string; nullopt (P unchanged) when the text there is none.
  std::optional<std::string> parseString() {
    if (P >= S.size() || S[P] != '"')
      return std::nullopt;
    std::string Out;
    size_t Q = P + 1;
    while (Q < S.size() && S[Q] != '"') {
      const unsigned char C = S[Q];
      if (C < 0x20)
        return std::nullopt;
      if (C != '\\') {
        Out += S[Q++];
        continue;
      }
      if (Q + 1 >= S.size())
        return std::nullopt;
      const char E = S[Q + 1];
      if (static_cast<unsigned char>(E) < 0x20)
        return std::nullopt;
      if (E == 'u') {
        // \uXXXX: Puppet 7 only decodes code units below 0x80 per byte.
        unsigned Unit = 0;
        if (S.substr(Q + 2, 4).size() != 4 ||
            S.substr(Q + 2, 4).getAsInteger(16, Unit))
          return std::nullopt;
        if ((Unit >> 8) >= 0x80 || (Unit & 0xff) >= 0x80) {
          Error = "Caught Encoding::InvalidByteSequenceError: invalid \\u "
                  "escape in PSON string";
          return std::nullopt;
        }
        Out += encodeUtf8(Unit);
        Q += 6;
        continue;
      }
      static const llvm::StringRef From = "\"\\/bfnrt", To = "\"\\/\b\f\n\r\t";
      const size_t K = From.find(E);
      Out += K == llvm::StringRef::npos ? E : To[K];
      Q += 2;
    }
    if (Q >= S.size())
      return std::nullopt;
    P = Q + 1;
    return Out;
  }

  static std::string encodeUtf8(unsigned CP) {
    std::string Out;
    if (CP < 0x80) {
      Out += static_cast<char>(CP);
    } else if (CP < 0x800) {
      Out += static_cast<char>(0xc0 | CP >> 6);
      Out += static_cast<char>(0x80 | (CP & 0x3f));
    } else {
      Out += static_cast<char>(0xe0 | CP >> 12);
      Out += static_cast<char>(0x80 | (CP >> 6 & 0x3f));
      Out += static_cast<char>(0x80 | (CP & 0x3f));
    }
    return Out;
  }

  /// A value; nullopt (P unchanged) when there is none here.
  std::optional<Value> parseValue() {
    if (std::optional<Value> N = parseNumber())
      return N;
    if (scanWord("true"))
      return Value(true);
    if (scanWord("false"))
      return Value(false);
    if (scanWord("null"))
      return Value();
    if (std::optional<std::string> Str = parseString())
      return Value(std::move(*Str));
    if (!Error.empty())
      return std::nullopt;
    if (scan('[') || scan('{')) {
      return S[P - 1] == '{' ? parseObject() : parseArray();
    }
    if (scanWord("NaN"))
      return Value(std::nan(""));
    if (scanWord("Infinity"))
      return Value(HUGE_VAL);
    if (scanWord("-Infinity"))
      return Value(-HUGE_VAL);
    return std::nullopt;
  }

  std::optional<Value> parseArray() {
    Array Out;
    bool Delim = false;
    while (P < S.size()) {
      if (std::optional<Value> V = parseValue()) {
        Delim = false;
        Out.push_back(std::move(*V));
        skipIgnored();
        if (scan(','))
          Delim = true;
        else if (P >= S.size() || S[P] != ']')
          return failAt("expected ',' or ']' in array at '", "'!");
      } else if (!Error.empty()) {
        return std::nullopt;
      } else if (scan(']')) {
        if (Delim)
          return failAt("expected next element in array at '", "'!");
        break;
      } else if (!skipIgnored()) {
        return failAt("unexpected token in array at '", "'!");
      }
    }
    return Value(std::move(Out));
  }

  std::optional<Value> parseObject() {
    HashData Out;
    bool Delim = false;
    while (P < S.size()) {
      if (std::optional<std::string> Key = parseString()) {
        skipIgnored();
        if (!scan(':'))
          return failAt("expected ':' in object at '", "'!");
        skipIgnored();
        std::optional<Value> V = parseValue();
        if (!V)
          return failAt("expected value in object at '", "'!");
        Out.set(Value(std::move(*Key)), std::move(*V));
        Delim = false;
        skipIgnored();
        if (scan(','))
          Delim = true;
        else if (P >= S.size() || S[P] != '}')
          return failAt("expected ',' or '}' in object at '", "'!");
      } else if (!Error.empty()) {
        return std::nullopt;
      } else if (scan('}')) {
        if (Delim)
          return failAt("expected next name, value pair in object at '", "'!");
        break;
      } else if (!skipIgnored()) {
        return failAt("unexpected token in object at '", "'!");
      }
    }
    return Value(std::move(Out));
  }
};

/// PSON.load; nullopt with Error set on a parse error.
std::optional<Value> parsePson(const std::string &Text, std::string &Error) {
  PsonParser Parser(Text);
  std::optional<Value> V = Parser.parse();
  Error = Parser.Error;
  return V;
}

Value loadModuleMetadataFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() != 1 && Args.size() != 2)
    fail(Ctx, "load_module_metadata(): Wrong number of arguments, expects one "
              "or two");
  // A second argument allows a missing metadata.json; only false (or none)
  // is false to Ruby, undef arrives as ''.
  const bool AllowEmpty =
      Args.size() == 2 && !(Args[1].isBoolean() && !Args[1].asBoolean());
  const std::string Path = getModulePath(Ctx, Args[0]) + "/metadata.json";
  std::ifstream In(Path);
  if (!In) {
    if (!AllowEmpty)
      fail(Ctx, "load_module_metadata(): No metadata.json file for module " +
                    Args[0].toRubyString());
    return Value(HashData());
  }
  std::stringstream SS;
  SS << In.rdbuf();
  std::string Error;
  std::optional<Value> V = parsePson(SS.str(), Error);
  if (!V)
    fail(Ctx, Error);
  return *V;
}

Value parsepsonFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 2);
  if (!Args[0].isString() || Args[0].asString().empty())
    argTypeError(Ctx, "pson_string", {"String[1]"}, Args[0]);
  std::string Error;
  std::optional<Value> V = parsePson(Args[0].asString(), Error);
  if (V)
    return *V;
  if (Args.size() > 1)
    return Args[1];
  fail(Ctx, Error);
}

// --- glob --------------------------------------------------------------------

/// Ruby's brace expansion ({a,b}, nested), done before matching.
void expandBraces(const std::string &P, std::vector<std::string> &Out) {
  size_t Open = std::string::npos;
  for (size_t I = 0; I < P.size(); ++I) {
    if (P[I] == '\\') {
      ++I;
      continue;
    }
    if (P[I] == '{') {
      Open = I;
      break;
    }
  }
  size_t Close = std::string::npos;
  std::vector<size_t> Commas;
  int Depth = 0;
  for (size_t I = Open; Open != std::string::npos && I < P.size(); ++I) {
    if (P[I] == '\\') {
      ++I;
    } else if (P[I] == '{') {
      ++Depth;
    } else if (P[I] == '}' && --Depth == 0) {
      Close = I;
      break;
    } else if (P[I] == ',' && Depth == 1) {
      Commas.push_back(I);
    }
  }
  if (Close == std::string::npos) {
    Out.push_back(P);
    return;
  }
  const std::string Prefix = P.substr(0, Open), Suffix = P.substr(Close + 1);
  size_t Begin = Open + 1;
  Commas.push_back(Close);
  for (size_t End : Commas) {
    std::string Alternative = Prefix;
    Alternative += P.substr(Begin, End - Begin);
    Alternative += Suffix;
    expandBraces(Alternative, Out);
    Begin = End + 1;
  }
}

bool hasGlobMagic(llvm::StringRef Seg) {
  for (size_t I = 0; I < Seg.size(); ++I) {
    if (Seg[I] == '\\')
      ++I;
    else if (Seg[I] == '*' || Seg[I] == '?' || Seg[I] == '[')
      return true;
  }
  return false;
}

std::string unescapeGlob(llvm::StringRef Seg) {
  std::string Out;
  for (size_t I = 0; I < Seg.size(); ++I) {
    if (Seg[I] == '\\' && I + 1 < Seg.size())
      ++I;
    Out += Seg[I];
  }
  return Out;
}

/// Ruby's Dir.glob for one pattern without braces: entries sorted by name
/// in each directory, depth first; wildcards do not match a leading '.';
/// `**/` descends into directories that are neither hidden nor symbolic
/// links; a trailing '/' matches directories only.
class Globber {
public:
  Globber(llvm::StringRef Pattern, std::vector<std::string> &Out) : Out(Out) {
    llvm::StringRef P = Pattern;
    if (P.startswith("/")) {
      Root = "/";
      P = P.drop_front();
    }
    llvm::SmallVector<llvm::StringRef, 8> Parts;
    P.split(Parts, '/');
    for (llvm::StringRef S : Parts)
      Segs.push_back(S.str());
  }

  void run() {
    if (Root.empty() && Segs.size() == 1 && Segs[0].empty())
      return;
    walk(Root, {0});
  }

private:
  std::vector<std::string> Segs;
  std::string Root;
  std::vector<std::string> &Out;

  bool recursive(size_t P) const {
    return P + 1 < Segs.size() && Segs[P] == "**";
  }
  bool trailingSlash(size_t P) const {
    return P + 1 == Segs.size() && Segs[P].empty() && P > 0;
  }
  static std::string join(const std::string &Dir, llvm::StringRef Name) {
    if (Dir.empty())
      return Name.str();
    if (Dir == "/")
      return "/" + Name.str();
    return Dir + "/" + Name.str();
  }

  void walk(const std::string &Path, std::vector<size_t> Ps) {
    // `**/` also matches no directory at all.
    for (size_t I = 0; I < Ps.size(); ++I)
      if (recursive(Ps[I]) &&
          std::find(Ps.begin(), Ps.end(), Ps[I] + 1) == Ps.end())
        Ps.push_back(Ps[I] + 1);
    std::sort(Ps.begin(), Ps.end());
    bool Magic = false;
    for (size_t P : Ps) {
      if (P == Segs.size()) {
        Out.push_back(Path);
      } else if (trailingSlash(P)) {
        if (!Path.empty() && llvm::sys::fs::is_directory(Path))
          Out.push_back(Path + "/");
      } else {
        Magic = Magic || hasGlobMagic(Segs[P]) || Segs[P] == "**";
      }
    }
    if (!Magic) {
      for (size_t P : Ps) {
        if (P == Segs.size() || trailingSlash(P))
          continue;
        const std::string Next = join(Path, unescapeGlob(Segs[P]));
        llvm::sys::fs::file_status St;
        if (!llvm::sys::fs::status(Next, St, /*follow=*/false))
          walk(Next, {P + 1});
      }
      return;
    }
    std::error_code EC;
    std::vector<std::string> Names = {"."};
    for (llvm::sys::fs::directory_iterator It(Path.empty() ? "." : Path, EC),
         End;
         !EC && It != End; It.increment(EC))
      Names.push_back(llvm::sys::path::filename(It->path()).str());
    std::sort(Names.begin(), Names.end());
    for (const std::string &Name : Names) {
      const std::string Next = join(Path, Name);
      std::vector<size_t> NextPs;
      for (size_t P : Ps) {
        if (P == Segs.size() || trailingSlash(P))
          continue;
        if (recursive(P)) {
          llvm::sys::fs::file_status St;
          if (Name[0] != '.' &&
              !llvm::sys::fs::status(Next, St, /*follow=*/false) &&
              St.type() == llvm::sys::fs::file_type::directory_file)
            NextPs.push_back(P);
          continue;
        }
        const std::string Pat = Segs[P] == "**" ? "*" : Segs[P];
        if (fnmatch(Pat.c_str(), Name.c_str(), FNM_PERIOD) == 0)
          NextPs.push_back(P + 1);
      }
      if (!NextPs.empty())
        walk(Next, NextPs);
    }
  }
};

Value globFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() != 1)
    fail(Ctx,
         "glob(): Wrong number of arguments given (" + count(Args) + " for 1)");
  const Value &P = Args[0];
  if (!P.isString() && !P.isArray())
    fail(Ctx, "glob(): Requires either array or string to work");
  const Array Patterns = P.isArray() ? P.asArray() : Array{P};
  std::vector<std::string> Found;
  for (const Value &Pattern : Patterns) {
    std::vector<std::string> Expanded;
    expandBraces(implicitString(Ctx, Pattern), Expanded);
    for (const std::string &E : Expanded)
      Globber(E, Found).run();
  }
  Array Out;
  for (std::string &F : Found)
    Out.push_back(Value(std::move(F)));
  return Value(std::move(Out));
}

// --- pw_hash -----------------------------------------------------------------

struct EvpMdCtxDeleter {
  void operator()(EVP_MD_CTX *C) const { EVP_MD_CTX_free(C); }
};

/// One digest over the concatenation of Parts.
std::string digestOf(const EVP_MD *Md,
                     std::initializer_list<llvm::StringRef> Parts) {
  std::unique_ptr<EVP_MD_CTX, EvpMdCtxDeleter> C(EVP_MD_CTX_new());
  std::array<unsigned char, EVP_MAX_MD_SIZE> Buf{};
  unsigned Len = 0;
  if (!C || !EVP_DigestInit_ex(C.get(), Md, nullptr))
    return "";
  for (llvm::StringRef P : Parts)
    EVP_DigestUpdate(C.get(), P.data(), P.size());
  EVP_DigestFinal_ex(C.get(), Buf.data(), &Len);
  return std::string(reinterpret_cast<const char *>(Buf.data()), Len);
}

/// Digest bytes repeated (and cut) to Len bytes.
std::string repeatTo(llvm::StringRef Bytes, size_t Len) {
  std::string Out;
  while (Out.size() < Len)
    Out += Bytes.take_front(Len - Out.size()).str();
  return Out;
}

/// crypt(3)'s base-64 of three bytes, N characters, low bits first.
void cryptB64(std::string &Out, unsigned char B2, unsigned char B1,
              unsigned char B0, int N) {
  static const char Chars[] =
      "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  uint32_t W = (B2 << 16) | (B1 << 8) | B0;
  for (int I = 0; I < N; ++I, W >>= 6)
    Out += Chars[W & 63];
}

/// crypt(3) with "$1$" (MD5-crypt, Kamp's algorithm).
std::string md5Crypt(llvm::StringRef Pw, llvm::StringRef Salt) {
  Salt = Salt.take_front(8);
  const EVP_MD *Md = EVP_md5();
  const std::string Alt = digestOf(Md, {Pw, Salt, Pw});
  std::string Input = Pw.str() + "$1$" + Salt.str();
  Input += repeatTo(Alt, Pw.size());
  for (size_t I = Pw.size(); I; I >>= 1)
    Input += (I & 1) ? std::string(1, '\0') : Pw.take_front(1).str();
  std::string Final = digestOf(Md, {Input});
  for (int I = 0; I < 1000; ++I) {
    std::string Round = (I & 1) ? Pw.str() : Final;
    if (I % 3)
      Round += Salt.str();
    if (I % 7)
      Round += Pw.str();
    Round += (I & 1) ? Final : Pw.str();
    Final = digestOf(Md, {Round});
  }
  auto B = [&](int I) { return static_cast<unsigned char>(Final[I]); };
  std::string Out = "$1$" + Salt.str() + "$";
  for (int I = 0; I < 5; ++I)
    cryptB64(Out, B(I), B(I + 6), I == 4 ? B(5) : B(I + 12), 4);
  cryptB64(Out, 0, 0, B(11), 2);
  return Out;
}

/// crypt(3) with "$5$" or "$6$" (Drepper's SHA-crypt, 5000 rounds).
std::string shaCrypt(llvm::StringRef Pw, llvm::StringRef Salt, bool Sha512) {
  Salt = Salt.take_front(16);
  const EVP_MD *Md = Sha512 ? EVP_sha512() : EVP_sha256();
  const std::string B = digestOf(Md, {Pw, Salt, Pw});
  std::string Input = Pw.str() + Salt.str() + repeatTo(B, Pw.size());
  for (size_t I = Pw.size(); I; I >>= 1)
    Input += (I & 1) ? B : Pw.str();
  std::string A = digestOf(Md, {Input});
  std::string PwAll;
  for (size_t I = 0; I < Pw.size(); ++I)
    PwAll += Pw.str();
  const std::string P = repeatTo(digestOf(Md, {PwAll}), Pw.size());
  std::string SaltAll;
  for (int I = 0; I < 16 + static_cast<unsigned char>(A[0]); ++I)
    SaltAll += Salt.str();
  const std::string S = repeatTo(digestOf(Md, {SaltAll}), Salt.size());
  for (int I = 0; I < 5000; ++I) {
    std::string Round = (I & 1) ? P : A;
    if (I % 3)
      Round += S;
    if (I % 7)
      Round += P;
    Round += (I & 1) ? A : P;
    A = digestOf(Md, {Round});
  }
  auto At = [&](int I) { return static_cast<unsigned char>(A[I]); };
  std::string Out = std::string(Sha512 ? "$6$" : "$5$") + Salt.str() + "$";
  if (Sha512) {
    static const int Order[21][3] = {
        {0, 21, 42},  {22, 43, 1},  {44, 2, 23},  {3, 24, 45},  {25, 46, 4},
        {47, 5, 26},  {6, 27, 48},  {28, 49, 7},  {50, 8, 29},  {9, 30, 51},
        {31, 52, 10}, {53, 11, 32}, {12, 33, 54}, {34, 55, 13}, {56, 14, 35},
        {15, 36, 57}, {37, 58, 16}, {59, 17, 38}, {18, 39, 60}, {40, 61, 19},
        {62, 20, 41}};
    for (const auto &T : Order)
      cryptB64(Out, At(T[0]), At(T[1]), At(T[2]), 4);
    cryptB64(Out, 0, 0, At(63), 2);
  } else {
    static const int Order[10][3] = {
        {0, 10, 20}, {21, 1, 11}, {12, 22, 2}, {3, 13, 23}, {24, 4, 14},
        {15, 25, 5}, {6, 16, 26}, {27, 7, 17}, {18, 28, 8}, {9, 19, 29}};
    for (const auto &T : Order)
      cryptB64(Out, At(T[0]), At(T[1]), At(T[2]), 4);
    cryptB64(Out, 0, At(31), At(30), 3);
  }
  return Out;
}

Value pwHashFn(FunctionContext &Ctx, llvm::ArrayRef<Value> RawArgs) {
  checkArity(Ctx, RawArgs, 3);
  std::vector<Value> Args;
  for (const Value &A : RawArgs)
    Args.push_back(A.isSensitive() ? A.sensitiveValue() : A);
  if (!Args[0].isString())
    fail(Ctx, "pw_hash(): first argument must be a string");
  if (!Args[1].isString())
    fail(Ctx, "pw_hash(): second argument must be a string");
  const std::string Type = llvm::StringRef(Args[1].asString()).lower();
  const bool Bcrypt = llvm::StringRef(Type).startswith("bcrypt");
  if (Type != "md5" && Type != "sha-256" && Type != "sha-512" &&
      Type != "bcrypt" && Type != "bcrypt-a" && Type != "bcrypt-x" &&
      Type != "bcrypt-y")
    fail(Ctx, "pw_hash(): " + Args[1].asString() + " is not a valid hash type");
  if (!Args[2].isString())
    fail(Ctx, "pw_hash(): third argument must be a string");
  const std::string &Salt = Args[2].asString();
  if (Salt.empty())
    fail(Ctx, "pw_hash(): third argument must not be empty");
  static const std::shared_ptr<const Regex> BcryptSalt =
      Regex::compile("^[0-9]{2}\\$[./A-Za-z0-9]{22}");
  static const std::shared_ptr<const Regex> PlainSalt =
      Regex::compile("\\A[a-zA-Z0-9./]+\\z");
  if (Bcrypt ? !BcryptSalt->matches(Salt) : !PlainSalt->matches(Salt))
    fail(Ctx, std::string("pw_hash(): characters in salt must ") +
                  (Bcrypt ? "match (?-mix:^[0-9]{2}\\$[.\\/A-Za-z0-9]{22})"
                          : "be in the set [a-zA-Z0-9./]"));
  const std::string &Pw = Args[0].asString();
  if (Pw.empty())
    return Value();
  if (Bcrypt)
    fail(Ctx, "pw_hash(): cppet does not implement " + Type +
                  " (crypt(3) with Blowfish)");
  if (Type == "md5")
    return Value(md5Crypt(Pw, Salt));
  return Value(shaCrypt(Pw, Salt, Type == "sha-512"));
}

// --- seeded_rand_string ------------------------------------------------------

/// Ruby's Random (MT19937, random.c): seeded by init_by_array with a big
/// integer's 32-bit words, rand(n) by limited_rand's masked retries. The
/// same generator as fqdn_rand's in FnDigests.cpp, which draws only once;
/// seeded_rand_string needs the sequence.
class RubyRandom {
public:
  /// Seed: a big integer in hex (Digest#hexdigest(...).to_i(16)).
  explicit RubyRandom(llvm::StringRef SeedHex) {
    initByArray(seedWords(SeedHex));
  }

  /// rand(Max) for 0 < Max < 2**32.
  uint32_t rand(uint32_t Max) {
    const uint32_t Limit = Max - 1;
    uint32_t Mask = Limit;
    for (int S = 1; S < 32; S <<= 1)
      Mask |= Mask >> S;
    for (;;) {
      const uint32_t V = next() & Mask;
      if (V <= Limit)
        return V;
    }
  }

private:
  static constexpr int N = 624, M = 397;
  std::array<uint32_t, N> State{};
  int Index = N;

  static std::vector<uint32_t> seedWords(llvm::StringRef Hex) {
    std::vector<uint32_t> Words;
    for (size_t End = Hex.size(); End > 0;) {
      const size_t Begin = End >= 8 ? End - 8 : 0;
      uint32_t W = 0;
      Hex.slice(Begin, End).getAsInteger(16, W);
      Words.push_back(W);
      End = Begin;
    }
    while (Words.size() > 1 && Words.back() == 0)
      Words.pop_back();
    if (Words.empty())
      Words.push_back(0);
    if (Words.size() > 1 && Words.back() == 1)
      Words.pop_back();
    return Words;
  }

  uint32_t next() {
    if (Index >= N)
      generate();
    uint32_t Y = State[Index++];
    Y ^= Y >> 11;
    Y ^= (Y << 7) & 0x9d2c5680U;
    Y ^= (Y << 15) & 0xefc60000U;
    Y ^= Y >> 18;
    return Y;
  }

  void initByArray(llvm::ArrayRef<uint32_t> Key) {
    State[0] = 19650218U;
    for (int I = 1; I < N; ++I)
      State[I] = 1812433253U * (State[I - 1] ^ (State[I - 1] >> 30)) + I;
    int I = 1, J = 0;
    const int Len = static_cast<int>(Key.size());
    for (int K = std::max(N, Len); K; --K) {
      State[I] =
          (State[I] ^ ((State[I - 1] ^ (State[I - 1] >> 30)) * 1664525U)) +
          Key[J] + J;
      if (++I >= N) {
        State[0] = State[N - 1];
        I = 1;
      }
      if (++J >= Len)
        J = 0;
    }
    for (int K = N - 1; K; --K) {
      State[I] =
          (State[I] ^ ((State[I - 1] ^ (State[I - 1] >> 30)) * 1566083941U)) -
          I;
      if (++I >= N) {
        State[0] = State[N - 1];
        I = 1;
      }
    }
    State[0] = 0x80000000U;
    Index = N;
  }

  void generate() {
    auto Mix = [](uint32_t U, uint32_t V) {
      return ((U & 0x80000000U) | (V & 0x7fffffffU)) >> 1 ^
             ((V & 1U) ? 0x9908b0dfU : 0U);
    };
    int K = 0;
    for (; K < N - M; ++K)
      State[K] = State[K + M] ^ Mix(State[K], State[K + 1]);
    for (; K < N - 1; ++K)
      State[K] = State[K + M - N] ^ Mix(State[K], State[K + 1]);
    State[N - 1] = State[M - 1] ^ Mix(State[N - 1], State[0]);
    Index = 0;
  }
};

Value seededRandStringFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 2, 3);
  checkParam(Ctx, "length", types::makeInteger(1, INT64_MAX), Args[0]);
  if (!Args[1].isString())
    argTypeError(Ctx, "seed", {"String"}, Args[1]);
  std::vector<std::string> Charset;
  if (Args.size() > 2) {
    checkParam(Ctx, "charset", types::makeString(2, INT64_MAX), Args[2]);
    Charset = utf8Chars(Args[2].asString());
  } else {
    Charset = utf8Chars(
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> Digest{};
  unsigned Len = 0;
  const std::string &Seed = Args[1].asString();
  EVP_Digest(Seed.data(), Seed.size(), Digest.data(), &Len, EVP_sha256(),
             nullptr);
  RubyRandom Rng(llvm::toHex(llvm::ArrayRef<uint8_t>(Digest.data(), Len),
                             /*LowerCase=*/true));
  std::string Out;
  for (int64_t I = 0; I < Args[0].asInteger(); ++I)
    Out += Charset[Rng.rand(static_cast<uint32_t>(Charset.size()))];
  return Value(Out);
}

// --- facts -------------------------------------------------------------------

/// A variable as a 3.x function's lookupvar sees it (nil when unknown).
Value lookupVar(FunctionContext &Ctx, llvm::StringRef Name) {
  std::optional<Value> V = Ctx.variable(Name);
  return V ? *V : Value();
}

bool hasInterfaceWith(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  const Value Interfaces = lookupVar(Ctx, "interfaces");
  if (Interfaces.isUndef())
    return false;
  llvm::SmallVector<llvm::StringRef, 8> Names;
  const std::string List = Interfaces.toRubyString();
  llvm::StringRef(List).split(Names, ',', -1, /*KeepEmpty=*/false);
  if (Args.size() == 1)
    return llvm::any_of(Names, [&](llvm::StringRef N) {
      return rubyEquals(Value(N), Args[0]);
    });
  const std::string Kind = Args[0].toRubyString();
  if (rubyEquals(lookupVar(Ctx, Kind), Args[1]))
    return true;
  for (llvm::StringRef N : Names)
    if (rubyEquals(Args[1], lookupVar(Ctx, Kind + "_" + N.lower())))
      return true;
  return false;
}

Value hasInterfaceWithFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.empty() || Args.size() > 2)
    fail(Ctx, "has_interface_with(): Wrong number of arguments given (" +
                  count(Args) + " for 1 or 2)");
  return Value(hasInterfaceWith(Ctx, Args));
}

BuiltinFunction hasAddressOfKind(const char *Kind) {
  return [Kind](FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
    if (Args.size() != 1)
      fail(Ctx, Ctx.name().str() + "(): Wrong number of arguments given (" +
                    count(Args) + " for 1)");
    return Value(hasInterfaceWith(Ctx, {Value(Kind), Args[0]}));
  };
}

/// stdlib's pry starts a debugger (the pry gem) from the compiling Ruby
/// process; cppet has none, which is what Puppet says without the gem.
Value pryFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  (void)Args;
  fail(Ctx, "pry(): Requires the 'pry' rubygem to use, but it was not found");
}

} // namespace

void cppet::stdlibfn::registerStdlibMoreFunctions(FunctionRegistry &R) {
  add3(R, "base64", base64Fn);
  add4(R, "batch_escape", batchEscapeFn);
  add4(R, "powershell_escape", powershellEscapeFn);
  add3(R, "shell_split", shellSplitFn);
  // Puppet 7's own camelcase takes precedence over stdlib's.
  R.add("camelcase", camelcaseFn);
  add3(R, "dos2unix", lineEndings(false));
  add3(R, "unix2dos", lineEndings(true));
  add3(R, "reverse", reverseFn);
  add3(R, "shuffle", shuffleFn);
  add4(R, "sprintf_hash", sprintfHashFn);
  add3(R, "reject", rejectFn);
  add3(R, "clamp", clampFn);
  add4(R, "is_a", isAFn);
  add3(R, "fqdn_uuid", fqdnUuidFn);
  add3(R, "get_module_path", getModulePathFn);
  add3(R, "load_module_metadata", loadModuleMetadataFn);
  add4(R, "parsepson", parsepsonFn);
  add3(R, "has_interface_with", hasInterfaceWithFn);
  add3(R, "has_ip_address", hasAddressOfKind("ipaddress"));
  add3(R, "has_ip_network", hasAddressOfKind("network"));
  add3(R, "pry", pryFn);
  add3(R, "glob", globFn);
  add3(R, "pw_hash", pwHashFn);
  add4(R, "seeded_rand_string", seededRandStringFn);
}
