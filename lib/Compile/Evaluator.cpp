//===- Evaluator.cpp - Expressions, scopes and variables ------------------===//
#include "Evaluator.h"
#include "SemVer.h"

#include "cppet/Compile/Regex.h"

#include "llvm/ADT/Hashing.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <cmath>

using namespace cppet;
using namespace cppet::ast;

static constexpr unsigned MaxDepth = 800;

Evaluator::Evaluator(Environment &Env, const CompileOptions &Opts,
                     DiagnosticEngine &Diags)
    : Env(Env), Opts(Opts), Diags(Diags) {}

Evaluator::~Evaluator() = default;

void Evaluator::fail(SourceRange R, const std::string &Message,
                     const char *Id) {
  throw EvalError{Message, R, Id};
}

void Evaluator::error(const std::string &Message) {
  fail(CurrentCall.Range, Message);
}

void Evaluator::log(llvm::StringRef Level, llvm::StringRef Message) {
  Diagnostic D;
  D.Level = Level == "warning" ? Severity::Warning
            : (Level == "err" || Level == "crit" || Level == "alert" ||
               Level == "emerg")
                ? Severity::Warning
                : Severity::Note;
  D.Id = Level.str();
  std::string Prefix = CurrentCall.S ? describeScope(*CurrentCall.S) : "";
  D.Message = (Prefix.empty() ? "" : "Scope(" + Prefix + "): ") + Message.str();
  D.Range = CurrentCall.Range;
  Diags.report(std::move(D));
}

Value Evaluator::fact(llvm::StringRef Name) const {
  if (!FactsValue.isHash())
    return Value();
  const Value *V = FactsValue.asHash().find(Name);
  return V ? *V : Value();
}

//===----------------------------------------------------------------------===//
// Scopes
//===----------------------------------------------------------------------===//

Scope &Evaluator::newScope(Scope::Kind K, Scope *Parent) {
  Scopes.push_back(std::make_unique<Scope>());
  Scope &S = *Scopes.back();
  S.K = K;
  S.Parent = Parent;
  if (Parent) {
    S.ModuleName = Parent->ModuleName;
    if (K == Scope::Kind::Local) {
      S.Resource = Parent->Resource;
      S.Name = Parent->Name;
    }
  }
  return S;
}

/// Frees the variables of a define, lambda, function or template scope once
/// its body has been evaluated: no lookup reaches them any more (variables
/// are not dynamically scoped), except the query of a collector, which is
/// evaluated again at each round of generators: such scopes are pinned. The
/// scope itself stays, with its defaults: resources declared in it follow
/// it for the resource defaults applied at finish.
void Evaluator::releaseScope(Scope &S) {
  if (S.Pinned)
    return;
  S.Vars = llvm::StringMap<Value>();
  S.Captures.reset();
}

/// The nearest scope that is not a local (lambda) scope.
Scope *Evaluator::enclosingNamedScope(Scope &S) {
  Scope *Cur = &S;
  while (Cur && Cur->isLocal())
    Cur = Cur->Parent;
  return Cur;
}

CResource *Evaluator::scopeResource(Scope &S) {
  for (Scope *Cur = &S; Cur; Cur = Cur->Parent)
    if (Cur->Resource)
      return Cur->Resource;
  return MainClass;
}

std::string Evaluator::scopeModule(Scope &S) { return S.ModuleName.str(); }

std::string Evaluator::describeScope(Scope &S) {
  CResource *R = scopeResource(S);
  if (!R)
    return "Class[main]";
  return R->ref();
}

const Value *Evaluator::lookupVar(llvm::StringRef Name, Scope &S,
                                  SourceRange R) {
  // Match variables $0..$n.
  if (!Name.empty() && llvm::isDigit(Name[0])) {
    unsigned Index = 0;
    if (Name.getAsInteger(10, Index))
      return nullptr;
    for (Scope *Cur = &S; Cur; Cur = Cur->Parent) {
      if (Cur->Captures) {
        if (Index < Cur->Captures->size())
          return &(*Cur->Captures)[Index];
        return nullptr;
      }
      if (!Cur->isLocal())
        break;
    }
    return nullptr;
  }
  if (Name.startswith("::")) {
    llvm::StringRef Rest = Name.drop_front(2);
    if (Rest.contains("::"))
      Name = Rest;
    else {
      auto It = TopScope->Vars.find(Rest);
      return It == TopScope->Vars.end() ? nullptr : &It->second;
    }
  }
  size_t Sep = Name.rfind("::");
  if (Sep != llvm::StringRef::npos) {
    std::string ClassName = Environment::normalizeName(Name.substr(0, Sep));
    llvm::StringRef Var = Name.substr(Sep + 2);
    auto It = ClassScopes.find(ClassName);
    if (It == ClassScopes.end()) {
      return nullptr;
    }
    // Look in the class scope and the scopes it inherits from.
    for (Scope *Cur = It->second; Cur; Cur = Cur->Inherited) {
      auto VI = Cur->Vars.find(Var);
      if (VI != Cur->Vars.end())
        return &VI->second;
    }
    return nullptr;
  }
  // Unqualified: local chain, then inherited class scopes, then the node or
  // top scope (no dynamic scoping).
  Scope *Cur = &S;
  while (Cur) {
    auto It = Cur->Vars.find(Name);
    if (It != Cur->Vars.end())
      return &It->second;
    if (Cur == Unbound.Body && llvm::is_contained(*Unbound.Names, Name))
      fail(Unbound.Range,
           Unbound.What + ": expects a value for parameter $" + Name.str());
    if (Cur->isLocal()) {
      Cur = Cur->Parent;
      continue;
    }
    if (Cur->K == Scope::Kind::Top)
      return nullptr;
    if (Cur->Inherited) {
      Cur = Cur->Inherited;
      continue;
    }
    if (Cur->K == Scope::Kind::Node) {
      // Puppet 3 node inheritance: the parent node's scope encloses.
      Cur = (Cur->Parent && Cur->Parent->K == Scope::Kind::Node) ? Cur->Parent
                                                                 : TopScope;
      continue;
    }
    // Class or define scope: go to the nearest node or top scope.
    Scope *P = Cur->Parent;
    while (P && P->K != Scope::Kind::Node && P->K != Scope::Kind::Top)
      P = P->Parent;
    Cur = P ? P : TopScope;
  }
  return nullptr;
}

void Evaluator::setVar(Scope &S, const std::string &Name, Value V,
                       SourceRange R) {
  if (Name == "facts" || Name == "trusted" || Name == "server_facts")
    fail(R, "Attempt to assign to a reserved variable name: '$" + Name + "'");
  if (Name.find("::") != std::string::npos)
    fail(R, "Cannot assign to a fully qualified variable: '$" + Name + "'");
  if (!Name.empty() && llvm::isDigit(Name[0]))
    fail(R, "Illegal attempt to assign to 'a Match Variable'. Not an "
            "assignable reference");
  auto [It, Inserted] = S.Vars.try_emplace(Name, std::move(V));
  if (!Inserted)
    fail(R, "Cannot reassign variable '$" + Name + "'");
}

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

namespace {
struct DepthGuard {
  unsigned &D;
  explicit DepthGuard(unsigned &D) : D(D) { ++D; }
  ~DepthGuard() { --D; }
};
} // namespace

Value Evaluator::eval(const Expr *E, Scope &S) {
  if (!E)
    return Value();
  DepthGuard G(Depth);
  if (Depth > MaxDepth)
    fail(E->Range, "Maximum evaluation depth exceeded (infinite recursion?)");
  switch (E->getKind()) {
  case Kind::LiteralString:
    return Value(llvm::cast<LiteralString>(E)->Value);
  case Kind::ConcatString:
    return evalConcat(*llvm::cast<ConcatString>(E), S);
  case Kind::LiteralInteger:
    return Value(llvm::cast<LiteralInteger>(E)->Value);
  case Kind::LiteralFloat:
    return Value(llvm::cast<LiteralFloat>(E)->Value);
  case Kind::LiteralBoolean:
    return Value(llvm::cast<LiteralBoolean>(E)->Value);
  case Kind::LiteralUndef:
    return Value();
  case Kind::LiteralDefault:
    return Value::makeDefault();
  case Kind::LiteralRegex: {
    const auto *L = llvm::cast<LiteralRegex>(E);
    std::string Err;
    std::optional<Regexp> Re = Regexp::compile(L->Pattern, &Err);
    if (!Re)
      fail(E->Range, "Invalid regular expression /" + L->Pattern + "/: " + Err);
    return Value(*Re);
  }
  case Kind::LiteralArray: {
    Array A;
    for (const ExprPtr &El : llvm::cast<LiteralArray>(E)->Elements) {
      if (auto *U = llvm::dyn_cast<Unary>(El.get());
          U && U->Op == UnaryOp::Splat) {
        Value V = eval(U->Operand.get(), S);
        if (V.isArray())
          A.insert(A.end(), V.asArray().begin(), V.asArray().end());
        else
          A.push_back(std::move(V));
        continue;
      }
      A.push_back(eval(El.get(), S));
    }
    return Value(std::move(A));
  }
  case Kind::LiteralHash: {
    HashData H;
    for (const HashEntry &En : llvm::cast<LiteralHash>(E)->Entries) {
      Value K = eval(En.Key.get(), S);
      H.set(std::move(K), eval(En.Value.get(), S));
    }
    return Value(std::move(H));
  }
  case Kind::QualifiedName:
    return Value(llvm::cast<QualifiedName>(E)->Name);
  case Kind::QualifiedReference:
    return evalReference(*llvm::cast<QualifiedReference>(E), S);
  case Kind::Variable: {
    const auto *V = llvm::cast<Variable>(E);
    if (V->Name == "facts" || V->Name == "::facts")
      return FactsValue;
    if (V->Name == "trusted" || V->Name == "::trusted")
      return TrustedValue;
    if (const Value *Found = lookupVar(V->Name, S, E->Range))
      return *Found;
    return Value();
  }
  case Kind::Unary: {
    const auto *U = llvm::cast<Unary>(E);
    Value V = eval(U->Operand.get(), S);
    switch (U->Op) {
    case UnaryOp::Not:
      return Value(!V.isTruthy());
    case UnaryOp::Negate: {
      Value N = toNumber(V, E->Range);
      if (N.isInteger()) {
        if (N.asInteger() == INT64_MIN)
          fail(E->Range, "A '-' expression resulted in a value outside of "
                         "Puppet Integer max range");
        return Value(-N.asInteger());
      }
      return Value(-N.asFloat());
    }
    case UnaryOp::Splat:
      return V.isArray() ? V : Value(Array{V});
    }
    return Value();
  }
  case Kind::Binary:
    return evalBinary(*llvm::cast<Binary>(E), S);
  case Kind::Assignment:
    return evalAssignment(*llvm::cast<Assignment>(E), S);
  case Kind::Relationship:
    return evalRelationship(*llvm::cast<Relationship>(E), S);
  case Kind::Access:
    return evalAccess(*llvm::cast<Access>(E), S);
  case Kind::Selector:
    return evalSelector(*llvm::cast<Selector>(E), S);
  case Kind::Call:
    return evalCall(*llvm::cast<Call>(E), S);
  case Kind::MethodCall:
    return evalMethodCall(*llvm::cast<MethodCall>(E), S);
  case Kind::Lambda:
    fail(E->Range, "A lambda can only be given to a function call");
  case Kind::Block:
    return evalBlock(*llvm::cast<Block>(E), S);
  case Kind::If: {
    const auto *I = llvm::cast<If>(E);
    bool C = eval(I->Condition.get(), S).isTruthy();
    if (I->Negated)
      C = !C;
    if (C)
      return eval(I->Then.get(), S);
    return eval(I->Else.get(), S);
  }
  case Kind::Case:
    return evalCase(*llvm::cast<Case>(E), S);
  case Kind::Resource:
    return evalResource(*llvm::cast<ast::Resource>(E), S);
  case Kind::ResourceDefaults:
    return evalResourceDefaults(*llvm::cast<ResourceDefaults>(E), S);
  case Kind::ResourceOverride:
    return evalResourceOverride(*llvm::cast<ResourceOverride>(E), S);
  case Kind::Collector:
    return evalCollector(*llvm::cast<Collector>(E), S);
  case Kind::QueryOp:
    fail(E->Range, "A query can only appear in a collector");
  case Kind::Import:
  case Kind::ClassDef:
  case Kind::DefineDef:
  case Kind::NodeDef:
  case Kind::FunctionDef:
  case Kind::TypeAlias:
    return Value();
  case Kind::EppText:
    if (EppOutput)
      *EppOutput += llvm::cast<EppText>(E)->Text;
    return Value();
  case Kind::EppRender: {
    Value V = eval(llvm::cast<EppRender>(E)->Body.get(), S);
    if (EppOutput)
      *EppOutput += V.toString();
    return Value();
  }
  }
  return Value();
}

Value Evaluator::evalBlock(const Block &B, Scope &S) {
  Value Last;
  for (const ExprPtr &St : B.Statements)
    Last = eval(St.get(), S);
  return Last;
}

/// How interpolation turns a value into text: like String(x) at the top,
/// but collections show their elements the same way, unquoted
/// ("${[1, 'a', undef]}" is "[1, a, ]").
static void appendInterpolated(std::string &Out, const Value &V) {
  if (V.isArray()) {
    Out += '[';
    bool First = true;
    for (const Value &E : V.asArray()) {
      if (!First)
        Out += ", ";
      First = false;
      appendInterpolated(Out, E);
    }
    Out += ']';
    return;
  }
  if (V.isHash()) {
    Out += '{';
    bool First = true;
    for (const auto &[K, X] : V.asHash()) {
      if (!First)
        Out += ", ";
      First = false;
      appendInterpolated(Out, K);
      Out += " => ";
      appendInterpolated(Out, X);
    }
    Out += '}';
    return;
  }
  Out += V.toString();
}

Value Evaluator::evalConcat(const ConcatString &C, Scope &S) {
  std::string Out;
  for (const ExprPtr &P : C.Parts) {
    if (auto *L = llvm::dyn_cast<LiteralString>(P.get())) {
      Out += L->Value;
      continue;
    }
    Value V = eval(P.get(), S);
    appendInterpolated(Out, V);
  }
  return Value(std::move(Out));
}

Value Evaluator::toNumber(const Value &V, SourceRange R) {
  if (V.isNumber())
    return V;
  if (V.isString()) {
    llvm::StringRef Str = llvm::StringRef(V.asString()).trim();
    bool Neg = Str.consume_front("-");
    if (!Neg)
      Str.consume_front("+");
    int64_t I = 0;
    llvm::StringRef Body = Str;
    unsigned Radix = 10;
    if (Body.startswith_insensitive("0x")) {
      Radix = 16;
      Body = Body.drop_front(2);
    } else if (Body.size() > 1 && Body[0] == '0' &&
               Body.find_first_not_of("01234567") == llvm::StringRef::npos) {
      Radix = 8;
    }
    if (!Body.empty() && !Body.getAsInteger(Radix, I))
      return Value(Neg ? -I : I);
    double D = 0;
    if (!Str.empty() && !Str.getAsDouble(D) &&
        Str.find_first_of("0123456789") != llvm::StringRef::npos)
      return Value(Neg ? -D : D);
  }
  fail(R, std::string("The value '") + V.toString() +
              "' cannot be converted to Numeric.");
}

static int64_t floorDiv(int64_t A, int64_t B) {
  int64_t Q = A / B;
  if ((A % B != 0) && ((A < 0) != (B < 0)))
    --Q;
  return Q;
}

static int64_t floorMod(int64_t A, int64_t B) {
  int64_t M = A % B;
  if (M != 0 && ((M < 0) != (B < 0)))
    M += B;
  return M;
}

static std::string typeNameOf(const Value &V) {
  return types::inferGeneralType(V).toString();
}

/// Timestamp and Timespan arithmetic (numbers are seconds): a Timestamp
/// moves by a Timespan, two Timestamps differ by a Timespan, Timespans add,
/// scale and divide. nullopt when the operands do not combine.
static std::optional<Value> timeArithmetic(BinaryOp Op, const Value &L,
                                           const Value &R) {
  auto Nanos = [](const Value &V) -> std::optional<int64_t> {
    if (V.isTimespan())
      return V.asTimespanNanos();
    if (V.isInteger())
      return V.asInteger() * 1000000000;
    if (V.isFloat())
      return static_cast<int64_t>(std::llround(V.asFloat() * 1e9));
    return std::nullopt;
  };
  if (L.isTimestamp()) {
    const int64_t T = L.asTimestampNanos();
    if (Op == BinaryOp::Sub && R.isTimestamp())
      return Value::makeTimespan(T - R.asTimestampNanos());
    std::optional<int64_t> D = Nanos(R);
    if (!D)
      return std::nullopt;
    if (Op == BinaryOp::Add)
      return Value::makeTimestamp(T + *D);
    if (Op == BinaryOp::Sub)
      return Value::makeTimestamp(T - *D);
    return std::nullopt;
  }
  const int64_t S = L.asTimespanNanos();
  if (Op == BinaryOp::Add && R.isTimestamp())
    return Value::makeTimestamp(R.asTimestampNanos() + S);
  if ((Op == BinaryOp::Mul || Op == BinaryOp::Div) && R.isNumber()) {
    const double F = R.asNumber();
    if (Op == BinaryOp::Div && F == 0)
      return std::nullopt;
    return Value::makeTimespan(static_cast<int64_t>(
        std::llround(Op == BinaryOp::Mul ? S * F : S / F)));
  }
  if (Op == BinaryOp::Div && R.isTimespan() && R.asTimespanNanos() != 0)
    return Value(static_cast<double>(S) /
                 static_cast<double>(R.asTimespanNanos()));
  std::optional<int64_t> D = Nanos(R);
  if (!D)
    return std::nullopt;
  if (Op == BinaryOp::Add)
    return Value::makeTimespan(S + *D);
  if (Op == BinaryOp::Sub)
    return Value::makeTimespan(S - *D);
  return std::nullopt;
}

Value Evaluator::evalArithmetic(BinaryOp Op, const Value &L, const Value &R,
                                SourceRange Range, SourceRange LRange,
                                SourceRange RRange) {
  // Collections first.
  if (L.isArray()) {
    if (Op == BinaryOp::Add) {
      Array A = L.asArray();
      if (R.isArray())
        A.insert(A.end(), R.asArray().begin(), R.asArray().end());
      else if (R.isHash())
        for (const auto &[K, V] : R.asHash())
          A.push_back(Value(Array{K, V}));
      else
        A.push_back(R);
      return Value(std::move(A));
    }
    if (Op == BinaryOp::Sub) {
      Array A;
      auto Contains = [&](const Value &X) {
        if (R.isArray()) {
          for (const Value &Y : R.asArray())
            if (X.puppetEquals(Y))
              return true;
          return false;
        }
        return X.puppetEquals(R);
      };
      for (const Value &X : L.asArray())
        if (!Contains(X))
          A.push_back(X);
      return Value(std::move(A));
    }
    if (Op == BinaryOp::Shl) {
      Array A = L.asArray();
      A.push_back(R);
      return Value(std::move(A));
    }
  }
  if (L.isHash()) {
    if (Op == BinaryOp::Add) {
      HashData H = L.asHash();
      if (R.isHash()) {
        for (const auto &[K, V] : R.asHash())
          H.set(K, V);
      } else if (R.isArray()) {
        const Array &A = R.asArray();
        bool Pairs = !A.empty() && A[0].isArray();
        if (Pairs) {
          for (const Value &P : A)
            if (P.isArray() && P.asArray().size() == 2)
              H.set(P.asArray()[0], P.asArray()[1]);
        } else {
          if (A.size() % 2 != 0)
            fail(Range, "Odd number of elements in array to merge into hash");
          for (size_t I = 0; I + 1 < A.size(); I += 2)
            H.set(A[I], A[I + 1]);
        }
      } else {
        fail(Range,
             "Operator '+' is not applicable to a Hash and " + typeNameOf(R));
      }
      return Value(std::move(H));
    }
    if (Op == BinaryOp::Sub) {
      HashData H = L.asHash();
      if (R.isArray())
        for (const Value &K : R.asArray())
          H.erase(K);
      else if (R.isHash())
        for (const auto &[K, V] : R.asHash())
          H.erase(K);
      else
        H.erase(R);
      return Value(std::move(H));
    }
  }
  if (L.isTimestamp() || L.isTimespan()) {
    if (std::optional<Value> V = timeArithmetic(Op, L, R))
      return *V;
    fail(Range, std::string("Operator '") + getBinaryOpSpelling(Op) +
                    "' is not applicable to a value of type " + typeNameOf(L) +
                    " and " + typeNameOf(R) + ".");
  }
  if ((L.isNumber() || L.isString()) && !(R.isNumber() || R.isString()) &&
      !R.isUndef())
    fail(RRange,
         "The value '" + R.toString() + "' cannot be converted to Numeric.");
  if (!(L.isNumber() || L.isString()) || !(R.isNumber() || R.isString()))
    fail(Range, std::string("Operator '") + getBinaryOpSpelling(Op) +
                    "' is not applicable to " +
                    (L.isUndef() ? std::string("an Undef Value")
                                 : "a value of type " + typeNameOf(L)) +
                    ".");
  Value A = toNumber(L, LRange);
  Value B = toNumber(R, RRange);
  if (A.isInteger() && B.isInteger()) {
    int64_t X = A.asInteger(), Y = B.asInteger();
    int64_t Result = 0;
    auto Overflow = [&]() {
      fail(Range, std::string("A '") + getBinaryOpSpelling(Op) +
                      "' expression resulted in a value outside of Puppet "
                      "Integer max range");
    };
    switch (Op) {
    case BinaryOp::Add:
      if (__builtin_add_overflow(X, Y, &Result))
        Overflow();
      return Value(Result);
    case BinaryOp::Sub:
      if (__builtin_sub_overflow(X, Y, &Result))
        Overflow();
      return Value(Result);
    case BinaryOp::Mul:
      if (__builtin_mul_overflow(X, Y, &Result))
        Overflow();
      return Value(Result);
    case BinaryOp::Div:
      if (Y == 0)
        fail(Range, "Division by 0");
      if (X == INT64_MIN && Y == -1)
        Overflow();
      return Value(floorDiv(X, Y));
    case BinaryOp::Mod:
      if (Y == 0)
        fail(Range, "Division by 0");
      if (Y == -1)
        return Value(int64_t(0));
      return Value(floorMod(X, Y));
    case BinaryOp::Shl:
    case BinaryOp::Shr: {
      bool Left = (Op == BinaryOp::Shl) == (Y >= 0);
      uint64_t N =
          Y >= 0 ? static_cast<uint64_t>(Y) : 0 - static_cast<uint64_t>(Y);
      if (!Left)
        return Value(N >= 63 ? (X < 0 ? int64_t(-1) : int64_t(0)) : X >> N);
      if (X == 0)
        return Value(int64_t(0));
      if (N >= 63 || (X > 0 ? X > (INT64_MAX >> N) : X < (INT64_MIN >> N)))
        Overflow();
      return Value(static_cast<int64_t>(static_cast<uint64_t>(X) << N));
    }
    default:
      break;
    }
  }
  double X = A.asNumber(), Y = B.asNumber();
  switch (Op) {
  case BinaryOp::Add:
    return Value(X + Y);
  case BinaryOp::Sub:
    return Value(X - Y);
  case BinaryOp::Mul:
    return Value(X * Y);
  case BinaryOp::Div:
    if (Y == 0)
      fail(Range, "Division by 0");
    return Value(X / Y);
  case BinaryOp::Mod:
    fail(Range, "Operator '%' is not applicable to Float values");
  default:
    fail(Range, std::string("Operator '") + getBinaryOpSpelling(Op) +
                    "' is not applicable to Float values");
  }
}

bool Evaluator::matchRegex(const Regexp &Re, const std::string &Str, Scope &S) {
  std::optional<RegexMatch> M = regexSearch(Re, Str);
  if (!M)
    return false;
  auto Caps = std::make_shared<std::vector<Value>>();
  for (const std::optional<std::string> &G : M->Groups)
    Caps->push_back(G ? Value(*G) : Value());
  S.Captures = std::move(Caps);
  return true;
}

bool Evaluator::evalIn(const Value &L, const Value &R, Scope &S) {
  if (R.isString()) {
    if (L.isString())
      return llvm::StringRef(R.asString()).find_insensitive(L.asString()) !=
             llvm::StringRef::npos;
    if (L.isRegexp())
      return matchRegex(L.asRegexp(), R.asString(), S);
    return false;
  }
  if (R.isArray()) {
    for (const Value &E : R.asArray()) {
      if (L.isRegexp()) {
        if (E.isString() && matchRegex(L.asRegexp(), E.asString(), S))
          return true;
      } else if (L.isType()) {
        if (types::isInstance(L.asType(), E))
          return true;
      } else if (L.puppetEquals(E)) {
        return true;
      }
    }
    return false;
  }
  if (R.isHash()) {
    for (const auto &[K, V] : R.asHash()) {
      if (L.isRegexp()) {
        if (K.isString() && matchRegex(L.asRegexp(), K.asString(), S))
          return true;
      } else if (L.isType()) {
        if (types::isInstance(L.asType(), K))
          return true;
      } else if (L.puppetEquals(K)) {
        return true;
      }
    }
    return false;
  }
  return false;
}

Value Evaluator::evalBinary(const Binary &B, Scope &S) {
  if (B.Op == BinaryOp::And) {
    if (!eval(B.LHS.get(), S).isTruthy())
      return Value(false);
    return Value(eval(B.RHS.get(), S).isTruthy());
  }
  if (B.Op == BinaryOp::Or) {
    if (eval(B.LHS.get(), S).isTruthy())
      return Value(true);
    return Value(eval(B.RHS.get(), S).isTruthy());
  }
  Value L = eval(B.LHS.get(), S);
  Value R = eval(B.RHS.get(), S);
  switch (B.Op) {
  case BinaryOp::Eq:
    return Value(L.puppetEquals(R));
  case BinaryOp::Ne:
    return Value(!L.puppetEquals(R));
  case BinaryOp::Lt:
  case BinaryOp::Le:
  case BinaryOp::Gt:
  case BinaryOp::Ge: {
    std::optional<int> C;
    if (L.isType() && R.isType()) {
      bool LR = types::isAssignable(R.asType(), L.asType());
      bool RL = types::isAssignable(L.asType(), R.asType());
      switch (B.Op) {
      case BinaryOp::Lt:
        return Value(LR && !RL);
      case BinaryOp::Le:
        return Value(LR);
      case BinaryOp::Gt:
        return Value(RL && !LR);
      default:
        return Value(RL);
      }
    }
    C = compareValues(L, R); // numbers, strings, times, versions
    if (!C)
      fail(B.Range, "Comparison of: " + typeNameOf(L) + " " +
                        getBinaryOpSpelling(B.Op) + " " + typeNameOf(R) +
                        ", is not possible");
    switch (B.Op) {
    case BinaryOp::Lt:
      return Value(*C < 0);
    case BinaryOp::Le:
      return Value(*C <= 0);
    case BinaryOp::Gt:
      return Value(*C > 0);
    default:
      return Value(*C >= 0);
    }
  }
  case BinaryOp::Match:
  case BinaryOp::NotMatch: {
    bool M = false;
    if (R.isType()) {
      M = types::isInstance(R.asType(), L);
    } else if (R.isSemVerRange() && L.isSemVer()) {
      std::optional<semver::Range> Range = semver::Range::parse(R.asText());
      std::optional<semver::Version> V = semver::parseVersion(L.asText());
      M = Range && V && Range->includes(*V);
    } else {
      if (!L.isString())
        fail(B.Range, "Left operand of " +
                          std::string(getBinaryOpSpelling(B.Op)) +
                          " must be a String, got " + typeNameOf(L));
      Regexp Re;
      if (R.isRegexp()) {
        Re = R.asRegexp();
      } else if (R.isString()) {
        std::string Err;
        std::optional<Regexp> C = Regexp::compile(R.asString(), &Err);
        if (!C)
          fail(B.Range, "Invalid regular expression: " + Err);
        Re = *C;
      } else {
        fail(B.Range, "Right operand of =~ must be a Regexp, String or Type, "
                      "got " +
                          typeNameOf(R));
      }
      M = matchRegex(Re, L.asString(), S);
    }
    return Value(B.Op == BinaryOp::Match ? M : !M);
  }
  case BinaryOp::In:
    return Value(evalIn(L, R, S));
  default:
    return evalArithmetic(B.Op, L, R, B.Range, B.LHS->Range, B.RHS->Range);
  }
}

Value Evaluator::evalAssignment(const Assignment &A, Scope &S) {
  Value V = eval(A.RHS.get(), S);
  if (auto *Var = llvm::dyn_cast<Variable>(A.LHS.get())) {
    setVar(S, Var->Name, V, A.LHS->Range);
    return V;
  }
  if (auto *Arr = llvm::dyn_cast<LiteralArray>(A.LHS.get())) {
    if (V.isHash()) {
      for (const ExprPtr &E : Arr->Elements) {
        auto *Var = llvm::dyn_cast<Variable>(E.get());
        if (!Var)
          fail(E->Range, "Only variables can be assigned to");
        const Value *Found = V.asHash().find(llvm::StringRef(Var->Name));
        if (!Found)
          fail(E->Range, "No value for required key '" + Var->Name +
                             "' in assignment to variables from hash");
        setVar(S, Var->Name, *Found, E->Range);
      }
      return V;
    }
    if (!V.isArray())
      fail(A.Range, "Cannot assign a " + typeNameOf(V) +
                        " to an array of "
                        "variables");
    const Array &Vals = V.asArray();
    if (Vals.size() != Arr->Elements.size())
      fail(A.Range, "Mismatched number of elements in assignment: " +
                        std::to_string(Arr->Elements.size()) + " variables, " +
                        std::to_string(Vals.size()) + " values");
    for (size_t I = 0; I < Vals.size(); ++I) {
      auto *Var = llvm::dyn_cast<Variable>(Arr->Elements[I].get());
      if (!Var)
        fail(Arr->Elements[I]->Range, "Only variables can be assigned to");
      setVar(S, Var->Name, Vals[I], Arr->Elements[I]->Range);
    }
    return V;
  }
  fail(A.LHS->Range, "Illegal attempt to assign to '" +
                         std::string(getKindName(A.LHS->getKind())) +
                         "'. Not an assignable reference");
}

static int64_t normIndex(int64_t I, size_t Size) {
  return I < 0 ? I + static_cast<int64_t>(Size) : I;
}

Value Evaluator::evalAccess(const Access &A, Scope &S) {
  Value Target = eval(A.Target.get(), S);
  std::vector<Value> Keys;
  for (const ExprPtr &K : A.Keys) {
    if (auto *U = llvm::dyn_cast<Unary>(K.get());
        U && U->Op == UnaryOp::Splat) {
      Value V = eval(U->Operand.get(), S);
      if (V.isArray())
        Keys.insert(Keys.end(), V.asArray().begin(), V.asArray().end());
      else
        Keys.push_back(V);
      continue;
    }
    Keys.push_back(eval(K.get(), S));
  }
  if (Target.isType()) {
    const TypeData &D = Target.asType().data();
    // `File[$x]`: references repeat (a loop requiring the same directory),
    // so they share their type.
    const bool Ref = D.Kind == TypeKind::Resource && !D.Name.empty() &&
                     !D.HasTitle && Keys.size() == 1 && Keys[0].isString();
    ResourceRefSlot *Slot = nullptr;
    if (Ref) {
      const std::string &Title = Keys[0].asString();
      Slot = &ResourceRefCache[llvm::hash_combine(D.Name, Title) %
                               ResourceRefCache.size()];
      if (Slot->Ref.isType() && Slot->Name == D.Name && Slot->Title == Title)
        return Slot->Ref;
    }
    // `File['x']['mode']`, `Class['c']['p']`: a declared resource's values.
    if ((D.Kind == TypeKind::Resource && D.HasTitle) ||
        (D.Kind == TypeKind::Class && !D.Name.empty()))
      return resourceValues(Target.asType(), Keys, A.Range);
    llvm::Expected<Value> R = types::parameterize(Target.asType(), Keys);
    if (!R)
      fail(A.Range, llvm::toString(R.takeError()));
    if (Slot) {
      Slot->Name = D.Name;
      Slot->Title = Keys[0].asString();
      Slot->Ref = *R;
    }
    return *R;
  }
  if (Target.isHash()) {
    const HashData &H = Target.asHash();
    if (Keys.size() == 1) {
      const Value *V = H.find(Keys[0]);
      return V ? *V : Value();
    }
    Array Out;
    for (const Value &K : Keys)
      if (const Value *V = H.find(K))
        Out.push_back(*V);
    return Value(std::move(Out));
  }
  if (Target.isArray() || Target.isString()) {
    size_t Size =
        Target.isArray() ? Target.asArray().size() : Target.asString().size();
    if (Keys.empty() || Keys.size() > 2)
      fail(A.Range,
           "Access on " + typeNameOf(Target) + " expects one or two arguments");
    for (const Value &K : Keys)
      if (!K.isInteger())
        fail(A.Range,
             "The index operand must be an Integer, got " + typeNameOf(K));
    int64_t Start = normIndex(Keys[0].asInteger(), Size);
    if (Keys.size() == 1) {
      if (Start < 0 || Start >= static_cast<int64_t>(Size))
        return Target.isArray() ? Value() : Value(std::string());
      if (Target.isArray())
        return Target.asArray()[Start];
      return Value(Target.asString().substr(Start, 1));
    }
    int64_t Count = Keys[1].asInteger();
    if (Start < 0) {
      Count += Start;
      Start = 0;
    }
    int64_t End =
        Count < 0 ? static_cast<int64_t>(Size) + Count + 1 : Start + Count;
    End = std::min<int64_t>(End, Size);
    if (Start >= static_cast<int64_t>(Size) || End <= Start)
      return Target.isArray() ? Value(Array{}) : Value(std::string());
    if (Target.isArray())
      return Value(Array(Target.asArray().begin() + Start,
                         Target.asArray().begin() + End));
    return Value(Target.asString().substr(Start, End - Start));
  }
  if (Target.isUndef())
    fail(A.Range, "Operator '[]' is not applicable to an Undef Value.");
  fail(A.Range, "Operator '[]' is not applicable to a value of type " +
                    typeNameOf(Target) + ".");
}

bool Evaluator::matchCaseValue(const Value &Control, const Value &Option,
                               Scope &S, SourceRange R) {
  if (Option.isDefault())
    return true;
  if (Option.isRegexp())
    return Control.isString() &&
           matchRegex(Option.asRegexp(), Control.asString(), S);
  if (Option.isType() && !Control.isType())
    return types::isInstance(Option.asType(), Control);
  if (Option.isArray() && Control.isArray()) {
    const Array &O = Option.asArray(), &C = Control.asArray();
    if (O.size() != C.size())
      return false;
    for (size_t I = 0; I < O.size(); ++I)
      if (!matchCaseValue(C[I], O[I], S, R))
        return false;
    return true;
  }
  return Control.puppetEquals(Option);
}

Value Evaluator::evalSelector(const Selector &Sel, Scope &S) {
  Value Control = eval(Sel.Control.get(), S);
  const SelectorEntry *Default = nullptr;
  for (const SelectorEntry &E : Sel.Entries) {
    if (llvm::isa<LiteralDefault>(E.Match.get())) {
      Default = &E;
      continue;
    }
    Value Opt = eval(E.Match.get(), S);
    if (auto *U = llvm::dyn_cast<Unary>(E.Match.get());
        U && U->Op == UnaryOp::Splat && Opt.isArray()) {
      for (const Value &O : Opt.asArray())
        if (matchCaseValue(Control, O, S, E.Match->Range))
          return eval(E.Value.get(), S);
      continue;
    }
    if (matchCaseValue(Control, Opt, S, E.Match->Range))
      return eval(E.Value.get(), S);
  }
  if (Default)
    return eval(Default->Value.get(), S);
  fail(Sel.Range, "No matching entry for selector parameter with value '" +
                      Control.toString() + "'");
}

Value Evaluator::evalCase(const Case &C, Scope &S) {
  Value Control = eval(C.Control.get(), S);
  const CaseOption *Default = nullptr;
  for (const CaseOption &O : C.Options) {
    for (const ExprPtr &VE : O.Values) {
      if (llvm::isa<LiteralDefault>(VE.get())) {
        Default = &O;
        continue;
      }
      Value Opt = eval(VE.get(), S);
      if (auto *U = llvm::dyn_cast<Unary>(VE.get());
          U && U->Op == UnaryOp::Splat && Opt.isArray()) {
        for (const Value &X : Opt.asArray())
          if (matchCaseValue(Control, X, S, VE->Range))
            return eval(O.Body.get(), S);
        continue;
      }
      if (matchCaseValue(Control, Opt, S, VE->Range))
        return eval(O.Body.get(), S);
    }
  }
  if (Default)
    return eval(Default->Body.get(), S);
  return Value();
}

Type Evaluator::resolveTypeName(const std::string &Name, SourceRange R) {
  if (types::isBuiltinTypeName(Name))
    return types::fromName(Name);
  std::string Key = llvm::StringRef(Name).lower();
  if (auto It = AliasCache.find(Key); It != AliasCache.end())
    return It->second;
  if (const TypeAlias *TA = Env.findTypeAlias(Name, Diags)) {
    // Guard against self-reference while resolving.
    AliasCache[Key] = types::fromName("Any");
    Value V = eval(TA->Type.get(), *TopScope);
    if (!V.isType())
      fail(TA->Range, "The type alias '" + Name + "' does not denote a type");
    TypeData D;
    D.Kind = TypeKind::Alias;
    D.Name = TA->Name;
    D.Params.push_back(V.asType());
    Type Alias(std::make_shared<const TypeData>(std::move(D)));
    AliasCache[Key] = Alias;
    return Alias;
  }
  return types::fromName(Name);
}

/// Whether Name (in any case) is one of the type names Puppet's type parser
/// knows (data types, and the Pcore object types Deferred, Error, TypeSet,
/// URI, ...), some of which cppet does not model.
static bool isPuppetTypeName(llvm::StringRef Name) {
  static const char *const Names[] = {
      "any",           "array",       "binary",     "boolean",  "callable",
      "catalogentry",  "class",       "collection", "data",     "default",
      "deferred",      "enum",        "error",      "float",    "hash",
      "init",          "integer",     "iterable",   "iterator", "notundef",
      "numeric",       "object",      "optional",   "pattern",  "regexp",
      "resource",      "richdata",    "runtime",    "scalar",   "scalardata",
      "semver",        "semverrange", "sensitive",  "string",   "struct",
      "timespan",      "timestamp",   "tuple",      "type",     "typealias",
      "typereference", "typeset",     "undef",      "uri",      "variant"};
  std::string L = Name.lower();
  for (const char *N : Names)
    if (L == N)
      return true;
  return false;
}

Value Evaluator::evalReference(const QualifiedReference &Q, Scope &S) {
  Type T = resolveTypeName(Q.Name, Q.Range);
  // A reference that is neither a data type nor an alias must name a
  // resource type (core, defined, or a module's Ruby type): Puppet fails
  // with "Resource type not found" otherwise, wherever it is evaluated.
  if (T.data().Kind == TypeKind::Resource &&
      !KnownTypeReferences.count(Q.Name) && !isPuppetTypeName(Q.Name)) {
    bool IsDefine = false;
    const DefineDef *Def = nullptr;
    canonicalTypeName(Q.Name, Q.Range, IsDefine, Def);
    KnownTypeReferences.insert(Q.Name); // it throws when unknown
  }
  return Value(std::move(T));
}

std::vector<Value> Evaluator::evalArgs(const ExprList &Args, Scope &S) {
  std::vector<Value> Out;
  for (const ExprPtr &A : Args) {
    if (auto *U = llvm::dyn_cast<Unary>(A.get());
        U && U->Op == UnaryOp::Splat) {
      Value V = eval(U->Operand.get(), S);
      if (V.isArray())
        Out.insert(Out.end(), V.asArray().begin(), V.asArray().end());
      else
        Out.push_back(V);
      continue;
    }
    Out.push_back(eval(A.get(), S));
  }
  return Out;
}

size_t Evaluator::blockParamCount() const {
  if (!CurrentCall.Block)
    return 0;
  const std::vector<Parameter> &P = CurrentCall.Block->Params;
  // A lambda capturing the rest (`|*$all|`) accepts any count: iteration
  // functions then pass key and value (or index and value) separately.
  if (!P.empty() && P.back().CapturesRest)
    return P.size() + 1;
  return P.size();
}

Value Evaluator::callLambda(const Lambda &L, Scope &Parent,
                            llvm::ArrayRef<Value> Args) {
  Scope &S = newScope(Scope::Kind::Local, &Parent);
  size_t I = 0;
  for (const Parameter &P : L.Params) {
    if (P.CapturesRest) {
      Array Rest;
      for (; I < Args.size(); ++I)
        Rest.push_back(Args[I]);
      S.Vars[P.Name] = Value(std::move(Rest));
      continue;
    }
    Value V;
    if (I < Args.size())
      V = Args[I++];
    else if (P.Default)
      V = eval(P.Default.get(), S);
    if (P.Type) {
      Value T = eval(P.Type.get(), S);
      if (T.isType() && !types::isInstance(T.asType(), V))
        fail(P.Range, "block parameter '" + P.Name + "' " +
                          types::describeMismatch(T.asType(), V));
    }
    S.Vars[P.Name] = std::move(V);
  }
  Value Result;
  try {
    Result = eval(L.Body.get(), S);
  } catch (ControlFlow &CF) {
    if (CF.K != ControlFlow::Next)
      throw;
    Result = std::move(CF.V);
  }
  releaseScope(S);
  return Result;
}

Value Evaluator::callBlock(llvm::ArrayRef<Value> Args) {
  if (!CurrentCall.Block)
    error("No block given to '" + CurrentCall.Name + "'");
  CallState Saved = CurrentCall;
  BreakFlag = false;
  try {
    Value V = callLambda(*Saved.Block, *Saved.S, Args);
    CurrentCall = Saved;
    return V;
  } catch (ControlFlow &CF) {
    CurrentCall = Saved;
    if (CF.K == ControlFlow::Break) {
      BreakFlag = true;
      return Value();
    }
    throw;
  }
}

Value Evaluator::evalCall(const Call &C, Scope &S) {
  std::vector<Value> Args = evalArgs(C.Args, S);
  return callFunction(C.Name, std::move(Args), C.Block.get(), S, C.Range);
}

Value Evaluator::evalMethodCall(const MethodCall &M, Scope &S) {
  std::vector<Value> Args;
  Args.push_back(eval(M.Receiver.get(), S));
  // An Object's attributes read as methods: `$d.name`, `$d.arguments`.
  if (Args[0].isDeferred() && M.Args.empty() && !M.Block) {
    if (M.Name == "name")
      return Value(Args[0].deferredName());
    if (M.Name == "arguments")
      return Args[0].deferredArguments();
  }
  std::vector<Value> Rest = evalArgs(M.Args, S);
  Args.insert(Args.end(), Rest.begin(), Rest.end());
  return callFunction(M.Name, std::move(Args), M.Block.get(), S,
                      M.CallRange.isValid() ? M.CallRange : M.Range);
}

Value Evaluator::callPuppetFunction(const FunctionDef &F,
                                    std::vector<Value> Args, SourceRange R) {
  Scope &S = newScope(Scope::Kind::Local, TopScope);
  S.K = Scope::Kind::Class; // functions see only their params and top scope
  S.Parent = TopScope;
  S.Name = intern(F.Name);
  size_t Required = 0;
  for (const Parameter &P : F.Params)
    if (!P.Default && !P.CapturesRest)
      ++Required;
  if (Args.size() < Required ||
      (Args.size() > F.Params.size() &&
       (F.Params.empty() || !F.Params.back().CapturesRest)))
    fail(R, "'" + F.Name + "' expects " +
                (Required == F.Params.size()
                     ? std::to_string(Required) + " argument" +
                           (Required == 1 ? "" : "s")
                     : "between " + std::to_string(Required) + " and " +
                           std::to_string(F.Params.size()) + " arguments") +
                ", got " + std::to_string(Args.size()));
  size_t I = 0;
  for (const Parameter &P : F.Params) {
    if (P.CapturesRest) {
      Array Rest(Args.begin() + std::min(I, Args.size()), Args.end());
      S.Vars[P.Name] = Value(std::move(Rest));
      I = Args.size();
      continue;
    }
    Value V = I < Args.size() ? Args[I++] : eval(P.Default.get(), S);
    if (P.Type) {
      Value T = eval(P.Type.get(), S);
      if (T.isType() && !types::isInstance(T.asType(), V))
        fail(R, "'" + F.Name + "' parameter '" + P.Name + "' " +
                    types::describeMismatch(T.asType(), V));
    }
    S.Vars[P.Name] = std::move(V);
  }
  Value Result;
  try {
    Result = eval(F.Body.get(), S);
  } catch (ControlFlow &CF) {
    if (CF.K != ControlFlow::Return)
      throw;
    Result = CF.V;
  }
  if (F.ReturnType) {
    Value T = eval(F.ReturnType.get(), S);
    if (T.isType() && !types::isInstance(T.asType(), Result))
      fail(R,
           "'" + F.Name + "' " + types::describeMismatch(T.asType(), Result));
  }
  releaseScope(S);
  return Result;
}

Value Evaluator::callFunction(const std::string &Name, std::vector<Value> Args,
                              const Lambda *Block, Scope &S, SourceRange R) {
  CallState Saved = CurrentCall;
  CurrentCall = {Name, Block, &S, R};
  struct Restore {
    Evaluator &E;
    CallState Saved;
    ~Restore() { E.CurrentCall = Saved; }
  } Restorer{*this, Saved};

  bool Handled = false;
  Value V = callBuiltinInternal(Name, Args, Block, S, R, Handled);
  if (Handled)
    return V;
  if (const FunctionDef *F = Env.findFunction(Name, Diags))
    return callPuppetFunction(*F, std::move(Args), R);
  if (const BuiltinFunction *Fn = FunctionRegistry::get().find(Name))
    return (*Fn)(*this, Args);
  const std::string &Module = moduleShippingFunction(Name);
  if (const BuiltinFunction *Fn =
          FunctionRegistry::get().findModuleFunction(Name))
    if (!Module.empty())
      return (*Fn)(*this, Args);
  if (!Module.empty())
    fail(R, "Unknown function: '" + Name + "': a Ruby function of module '" +
                llvm::sys::path::filename(Module).str() + "' (" + Module +
                "), which cppet does not implement.");
  fail(R, "Unknown function: '" + Name + "'.");
}

const std::string &Evaluator::moduleShippingFunction(const std::string &Name) {
  auto It = ModuleFunctionCache.find(Name);
  if (It != ModuleFunctionCache.end())
    return It->second;
  std::string Path = llvm::StringRef(Name).lower();
  for (size_t P = Path.find("::"); P != std::string::npos; P = Path.find("::"))
    Path.replace(P, 2, "/");
  std::string Found;
  for (const std::string &Dir : Env.getConfig().ModulePath) {
    std::error_code EC;
    for (llvm::sys::fs::directory_iterator DI(Dir, EC), End;
         DI != End && !EC && Found.empty(); DI.increment(EC)) {
      llvm::SmallString<256> A(DI->path()), B(DI->path());
      llvm::sys::path::append(A, "lib", "puppet", "functions", Path + ".rb");
      llvm::sys::path::append(B, "lib", "puppet", "parser");
      llvm::sys::path::append(B, "functions", Path + ".rb");
      if (llvm::sys::fs::exists(A) || llvm::sys::fs::exists(B))
        Found = DI->path();
    }
    if (!Found.empty())
      break;
  }
  return ModuleFunctionCache[Name] = Found;
}

std::optional<Value> Evaluator::variable(llvm::StringRef Name) {
  Scope *S = CurrentCall.S ? CurrentCall.S : TopScope;
  if (Name == "facts" || Name == "::facts")
    return FactsValue;
  if (Name == "trusted" || Name == "::trusted")
    return TrustedValue;
  if (const Value *V = lookupVar(Name, *S, CurrentCall.Range))
    return *V;
  return std::nullopt;
}

void Evaluator::setVariable(llvm::StringRef Name, Value V) {
  Scope *S = CurrentCall.S ? CurrentCall.S : TopScope;
  setVar(*S, Name.str(), std::move(V), CurrentCall.Range);
}

std::vector<std::pair<std::string, Value>> Evaluator::visibleVariables() {
  std::vector<std::pair<std::string, Value>> Out;
  std::set<std::string> Seen;
  auto AddScope = [&](Scope *S) {
    for (const auto &E : S->Vars)
      if (Seen.insert(E.getKey().str()).second)
        Out.emplace_back(E.getKey().str(), E.getValue());
  };
  Scope *Cur = CurrentCall.S ? CurrentCall.S : TopScope;
  while (Cur) {
    AddScope(Cur);
    if (Cur->isLocal()) {
      Cur = Cur->Parent;
      continue;
    }
    if (Cur->K == Scope::Kind::Top)
      break;
    if (Cur->Inherited) {
      Cur = Cur->Inherited;
      continue;
    }
    Scope *P = Cur->Parent;
    while (P && P->K != Scope::Kind::Node && P->K != Scope::Kind::Top)
      P = P->Parent;
    Cur = P ? P : TopScope;
  }
  return Out;
}

Value Evaluator::callFunction(llvm::StringRef Name,
                              llvm::ArrayRef<Value> Args) {
  Scope *S = CurrentCall.S ? CurrentCall.S : TopScope;
  return callFunction(Name.str(), std::vector<Value>(Args.begin(), Args.end()),
                      nullptr, *S, CurrentCall.Range);
}

Value Evaluator::callFunctionWithBlock(llvm::StringRef Name,
                                       llvm::ArrayRef<Value> Args) {
  Scope *S = CurrentCall.S ? CurrentCall.S : TopScope;
  return callFunction(Name.str(), std::vector<Value>(Args.begin(), Args.end()),
                      CurrentCall.Block, *S, CurrentCall.Range);
}

void Evaluator::declareResource(llvm::StringRef Type, llvm::StringRef Title,
                                const HashData &Params, bool TitleIsString) {
  Scope *S = CurrentCall.S ? CurrentCall.S : TopScope;
  std::vector<AttrValue> Attrs;
  for (const auto &[K, V] : Params)
    Attrs.push_back({K.toString(), V, false, CurrentCall.Range});
  std::string T = Environment::normalizeName(Type);
  if (T == "class")
    declareClass(Title.str(), *S, CurrentCall.Range, &Attrs, true);
  else
    declareResource(T, Title.str(), std::move(Attrs), *S, CurrentCall.Range,
                    ast::ResourceForm::Regular, TitleIsString);
}

bool Evaluator::resourceExists(llvm::StringRef Type, llvm::StringRef Title) {
  std::string T = types::capitalizeTypeName(Type);
  std::string Ti = Title.str();
  if (T == "Class")
    Ti = types::capitalizeTypeName(Title);
  return findResource(T + "[" + Ti + "]") != nullptr;
}

std::optional<HashData> Evaluator::resourceParameters(llvm::StringRef Type,
                                                      llvm::StringRef Title) {
  std::string T = types::capitalizeTypeName(Type);
  std::string Ti = Title.str();
  if (T == "Class")
    Ti = types::capitalizeTypeName(Title);
  CResource *R = findResource(T + "[" + Ti + "]");
  if (!R)
    return std::nullopt;
  HashData H;
  for (const auto &[K, V] : R->Params)
    H.set(Value(K), V);
  return H;
}

std::optional<std::string> Evaluator::moduleFile(llvm::StringRef Spec,
                                                 llvm::StringRef SubDir) {
  if (llvm::sys::path::is_absolute(Spec))
    return llvm::sys::fs::exists(Spec) ? std::optional<std::string>(Spec.str())
                                       : std::nullopt;
  auto [Mod, Rest] = Spec.split('/');
  if (Rest.empty())
    return std::nullopt;
  std::optional<std::string> MD = Env.findModuleDir(Mod);
  if (!MD)
    return std::nullopt;
  llvm::SmallString<256> P(*MD);
  llvm::sys::path::append(P, SubDir, Rest);
  if (!llvm::sys::fs::exists(P))
    return std::nullopt;
  return P.str().str();
}
