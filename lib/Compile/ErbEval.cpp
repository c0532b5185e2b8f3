//===- ErbEval.cpp - Evaluating ERB templates -----------------------------===//
//
// A tree-walking evaluator for the Ruby subset of ErbParse.cpp. Ruby errors
// (NoMethodError, TypeError, ...) are RubyError exceptions inside this file
// and become an ErbFailure at renderTemplate's boundary; next/break are
// signals caught by the block or method that owns them. Loops and nesting
// are bounded so a template can never hang or exhaust the stack.
//
//===----------------------------------------------------------------------===//

#include "Erb.h"
#include "ErbMethods.h"

#include <map>

using namespace cppet;
using namespace cppet::erb;

namespace {
constexpr uint64_t MaxSteps = 20'000'000;
constexpr unsigned MaxDepth = 400;
} // namespace

RVal *Env::find(const std::string &Name) {
  for (Env *E = this; E; E = E->Parent) {
    auto It = E->Vars.find(Name);
    if (It != E->Vars.end())
      return &It->second;
  }
  return nullptr;
}

void Env::set(const std::string &Name, RVal V) {
  if (RVal *Old = find(Name)) {
    *Old = std::move(V);
    return;
  }
  Vars[Name] = std::move(V);
}

[[noreturn]] void erb::raise(const std::string &Message) {
  throw RubyError{Message};
}

[[noreturn]] void erb::noMethod(const std::string &Name, const RVal &Recv) {
  raise("undefined method `" + Name + "' for " + rubyDescribe(Recv));
}

Interp::Interp(FunctionContext &Ctx, std::string &Out) : Ctx(Ctx), Out(Out) {}

void Interp::step() {
  if (++Steps > MaxSteps)
    raise("template evaluation exceeded " + std::to_string(MaxSteps) +
          " steps (endless loop?)");
}

RVal Interp::ivar(const std::string &Name) {
  auto It = Ivars.find(Name);
  if (It != Ivars.end())
    return It->second;
  std::optional<Value> V = Ctx.variable(Name);
  RVal R = V ? fromPuppet(*V) : RVal::nil();
  Ivars[Name] = R;
  if (V && (V->isArray() || V->isHash()))
    IvarOrigins[Name] = {*V, R};
  return R;
}

void Interp::writeBack() {
  for (auto &[Name, Origin] : IvarOrigins) {
    const Value &Orig = Origin.first;
    const RVal &Fetched = Origin.second;
    // Only the object itself counts: `@x = other` rebinds, it mutates nothing.
    if (Orig.isArray() && Fetched.A) {
      Value Now = toPuppet(Fetched);
      if (Now.isArray() && !Now.strictEquals(Orig))
        const_cast<Array &>(*Orig.arrayPtr()) = Now.asArray();
    } else if (Orig.isHash() && Fetched.H) {
      Value Now = toPuppet(Fetched);
      if (Now.isHash() && !Now.strictEquals(Orig))
        const_cast<HashData &>(*Orig.hashPtr()) = Now.asHash();
    }
  }
}

RVal Interp::lookupVar(const std::string &Name) {
  // A Ruby object set with scope.setvar is shared, mutable, by every
  // template of the compile.
  llvm::StringRef Key(Name);
  Key.consume_front("::");
  if (const std::shared_ptr<void> &Shared =
          Ctx.compileLocal("erb:" + Key.str()))
    return *std::static_pointer_cast<RVal>(Shared);
  std::optional<Value> V = Ctx.variable(Name);
  return V ? fromPuppet(*V) : RVal::nil();
}

RVal Interp::callPuppetFunction(const std::string &Name,
                                const std::vector<RVal> &Args) {
  std::vector<Value> PArgs;
  PArgs.reserve(Args.size());
  for (const RVal &A : Args)
    PArgs.push_back(toPuppet(A));
  return fromPuppet(Ctx.callFunction(Name, PArgs));
}

RVal Interp::yield(const Blk &B, std::vector<RVal> Args) {
  step();
  if (!B.Body) {
    if (!B.SymName.empty()) {
      if (Args.empty())
        raise("no receiver given");
      RVal Recv = Args[0];
      Args.erase(Args.begin());
      return callMethod(Recv, B.SymName, std::move(Args), Blk(), nullptr);
    }
    raise("no block given (yield)");
  }
  if (++Depth > MaxDepth) {
    --Depth;
    raise("stack level too deep");
  }
  struct Restore {
    unsigned &D;
    ~Restore() { --D; }
  } R{Depth};
  Env Local(B.Scope);
  const auto &Params =
      B.Params ? B.Params->Params : std::vector<BlockParams::Param>();
  if (Params.size() > 1 && Args.size() == 1 && Args[0].K == RVal::Arr) {
    RVal Spread = Args[0];
    Args = *Spread.A;
  }
  bindParams(Local, Params, Args);
  try {
    return eval(*B.Body, Local);
  } catch (NextSignal &N) {
    return N.V;
  }
}

void Interp::bindParams(Env &E, const std::vector<BlockParams::Param> &Params,
                        const std::vector<RVal> &Args) {
  size_t Ai = 0;
  for (size_t I = 0; I < Params.size(); ++I) {
    const BlockParams::Param &Pm = Params[I];
    if (Pm.Splat) {
      size_t After = Params.size() - I - 1;
      RArray Rest;
      while (Ai + After < Args.size())
        Rest.push_back(Args[Ai++]);
      E.Vars[Pm.Name] = RVal::array(std::move(Rest));
      continue;
    }
    RVal V = Ai < Args.size() ? Args[Ai] : RVal::nil();
    ++Ai;
    if (!Pm.Sub.empty()) {
      std::vector<RVal> Inner;
      if (V.K == RVal::Arr)
        Inner = *V.A;
      else
        Inner.push_back(V);
      bindParams(E, Pm.Sub, Inner);
      continue;
    }
    E.Vars[Pm.Name] = V;
  }
}

void Interp::assign(const Node &Target, RVal V, Env &E) {
  switch (Target.Kind) {
  case NodeKind::Lvar:
    E.set(Target.Name, std::move(V));
    return;
  case NodeKind::Ivar:
    Ivars[Target.Name] = std::move(V);
    return;
  case NodeKind::Gvar:
    return;
  case NodeKind::Call: {
    RVal Recv = eval(*Target.Kids[0], E);
    std::vector<RVal> Args;
    for (size_t I = 1; I < Target.Kids.size(); ++I)
      Args.push_back(eval(*Target.Kids[I], E));
    Args.push_back(std::move(V));
    callMethod(Recv, Target.Name == "[]" ? "[]=" : Target.Name + "=",
               std::move(Args), Blk(), nullptr);
    return;
  }
  default:
    raise("cannot assign to this expression");
  }
}

RVal Interp::evalSeq(const Node &N, Env &E) {
  RVal Last;
  for (const auto &K : N.Kids)
    Last = eval(*K, E);
  return Last;
}

static RVal makeRegexp(const std::string &Src, unsigned Flags,
                       std::shared_ptr<const Regex> Re) {
  RVal R;
  R.K = RVal::Regexp;
  R.S = Src;
  R.Flags = Flags;
  if (!Re) {
    std::string Err;
    Re = Regex::compile(wrapRegexFlags(Src, Flags), &Err);
    if (!Re)
      raise(Err + ": /" + Src + "/");
  }
  R.Re = std::move(Re);
  return R;
}

RVal erb::newRegexp(const std::string &Src, unsigned Flags) {
  return makeRegexp(Src, Flags, nullptr);
}

RVal Interp::eval(const Node &N, Env &E) {
  step();
  CurLine = N.Line;
  switch (N.Kind) {
  case NodeKind::Seq:
    return evalSeq(N, E);
  case NodeKind::Text:
    Out += N.Name;
    return RVal::nil();
  case NodeKind::Output: {
    if (N.Kids.empty())
      return RVal::nil();
    RVal V = eval(*N.Kids[0], E);
    Out += rubyToS(V);
    return RVal::nil();
  }
  case NodeKind::Nil:
    return RVal::nil();
  case NodeKind::True:
    return RVal::boolean(true);
  case NodeKind::False:
    return RVal::boolean(false);
  case NodeKind::Self: {
    RVal S;
    S.K = RVal::Const;
    S.S = "#<Puppet::Parser::TemplateWrapper>";
    return S;
  }
  case NodeKind::Int:
    return RVal::integer(N.I);
  case NodeKind::Float:
    return RVal::flt(N.D);
  case NodeKind::Str:
    return RVal::str(N.Name);
  case NodeKind::Sym:
    return RVal::sym(N.Name);
  case NodeKind::DStr:
  case NodeKind::DSym: {
    std::string S;
    for (const auto &K : N.Kids)
      S += rubyToS(eval(*K, E));
    return N.Kind == NodeKind::DStr ? RVal::str(S) : RVal::sym(S);
  }
  case NodeKind::Regex: {
    if (N.Re)
      return makeRegexp(N.Name, N.Flags, N.Re);
    std::string S;
    for (const auto &K : N.Kids) {
      RVal Part = eval(*K, E);
      S += Part.K == RVal::Regexp ? regexpToS(Part) : rubyToS(Part);
    }
    return makeRegexp(S, N.Flags, nullptr);
  }
  case NodeKind::ArrayLit: {
    RArray A;
    for (const auto &K : N.Kids) {
      if (K->Kind == NodeKind::Splat) {
        RVal S = eval(*K->Kids[0], E);
        for (RVal &X : toArray(S))
          A.push_back(X);
        continue;
      }
      A.push_back(eval(*K, E));
    }
    return RVal::array(std::move(A));
  }
  case NodeKind::HashLit: {
    RVal H = RVal::hash();
    for (size_t I = 0; I + 1 < N.Kids.size(); I += 2) {
      RVal K = eval(*N.Kids[I], E);
      H.H->set(K, eval(*N.Kids[I + 1], E));
    }
    return H;
  }
  case NodeKind::RangeLit: {
    RVal Lo = eval(*N.Kids[0], E), Hi = eval(*N.Kids[1], E);
    if (Lo.K != RVal::Int || Hi.K != RVal::Int)
      raise("bad value for range");
    RVal R;
    R.K = RVal::Range;
    R.I = Lo.I;
    R.Hi = Hi.I;
    R.Excl = N.Flag;
    return R;
  }
  case NodeKind::Splat:
    return eval(*N.Kids[0], E);
  case NodeKind::Ivar:
    return ivar(N.Name);
  case NodeKind::Gvar: {
    if (N.Name == "~")
      return LastMatch;
    if (!N.Name.empty() &&
        std::isdigit(static_cast<unsigned char>(N.Name[0]))) {
      if (LastMatch.K != RVal::Match)
        return RVal::nil();
      size_t Idx = std::stoul(N.Name);
      return Idx < LastMatch.A->size() ? (*LastMatch.A)[Idx] : RVal::nil();
    }
    return RVal::nil();
  }
  case NodeKind::Lvar: {
    if (RVal *V = E.find(N.Name))
      return *V;
    return RVal::nil();
  }
  case NodeKind::Const:
  case NodeKind::ScopedConst: {
    RVal C;
    C.K = RVal::Const;
    C.S = N.Kind == NodeKind::Const
              ? N.Name
              : rubyToS(eval(*N.Kids[0], E)) + "::" + N.Name;
    return C;
  }
  case NodeKind::Call:
    return evalCall(N, E);
  case NodeKind::BlockPass:
    return eval(*N.Kids[0], E);
  case NodeKind::Assign: {
    RVal V = eval(*N.Kids[1], E);
    assign(*N.Kids[0], V, E);
    return V;
  }
  case NodeKind::OpAssign: {
    const Node &T = *N.Kids[0];
    RVal Cur;
    if (T.Kind == NodeKind::Lvar) {
      RVal *V = E.find(T.Name);
      Cur = V ? *V : RVal::nil();
    } else {
      Cur = eval(T, E);
    }
    RVal V;
    if (N.Name == "||") {
      if (Cur.truthy())
        return Cur;
      V = eval(*N.Kids[1], E);
    } else if (N.Name == "&&") {
      if (!Cur.truthy())
        return Cur;
      V = eval(*N.Kids[1], E);
    } else {
      V = callMethod(Cur, N.Name, {eval(*N.Kids[1], E)}, Blk(), nullptr);
    }
    assign(T, V, E);
    return V;
  }
  case NodeKind::MultiAssign: {
    RVal V = eval(*N.Kids.back(), E);
    std::vector<RVal> Vals = V.K == RVal::Arr ? *V.A : std::vector<RVal>{V};
    for (size_t I = 0; I + 1 < N.Kids.size(); ++I)
      assign(*N.Kids[I], I < Vals.size() ? Vals[I] : RVal::nil(), E);
    return V;
  }
  case NodeKind::And: {
    RVal L = eval(*N.Kids[0], E);
    return L.truthy() ? eval(*N.Kids[1], E) : L;
  }
  case NodeKind::Or: {
    RVal L = eval(*N.Kids[0], E);
    return L.truthy() ? L : eval(*N.Kids[1], E);
  }
  case NodeKind::Not:
    return RVal::boolean(!eval(*N.Kids[0], E).truthy());
  case NodeKind::Defined: {
    const Node &K = *N.Kids[0];
    if (K.Kind == NodeKind::Ivar) {
      // Puppet sets an instance variable for each variable in scope but
      // those that are undef (Scope#to_hash without undef values).
      if (Ivars.count(K.Name))
        return RVal::str("instance-variable");
      std::optional<Value> V = Ctx.variable(K.Name);
      return V && !V->isUndef() ? RVal::str("instance-variable") : RVal::nil();
    }
    if (K.Kind == NodeKind::Lvar)
      return E.find(K.Name) ? RVal::str("local-variable") : RVal::nil();
    if (K.Kind == NodeKind::Const)
      return RVal::str("expression");
    if (K.Kind == NodeKind::Call && !K.Kids[0])
      return K.Name == "scope" ? RVal::str("method") : RVal::nil();
    return RVal::str("expression");
  }
  case NodeKind::If: {
    if (eval(*N.Kids[0], E).truthy())
      return N.Kids[1] ? eval(*N.Kids[1], E) : RVal::nil();
    return N.Kids[2] ? eval(*N.Kids[2], E) : RVal::nil();
  }
  case NodeKind::While: {
    try {
      while (eval(*N.Kids[0], E).truthy() != N.Flag) {
        try {
          if (N.Kids[1])
            eval(*N.Kids[1], E);
        } catch (NextSignal &) {
        }
      }
    } catch (BreakSignal &B) {
      return B.V;
    }
    return RVal::nil();
  }
  case NodeKind::For: {
    RVal Iter = eval(*N.Kids[1], E);
    try {
      for (const RVal &X : enumItems(Iter)) {
        assign(*N.Kids[0], X, E);
        try {
          eval(*N.Kids[2], E);
        } catch (NextSignal &) {
        }
      }
    } catch (BreakSignal &B) {
      return B.V;
    }
    return Iter;
  }
  case NodeKind::Case: {
    std::optional<RVal> Subject;
    if (N.Kids[0])
      Subject = eval(*N.Kids[0], E);
    size_t End = N.Kids.size() - (N.Flag ? 1 : 0);
    for (size_t I = 1; I < End; ++I) {
      const Node &W = *N.Kids[I];
      for (size_t J = 0; J + 1 < W.Kids.size(); ++J) {
        std::vector<RVal> Cands;
        if (W.Kids[J]->Kind == NodeKind::Splat)
          Cands = toArray(eval(*W.Kids[J]->Kids[0], E));
        else
          Cands.push_back(eval(*W.Kids[J], E));
        for (const RVal &C : Cands) {
          bool Hit = Subject ? caseEq(C, *Subject) : C.truthy();
          if (Hit)
            return eval(*W.Kids.back(), E);
        }
      }
    }
    if (N.Flag)
      return eval(*N.Kids.back(), E);
    return RVal::nil();
  }
  case NodeKind::When:
    return RVal::nil();
  case NodeKind::Def:
    Methods[N.Name] = &N;
    return RVal::sym(N.Name);
  case NodeKind::Next:
    throw NextSignal{N.Kids.empty() ? RVal::nil() : eval(*N.Kids[0], E)};
  case NodeKind::Break:
    throw BreakSignal{N.Kids.empty() ? RVal::nil() : eval(*N.Kids[0], E)};
  case NodeKind::Return:
    throw ReturnSignal{N.Kids.empty() ? RVal::nil() : eval(*N.Kids[0], E)};
  case NodeKind::Begin: {
    size_t OutSize = Out.size();
    RVal Result;
    try {
      Result = eval(*N.Kids[0], E);
    } catch (RubyError &Err) {
      if (!N.Kids[1]) {
        if (N.Kids[2])
          eval(*N.Kids[2], E);
        throw;
      }
      Out.resize(std::max(OutSize, std::min(Out.size(), OutSize)));
      Result = eval(*N.Kids[1], E);
    }
    if (N.Kids[2])
      eval(*N.Kids[2], E);
    return Result;
  }
  }
  return RVal::nil();
}

bool Interp::caseEq(const RVal &Pattern, const RVal &V) {
  switch (Pattern.K) {
  case RVal::Const:
    return isA(V, Pattern.S);
  case RVal::Regexp: {
    if (V.K != RVal::Str && V.K != RVal::Sym)
      return false;
    return regexMatch(Pattern, V.S).K != RVal::Nil;
  }
  case RVal::Range:
    if (V.K == RVal::Int)
      return V.I >= Pattern.I &&
             (Pattern.Excl ? V.I < Pattern.Hi : V.I <= Pattern.Hi);
    if (V.K == RVal::Float)
      return V.D >= Pattern.I &&
             (Pattern.Excl ? V.D < Pattern.Hi : V.D <= Pattern.Hi);
    return false;
  default:
    return rubyEqual(Pattern, V);
  }
}

RVal Interp::regexMatch(const RVal &Re, const std::string &S, size_t Start) {
  std::optional<RegexMatch> M = Re.Re->search(S, Start);
  if (!M) {
    LastMatch = RVal::nil();
    return RVal::nil();
  }
  RVal R;
  R.K = RVal::Match;
  RArray Groups;
  for (const auto &G : M->Groups)
    Groups.push_back(G ? RVal::str(*G) : RVal::nil());
  R.A = std::make_shared<RArray>(std::move(Groups));
  R.I = static_cast<int64_t>(M->Begin);
  R.Hi = static_cast<int64_t>(M->End);
  R.S = S;
  R.Re = Re.Re;
  LastMatch = R;
  return R;
}

RVal Interp::evalCall(const Node &N, Env &E) {
  // Receiver.
  const Node *RecvNode = N.Kids[0].get();
  std::optional<RVal> Recv;
  if (RecvNode) {
    Recv = eval(*RecvNode, E);
    if (N.Flag && Recv->K == RVal::Nil) // &.
      return RVal::nil();
  }
  // Arguments.
  std::vector<RVal> Args;
  Blk B;
  for (size_t I = 1; I < N.Kids.size(); ++I) {
    const Node &A = *N.Kids[I];
    if (A.Kind == NodeKind::Splat) {
      for (RVal &X : toArray(eval(*A.Kids[0], E)))
        Args.push_back(X);
    } else if (A.Kind == NodeKind::BlockPass) {
      RVal P = eval(*A.Kids[0], E);
      if (P.K == RVal::Sym || P.K == RVal::Proc)
        B.SymName = P.S;
      else if (P.K != RVal::Nil)
        raise("wrong argument type " + rubyClassName(P) + " (expected Proc)");
    } else {
      Args.push_back(eval(A, E));
    }
  }
  if (N.Block) {
    B.Body = N.Block.get();
    B.Params = N.Params.get();
    B.Scope = &E;
  }
  unsigned Line = N.Line;
  try {
    RVal Result;
    if (!Recv)
      Result = callSelf(N.Name, std::move(Args), B, N);
    else if (N.Name.size() > 1 && N.Name.back() == '!' &&
             Recv->K == RVal::Str &&
             (RecvNode->Kind == NodeKind::Lvar ||
              RecvNode->Kind == NodeKind::Ivar)) {
      // Mutating string methods: apply and store back.
      RVal New = callMethod(*Recv, N.Name.substr(0, N.Name.size() - 1),
                            std::move(Args), B, nullptr);
      bool Changed = !rubyEqual(New, *Recv);
      assign(*RecvNode, New, E);
      Result = Changed ? New : RVal::nil();
    } else if ((N.Name == "<<" || N.Name == "concat") && Recv->K == RVal::Str &&
               (RecvNode->Kind == NodeKind::Lvar ||
                RecvNode->Kind == NodeKind::Ivar)) {
      Result = callMethod(*Recv, "+", std::move(Args), B, nullptr);
      assign(*RecvNode, Result, E);
    } else {
      Result = callMethod(*Recv, N.Name, std::move(Args), B, &N);
    }
    CurLine = Line;
    return Result;
  } catch (BreakSignal &Br) {
    if (!B.Body)
      throw;
    CurLine = Line;
    return Br.V;
  }
}

RVal Interp::callSelf(const std::string &Name, std::vector<RVal> Args,
                      const Blk &B, const Node &N) {
  auto Def = Methods.find(Name);
  if (Def != Methods.end()) {
    const Node &D = *Def->second;
    const auto &Params = D.Params->Params;
    size_t Required = 0;
    for (const auto &Pm : Params)
      Required += !Pm.Default && !Pm.Splat;
    if (Args.size() < Required || (Args.size() > Params.size() &&
                                   (Params.empty() || !Params.back().Splat)))
      raise("wrong number of arguments (given " + std::to_string(Args.size()) +
            ", expected " + std::to_string(Required) + ")");
    if (++Depth > MaxDepth) {
      --Depth;
      raise("stack level too deep");
    }
    struct Restore {
      unsigned &D;
      ~Restore() { --D; }
    } R{Depth};
    Env Local(nullptr);
    bindParams(Local, Params, Args);
    for (size_t I = Args.size(); I < Params.size(); ++I)
      if (Params[I].Default)
        Local.Vars[Params[I].Name] = eval(*Params[I].Default, Local);
    try {
      return eval(*D.Block, Local);
    } catch (ReturnSignal &Ret) {
      return Ret.V;
    }
  }
  if (Name == "scope") {
    RVal S;
    S.K = RVal::Scope;
    return S;
  }
  if (Name == "has_variable?") {
    if (Args.size() != 1)
      raise("wrong number of arguments (given " + std::to_string(Args.size()) +
            ", expected 1)");
    return RVal::boolean(Ctx.variable(rubyToS(Args[0])).has_value());
  }
  if (Name == "Array")
    return RVal::array(toArray(Args.empty() ? RVal::nil() : Args[0], true));
  if (Name == "String")
    return RVal::str(Args.empty() ? "" : rubyToS(Args[0]));
  if (Name == "Integer" || Name == "Float") {
    if (Args.empty())
      raise("wrong number of arguments (given 0, expected 1)");
    return convertNumber(Args[0], Name == "Float");
  }
  if (Name == "Hash") {
    if (Args.empty() || Args[0].K == RVal::Nil ||
        (Args[0].K == RVal::Arr && Args[0].A->empty()))
      return RVal::hash();
    if (Args[0].K == RVal::Hash)
      return Args[0];
    raise("can't convert " + rubyClassName(Args[0]) + " into Hash");
  }
  if (Name == "format" || Name == "sprintf") {
    if (Args.empty())
      raise("too few arguments");
    std::vector<Value> PArgs;
    for (size_t I = 1; I < Args.size(); ++I)
      PArgs.push_back(toPuppet(Args[I]));
    return RVal::str(formatSprintf(Ctx, rubyToS(Args[0]), PArgs));
  }
  if (Name == "raise" || Name == "fail") {
    std::string M = Args.empty() ? "unhandled exception"
                                 : rubyToS(Args.size() > 1 ? Args[1] : Args[0]);
    raise(M);
  }
  if (Name == "require" || Name == "puts" || Name == "print" || Name == "p" ||
      Name == "warn")
    return RVal::nil();
  if (Name == "lambda" || Name == "proc")
    raise("lambdas are not supported in templates");
  if (Name == "loop") {
    try {
      for (unsigned I = 0;; ++I)
        yield(B, {});
    } catch (BreakSignal &Br) {
      return Br.V;
    }
  }
  if (Name == "block_given?")
    return RVal::boolean(false);
  if (Name == "rand" || Name == "srand")
    raise("undefined method `" + Name + "' (not deterministic)");
  (void)N;
  if (Args.empty() && !N.HasParens)
    raise("undefined local variable or method `" + Name +
          "' for #<Puppet::Parser::TemplateWrapper>");
  raise("undefined method `" + Name +
        "' for #<Puppet::Parser::TemplateWrapper>");
}

RVal Interp::convertNumber(const RVal &V, bool ToFloat) {
  if (V.K == RVal::Int)
    return ToFloat ? RVal::flt(static_cast<double>(V.I)) : V;
  if (V.K == RVal::Float)
    return ToFloat ? V : RVal::integer(static_cast<int64_t>(V.D));
  if (V.K == RVal::Str) {
    std::string S = llvm::StringRef(V.S).trim().str();
    std::string Clean;
    for (char C : S)
      if (C != '_')
        Clean += C;
    char *End = nullptr;
    if (!Clean.empty()) {
      if (ToFloat) {
        double D = std::strtod(Clean.c_str(), &End);
        if (*End == '\0')
          return RVal::flt(D);
      } else {
        long long I = std::strtoll(Clean.c_str(), &End, 0);
        if (*End == '\0')
          return RVal::integer(I);
      }
    }
    raise(std::string("invalid value for ") + (ToFloat ? "Float" : "Integer") +
          "(): " + rubyStrInspect(V.S));
  }
  if (V.K == RVal::Nil)
    raise(std::string("can't convert nil into ") +
          (ToFloat ? "Float" : "Integer"));
  raise("can't convert " + rubyClassName(V) + " into " +
        (ToFloat ? "Float" : "Integer"));
}

std::vector<RVal> Interp::toArray(const RVal &V, bool Kernel) {
  switch (V.K) {
  case RVal::Nil:
    return Kernel ? std::vector<RVal>{} : std::vector<RVal>{V};
  case RVal::Arr:
    return *V.A;
  case RVal::Hash:
  case RVal::Range:
    return enumItems(V);
  default:
    return {V};
  }
}

std::vector<RVal> Interp::enumItems(const RVal &V) {
  switch (V.K) {
  case RVal::Arr:
    return *V.A;
  case RVal::Hash: {
    std::vector<RVal> Out;
    for (auto &[K, X] : V.H->E)
      Out.push_back(RVal::array({K, X}));
    return Out;
  }
  case RVal::Range: {
    std::vector<RVal> Out;
    int64_t Hi = V.Excl ? V.Hi - 1 : V.Hi;
    if (Hi - V.I > 10'000'000)
      raise("range too large");
    for (int64_t I = V.I; I <= Hi; ++I)
      Out.push_back(RVal::integer(I));
    return Out;
  }
  case RVal::Match:
    return *V.A;
  default:
    noMethod("each", V);
  }
}

bool Interp::isA(const RVal &V, const std::string &Class) {
  std::string C = Class;
  if (C.rfind("::", 0) == 0)
    C = C.substr(2);
  if (C == "Object" || C == "BasicObject" || C == "Kernel")
    return true;
  std::string Own = rubyClassName(V);
  if (C == Own)
    return true;
  if (C == "Fixnum" || C == "Bignum")
    return V.K == RVal::Int;
  if (C == "Numeric" || C == "Comparable")
    return V.K == RVal::Int || V.K == RVal::Float ||
           (C == "Comparable" && V.K == RVal::Str);
  if (C == "Enumerable")
    return V.K == RVal::Arr || V.K == RVal::Hash || V.K == RVal::Range;
  return false;
}

bool erb::renderTemplate(const Template &T, FunctionContext &Ctx,
                         llvm::StringRef File, std::string &Out,
                         ErbFailure &Failure) {
  (void)File;
  Interp I(Ctx, Out);
  Env Top(nullptr);
  try {
    I.eval(*T.Root, Top);
    I.writeBack();
    return true;
  } catch (RubyError &E) {
    Failure.Message = E.Message;
    Failure.Line = I.CurLine;
  } catch (ReturnSignal &) {
    return true;
  } catch (NextSignal &) {
    Failure.Message = "Can't escape from eval with next";
    Failure.Line = I.CurLine;
  } catch (BreakSignal &) {
    Failure.Message = "Can't escape from eval with break";
    Failure.Line = I.CurLine;
  }
  return false;
}
