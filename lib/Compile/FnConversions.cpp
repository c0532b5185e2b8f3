//===- FnConversions.cpp - sprintf, new/type conversion, unwrap ----------===//

#include "FnSupport.h"
#include "SemVer.h"

#include "llvm/ADT/StringExtras.h"

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>

using namespace cppet;
using namespace cppet::fn;

//===----------------------------------------------------------------------===//
// Ruby-style numeric parsing
//===----------------------------------------------------------------------===//

namespace {

/// Ruby's Integer(str) (strict): optional sign, 0x/0b/0o/0 prefixes,
/// underscores between digits, surrounding whitespace. Puppet's own
/// conversions (Integer.new, Numeric.new) take neither 0o nor underscores.
std::optional<int64_t> parseRubyInteger(llvm::StringRef S, int Radix = 0,
                                        bool PuppetForms = false) {
  S = S.trim();
  bool Negative = false;
  if (!S.empty() && (S[0] == '-' || S[0] == '+')) {
    Negative = S[0] == '-';
    S = S.drop_front();
  }
  if (PuppetForms)
    S = S.ltrim(); // whitespace between the sign and the number
  const std::string Lower = S.lower();
  llvm::StringRef L(Lower);
  if (PuppetForms) {
    // Puppet's Convertible pattern first: [+-] digits, 0x hex or 0b binary.
    const bool Hex = L.startswith("0x") && L.size() > 2 &&
                     llvm::all_of(L.drop_front(2), llvm::isHexDigit);
    const bool Bin =
        L.startswith("0b") && L.size() > 2 &&
        L.drop_front(2).find_first_not_of("01") == llvm::StringRef::npos;
    if (!Hex && !Bin && (L.empty() || !llvm::all_of(L, llvm::isDigit)))
      return std::nullopt;
  }
  auto Prefix = [&](llvm::StringRef P, int R) {
    if ((Radix == 0 || Radix == R) && L.startswith(P) && L.size() > P.size()) {
      L = L.drop_front(P.size());
      Radix = R;
    }
  };
  Prefix("0x", 16);
  Prefix("0b", 2);
  if (!PuppetForms)
    Prefix("0o", 8);
  if (Radix == 0 && L.size() > 1 && L[0] == '0') {
    L = L.drop_front();
    Radix = 8;
  }
  if (Radix == 0)
    Radix = 10;
  if (L.empty() || L.front() == '_' || L.back() == '_' ||
      L.find("__") != llvm::StringRef::npos)
    return std::nullopt;
  uint64_t Acc = 0;
  for (char C : L) {
    if (C == '_')
      continue;
    unsigned D;
    if (llvm::isDigit(C))
      D = C - '0';
    else if (C >= 'a' && C <= 'z')
      D = C - 'a' + 10;
    else
      return std::nullopt;
    if (D >= static_cast<unsigned>(Radix))
      return std::nullopt;
    Acc = Acc * Radix + D;
  }
  const auto V = static_cast<int64_t>(Acc);
  return Negative ? -V : V;
}

/// Ruby's Float(str) (strict decimal or hex integer forms); Puppet's
/// conversions take no underscores.
std::optional<double> parseRubyFloat(llvm::StringRef S,
                                     bool PuppetForms = false) {
  S = S.trim();
  if (PuppetForms && S.contains('_'))
    return std::nullopt;
  std::string Joined; // Puppet drops whitespace between a sign and digits
  if (PuppetForms && !S.empty() && (S[0] == '-' || S[0] == '+')) {
    Joined = S.take_front(1).str() + S.drop_front().ltrim().str();
    S = Joined;
  }
  if (std::optional<int64_t> I = parseRubyInteger(S, 0, PuppetForms))
    if (!S.contains('.') && !S.contains_insensitive("e"))
      return static_cast<double>(*I);
  std::string Clean;
  for (size_t I = 0; I < S.size(); ++I) {
    if (S[I] == '_') {
      if (I == 0 || I + 1 == S.size() || !llvm::isDigit(S[I - 1]) ||
          !llvm::isDigit(S[I + 1]))
        return std::nullopt;
      continue;
    }
    const char C = S[I];
    if (!llvm::isDigit(C) && !llvm::StringRef("+-.eE").contains(C))
      return std::nullopt;
    Clean += C;
  }
  if (Clean.empty() || Clean.back() == '.' || Clean.front() == '.' ||
      Clean.find('e') == 0)
    return std::nullopt;
  char *End = nullptr;
  errno = 0;
  const double D = std::strtod(Clean.c_str(), &End);
  if (End != Clean.c_str() + Clean.size())
    return std::nullopt;
  return D;
}

//===----------------------------------------------------------------------===//
// sprintf
//===----------------------------------------------------------------------===//

struct FormatSpec {
  bool Minus = false, Plus = false, Space = false, Zero = false, Alt = false;
  std::optional<int> Width;
  std::optional<int> Precision;
};

class Formatter {
public:
  Formatter(FunctionContext &Ctx, llvm::StringRef Format,
            llvm::ArrayRef<Value> Args)
      : Ctx(Ctx), Format(Format), Args(Args) {}
  std::string run();

private:
  FunctionContext &Ctx;
  llvm::StringRef Format;
  llvm::ArrayRef<Value> Args;
  size_t Pos = 0;
  size_t NextArg = 0;
  std::string Out;

  const Value &nextArg() {
    if (NextArg >= Args.size())
      fail(Ctx, "too few arguments");
    return Args[NextArg++];
  }
  const Value &namedArg(llvm::StringRef Name) {
    if (Args.size() != 1 || !Args[0].isHash())
      fail(Ctx, "one hash required");
    const Value *V = Args[0].asHash().find(Name);
    if (!V)
      fail(Ctx, "key<" + Name.str() + "> not found");
    return *V;
  }
  int readNumber() {
    int N = 0;
    while (Pos < Format.size() && llvm::isDigit(Format[Pos]))
      N = N * 10 + (Format[Pos++] - '0');
    return N;
  }
  void directive();
  int64_t toInteger(const Value &V);
  double toFloat(const Value &V);
  void emit(const FormatSpec &F, std::string Body, bool Numeric);
  void formatInteger(const FormatSpec &F, char Conv, const Value &V);
  void formatFloat(const FormatSpec &F, char Conv, const Value &V);
};

std::string Formatter::run() {
  while (Pos < Format.size()) {
    const size_t Pct = Format.find('%', Pos);
    if (Pct == llvm::StringRef::npos) {
      Out += Format.substr(Pos);
      break;
    }
    Out += Format.slice(Pos, Pct);
    Pos = Pct + 1;
    directive();
  }
  return Out;
}

void Formatter::directive() {
  FormatSpec F;
  const Value *Arg = nullptr;
  while (Pos < Format.size()) {
    const char C = Format[Pos];
    if (C == '-' || C == '+' || C == ' ' || C == '0' || C == '#') {
      F.Minus |= C == '-';
      F.Plus |= C == '+';
      F.Space |= C == ' ';
      F.Zero |= C == '0';
      F.Alt |= C == '#';
      ++Pos;
    } else if (C == '<' || C == '{') {
      const char Close = C == '<' ? '>' : '}';
      const size_t End = Format.find(Close, Pos);
      if (End == llvm::StringRef::npos)
        fail(Ctx, "malformed name - unmatched parenthesis");
      Arg = &namedArg(Format.slice(Pos + 1, End));
      Pos = End + 1;
      if (C == '{') {
        emit(F, Arg->toRubyString(), false);
        return;
      }
    } else if (llvm::isDigit(C)) {
      const int N = readNumber();
      if (Pos < Format.size() && Format[Pos] == '$') {
        ++Pos;
        if (N < 1 || static_cast<size_t>(N) > Args.size())
          fail(Ctx, "invalid index - " + std::to_string(N) + "$");
        Arg = &Args[N - 1];
      } else {
        F.Width = N;
      }
    } else if (C == '*') {
      ++Pos;
      int64_t W = toInteger(nextArg());
      if (W < 0) {
        F.Minus = true;
        W = -W;
      }
      F.Width = static_cast<int>(W);
    } else if (C == '.') {
      ++Pos;
      if (Pos < Format.size() && Format[Pos] == '*') {
        ++Pos;
        F.Precision = static_cast<int>(toInteger(nextArg()));
      } else {
        F.Precision = readNumber();
      }
    } else {
      break;
    }
  }
  if (Pos >= Format.size()) {
    if (F.Width || F.Precision || Arg)
      fail(Ctx, "malformed format string - %*[0-9]");
    Out += '%';
    return;
  }
  const char Conv = Format[Pos++];
  if (Conv == '%') {
    Out += '%';
    return;
  }
  if (Conv == '\n' || Conv == '\0') {
    Out += '%';
    Out += Conv;
    return;
  }
  const Value &V = Arg ? *Arg : nextArg();
  switch (Conv) {
  case 's':
  case 'p': {
    std::string S = Conv == 's' ? V.toRubyString() : V.toRubyInspect();
    if (F.Precision) {
      std::vector<std::string> Chars = utf8Chars(S);
      if (Chars.size() > static_cast<size_t>(*F.Precision)) {
        Chars.resize(*F.Precision);
        S = llvm::join(Chars, "");
      }
    }
    emit(F, std::move(S), false);
    return;
  }
  case 'd':
  case 'i':
  case 'u':
  case 'x':
  case 'X':
  case 'o':
  case 'b':
  case 'B':
    formatInteger(F, Conv, V);
    return;
  case 'f':
  case 'e':
  case 'E':
  case 'g':
  case 'G':
  case 'a':
  case 'A':
    formatFloat(F, Conv, V);
    return;
  case 'c': {
    std::string S;
    if (V.isString())
      S = utf8Chars(V.asString()).empty() ? ""
                                          : utf8Chars(V.asString()).front();
    else
      S = std::string(1, static_cast<char>(toInteger(V)));
    emit(F, std::move(S), false);
    return;
  }
  default:
    fail(Ctx, std::string("malformed format string - %") + Conv);
  }
}

int64_t Formatter::toInteger(const Value &V) {
  if (V.isInteger())
    return V.asInteger();
  if (V.isFloat()) {
    if (std::isnan(V.asFloat()) || std::isinf(V.asFloat()))
      fail(Ctx, cppet::formatFloat(V.asFloat()));
    return static_cast<int64_t>(V.asFloat());
  }
  if (V.isString()) {
    if (std::optional<int64_t> I = parseRubyInteger(V.asString()))
      return *I;
    fail(Ctx, "invalid value for Integer(): " + V.toRubyInspect());
  }
  if (V.isUndef())
    fail(Ctx, "can't convert nil into Integer");
  fail(Ctx, "can't convert " + describeValueType(V) + " into Integer");
}

double Formatter::toFloat(const Value &V) {
  if (V.isNumber())
    return V.asNumber();
  if (V.isString()) {
    if (std::optional<double> D = parseRubyFloat(V.asString()))
      return *D;
    fail(Ctx, "invalid value for Float(): " + V.toRubyInspect());
  }
  if (V.isUndef())
    fail(Ctx, "can't convert nil into Float");
  fail(Ctx, "can't convert " + describeValueType(V) + " into Float");
}

void Formatter::emit(const FormatSpec &F, std::string Body, bool Numeric) {
  const size_t Len = utf8Chars(Body).size();
  const size_t Width = F.Width ? static_cast<size_t>(*F.Width) : 0;
  if (Len >= Width) {
    Out += Body;
    return;
  }
  const size_t Pad = Width - Len;
  if (F.Minus) {
    Out += Body + std::string(Pad, ' ');
    return;
  }
  if (F.Zero && Numeric) {
    // Zeros go after any sign or radix prefix.
    size_t Split = 0;
    if (!Body.empty() && (Body[0] == '-' || Body[0] == '+' || Body[0] == ' '))
      Split = 1;
    if (Body.size() > Split + 1 && Body[Split] == '0' &&
        llvm::StringRef("xXbBo").contains(Body[Split + 1]))
      Split += 2;
    Out += Body.substr(0, Split) + std::string(Pad, '0') + Body.substr(Split);
    return;
  }
  Out += std::string(Pad, ' ') + Body;
}

std::string digitsInBase(uint64_t V, unsigned Base, bool Upper) {
  if (V == 0)
    return "0";
  std::string S;
  const char *Digits = Upper ? "0123456789ABCDEF" : "0123456789abcdef";
  while (V) {
    S.insert(S.begin(), Digits[V % Base]);
    V /= Base;
  }
  return S;
}

/// Ruby's "..f01" form of a negative number in base 2, 8 or 16: the
/// two's complement digits (sign-extended), leading all-ones digits folded
/// into one.
std::string twosComplement(int64_t V, unsigned Base, bool Upper) {
  const char *Chars = Upper ? "0123456789ABCDEF" : "0123456789abcdef";
  const char Max = Chars[Base - 1];
  const unsigned BitsPer = Base == 2 ? 1 : Base == 8 ? 3 : 4;
  const uint64_t U = static_cast<uint64_t>(V);
  std::string S;
  for (unsigned Bit = 0; Bit < 64; Bit += BitsPer) {
    uint64_t D = (U >> Bit) & (Base - 1);
    if (Bit + BitsPer > 64) // bits above 63 are copies of the sign bit
      D |= (Base - 1) & ~((uint64_t(1) << (64 - Bit)) - 1);
    S.insert(S.begin(), Chars[D]);
  }
  const size_t First = S.find_first_not_of(Max);
  S = std::string(1, Max) + (First == std::string::npos ? "" : S.substr(First));
  return ".." + S;
}

void Formatter::formatInteger(const FormatSpec &F, char Conv, const Value &V) {
  const int64_t I = toInteger(V);
  unsigned Base = 10;
  if (Conv == 'x' || Conv == 'X')
    Base = 16;
  else if (Conv == 'o')
    Base = 8;
  else if (Conv == 'b' || Conv == 'B')
    Base = 2;
  const bool Upper = Conv == 'X';
  const bool Signed = Base == 10 || F.Plus || F.Space;
  std::string Digits;
  std::string Sign;
  if (I < 0 && !Signed) {
    Digits = twosComplement(I, Base, Upper);
  } else {
    const uint64_t Mag =
        I < 0 ? static_cast<uint64_t>(-(I + 1)) + 1 : static_cast<uint64_t>(I);
    Digits = digitsInBase(Mag, Base, Upper);
    if (I < 0)
      Sign = "-";
    else if (F.Plus)
      Sign = "+";
    else if (F.Space)
      Sign = " ";
  }
  if (F.Precision && Digits.size() < static_cast<size_t>(*F.Precision))
    Digits.insert(0, *F.Precision - Digits.size(), '0');
  std::string Prefix;
  if (F.Alt && I != 0) {
    if (Base == 16)
      Prefix = Upper ? "0X" : "0x";
    else if (Base == 2)
      Prefix = Conv == 'B' ? "0B" : "0b";
    else if (Base == 8 && Digits[0] != '0')
      Prefix = "0";
  }
  FormatSpec G = F;
  if (F.Precision)
    G.Zero = false;
  emit(G, Sign + Prefix + Digits, true);
}

void Formatter::formatFloat(const FormatSpec &F, char Conv, const Value &V) {
  const double D = toFloat(V);
  if (std::isnan(D) || std::isinf(D)) {
    std::string S = std::isnan(D) ? "NaN" : "Inf";
    if (std::isinf(D) && D < 0)
      S = "-" + S;
    else if (F.Plus)
      S = "+" + S;
    else if (F.Space)
      S = " " + S;
    FormatSpec G = F;
    G.Zero = false;
    emit(G, S, false);
    return;
  }
  std::string Spec = "%";
  if (F.Plus)
    Spec += '+';
  if (F.Space)
    Spec += ' ';
  if (F.Alt)
    Spec += '#';
  if (F.Precision)
    Spec += "." + std::to_string(*F.Precision);
  Spec += Conv;
  double Arg = D;
  // Ruby rounds %f as if scaling by 10^precision in double arithmetic and
  // rounding half to even (sprintf('%.1f', 99.55) is "99.6", '%.2f' of 2.675
  // is "2.68", of 1.005 "1.00"; glibc rounds the exact binary value). Do the
  // same while the scaled value is exactly representable.
  const int Prec = F.Precision ? *F.Precision : 6;
  if (Conv == 'f' && Prec <= 17) {
    const double Scaled = D * std::pow(10.0, Prec);
    if (std::fabs(Scaled) < 9007199254740992.0) // 2^53
      Arg = std::nearbyint(Scaled) / std::pow(10.0, Prec);
  }
  char Buf[512];
  std::snprintf(Buf, sizeof(Buf), Spec.c_str(), Arg);
  emit(F, Buf, true);
}

} // namespace

std::string cppet::formatSprintf(FunctionContext &Ctx, llvm::StringRef Format,
                                 llvm::ArrayRef<Value> Args) {
  return Formatter(Ctx, Format, Args).run();
}

//===----------------------------------------------------------------------===//
// new / convertToType
//===----------------------------------------------------------------------===//

namespace {

[[noreturn]] void cannotConvert(FunctionContext &Ctx, const Value &V,
                                llvm::StringRef To) {
  if (V.isString())
    fail(Ctx, "The string '" + V.asString() + "' cannot be converted to " +
                  To.str());
  fail(Ctx, "Value of type " + describeValueType(V) +
                " cannot be converted to " + To.str());
}

std::optional<int64_t> optionalRadix(FunctionContext &Ctx,
                                     llvm::ArrayRef<Value> Args) {
  if (Args.size() < 2 || Args[1].isDefault() || Args[1].isUndef())
    return std::nullopt;
  if (!Args[1].isInteger() ||
      !llvm::is_contained(std::initializer_list<int64_t>{2, 8, 10, 16},
                          Args[1].asInteger()))
    argTypeError(Ctx, "radix",
                 {"Integer[2, 2]", "Integer[8, 8]", "Integer[10, 10]",
                  "Integer[16, 16]"},
                 Args[1]);
  return Args[1].asInteger();
}

Value toIntegerValue(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  const Value &V = Args[0];
  int64_t I = 0;
  if (V.isInteger()) {
    I = V.asInteger();
  } else if (V.isFloat()) {
    I = static_cast<int64_t>(V.asFloat());
  } else if (V.isBoolean()) {
    I = V.asBoolean() ? 1 : 0;
  } else if (V.isString()) {
    const std::optional<int64_t> Radix = optionalRadix(Ctx, Args);
    std::optional<int64_t> P = parseRubyInteger(
        V.asString(), Radix ? static_cast<int>(*Radix) : 0, true);
    if (!P && Radix == 10)
      P = parseRubyInteger(llvm::StringRef(V.asString()).ltrim('0').empty()
                               ? "0"
                               : llvm::StringRef(V.asString()).ltrim('0'),
                           10, true);
    if (!P)
      cannotConvert(Ctx, V, "Integer");
    I = *P;
  } else {
    cannotConvert(Ctx, V, "Integer");
  }
  if (Args.size() > 2 && Args[2].isTruthy() && I < 0)
    I = -I;
  return Value(I);
}

Value toFloatValue(FunctionContext &Ctx, const Value &V) {
  if (V.isNumber())
    return Value(V.asNumber());
  if (V.isBoolean())
    return Value(V.asBoolean() ? 1.0 : 0.0);
  if (V.isString())
    if (std::optional<double> D = parseRubyFloat(V.asString(), true))
      return Value(*D);
  cannotConvert(Ctx, V, "Float");
}

Value toNumericValue(FunctionContext &Ctx, const Value &V) {
  if (V.isNumber())
    return V;
  if (V.isBoolean())
    return Value(int64_t(V.asBoolean() ? 1 : 0));
  if (V.isString()) {
    if (std::optional<int64_t> I = parseRubyInteger(V.asString(), 0, true))
      return Value(*I);
    if (std::optional<double> D = parseRubyFloat(V.asString(), true))
      return Value(*D);
  }
  cannotConvert(Ctx, V, "Numeric");
}

Value toBooleanValue(FunctionContext &Ctx, const Value &V) {
  if (V.isBoolean())
    return V;
  if (V.isNumber())
    return Value(V.asNumber() != 0);
  if (V.isString()) {
    const std::string L = llvm::StringRef(V.asString()).lower();
    if (L == "true" || L == "yes" || L == "y")
      return Value(true);
    if (L == "false" || L == "no" || L == "n")
      return Value(false);
  }
  cannotConvert(Ctx, V, "Boolean");
}

Value toStringValue(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  const Value &V = Args[0];
  // String.new's default format for a Float is %f (1.5 -> "1.500000"),
  // unlike interpolation's.
  if (Args.size() < 2 && V.isFloat())
    return Value(formatSprintf(Ctx, "%f", {V}));
  if (Args.size() < 2 || !Args[1].isString())
    return Value(V.toString());
  const std::string &Fmt = Args[1].asString();
  // Puppet's StringConverter accepts one directive:
  // %<flags><width>.<prec><format>.
  static const std::shared_ptr<const Regex> FormatRe = Regex::compile(
      "\\A%([\\s\\+\\-#0\\[\\{<\\(\\|]*)([1-9][0-9]*)?(?:\\.([0-9]+))?"
      "([a-zA-Z])\\z");
  if (FormatRe && !FormatRe->search(Fmt))
    fail(Ctx, "The format '" + Fmt +
                  "' is not a valid format on the form "
                  "'%<flags><width>.<prec><format>'");
  const char Conv = Fmt.empty() ? 's' : Fmt.back();
  if (V.isArray() || V.isHash()) {
    // The collection's string form; a space flag drops its delimiters.
    if (Conv != 's' && Conv != 'p' && Conv != (V.isArray() ? 'a' : 'h'))
      fail(Ctx, "Illegal format '" + Fmt + "' for " +
                    (V.isArray() ? "Array" : "Hash"));
    // (Puppet applies no width to a collection as a whole.)
    std::string Text = V.toString();
    const size_t FlagsEnd = Fmt.find_first_not_of(" +-#0[{<(|", 1);
    if (llvm::StringRef(Fmt).slice(1, FlagsEnd).contains(' ') &&
        Text.size() >= 2)
      Text = Text.substr(1, Text.size() - 2);
    return Value(std::move(Text));
  }
  if (V.isUndef()) {
    // Numeric directives show NaN; %p undef; others an empty string.
    if (llvm::StringRef("dxXobBeEfgGaA").contains(Conv))
      return Value("NaN");
    return Value(Conv == 'p' ? "undef" : "");
  }
  if (V.isBoolean()) {
    // t/T true|True, y/Y yes|Yes ('#' for the first letter only); the
    // numeric directives see 1 or 0.
    const bool B = V.asBoolean();
    const bool Alt = Fmt.find('#') != std::string::npos;
    std::string Word;
    if (Conv == 't' || Conv == 'T' || Conv == 's' || Conv == 'p')
      Word = B ? "true" : "false";
    else if (Conv == 'y' || Conv == 'Y')
      Word = B ? "yes" : "no";
    if (Word.empty())
      return Value(formatSprintf(Ctx, Fmt, {Value(int64_t(B ? 1 : 0))}));
    if (Alt && Conv != 's' && Conv != 'p')
      Word.resize(1);
    if (Conv == 'T' || Conv == 'Y')
      Word[0] = static_cast<char>(std::toupper(Word[0]));
    std::string F = Fmt;
    F.erase(std::remove(F.begin(), F.end(), '#'), F.end());
    F.back() = 's';
    return Value(formatSprintf(Ctx, F, {Value(Word)}));
  }
  if (V.isBinary()) {
    // '%s' the bytes as a string, '%B'/'%b' base64 ('%b' in lines of 60),
    // '%u' URL-safe base64, '%p' Binary("...").
    if (Conv == 's' || Conv == 'r')
      return Value(V.asText());
    std::string B64 = base64Encode(V.asText());
    if (Conv == 'u') {
      for (char &C : B64)
        C = C == '+' ? '-' : C == '/' ? '_' : C;
      return Value(B64);
    }
    if (Conv == 'p')
      return Value("Binary(\"" + B64 + "\")");
    return Value(B64);
  }
  if (Conv == 'p') {
    std::string F = Fmt;
    F.back() = 's';
    return Value(formatSprintf(Ctx, F, {Value(V.toQuotedString())}));
  }
  if (Conv == 's' && !V.isString())
    return Value(formatSprintf(Ctx, Fmt, {Value(V.toString())}));
  return Value(formatSprintf(Ctx, Fmt, {V}));
}

Value toArrayValue(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  const Value &V = Args[0];
  const bool Wrap = Args.size() > 1 && Args[1].isTruthy();
  if (V.isArray())
    return V;
  if (Wrap)
    return Value(Array{V});
  if (V.isHash()) {
    Array Pairs;
    for (const auto &[K, E] : V.asHash())
      Pairs.push_back(Value(Array{K, E}));
    return Value(std::move(Pairs));
  }
  if (!V.isString() && !V.isInteger() && !V.isType())
    cannotConvert(Ctx, V, "Array");
  const Iteration It = iterate(Ctx, V, "from");
  Array Out;
  for (const IterElement &E : It.Elements)
    Out.push_back(elementValue(It, E));
  return Value(std::move(Out));
}

Value toHashValue(FunctionContext &Ctx, const Value &V) {
  if (V.isHash())
    return V;
  if (V.isUndef())
    return Value(HashData());
  if (!V.isArray())
    cannotConvert(Ctx, V, "Hash");
  const Array &A = V.asArray();
  HashData H;
  const bool Pairs = llvm::all_of(
      A, [](const Value &E) { return E.isArray() && E.asArray().size() == 2; });
  if (Pairs && !A.empty()) {
    for (const Value &E : A)
      H.set(E.asArray()[0], E.asArray()[1]);
    return Value(std::move(H));
  }
  if (A.size() % 2 != 0)
    fail(Ctx, "odd number of arguments for Hash");
  for (size_t I = 0; I < A.size(); I += 2)
    H.set(A[I], A[I + 1]);
  return Value(std::move(H));
}

Value toRegexpValue(FunctionContext &Ctx, const Value &V) {
  if (V.isRegexp())
    return V;
  if (!V.isString())
    cannotConvert(Ctx, V, "Regexp");
  std::string Err;
  std::optional<Regexp> R = Regexp::compile(V.asString(), &Err);
  if (!R)
    fail(Ctx, "Invalid regular expression /" + V.asString() + "/: " + Err);
  return Value(*R);
}

/// Resolves aliases; returns the type new() dispatches on.
const TypeData &resolved(const Type &T) {
  const TypeData *D = &T.data();
  while (D->Kind == TypeKind::Alias && !D->Params.empty())
    D = &D->Params[0].data();
  return *D;
}

Value convertUnchecked(FunctionContext &Ctx, const Type &T,
                       llvm::ArrayRef<Value> Args) {
  const TypeData &D = resolved(T);
  switch (D.Kind) {
  case TypeKind::Integer:
    return toIntegerValue(Ctx, Args);
  case TypeKind::Float:
    return toFloatValue(Ctx, Args[0]);
  case TypeKind::Numeric:
    return toNumericValue(Ctx, Args[0]);
  case TypeKind::Boolean:
    return toBooleanValue(Ctx, Args[0]);
  case TypeKind::String:
    return toStringValue(Ctx, Args);
  case TypeKind::Array:
  case TypeKind::Tuple:
    return toArrayValue(Ctx, Args);
  case TypeKind::Hash:
  case TypeKind::Struct:
    return toHashValue(Ctx, Args[0]);
  case TypeKind::Sensitive:
    return Args[0].isSensitive() ? Args[0] : Value::makeSensitive(Args[0]);
  case TypeKind::Regexp:
    return toRegexpValue(Ctx, Args[0]);
  case TypeKind::Optional:
    if (Args[0].isUndef())
      return Value();
    if (!D.Params.empty())
      return convertUnchecked(Ctx, D.Params[0], Args);
    return Args[0];
  case TypeKind::NotUndef:
    if (!D.Params.empty())
      return convertUnchecked(Ctx, D.Params[0], Args);
    return Args[0];
  case TypeKind::Variant:
    for (const Type &M : D.Params)
      if (types::isInstance(M, Args[0]))
        return Args[0];
    if (!D.Params.empty())
      return convertUnchecked(Ctx, D.Params[0], Args);
    break;
  case TypeKind::Undef:
    return Value();
  case TypeKind::Default:
    return Value::makeDefault();
  default:
    break;
  }
  fail(Ctx, "Creation of new instance of type '" + T.toString() +
                "' is not supported");
}

} // namespace

namespace {

/// Timestamp.new: no argument is now; a number is seconds since the epoch;
/// a string is parsed as ISO 8601 (`2020-01-01T00:00:00[.frac][ UTC|Z]`).
Value newTimestamp(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.empty()) {
    auto Now = std::chrono::system_clock::now().time_since_epoch();
    return Value::makeTimestamp(
        std::chrono::duration_cast<std::chrono::nanoseconds>(Now).count());
  }
  const Value &A = Args[0];
  if (A.isTimestamp())
    return A;
  if (A.isInteger())
    return Value::makeTimestamp(A.asInteger() * 1000000000);
  if (A.isFloat())
    return Value::makeTimestamp(static_cast<int64_t>(A.asFloat() * 1e9));
  if (A.isString()) {
    struct tm TM = {};
    const char *Text = A.asString().c_str();
    const char *Rest = strptime(Text, "%Y-%m-%dT%H:%M:%S", &TM);
    if (!Rest)
      Rest = strptime(Text, "%Y-%m-%d", &TM);
    if (Rest) {
      int64_t Frac = 0;
      if (*Rest == '.') {
        int Digits = 0;
        for (++Rest; *Rest >= '0' && *Rest <= '9'; ++Rest, ++Digits)
          if (Digits < 9)
            Frac = Frac * 10 + (*Rest - '0');
        for (; Digits < 9; ++Digits)
          Frac *= 10;
      }
      return Value::makeTimestamp(
          static_cast<int64_t>(timegm(&TM)) * 1000000000 + Frac);
    }
  }
  fail(Ctx,
       "The string '" + A.toString() + "' cannot be parsed as a Timestamp");
}

/// Timestamp#strftime(format): C's strftime in UTC, plus Puppet's %N (nine
/// digits of nanoseconds), %L (milliseconds) and %s (epoch seconds).
Value strftimeFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 2, 3);
  if (!Args[0].isTimestamp())
    argTypeError(Ctx, "time_object", {"Timestamp"}, Args[0]);
  const int64_t Nanos = Args[0].asTimestampNanos();
  int64_t Secs = Nanos / 1000000000, Frac = Nanos % 1000000000;
  if (Frac < 0) {
    Frac += 1000000000;
    --Secs;
  }
  time_t T = static_cast<time_t>(Secs);
  struct tm TM;
  gmtime_r(&T, &TM);
  const std::string Format = Args[1].toString();
  std::string Out;
  for (size_t I = 0; I < Format.size(); ++I) {
    if (Format[I] != '%' || I + 1 >= Format.size()) {
      Out += Format[I];
      continue;
    }
    char C = Format[++I];
    char Buf[128];
    if (C == 's') {
      Out += std::to_string(Secs);
    } else if (C == 'N') {
      std::snprintf(Buf, sizeof(Buf), "%09lld", static_cast<long long>(Frac));
      Out += Buf;
    } else if (C == 'L') {
      std::snprintf(Buf, sizeof(Buf), "%03lld",
                    static_cast<long long>(Frac / 1000000));
      Out += Buf;
    } else {
      const char Spec[3] = {'%', C, 0};
      size_t N = std::strftime(Buf, sizeof(Buf), Spec, &TM);
      Out.append(Buf, N);
    }
  }
  return Value(Out);
}

} // namespace

namespace {

/// Deferred.new: `(name, arguments?)` or `({name => ..., arguments => ...})`,
/// with the messages of Puppet's two dispatches.
Value newDeferred(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.empty() || Args.size() > 2)
    fail(Ctx, "'new_Deferred' expects between 1 and 2 arguments, got " +
                  (Args.empty() ? std::string("none")
                                : std::to_string(Args.size())));
  static const Type NameType = [] {
    llvm::Expected<Value> P = types::parameterize(
        types::make(TypeKind::Pattern),
        {Value(*Regexp::compile(types::DeferredNamePattern))});
    return P ? P->asType() : (llvm::consumeError(P.takeError()), Type());
  }();
  static const Type ArgsType =
      types::makeOptional(types::make(TypeKind::Array));
  static const Type HashType = [] {
    HashData Members;
    Members.set(Value("name"), Value(NameType));
    Members.set(Value("arguments"), Value(ArgsType));
    llvm::Expected<Value> P = types::parameterize(types::make(TypeKind::Struct),
                                                  {Value(std::move(Members))});
    return P ? P->asType() : (llvm::consumeError(P.takeError()), Type());
  }();
  // The first dispatch: one Struct.
  std::string HashRejected;
  if (Args.size() != 1)
    HashRejected = "expects 1 argument, got " + std::to_string(Args.size());
  else if (!types::isInstance(HashType, Args[0]))
    HashRejected =
        "parameter 'hash' " + types::describeMismatch(HashType, Args[0]);
  else
    return Value::makeDeferred(Args[0].asHash().find("name")->asString(),
                               Args[0].asHash().find("arguments")
                                   ? *Args[0].asHash().find("arguments")
                                   : Value());
  // The second: a name and arguments.
  std::string NameRejected;
  if (!types::isInstance(NameType, Args[0]))
    NameRejected =
        "parameter 'name' " + types::describeMismatch(NameType, Args[0]);
  else if (Args.size() == 2 && !types::isInstance(ArgsType, Args[1]))
    NameRejected =
        "parameter 'arguments' " + types::describeMismatch(ArgsType, Args[1]);
  else
    return Value::makeDeferred(Args[0].asString(),
                               Args.size() == 2 ? Args[1] : Value());
  fail(Ctx, "The function 'new_Deferred' was called with arguments it does "
            "not accept. It expects one of:\n  (" +
                HashType.toString() + " hash)\n    rejected: " + HashRejected +
                "\n  (" + NameType.toString() +
                " name, Array arguments?)\n    rejected: " + NameRejected);
}

} // namespace

namespace {

/// SemVer.new: a version string; major, minor, patch[, prerelease[, build]];
/// or a hash of those.
Value newSemVer(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() == 1 && Args[0].isSemVer())
    return Args[0];
  if (Args.size() == 1 && Args[0].isString()) {
    std::optional<semver::Version> V = semver::parseVersion(Args[0].asString());
    if (!V)
      fail(Ctx, "The string '" + Args[0].asString() +
                    "' cannot be converted to a SemVer");
    return Value::makeText(Value::Kind::SemVer, V->toString());
  }
  std::vector<Value> Fields(Args.begin(), Args.end());
  if (Args.size() == 1 && Args[0].isHash()) {
    Fields.clear();
    for (const char *K : {"major", "minor", "patch", "prerelease", "build"}) {
      const Value *F = Args[0].asHash().find(K);
      Fields.push_back(F ? *F : Value());
    }
    while (!Fields.empty() && Fields.back().isUndef())
      Fields.pop_back();
  }
  if (Fields.size() < 3 || Fields.size() > 5 || !Fields[0].isInteger() ||
      !Fields[1].isInteger() || !Fields[2].isInteger())
    fail(Ctx, "'new_SemVer' expects a version string, major, minor and patch "
              "Integers (and an optional prerelease and build), or a hash of "
              "them");
  std::string Text = std::to_string(Fields[0].asInteger()) + "." +
                     std::to_string(Fields[1].asInteger()) + "." +
                     std::to_string(Fields[2].asInteger());
  if (Fields.size() > 3 && !Fields[3].isUndef())
    Text += "-" + Fields[3].toString();
  if (Fields.size() > 4 && !Fields[4].isUndef())
    Text += "+" + Fields[4].toString();
  std::optional<semver::Version> V = semver::parseVersion(Text);
  if (!V)
    fail(Ctx, "'" + Text + "' is not a valid SemVer");
  return Value::makeText(Value::Kind::SemVer, V->toString());
}

/// SemVerRange.new: a range string, or min, max[, exclude_max].
Value newSemVerRange(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() == 1 && Args[0].isSemVerRange())
    return Args[0];
  if (Args.size() == 1 && Args[0].isString()) {
    if (!semver::Range::parse(Args[0].asString()))
      fail(Ctx, "The string '" + Args[0].asString() +
                    "' cannot be converted to a SemVerRange");
    return Value::makeText(Value::Kind::SemVerRange, Args[0].asString());
  }
  if (Args.size() >= 2 && Args.size() <= 3) {
    auto Bound = [&](const Value &V) {
      Value B = V.isSemVer() ? V : newSemVer(Ctx, {V});
      return B.asText();
    };
    const bool Exclude = Args.size() == 3 && Args[2].isTruthy();
    return Value::makeText(Value::Kind::SemVerRange,
                           ">=" + Bound(Args[0]) + (Exclude ? " <" : " <=") +
                               Bound(Args[1]));
  }
  fail(Ctx, "'new_SemVerRange' expects a range string, or min, max and an "
            "optional exclude_max");
}

/// Timespan.new: seconds; a string in one of Puppet's default formats
/// ("D-HH:MM:SS.F", "HH:MM:SS", "MM:SS.F", "S.F"); days, hours, minutes,
/// seconds[, milliseconds, microseconds, nanoseconds]; or a hash of those.
Value newTimespan(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  constexpr int64_t Sec = 1000000000;
  if (Args.size() == 1 && Args[0].isTimespan())
    return Args[0];
  if (Args.size() == 1 && Args[0].isInteger())
    return Value::makeTimespan(Args[0].asInteger() * Sec);
  if (Args.size() == 1 && Args[0].isFloat())
    return Value::makeTimespan(
        static_cast<int64_t>(std::llround(Args[0].asFloat() * 1e9)));
  if (Args.size() == 1 && Args[0].isString()) {
    llvm::StringRef Text = llvm::StringRef(Args[0].asString()).trim();
    const bool Negative = Text.consume_front("-");
    int64_t Days = 0;
    auto [Head, Tail] = Text.split('-');
    bool Ok = true;
    if (!Tail.empty()) {
      Ok = !Head.getAsInteger(10, Days);
      Text = Tail;
    }
    auto [Clock, Frac] = Text.split('.');
    llvm::SmallVector<llvm::StringRef, 3> Parts;
    Clock.split(Parts, ':');
    int64_t Units[3] = {0, 0, 0}; // H, M, S from the right
    Ok = Ok && Parts.size() <= 3;
    for (size_t I = 0; Ok && I < Parts.size(); ++I)
      Ok = !Parts[Parts.size() - 1 - I].getAsInteger(10, Units[2 - I]);
    int64_t Nanos = 0;
    if (Ok && !Frac.empty()) {
      std::string Digits = Frac.take_front(9).str();
      Digits.resize(9, '0');
      Ok = llvm::all_of(Frac, llvm::isDigit) &&
           !llvm::StringRef(Digits).getAsInteger(10, Nanos);
    }
    if (!Ok)
      fail(Ctx, "Unable to parse '" + Args[0].asString() +
                    "' using any of the formats %D-%H:%M:%S.%-N, "
                    "%H:%M:%S.%-N, %M:%S.%-N, %S.%-N, %D-%H:%M:%S, "
                    "%H:%M:%S, %D-%H:%M, %S");
    const int64_t Total = ((Days * 24 + Units[0]) * 60 + Units[1]) * 60 * Sec +
                          Units[2] * Sec + Nanos;
    return Value::makeTimespan(Negative ? -Total : Total);
  }
  std::vector<Value> Fields(Args.begin(), Args.end());
  bool Negative = false;
  if (Args.size() == 1 && Args[0].isHash()) {
    Fields.clear();
    for (const char *K : {"days", "hours", "minutes", "seconds", "milliseconds",
                          "microseconds", "nanoseconds"}) {
      const Value *F = Args[0].asHash().find(K);
      Fields.push_back(F ? *F : Value(int64_t(0)));
    }
    const Value *N = Args[0].asHash().find("negative");
    Negative = N && N->isTruthy();
  }
  static const int64_t Scale[] = {86400 * Sec, 3600 * Sec, 60 * Sec, Sec,
                                  1000000,     1000,       1};
  if (Fields.size() < 4 || Fields.size() > 7)
    fail(Ctx, "'new_Timespan' expects seconds, a string, days, hours, "
              "minutes and seconds (and optional milli-, micro- and "
              "nanoseconds), or a hash of them");
  int64_t Total = 0;
  for (size_t I = 0; I < Fields.size(); ++I) {
    if (!Fields[I].isNumber())
      fail(Ctx, "'new_Timespan' expects Integers, got " +
                    describeValueType(Fields[I]));
    Total += static_cast<int64_t>(
        std::llround(Fields[I].asNumber() * static_cast<double>(Scale[I])));
  }
  return Value::makeTimespan(Negative ? -Total : Total);
}

/// Binary.new: a string in a format ('%B' strict base64, the default; '%b'
/// base64 ignoring other characters; '%u' URL-safe base64; '%s' the
/// string's UTF-8 bytes; '%r' its raw bytes), or an Array of bytes.
Value newBinary(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  if (Args.size() == 1 && Args[0].isBinary())
    return Args[0];
  if (Args.size() == 1 && Args[0].isArray()) {
    std::string Bytes;
    for (const Value &B : Args[0].asArray()) {
      if (!B.isInteger() || B.asInteger() < 0 || B.asInteger() > 255)
        fail(Ctx, "'new_Binary' expects an Array of Integer[0, 255]");
      Bytes += static_cast<char>(B.asInteger());
    }
    return Value::makeText(Value::Kind::Binary, std::move(Bytes));
  }
  if (Args.empty() || Args.size() > 2 || !Args[0].isString() ||
      (Args.size() == 2 && !Args[1].isString()))
    fail(Ctx, "'new_Binary' expects a String and an optional format, or an "
              "Array of bytes");
  const std::string &Text = Args[0].asString();
  const std::string Format = Args.size() == 2 ? Args[1].asString() : "%B";
  if (Format == "%s" || Format == "%r")
    return Value::makeText(Value::Kind::Binary, Text);
  if (Format == "%b")
    return Value::makeText(Value::Kind::Binary, base64DecodeLenient(Text));
  std::string Std = Text;
  if (Format == "%u")
    for (char &C : Std)
      C = C == '-' ? '+' : C == '_' ? '/' : C;
  else if (Format != "%B")
    fail(Ctx, "Unsupported Binary format '" + Format + "'");
  std::optional<std::string> Bytes = base64DecodeStrict(Std);
  if (!Bytes)
    fail(Ctx, "invalid base64");
  return Value::makeText(Value::Kind::Binary, std::move(*Bytes));
}

} // namespace

Value cppet::convertToType(FunctionContext &Ctx, const Type &T,
                           llvm::ArrayRef<Value> Args) {
  switch (T.data().Kind) {
  case TypeKind::SemVer:
    return newSemVer(Ctx, Args);
  case TypeKind::SemVerRange:
    return newSemVerRange(Ctx, Args);
  case TypeKind::Timespan:
    return newTimespan(Ctx, Args);
  case TypeKind::Binary:
    return newBinary(Ctx, Args);
  default:
    break;
  }
  if (T.data().Kind == TypeKind::Timestamp)
    return newTimestamp(Ctx, Args);
  if (T.data().Kind == TypeKind::Deferred)
    return newDeferred(Ctx, Args);
  if (Args.empty())
    fail(Ctx, "'new' expects at least 1 argument, got none");
  Value V = convertUnchecked(Ctx, T, Args);
  if (!types::isInstance(T, V))
    fail(Ctx, "Converted value from " + T.toString() +
                  ".new() has wrong type, expects " +
                  (llvm::StringRef("AEIOU").contains(T.toString()[0]) ? "an "
                                                                      : "a ") +
                  T.toString() + " value, got " +
                  types::inferType(V).toString());
  return V;
}

namespace {

Value newFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, SIZE_MAX);
  if (!Args[0].isType())
    argTypeError(Ctx, "type", {"Type"}, Args[0]);
  Value V = convertToType(Ctx, Args[0].asType(), Args.drop_front());
  if (Ctx.hasBlock())
    return Ctx.callBlock({V});
  return V;
}

Value convertToFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 2, SIZE_MAX);
  if (!Args[1].isType())
    argTypeError(Ctx, "type", {"Type"}, Args[1]);
  Array NewArgs{Args[0]};
  NewArgs.insert(NewArgs.end(), Args.begin() + 2, Args.end());
  Value V = convertToType(Ctx, Args[1].asType(), NewArgs);
  if (Ctx.hasBlock())
    return Ctx.callBlock({V});
  return V;
}

Value unwrapFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 1);
  Value V = Args[0].isSensitive() ? Args[0].sensitiveValue() : Args[0];
  if (Ctx.hasBlock())
    return Ctx.callBlock({V});
  return V;
}

Value assertTypeFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 2, 2);
  if (!Args[0].isType())
    argTypeError(Ctx, "type", {"Type"}, Args[0]);
  const Type &T = Args[0].asType();
  if (types::isInstance(T, Args[1]))
    return Args[1];
  if (Ctx.hasBlock())
    return Ctx.callBlock({Args[0], Value(types::inferType(Args[1]))});
  std::string Mismatch = types::describeMismatch(T, Args[1]);
  if (!llvm::StringRef(Mismatch).startswith("expects")) {
    const std::string Name = T.toString();
    const bool Vowel = llvm::StringRef("AEIOU").contains(Name[0]);
    Mismatch = std::string("expects ") + (Vowel ? "an " : "a ") + Name +
               " value, got " + Mismatch;
  }
  fail(Ctx, "assert_type(): " + Mismatch);
}

} // namespace

void cppet::registerConversionFunctions(FunctionRegistry &R) {
  R.add("strftime", strftimeFn);
  R.add("new", newFn);
  R.add("convert_to", convertToFn);
  R.add("unwrap", unwrapFn);
  R.add("assert_type", assertTypeFn);
}
