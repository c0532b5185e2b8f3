//===- FnStdlibMore.cpp - More puppetlabs-stdlib functions ----------------===//
//
// Functions of puppetlabs-stdlib (lib/puppet/functions and
// lib/puppet/parser/functions of Debian's package) not in the other
// FnStdlib*.cpp files.
//
//===----------------------------------------------------------------------===//
#include "FnStdlibSupport.h"
#include "Hocon.h"

#include "cppet/Compile/Hiera.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <openssl/evp.h>

#include <fnmatch.h>

#include <cstring>

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

/// Ruby's pack('m'): lines of 60 characters, each ended by a newline.
std::string base64EncodeLines(llvm::StringRef In) {
  const std::string Flat = base64Encode(In);
  std::string Out;
  for (size_t I = 0; I < Flat.size(); I += 60)
    Out += Flat.substr(I, 60) + "\n";
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

/// Blowfish's initial state: the fractional hexadecimal digits of pi, the
/// P-array (18 words) and then the four S-boxes (256 words each).
const uint32_t BlowfishPi[18 + 4 * 256] = {
    0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0,
    0x082efa98, 0xec4e6c89, 0x452821e6, 0x38d01377, 0xbe5466cf, 0x34e90c6c,
    0xc0ac29b7, 0xc97c50dd, 0x3f84d5b5, 0xb5470917, 0x9216d5d9, 0x8979fb1b,
    0xd1310ba6, 0x98dfb5ac, 0x2ffd72db, 0xd01adfb7, 0xb8e1afed, 0x6a267e96,
    0xba7c9045, 0xf12c7f99, 0x24a19947, 0xb3916cf7, 0x0801f2e2, 0x858efc16,
    0x636920d8, 0x71574e69, 0xa458fea3, 0xf4933d7e, 0x0d95748f, 0x728eb658,
    0x718bcd58, 0x82154aee, 0x7b54a41d, 0xc25a59b5, 0x9c30d539, 0x2af26013,
    0xc5d1b023, 0x286085f0, 0xca417918, 0xb8db38ef, 0x8e79dcb0, 0x603a180e,
    0x6c9e0e8b, 0xb01e8a3e, 0xd71577c1, 0xbd314b27, 0x78af2fda, 0x55605c60,
    0xe65525f3, 0xaa55ab94, 0x57489862, 0x63e81440, 0x55ca396a, 0x2aab10b6,
    0xb4cc5c34, 0x1141e8ce, 0xa15486af, 0x7c72e993, 0xb3ee1411, 0x636fbc2a,
    0x2ba9c55d, 0x741831f6, 0xce5c3e16, 0x9b87931e, 0xafd6ba33, 0x6c24cf5c,
    0x7a325381, 0x28958677, 0x3b8f4898, 0x6b4bb9af, 0xc4bfe81b, 0x66282193,
    0x61d809cc, 0xfb21a991, 0x487cac60, 0x5dec8032, 0xef845d5d, 0xe98575b1,
    0xdc262302, 0xeb651b88, 0x23893e81, 0xd396acc5, 0x0f6d6ff3, 0x83f44239,
    0x2e0b4482, 0xa4842004, 0x69c8f04a, 0x9e1f9b5e, 0x21c66842, 0xf6e96c9a,
    0x670c9c61, 0xabd388f0, 0x6a51a0d2, 0xd8542f68, 0x960fa728, 0xab5133a3,
    0x6eef0b6c, 0x137a3be4, 0xba3bf050, 0x7efb2a98, 0xa1f1651d, 0x39af0176,
    0x66ca593e, 0x82430e88, 0x8cee8619, 0x456f9fb4, 0x7d84a5c3, 0x3b8b5ebe,
    0xe06f75d8, 0x85c12073, 0x401a449f, 0x56c16aa6, 0x4ed3aa62, 0x363f7706,
    0x1bfedf72, 0x429b023d, 0x37d0d724, 0xd00a1248, 0xdb0fead3, 0x49f1c09b,
    0x075372c9, 0x80991b7b, 0x25d479d8, 0xf6e8def7, 0xe3fe501a, 0xb6794c3b,
    0x976ce0bd, 0x04c006ba, 0xc1a94fb6, 0x409f60c4, 0x5e5c9ec2, 0x196a2463,
    0x68fb6faf, 0x3e6c53b5, 0x1339b2eb, 0x3b52ec6f, 0x6dfc511f, 0x9b30952c,
    0xcc814544, 0xaf5ebd09, 0xbee3d004, 0xde334afd, 0x660f2807, 0x192e4bb3,
    0xc0cba857, 0x45c8740f, 0xd20b5f39, 0xb9d3fbdb, 0x5579c0bd, 0x1a60320a,
    0xd6a100c6, 0x402c7279, 0x679f25fe, 0xfb1fa3cc, 0x8ea5e9f8, 0xdb3222f8,
    0x3c7516df, 0xfd616b15, 0x2f501ec8, 0xad0552ab, 0x323db5fa, 0xfd238760,
    0x53317b48, 0x3e00df82, 0x9e5c57bb, 0xca6f8ca0, 0x1a87562e, 0xdf1769db,
    0xd542a8f6, 0x287effc3, 0xac6732c6, 0x8c4f5573, 0x695b27b0, 0xbbca58c8,
    0xe1ffa35d, 0xb8f011a0, 0x10fa3d98, 0xfd2183b8, 0x4afcb56c, 0x2dd1d35b,
    0x9a53e479, 0xb6f84565, 0xd28e49bc, 0x4bfb9790, 0xe1ddf2da, 0xa4cb7e33,
    0x62fb1341, 0xcee4c6e8, 0xef20cada, 0x36774c01, 0xd07e9efe, 0x2bf11fb4,
    0x95dbda4d, 0xae909198, 0xeaad8e71, 0x6b93d5a0, 0xd08ed1d0, 0xafc725e0,
    0x8e3c5b2f, 0x8e7594b7, 0x8ff6e2fb, 0xf2122b64, 0x8888b812, 0x900df01c,
    0x4fad5ea0, 0x688fc31c, 0xd1cff191, 0xb3a8c1ad, 0x2f2f2218, 0xbe0e1777,
    0xea752dfe, 0x8b021fa1, 0xe5a0cc0f, 0xb56f74e8, 0x18acf3d6, 0xce89e299,
    0xb4a84fe0, 0xfd13e0b7, 0x7cc43b81, 0xd2ada8d9, 0x165fa266, 0x80957705,
    0x93cc7314, 0x211a1477, 0xe6ad2065, 0x77b5fa86, 0xc75442f5, 0xfb9d35cf,
    0xebcdaf0c, 0x7b3e89a0, 0xd6411bd3, 0xae1e7e49, 0x00250e2d, 0x2071b35e,
    0x226800bb, 0x57b8e0af, 0x2464369b, 0xf009b91e, 0x5563911d, 0x59dfa6aa,
    0x78c14389, 0xd95a537f, 0x207d5ba2, 0x02e5b9c5, 0x83260376, 0x6295cfa9,
    0x11c81968, 0x4e734a41, 0xb3472dca, 0x7b14a94a, 0x1b510052, 0x9a532915,
    0xd60f573f, 0xbc9bc6e4, 0x2b60a476, 0x81e67400, 0x08ba6fb5, 0x571be91f,
    0xf296ec6b, 0x2a0dd915, 0xb6636521, 0xe7b9f9b6, 0xff34052e, 0xc5855664,
    0x53b02d5d, 0xa99f8fa1, 0x08ba4799, 0x6e85076a, 0x4b7a70e9, 0xb5b32944,
    0xdb75092e, 0xc4192623, 0xad6ea6b0, 0x49a7df7d, 0x9cee60b8, 0x8fedb266,
    0xecaa8c71, 0x699a17ff, 0x5664526c, 0xc2b19ee1, 0x193602a5, 0x75094c29,
    0xa0591340, 0xe4183a3e, 0x3f54989a, 0x5b429d65, 0x6b8fe4d6, 0x99f73fd6,
    0xa1d29c07, 0xefe830f5, 0x4d2d38e6, 0xf0255dc1, 0x4cdd2086, 0x8470eb26,
    0x6382e9c6, 0x021ecc5e, 0x09686b3f, 0x3ebaefc9, 0x3c971814, 0x6b6a70a1,
    0x687f3584, 0x52a0e286, 0xb79c5305, 0xaa500737, 0x3e07841c, 0x7fdeae5c,
    0x8e7d44ec, 0x5716f2b8, 0xb03ada37, 0xf0500c0d, 0xf01c1f04, 0x0200b3ff,
    0xae0cf51a, 0x3cb574b2, 0x25837a58, 0xdc0921bd, 0xd19113f9, 0x7ca92ff6,
    0x94324773, 0x22f54701, 0x3ae5e581, 0x37c2dadc, 0xc8b57634, 0x9af3dda7,
    0xa9446146, 0x0fd0030e, 0xecc8c73e, 0xa4751e41, 0xe238cd99, 0x3bea0e2f,
    0x3280bba1, 0x183eb331, 0x4e548b38, 0x4f6db908, 0x6f420d03, 0xf60a04bf,
    0x2cb81290, 0x24977c79, 0x5679b072, 0xbcaf89af, 0xde9a771f, 0xd9930810,
    0xb38bae12, 0xdccf3f2e, 0x5512721f, 0x2e6b7124, 0x501adde6, 0x9f84cd87,
    0x7a584718, 0x7408da17, 0xbc9f9abc, 0xe94b7d8c, 0xec7aec3a, 0xdb851dfa,
    0x63094366, 0xc464c3d2, 0xef1c1847, 0x3215d908, 0xdd433b37, 0x24c2ba16,
    0x12a14d43, 0x2a65c451, 0x50940002, 0x133ae4dd, 0x71dff89e, 0x10314e55,
    0x81ac77d6, 0x5f11199b, 0x043556f1, 0xd7a3c76b, 0x3c11183b, 0x5924a509,
    0xf28fe6ed, 0x97f1fbfa, 0x9ebabf2c, 0x1e153c6e, 0x86e34570, 0xeae96fb1,
    0x860e5e0a, 0x5a3e2ab3, 0x771fe71c, 0x4e3d06fa, 0x2965dcb9, 0x99e71d0f,
    0x803e89d6, 0x5266c825, 0x2e4cc978, 0x9c10b36a, 0xc6150eba, 0x94e2ea78,
    0xa5fc3c53, 0x1e0a2df4, 0xf2f74ea7, 0x361d2b3d, 0x1939260f, 0x19c27960,
    0x5223a708, 0xf71312b6, 0xebadfe6e, 0xeac31f66, 0xe3bc4595, 0xa67bc883,
    0xb17f37d1, 0x018cff28, 0xc332ddef, 0xbe6c5aa5, 0x65582185, 0x68ab9802,
    0xeecea50f, 0xdb2f953b, 0x2aef7dad, 0x5b6e2f84, 0x1521b628, 0x29076170,
    0xecdd4775, 0x619f1510, 0x13cca830, 0xeb61bd96, 0x0334fe1e, 0xaa0363cf,
    0xb5735c90, 0x4c70a239, 0xd59e9e0b, 0xcbaade14, 0xeecc86bc, 0x60622ca7,
    0x9cab5cab, 0xb2f3846e, 0x648b1eaf, 0x19bdf0ca, 0xa02369b9, 0x655abb50,
    0x40685a32, 0x3c2ab4b3, 0x319ee9d5, 0xc021b8f7, 0x9b540b19, 0x875fa099,
    0x95f7997e, 0x623d7da8, 0xf837889a, 0x97e32d77, 0x11ed935f, 0x16681281,
    0x0e358829, 0xc7e61fd6, 0x96dedfa1, 0x7858ba99, 0x57f584a5, 0x1b227263,
    0x9b83c3ff, 0x1ac24696, 0xcdb30aeb, 0x532e3054, 0x8fd948e4, 0x6dbc3128,
    0x58ebf2ef, 0x34c6ffea, 0xfe28ed61, 0xee7c3c73, 0x5d4a14d9, 0xe864b7e3,
    0x42105d14, 0x203e13e0, 0x45eee2b6, 0xa3aaabea, 0xdb6c4f15, 0xfacb4fd0,
    0xc742f442, 0xef6abbb5, 0x654f3b1d, 0x41cd2105, 0xd81e799e, 0x86854dc7,
    0xe44b476a, 0x3d816250, 0xcf62a1f2, 0x5b8d2646, 0xfc8883a0, 0xc1c7b6a3,
    0x7f1524c3, 0x69cb7492, 0x47848a0b, 0x5692b285, 0x095bbf00, 0xad19489d,
    0x1462b174, 0x23820e00, 0x58428d2a, 0x0c55f5ea, 0x1dadf43e, 0x233f7061,
    0x3372f092, 0x8d937e41, 0xd65fecf1, 0x6c223bdb, 0x7cde3759, 0xcbee7460,
    0x4085f2a7, 0xce77326e, 0xa6078084, 0x19f8509e, 0xe8efd855, 0x61d99735,
    0xa969a7aa, 0xc50c06c2, 0x5a04abfc, 0x800bcadc, 0x9e447a2e, 0xc3453484,
    0xfdd56705, 0x0e1e9ec9, 0xdb73dbd3, 0x105588cd, 0x675fda79, 0xe3674340,
    0xc5c43465, 0x713e38d8, 0x3d28f89e, 0xf16dff20, 0x153e21e7, 0x8fb03d4a,
    0xe6e39f2b, 0xdb83adf7, 0xe93d5a68, 0x948140f7, 0xf64c261c, 0x94692934,
    0x411520f7, 0x7602d4f7, 0xbcf46b2e, 0xd4a20068, 0xd4082471, 0x3320f46a,
    0x43b7d4b7, 0x500061af, 0x1e39f62e, 0x97244546, 0x14214f74, 0xbf8b8840,
    0x4d95fc1d, 0x96b591af, 0x70f4ddd3, 0x66a02f45, 0xbfbc09ec, 0x03bd9785,
    0x7fac6dd0, 0x31cb8504, 0x96eb27b3, 0x55fd3941, 0xda2547e6, 0xabca0a9a,
    0x28507825, 0x530429f4, 0x0a2c86da, 0xe9b66dfb, 0x68dc1462, 0xd7486900,
    0x680ec0a4, 0x27a18dee, 0x4f3ffea2, 0xe887ad8c, 0xb58ce006, 0x7af4d6b6,
    0xaace1e7c, 0xd3375fec, 0xce78a399, 0x406b2a42, 0x20fe9e35, 0xd9f385b9,
    0xee39d7ab, 0x3b124e8b, 0x1dc9faf7, 0x4b6d1856, 0x26a36631, 0xeae397b2,
    0x3a6efa74, 0xdd5b4332, 0x6841e7f7, 0xca7820fb, 0xfb0af54e, 0xd8feb397,
    0x454056ac, 0xba489527, 0x55533a3a, 0x20838d87, 0xfe6ba9b7, 0xd096954b,
    0x55a867bc, 0xa1159a58, 0xcca92963, 0x99e1db33, 0xa62a4a56, 0x3f3125f9,
    0x5ef47e1c, 0x9029317c, 0xfdf8e802, 0x04272f70, 0x80bb155c, 0x05282ce3,
    0x95c11548, 0xe4c66d22, 0x48c1133f, 0xc70f86dc, 0x07f9c9ee, 0x41041f0f,
    0x404779a4, 0x5d886e17, 0x325f51eb, 0xd59bc0d1, 0xf2bcc18f, 0x41113564,
    0x257b7834, 0x602a9c60, 0xdff8e8a3, 0x1f636c1b, 0x0e12b4c2, 0x02e1329e,
    0xaf664fd1, 0xcad18115, 0x6b2395e0, 0x333e92e1, 0x3b240b62, 0xeebeb922,
    0x85b2a20e, 0xe6ba0d99, 0xde720c8c, 0x2da2f728, 0xd0127845, 0x95b794fd,
    0x647d0862, 0xe7ccf5f0, 0x5449a36f, 0x877d48fa, 0xc39dfd27, 0xf33e8d1e,
    0x0a476341, 0x992eff74, 0x3a6f6eab, 0xf4f8fd37, 0xa812dc60, 0xa1ebddf8,
    0x991be14c, 0xdb6e6b0d, 0xc67b5510, 0x6d672c37, 0x2765d43b, 0xdcd0e804,
    0xf1290dc7, 0xcc00ffa3, 0xb5390f92, 0x690fed0b, 0x667b9ffb, 0xcedb7d9c,
    0xa091cf0b, 0xd9155ea3, 0xbb132f88, 0x515bad24, 0x7b9479bf, 0x763bd6eb,
    0x37392eb3, 0xcc115979, 0x8026e297, 0xf42e312d, 0x6842ada7, 0xc66a2b3b,
    0x12754ccc, 0x782ef11c, 0x6a124237, 0xb79251e7, 0x06a1bbe6, 0x4bfb6350,
    0x1a6b1018, 0x11caedfa, 0x3d25bdd8, 0xe2e1c3c9, 0x44421659, 0x0a121386,
    0xd90cec6e, 0xd5abea2a, 0x64af674e, 0xda86a85f, 0xbebfe988, 0x64e4c3fe,
    0x9dbc8057, 0xf0f7c086, 0x60787bf8, 0x6003604d, 0xd1fd8346, 0xf6381fb0,
    0x7745ae04, 0xd736fccc, 0x83426b33, 0xf01eab71, 0xb0804187, 0x3c005e5f,
    0x77a057be, 0xbde8ae24, 0x55464299, 0xbf582e61, 0x4e58f48f, 0xf2ddfda2,
    0xf474ef38, 0x8789bdc2, 0x5366f9c3, 0xc8b38e74, 0xb475f255, 0x46fcd9b9,
    0x7aeb2661, 0x8b1ddf84, 0x846a0e79, 0x915f95e2, 0x466e598e, 0x20b45770,
    0x8cd55591, 0xc902de4c, 0xb90bace1, 0xbb8205d0, 0x11a86248, 0x7574a99e,
    0xb77f19b6, 0xe0a9dc09, 0x662d09a1, 0xc4324633, 0xe85a1f02, 0x09f0be8c,
    0x4a99a025, 0x1d6efe10, 0x1ab93d1d, 0x0ba5a4df, 0xa186f20f, 0x2868f169,
    0xdcb7da83, 0x573906fe, 0xa1e2ce9b, 0x4fcd7f52, 0x50115e01, 0xa70683fa,
    0xa002b5c4, 0x0de6d027, 0x9af88c27, 0x773f8641, 0xc3604c06, 0x61a806b5,
    0xf0177a28, 0xc0f586e0, 0x006058aa, 0x30dc7d62, 0x11e69ed7, 0x2338ea63,
    0x53c2dd94, 0xc2c21634, 0xbbcbee56, 0x90bcb6de, 0xebfc7da1, 0xce591d76,
    0x6f05e409, 0x4b7c0188, 0x39720a3d, 0x7c927c24, 0x86e3725f, 0x724d9db9,
    0x1ac15bb4, 0xd39eb8fc, 0xed545578, 0x08fca5b5, 0xd83d7cd3, 0x4dad0fc4,
    0x1e50ef5e, 0xb161e6f8, 0xa28514d9, 0x6c51133c, 0x6fd5c7e7, 0x56e14ec4,
    0x362abfce, 0xddc6c837, 0xd79a3234, 0x92638212, 0x670efa8e, 0x406000e0,
    0x3a39ce37, 0xd3faf5cf, 0xabc27737, 0x5ac52d1b, 0x5cb0679e, 0x4fa33742,
    0xd3822740, 0x99bc9bbe, 0xd5118e9d, 0xbf0f7315, 0xd62d1c7e, 0xc700c47b,
    0xb78c1b6b, 0x21a19045, 0xb26eb1be, 0x6a366eb4, 0x5748ab2f, 0xbc946e79,
    0xc6a376d2, 0x6549c2c8, 0x530ff8ee, 0x468dde7d, 0xd5730a1d, 0x4cd04dc6,
    0x2939bbdb, 0xa9ba4650, 0xac9526e8, 0xbe5ee304, 0xa1fad5f0, 0x6a2d519a,
    0x63ef8ce2, 0x9a86ee22, 0xc089c2b8, 0x43242ef6, 0xa51e03aa, 0x9cf2d0a4,
    0x83c061ba, 0x9be96a4d, 0x8fe51550, 0xba645bd6, 0x2826a2f9, 0xa73a3ae1,
    0x4ba99586, 0xef5562e9, 0xc72fefd3, 0xf752f7da, 0x3f046f69, 0x77fa0a59,
    0x80e4a915, 0x87b08601, 0x9b09e6ad, 0x3b3ee593, 0xe990fd5a, 0x9e34d797,
    0x2cf0b7d9, 0x022b8b51, 0x96d5ac3a, 0x017da67d, 0xd1cf3ed6, 0x7c7d2d28,
    0x1f9f25cf, 0xadf2b89b, 0x5ad6b472, 0x5a88f54c, 0xe029ac71, 0xe019a5e6,
    0x47b0acfd, 0xed93fa9b, 0xe8d3c48d, 0x283b57cc, 0xf8d56629, 0x79132e28,
    0x785f0191, 0xed756055, 0xf7960e44, 0xe3d35e8c, 0x15056dd4, 0x88f46dba,
    0x03a16125, 0x0564f0bd, 0xc3eb9e15, 0x3c9057a2, 0x97271aec, 0xa93a072a,
    0x1b3f6d9b, 0x1e6321f5, 0xf59c66fb, 0x26dcf319, 0x7533d928, 0xb155fdf5,
    0x03563482, 0x8aba3cbb, 0x28517711, 0xc20ad9f8, 0xabcc5167, 0xccad925f,
    0x4de81751, 0x3830dc8e, 0x379d5862, 0x9320f991, 0xea7a90c2, 0xfb3e7bce,
    0x5121ce64, 0x774fbe32, 0xa8b6e37e, 0xc3293d46, 0x48de5369, 0x6413e680,
    0xa2ae0810, 0xdd6db224, 0x69852dfd, 0x09072166, 0xb39a460a, 0x6445c0dd,
    0x586cdecf, 0x1c20c8ae, 0x5bbef7dd, 0x1b588d40, 0xccd2017f, 0x6bb4e3bb,
    0xdda26a7e, 0x3a59ff45, 0x3e350a44, 0xbcb4cdd5, 0x72eacea8, 0xfa6484bb,
    0x8d6612ae, 0xbf3c6f47, 0xd29be463, 0x542f5d9e, 0xaec2771b, 0xf64e6370,
    0x740e0d8d, 0xe75b1357, 0xf8721671, 0xaf537d5d, 0x4040cb08, 0x4eb4e2cc,
    0x34d2466a, 0x0115af84, 0xe1b00428, 0x95983a1d, 0x06b89fb4, 0xce6ea048,
    0x6f3f3b82, 0x3520ab82, 0x011a1d4b, 0x277227f8, 0x611560b1, 0xe7933fdc,
    0xbb3a792b, 0x344525bd, 0xa08839e1, 0x51ce794b, 0x2f32c9b7, 0xa01fbac9,
    0xe01cc87e, 0xbcc7d1f6, 0xcf0111c3, 0xa1e8aac7, 0x1a908749, 0xd44fbd9a,
    0xd0dadecb, 0xd50ada38, 0x0339c32a, 0xc6913667, 0x8df9317c, 0xe0b12b4f,
    0xf79e59b7, 0x43f5bb3a, 0xf2d519ff, 0x27d9459c, 0xbf97222c, 0x15e6fc2a,
    0x0f91fc71, 0x9b941525, 0xfae59361, 0xceb69ceb, 0xc2a86459, 0x12baa8d1,
    0xb6c1075e, 0xe3056a0c, 0x10d25065, 0xcb03a442, 0xe0ec6e0e, 0x1698db3b,
    0x4c98a0be, 0x3278e964, 0x9f1f9532, 0xe0d392df, 0xd3a0342b, 0x8971f21e,
    0x1b0a7441, 0x4ba3348c, 0xc5be7120, 0xc37632d8, 0xdf359f8d, 0x9b992f2e,
    0xe60b6f47, 0x0fe3f11d, 0xe54cda54, 0x1edad891, 0xce6279cf, 0xcd3e7e6f,
    0x1618b166, 0xfd2c1d05, 0x848fd2c5, 0xf6fb2299, 0xf523f357, 0xa6327623,
    0x93a83531, 0x56cccd02, 0xacf08162, 0x5a75ebb5, 0x6e163697, 0x88d273cc,
    0xde966292, 0x81b949d0, 0x4c50901b, 0x71c65614, 0xe6c6c7bd, 0x327a140a,
    0x45e1d006, 0xc3f27b9a, 0xc9aa53fd, 0x62a80f00, 0xbb25bfe2, 0x35bdd2f6,
    0x71126905, 0xb2040222, 0xb6cbcf7c, 0xcd769c2b, 0x53113ec0, 0x1640e3d3,
    0x38abbd60, 0x2547adf0, 0xba38209c, 0xf746ce76, 0x77afa1c5, 0x20756060,
    0x85cbfe4e, 0x8ae88dd8, 0x7aaaf9b0, 0x4cf9aa7e, 0x1948c25c, 0x02fb8a8c,
    0x01c36ae4, 0xd6ebe1f9, 0x90d4f869, 0xa65cdea0, 0x3f09252d, 0xc208e69f,
    0xb74e6132, 0xce77e25b, 0x578fdfe3, 0x3ac372e6,
};

/// crypt(3)'s "$2a$", "$2b$", "$2x$" and "$2y$" (bcrypt as Openwall's
/// crypt_blowfish computes it, which libxcrypt and so Ruby's String#crypt
/// use): EksBlowfish over the password with its NUL, then
/// "OrpheanBeholderScryDoubt" encrypted 64 times.
class Bcrypt {
public:
  /// Setting: "$2b$" + two cost digits + "$" + at least 22 salt
  /// characters. Returns "*0" where crypt(3) fails.
  static std::string crypt(llvm::StringRef Pw, llvm::StringRef Setting) {
    unsigned Cost = 0;
    std::array<uint8_t, 16> SaltBytes{};
    if (Setting.size() < 29 || Setting.substr(4, 2).getAsInteger(10, Cost) ||
        Cost < 4 || Cost > 31 || Setting[6] != '$' ||
        !decode(Setting.substr(7, 22), SaltBytes))
      return "*0";
    const char Minor = Setting[2];
    std::array<uint32_t, 4> Salt{};
    for (size_t I = 0; I < 4; ++I)
      Salt[I] = bigEndian(SaltBytes.data() + 4 * I);
    Bcrypt B;
    std::array<uint32_t, 18> Expanded{};
    B.setKey(Pw, Minor == 'x', Minor == 'a', Expanded);
    std::copy(BlowfishPi + 18, BlowfishPi + 18 + 1024, B.S.begin());
    uint32_t L = 0, R = 0;
    for (size_t I = 0; I < 18; I += 2) {
      L ^= Salt[I & 2];
      R ^= Salt[(I & 2) + 1];
      B.encrypt(L, R);
      B.P[I] = L;
      B.P[I + 1] = R;
    }
    for (size_t I = 0; I < 1024; I += 4) {
      L ^= Salt[2];
      R ^= Salt[3];
      B.encrypt(L, R);
      B.S[I] = L;
      B.S[I + 1] = R;
      L ^= Salt[0];
      R ^= Salt[1];
      B.encrypt(L, R);
      B.S[I + 2] = L;
      B.S[I + 3] = R;
    }
    for (uint64_t Round = uint64_t(1) << Cost; Round; --Round) {
      for (size_t I = 0; I < 18; ++I)
        B.P[I] ^= Expanded[I];
      B.rekey();
      for (size_t I = 0; I < 18; ++I)
        B.P[I] ^= Salt[I % 4];
      B.rekey();
    }
    static const uint32_t Magic[6] = {0x4F727068, 0x65616E42, 0x65686F6C,
                                      0x64657253, 0x63727944, 0x6F756274};
    std::array<uint8_t, 24> Hash{};
    for (size_t I = 0; I < 6; I += 2) {
      L = Magic[I];
      R = Magic[I + 1];
      for (int N = 0; N < 64; ++N)
        B.encrypt(L, R);
      for (int K = 0; K < 4; ++K) {
        Hash[4 * I + K] = static_cast<uint8_t>(L >> (24 - 8 * K));
        Hash[4 * I + 4 + K] = static_cast<uint8_t>(R >> (24 - 8 * K));
      }
    }
    // The salt as it decoded: its last character keeps only 2 bits.
    std::string Out = Setting.take_front(28).str();
    Out += Alphabet[index(Setting[28]) & 0x30];
    encode(llvm::ArrayRef<uint8_t>(Hash.data(), 23), Out);
    return Out;
  }

private:
  std::array<uint32_t, 18> P{};
  std::array<uint32_t, 1024> S{};

  static constexpr const char *Alphabet =
      "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  static int index(char C) {
    const char *At = std::strchr(Alphabet, C);
    return C && At ? static_cast<int>(At - Alphabet) : -1;
  }

  static uint32_t bigEndian(const uint8_t *B) {
    return uint32_t(B[0]) << 24 | uint32_t(B[1]) << 16 | uint32_t(B[2]) << 8 |
           B[3];
  }

  /// bcrypt's base-64 (its own alphabet, no padding) of 22 characters.
  static bool decode(llvm::StringRef In, std::array<uint8_t, 16> &Out) {
    size_t O = 0;
    for (size_t I = 0; I < In.size() && O < Out.size(); I += 4) {
      int C[4] = {0, 0, 0, 0};
      for (size_t K = 0; K < 4 && I + K < In.size(); ++K)
        if ((C[K] = index(In[I + K])) < 0)
          return false;
      Out[O++] = static_cast<uint8_t>(C[0] << 2 | (C[1] & 0x30) >> 4);
      if (O < Out.size())
        Out[O++] =
            static_cast<uint8_t>((C[1] & 0x0f) << 4 | (C[2] & 0x3c) >> 2);
      if (O < Out.size())
        Out[O++] = static_cast<uint8_t>((C[2] & 0x03) << 6 | C[3]);
    }
    return true;
  }

  static void encode(llvm::ArrayRef<uint8_t> In, std::string &Out) {
    for (size_t I = 0; I < In.size(); I += 3) {
      const unsigned C1 = In[I];
      Out += Alphabet[C1 >> 2];
      if (I + 1 >= In.size()) {
        Out += Alphabet[(C1 & 0x03) << 4];
        break;
      }
      const unsigned C2 = In[I + 1];
      Out += Alphabet[(C1 & 0x03) << 4 | C2 >> 4];
      if (I + 2 >= In.size()) {
        Out += Alphabet[(C2 & 0x0f) << 2];
        break;
      }
      const unsigned C3 = In[I + 2];
      Out += Alphabet[(C2 & 0x0f) << 2 | C3 >> 6];
      Out += Alphabet[C3 & 0x3f];
    }
  }

  uint32_t f(uint32_t X) const {
    return ((S[X >> 24] + S[256 + (X >> 16 & 0xff)]) ^
            S[512 + (X >> 8 & 0xff)]) +
           S[768 + (X & 0xff)];
  }

  void encrypt(uint32_t &L, uint32_t &R) const {
    L ^= P[0];
    for (size_t I = 1; I < 17; I += 2) {
      R ^= f(L) ^ P[I];
      L ^= f(R) ^ P[I + 1];
    }
    const uint32_t T = R;
    R = L;
    L = T ^ P[17];
  }

  /// Blowfish's key schedule from a zero block, without the key.
  void rekey() {
    uint32_t L = 0, R = 0;
    for (size_t I = 0; I < 18; I += 2) {
      encrypt(L, R);
      P[I] = L;
      P[I + 1] = R;
    }
    for (size_t I = 0; I < 1024; I += 2) {
      encrypt(L, R);
      S[I] = L;
      S[I + 1] = R;
    }
  }

  /// The password (with its NUL, cycled) as 18 words; "$2x$" reproduces
  /// the old sign-extension bug, "$2a$" the countermeasure for passwords
  /// the bug would have weakened.
  void setKey(llvm::StringRef Pw, bool Bug, bool Safety,
              std::array<uint32_t, 18> &Expanded) {
    const std::string Key = Pw.str(); // c_str() supplies the NUL
    size_t At = 0;
    uint32_t Sign = 0, Diff = 0;
    for (size_t I = 0; I < 18; ++I) {
      uint32_t Correct = 0, Buggy = 0;
      for (int J = 0; J < 4; ++J) {
        const char C = Key.c_str()[At];
        Correct = Correct << 8 | static_cast<unsigned char>(C);
        Buggy = Buggy << 8 | static_cast<uint32_t>(static_cast<int32_t>(
                                 static_cast<signed char>(C)));
        if (J)
          Sign |= Buggy & 0x80;
        At = C ? At + 1 : 0;
      }
      Diff |= Correct ^ Buggy;
      Expanded[I] = Bug ? Buggy : Correct;
      P[I] = BlowfishPi[I] ^ Expanded[I];
    }
    Diff |= Diff >> 16;
    Diff &= 0xffff;
    Diff += 0xffff;
    Sign <<= 9;
    Sign &= ~Diff & (Safety ? 0x10000U : 0U);
    P[0] ^= Sign;
  }
};

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
  const bool IsBcrypt = llvm::StringRef(Type).startswith("bcrypt");
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
  if (IsBcrypt ? !BcryptSalt->matches(Salt) : !PlainSalt->matches(Salt))
    fail(Ctx, std::string("pw_hash(): characters in salt must ") +
                  (IsBcrypt ? "match (?-mix:^[0-9]{2}\\$[.\\/A-Za-z0-9]{22})"
                            : "be in the set [a-zA-Z0-9./]"));
  const std::string &Pw = Args[0].asString();
  if (Pw.empty())
    return Value();
  if (IsBcrypt) {
    const std::string Minor = Type == "bcrypt" ? "b" : Type.substr(7);
    return Value(Bcrypt::crypt(Pw, "$2" + Minor + "$" + Salt));
  }
  if (Type == "md5")
    return Value(md5Crypt(Pw, Salt));
  return Value(shaCrypt(Pw, Salt, Type == "sha-512"));
}

// --- seeded_rand_string ------------------------------------------------------

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
    Out += Charset[Rng.upTo(Charset.size() - 1)];
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

// --- parseyaml, loadyaml -----------------------------------------------------

namespace {

/// Ruby's truthiness of a 3.x argument (undef arrives as '', which is true).
bool rubyTruthy(const Value &V) {
  return !V.isUndef() && !(V.isBoolean() && !V.asBoolean());
}

/// `YAML.load(text) || default`, the default also standing in for an
/// error when it is truthy (the stdlib functions' rescue).
Value yamlOrDefault(FunctionContext &Ctx, const std::string &Text,
                    const std::string &Path, llvm::ArrayRef<Value> Args) {
  std::string Error;
  std::optional<Value> V = parseYaml(Text, Path, Error);
  const Value Default = Args.size() > 1 ? Args[1] : Value();
  if (!V) {
    if (rubyTruthy(Default))
      return Default;
    fail(Ctx, Error);
  }
  if (!rubyTruthy(*V))
    return Default;
  return *V;
}

// stdlib: parseyaml(string[, default])
Value parseyamlFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.empty())
    fail(Ctx, "Wrong number of arguments. 1 or 2 arguments should be "
              "provided.");
  return yamlOrDefault(Ctx, Args[0].toRubyString(), "<unknown>", Args);
}

// stdlib: parsehocon(String $hocon_string, Optional[Any] $default); the
// default (even undef) stands in for a ConfigParseError only.
Value parsehoconFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 2);
  if (!Args[0].isString())
    argTypeError(Ctx, "hocon_string", {"String"}, Args[0]);
  std::string Error;
  bool IsParseError = false;
  if (std::optional<Value> V =
          parseHocon(Args[0].asString(), Error, &IsParseError))
    return *V;
  if (IsParseError && Args.size() > 1)
    return Args[1];
  fail(Ctx, Error);
}

// stdlib: loadyaml(path[, default]); URLs are not fetched.
Value loadyamlFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.empty())
    fail(Ctx, "Wrong number of arguments. 1 or 2 arguments should be "
              "provided.");
  const std::string Path = Args[0].toRubyString();
  if (llvm::StringRef(Path).startswith("http://") ||
      llvm::StringRef(Path).startswith("https://"))
    fail(Ctx, "loadyaml(): cppet does not fetch URLs ('" + Path + "')");
  std::ifstream In(Path);
  if (!In || llvm::sys::fs::is_directory(Path)) {
    Ctx.log("warning", "Can't load '" + Path + "' File does not exist!");
    return Args.size() > 1 ? Args[1] : Value();
  }
  std::stringstream SS;
  SS << In.rdbuf();
  return yamlOrDefault(Ctx, SS.str(), Path, Args);
}

} // namespace

void cppet::stdlibfn::registerStdlibMoreFunctions(FunctionRegistry &R) {
  add3(R, "parseyaml", parseyamlFn);
  add4(R, "parsehocon", parsehoconFn);
  add3(R, "loadyaml", loadyamlFn);
  add3(R, "base64", base64Fn);
  add4(R, "batch_escape", batchEscapeFn);
  add4(R, "powershell_escape", powershellEscapeFn);
  add3(R, "shell_split", shellSplitFn);
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
