//===- ValueFormat.cpp - String forms of Puppet values --------------------===//
//
// Puppet's default string conversion (StringConverter with its default
// formats: top-level strings as-is, `%p` for collection members) and the
// Ruby inspect/to_s forms used by sprintf.
//
//===----------------------------------------------------------------------===//

#include "cppet/Compile/Types.h"
#include "cppet/Compile/Value.h"

#include "FnSupport.h"

#include <ctime>

#include <cmath>
#include <cstdio>
#include <cstdlib>

using namespace cppet;

std::string cppet::formatFloat(double D) {
  if (std::isnan(D))
    return "NaN";
  if (std::isinf(D))
    return D < 0 ? "-Infinity" : "Infinity";
  if (D == 0)
    return std::signbit(D) ? "-0.0" : "0.0";
  // Shortest representation that round-trips, as Ruby's Float#to_s.
  char Buf[64];
  int Precision = 1;
  for (; Precision <= 17; ++Precision) {
    std::snprintf(Buf, sizeof(Buf), "%.*e", Precision - 1, D);
    if (std::strtod(Buf, nullptr) == D)
      break;
  }
  // Buf is [-]d.ddde[+-]XX: collect the digits and the decimal exponent.
  std::string Text(Buf);
  std::string Sign;
  if (Text[0] == '-') {
    Sign = "-";
    Text.erase(0, 1);
  }
  const size_t EPos = Text.find('e');
  const int Exp = std::atoi(Text.c_str() + EPos + 1);
  std::string Digits;
  for (size_t I = 0; I < EPos; ++I)
    if (Text[I] != '.')
      Digits += Text[I];
  while (Digits.size() > 1 && Digits.back() == '0')
    Digits.pop_back();
  const int DecPt = Exp + 1; // position of the decimal point in Digits
  const int NDigits = static_cast<int>(Digits.size());
  std::string Out = Sign;
  if (DecPt > 0 && DecPt <= 16) {
    if (DecPt >= NDigits) {
      Out += Digits;
      Out.append(static_cast<size_t>(DecPt - NDigits), '0');
      Out += ".0";
    } else {
      Out += Digits.substr(0, static_cast<size_t>(DecPt));
      Out += '.';
      Out += Digits.substr(static_cast<size_t>(DecPt));
    }
    return Out;
  }
  if (DecPt <= 0 && DecPt > -4) {
    Out += "0.";
    Out.append(static_cast<size_t>(-DecPt), '0');
    Out += Digits;
    return Out;
  }
  Out += Digits[0];
  Out += '.';
  Out += NDigits > 1 ? Digits.substr(1) : std::string("0");
  char ExpBuf[16];
  std::snprintf(ExpBuf, sizeof(ExpBuf), "e%+03d", DecPt - 1);
  Out += ExpBuf;
  return Out;
}

namespace {

/// Decodes the next UTF-8 code point; malformed bytes decode as themselves.
uint32_t nextCodePoint(llvm::StringRef S, size_t &Pos, size_t &Len) {
  const unsigned char C = static_cast<unsigned char>(S[Pos]);
  Len = 1;
  if (C < 0x80)
    return C;
  unsigned Need = C >= 0xF0 ? 4 : C >= 0xE0 ? 3 : C >= 0xC0 ? 2 : 1;
  if (Need == 1 || Pos + Need > S.size())
    return C;
  uint32_t CP = C & (0xFF >> (Need + 1));
  for (unsigned I = 1; I < Need; ++I) {
    const unsigned char Cont = static_cast<unsigned char>(S[Pos + I]);
    if ((Cont & 0xC0) != 0x80)
      return C;
    CP = (CP << 6) | (Cont & 0x3F);
  }
  Len = Need;
  return CP;
}

std::string puppetDoubleQuote(llvm::StringRef S) {
  std::string Out = "\"";
  for (size_t I = 0; I < S.size();) {
    size_t Len;
    const uint32_t CP = nextCodePoint(S, I, Len);
    switch (CP) {
    case '\t':
      Out += "\\t";
      break;
    case '\n':
      Out += "\\n";
      break;
    case '\r':
      Out += "\\r";
      break;
    case '"':
      Out += "\\\"";
      break;
    case '$':
      Out += "\\$";
      break;
    case '\\':
      Out += "\\\\";
      break;
    default:
      if (CP < 0x20) {
        char Buf[16];
        std::snprintf(Buf, sizeof(Buf), "\\u{%X}", CP);
        Out += Buf;
      } else {
        Out += S.substr(I, Len).str();
      }
    }
    I += Len;
  }
  Out += '"';
  return Out;
}

std::string regexpWithDelimiters(const std::string &Source) {
  std::string Out = "/";
  bool Escaped = false;
  for (const char C : Source) {
    if (Escaped) {
      Escaped = false;
    } else if (C == '\\') {
      Escaped = true;
    } else if (C == '/') {
      Out += '\\';
    }
    Out += C;
  }
  Out += '/';
  return Out;
}

std::string rubyInspectString(llvm::StringRef S) {
  std::string Out = "\"";
  for (size_t I = 0; I < S.size();) {
    size_t Len;
    const uint32_t CP = nextCodePoint(S, I, Len);
    switch (CP) {
    case '"':
      Out += "\\\"";
      break;
    case '\\':
      Out += "\\\\";
      break;
    case '\n':
      Out += "\\n";
      break;
    case '\r':
      Out += "\\r";
      break;
    case '\t':
      Out += "\\t";
      break;
    case '\f':
      Out += "\\f";
      break;
    case '\v':
      Out += "\\v";
      break;
    case '\b':
      Out += "\\b";
      break;
    case '\a':
      Out += "\\a";
      break;
    case 0x1b:
      Out += "\\e";
      break;
    case '#': {
      const char Next = I + 1 < S.size() ? S[I + 1] : '\0';
      if (Next == '{' || Next == '$' || Next == '@')
        Out += '\\';
      Out += '#';
      break;
    }
    default:
      if (CP < 0x20 || CP == 0x7f) {
        char Buf[16];
        std::snprintf(Buf, sizeof(Buf), "\\u%04X", CP);
        Out += Buf;
      } else {
        Out += S.substr(I, Len).str();
      }
    }
    I += Len;
  }
  Out += '"';
  return Out;
}

std::string formatCollection(const Value &V, bool Ruby) {
  std::string Out;
  auto Member = [Ruby](const Value &E) {
    return Ruby ? E.toRubyInspect() : E.toQuotedString();
  };
  if (V.isArray()) {
    Out = "[";
    bool First = true;
    for (const Value &E : V.asArray()) {
      if (!First)
        Out += ", ";
      First = false;
      Out += Member(E);
    }
    Out += ']';
    return Out;
  }
  Out = "{";
  bool First = true;
  for (const auto &[Key, E] : V.asHash()) {
    if (!First)
      Out += ", ";
    First = false;
    Out += Member(Key);
    Out += Ruby ? "=>" : " => ";
    Out += Member(E);
  }
  Out += '}';
  return Out;
}

} // namespace

std::string cppet::puppetQuote(llvm::StringRef S) {
  std::string Out = "'";
  bool Escaped = false;
  for (size_t I = 0; I < S.size();) {
    size_t Len;
    const uint32_t CP = nextCodePoint(S, I, Len);
    if (CP < 0x20)
      return puppetDoubleQuote(S);
    if (Escaped) {
      Out += '\\';
      Out += S.substr(I, Len).str();
      Escaped = false;
    } else if (CP == '\'') {
      Out += "\\'";
    } else if (CP == '\\') {
      Escaped = true;
    } else {
      Out += S.substr(I, Len).str();
    }
    I += Len;
  }
  if (Escaped)
    Out += "\\\\";
  Out += '\'';
  return Out;
}

/// Puppet's default Timestamp format: 2026-11-26T20:29:00.000000000 UTC.
std::string cppet::formatTimestamp(int64_t Nanos) {
  int64_t Secs = Nanos / 1000000000;
  int64_t Frac = Nanos % 1000000000;
  if (Frac < 0) {
    Frac += 1000000000;
    --Secs;
  }
  time_t T = static_cast<time_t>(Secs);
  struct tm TM;
  gmtime_r(&T, &TM);
  char Buf[64];
  size_t N = std::strftime(Buf, sizeof(Buf), "%Y-%m-%dT%H:%M:%S", &TM);
  char FracBuf[16];
  std::snprintf(FracBuf, sizeof(FracBuf), ".%09lld UTC",
                static_cast<long long>(Frac));
  return std::string(Buf, N) + FracBuf;
}

namespace {

/// Puppet's default Timespan format, '%D-%H:%M:%S.%-N': days, hours,
/// minutes, seconds, then the nanoseconds without their trailing zeros.
std::string formatTimespan(int64_t Nanos) {
  const bool Negative = Nanos < 0;
  const uint64_t N = Negative ? 0 - static_cast<uint64_t>(Nanos)
                              : static_cast<uint64_t>(Nanos);
  uint64_t Frac = N % 1000000000, Secs = N / 1000000000;
  while (Frac >= 10 && Frac % 10 == 0)
    Frac /= 10;
  char Buf[96];
  std::snprintf(Buf, sizeof(Buf), "%s%llu-%02llu:%02llu:%02llu.%llu",
                Negative ? "-" : "",
                static_cast<unsigned long long>(Secs / 86400),
                static_cast<unsigned long long>(Secs / 3600 % 24),
                static_cast<unsigned long long>(Secs / 60 % 60),
                static_cast<unsigned long long>(Secs % 60),
                static_cast<unsigned long long>(Frac));
  return Buf;
}

} // namespace

std::string Value::toString() const {
  switch (K) {
  case Kind::Undef:
    return "";
  case Kind::Default:
    return "default";
  case Kind::Boolean:
    return asBoolean() ? "true" : "false";
  case Kind::Integer:
    return std::to_string(asInteger());
  case Kind::Float:
    return formatFloat(asFloat());
  case Kind::String:
    return U.Str;
  case Kind::Regexp:
    return regexpWithDelimiters(asRegexp().source());
  case Kind::Array:
  case Kind::Hash:
    return formatCollection(*this, /*Ruby=*/false);
  case Kind::Type:
    // Puppet prints an Object type shown as a value with its definition.
    if (asType().data().Kind == TypeKind::Deferred)
      return types::DeferredTypeDefinition;
    return asType().toString();
  case Kind::Sensitive:
    return "Sensitive [value redacted]";
  case Kind::Timestamp:
    return formatTimestamp(asTimestampNanos());
  case Kind::Timespan:
    return formatTimespan(asTimespanNanos());
  case Kind::SemVer:
  case Kind::SemVerRange:
    return U.Str;
  case Kind::Binary:
    return fn::base64Encode(U.Str);
  case Kind::Deferred: {
    // As Puppet's string form of an Object: its attributes as a hash, the
    // arguments left out while undef (their default).
    std::string Out = "Deferred({'name' => " + puppetQuote(deferredName());
    if (!deferredArguments().isUndef())
      Out += ", 'arguments' => " + deferredArguments().toString();
    return Out + "})";
  }
  }
  return "";
}

std::string Value::toQuotedString() const {
  if (K == Kind::String)
    return puppetQuote(U.Str);
  if (K == Kind::Undef)
    return "undef";
  return toString();
}

std::string Value::toRubyInspect() const {
  switch (K) {
  case Kind::Undef:
    return "nil";
  case Kind::Default:
    return ":default";
  case Kind::String:
    return rubyInspectString(U.Str);
  case Kind::Array:
  case Kind::Hash:
    return formatCollection(*this, /*Ruby=*/true);
  case Kind::Sensitive:
    return "#<Sensitive [value redacted]>";
  default:
    return toString();
  }
}

std::string Value::toRubyString() const {
  switch (K) {
  case Kind::Undef:
    return "";
  case Kind::Array:
  case Kind::Hash:
    return formatCollection(*this, /*Ruby=*/true);
  case Kind::Regexp:
    return "(?-mix:" + asRegexp().source() + ")";
  default:
    return toString();
  }
}
