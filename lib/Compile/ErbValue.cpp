//===- ErbValue.cpp - Ruby values for ERB templates -----------------------===//

#include "Erb.h"

#include "cppet/Compile/Types.h"

#include <cmath>
#include <cstdio>

using namespace cppet;
using namespace cppet::erb;

RVal RVal::array(RArray Elems) {
  RVal V;
  V.K = Arr;
  V.A = std::make_shared<RArray>(std::move(Elems));
  return V;
}

RVal RVal::hash() {
  RVal V;
  V.K = Hash;
  V.H = std::make_shared<RHash>();
  return V;
}

RVal *RHash::find(const RVal &Key) {
  for (auto &[K, V] : E)
    if (rubyKeyEqual(K, Key))
      return &V;
  return nullptr;
}

void RHash::set(const RVal &Key, RVal V) {
  if (RVal *Old = find(Key)) {
    *Old = std::move(V);
    return;
  }
  E.emplace_back(Key, std::move(V));
}

bool RHash::erase(const RVal &Key, RVal *Old) {
  for (auto It = E.begin(); It != E.end(); ++It)
    if (rubyKeyEqual(It->first, Key)) {
      if (Old)
        *Old = It->second;
      E.erase(It);
      return true;
    }
  return false;
}

static bool sameKindKeys(const RVal &A, const RVal &B, bool Strict) {
  if (A.K == RVal::Int && B.K == RVal::Float)
    return !Strict && static_cast<double>(A.I) == B.D;
  if (A.K == RVal::Float && B.K == RVal::Int)
    return !Strict && A.D == static_cast<double>(B.I);
  if (A.K != B.K)
    return false;
  switch (A.K) {
  case RVal::Nil:
  case RVal::True:
  case RVal::False:
  case RVal::Scope:
    return true;
  case RVal::Int:
    return A.I == B.I;
  case RVal::Float:
    return A.D == B.D;
  case RVal::Str:
  case RVal::Sym:
  case RVal::Const:
  case RVal::Proc:
    return A.S == B.S;
  case RVal::Regexp:
    return A.S == B.S && A.Flags == B.Flags;
  case RVal::Range:
    return A.I == B.I && A.Hi == B.Hi && A.Excl == B.Excl;
  case RVal::Arr:
  case RVal::Match: {
    if (A.A == B.A)
      return true;
    if (A.A->size() != B.A->size())
      return false;
    for (size_t I = 0; I < A.A->size(); ++I)
      if (!sameKindKeys((*A.A)[I], (*B.A)[I], Strict))
        return false;
    return true;
  }
  case RVal::Hash: {
    if (A.H == B.H)
      return true;
    if (A.H->E.size() != B.H->E.size())
      return false;
    for (auto &[K, V] : A.H->E) {
      RVal *O = B.H->find(K);
      if (!O || !sameKindKeys(V, *O, Strict))
        return false;
    }
    return true;
  }
  case RVal::Puppet:
    return A.PV->strictEquals(*B.PV);
  }
  return false;
}

bool erb::rubyEqual(const RVal &A, const RVal &B) {
  return sameKindKeys(A, B, false);
}
bool erb::rubyKeyEqual(const RVal &A, const RVal &B) {
  return sameKindKeys(A, B, true);
}

std::optional<int> erb::rubyCompare(const RVal &A, const RVal &B) {
  auto Sign = [](auto X, auto Y) { return X < Y ? -1 : (Y < X ? 1 : 0); };
  bool ANum = A.K == RVal::Int || A.K == RVal::Float;
  bool BNum = B.K == RVal::Int || B.K == RVal::Float;
  if (ANum && BNum) {
    if (A.K == RVal::Int && B.K == RVal::Int)
      return Sign(A.I, B.I);
    double X = A.K == RVal::Int ? static_cast<double>(A.I) : A.D;
    double Y = B.K == RVal::Int ? static_cast<double>(B.I) : B.D;
    return Sign(X, Y);
  }
  if ((A.K == RVal::Str && B.K == RVal::Str) ||
      (A.K == RVal::Sym && B.K == RVal::Sym)) {
    int C = A.S.compare(B.S);
    return C < 0 ? -1 : (C > 0 ? 1 : 0);
  }
  if (A.K == RVal::Arr && B.K == RVal::Arr) {
    size_t N = std::min(A.A->size(), B.A->size());
    for (size_t I = 0; I < N; ++I) {
      std::optional<int> C = rubyCompare((*A.A)[I], (*B.A)[I]);
      if (!C || *C != 0)
        return C;
    }
    return Sign(A.A->size(), B.A->size());
  }
  if (rubyEqual(A, B))
    return 0;
  return std::nullopt;
}

std::string erb::regexpToS(const RVal &V) {
  std::string On, Off;
  (V.Flags & 4 ? On : Off) += 'm';
  (V.Flags & 1 ? On : Off) += 'i';
  (V.Flags & 2 ? On : Off) += 'x';
  return "(?" + On + (Off.empty() ? "" : "-" + Off) + ":" + V.S + ")";
}

std::string erb::rubyStrInspect(llvm::StringRef S) {
  std::string R = "\"";
  for (size_t I = 0; I < S.size(); ++I) {
    unsigned char C = S[I];
    switch (C) {
    case '"':
      R += "\\\"";
      break;
    case '\\':
      R += "\\\\";
      break;
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
    case '\a':
      R += "\\a";
      break;
    case '\b':
      R += "\\b";
      break;
    case 0x1b:
      R += "\\e";
      break;
    case '#':
      if (I + 1 < S.size() &&
          (S[I + 1] == '{' || S[I + 1] == '$' || S[I + 1] == '@'))
        R += "\\#";
      else
        R += '#';
      break;
    default:
      if (C < 0x20 || C == 0x7f) {
        char Buf[8];
        std::snprintf(Buf, sizeof Buf, "\\u%04X", C);
        R += C == 0x7f ? std::string("\\x7F") : std::string(Buf);
      } else {
        R += static_cast<char>(C);
      }
    }
  }
  return R + "\"";
}

static bool plainSymbol(llvm::StringRef S) {
  if (S.empty() || std::isdigit(static_cast<unsigned char>(S[0])))
    return false;
  for (size_t I = 0; I < S.size(); ++I) {
    char C = S[I];
    if (std::isalnum(static_cast<unsigned char>(C)) || C == '_')
      continue;
    if ((C == '?' || C == '!' || C == '=') && I + 1 == S.size())
      continue;
    return false;
  }
  return true;
}

std::string erb::rubyInspect(const RVal &V) {
  switch (V.K) {
  case RVal::Nil:
    return "nil";
  case RVal::Str:
    return rubyStrInspect(V.S);
  case RVal::Sym:
    return ":" + (plainSymbol(V.S) ? V.S : rubyStrInspect(V.S));
  case RVal::Regexp: {
    std::string R = "/" + V.S + "/";
    if (V.Flags & 4)
      R += 'm';
    if (V.Flags & 1)
      R += 'i';
    if (V.Flags & 2)
      R += 'x';
    return R;
  }
  case RVal::Arr: {
    std::string R = "[";
    for (size_t I = 0; I < V.A->size(); ++I)
      R += (I ? ", " : "") + rubyInspect((*V.A)[I]);
    return R + "]";
  }
  case RVal::Hash: {
    std::string R = "{";
    bool First = true;
    for (auto &[K, X] : V.H->E) {
      R += (First ? "" : ", ") + rubyInspect(K) + "=>" + rubyInspect(X);
      First = false;
    }
    return R + "}";
  }
  case RVal::Match:
    return "#<MatchData " +
           rubyStrInspect((*V.A)[0].K == RVal::Str ? (*V.A)[0].S : "") + ">";
  default:
    return rubyToS(V);
  }
}

std::string erb::rubyToS(const RVal &V) {
  switch (V.K) {
  case RVal::Nil:
    return "";
  case RVal::True:
    return "true";
  case RVal::False:
    return "false";
  case RVal::Int:
    return std::to_string(V.I);
  case RVal::Float:
    return formatFloat(V.D);
  case RVal::Str:
  case RVal::Sym:
  case RVal::Const:
    return V.S;
  case RVal::Regexp:
    return regexpToS(V);
  case RVal::Range:
    return std::to_string(V.I) + (V.Excl ? "..." : "..") + std::to_string(V.Hi);
  case RVal::Match:
    return (*V.A)[0].S;
  case RVal::Scope:
    return "#<Puppet::Parser::Scope>";
  case RVal::Proc:
    return "#<Proc>";
  case RVal::Puppet:
    return V.PV->toString();
  case RVal::Arr:
  case RVal::Hash:
    return rubyInspect(V);
  }
  return "";
}

std::string erb::rubyClassName(const RVal &V) {
  switch (V.K) {
  case RVal::Nil:
    return "NilClass";
  case RVal::True:
    return "TrueClass";
  case RVal::False:
    return "FalseClass";
  case RVal::Int:
    return "Integer";
  case RVal::Float:
    return "Float";
  case RVal::Str:
    return "String";
  case RVal::Sym:
    return "Symbol";
  case RVal::Arr:
    return "Array";
  case RVal::Hash:
    return "Hash";
  case RVal::Regexp:
    return "Regexp";
  case RVal::Range:
    return "Range";
  case RVal::Match:
    return "MatchData";
  case RVal::Const:
    return "Class";
  case RVal::Scope:
    return "Puppet::Parser::Scope";
  case RVal::Proc:
    return "Proc";
  case RVal::Puppet:
    return "Object";
  }
  return "Object";
}

std::string erb::rubyDescribe(const RVal &V) {
  switch (V.K) {
  case RVal::Nil:
  case RVal::True:
  case RVal::False:
    return rubyToS(V.K == RVal::Nil ? RVal::str("nil") : V) + ":" +
           rubyClassName(V);
  case RVal::Str:
  case RVal::Int:
  case RVal::Float:
  case RVal::Sym:
    return rubyInspect(V) + ":" + rubyClassName(V);
  case RVal::Const:
    return V.S + ":Class";
  default:
    return "#<" + rubyClassName(V) + ">";
  }
}

RVal erb::fromPuppet(const Value &V) {
  switch (V.kind()) {
  case Value::Kind::Undef:
    return RVal::nil();
  case Value::Kind::Default:
    return RVal::sym("default");
  case Value::Kind::Boolean:
    return RVal::boolean(V.asBoolean());
  case Value::Kind::Integer:
    return RVal::integer(V.asInteger());
  case Value::Kind::Float:
    return RVal::flt(V.asFloat());
  case Value::Kind::String:
    return RVal::str(V.asString());
  case Value::Kind::Regexp: {
    RVal R;
    R.K = RVal::Regexp;
    R.S = V.asRegexp().source();
    R.Re = Regex::compile(R.S);
    return R;
  }
  case Value::Kind::Array: {
    RArray A;
    A.reserve(V.asArray().size());
    for (const Value &E : V.asArray())
      A.push_back(fromPuppet(E));
    return RVal::array(std::move(A));
  }
  case Value::Kind::Hash: {
    RVal H = RVal::hash();
    for (const auto &[K, X] : V.asHash())
      H.H->E.emplace_back(fromPuppet(K), fromPuppet(X));
    return H;
  }
  default: {
    RVal R;
    R.K = RVal::Puppet;
    R.PV = std::make_shared<Value>(V);
    return R;
  }
  }
}

Value erb::toPuppet(const RVal &V) {
  switch (V.K) {
  case RVal::Nil:
    return Value();
  case RVal::True:
    return Value(true);
  case RVal::False:
    return Value(false);
  case RVal::Int:
    return Value(V.I);
  case RVal::Float:
    return Value(V.D);
  case RVal::Str:
  case RVal::Const:
    return Value(V.S);
  case RVal::Sym:
    if (V.S == "undef")
      return Value();
    if (V.S == "default")
      return Value::makeDefault();
    return Value(V.S);
  case RVal::Regexp:
    if (std::optional<Regexp> R = Regexp::compile(V.S))
      return Value(*R);
    return Value(V.S);
  case RVal::Arr:
  case RVal::Match: {
    Array A;
    for (const RVal &E : *V.A)
      A.push_back(toPuppet(E));
    return Value(std::move(A));
  }
  case RVal::Range: {
    Array A;
    for (int64_t I = V.I; V.Excl ? I < V.Hi : I <= V.Hi; ++I)
      A.push_back(Value(I));
    return Value(std::move(A));
  }
  case RVal::Hash: {
    HashData H;
    for (const auto &[K, X] : V.H->E)
      H.set(toPuppet(K), toPuppet(X));
    return Value(std::move(H));
  }
  case RVal::Puppet:
    return *V.PV;
  default:
    return Value(rubyToS(V));
  }
}
