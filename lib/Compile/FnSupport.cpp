//===- FnSupport.cpp - Shared helpers for the built-in functions ---------===//

#include "FnSupport.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/ErrorHandling.h"

#include <cstring>

using namespace cppet;
using namespace cppet::fn;

void fn::fail(FunctionContext &Ctx, const std::string &Message) {
  Ctx.error(Message);
  llvm_unreachable("FunctionContext::error returned");
}

std::string fn::describeValueType(const Value &V) {
  // Puppet names the inferred type without its parameters ("Tuple",
  // "Struct", "Integer"), except for types wrapping another type.
  std::string Full = types::inferType(V).toString();
  if (V.isType() || V.isSensitive())
    return Full;
  return Full.substr(0, Full.find('['));
}

static std::string countPhrase(size_t Min, size_t Max) {
  auto Plural = [](size_t N) {
    return std::to_string(N) + (N == 1 ? " argument" : " arguments");
  };
  if (Min == Max)
    return Plural(Min);
  if (Max == SIZE_MAX)
    return "at least " + Plural(Min);
  return "between " + std::to_string(Min) + " and " + Plural(Max);
}

void fn::checkArgCount(FunctionContext &Ctx, llvm::ArrayRef<Value> Args,
                       size_t Min, size_t Max) {
  if (Args.size() >= Min && Args.size() <= Max)
    return;
  fail(Ctx, "'" + Ctx.name().str() + "' expects " + countPhrase(Min, Max) +
                ", got " + std::to_string(Args.size()));
}

static std::string withArticle(llvm::StringRef Type) {
  const bool Vowel =
      !Type.empty() && llvm::StringRef("AEIOU").contains(Type[0]);
  return (Vowel ? "an " : "a ") + Type.str();
}

void fn::argTypeError(FunctionContext &Ctx, llvm::StringRef Param,
                      llvm::ArrayRef<llvm::StringRef> Expected,
                      const Value &Got) {
  std::string Msg =
      "'" + Ctx.name().str() + "' parameter '" + Param.str() + "' expects ";
  if (Expected.size() == 1) {
    Msg += withArticle(Expected[0]) + " value";
  } else {
    Msg += "a value of type ";
    for (size_t I = 0; I < Expected.size(); ++I) {
      if (I > 0)
        Msg += Expected.size() == 2 ? " or " : ", ";
      if (I + 1 == Expected.size() && Expected.size() > 2)
        Msg += "or ";
      Msg += Expected[I].str();
    }
  }
  fail(Ctx, Msg + ", got " + describeValueType(Got));
}

void fn::requireBlock(FunctionContext &Ctx) {
  if (!Ctx.hasBlock())
    fail(Ctx, "'" + Ctx.name().str() + "' expects a block");
}

std::vector<std::string> fn::utf8Chars(llvm::StringRef S) {
  std::vector<std::string> Chars;
  for (size_t I = 0; I < S.size();) {
    const unsigned char C = S[I];
    size_t Len = 1;
    if (C >= 0xF0)
      Len = 4;
    else if (C >= 0xE0)
      Len = 3;
    else if (C >= 0xC0)
      Len = 2;
    Len = std::min(Len, S.size() - I);
    Chars.push_back(S.substr(I, Len).str());
    I += Len;
  }
  return Chars;
}

static void addRange(Iteration &It, int64_t From, int64_t To) {
  for (int64_t I = From, N = 0; I <= To; ++I, ++N)
    It.Elements.push_back({Value(N), Value(I)});
}

Iteration fn::iterate(FunctionContext &Ctx, const Value &V,
                      llvm::StringRef Param) {
  Iteration It;
  switch (V.kind()) {
  case Value::Kind::Array: {
    int64_t I = 0;
    for (const Value &E : V.asArray())
      It.Elements.push_back({Value(I++), E});
    return It;
  }
  case Value::Kind::Hash:
    It.IsHash = true;
    for (const auto &[K, E] : V.asHash())
      It.Elements.push_back({K, E});
    return It;
  case Value::Kind::String: {
    int64_t I = 0;
    for (std::string &C : utf8Chars(V.asString()))
      It.Elements.push_back({Value(I++), Value(std::move(C))});
    return It;
  }
  case Value::Kind::Integer:
    addRange(It, 0, V.asInteger() - 1);
    return It;
  case Value::Kind::Type: {
    const TypeData &T = V.asType().data();
    // `Integer[1, 3].each` iterates the type value itself; Type[...] too.
    const bool Wrapped = T.Kind == TypeKind::Type && !T.Params.empty();
    if (Wrapped || T.Kind == TypeKind::Integer || T.Kind == TypeKind::Enum) {
      const TypeData &Inner = Wrapped ? T.Params[0].data() : T;
      if (Inner.Kind == TypeKind::Integer && Inner.HasRange &&
          Inner.IMax != std::numeric_limits<int64_t>::max() &&
          Inner.IMin != std::numeric_limits<int64_t>::min()) {
        addRange(It, Inner.IMin, Inner.IMax);
        return It;
      }
      if (Inner.Kind == TypeKind::Enum) {
        int64_t I = 0;
        for (const std::string &S : Inner.Strings)
          It.Elements.push_back({Value(I++), Value(S)});
        return It;
      }
    }
    break;
  }
  default:
    break;
  }
  argTypeError(Ctx, Param, {"Iterable"}, V);
}

Value fn::elementValue(const Iteration &It, const IterElement &E) {
  if (It.IsHash)
    return Value(Array{E.Key, E.Val});
  return E.Val;
}

Value fn::callForElement(FunctionContext &Ctx, const Iteration &It,
                         const IterElement &E) {
  if (Ctx.blockParamCount() >= 2)
    return Ctx.callBlock({E.Key, E.Val});
  return Ctx.callBlock({elementValue(It, E)});
}

std::optional<int> fn::rubyCompare(const Value &A, const Value &B) {
  if (A.isNumber() && B.isNumber()) {
    if (A.isInteger() && B.isInteger())
      return A.asInteger() < B.asInteger()   ? -1
             : A.asInteger() > B.asInteger() ? 1
                                             : 0;
    const double X = A.asNumber(), Y = B.asNumber();
    return X < Y ? -1 : X > Y ? 1 : 0;
  }
  if (A.isString() && B.isString()) {
    const int C = A.asString().compare(B.asString());
    return C < 0 ? -1 : C > 0 ? 1 : 0;
  }
  if (A.isArray() && B.isArray()) {
    const Array &X = A.asArray(), &Y = B.asArray();
    for (size_t I = 0; I < X.size() && I < Y.size(); ++I) {
      std::optional<int> C = rubyCompare(X[I], Y[I]);
      if (!C || *C != 0)
        return C;
    }
    return X.size() < Y.size() ? -1 : X.size() > Y.size() ? 1 : 0;
  }
  return std::nullopt;
}

std::shared_ptr<const Regex> fn::compilePattern(FunctionContext &Ctx,
                                                const Value &Pattern,
                                                llvm::StringRef Options) {
  std::string Source;
  if (Pattern.isString()) {
    Source = Pattern.asString();
  } else if (Pattern.isRegexp()) {
    if (Options.empty() && Pattern.asRegexp().regex())
      return std::shared_ptr<const Regex>(Pattern.asRegexp().regex(),
                                          [](const Regex *) {});
    Source = Pattern.asRegexp().source();
  } else if (Pattern.isType()) {
    const TypeData *TD = &Pattern.asType().data();
    if (TD->Kind == TypeKind::Type && !TD->Params.empty())
      TD = &TD->Params[0].data();
    const TypeData &T = *TD;
    if ((T.Kind == TypeKind::Regexp || T.Kind == TypeKind::Pattern) &&
        !T.Patterns.empty())
      Source = T.Patterns[0].source();
  }
  if (!Options.empty())
    Source = "(?" + Options.str() + ":" + Source + ")";
  std::string Err;
  std::shared_ptr<const Regex> R = Regex::compile(Source, &Err);
  if (!R)
    fail(Ctx, "Invalid regular expression /" + Source + "/: " + Err);
  return R;
}

// --- base64 (Ruby's pack/unpack 'm') ---------------------------------------

namespace {

const char *const Base64Alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

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

} // namespace

std::string fn::base64Encode(llvm::StringRef In) {
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

/// Ruby's unpack('m'): characters outside the alphabet are skipped, the
/// first '=' ends the data.
std::string fn::base64DecodeLenient(llvm::StringRef In) {
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
std::optional<std::string> fn::base64DecodeStrict(llvm::StringRef In) {
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
