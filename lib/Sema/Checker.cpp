//===- Checker.cpp - Static checks ----------------------------------------===//
#include "cppet/Sema/Checker.h"
#include "cppet/Sema/Environment.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

using namespace cppet;
using namespace cppet::ast;

namespace {

bool isCoreType(llvm::StringRef N) {
  return N == "class" || isCoreResourceType(N);
}

/// Variables Puppet always provides, whatever the facts.
bool isBuiltinVariable(llvm::StringRef N) {
  static const char *const Vars[] = {
      "facts",      "trusted",      "server_facts",       "name",
      "title",      "module_name",  "caller_module_name", "environment",
      "clientcert", "certname",     "settings",           "servername",
      "serverip",   "serverversion"};
  for (const char *V : Vars)
    if (N == V)
      return true;
  return !N.empty() && llvm::isDigit(N[0]);
}

class Checker {
public:
  Checker(const CheckOptions &Opts, DiagnosticEngine &Diags)
      : Opts(Opts), Diags(Diags) {}

  void index(const Block &B, llvm::StringRef Namespace) {
    for (const ExprPtr &S : B.Statements) {
      if (auto *C = llvm::dyn_cast_or_null<ClassDef>(S.get())) {
        std::string N = qualify(Namespace, C->Name);
        if (auto *Body = llvm::dyn_cast_or_null<Block>(C->Body.get()))
          index(*Body, N);
      } else if (auto *D = llvm::dyn_cast_or_null<DefineDef>(S.get())) {
        Defines.insert(qualify(Namespace, D->Name));
      }
    }
  }

  void collectTopVariables(const Block &B) {
    for (const ExprPtr &S : B.Statements)
      collectAssigned(S.get(), TopVars);
  }

  void check(const Expr *E, std::vector<const llvm::StringSet<> *> &Scopes) {
    if (!E)
      return;
    switch (E->getKind()) {
    case Kind::Resource: {
      const auto *R = llvm::cast<Resource>(E);
      if (auto *QN = llvm::dyn_cast<QualifiedName>(R->Type.get()))
        checkType(QN->Name, QN->Range);
      for (const ResourceBody &Body : R->Bodies) {
        check(Body.Title.get(), Scopes);
        checkAttributes(Body.Attributes, Scopes);
      }
      check(R->Type.get(), Scopes);
      return;
    }
    case Kind::ResourceDefaults:
      checkAttributes(llvm::cast<ResourceDefaults>(E)->Attributes, Scopes);
      return;
    case Kind::ResourceOverride: {
      const auto *O = llvm::cast<ResourceOverride>(E);
      check(O->Target.get(), Scopes);
      checkAttributes(O->Attributes, Scopes);
      return;
    }
    case Kind::ClassDef: {
      const auto *C = llvm::cast<ClassDef>(E);
      checkBody(C->Params, C->Body.get(), Scopes);
      return;
    }
    case Kind::DefineDef: {
      const auto *D = llvm::cast<DefineDef>(E);
      checkBody(D->Params, D->Body.get(), Scopes);
      return;
    }
    case Kind::FunctionDef: {
      const auto *F = llvm::cast<FunctionDef>(E);
      std::vector<const llvm::StringSet<> *> Own; // functions see only params
      checkBody(F->Params, F->Body.get(), Own);
      return;
    }
    case Kind::NodeDef: {
      const auto *N = llvm::cast<NodeDef>(E);
      if (!N->Parent.empty())
        report(N->ParentRange.isValid() ? N->ParentRange : N->Range,
               "deprecated",
               "Node inheritance is not supported in Puppet >= 4.0.0");
      llvm::StringSet<> Vars;
      collectAssigned(N->Body.get(), Vars);
      Scopes.push_back(&Vars);
      check(N->Body.get(), Scopes);
      Scopes.pop_back();
      return;
    }
    case Kind::Import:
      report(E->Range, "deprecated",
             "'import' has been discontinued in favor of a manifest "
             "directory");
      return;
    case Kind::Lambda: {
      const auto *L = llvm::cast<Lambda>(E);
      llvm::StringSet<> Vars;
      for (const Parameter &P : L->Params) {
        Vars.insert(P.Name);
        check(P.Default.get(), Scopes);
        check(P.Type.get(), Scopes);
      }
      collectAssigned(L->Body.get(), Vars);
      Scopes.push_back(&Vars);
      check(L->Body.get(), Scopes);
      Scopes.pop_back();
      return;
    }
    case Kind::Variable:
      checkVariable(*llvm::cast<Variable>(E), Scopes);
      return;
    case Kind::Assignment: {
      const auto *A = llvm::cast<Assignment>(E);
      if (auto *V = llvm::dyn_cast<Variable>(A->LHS.get())) {
        llvm::StringRef N(V->Name);
        if (N == "facts" || N == "trusted" || N == "server_facts")
          Diags.error(V->Range, "reserved-variable",
                      "Attempt to assign to a reserved variable name: '$" +
                          V->Name + "'");
        else if (!N.empty() && llvm::isDigit(N[0]))
          Diags.error(V->Range, "match-variable",
                      "Illegal attempt to assign to 'a Match Variable'");
        else if (N.contains("::"))
          Diags.error(V->Range, "qualified-assignment",
                      "Cannot assign to a fully qualified variable: '$" +
                          V->Name + "'");
      } else {
        check(A->LHS.get(), Scopes);
      }
      check(A->RHS.get(), Scopes);
      return;
    }
    default:
      break;
    }
    forEachChild(E, [&](const Expr *C) { check(C, Scopes); });
  }

private:
  const CheckOptions &Opts;
  DiagnosticEngine &Diags;
  llvm::StringSet<> Defines;
  llvm::StringSet<> TopVars;

  static std::string qualify(llvm::StringRef Namespace, llvm::StringRef N) {
    std::string Name = N.startswith("::") ? N.drop_front(2).lower() : N.lower();
    if (Namespace.empty() || N.startswith("::"))
      return Name;
    return (Namespace + "::" + Name).str();
  }

  void report(SourceRange R, const char *Id, const std::string &Msg) {
    if (Opts.Strict)
      Diags.error(R, Id, Msg);
    else
      Diags.warning(R, Id, Msg);
  }

  void checkType(llvm::StringRef Name, SourceRange R) {
    std::string N =
        Name.startswith("::") ? Name.drop_front(2).lower() : Name.lower();
    if (isCoreType(N) || Defines.count(N))
      return;
    if (Opts.TypeExists && Opts.TypeExists(N))
      return;
    Diags.error(R, "unknown-type",
                "Resource type not found: " + Name.str() +
                    " (not a core type, and not defined in the checked files "
                    "or on the modulepath)");
  }

  void checkAttributes(const std::vector<AttributeOp> &Attrs,
                       std::vector<const llvm::StringSet<> *> &Scopes) {
    llvm::StringSet<> Seen;
    for (const AttributeOp &A : Attrs) {
      if (A.Name != "*" && !Seen.insert(A.Name).second)
        Diags.error(A.Range, "duplicate-attribute",
                    "The attribute '" + A.Name + "' has already been set");
      check(A.Value.get(), Scopes);
    }
  }

  void checkBody(const std::vector<Parameter> &Params, const Expr *Body,
                 std::vector<const llvm::StringSet<> *> &Scopes) {
    llvm::StringSet<> Vars;
    for (const Parameter &P : Params) {
      if (!Vars.insert(P.Name).second)
        Diags.error(P.Range, "duplicate-parameter",
                    "The parameter '" + P.Name +
                        "' is declared more than once");
      check(P.Type.get(), Scopes);
    }
    // Defaults may refer to earlier parameters.
    std::vector<const llvm::StringSet<> *> Inner = Scopes;
    Inner.push_back(&Vars);
    for (const Parameter &P : Params)
      check(P.Default.get(), Inner);
    collectAssigned(Body, Vars);
    check(Body, Inner);
  }

  void checkVariable(const Variable &V,
                     const std::vector<const llvm::StringSet<> *> &Scopes) {
    if (!Opts.Strict)
      return;
    llvm::StringRef N(V.Name);
    if (N.contains("::") || isBuiltinVariable(N))
      return; // qualified names and facts resolve at compile time
    if (TopVars.count(N))
      return;
    for (const llvm::StringSet<> *S : Scopes)
      if (S->count(N))
        return;
    Diags.warning(V.Range, "unknown-variable",
                  "Unknown variable: '$" + V.Name +
                      "' (unless it is a fact, it is undef here)");
  }

  static void collectAssigned(const Expr *E, llvm::StringSet<> &Out) {
    if (!E)
      return;
    if (auto *A = llvm::dyn_cast<Assignment>(E)) {
      if (auto *V = llvm::dyn_cast<Variable>(A->LHS.get()))
        Out.insert(V->Name);
      if (auto *Arr = llvm::dyn_cast<LiteralArray>(A->LHS.get()))
        for (const ExprPtr &El : Arr->Elements)
          if (auto *V = llvm::dyn_cast<Variable>(El.get()))
            Out.insert(V->Name);
      collectAssigned(A->RHS.get(), Out);
      return;
    }
    // Definitions and lambdas have their own scopes.
    if (isDefinition(E) || llvm::isa<Lambda>(E))
      return;
    forEachChild(E, [&](const Expr *C) { collectAssigned(C, Out); });
  }

  template <typename Fn> static void forEachChild(const Expr *E, Fn F) {
    auto Each = [&](const ExprList &L) {
      for (const ExprPtr &X : L)
        F(X.get());
    };
    switch (E->getKind()) {
    case Kind::ConcatString:
      Each(llvm::cast<ConcatString>(E)->Parts);
      break;
    case Kind::LiteralArray:
      Each(llvm::cast<LiteralArray>(E)->Elements);
      break;
    case Kind::LiteralHash:
      for (const HashEntry &H : llvm::cast<LiteralHash>(E)->Entries) {
        F(H.Key.get());
        F(H.Value.get());
      }
      break;
    case Kind::Unary:
      F(llvm::cast<Unary>(E)->Operand.get());
      break;
    case Kind::Binary:
      F(llvm::cast<Binary>(E)->LHS.get());
      F(llvm::cast<Binary>(E)->RHS.get());
      break;
    case Kind::Assignment:
      F(llvm::cast<Assignment>(E)->LHS.get());
      F(llvm::cast<Assignment>(E)->RHS.get());
      break;
    case Kind::Relationship:
      F(llvm::cast<Relationship>(E)->LHS.get());
      F(llvm::cast<Relationship>(E)->RHS.get());
      break;
    case Kind::Access:
      F(llvm::cast<Access>(E)->Target.get());
      Each(llvm::cast<Access>(E)->Keys);
      break;
    case Kind::Selector:
      F(llvm::cast<Selector>(E)->Control.get());
      for (const SelectorEntry &S : llvm::cast<Selector>(E)->Entries) {
        F(S.Match.get());
        F(S.Value.get());
      }
      break;
    case Kind::Call:
      Each(llvm::cast<Call>(E)->Args);
      F(llvm::cast<Call>(E)->Block.get());
      break;
    case Kind::MethodCall:
      F(llvm::cast<MethodCall>(E)->Receiver.get());
      Each(llvm::cast<MethodCall>(E)->Args);
      F(llvm::cast<MethodCall>(E)->Block.get());
      break;
    case Kind::Lambda:
      F(llvm::cast<Lambda>(E)->Body.get());
      break;
    case Kind::Block:
      Each(llvm::cast<Block>(E)->Statements);
      break;
    case Kind::If:
      F(llvm::cast<If>(E)->Condition.get());
      F(llvm::cast<If>(E)->Then.get());
      F(llvm::cast<If>(E)->Else.get());
      break;
    case Kind::Case:
      F(llvm::cast<Case>(E)->Control.get());
      for (const CaseOption &O : llvm::cast<Case>(E)->Options) {
        Each(O.Values);
        F(O.Body.get());
      }
      break;
    case Kind::Resource:
      F(llvm::cast<Resource>(E)->Type.get());
      for (const ResourceBody &B : llvm::cast<Resource>(E)->Bodies) {
        F(B.Title.get());
        for (const AttributeOp &A : B.Attributes)
          F(A.Value.get());
      }
      break;
    case Kind::ResourceDefaults:
      for (const AttributeOp &A : llvm::cast<ResourceDefaults>(E)->Attributes)
        F(A.Value.get());
      break;
    case Kind::ResourceOverride:
      F(llvm::cast<ResourceOverride>(E)->Target.get());
      for (const AttributeOp &A : llvm::cast<ResourceOverride>(E)->Attributes)
        F(A.Value.get());
      break;
    case Kind::Collector:
      F(llvm::cast<Collector>(E)->Query.get());
      for (const AttributeOp &A : llvm::cast<Collector>(E)->Overrides)
        F(A.Value.get());
      break;
    case Kind::QueryOp:
      F(llvm::cast<QueryOp>(E)->Value.get());
      F(llvm::cast<QueryOp>(E)->LHS.get());
      F(llvm::cast<QueryOp>(E)->RHS.get());
      break;
    case Kind::EppRender:
      F(llvm::cast<EppRender>(E)->Body.get());
      break;
    case Kind::ClassDef:
      F(llvm::cast<ClassDef>(E)->Body.get());
      break;
    case Kind::DefineDef:
      F(llvm::cast<DefineDef>(E)->Body.get());
      break;
    case Kind::NodeDef:
      F(llvm::cast<NodeDef>(E)->Body.get());
      break;
    case Kind::FunctionDef:
      F(llvm::cast<FunctionDef>(E)->Body.get());
      break;
    case Kind::TypeAlias:
      F(llvm::cast<TypeAlias>(E)->Type.get());
      break;
    default:
      break;
    }
  }
};

} // namespace

unsigned cppet::checkPrograms(llvm::ArrayRef<const Program *> Programs,
                              const CheckOptions &Opts,
                              DiagnosticEngine &Diags) {
  unsigned Before = Diags.getNumErrors();
  Checker C(Opts, Diags);
  for (const Program *P : Programs)
    if (P && P->Body) {
      C.index(*P->Body, "");
      C.collectTopVariables(*P->Body);
    }
  for (const Program *P : Programs) {
    if (!P || !P->Body)
      continue;
    std::vector<const llvm::StringSet<> *> Scopes;
    C.check(P->Body.get(), Scopes);
  }
  return Diags.getNumErrors() - Before;
}
