//===- FnStrings.cpp - String functions, sprintf and versioncmp ----------===//

#include "FnSupport.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <cmath>

using namespace cppet;
using namespace cppet::fn;

//===----------------------------------------------------------------------===//
// Case conversion and trimming
//===----------------------------------------------------------------------===//

#include <climits>
#include <clocale>
#include <cwchar>
#include <cwctype>
#include <locale.h>
#include <wchar.h>

namespace {

using StringOp = std::string (*)(llvm::StringRef);

/// Unicode case mapping as Ruby's String#upcase/downcase do it (full
/// Unicode, not just ASCII), through the C.UTF-8 locale's towupper/towlower.
locale_t utf8Locale() {
  static locale_t L = newlocale(LC_CTYPE_MASK, "C.UTF-8", locale_t(nullptr));
  return L;
}

enum class CaseMap { Upper, Lower, Capitalize };

std::string mapCase(llvm::StringRef S, CaseMap Mode) {
  bool AllAscii = llvm::all_of(
      S, [](char C) { return static_cast<unsigned char>(C) < 0x80; });
  locale_t Loc = utf8Locale();
  if (AllAscii || !Loc) {
    std::string R = Mode == CaseMap::Upper ? S.upper() : S.lower();
    if (Mode == CaseMap::Capitalize && !R.empty())
      R[0] = llvm::toUpper(R[0]);
    return R;
  }
  std::string Out;
  Out.reserve(S.size());
  bool First = true;
  for (size_t I = 0; I < S.size();) {
    unsigned char C = static_cast<unsigned char>(S[I]);
    unsigned Len = C < 0x80         ? 1
                   : (C >> 5) == 6  ? 2
                   : (C >> 4) == 14 ? 3
                   : (C >> 3) == 30 ? 4
                                    : 0;
    uint32_t CP = Len == 1   ? C
                  : Len == 2 ? C & 0x1f
                  : Len == 3 ? C & 0x0f
                             : C & 0x07;
    bool Valid = Len != 0 && I + Len <= S.size();
    for (unsigned K = 1; Valid && K < Len; ++K) {
      unsigned char Cont = static_cast<unsigned char>(S[I + K]);
      Valid = (Cont & 0xc0) == 0x80;
      CP = (CP << 6) | (Cont & 0x3f);
    }
    if (!Valid) {
      Out += S[I++]; // not UTF-8: copy the byte
      First = false;
      continue;
    }
    bool Up = Mode == CaseMap::Upper || (Mode == CaseMap::Capitalize && First);
    uint32_t M =
        static_cast<uint32_t>(Up ? towupper_l(static_cast<wint_t>(CP), Loc)
                                 : towlower_l(static_cast<wint_t>(CP), Loc));
    if (M < 0x80) {
      Out += static_cast<char>(M);
    } else if (M < 0x800) {
      Out += static_cast<char>(0xc0 | (M >> 6));
      Out += static_cast<char>(0x80 | (M & 0x3f));
    } else if (M < 0x10000) {
      Out += static_cast<char>(0xe0 | (M >> 12));
      Out += static_cast<char>(0x80 | ((M >> 6) & 0x3f));
      Out += static_cast<char>(0x80 | (M & 0x3f));
    } else {
      Out += static_cast<char>(0xf0 | (M >> 18));
      Out += static_cast<char>(0x80 | ((M >> 12) & 0x3f));
      Out += static_cast<char>(0x80 | ((M >> 6) & 0x3f));
      Out += static_cast<char>(0x80 | (M & 0x3f));
    }
    I += Len;
    First = false;
  }
  return Out;
}

std::string upcaseStr(llvm::StringRef S) { return mapCase(S, CaseMap::Upper); }
std::string downcaseStr(llvm::StringRef S) {
  return mapCase(S, CaseMap::Lower);
}
std::string capitalizeStr(llvm::StringRef S) {
  return mapCase(S, CaseMap::Capitalize);
}

bool isRubySpace(char C) {
  return C == ' ' || C == '\t' || C == '\n' || C == '\v' || C == '\f' ||
         C == '\r';
}

std::string lstripStr(llvm::StringRef S) {
  while (!S.empty() && isRubySpace(S.front()))
    S = S.drop_front();
  return S.str();
}

std::string rstripStr(llvm::StringRef S) {
  while (!S.empty() && (isRubySpace(S.back()) || S.back() == '\0'))
    S = S.drop_back();
  return S.str();
}

std::string stripStr(llvm::StringRef S) { return rstripStr(lstripStr(S)); }

std::string chompStr(llvm::StringRef S) {
  if (S.endswith("\r\n"))
    return S.drop_back(2).str();
  if (S.endswith("\n") || S.endswith("\r"))
    return S.drop_back().str();
  return S.str();
}

std::string chopStr(llvm::StringRef S) {
  if (S.endswith("\r\n"))
    return S.drop_back(2).str();
  std::vector<std::string> Chars = utf8Chars(S);
  if (Chars.empty())
    return "";
  return S.drop_back(Chars.back().size()).str();
}

/// Applies Op to a String, each String in an Array (recursively), and, when
/// DoHash, to the keys and values of a Hash. Numbers pass through.
Value mapStrings(FunctionContext &Ctx, const Value &V, StringOp Op,
                 bool DoHash) {
  switch (V.kind()) {
  case Value::Kind::String:
    return Value(Op(V.asString()));
  case Value::Kind::Integer:
  case Value::Kind::Float:
    return V;
  case Value::Kind::Array: {
    Array Result;
    for (const Value &E : V.asArray())
      Result.push_back(mapStrings(Ctx, E, Op, DoHash));
    return Value(std::move(Result));
  }
  case Value::Kind::Hash:
    if (DoHash) {
      HashData Result;
      for (const auto &[K, E] : V.asHash())
        Result.set(mapStrings(Ctx, K, Op, DoHash),
                   mapStrings(Ctx, E, Op, DoHash));
      return Value(std::move(Result));
    }
    break;
  default:
    break;
  }
  if (DoHash)
    argTypeError(Ctx, "arg", {"Numeric", "String", "Array", "Hash"}, V);
  argTypeError(Ctx, "arg", {"Numeric", "String", "Iterable"}, V);
}

BuiltinFunction stringMapper(StringOp Op, bool DoHash) {
  return [Op, DoHash](FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
    checkArgCount(Ctx, Args, 1, 1);
    return mapStrings(Ctx, Args[0], Op, DoHash);
  };
}

//===----------------------------------------------------------------------===//
// split, join, regsubst, match
//===----------------------------------------------------------------------===//

Value splitFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 2, 2);
  const bool Sensitive = Args[0].isSensitive();
  const Value &Str = Sensitive ? Args[0].sensitiveValue() : Args[0];
  if (!Str.isString())
    argTypeError(Ctx, "str", {"String"}, Str);
  if (!Args[1].isString() && !Args[1].isRegexp() && !Args[1].isType())
    argTypeError(Ctx, "pattern", {"String", "Regexp", "Type[Regexp]"}, Args[1]);
  const std::shared_ptr<const Regex> R = compilePattern(Ctx, Args[1]);
  Array Parts;
  for (std::string &P : R->split(Str.asString()))
    Parts.push_back(Value(std::move(P)));
  Value Result(std::move(Parts));
  return Sensitive ? Value::makeSensitive(std::move(Result)) : Result;
}

/// Ruby's Array#join: nested arrays joined recursively, elements by to_s.
void rubyJoin(const Array &A, llvm::StringRef Sep, std::string &Out,
              bool &First) {
  for (const Value &E : A) {
    if (E.isArray()) {
      rubyJoin(E.asArray(), Sep, Out, First);
      continue;
    }
    if (!First)
      Out += Sep;
    First = false;
    Out += E.toRubyString();
  }
}

Value joinFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, 3);
  if (!Args[0].isArray())
    argTypeError(Ctx, "arg", {"Array"}, Args[0]);
  std::string Sep;
  if (Args.size() > 1) {
    if (!Args[1].isString())
      argTypeError(Ctx, "delimiter", {"String"}, Args[1]);
    Sep = Args[1].asString();
  }
  std::string Out;
  bool First = true;
  rubyJoin(Args[0].asArray(), Sep, Out, First);
  return Value(std::move(Out));
}

std::string regexOptions(FunctionContext &Ctx, const Value &Flags,
                         bool &Global) {
  std::string Options;
  if (Flags.isUndef())
    return Options;
  if (!Flags.isString())
    argTypeError(Ctx, "flags", {"String"}, Flags);
  for (char C : Flags.asString()) {
    switch (C) {
    case 'G':
      Global = true;
      break;
    case 'I':
      Options += 'i';
      break;
    case 'M':
      Options += 'm';
      break;
    case 'E':
      Options += 'x';
      break;
    default:
      fail(Ctx, "'regsubst' parameter 'flags' expects a match for "
                "Pattern[/^[GEIM]*$/], got '" +
                    Flags.asString() + "'");
    }
  }
  return Options;
}

std::string substituteOne(FunctionContext &Ctx, const Regex &R,
                          const Value &Target, const Value &Replacement,
                          bool Global) {
  if (!Target.isString())
    argTypeError(Ctx, "target", {"String", "Array[String]"}, Target);
  if (Replacement.isString())
    return R.substitute(Target.asString(), Replacement.asString(), Global);
  const HashData &Map = Replacement.asHash();
  return R.substitute(
      Target.asString(),
      [&Map](const RegexMatch &M) {
        const Value *V = Map.find(llvm::StringRef(M.matched()));
        return V ? V->toRubyString() : std::string();
      },
      Global);
}

Value regsubstFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 3, 5);
  if (!Args[2].isString() && !Args[2].isHash())
    argTypeError(Ctx, "replacement", {"String", "Hash[String, String]"},
                 Args[2]);
  bool Global = false;
  const std::string Options =
      regexOptions(Ctx, Args.size() > 3 ? Args[3] : Value(), Global);
  const std::shared_ptr<const Regex> R = compilePattern(Ctx, Args[1], Options);
  const bool Sensitive = Args[0].isSensitive();
  const Value &Target = Sensitive ? Args[0].sensitiveValue() : Args[0];
  Value Result;
  if (Target.isArray()) {
    Array Out;
    for (const Value &E : Target.asArray()) {
      const Value &S = E.isSensitive() ? E.sensitiveValue() : E;
      Value Sub(substituteOne(Ctx, *R, S, Args[2], Global));
      Out.push_back(E.isSensitive() ? Value::makeSensitive(std::move(Sub))
                                    : std::move(Sub));
    }
    Result = Value(std::move(Out));
  } else {
    Result = Value(substituteOne(Ctx, *R, Target, Args[2], Global));
  }
  return Sensitive ? Value::makeSensitive(std::move(Result)) : Result;
}

Value matchOne(FunctionContext &Ctx, const Value &S,
               const std::vector<std::shared_ptr<const Regex>> &Patterns) {
  if (!S.isString())
    argTypeError(Ctx, "string", {"String", "Array"}, S);
  for (const auto &R : Patterns) {
    std::optional<RegexMatch> M = R->search(S.asString());
    if (!M)
      continue;
    Array Groups;
    for (const std::optional<std::string> &G : M->Groups)
      Groups.push_back(G ? Value(*G) : Value());
    return Value(std::move(Groups));
  }
  return Value();
}

Value matchFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 2, 2);
  std::vector<std::shared_ptr<const Regex>> Patterns;
  const Value &P = Args[1];
  if (P.isType() && P.asType().data().Kind == TypeKind::Type &&
      !P.asType().data().Params.empty()) {
    for (const Regexp &E : P.asType().data().Params[0].data().Patterns)
      Patterns.push_back(compilePattern(Ctx, Value(E)));
  } else if (P.isString() || P.isRegexp()) {
    Patterns.push_back(compilePattern(Ctx, P));
  } else {
    argTypeError(Ctx, "pattern",
                 {"String", "Regexp", "Type[Pattern]", "Type[Regexp]"}, P);
  }
  if (!Args[0].isArray())
    return matchOne(Ctx, Args[0], Patterns);
  Array Result;
  for (const Value &E : Args[0].asArray())
    Result.push_back(matchOne(Ctx, E, Patterns));
  return Value(std::move(Result));
}

Value versioncmpFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 2, 3);
  if (!Args[0].isString())
    argTypeError(Ctx, "a", {"String"}, Args[0]);
  if (!Args[1].isString())
    argTypeError(Ctx, "b", {"String"}, Args[1]);
  return Value(versionCompare(Args[0].asString(), Args[1].asString()));
}

Value sprintfFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  checkArgCount(Ctx, Args, 1, SIZE_MAX);
  if (!Args[0].isString())
    argTypeError(Ctx, "format", {"String"}, Args[0]);
  return Value(formatSprintf(Ctx, Args[0].asString(), Args.drop_front()));
}

std::string shellQuoteWord(const std::string &W) {
  static const llvm::StringRef Safe =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789@%_-+=:,"
      "./";
  static const llvm::StringRef Dangerous = "!\"`$\\";
  if (W.empty())
    return "\"\"";
  if (llvm::all_of(W, [](char C) { return Safe.contains(C); }))
    return W;
  if (W.find('\'') == std::string::npos)
    return "'" + W + "'";
  std::string Out = "\"";
  for (char C : W) {
    if (Dangerous.contains(C))
      Out += '\\';
    Out += C;
  }
  return Out + "\"";
}

void flattenInto(const Value &V, Array &Out) {
  if (!V.isArray()) {
    Out.push_back(V);
    return;
  }
  for (const Value &E : V.asArray())
    flattenInto(E, Out);
}

Value shellquoteFn(FunctionContext &Ctx, llvm::ArrayRef<Value> Args) {
  Array Words;
  for (const Value &A : Args)
    flattenInto(A, Words);
  std::string Out;
  for (const Value &W : Words) {
    if (!Out.empty())
      Out += ' ';
    Out += shellQuoteWord(W.toRubyString());
  }
  return Value(std::move(Out));
}

} // namespace

//===----------------------------------------------------------------------===//
// versioncmp
//===----------------------------------------------------------------------===//

/// Puppet's version segments: "-", ".", digit runs, other runs.
static std::vector<std::string> versionSegments(llvm::StringRef V) {
  std::vector<std::string> Segs;
  size_t I = 0;
  while (I < V.size()) {
    const char C = V[I];
    size_t J = I + 1;
    if (llvm::isDigit(C)) {
      while (J < V.size() && llvm::isDigit(V[J]))
        ++J;
    } else if (C != '-' && C != '.') {
      while (J < V.size() && !llvm::isDigit(V[J]) && V[J] != '-' && V[J] != '.')
        ++J;
    }
    Segs.push_back(V.slice(I, J).str());
    I = J;
  }
  return Segs;
}

static int sign(int C) { return C < 0 ? -1 : C > 0 ? 1 : 0; }

static int compareDigits(llvm::StringRef A, llvm::StringRef B) {
  A = A.ltrim('0');
  B = B.ltrim('0');
  if (A.size() != B.size())
    return A.size() < B.size() ? -1 : 1;
  return sign(A.compare(B));
}

int cppet::versionCompare(llvm::StringRef A, llvm::StringRef B) {
  const std::vector<std::string> AX = versionSegments(A);
  const std::vector<std::string> BX = versionSegments(B);
  for (size_t I = 0; I < AX.size() && I < BX.size(); ++I) {
    const std::string &X = AX[I], &Y = BX[I];
    if (X == Y)
      continue;
    if (X == "-")
      return -1;
    if (Y == "-")
      return 1;
    if (X == ".")
      return -1;
    if (Y == ".")
      return 1;
    if (llvm::isDigit(X[0]) && llvm::isDigit(Y[0])) {
      if (X[0] == '0' || Y[0] == '0')
        return sign(llvm::StringRef(X).compare(Y));
      return compareDigits(X, Y);
    }
    return sign(llvm::StringRef(X).upper().compare(llvm::StringRef(Y).upper()));
  }
  return sign(A.compare(B));
}

void cppet::registerStringFunctions(FunctionRegistry &R) {
  R.add("upcase", stringMapper(upcaseStr, true));
  R.add("downcase", stringMapper(downcaseStr, true));
  R.add("capitalize", stringMapper(capitalizeStr, false));
  R.add("strip", stringMapper(stripStr, false));
  R.add("lstrip", stringMapper(lstripStr, false));
  R.add("rstrip", stringMapper(rstripStr, false));
  R.add("chomp", stringMapper(chompStr, false));
  R.add("chop", stringMapper(chopStr, false));
  R.add("split", splitFn);
  R.add("join", joinFn);
  R.add("regsubst", regsubstFn);
  R.add("match", matchFn);
  R.add("versioncmp", versioncmpFn);
  R.add("sprintf", sprintfFn);
  R.add("shellquote", shellquoteFn);
}
