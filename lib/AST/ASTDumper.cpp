//===- ASTDumper.cpp - A readable, stable dump of the AST -----------------===//
#include "cppet/AST/ASTDumper.h"

#include <cstdio>
#include <cstdlib>

using namespace cppet;
using namespace cppet::ast;

namespace {

const char *relationshipOpName(RelationshipOp Op) {
  switch (Op) {
  case RelationshipOp::Before:
    return "->";
  case RelationshipOp::Notify:
    return "~>";
  case RelationshipOp::Require:
    return "<-";
  case RelationshipOp::Subscribe:
    return "<~";
  }
  return "?";
}

const char *unaryOpName(UnaryOp Op) {
  switch (Op) {
  case UnaryOp::Not:
    return "!";
  case UnaryOp::Negate:
    return "-";
  case UnaryOp::Splat:
    return "*";
  }
  return "?";
}

const char *queryOpName(QueryKind K) {
  switch (K) {
  case QueryKind::Eq:
    return "==";
  case QueryKind::Ne:
    return "!=";
  case QueryKind::And:
    return "and";
  case QueryKind::Or:
    return "or";
  case QueryKind::Paren:
    return "()";
  }
  return "?";
}

std::string quote(llvm::StringRef S) {
  std::string Out = "\"";
  for (unsigned char C : S) {
    switch (C) {
    case '\n':
      Out += "\\n";
      break;
    case '\t':
      Out += "\\t";
      break;
    case '\r':
      Out += "\\r";
      break;
    case '"':
      Out += "\\\"";
      break;
    case '\\':
      Out += "\\\\";
      break;
    default:
      if (C < 0x20 || C == 0x7f) {
        char Buf[8];
        snprintf(Buf, sizeof(Buf), "\\x%02x", C);
        Out += Buf;
      } else {
        Out += static_cast<char>(C);
      }
    }
  }
  return Out + "\"";
}

/// The shortest decimal form that reads back as the same double.
std::string formatDouble(double D) {
  char Buf[32];
  if (D == static_cast<double>(static_cast<long long>(D)) && D < 1e15 &&
      D > -1e15) {
    snprintf(Buf, sizeof(Buf), "%.1f", D);
    return Buf;
  }
  for (int Precision = 1; Precision <= 17; ++Precision) {
    snprintf(Buf, sizeof(Buf), "%.*g", Precision, D);
    if (std::strtod(Buf, nullptr) == D)
      break;
  }
  return Buf;
}

class Dumper {
public:
  Dumper(llvm::raw_ostream &OS, const DumpOptions &Opts) : OS(OS), Opts(Opts) {}

  void print(const Expr *E, unsigned Indent);
  void printParams(const std::vector<Parameter> &Params, unsigned Indent);

private:
  llvm::raw_ostream &OS;
  const DumpOptions &Opts;

  void newline(unsigned Indent) {
    OS << '\n' << std::string(size_t{Indent} * 2, ' ');
  }
  void child(const Expr *E, unsigned Indent) {
    newline(Indent);
    print(E, Indent);
  }
  void range(SourceRange R) {
    if (!Opts.Ranges || !R.isValid())
      return;
    LineColumn B = Opts.Ranges->getLineColumn(R.begin());
    LineColumn E = Opts.Ranges->getLineColumn(R.end());
    OS << " <" << B.Line << ':' << B.Column << '-' << E.Line << ':' << E.Column
       << '>';
  }
  void attributes(const std::vector<AttributeOp> &Ops, unsigned Indent);
  void printNode(const Expr *E, unsigned Indent);
};

void Dumper::attributes(const std::vector<AttributeOp> &Ops, unsigned Indent) {
  for (const AttributeOp &Op : Ops) {
    newline(Indent);
    OS << "(Attribute " << Op.Name << (Op.Append ? " +>" : " =>");
    range(Op.Range);
    child(Op.Value.get(), Indent + 1);
    OS << ')';
  }
}

void Dumper::printParams(const std::vector<Parameter> &Params,
                         unsigned Indent) {
  for (const Parameter &P : Params) {
    newline(Indent);
    OS << "(Parameter " << (P.CapturesRest ? "*$" : "$") << P.Name;
    range(P.Range);
    if (P.Type) {
      newline(Indent + 1);
      OS << "(Type";
      child(P.Type.get(), Indent + 2);
      OS << ')';
    }
    if (P.Default) {
      newline(Indent + 1);
      OS << "(Default";
      child(P.Default.get(), Indent + 2);
      OS << ')';
    }
    OS << ')';
  }
}

void Dumper::print(const Expr *E, unsigned Indent) {
  if (!E) {
    OS << "(null)";
    return;
  }
  OS << '(' << getKindName(E->getKind());
  printNode(E, Indent);
  OS << ')';
}

void Dumper::printNode(const Expr *E, unsigned Indent) {
  unsigned In = Indent + 1;
  switch (E->getKind()) {
  case Kind::LiteralString:
    OS << ' ' << quote(llvm::cast<LiteralString>(E)->Value);
    range(E->Range);
    return;
  case Kind::ConcatString:
    range(E->Range);
    for (const ExprPtr &P : llvm::cast<ConcatString>(E)->Parts)
      child(P.get(), In);
    return;
  case Kind::LiteralInteger: {
    auto *I = llvm::cast<LiteralInteger>(E);
    OS << ' ' << I->Value;
    if (I->Radix != 10)
      OS << " radix=" << I->Radix;
    range(E->Range);
    return;
  }
  case Kind::LiteralFloat:
    OS << ' ' << formatDouble(llvm::cast<LiteralFloat>(E)->Value);
    range(E->Range);
    return;
  case Kind::LiteralBoolean:
    OS << (llvm::cast<LiteralBoolean>(E)->Value ? " true" : " false");
    range(E->Range);
    return;
  case Kind::LiteralUndef:
  case Kind::LiteralDefault:
    range(E->Range);
    return;
  case Kind::LiteralRegex:
    OS << " /" << llvm::cast<LiteralRegex>(E)->Pattern << '/';
    range(E->Range);
    return;
  case Kind::LiteralArray:
    range(E->Range);
    for (const ExprPtr &P : llvm::cast<LiteralArray>(E)->Elements)
      child(P.get(), In);
    return;
  case Kind::LiteralHash:
    range(E->Range);
    for (const HashEntry &H : llvm::cast<LiteralHash>(E)->Entries) {
      newline(In);
      OS << "(Entry";
      child(H.Key.get(), In + 1);
      child(H.Value.get(), In + 1);
      OS << ')';
    }
    return;
  case Kind::QualifiedName:
    OS << ' ' << llvm::cast<QualifiedName>(E)->Name;
    range(E->Range);
    return;
  case Kind::QualifiedReference:
    OS << ' ' << llvm::cast<QualifiedReference>(E)->Name;
    range(E->Range);
    return;
  case Kind::Variable:
    OS << " $" << llvm::cast<Variable>(E)->Name;
    range(E->Range);
    return;
  case Kind::Unary: {
    auto *U = llvm::cast<Unary>(E);
    OS << ' ' << unaryOpName(U->Op);
    range(E->Range);
    child(U->Operand.get(), In);
    return;
  }
  case Kind::Binary: {
    auto *B = llvm::cast<Binary>(E);
    OS << ' ' << getBinaryOpSpelling(B->Op);
    range(E->Range);
    child(B->LHS.get(), In);
    child(B->RHS.get(), In);
    return;
  }
  case Kind::Assignment: {
    auto *A = llvm::cast<Assignment>(E);
    range(E->Range);
    child(A->LHS.get(), In);
    child(A->RHS.get(), In);
    return;
  }
  case Kind::Relationship: {
    auto *R = llvm::cast<Relationship>(E);
    OS << ' ' << relationshipOpName(R->Op);
    range(E->Range);
    child(R->LHS.get(), In);
    child(R->RHS.get(), In);
    return;
  }
  case Kind::Access: {
    auto *A = llvm::cast<Access>(E);
    range(E->Range);
    child(A->Target.get(), In);
    for (const ExprPtr &K : A->Keys)
      child(K.get(), In);
    return;
  }
  case Kind::Selector: {
    auto *S = llvm::cast<Selector>(E);
    range(E->Range);
    child(S->Control.get(), In);
    for (const SelectorEntry &Entry : S->Entries) {
      newline(In);
      OS << "(Entry";
      child(Entry.Match.get(), In + 1);
      child(Entry.Value.get(), In + 1);
      OS << ')';
    }
    return;
  }
  case Kind::Call: {
    auto *C = llvm::cast<Call>(E);
    OS << ' ' << C->Name;
    if (!C->Parenthesized)
      OS << " noparens";
    range(E->Range);
    for (const ExprPtr &A : C->Args)
      child(A.get(), In);
    if (C->Block)
      child(C->Block.get(), In);
    return;
  }
  case Kind::MethodCall: {
    auto *M = llvm::cast<MethodCall>(E);
    OS << ' ' << M->Name;
    range(E->Range);
    child(M->Receiver.get(), In);
    for (const ExprPtr &A : M->Args)
      child(A.get(), In);
    if (M->Block)
      child(M->Block.get(), In);
    return;
  }
  case Kind::Lambda: {
    auto *L = llvm::cast<Lambda>(E);
    range(E->Range);
    printParams(L->Params, In);
    child(L->Body.get(), In);
    return;
  }
  case Kind::Block:
    range(E->Range);
    for (const ExprPtr &S : llvm::cast<Block>(E)->Statements)
      child(S.get(), In);
    return;
  case Kind::If: {
    auto *I = llvm::cast<If>(E);
    if (I->Negated)
      OS << " unless";
    range(E->Range);
    child(I->Condition.get(), In);
    child(I->Then.get(), In);
    if (I->Else) {
      newline(In);
      OS << "(Else";
      child(I->Else.get(), In + 1);
      OS << ')';
    }
    return;
  }
  case Kind::Case: {
    auto *C = llvm::cast<Case>(E);
    range(E->Range);
    child(C->Control.get(), In);
    for (const CaseOption &O : C->Options) {
      newline(In);
      OS << "(Option";
      range(O.Range);
      for (const ExprPtr &V : O.Values)
        child(V.get(), In + 1);
      child(O.Body.get(), In + 1);
      OS << ')';
    }
    return;
  }
  case Kind::Resource: {
    auto *R = llvm::cast<Resource>(E);
    if (R->Form == ResourceForm::Virtual)
      OS << " virtual";
    else if (R->Form == ResourceForm::Exported)
      OS << " exported";
    range(E->Range);
    child(R->Type.get(), In);
    for (const ResourceBody &B : R->Bodies) {
      newline(In);
      OS << "(Body";
      range(B.Range);
      child(B.Title.get(), In + 1);
      attributes(B.Attributes, In + 1);
      OS << ')';
    }
    return;
  }
  case Kind::ResourceDefaults: {
    auto *D = llvm::cast<ResourceDefaults>(E);
    range(E->Range);
    child(D->Type.get(), In);
    attributes(D->Attributes, In);
    return;
  }
  case Kind::ResourceOverride: {
    auto *O = llvm::cast<ResourceOverride>(E);
    range(E->Range);
    child(O->Target.get(), In);
    attributes(O->Attributes, In);
    return;
  }
  case Kind::Collector: {
    auto *C = llvm::cast<Collector>(E);
    if (C->Exported)
      OS << " exported";
    range(E->Range);
    child(C->Type.get(), In);
    if (C->Query)
      child(C->Query.get(), In);
    if (C->HasOverrideBlock) {
      newline(In);
      OS << "(Overrides";
      attributes(C->Overrides, In + 1);
      OS << ')';
    }
    return;
  }
  case Kind::QueryOp: {
    auto *Q = llvm::cast<QueryOp>(E);
    OS << ' ' << queryOpName(Q->Op);
    if (Q->Op == QueryKind::Eq || Q->Op == QueryKind::Ne) {
      OS << ' ' << Q->Attribute;
      range(E->Range);
      child(Q->Value.get(), In);
      return;
    }
    range(E->Range);
    child(Q->LHS.get(), In);
    if (Q->RHS)
      child(Q->RHS.get(), In);
    return;
  }
  case Kind::Import:
    for (const std::string &Pat : llvm::cast<Import>(E)->Patterns)
      OS << ' ' << quote(Pat);
    range(E->Range);
    return;
  case Kind::EppRender:
    range(E->Range);
    child(llvm::cast<EppRender>(E)->Body.get(), In);
    return;
  case Kind::EppText:
    OS << ' ' << quote(llvm::cast<EppText>(E)->Text);
    range(E->Range);
    return;
  case Kind::ClassDef: {
    auto *C = llvm::cast<ClassDef>(E);
    OS << ' ' << C->Name;
    if (!C->Parent.empty())
      OS << " inherits " << C->Parent;
    range(E->Range);
    printParams(C->Params, In);
    child(C->Body.get(), In);
    return;
  }
  case Kind::DefineDef: {
    auto *D = llvm::cast<DefineDef>(E);
    OS << ' ' << D->Name;
    range(E->Range);
    printParams(D->Params, In);
    child(D->Body.get(), In);
    return;
  }
  case Kind::NodeDef: {
    auto *N = llvm::cast<NodeDef>(E);
    for (const NodeMatcher &M : N->Matchers) {
      if (M.Kind == NodeMatcher::Regex)
        OS << " /" << M.Value << '/';
      else if (M.Kind == NodeMatcher::Default)
        OS << " default";
      else
        OS << ' ' << quote(M.Value);
    }
    if (!N->Parent.empty())
      OS << " inherits " << quote(N->Parent);
    range(E->Range);
    child(N->Body.get(), In);
    return;
  }
  case Kind::FunctionDef: {
    auto *F = llvm::cast<FunctionDef>(E);
    OS << ' ' << F->Name;
    range(E->Range);
    printParams(F->Params, In);
    if (F->ReturnType) {
      newline(In);
      OS << "(Returns";
      child(F->ReturnType.get(), In + 1);
      OS << ')';
    }
    child(F->Body.get(), In);
    return;
  }
  case Kind::TypeAlias: {
    auto *T = llvm::cast<TypeAlias>(E);
    OS << ' ' << T->Name;
    range(E->Range);
    child(T->Type.get(), In);
    return;
  }
  }
}

} // namespace

void cppet::ast::dumpExpr(llvm::raw_ostream &OS, const Expr *E, unsigned Indent,
                          const DumpOptions &Opts) {
  Dumper D(OS, Opts);
  OS << std::string(size_t{Indent} * 2, ' ');
  D.print(E, Indent);
  OS << '\n';
}

void cppet::ast::dumpProgram(llvm::raw_ostream &OS, const Program &P,
                             const DumpOptions &Opts) {
  Dumper D(OS, Opts);
  if (P.HasEppParams) {
    OS << "(EppParameters";
    D.printParams(P.EppParams, 1);
    OS << ")\n";
  }
  D.print(P.Body.get(), 0);
  OS << '\n';
}
