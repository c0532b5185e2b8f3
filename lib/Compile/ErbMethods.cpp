//===- ErbMethods.cpp - Ruby core methods for ERB templates ---------------===//

#include "ErbMethods.h"
#include "FnStdlibSupport.h"

#include <arpa/inet.h>

#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <cmath>

using namespace cppet;
using namespace cppet::erb;

namespace {

void arity(const std::vector<RVal> &Args, size_t Min, size_t Max) {
  if (Args.size() < Min || Args.size() > Max) {
    std::string Expected =
        Min == Max        ? std::to_string(Min)
        : Max == SIZE_MAX ? std::to_string(Min) + "+"
                          : std::to_string(Min) + ".." + std::to_string(Max);
    raise("wrong number of arguments (given " + std::to_string(Args.size()) +
          ", expected " + Expected + ")");
  }
}

const std::string &strArg(const RVal &V) {
  if (V.K != RVal::Str && V.K != RVal::Sym)
    raise("no implicit conversion of " +
          (V.K == RVal::Nil ? std::string("nil") : rubyClassName(V)) +
          " into String");
  return V.S;
}

int64_t intArg(const RVal &V) {
  if (V.K == RVal::Int)
    return V.I;
  if (V.K == RVal::Float)
    return static_cast<int64_t>(V.D);
  raise("no implicit conversion of " +
        (V.K == RVal::Nil ? std::string("nil") : rubyClassName(V)) +
        " into Integer");
}

bool isSpace(char C) {
  return C == ' ' || C == '\t' || C == '\n' || C == '\v' || C == '\f' ||
         C == '\r' || C == '\0';
}

std::string rubyStrip(llvm::StringRef S, bool L, bool R) {
  while (L && !S.empty() && isSpace(S.front()))
    S = S.drop_front();
  while (R && !S.empty() && isSpace(S.back()))
    S = S.drop_back();
  return S.str();
}

int64_t leadingInt(llvm::StringRef S, unsigned Base = 10) {
  S = S.ltrim(" \t\n\v\f\r");
  bool Neg = false;
  if (!S.empty() && (S[0] == '-' || S[0] == '+')) {
    Neg = S[0] == '-';
    S = S.drop_front();
  }
  int64_t V = 0;
  for (size_t I = 0; I < S.size(); ++I) {
    char C = S[I];
    if (C == '_' && I > 0 && I + 1 < S.size())
      continue;
    unsigned D;
    if (std::isdigit(static_cast<unsigned char>(C)))
      D = C - '0';
    else if (std::isalpha(static_cast<unsigned char>(C)))
      D = std::tolower(static_cast<unsigned char>(C)) - 'a' + 10;
    else
      break;
    if (D >= Base)
      break;
    V = V * Base + D;
  }
  return Neg ? -V : V;
}

double leadingFloat(llvm::StringRef S) {
  std::string Clean;
  for (char C : S.ltrim(" \t\n\v\f\r"))
    if (C != '_')
      Clean += C;
  return std::strtod(Clean.c_str(), nullptr);
}

/// Byte-range substring with Ruby's negative-index rules.
std::optional<std::pair<size_t, size_t>> sliceRange(int64_t Start, int64_t Len,
                                                    size_t Size) {
  if (Start < 0)
    Start += static_cast<int64_t>(Size);
  if (Start < 0 || Start > static_cast<int64_t>(Size) || Len < 0)
    return std::nullopt;
  int64_t End = std::min<int64_t>(Start + Len, static_cast<int64_t>(Size));
  return std::make_pair(static_cast<size_t>(Start), static_cast<size_t>(End));
}

std::optional<std::pair<size_t, size_t>> rangeBounds(const RVal &R,
                                                     size_t Size) {
  int64_t Lo = R.I, Hi = R.Hi;
  int64_t N = static_cast<int64_t>(Size);
  if (Lo < 0)
    Lo += N;
  if (Hi < 0)
    Hi += N;
  if (Lo < 0 || Lo > N)
    return std::nullopt;
  int64_t End = R.Excl ? Hi : Hi + 1;
  End = std::min(End, N);
  if (End < Lo)
    End = Lo;
  return std::make_pair(static_cast<size_t>(Lo), static_cast<size_t>(End));
}

std::string capitalize(llvm::StringRef S) {
  std::string R = S.lower();
  if (!R.empty())
    R[0] = llvm::toUpper(R[0]);
  return R;
}

RVal strArray(const std::vector<std::string> &V) {
  RArray A;
  for (const std::string &S : V)
    A.push_back(RVal::str(S));
  return RVal::array(std::move(A));
}

std::string regexEscape(llvm::StringRef S) {
  std::string R;
  for (char C : S) {
    switch (C) {
    case '\n':
      R += "\\n";
      break;
    case '\t':
      R += "\\t";
      break;
    case '\r':
      R += "\\r";
      break;
    case '\f':
      R += "\\f";
      break;
    case '\v':
      R += "\\v";
      break;
    case ' ':
      R += "\\ ";
      break;
    default:
      if (std::strchr("[]{}()|-*.\\?+^$#", C) && C)
        R += '\\';
      R += C;
    }
  }
  return R;
}

/// tr's character set expansion (a-z ranges, leading ^ handled by caller).
std::string expandTrSet(llvm::StringRef S) {
  std::string R;
  for (size_t I = 0; I < S.size(); ++I) {
    if (I + 2 < S.size() && S[I + 1] == '-') {
      for (int C = static_cast<unsigned char>(S[I]);
           C <= static_cast<unsigned char>(S[I + 2]); ++C)
        R += static_cast<char>(C);
      I += 2;
      continue;
    }
    if (S[I] == '\\' && I + 1 < S.size())
      ++I;
    R += S[I];
  }
  return R;
}

} // namespace

int Interp::compareOrFail(const RVal &A, const RVal &B) {
  std::optional<int> C = rubyCompare(A, B);
  if (!C)
    raise("comparison of " + rubyClassName(A) + " with " +
          (B.K == RVal::Nil || B.K == RVal::Int || B.K == RVal::Float
               ? rubyInspect(B)
               : rubyClassName(B)) +
          " failed");
  return *C;
}

std::string Interp::joinArray(const RArray &A, const std::string &Sep,
                              int Depth) {
  if (Depth > 100)
    raise("recursive array join");
  std::string R;
  for (size_t I = 0; I < A.size(); ++I) {
    if (I)
      R += Sep;
    if (A[I].K == RVal::Arr)
      R += joinArray(*A[I].A, Sep, Depth + 1);
    else
      R += rubyToS(A[I]);
  }
  return R;
}

RVal Interp::sortValues(std::vector<RVal> Items, const Blk &B) {
  std::vector<RVal> Sorted = std::move(Items);
  auto Cmp = [&](const RVal &X, const RVal &Y) {
    if (B.given()) {
      RVal R = yield(B, {X, Y});
      return intArg(R) < 0;
    }
    return compareOrFail(X, Y) < 0;
  };
  std::stable_sort(Sorted.begin(), Sorted.end(), Cmp);
  return RVal::array(std::move(Sorted));
}

RVal Interp::sortBy(const std::vector<RVal> &Items, const Blk &B) {
  std::vector<std::pair<RVal, RVal>> Keyed;
  Keyed.reserve(Items.size());
  for (const RVal &X : Items)
    Keyed.emplace_back(yield(B, {X}), X);
  std::stable_sort(Keyed.begin(), Keyed.end(),
                   [&](const auto &L, const auto &R) {
                     return compareOrFail(L.first, R.first) < 0;
                   });
  RArray Out;
  for (auto &[K, X] : Keyed)
    Out.push_back(X);
  return RVal::array(std::move(Out));
}

RVal Interp::callMethod(const RVal &Recv, const std::string &Name,
                        std::vector<RVal> Args, const Blk &B,
                        const Node *Site) {
  (void)Site;
  step();
  if (std::optional<RVal> R = objectMethod(Recv, Name, Args, B))
    return *R;
  switch (Recv.K) {
  case RVal::Scope:
    return scopeMethod(Name, Args);
  case RVal::Const:
    return constMethod(Recv, Name, Args, B);
  case RVal::Str:
    return stringMethod(Recv, Name, Args, B);
  case RVal::Sym: {
    if (Name == "to_proc") {
      RVal P;
      P.K = RVal::Proc;
      P.S = Recv.S;
      return P;
    }
    if (Name == "length" || Name == "size" || Name == "upcase" ||
        Name == "downcase" || Name == "capitalize" || Name == "empty?" ||
        Name == "start_with?" || Name == "end_with?" || Name == "[]" ||
        Name == "=~" || Name == "match") {
      RVal S = stringMethod(RVal::str(Recv.S), Name, Args, B);
      if (S.K == RVal::Str && Name != "[]")
        return RVal::sym(S.S);
      return S;
    }
    if (Name == "<=>") {
      std::optional<int> C = rubyCompare(Recv, Args.at(0));
      return C ? RVal::integer(*C) : RVal::nil();
    }
    noMethod(Name, Recv);
  }
  case RVal::Int:
  case RVal::Float:
    return numberMethod(Recv, Name, Args, B);
  case RVal::Arr:
    return arrayMethod(Recv, Name, Args, B);
  case RVal::Hash:
    return hashMethod(Recv, Name, Args, B);
  case RVal::Range: {
    if (Name == "first" && Args.empty())
      return RVal::integer(Recv.I);
    if ((Name == "last" || Name == "end") && Args.empty())
      return RVal::integer(Recv.Hi);
    if (Name == "begin")
      return RVal::integer(Recv.I);
    if (Name == "include?" || Name == "member?" || Name == "cover?" ||
        Name == "===") {
      arity(Args, 1, 1);
      return RVal::boolean(caseEq(Recv, Args[0]));
    }
    if (Name == "step") {
      arity(Args, 1, 1);
      int64_t St = intArg(Args[0]);
      if (St <= 0)
        raise("step can't be negative");
      RArray Out;
      for (int64_t I = Recv.I; Recv.Excl ? I < Recv.Hi : I <= Recv.Hi; I += St)
        Out.push_back(RVal::integer(I));
      if (B.given()) {
        for (const RVal &X : Out)
          yield(B, {X});
        return Recv;
      }
      return RVal::array(std::move(Out));
    }
    std::vector<RVal> Items = enumItems(Recv);
    if (Name == "each") {
      for (const RVal &X : Items)
        yield(B, {X});
      return Recv;
    }
    if (std::optional<RVal> R = enumMethod(Recv, Items, Name, Args, B))
      return *R;
    return arrayMethod(RVal::array(Items), Name, Args, B);
  }
  case RVal::Regexp:
    return regexpMethod(Recv, Name, Args);
  case RVal::Match:
    return matchMethod(Recv, Name, Args);
  case RVal::Nil:
    if (Name == "to_a")
      return RVal::array();
    if (Name == "to_s")
      return RVal::str("");
    if (Name == "to_i")
      return RVal::integer(0);
    if (Name == "to_f")
      return RVal::flt(0);
    if (Name == "to_h")
      return RVal::hash();
    if (Name == "&")
      return RVal::boolean(false);
    if (Name == "|")
      return RVal::boolean(Args.at(0).truthy());
    noMethod(Name, Recv);
  case RVal::True:
  case RVal::False:
    if (Name == "&")
      return RVal::boolean(Recv.truthy() && Args.at(0).truthy());
    if (Name == "|")
      return RVal::boolean(Recv.truthy() || Args.at(0).truthy());
    if (Name == "^")
      return RVal::boolean(Recv.truthy() != Args.at(0).truthy());
    noMethod(Name, Recv);
  default:
    noMethod(Name, Recv);
  }
}

std::optional<RVal> Interp::objectMethod(const RVal &Recv,
                                         const std::string &Name,
                                         std::vector<RVal> &Args,
                                         const Blk &B) {
  (void)B;
  if (Name == "nil?")
    return RVal::boolean(Recv.K == RVal::Nil);
  if (Name == "is_a?" || Name == "kind_of?" || Name == "instance_of?") {
    arity(Args, 1, 1);
    if (Args[0].K != RVal::Const)
      raise("class or module required");
    if (Name == "instance_of?")
      return RVal::boolean(rubyClassName(Recv) == Args[0].S);
    return RVal::boolean(isA(Recv, Args[0].S));
  }
  if (Name == "==" || Name == "eql?" || Name == "equal?") {
    arity(Args, 1, 1);
    if (Name == "eql?")
      return RVal::boolean(rubyKeyEqual(Recv, Args[0]));
    return RVal::boolean(rubyEqual(Recv, Args[0]));
  }
  if (Name == "!=")
    return RVal::boolean(!rubyEqual(Recv, Args.at(0)));
  if (Name == "!")
    return RVal::boolean(!Recv.truthy());
  if (Name == "inspect")
    return RVal::str(rubyInspect(Recv));
  if (Name == "to_yaml") { // Psych, as stdlib's to_yaml writes it
    arity(Args, 0, 1);
    return RVal::str(stdlibfn::toYamlDocument(toPuppet(Recv)));
  }
  if (Name == "to_s" && Recv.K != RVal::Int)
    return RVal::str(rubyToS(Recv));
  if (Name == "class") {
    RVal C;
    C.K = RVal::Const;
    C.S = rubyClassName(Recv);
    return C;
  }
  if (Name == "frozen?")
    return RVal::boolean(Recv.K != RVal::Arr && Recv.K != RVal::Hash);
  if (Name == "freeze" || Name == "itself" ||
      (Name == "to_str" && Recv.isStr()))
    return Recv;
  if (Name == "dup" || Name == "clone") {
    if (Recv.K == RVal::Arr)
      return RVal::array(*Recv.A);
    if (Recv.K == RVal::Hash) {
      RVal H = RVal::hash();
      H.H->E = Recv.H->E;
      return H;
    }
    return Recv;
  }
  if (Name == "respond_to?") {
    arity(Args, 1, 2);
    // Probe by calling with no arguments would have side effects; answer
    // for the methods templates actually test.
    std::string M = rubyToS(Args[0]);
    static const char *Common[] = {"to_s",  "inspect", "nil?",       "is_a?",
                                   "class", "dup",     "respond_to?"};
    for (const char *C : Common)
      if (M == C)
        return RVal::boolean(true);
    static const std::pair<RVal::Kind, const char *> Specific[] = {
        {RVal::Str, "upcase"},    {RVal::Str, "downcase"},
        {RVal::Str, "split"},     {RVal::Str, "strip"},
        {RVal::Str, "length"},    {RVal::Str, "size"},
        {RVal::Str, "empty?"},    {RVal::Str, "gsub"},
        {RVal::Str, "to_i"},      {RVal::Str, "to_str"},
        {RVal::Str, "include?"},  {RVal::Str, "each_line"},
        {RVal::Str, "to_sym"},    {RVal::Str, "capitalize"},
        {RVal::Arr, "each"},      {RVal::Arr, "join"},
        {RVal::Arr, "map"},       {RVal::Arr, "length"},
        {RVal::Arr, "size"},      {RVal::Arr, "empty?"},
        {RVal::Arr, "to_ary"},    {RVal::Arr, "flatten"},
        {RVal::Arr, "include?"},  {RVal::Arr, "sort"},
        {RVal::Arr, "keys"},      {RVal::Hash, "each"},
        {RVal::Hash, "keys"},     {RVal::Hash, "each_pair"},
        {RVal::Hash, "has_key?"}, {RVal::Hash, "to_hash"},
        {RVal::Hash, "map"},      {RVal::Hash, "length"},
        {RVal::Hash, "size"},     {RVal::Hash, "empty?"},
        {RVal::Hash, "include?"}, {RVal::Hash, "sort"},
        {RVal::Hash, "values"},   {RVal::Int, "to_i"},
        {RVal::Int, "times"},     {RVal::Int, "+"},
        {RVal::Float, "to_i"},    {RVal::Float, "round"},
        {RVal::Nil, "to_a"},      {RVal::Nil, "to_i"},
        {RVal::Range, "each"},    {RVal::Range, "map"}};
    bool Ok = false;
    for (auto &[K, S] : Specific)
      Ok |= K == Recv.K && M == S;
    if (Recv.K == RVal::Arr && M == "keys")
      Ok = false;
    return RVal::boolean(Ok);
  }
  if (Name == "then" || Name == "yield_self") {
    if (!B.given())
      return Recv;
    return yield(B, {Recv});
  }
  if (Name == "tap") {
    yield(B, {Recv});
    return Recv;
  }
  if (Name == "===" && Recv.K != RVal::Const && Recv.K != RVal::Regexp &&
      Recv.K != RVal::Range)
    return RVal::boolean(rubyEqual(Recv, Args.at(0)));
  if (Name == "=~" && Recv.K != RVal::Str && Recv.K != RVal::Regexp &&
      Recv.K != RVal::Sym)
    return RVal::nil();
  if (Name == "hash")
    return RVal::integer(static_cast<int64_t>(
        std::hash<std::string>()(rubyInspect(Recv)) & 0x3fffffffffffffff));
  return std::nullopt;
}

RVal Interp::scopeMethod(const std::string &Name, std::vector<RVal> &Args) {
  if (Name == "[]" || Name == "lookupvar") {
    arity(Args, 1, 2);
    return lookupVar(strArg(Args[0]));
  }
  if (Name == "exist?" || Name == "include?" || Name == "has_variable?") {
    arity(Args, 1, 1);
    return RVal::boolean(Ctx.variable(strArg(Args[0])).has_value());
  }
  if (Name == "call_function") {
    arity(Args, 1, 2);
    std::vector<RVal> FArgs;
    if (Args.size() > 1)
      FArgs = Args[1].K == RVal::Arr ? *Args[1].A : std::vector<RVal>{Args[1]};
    return callPuppetFunction(strArg(Args[0]), FArgs);
  }
  if (llvm::StringRef(Name).startswith("function_")) {
    std::string Fn = Name.substr(9);
    if (Args.size() != 1 || Args[0].K != RVal::Arr)
      raise("custom functions must be called with a single array that "
            "contains the arguments. For example, function_example([1]) "
            "instead of function_example(1)");
    return callPuppetFunction(Fn, *Args[0].A);
  }
  if (Name == "setvar") {
    arity(Args, 2, 2);
    const std::string VarName = strArg(Args[0]);
    Ctx.setVariable(VarName, toPuppet(Args[1]));
    Ctx.compileLocal("erb:" + VarName) = std::make_shared<RVal>(Args[1]);
    return Args[1];
  }
  if (Name == "to_hash") {
    RVal H = RVal::hash();
    for (const auto &[K, V] : Ctx.visibleVariables())
      if (!H.H->find(RVal::str(K)))
        H.H->E.emplace_back(RVal::str(K), fromPuppet(V));
    return H;
  }
  RVal S;
  S.K = RVal::Scope;
  noMethod(Name, S);
}

RVal Interp::constMethod(const RVal &Recv, const std::string &Name,
                         std::vector<RVal> &Args, const Blk &B) {
  const std::string &C = Recv.S;
  if (Name == "===") {
    arity(Args, 1, 1);
    return RVal::boolean(isA(Args[0], C));
  }
  if (Name == "name" || Name == "to_s")
    return RVal::str(C);
  if (C == "IPAddr" && Name == "new") {
    // Only validation is needed by templates: an invalid address raises
    // ArgumentError ("invalid address"); a prefix (/24) is allowed.
    arity(Args, 1, 2);
    std::string Addr = strArg(Args[0]);
    llvm::StringRef A(Addr);
    auto [Host, Prefix] = A.split('/');
    unsigned char Buf[16];
    const std::string H = Host.str();
    bool Ok = inet_pton(AF_INET, H.c_str(), Buf) == 1 ||
              inet_pton(AF_INET6, H.c_str(), Buf) == 1;
    unsigned Bits = 0;
    if (Ok && !Prefix.empty() && Prefix.getAsInteger(10, Bits))
      Ok = false;
    if (!Ok)
      raise("invalid address: " + Addr);
    return RVal::str(Addr);
  }
  if (C == "Regexp") {
    if (Name == "escape" || Name == "quote") {
      arity(Args, 1, 1);
      return RVal::str(regexEscape(strArg(Args[0])));
    }
    if (Name == "new" || Name == "compile") {
      arity(Args, 1, 2);
      if (Args[0].K == RVal::Regexp)
        return Args[0];
      unsigned Flags = 0;
      if (Args.size() > 1) {
        if (Args[1].K == RVal::Int)
          Flags = static_cast<unsigned>(Args[1].I) & 7;
        else if (Args[1].truthy())
          Flags = 1;
      }
      return newRegexp(strArg(Args[0]), Flags);
    }
    if (Name == "union") {
      std::vector<RVal> Parts =
          Args.size() == 1 && Args[0].K == RVal::Arr ? *Args[0].A : Args;
      std::string Src;
      for (size_t I = 0; I < Parts.size(); ++I) {
        if (I)
          Src += "|";
        Src += Parts[I].K == RVal::Regexp ? regexpToS(Parts[I])
                                          : regexEscape(strArg(Parts[I]));
      }
      return newRegexp(Src, 0);
    }
  }
  if (C == "Array" && Name == "new") {
    if (Args.empty())
      return RVal::array();
    int64_t N = intArg(Args[0]);
    if (N < 0 || N > 1'000'000)
      raise("array size too big");
    RArray A;
    for (int64_t I = 0; I < N; ++I)
      A.push_back(B.given() ? yield(B, {RVal::integer(I)})
                            : (Args.size() > 1 ? Args[1] : RVal::nil()));
    return RVal::array(std::move(A));
  }
  if (C == "Hash" && Name == "new")
    return RVal::hash();
  if (C == "Hash" && Name == "[]") {
    RVal H = RVal::hash();
    if (Args.size() == 1 && Args[0].K == RVal::Hash)
      H.H->E = Args[0].H->E;
    else if (Args.size() == 1 && Args[0].K == RVal::Arr)
      for (const RVal &P : *Args[0].A)
        if (P.K == RVal::Arr && !P.A->empty())
          H.H->set((*P.A)[0], P.A->size() > 1 ? (*P.A)[1] : RVal::nil());
    return H;
  }
  if (C == "String" && Name == "new")
    return RVal::str(Args.empty() ? "" : strArg(Args[0]));
  if (C == "File") {
    if (Name == "basename") {
      arity(Args, 1, 2);
      llvm::StringRef P = strArg(Args[0]);
      while (P.size() > 1 && P.endswith("/"))
        P = P.drop_back();
      size_t Slash = P.rfind('/');
      std::string Base = (Slash == llvm::StringRef::npos || P == "/")
                             ? P.str()
                             : P.substr(Slash + 1).str();
      if (Args.size() > 1) {
        std::string Suffix = strArg(Args[1]);
        if (Suffix == ".*") {
          size_t Dot = Base.rfind('.');
          if (Dot != std::string::npos && Dot > 0)
            Base = Base.substr(0, Dot);
        } else if (Base.size() > Suffix.size() &&
                   llvm::StringRef(Base).endswith(Suffix)) {
          Base = Base.substr(0, Base.size() - Suffix.size());
        }
      }
      return RVal::str(Base);
    }
    if (Name == "dirname") {
      arity(Args, 1, 1);
      llvm::StringRef P = strArg(Args[0]);
      size_t Slash = P.rfind('/');
      if (Slash == llvm::StringRef::npos)
        return RVal::str(".");
      if (Slash == 0)
        return RVal::str("/");
      return RVal::str(P.substr(0, Slash).str());
    }
    if (Name == "extname") {
      llvm::StringRef P = strArg(Args.at(0));
      size_t Slash = P.rfind('/');
      llvm::StringRef Base =
          Slash == llvm::StringRef::npos ? P : P.substr(Slash + 1);
      size_t Dot = Base.rfind('.');
      if (Dot == llvm::StringRef::npos || Dot == 0 || Dot + 1 == Base.size())
        return RVal::str("");
      return RVal::str(Base.substr(Dot).str());
    }
    if (Name == "join") {
      std::string R;
      for (const RVal &A : Args) {
        std::string S = A.K == RVal::Arr ? joinArray(*A.A, "/", 0) : strArg(A);
        if (!R.empty() && R.back() == '/' && !S.empty() && S[0] == '/')
          R.pop_back();
        else if (!R.empty() && R.back() != '/' && (S.empty() || S[0] != '/'))
          R += '/';
        R += S;
      }
      return RVal::str(R);
    }
  }
  if (C == "Integer" || C == "Float")
    return convertNumber(Args.at(0), C == "Float");
  noMethod(Name, Recv);
}

std::string Interp::gsub(const RVal &Recv, std::vector<RVal> &Args,
                         const Blk &B, bool Global) {
  arity(Args, 1, 2);
  RVal Pat = Args[0];
  std::shared_ptr<const Regex> Re;
  if (Pat.K == RVal::Regexp)
    Re = Pat.Re;
  else
    Re = newRegexp(regexEscape(strArg(Pat)), 0).Re;
  if (Args.size() == 2 && Args[1].K == RVal::Hash) {
    RVal Map = Args[1];
    return Re->substitute(
        Recv.S,
        [&](const RegexMatch &M) {
          RVal *V = Map.H->find(RVal::str(M.matched()));
          return V ? rubyToS(*V) : std::string();
        },
        Global);
  }
  if (Args.size() == 2)
    return Re->substitute(Recv.S, strArg(Args[1]), Global);
  if (!B.given())
    raise("wrong number of arguments (given 1, expected 2)");
  return Re->substitute(
      Recv.S,
      [&](const RegexMatch &M) {
        RVal MD;
        MD.K = RVal::Match;
        RArray G;
        for (const auto &X : M.Groups)
          G.push_back(X ? RVal::str(*X) : RVal::nil());
        MD.A = std::make_shared<RArray>(std::move(G));
        MD.S = Recv.S;
        MD.I = static_cast<int64_t>(M.Begin);
        MD.Hi = static_cast<int64_t>(M.End);
        LastMatch = MD;
        return rubyToS(yield(B, {RVal::str(M.matched())}));
      },
      Global);
}

RVal Interp::split(const std::string &S, std::vector<RVal> &Args) {
  arity(Args, 0, 2);
  int64_t Limit = Args.size() > 1 ? intArg(Args[1]) : 0;
  std::vector<std::string> Parts;
  bool Awk = Args.empty() || Args[0].K == RVal::Nil ||
             (Args[0].K == RVal::Str && Args[0].S == " ");
  if (Awk) {
    size_t I = 0;
    while (I < S.size()) {
      while (I < S.size() && isSpace(S[I]))
        ++I;
      if (I >= S.size())
        break;
      if (Limit > 0 && static_cast<int64_t>(Parts.size()) == Limit - 1) {
        Parts.push_back(S.substr(I));
        break;
      }
      size_t J = I;
      while (J < S.size() && !isSpace(S[J]))
        ++J;
      Parts.push_back(S.substr(I, J - I));
      I = J;
    }
  } else if (Args[0].K == RVal::Regexp) {
    if (Limit != 0) {
      // Manual split honouring the limit.
      size_t Start = 0, Pos = 0;
      while (Pos <= S.size()) {
        if (Limit > 0 && static_cast<int64_t>(Parts.size()) == Limit - 1)
          break;
        std::optional<RegexMatch> M = Args[0].Re->search(S, Pos);
        if (!M)
          break;
        if (M->End == M->Begin) {
          if (M->Begin >= S.size())
            break;
          if (M->Begin == Start) {
            Pos = M->Begin + 1;
            if (Pos > S.size())
              break;
            Parts.push_back(S.substr(Start, 1));
            Start = Pos;
            continue;
          }
        }
        Parts.push_back(S.substr(Start, M->Begin - Start));
        for (size_t G = 1; G < M->Groups.size(); ++G)
          if (M->Groups[G])
            Parts.push_back(*M->Groups[G]);
        Start = M->End;
        Pos = M->End > M->Begin ? M->End : M->End + 1;
      }
      Parts.push_back(S.substr(std::min(Start, S.size())));
    } else {
      Parts = Args[0].Re->split(S);
    }
    if (Limit == 0)
      while (!Parts.empty() && Parts.back().empty())
        Parts.pop_back();
  } else {
    const std::string &Sep = strArg(Args[0]);
    if (Sep.empty()) {
      for (char C : S)
        Parts.emplace_back(1, C);
    } else {
      size_t Start = 0;
      while (true) {
        if (Limit > 0 && static_cast<int64_t>(Parts.size()) == Limit - 1)
          break;
        size_t At = S.find(Sep, Start);
        if (At == std::string::npos)
          break;
        Parts.push_back(S.substr(Start, At - Start));
        Start = At + Sep.size();
      }
      Parts.push_back(S.substr(Start));
    }
    if (Limit == 0)
      while (!Parts.empty() && Parts.back().empty())
        Parts.pop_back();
  }
  if (S.empty())
    Parts.clear();
  return strArray(Parts);
}

RVal Interp::stringMethod(const RVal &Recv, const std::string &Name,
                          std::vector<RVal> &Args, const Blk &B) {
  const std::string &S = Recv.S;
  llvm::StringRef SR(S);
  auto NoArgs = [&] { arity(Args, 0, 0); };
  if (Name == "length" || Name == "size") {
    NoArgs();
    int64_t N = 0;
    for (unsigned char C : S)
      N += (C & 0xC0) != 0x80;
    return RVal::integer(N);
  }
  if (Name == "bytesize")
    return RVal::integer(static_cast<int64_t>(S.size()));
  if (Name == "to_s" || Name == "to_str")
    return Recv;
  if (Name == "to_sym" || Name == "intern")
    return RVal::sym(S);
  if (Name == "to_i")
    return RVal::integer(leadingInt(S, Args.empty() ? 10 : intArg(Args[0])));
  if (Name == "to_f")
    return RVal::flt(leadingFloat(S));
  if (Name == "hex")
    return RVal::integer(
        leadingInt(SR.startswith("0x") ? SR.drop_front(2) : SR, 16));
  if (Name == "oct")
    return RVal::integer(leadingInt(S, 8));
  if (Name == "upcase")
    return RVal::str(SR.upper());
  if (Name == "downcase")
    return RVal::str(SR.lower());
  if (Name == "capitalize")
    return RVal::str(capitalize(S));
  if (Name == "swapcase") {
    std::string R = S;
    for (char &C : R)
      C = std::isupper(static_cast<unsigned char>(C)) ? llvm::toLower(C)
                                                      : llvm::toUpper(C);
    return RVal::str(R);
  }
  if (Name == "strip")
    return RVal::str(rubyStrip(S, true, true));
  if (Name == "lstrip")
    return RVal::str(rubyStrip(S, true, false));
  if (Name == "rstrip")
    return RVal::str(rubyStrip(S, false, true));
  if (Name == "chomp") {
    if (!Args.empty()) {
      const std::string &Suf = strArg(Args[0]);
      return RVal::str(SR.endswith(Suf) ? S.substr(0, S.size() - Suf.size())
                                        : S);
    }
    if (SR.endswith("\r\n"))
      return RVal::str(S.substr(0, S.size() - 2));
    if (SR.endswith("\n") || SR.endswith("\r"))
      return RVal::str(S.substr(0, S.size() - 1));
    return Recv;
  }
  if (Name == "chop")
    return RVal::str(S.empty() ? S : S.substr(0, S.size() - 1));
  if (Name == "chars" || Name == "each_char") {
    RArray A;
    for (size_t I = 0; I < S.size();) {
      size_t J = I + 1;
      while (J < S.size() && (static_cast<unsigned char>(S[J]) & 0xC0) == 0x80)
        ++J;
      A.push_back(RVal::str(S.substr(I, J - I)));
      I = J;
    }
    if (Name == "each_char" && B.given()) {
      for (const RVal &C : A)
        yield(B, {C});
      return Recv;
    }
    return RVal::array(std::move(A));
  }
  if (Name == "lines" || Name == "each_line") {
    RArray A;
    size_t Start = 0;
    while (Start < S.size()) {
      size_t NL = S.find('\n', Start);
      size_t End = NL == std::string::npos ? S.size() : NL + 1;
      A.push_back(RVal::str(S.substr(Start, End - Start)));
      Start = End;
    }
    if (Name == "each_line" && B.given()) {
      for (const RVal &L : A)
        yield(B, {L});
      return Recv;
    }
    return RVal::array(std::move(A));
  }
  if (Name == "bytes") {
    RArray A;
    for (unsigned char C : S)
      A.push_back(RVal::integer(C));
    return RVal::array(std::move(A));
  }
  if (Name == "split")
    return split(S, Args);
  if (Name == "empty?")
    return RVal::boolean(S.empty());
  if (Name == "include?" || Name == "member?") {
    arity(Args, 1, 1);
    return RVal::boolean(S.find(strArg(Args[0])) != std::string::npos);
  }
  if (Name == "start_with?" || Name == "end_with?") {
    for (const RVal &A : Args) {
      if (A.K == RVal::Regexp && Name == "start_with?") {
        std::optional<RegexMatch> M = A.Re->search(S);
        if (M && M->Begin == 0)
          return RVal::boolean(true);
        continue;
      }
      const std::string &P = strArg(A);
      if (Name == "start_with?" ? SR.startswith(P) : SR.endswith(P))
        return RVal::boolean(true);
    }
    return RVal::boolean(false);
  }
  if (Name == "index" || Name == "rindex") {
    arity(Args, 1, 2);
    size_t At;
    if (Args[0].K == RVal::Regexp) {
      std::optional<RegexMatch> M = Args[0].Re->search(S);
      At = M ? M->Begin : std::string::npos;
    } else {
      At = Name == "index" ? S.find(strArg(Args[0])) : S.rfind(strArg(Args[0]));
    }
    return At == std::string::npos ? RVal::nil()
                                   : RVal::integer(static_cast<int64_t>(At));
  }
  if (Name == "+") {
    arity(Args, 1, 1);
    if (Args[0].K != RVal::Str)
      raise("no implicit conversion of " +
            (Args[0].K == RVal::Nil ? std::string("nil")
                                    : rubyClassName(Args[0])) +
            " into String");
    return RVal::str(S + Args[0].S);
  }
  if (Name == "<<" || Name == "concat") {
    std::string R = S;
    for (const RVal &A : Args)
      R +=
          A.K == RVal::Int ? std::string(1, static_cast<char>(A.I)) : strArg(A);
    return RVal::str(R);
  }
  if (Name == "*") {
    int64_t N = intArg(Args.at(0));
    if (N < 0)
      raise("negative argument");
    if (static_cast<uint64_t>(N) * S.size() > 100'000'000)
      raise("argument too big");
    std::string R;
    for (int64_t I = 0; I < N; ++I)
      R += S;
    return RVal::str(R);
  }
  if (Name == "%") {
    arity(Args, 1, 1);
    std::vector<Value> PArgs;
    if (Args[0].K == RVal::Arr)
      for (const RVal &A : *Args[0].A)
        PArgs.push_back(toPuppet(A));
    else
      PArgs.push_back(toPuppet(Args[0]));
    return RVal::str(formatSprintf(Ctx, S, PArgs));
  }
  if (Name == "<=>" || Name == "<" || Name == ">" || Name == "<=" ||
      Name == ">=" || Name == "between?") {
    if (Name == "between?") {
      arity(Args, 2, 2);
      return RVal::boolean(compareOrFail(Recv, Args[0]) >= 0 &&
                           compareOrFail(Recv, Args[1]) <= 0);
    }
    arity(Args, 1, 1);
    if (Name == "<=>") {
      std::optional<int> C = rubyCompare(Recv, Args[0]);
      return C ? RVal::integer(*C) : RVal::nil();
    }
    if (Args[0].K != RVal::Str)
      raise("comparison of String with " +
            (Args[0].K == RVal::Int ? rubyInspect(Args[0])
                                    : rubyClassName(Args[0])) +
            " failed");
    int C = S.compare(Args[0].S);
    if (Name == "<")
      return RVal::boolean(C < 0);
    if (Name == ">")
      return RVal::boolean(C > 0);
    if (Name == "<=")
      return RVal::boolean(C <= 0);
    return RVal::boolean(C >= 0);
  }
  if (Name == "casecmp" || Name == "casecmp?") {
    arity(Args, 1, 1);
    int C = SR.compare_insensitive(strArg(Args[0]));
    return Name == "casecmp" ? RVal::integer(C) : RVal::boolean(C == 0);
  }
  if (Name == "=~" || Name == "match" || Name == "match?") {
    arity(Args, 1, 2);
    RVal Re = Args[0];
    if (Re.K == RVal::Str) {
      if (Name == "=~")
        raise("type mismatch: String given");
      Re = newRegexp(Name == "match" ? Re.S : regexEscape(Re.S), 0);
    }
    if (Re.K != RVal::Regexp)
      raise("wrong argument type " + rubyClassName(Re) + " (expected Regexp)");
    size_t Start = Args.size() > 1 ? static_cast<size_t>(intArg(Args[1])) : 0;
    if (Name == "match?")
      return RVal::boolean(Re.Re->search(S, Start).has_value());
    RVal M = regexMatch(Re, S, Start);
    if (Name == "match")
      return M;
    return M.K == RVal::Nil ? M : RVal::integer(M.I);
  }
  if (Name == "scan") {
    arity(Args, 1, 1);
    RVal Re = Args[0].K == RVal::Regexp
                  ? Args[0]
                  : newRegexp(regexEscape(strArg(Args[0])), 0);
    RArray Out;
    for (const RegexMatch &M : Re.Re->matchAll(S)) {
      RVal Item;
      if (M.Groups.size() > 1) {
        RArray G;
        for (size_t I = 1; I < M.Groups.size(); ++I)
          G.push_back(M.Groups[I] ? RVal::str(*M.Groups[I]) : RVal::nil());
        Item = RVal::array(std::move(G));
      } else {
        Item = RVal::str(M.matched());
      }
      if (B.given())
        yield(B, {Item});
      else
        Out.push_back(Item);
    }
    return B.given() ? Recv : RVal::array(std::move(Out));
  }
  if (Name == "gsub" || Name == "sub")
    return RVal::str(gsub(Recv, Args, B, Name == "gsub"));
  if (Name == "tr" || Name == "delete" || Name == "squeeze" ||
      Name == "count") {
    arity(Args, Name == "squeeze" ? 0 : 1, Name == "tr" ? 2 : 1);
    std::string From = Args.empty() ? "" : strArg(Args[0]);
    bool Negate = From.size() > 1 && From[0] == '^';
    std::string Set = expandTrSet(Negate ? llvm::StringRef(From).drop_front()
                                         : llvm::StringRef(From));
    auto InSet = [&](char C) {
      if (Args.empty())
        return true;
      bool In = Set.find(C) != std::string::npos;
      return Negate ? !In : In;
    };
    std::string R;
    if (Name == "count") {
      int64_t N = 0;
      for (char C : S)
        N += InSet(C);
      return RVal::integer(N);
    }
    if (Name == "delete") {
      for (char C : S)
        if (!InSet(C))
          R += C;
      return RVal::str(R);
    }
    if (Name == "squeeze") {
      for (char C : S)
        if (R.empty() || R.back() != C || !InSet(C))
          R += C;
      return RVal::str(R);
    }
    std::string To = expandTrSet(strArg(Args[1]));
    for (char C : S) {
      if (!InSet(C)) {
        R += C;
        continue;
      }
      if (To.empty())
        continue;
      size_t Idx = Negate ? To.size() - 1 : Set.find(C);
      R += To[std::min(Idx, To.size() - 1)];
    }
    return RVal::str(R);
  }
  if (Name == "reverse")
    return RVal::str(std::string(S.rbegin(), S.rend()));
  if (Name == "center" || Name == "ljust" || Name == "rjust") {
    arity(Args, 1, 2);
    int64_t W = intArg(Args[0]);
    std::string Pad = Args.size() > 1 ? strArg(Args[1]) : " ";
    if (Pad.empty())
      raise("zero width padding");
    int64_t Len = callMethod(Recv, "length", {}, Blk(), nullptr).I;
    if (W <= Len)
      return Recv;
    size_t Total = static_cast<size_t>(W - Len);
    auto Fill = [&](size_t N) {
      std::string R;
      for (size_t I = 0; I < N; ++I)
        R += Pad[I % Pad.size()];
      return R;
    };
    if (Name == "ljust")
      return RVal::str(S + Fill(Total));
    if (Name == "rjust")
      return RVal::str(Fill(Total) + S);
    return RVal::str(Fill(Total / 2) + S + Fill(Total - Total / 2));
  }
  if (Name == "[]" || Name == "slice") {
    arity(Args, 1, 2);
    if (Args[0].K == RVal::Int) {
      int64_t Len = Args.size() > 1 ? intArg(Args[1]) : 1;
      auto R = sliceRange(Args[0].I, Len, S.size());
      if (!R || (Args.size() == 1 && R->first >= S.size()))
        return RVal::nil();
      return RVal::str(S.substr(R->first, R->second - R->first));
    }
    if (Args[0].K == RVal::Range) {
      auto R = rangeBounds(Args[0], S.size());
      if (!R)
        return RVal::nil();
      return RVal::str(S.substr(R->first, R->second - R->first));
    }
    if (Args[0].K == RVal::Regexp) {
      RVal M = regexMatch(Args[0], S);
      if (M.K == RVal::Nil)
        return M;
      size_t G = Args.size() > 1 ? static_cast<size_t>(intArg(Args[1])) : 0;
      return G < M.A->size() ? (*M.A)[G] : RVal::nil();
    }
    if (Args[0].K == RVal::Str)
      return S.find(Args[0].S) == std::string::npos ? RVal::nil() : Args[0];
    raise("no implicit conversion of " + rubyClassName(Args[0]) +
          " into Integer");
  }
  if (Name == "succ" || Name == "next") {
    std::string R = S;
    for (size_t I = R.size(); I-- > 0;) {
      char &C = R[I];
      if (C == 'z') {
        C = 'a';
        continue;
      }
      if (C == 'Z') {
        C = 'A';
        continue;
      }
      if (C == '9') {
        C = '0';
        continue;
      }
      ++C;
      return RVal::str(R);
    }
    return RVal::str(
        (R.empty() ? "" : std::string(1, R[0] == '0' ? '1' : R[0])) + R);
  }
  if (Name == "ord") {
    if (S.empty())
      raise("empty string");
    return RVal::integer(static_cast<unsigned char>(S[0]));
  }
  if (Name == "prepend") {
    std::string R;
    for (const RVal &A : Args)
      R += strArg(A);
    return RVal::str(R + S);
  }
  if (Name == "delete_prefix" || Name == "delete_suffix") {
    const std::string &P = strArg(Args.at(0));
    if (Name == "delete_prefix" && SR.startswith(P))
      return RVal::str(S.substr(P.size()));
    if (Name == "delete_suffix" && SR.endswith(P))
      return RVal::str(S.substr(0, S.size() - P.size()));
    return Recv;
  }
  if (Name == "unpack" || Name == "encoding" || Name == "force_encoding" ||
      Name == "encode")
    return Name == "unpack" ? RVal::array() : Recv;
  if (Name == "each_with_index" || Name == "each" || Name == "map")
    noMethod(Name, Recv);
  noMethod(Name, Recv);
}

RVal Interp::numberMethod(const RVal &Recv, const std::string &Name,
                          std::vector<RVal> &Args, const Blk &B) {
  bool IsInt = Recv.K == RVal::Int;
  double D = IsInt ? static_cast<double>(Recv.I) : Recv.D;
  if (Name == "to_s") {
    if (IsInt && !Args.empty()) {
      int64_t Base = intArg(Args[0]);
      if (Base < 2 || Base > 36)
        raise("invalid radix " + std::to_string(Base));
      bool Neg = Recv.I < 0;
      uint64_t V = Neg ? -static_cast<uint64_t>(Recv.I) : Recv.I;
      std::string R;
      do {
        R += "0123456789abcdefghijklmnopqrstuvwxyz"[V % Base];
        V /= Base;
      } while (V);
      if (Neg)
        R += '-';
      return RVal::str(std::string(R.rbegin(), R.rend()));
    }
    return RVal::str(rubyToS(Recv));
  }
  if (Name == "to_i" || Name == "to_int" || Name == "truncate")
    return IsInt ? Recv : RVal::integer(static_cast<int64_t>(std::trunc(D)));
  if (Name == "to_f")
    return RVal::flt(D);
  if (Name == "abs" || Name == "magnitude")
    return IsInt ? RVal::integer(Recv.I < 0 ? -Recv.I : Recv.I)
                 : RVal::flt(std::fabs(D));
  if (Name == "-@")
    return IsInt ? RVal::integer(-Recv.I) : RVal::flt(-D);
  if (Name == "zero?")
    return RVal::boolean(D == 0);
  if (Name == "positive?")
    return RVal::boolean(D > 0);
  if (Name == "negative?")
    return RVal::boolean(D < 0);
  if (Name == "even?" || Name == "odd?") {
    int64_t V = intArg(Recv);
    return RVal::boolean((V % 2 == 0) == (Name == "even?"));
  }
  if (Name == "succ" || Name == "next")
    return RVal::integer(intArg(Recv) + 1);
  if (Name == "pred")
    return RVal::integer(intArg(Recv) - 1);
  if (Name == "chr")
    return RVal::str(std::string(1, static_cast<char>(intArg(Recv))));
  if (Name == "floor" || Name == "ceil" || Name == "round") {
    int64_t Digits = Args.empty() ? 0 : intArg(Args[0]);
    if (IsInt && Digits >= 0)
      return Recv;
    if (Digits > 0) {
      double F = std::pow(10.0, static_cast<double>(Digits));
      double V = Name == "floor"  ? std::floor(D * F) / F
                 : Name == "ceil" ? std::ceil(D * F) / F
                                  : std::round(D * F) / F;
      return RVal::flt(V);
    }
    double V = Name == "floor"  ? std::floor(D)
               : Name == "ceil" ? std::ceil(D)
                                : std::round(D);
    return RVal::integer(static_cast<int64_t>(V));
  }
  if (Name == "nan?")
    return RVal::boolean(std::isnan(D));
  if (Name == "integer?")
    return RVal::boolean(IsInt);
  if (Name == "times" || Name == "upto" || Name == "downto") {
    int64_t From = Name == "times" ? 0 : intArg(Recv);
    int64_t To = Name == "times" ? intArg(Recv) - 1 : intArg(Args.at(0));
    int64_t Step = Name == "downto" ? -1 : 1;
    RArray Items;
    for (int64_t I = From; Step > 0 ? I <= To : I >= To; I += Step) {
      if (Items.size() > 10'000'000)
        raise("loop too long");
      Items.push_back(RVal::integer(I));
    }
    if (!B.given())
      return RVal::array(std::move(Items));
    for (const RVal &X : Items)
      yield(B, {X});
    return Recv;
  }
  if (Name == "between?") {
    arity(Args, 2, 2);
    return RVal::boolean(compareOrFail(Recv, Args[0]) >= 0 &&
                         compareOrFail(Recv, Args[1]) <= 0);
  }
  if (Name == "coerce" || Name == "hash")
    noMethod(Name, Recv);
  // Binary operators.
  arity(Args, 1, 1);
  const RVal &O = Args[0];
  bool ONum = O.K == RVal::Int || O.K == RVal::Float;
  if (Name == "<=>") {
    std::optional<int> C = rubyCompare(Recv, O);
    return C ? RVal::integer(*C) : RVal::nil();
  }
  if (!ONum) {
    if (Name == "<" || Name == ">" || Name == "<=" || Name == ">=")
      raise("comparison of " + rubyClassName(Recv) + " with " +
            (O.K == RVal::Nil   ? std::string("nil")
             : O.K == RVal::Str ? rubyInspect(O)
                                : rubyClassName(O)) +
            " failed");
    if (Name == "+" || Name == "-" || Name == "*" || Name == "/" ||
        Name == "%" || Name == "**")
      raise((O.K == RVal::Nil ? std::string("nil") : rubyClassName(O)) +
            " can't be coerced into " + rubyClassName(Recv));
    noMethod(Name, Recv);
  }
  double OD = O.K == RVal::Int ? static_cast<double>(O.I) : O.D;
  bool BothInt = IsInt && O.K == RVal::Int;
  if (Name == "<")
    return RVal::boolean(BothInt ? Recv.I < O.I : D < OD);
  if (Name == ">")
    return RVal::boolean(BothInt ? Recv.I > O.I : D > OD);
  if (Name == "<=")
    return RVal::boolean(BothInt ? Recv.I <= O.I : D <= OD);
  if (Name == ">=")
    return RVal::boolean(BothInt ? Recv.I >= O.I : D >= OD);
  if (Name == "+")
    return BothInt ? RVal::integer(Recv.I + O.I) : RVal::flt(D + OD);
  if (Name == "-")
    return BothInt ? RVal::integer(Recv.I - O.I) : RVal::flt(D - OD);
  if (Name == "*")
    return BothInt ? RVal::integer(Recv.I * O.I) : RVal::flt(D * OD);
  if (Name == "/" || Name == "div" || Name == "fdiv") {
    if (Name == "fdiv")
      return RVal::flt(D / OD);
    if (BothInt) {
      if (O.I == 0)
        raise("divided by 0");
      int64_t Q = Recv.I / O.I;
      if ((Recv.I % O.I != 0) && ((Recv.I < 0) != (O.I < 0)))
        --Q;
      return RVal::integer(Q);
    }
    return Name == "div"
               ? RVal::integer(static_cast<int64_t>(std::floor(D / OD)))
               : RVal::flt(D / OD);
  }
  if (Name == "%" || Name == "modulo") {
    if (BothInt) {
      if (O.I == 0)
        raise("divided by 0");
      int64_t M = Recv.I % O.I;
      if (M != 0 && ((M < 0) != (O.I < 0)))
        M += O.I;
      return RVal::integer(M);
    }
    double M = std::fmod(D, OD);
    if (M != 0 && ((M < 0) != (OD < 0)))
      M += OD;
    return RVal::flt(M);
  }
  if (Name == "**") {
    if (BothInt && O.I >= 0) {
      int64_t R = 1;
      for (int64_t I = 0; I < O.I && I < 64; ++I)
        R *= Recv.I;
      return RVal::integer(R);
    }
    return RVal::flt(std::pow(D, OD));
  }
  if (BothInt) {
    if (Name == "&")
      return RVal::integer(Recv.I & O.I);
    if (Name == "|")
      return RVal::integer(Recv.I | O.I);
    if (Name == "^")
      return RVal::integer(Recv.I ^ O.I);
    if (Name == "<<")
      return RVal::integer(Recv.I << (O.I & 63));
    if (Name == ">>")
      return RVal::integer(Recv.I >> (O.I & 63));
  }
  noMethod(Name, Recv);
}

std::optional<RVal> Interp::enumMethod(const RVal &Recv,
                                       const std::vector<RVal> &Items,
                                       const std::string &Name,
                                       std::vector<RVal> &Args, const Blk &B) {
  auto NeedBlock = [&] {
    if (!B.given())
      raise("no block given (yield)");
  };
  if (Name == "map" || Name == "collect" || Name == "flat_map" ||
      Name == "collect_concat") {
    if (!B.given())
      return RVal::array(Items);
    RArray Out;
    for (const RVal &X : Items) {
      RVal V = yield(B, {X});
      if ((Name == "flat_map" || Name == "collect_concat") && V.K == RVal::Arr)
        for (const RVal &E : *V.A)
          Out.push_back(E);
      else
        Out.push_back(V);
    }
    return RVal::array(std::move(Out));
  }
  if (Name == "filter_map") {
    NeedBlock();
    RArray Out;
    for (const RVal &X : Items) {
      RVal V = yield(B, {X});
      if (V.truthy())
        Out.push_back(V);
    }
    return RVal::array(std::move(Out));
  }
  if (Name == "each_with_index" || Name == "each_with_object") {
    NeedBlock();
    if (Name == "each_with_object") {
      arity(Args, 1, 1);
      RVal Memo = Args[0];
      for (const RVal &X : Items)
        yield(B, {X, Memo});
      return Memo;
    }
    int64_t I = 0;
    for (const RVal &X : Items)
      yield(B, {X, RVal::integer(I++)});
    return Recv;
  }
  if (Name == "select" || Name == "filter" || Name == "find_all" ||
      Name == "reject") {
    NeedBlock();
    bool Want = Name != "reject";
    RArray Out;
    for (const RVal &X : Items)
      if (yield(B, {X}).truthy() == Want)
        Out.push_back(X);
    return RVal::array(std::move(Out));
  }
  if (Name == "partition") {
    NeedBlock();
    RArray Yes, No;
    for (const RVal &X : Items)
      (yield(B, {X}).truthy() ? Yes : No).push_back(X);
    return RVal::array(
        {RVal::array(std::move(Yes)), RVal::array(std::move(No))});
  }
  if (Name == "group_by") {
    NeedBlock();
    RVal H = RVal::hash();
    for (const RVal &X : Items) {
      RVal K = yield(B, {X});
      RVal *Slot = H.H->find(K);
      if (!Slot) {
        H.H->set(K, RVal::array());
        Slot = H.H->find(K);
      }
      Slot->A->push_back(X);
    }
    return H;
  }
  if (Name == "find" || Name == "detect") {
    NeedBlock();
    for (const RVal &X : Items)
      if (yield(B, {X}).truthy())
        return X;
    return RVal::nil();
  }
  if (Name == "find_index" || Name == "index") {
    for (size_t I = 0; I < Items.size(); ++I)
      if (B.given() && Args.empty() ? yield(B, {Items[I]}).truthy()
                                    : rubyEqual(Items[I], Args.at(0)))
        return RVal::integer(static_cast<int64_t>(I));
    return RVal::nil();
  }
  if (Name == "any?" || Name == "all?" || Name == "none?" || Name == "one?") {
    size_t Hits = 0;
    for (const RVal &X : Items) {
      bool T = !Args.empty() ? caseEq(Args[0], X)
               : B.given()   ? yield(B, {X}).truthy()
                             : X.truthy();
      Hits += T;
      if (Name == "all?" && !T)
        return RVal::boolean(false);
    }
    if (Name == "any?")
      return RVal::boolean(Hits > 0);
    if (Name == "none?")
      return RVal::boolean(Hits == 0);
    if (Name == "one?")
      return RVal::boolean(Hits == 1);
    return RVal::boolean(true);
  }
  if (Name == "count") {
    if (!Args.empty()) {
      int64_t N = 0;
      for (const RVal &X : Items)
        N += rubyEqual(X, Args[0]);
      return RVal::integer(N);
    }
    if (B.given()) {
      int64_t N = 0;
      for (const RVal &X : Items)
        N += yield(B, {X}).truthy();
      return RVal::integer(N);
    }
    return RVal::integer(static_cast<int64_t>(Items.size()));
  }
  if (Name == "include?" || Name == "member?") {
    arity(Args, 1, 1);
    for (const RVal &X : Items)
      if (rubyEqual(X, Args[0]))
        return RVal::boolean(true);
    return RVal::boolean(false);
  }
  if (Name == "sort")
    return sortValues(Items, B);
  if (Name == "sort_by") {
    NeedBlock();
    return sortBy(Items, B);
  }
  if (Name == "min" || Name == "max") {
    if (Items.empty())
      return RVal::nil();
    RVal Best = Items[0];
    for (size_t I = 1; I < Items.size(); ++I) {
      int C = B.given() ? static_cast<int>(intArg(yield(B, {Items[I], Best})))
                        : compareOrFail(Items[I], Best);
      if (Name == "min" ? C < 0 : C > 0)
        Best = Items[I];
    }
    return Best;
  }
  if (Name == "min_by" || Name == "max_by") {
    NeedBlock();
    if (Items.empty())
      return RVal::nil();
    RVal Best = Items[0], BestKey = yield(B, {Items[0]});
    for (size_t I = 1; I < Items.size(); ++I) {
      RVal K = yield(B, {Items[I]});
      int C = compareOrFail(K, BestKey);
      if (Name == "min_by" ? C < 0 : C > 0) {
        Best = Items[I];
        BestKey = K;
      }
    }
    return Best;
  }
  if (Name == "sum") {
    RVal Acc = Args.empty() ? RVal::integer(0) : Args[0];
    for (const RVal &X : Items)
      Acc =
          callMethod(Acc, "+", {B.given() ? yield(B, {X}) : X}, Blk(), nullptr);
    return Acc;
  }
  if (Name == "inject" || Name == "reduce") {
    std::optional<RVal> Acc;
    std::string Op;
    if (Args.size() == 2) {
      Acc = Args[0];
      Op = rubyToS(Args[1]);
    } else if (Args.size() == 1 && !B.given()) {
      Op = rubyToS(Args[0]);
    } else if (Args.size() == 1) {
      Acc = Args[0];
    }
    for (const RVal &X : Items) {
      if (!Acc) {
        Acc = X;
        continue;
      }
      Acc = Op.empty() ? yield(B, {*Acc, X})
                       : callMethod(*Acc, Op, {X}, Blk(), nullptr);
    }
    return Acc ? *Acc : RVal::nil();
  }
  if (Name == "each_slice" || Name == "each_cons") {
    arity(Args, 1, 1);
    int64_t N = intArg(Args[0]);
    if (N <= 0)
      raise("invalid slice size");
    RArray Groups;
    if (Name == "each_slice") {
      for (size_t I = 0; I < Items.size(); I += N)
        Groups.push_back(RVal::array(
            RArray(Items.begin() + I,
                   Items.begin() +
                       std::min(Items.size(), I + static_cast<size_t>(N)))));
    } else {
      for (size_t I = 0; I + N <= Items.size(); ++I)
        Groups.push_back(
            RVal::array(RArray(Items.begin() + I, Items.begin() + I + N)));
    }
    if (!B.given())
      return RVal::array(std::move(Groups));
    for (const RVal &G : Groups)
      yield(B, {G});
    return RVal::nil();
  }
  if (Name == "to_a" || Name == "entries")
    return RVal::array(Items);
  if (Name == "first") {
    if (Args.empty())
      return Items.empty() ? RVal::nil() : Items[0];
    int64_t N = intArg(Args[0]);
    return RVal::array(RArray(
        Items.begin(), Items.begin() + std::min<size_t>(N, Items.size())));
  }
  if (Name == "uniq") {
    RArray Out;
    RArray Keys;
    for (const RVal &X : Items) {
      RVal K = B.given() ? yield(B, {X}) : X;
      bool Seen = false;
      for (const RVal &S : Keys)
        Seen |= rubyKeyEqual(S, K);
      if (!Seen) {
        Keys.push_back(K);
        Out.push_back(X);
      }
    }
    return RVal::array(std::move(Out));
  }
  if (Name == "zip") {
    RArray Out;
    for (size_t I = 0; I < Items.size(); ++I) {
      RArray Row{Items[I]};
      for (const RVal &O : Args) {
        std::vector<RVal> Other = toArray(O);
        Row.push_back(I < Other.size() ? Other[I] : RVal::nil());
      }
      Out.push_back(RVal::array(std::move(Row)));
    }
    return RVal::array(std::move(Out));
  }
  if (Name == "to_h") {
    RVal H = RVal::hash();
    for (const RVal &X : Items) {
      RVal P = B.given() ? yield(B, {X}) : X;
      if (P.K != RVal::Arr || P.A->size() != 2)
        raise("wrong element type " + rubyClassName(P) + " (expected array)");
      H.H->set((*P.A)[0], (*P.A)[1]);
    }
    return H;
  }
  if (Name == "each_entry")
    return std::nullopt;
  if (Name == "tally") {
    RVal H = RVal::hash();
    for (const RVal &X : Items) {
      RVal *S = H.H->find(X);
      if (S)
        S->I++;
      else
        H.H->set(X, RVal::integer(1));
    }
    return H;
  }
  return std::nullopt;
}

RVal Interp::arrayMethod(const RVal &Recv, const std::string &Name,
                         std::vector<RVal> &Args, const Blk &B) {
  RArray &A = *Recv.A;
  if (Name == "each") {
    if (!B.given())
      return Recv;
    for (size_t I = 0; I < A.size(); ++I) {
      RVal X = A[I];
      yield(B, {X});
    }
    return Recv;
  }
  if (Name == "each_index") {
    for (size_t I = 0; I < A.size(); ++I)
      yield(B, {RVal::integer(static_cast<int64_t>(I))});
    return Recv;
  }
  if (Name == "reverse_each") {
    RArray Copy = A;
    for (size_t I = Copy.size(); I-- > 0;)
      yield(B, {Copy[I]});
    return Recv;
  }
  if (Name == "length" || Name == "size")
    return RVal::integer(static_cast<int64_t>(A.size()));
  if (Name == "empty?")
    return RVal::boolean(A.empty());
  if (Name == "join") {
    arity(Args, 0, 1);
    std::string Sep =
        Args.empty() || Args[0].K == RVal::Nil ? "" : strArg(Args[0]);
    return RVal::str(joinArray(A, Sep, 0));
  }
  if (Name == "to_a" || Name == "to_ary" || Name == "entries")
    return Recv;
  if (Name == "last") {
    if (Args.empty())
      return A.empty() ? RVal::nil() : A.back();
    size_t N = std::min<size_t>(intArg(Args[0]), A.size());
    return RVal::array(RArray(A.end() - N, A.end()));
  }
  if (Name == "compact") {
    RArray Out;
    for (const RVal &X : A)
      if (X.K != RVal::Nil)
        Out.push_back(X);
    return RVal::array(std::move(Out));
  }
  if (Name == "flatten") {
    int64_t Depth =
        Args.empty() || Args[0].K == RVal::Nil ? -1 : intArg(Args[0]);
    RArray Out;
    std::function<void(const RArray &, int64_t, int)> Flat =
        [&](const RArray &In, int64_t D, int Guard) {
          if (Guard > 100)
            raise("tried to flatten recursive array");
          for (const RVal &X : In) {
            if (X.K == RVal::Arr && D != 0)
              Flat(*X.A, D - 1, Guard + 1);
            else
              Out.push_back(X);
          }
        };
    Flat(A, Depth, 0);
    return RVal::array(std::move(Out));
  }
  if (Name == "reverse")
    return RVal::array(RArray(A.rbegin(), A.rend()));
  if (Name == "rotate") {
    if (A.empty())
      return RVal::array();
    int64_t N = Args.empty() ? 1 : intArg(Args[0]);
    int64_t Sz = static_cast<int64_t>(A.size());
    N = ((N % Sz) + Sz) % Sz;
    RArray Out(A.begin() + N, A.end());
    Out.insert(Out.end(), A.begin(), A.begin() + N);
    return RVal::array(std::move(Out));
  }
  if (Name == "push" || Name == "append" || Name == "<<") {
    if (Name == "<<")
      arity(Args, 1, 1);
    for (const RVal &X : Args)
      A.push_back(X);
    return Recv;
  }
  if (Name == "unshift" || Name == "prepend") {
    A.insert(A.begin(), Args.begin(), Args.end());
    return Recv;
  }
  if (Name == "pop" || Name == "shift") {
    if (A.empty())
      return RVal::nil();
    RVal X = Name == "pop" ? A.back() : A.front();
    if (Name == "pop")
      A.pop_back();
    else
      A.erase(A.begin());
    return X;
  }
  if (Name == "concat") {
    for (const RVal &O : Args)
      for (const RVal &X : toArray(O))
        A.push_back(X);
    return Recv;
  }
  if (Name == "insert") {
    arity(Args, 1, SIZE_MAX);
    int64_t At = intArg(Args[0]);
    if (At < 0)
      At += static_cast<int64_t>(A.size()) + 1;
    if (At < 0)
      raise("index out of array");
    if (static_cast<size_t>(At) > A.size())
      A.resize(At);
    A.insert(A.begin() + At, Args.begin() + 1, Args.end());
    return Recv;
  }
  if (Name == "delete") {
    arity(Args, 1, 1);
    RVal Found;
    size_t Before = A.size();
    A.erase(std::remove_if(A.begin(), A.end(),
                           [&](const RVal &X) {
                             if (!rubyEqual(X, Args[0]))
                               return false;
                             Found = X;
                             return true;
                           }),
            A.end());
    return A.size() == Before ? RVal::nil() : Found;
  }
  if (Name == "delete_at") {
    int64_t I = intArg(Args.at(0));
    if (I < 0)
      I += static_cast<int64_t>(A.size());
    if (I < 0 || static_cast<size_t>(I) >= A.size())
      return RVal::nil();
    RVal X = A[I];
    A.erase(A.begin() + I);
    return X;
  }
  if (Name == "delete_if" || Name == "reject!" || Name == "select!" ||
      Name == "keep_if") {
    bool Keep = Name == "select!" || Name == "keep_if";
    RArray Out;
    for (const RVal &X : RArray(A))
      if (yield(B, {X}).truthy() == Keep)
        Out.push_back(X);
    A = std::move(Out);
    return Recv;
  }
  if (Name == "clear") {
    A.clear();
    return Recv;
  }
  if (Name == "sort!" || Name == "uniq!" || Name == "compact!" ||
      Name == "flatten!" || Name == "reverse!" || Name == "map!" ||
      Name == "collect!" || Name == "sort_by!") {
    RVal R =
        callMethod(Recv, Name.substr(0, Name.size() - 1), Args, B, nullptr);
    A = *R.A;
    return Recv;
  }
  if (Name == "+") {
    arity(Args, 1, 1);
    if (Args[0].K != RVal::Arr)
      raise("no implicit conversion of " +
            (Args[0].K == RVal::Nil ? std::string("nil")
                                    : rubyClassName(Args[0])) +
            " into Array");
    RArray Out = A;
    Out.insert(Out.end(), Args[0].A->begin(), Args[0].A->end());
    return RVal::array(std::move(Out));
  }
  if (Name == "-" || Name == "&" || Name == "|" || Name == "difference" ||
      Name == "union" || Name == "intersection") {
    arity(Args, 1, 1);
    if (Args[0].K != RVal::Arr)
      raise("no implicit conversion of " + rubyClassName(Args[0]) +
            " into Array");
    const RArray &O = *Args[0].A;
    auto In = [](const RArray &Set, const RVal &X) {
      for (const RVal &Y : Set)
        if (rubyKeyEqual(X, Y))
          return true;
      return false;
    };
    RArray Out;
    if (Name == "-" || Name == "difference") {
      for (const RVal &X : A)
        if (!In(O, X))
          Out.push_back(X);
      return RVal::array(std::move(Out));
    }
    if (Name == "&" || Name == "intersection") {
      for (const RVal &X : A)
        if (In(O, X) && !In(Out, X))
          Out.push_back(X);
      return RVal::array(std::move(Out));
    }
    for (const RArray *Src : {static_cast<const RArray *>(&A), &O})
      for (const RVal &X : *Src)
        if (!In(Out, X))
          Out.push_back(X);
    return RVal::array(std::move(Out));
  }
  if (Name == "*") {
    arity(Args, 1, 1);
    if (Args[0].K == RVal::Str)
      return RVal::str(joinArray(A, Args[0].S, 0));
    int64_t N = intArg(Args[0]);
    RArray Out;
    for (int64_t I = 0; I < N && Out.size() < 10'000'000; ++I)
      Out.insert(Out.end(), A.begin(), A.end());
    return RVal::array(std::move(Out));
  }
  if (Name == "<=>") {
    std::optional<int> C = rubyCompare(Recv, Args.at(0));
    return C ? RVal::integer(*C) : RVal::nil();
  }
  if (Name == "[]" || Name == "slice") {
    arity(Args, 1, 2);
    if (Args[0].K == RVal::Range) {
      auto R = rangeBounds(Args[0], A.size());
      if (!R)
        return RVal::nil();
      return RVal::array(RArray(A.begin() + R->first, A.begin() + R->second));
    }
    int64_t I = intArg(Args[0]);
    if (Args.size() == 2) {
      auto R = sliceRange(I, intArg(Args[1]), A.size());
      if (!R)
        return RVal::nil();
      return RVal::array(RArray(A.begin() + R->first, A.begin() + R->second));
    }
    if (I < 0)
      I += static_cast<int64_t>(A.size());
    if (I < 0 || static_cast<size_t>(I) >= A.size())
      return RVal::nil();
    return A[I];
  }
  if (Name == "at")
    return arrayMethod(Recv, "[]", Args, B);
  if (Name == "[]=") {
    arity(Args, 2, 2);
    int64_t I = intArg(Args[0]);
    if (I < 0)
      I += static_cast<int64_t>(A.size());
    if (I < 0)
      raise("index out of array");
    if (I > 1'000'000)
      raise("index too big");
    if (static_cast<size_t>(I) >= A.size())
      A.resize(I + 1);
    A[I] = Args[1];
    return Args[1];
  }
  if (Name == "fetch") {
    arity(Args, 1, 2);
    int64_t I = intArg(Args[0]);
    int64_t J = I < 0 ? I + static_cast<int64_t>(A.size()) : I;
    if (J >= 0 && static_cast<size_t>(J) < A.size())
      return A[J];
    if (Args.size() > 1)
      return Args[1];
    if (B.given())
      return yield(B, {Args[0]});
    raise("index " + std::to_string(I) + " outside of array bounds: " +
          std::to_string(-static_cast<int64_t>(A.size())) + "..." +
          std::to_string(A.size()));
  }
  if (Name == "dig") {
    RVal Cur = Recv;
    for (const RVal &K : Args) {
      if (Cur.K == RVal::Nil)
        return Cur;
      std::vector<RVal> One{K};
      Cur = callMethod(Cur, "[]", One, Blk(), nullptr);
    }
    return Cur;
  }
  if (Name == "values_at") {
    RArray Out;
    for (const RVal &K : Args) {
      std::vector<RVal> One{K};
      Out.push_back(arrayMethod(Recv, "[]", One, Blk()));
    }
    return RVal::array(std::move(Out));
  }
  if (Name == "take" || Name == "drop") {
    size_t N =
        std::min<size_t>(std::max<int64_t>(0, intArg(Args.at(0))), A.size());
    return Name == "take" ? RVal::array(RArray(A.begin(), A.begin() + N))
                          : RVal::array(RArray(A.begin() + N, A.end()));
  }
  if (Name == "take_while" || Name == "drop_while") {
    size_t N = 0;
    while (N < A.size() && yield(B, {A[N]}).truthy())
      ++N;
    return Name == "take_while" ? RVal::array(RArray(A.begin(), A.begin() + N))
                                : RVal::array(RArray(A.begin() + N, A.end()));
  }
  if (Name == "assoc") {
    for (const RVal &X : A)
      if (X.K == RVal::Arr && !X.A->empty() && rubyEqual((*X.A)[0], Args.at(0)))
        return X;
    return RVal::nil();
  }
  if (Name == "transpose") {
    RArray Out;
    if (A.empty())
      return RVal::array();
    size_t W = toArray(A[0]).size();
    for (size_t C = 0; C < W; ++C) {
      RArray Col;
      for (const RVal &Row : A) {
        std::vector<RVal> R = toArray(Row);
        if (R.size() != W)
          raise("element size differs");
        Col.push_back(R[C]);
      }
      Out.push_back(RVal::array(std::move(Col)));
    }
    return RVal::array(std::move(Out));
  }
  if (Name == "index" && Args.empty() && !B.given())
    noMethod(Name, Recv);
  if (Name == "sample" || Name == "shuffle")
    raise("undefined method `" + Name + "' (not deterministic)");
  if (std::optional<RVal> R = enumMethod(Recv, A, Name, Args, B))
    return *R;
  noMethod(Name, Recv);
}

RVal Interp::hashMethod(const RVal &Recv, const std::string &Name,
                        std::vector<RVal> &Args, const Blk &B) {
  RHash &H = *Recv.H;
  auto Pairs = [&] { return enumItems(Recv); };
  if (Name == "[]") {
    arity(Args, 1, 1);
    RVal *V = H.find(Args[0]);
    return V ? *V : RVal::nil();
  }
  if (Name == "[]=" || Name == "store") {
    arity(Args, 2, 2);
    H.set(Args[0], Args[1]);
    return Args[1];
  }
  if (Name == "each" || Name == "each_pair") {
    for (const RVal &P : Pairs())
      yield(B, {P});
    return Recv;
  }
  if (Name == "each_key" || Name == "each_value") {
    for (const RVal &P : Pairs())
      yield(B, {(*P.A)[Name == "each_key" ? 0 : 1]});
    return Recv;
  }
  if (Name == "keys" || Name == "values") {
    RArray Out;
    for (auto &[K, V] : H.E)
      Out.push_back(Name == "keys" ? K : V);
    return RVal::array(std::move(Out));
  }
  if (Name == "length" || Name == "size")
    return RVal::integer(static_cast<int64_t>(H.E.size()));
  if (Name == "empty?")
    return RVal::boolean(H.E.empty());
  if (Name == "has_key?" || Name == "key?" || Name == "include?" ||
      Name == "member?") {
    arity(Args, 1, 1);
    return RVal::boolean(H.find(Args[0]) != nullptr);
  }
  if (Name == "has_value?" || Name == "value?") {
    for (auto &[K, V] : H.E)
      if (rubyEqual(V, Args.at(0)))
        return RVal::boolean(true);
    return RVal::boolean(false);
  }
  if (Name == "key") {
    for (auto &[K, V] : H.E)
      if (rubyEqual(V, Args.at(0)))
        return K;
    return RVal::nil();
  }
  if (Name == "fetch") {
    arity(Args, 1, 2);
    if (RVal *V = H.find(Args[0]))
      return *V;
    if (Args.size() > 1)
      return Args[1];
    if (B.given())
      return yield(B, {Args[0]});
    raise("key not found: " + rubyInspect(Args[0]));
  }
  if (Name == "dig") {
    RVal Cur = Recv;
    for (const RVal &K : Args) {
      if (Cur.K == RVal::Nil)
        return Cur;
      std::vector<RVal> One{K};
      Cur = callMethod(Cur, "[]", One, Blk(), nullptr);
    }
    return Cur;
  }
  if (Name == "delete") {
    arity(Args, 1, 1);
    RVal Old;
    if (H.erase(Args[0], &Old))
      return Old;
    return B.given() ? yield(B, {Args[0]}) : RVal::nil();
  }
  if (Name == "merge" || Name == "update" || Name == "merge!") {
    RVal Target = Recv;
    if (Name == "merge") {
      Target = RVal::hash();
      Target.H->E = H.E;
    }
    for (const RVal &O : Args) {
      if (O.K != RVal::Hash)
        raise("no implicit conversion of " +
              (O.K == RVal::Nil ? std::string("nil") : rubyClassName(O)) +
              " into Hash");
      for (auto &[K, V] : O.H->E) {
        RVal *Old = Target.H->find(K);
        if (Old && B.given())
          Target.H->set(K, yield(B, {K, *Old, V}));
        else
          Target.H->set(K, V);
      }
    }
    return Target;
  }
  if (Name == "select" || Name == "filter" || Name == "reject") {
    if (!B.given())
      raise("no block given");
    bool Want = Name != "reject";
    RVal Out = RVal::hash();
    for (auto &[K, V] : RHash(H).E)
      if (yield(B, {K, V}).truthy() == Want)
        Out.H->E.emplace_back(K, V);
    return Out;
  }
  if (Name == "delete_if" || Name == "reject!" || Name == "select!" ||
      Name == "keep_if") {
    bool Keep = Name == "select!" || Name == "keep_if";
    std::vector<std::pair<RVal, RVal>> Out;
    for (auto &[K, V] : RHash(H).E)
      if (yield(B, {K, V}).truthy() == Keep)
        Out.emplace_back(K, V);
    H.E = std::move(Out);
    return Recv;
  }
  if (Name == "transform_values" || Name == "transform_keys") {
    RVal Out = RVal::hash();
    for (auto &[K, V] : RHash(H).E) {
      if (Name == "transform_values")
        Out.H->set(K, yield(B, {V}));
      else
        Out.H->set(yield(B, {K}), V);
    }
    return Out;
  }
  if (Name == "invert") {
    RVal Out = RVal::hash();
    for (auto &[K, V] : H.E)
      Out.H->set(V, K);
    return Out;
  }
  if (Name == "to_h" && !B.given())
    return Recv;
  if (Name == "to_hash")
    return Recv;
  if (Name == "compact") {
    RVal Out = RVal::hash();
    for (auto &[K, V] : H.E)
      if (V.K != RVal::Nil)
        Out.H->E.emplace_back(K, V);
    return Out;
  }
  if (Name == "values_at") {
    RArray Out;
    for (const RVal &K : Args) {
      RVal *V = H.find(K);
      Out.push_back(V ? *V : RVal::nil());
    }
    return RVal::array(std::move(Out));
  }
  if (Name == "slice") {
    RVal Out = RVal::hash();
    for (const RVal &K : Args)
      if (RVal *V = H.find(K))
        Out.H->set(K, *V);
    return Out;
  }
  if (Name == "clear") {
    H.E.clear();
    return Recv;
  }
  if (Name == "sort_by" || Name == "min_by" || Name == "max_by" ||
      Name == "sort" || Name == "map" || Name == "collect" ||
      Name == "flat_map" || Name == "find" || Name == "detect" ||
      Name == "each_with_index" || Name == "each_with_object" ||
      Name == "inject" || Name == "reduce" || Name == "count" ||
      Name == "any?" || Name == "all?" || Name == "none?" || Name == "first" ||
      Name == "to_a" || Name == "group_by" || Name == "partition" ||
      Name == "find_all" || Name == "sum" || Name == "to_h" ||
      Name == "filter_map" || Name == "zip" || Name == "min" || Name == "max" ||
      Name == "uniq" || Name == "each_slice") {
    std::vector<RVal> Items = Pairs();
    if (std::optional<RVal> R = enumMethod(Recv, Items, Name, Args, B))
      return *R;
  }
  noMethod(Name, Recv);
}

RVal Interp::regexpMethod(const RVal &Recv, const std::string &Name,
                          std::vector<RVal> &Args) {
  if (Name == "source")
    return RVal::str(Recv.S);
  if (Name == "match" || Name == "=~" || Name == "===" || Name == "match?") {
    arity(Args, 1, 2);
    if (Args[0].K == RVal::Nil) {
      LastMatch = RVal::nil();
      return Name == "===" || Name == "match?" ? RVal::boolean(false)
                                               : RVal::nil();
    }
    if (Name == "===" && Args[0].K != RVal::Str && Args[0].K != RVal::Sym)
      return RVal::boolean(false);
    const std::string &S = strArg(Args[0]);
    if (Name == "match?")
      return RVal::boolean(Recv.Re->search(S).has_value());
    RVal M = regexMatch(Recv, S);
    if (Name == "===")
      return RVal::boolean(M.K != RVal::Nil);
    if (Name == "=~")
      return M.K == RVal::Nil ? M : RVal::integer(M.I);
    return M;
  }
  if (Name == "options")
    return RVal::integer(Recv.Flags);
  if (Name == "casefold?")
    return RVal::boolean(Recv.Flags & 1);
  noMethod(Name, Recv);
}

RVal Interp::matchMethod(const RVal &Recv, const std::string &Name,
                         std::vector<RVal> &Args) {
  const RArray &G = *Recv.A;
  if (Name == "[]") {
    arity(Args, 1, 1);
    if (Args[0].K == RVal::Str || Args[0].K == RVal::Sym) {
      for (const auto &[N, Idx] : Recv.Re->groupNames())
        if (N == Args[0].S)
          return Idx < G.size() ? G[Idx] : RVal::nil();
      raise("undefined group name reference: " + Args[0].S);
    }
    int64_t I = intArg(Args[0]);
    if (I < 0)
      I += static_cast<int64_t>(G.size());
    return I >= 0 && static_cast<size_t>(I) < G.size() ? G[I] : RVal::nil();
  }
  if (Name == "captures")
    return RVal::array(RArray(G.begin() + 1, G.end()));
  if (Name == "to_a")
    return RVal::array(G);
  if (Name == "pre_match")
    return RVal::str(Recv.S.substr(0, static_cast<size_t>(Recv.I)));
  if (Name == "post_match")
    return RVal::str(Recv.S.substr(static_cast<size_t>(Recv.Hi)));
  if (Name == "begin" || Name == "end")
    return RVal::integer(Name == "begin" ? Recv.I : Recv.Hi);
  if (Name == "names") {
    RArray Out;
    for (const auto &[N, Idx] : Recv.Re->groupNames())
      Out.push_back(RVal::str(N));
    return RVal::array(std::move(Out));
  }
  if (Name == "size" || Name == "length")
    return RVal::integer(static_cast<int64_t>(G.size()));
  noMethod(Name, Recv);
}
