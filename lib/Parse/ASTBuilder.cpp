//===- ASTBuilder.cpp - Parse tree to AST ---------------------------------===//
#include "ASTBuilder.h"

#include "llvm/Support/ConvertUTF.h"

#include <cerrno>
#include <cstdlib>

using namespace cppet;
using namespace cppet::parse;
using namespace cppet::ast;
using P = cppet::grammar::PuppetParser;

namespace {

std::string lowercase(llvm::StringRef S) { return S.lower(); }

std::string stripRoot(llvm::StringRef S) {
  S.consume_front("::");
  return S.str();
}

/// The text of a rule that matches one token (a name, a keyword, a
/// reference): its token's, without RuleContext::getText's string stream.
std::string wordText(antlr4::ParserRuleContext *C) {
  return C->getStart()->getText();
}

/// Whether a node of the tree is a token (else it is a rule context). A
/// type_info comparison, not a dynamic_cast, which walks the class
/// hierarchy comparing type names (a good part of building the AST). Trees
/// with error nodes (ErrorNodeImpl) are never built into an AST.
bool isToken(antlr4::tree::ParseTree *T) {
  return typeid(*T) == typeid(antlr4::tree::TerminalNodeImpl);
}

size_t tokenType(antlr4::tree::ParseTree *T) {
  if (isToken(T))
    return static_cast<antlr4::tree::TerminalNode *>(T)->getSymbol()->getType();
  return 0;
}

/// The rule index of a rule context, or SIZE_MAX for a token.
size_t ruleOf(antlr4::tree::ParseTree *T) {
  if (isToken(T))
    return SIZE_MAX;
  return static_cast<antlr4::ParserRuleContext *>(T)->getRuleIndex();
}

template <typename T, typename... Args>
std::unique_ptr<T> make(SourceRange R, Args &&...As) {
  auto N = std::make_unique<T>(std::forward<Args>(As)...);
  N->Range = R;
  return N;
}

void appendUTF8(std::string &Out, uint32_t CodePoint) {
  char Buf[8];
  char *Ptr = Buf;
  if (llvm::ConvertCodePointToUTF8(CodePoint, Ptr))
    Out.append(Buf, Ptr);
}

/// Puppet resolves a leading bare word in `${...}` as a variable:
/// `${x}`, `${x[0]}`, `${x.upcase}`, `${0}`.
ExprPtr resolveInterpolatedName(ExprPtr E) {
  if (!E)
    return E;
  if (auto *Name = llvm::dyn_cast<QualifiedName>(E.get()))
    return std::make_unique<Variable>(Name->Name, Name->Range);
  if (auto *Int = llvm::dyn_cast<LiteralInteger>(E.get()))
    if (Int->Radix == 10 && Int->Value >= 0)
      return std::make_unique<Variable>(std::to_string(Int->Value), Int->Range);
  if (auto *A = llvm::dyn_cast<Access>(E.get()))
    A->Target = resolveInterpolatedName(std::move(A->Target));
  else if (auto *M = llvm::dyn_cast<MethodCall>(E.get()))
    M->Receiver = resolveInterpolatedName(std::move(M->Receiver));
  return E;
}

} // namespace

SourceRange ASTBuilder::rangeOf(antlr4::ParserRuleContext *C) const {
  if (!C || !C->getStart())
    return {Run.FileId, Run.Begin, Run.Begin};
  uint32_t B = C->getStart()->getStartIndex();
  uint32_t E = B;
  if (C->getStop() && C->getStop()->getType() != antlr4::Token::EOF &&
      C->getStop()->getStopIndex() + 1 > B)
    E = C->getStop()->getStopIndex() + 1;
  return {Run.FileId, B, E};
}

SourceRange ASTBuilder::rangeOf(antlr4::Token *T) const {
  uint32_t B = T->getStartIndex();
  uint32_t E = T->getType() == antlr4::Token::EOF ? B : T->getStopIndex() + 1;
  return {Run.FileId, B, std::max(B, E)};
}

/// Puppet's rule for variable names: lowercase-led segments joined by `::`
/// (the last may start with `_`), or a decimal match-group number.
static bool isValidVariableName(llvm::StringRef Name) {
  if (!Name.empty() &&
      Name.find_first_not_of("0123456789") == llvm::StringRef::npos)
    return Name == "0" || Name[0] != '0';
  Name.consume_front("::");
  llvm::SmallVector<llvm::StringRef, 4> Segments;
  Name.split(Segments, "::");
  for (size_t I = 0; I < Segments.size(); ++I) {
    llvm::StringRef Seg = Segments[I];
    bool Last = I + 1 == Segments.size();
    if (Seg.empty() || !(std::islower(static_cast<unsigned char>(Seg[0])) ||
                         (Last && Seg[0] == '_')))
      return false;
  }
  return true;
}

void ASTBuilder::checkVariableName(llvm::StringRef Name, SourceRange R) {
  if (!isValidVariableName(Name))
    error(R, "Illegal variable name, The given name '" + Name.str() +
                 "' does not conform to the naming rule "
                 "/^((::)?[a-z]\\w*)*((::)?[a-z_]\\w*)$/");
}

void ASTBuilder::error(SourceRange R, std::string Message) {
  ++Run.NumErrors;
  Run.Diags.error(R, "syntax", std::move(Message));
}

std::unique_ptr<Program>
ASTBuilder::buildProgram(antlr4::ParserRuleContext *Tree, EntryRule Rule) {
  auto Prog = std::make_unique<Program>();
  Prog->FileId = Run.FileId;
  SourceRange Whole{Run.FileId, Run.Begin, Run.End};
  P::StatementsContext *Stmts = nullptr;
  if (auto *C = dynamic_cast<P::ProgramContext *>(Tree)) {
    Stmts = C->statements();
  } else if (auto *C = dynamic_cast<P::EppProgramContext *>(Tree)) {
    Stmts = C->statements();
    if (auto *Params = C->eppParameters()) {
      Prog->HasEppParams = true;
      Prog->EppParams = buildParameters(Params->parameterList());
    }
  } else if (auto *C = dynamic_cast<P::InterpolationContext *>(Tree)) {
    Stmts = C->statements();
  }
  Prog->Body = buildStatements(Stmts, Whole);
  if (Run.NumErrors)
    return nullptr;
  return Prog;
}

std::unique_ptr<Block> ASTBuilder::buildStatements(P::StatementsContext *C,
                                                   SourceRange R) {
  auto B = std::make_unique<Block>(R);
  if (!C)
    return B;
  for (antlr4::tree::ParseTree *Kid : C->children) {
    if (isToken(Kid))
      continue; // `;`
    ExprPtr E = buildStatement(static_cast<P::StatementContext *>(Kid));
    if (!E)
      continue;
    // Template text split by a comment is one text.
    auto *Text = llvm::dyn_cast<EppText>(E.get());
    auto *Prev = B->Statements.empty()
                     ? nullptr
                     : llvm::dyn_cast<EppText>(B->Statements.back().get());
    if (Text && Prev) {
      Prev->Text += Text->Text;
      Prev->Range.End = Text->Range.End;
      continue;
    }
    B->Statements.push_back(std::move(E));
  }
  return B;
}

ExprPtr ASTBuilder::buildStatement(P::StatementContext *C) {
  antlr4::tree::ParseTree *First = C->children[0];
  switch (ruleOf(First)) {
  case P::RuleDefinition:
    return buildDefinition(static_cast<P::DefinitionContext *>(First));
  case P::RuleStatementCall:
    return buildStatementCall(static_cast<P::StatementCallContext *>(First));
  case P::RuleStatementExpr:
    return buildStatementExpr(static_cast<P::StatementExprContext *>(First));
  default:
    break;
  }
  if (C->EPP_TEXT())
    return make<EppText>(rangeOf(C), C->EPP_TEXT()->getText());
  if (C->EPP_RENDER_START()) {
    auto R = make<EppRender>(rangeOf(C));
    if (auto *E = C->statementExpr())
      R->Body = buildStatementExpr(E);
    return R;
  }
  if (auto *E = C->statementExpr())
    return buildStatementExpr(E);
  return nullptr; // `;`
}

ExprPtr ASTBuilder::buildDefinition(P::DefinitionContext *C) {
  if (auto *D = C->classDef())
    return buildClass(D);
  if (auto *D = C->defineDef())
    return buildDefine(D);
  if (auto *D = C->nodeDef())
    return buildNode(D);
  if (auto *D = C->functionDef())
    return buildFunction(D);
  if (auto *D = C->typeAlias())
    return buildTypeAlias(D);
  if (auto *D = C->importStmt())
    return buildImport(D);
  return nullptr;
}

ExprPtr ASTBuilder::buildStatementCall(P::StatementCallContext *C) {
  auto Call = make<ast::Call>(rangeOf(C));
  Call->Name = C->STMT_NAME()->getText();
  Call->Parenthesized = false;
  Call->Args = buildExprs(C->expr());
  return Call;
}

static RelationshipOp edgeOpOf(size_t Type) {
  switch (Type) {
  case P::IN_EDGE_SUB:
    return RelationshipOp::Notify;
  case P::OUT_EDGE:
    return RelationshipOp::Require;
  case P::OUT_EDGE_SUB:
    return RelationshipOp::Subscribe;
  default:
    return RelationshipOp::Before;
  }
}

ExprPtr ASTBuilder::buildStatementExpr(P::StatementExprContext *C) {
  // One operator list: the operands' own (flat) operators, and the arrows
  // between the operands.
  std::vector<antlr4::tree::ParseTree *> Items;
  for (antlr4::tree::ParseTree *Kid : C->children) {
    auto *Rule = static_cast<antlr4::ParserRuleContext *>(Kid);
    if (Rule->getRuleIndex() == P::RuleEdgeOp) {
      Items.push_back(Rule->children[0]);
      continue;
    }
    auto *Op = static_cast<P::OperandContext *>(Rule);
    if (P::ExprContext *E = Op->expr())
      Items.insert(Items.end(), E->children.begin(), E->children.end());
    else
      Items.push_back(Op);
  }
  return buildOperatorList(Items);
}

ExprPtr ASTBuilder::buildOperand(P::OperandContext *C) {
  if (auto *V = C->VARIABLE()) {
    // `$r = type { ... }` assigns the declared resources' references.
    SourceRange VR = rangeOf(V->getSymbol());
    std::string Name = V->getText().substr(1);
    checkVariableName(Name, VR);
    return make<Assignment>(rangeOf(C), make<Variable>(VR, Name),
                            buildResource(C->resourceExpr()));
  }
  if (auto *R = C->resourceExpr())
    return buildResource(R);
  return buildExpr(C->expr());
}

//===----------------------------------------------------------------------===//
// Resources
//===----------------------------------------------------------------------===//

std::vector<AttributeOp>
ASTBuilder::buildAttributeOps(P::AttributeOpsContext *C) {
  std::vector<AttributeOp> Ops;
  if (!C)
    return Ops;
  for (P::AttributeOpContext *A : C->attributeOp()) {
    AttributeOp Op;
    Op.Name = A->attributeName() ? wordText(A->attributeName()) : "*";
    Op.Append = A->PARROW() != nullptr;
    Op.Value = buildExpr(A->expr());
    Op.Range = rangeOf(A);
    Ops.push_back(std::move(Op));
  }
  return Ops;
}

ExprPtr ASTBuilder::buildAccessRef(antlr4::ParserRuleContext *C) {
  // typeRef or overrideRef: a reference, then `[...]` groups, each of which
  // wraps the previous expression.
  antlr4::Token *Ref = C->getStart();
  ExprPtr E = make<QualifiedReference>(rangeOf(Ref), Ref->getText());
  for (size_t I = 1; I < C->children.size(); ++I) {
    if (tokenType(C->children[I]) != P::LBRACK)
      continue;
    auto A = std::make_unique<Access>();
    A->Target = std::move(E);
    size_t J = I + 1;
    for (; J < C->children.size() && tokenType(C->children[J]) != P::RBRACK;
         ++J)
      if (auto *Key = dynamic_cast<P::ExprContext *>(C->children[J]))
        A->Keys.push_back(buildExpr(Key));
    uint32_t Stop =
        J < C->children.size()
            ? static_cast<antlr4::tree::TerminalNode *>(C->children[J])
                      ->getSymbol()
                      ->getStopIndex() +
                  1
            : A->Target->Range.End;
    A->Range = {Run.FileId, A->Target->Range.Begin, Stop};
    E = std::move(A);
    I = J;
  }
  return E;
}

ExprPtr ASTBuilder::buildResource(P::ResourceExprContext *C) {
  SourceRange R = rangeOf(C);
  if (auto *D = dynamic_cast<P::ResourceDeclContext *>(C)) {
    auto Res = make<Resource>(R);
    if (D->AT())
      Res->Form = ResourceForm::Virtual;
    else if (D->ATAT())
      Res->Form = ResourceForm::Exported;
    P::ResourceTypeContext *T = D->resourceType();
    if (T->typeRef())
      Res->Type = buildAccessRef(T->typeRef());
    else
      Res->Type = make<QualifiedName>(rangeOf(T), wordText(T));
    for (P::ResourceBodyContext *B : D->resourceBody()) {
      ResourceBody Body;
      Body.Title = buildExpr(B->expr());
      Body.Attributes = buildAttributeOps(B->attributeOps());
      Body.Range = rangeOf(B);
      Res->Bodies.push_back(std::move(Body));
    }
    return Res;
  }
  if (auto *D = dynamic_cast<P::ResourceDefaultsContext *>(C)) {
    auto Def = make<ResourceDefaults>(R);
    Def->Type =
        make<QualifiedReference>(rangeOf(D->REF()), D->REF()->getText());
    Def->Attributes = buildAttributeOps(D->attributeOps());
    return Def;
  }
  if (auto *D = dynamic_cast<P::ResourceOverrideContext *>(C)) {
    auto Over = make<ResourceOverride>(R);
    Over->Target = buildAccessRef(D->overrideRef());
    Over->Attributes = buildAttributeOps(D->attributeOps());
    return Over;
  }
  auto *D = static_cast<P::CollectorOverrideContext *>(C);
  ExprPtr E = buildCollector(D->overrideCollector());
  auto *Coll = static_cast<Collector *>(E.get());
  Coll->Range = R;
  Coll->HasOverrideBlock = true;
  Coll->Overrides = buildAttributeOps(D->attributeOps());
  return E;
}

ExprPtr ASTBuilder::buildCollector(antlr4::ParserRuleContext *C) {
  // collector or overrideCollector: the reference, then collectorQuery.
  auto Coll = make<Collector>(rangeOf(C));
  antlr4::Token *Ref = C->getStart();
  Coll->Type = make<QualifiedReference>(rangeOf(Ref), Ref->getText());
  auto *Q = static_cast<P::CollectorQueryContext *>(C->children[1]);
  Coll->Exported = Q->LLCOLLECT() != nullptr;
  if (Q->query())
    Coll->Query = buildQuery(Q->query());
  return Coll;
}

ExprPtr ASTBuilder::buildQuery(P::QueryContext *C) {
  std::vector<P::QueryTermContext *> Terms = C->queryTerm();
  ExprPtr LHS = buildQueryTerm(Terms[0]);
  for (size_t I = 1; I < Terms.size(); ++I) {
    auto Q = make<QueryOp>(rangeFrom(C->getStart(), Terms[I]->getStop()));
    Q->Op = QueryKind::Or;
    Q->LHS = std::move(LHS);
    Q->RHS = buildQueryTerm(Terms[I]);
    LHS = std::move(Q);
  }
  return LHS;
}

ExprPtr ASTBuilder::buildQueryTerm(P::QueryTermContext *C) {
  std::vector<P::QueryAtomContext *> Atoms = C->queryAtom();
  ExprPtr LHS = buildQueryAtom(Atoms[0]);
  for (size_t I = 1; I < Atoms.size(); ++I) {
    auto Q = make<QueryOp>(rangeFrom(C->getStart(), Atoms[I]->getStop()));
    Q->Op = QueryKind::And;
    Q->LHS = std::move(LHS);
    Q->RHS = buildQueryAtom(Atoms[I]);
    LHS = std::move(Q);
  }
  return LHS;
}

ExprPtr ASTBuilder::buildQueryAtom(P::QueryAtomContext *C) {
  auto Q = make<QueryOp>(rangeOf(C));
  if (auto *Paren = dynamic_cast<P::QueryParenContext *>(C)) {
    Q->Op = QueryKind::Paren;
    Q->LHS = buildQuery(Paren->query());
  } else if (auto *Cmp = dynamic_cast<P::QueryCompareContext *>(C)) {
    Q->Op = Cmp->NE() ? QueryKind::Ne : QueryKind::Eq;
    Q->Attribute = wordText(Cmp->attributeName());
    Q->Value = buildPrimary(Cmp->primary());
  }
  return Q;
}

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

ExprList ASTBuilder::buildExprs(const std::vector<P::ExprContext *> &Cs) {
  ExprList L;
  for (P::ExprContext *C : Cs)
    L.push_back(buildExpr(C));
  return L;
}

/// How tightly an infix operator (or a selector's `?`) binds in Puppet:
/// higher binds tighter; 0 for a token that is no operator.
static int precedenceOf(size_t Type) {
  switch (Type) {
  case P::IN:
    return 12;
  case P::MATCH:
  case P::NOMATCH:
    return 11;
  case P::TIMES:
  case P::DIV:
  case P::MOD:
    return 10;
  case P::PLUS:
  case P::MINUS:
    return 9;
  case P::LSHIFT:
  case P::RSHIFT:
    return 8;
  case P::EQ:
  case P::NE:
    return 7;
  case P::LT:
  case P::LE:
  case P::GT:
  case P::GE:
    return 6;
  case P::QMARK:
    return 5;
  case P::AND:
    return 4;
  case P::OR:
    return 3;
  case P::IN_EDGE:
  case P::IN_EDGE_SUB:
  case P::OUT_EDGE:
  case P::OUT_EDGE_SUB:
    return 2;
  case P::ASSIGN:
    return 1;
  default:
    return 0;
  }
}

static BinaryOp binaryOpOf(size_t Type) {
  switch (Type) {
  case P::IN:
    return BinaryOp::In;
  case P::MATCH:
    return BinaryOp::Match;
  case P::NOMATCH:
    return BinaryOp::NotMatch;
  case P::TIMES:
    return BinaryOp::Mul;
  case P::DIV:
    return BinaryOp::Div;
  case P::MOD:
    return BinaryOp::Mod;
  case P::PLUS:
    return BinaryOp::Add;
  case P::MINUS:
    return BinaryOp::Sub;
  case P::LSHIFT:
    return BinaryOp::Shl;
  case P::RSHIFT:
    return BinaryOp::Shr;
  case P::EQ:
    return BinaryOp::Eq;
  case P::NE:
    return BinaryOp::Ne;
  case P::LT:
    return BinaryOp::Lt;
  case P::LE:
    return BinaryOp::Le;
  case P::GT:
    return BinaryOp::Gt;
  case P::GE:
    return BinaryOp::Ge;
  case P::AND:
    return BinaryOp::And;
  default:
    return BinaryOp::Or;
  }
}

SourceRange ASTBuilder::rangeFrom(antlr4::Token *Start,
                                  antlr4::Token *Stop) const {
  SourceRange R = rangeOf(Start);
  R.End = std::max<uint32_t>(R.Begin, Stop->getStopIndex() + 1);
  return R;
}

ExprPtr ASTBuilder::buildExpr(P::ExprContext *C) {
  return buildOperatorList(C->children);
}

ExprPtr ASTBuilder::buildOperatorList(
    const std::vector<antlr4::tree::ParseTree *> &Items) {
  size_t I = 0;
  antlr4::Token *Stop = nullptr;
  return buildOperators(Items, I, 1, Stop);
}

/// Precedence climbing over a flat operator list (expr's children, or a
/// statement's operands and arrows) from item I on: builds the operand there
/// and applies the operators that follow while they bind at least MinPrec.
/// Sets Stop to the last token used.
ExprPtr
ASTBuilder::buildOperators(const std::vector<antlr4::tree::ParseTree *> &Kids,
                           size_t &I, int MinPrec, antlr4::Token *&Stop) {
  auto *First = static_cast<antlr4::ParserRuleContext *>(Kids[I++]);
  antlr4::Token *Start = First->getStart();
  Stop = First->getStop();
  ExprPtr LHS = First->getRuleIndex() == P::RuleOperand
                    ? buildOperand(static_cast<P::OperandContext *>(First))
                    : buildUnary(static_cast<P::UnaryExprContext *>(First));
  while (I < Kids.size()) {
    size_t Type = tokenType(Kids[I]);
    int Prec = precedenceOf(Type);
    if (Prec < MinPrec)
      break;
    if (Type == P::QMARK) {
      // QMARK lbrace selectorEntry (COMMA selectorEntry)* COMMA? RBRACE
      auto S = std::make_unique<Selector>();
      S->Control = std::move(LHS);
      for (++I; I < Kids.size() && tokenType(Kids[I]) != P::RBRACE; ++I)
        if (auto *E = dynamic_cast<P::SelectorEntryContext *>(Kids[I]))
          S->Entries.push_back({buildExpr(E->expr(0)), buildExpr(E->expr(1))});
      Stop = static_cast<antlr4::tree::TerminalNode *>(Kids[I++])->getSymbol();
      S->Range = rangeFrom(Start, Stop);
      LHS = std::move(S);
      // `$a ? {...}[0]`: access and method calls apply to the selection.
      for (; I < Kids.size(); ++I) {
        auto *Op = dynamic_cast<P::PostfixOpContext *>(Kids[I]);
        if (!Op)
          break;
        LHS = applyPostfix(Op, std::move(LHS), Start);
        Stop = Op->getStop();
      }
      continue;
    }
    ++I;
    // Left-associative operators take only tighter ones to their right;
    // assignment is right-associative.
    ExprPtr RHS =
        buildOperators(Kids, I, Type == P::ASSIGN ? Prec : Prec + 1, Stop);
    SourceRange R = rangeFrom(Start, Stop);
    if (Type == P::ASSIGN)
      LHS = make<Assignment>(R, std::move(LHS), std::move(RHS));
    else if (Prec == precedenceOf(P::IN_EDGE))
      LHS =
          make<Relationship>(R, edgeOpOf(Type), std::move(LHS), std::move(RHS));
    else
      LHS = make<Binary>(R, binaryOpOf(Type), std::move(LHS), std::move(RHS));
  }
  return LHS;
}

ExprPtr ASTBuilder::buildUnary(P::UnaryExprContext *C) {
  if (!isToken(C->children[0])) {
    // primary postfixOp*
    ExprPtr E = buildPrimary(static_cast<P::PrimaryContext *>(C->children[0]));
    for (size_t I = 1; I < C->children.size(); ++I)
      E = applyPostfix(static_cast<P::PostfixOpContext *>(C->children[I]),
                       std::move(E), C->getStart());
    return E;
  }
  SourceRange R = rangeOf(C);
  ExprPtr Operand = buildUnary(C->unaryExpr());
  if (C->NOT())
    return make<Unary>(R, UnaryOp::Not, std::move(Operand));
  if (C->MINUS()) {
    // Fold negative number literals: `-1` is the integer -1.
    if (auto *I = llvm::dyn_cast<LiteralInteger>(Operand.get())) {
      I->Value = -I->Value;
      I->Range = R;
      return Operand;
    }
    if (auto *F = llvm::dyn_cast<LiteralFloat>(Operand.get())) {
      F->Value = -F->Value;
      F->Range = R;
      return Operand;
    }
  }
  return make<Unary>(R, C->MINUS() ? UnaryOp::Negate : UnaryOp::Splat,
                     std::move(Operand));
}

ExprPtr ASTBuilder::applyPostfix(P::PostfixOpContext *C, ExprPtr Target,
                                 antlr4::Token *Start) {
  SourceRange R = rangeFrom(Start, C->getStop());
  if (C->getStart()->getType() == P::LBRACK) {
    auto *A = static_cast<P::AccessOpContext *>(C);
    auto Acc = make<Access>(R);
    Acc->Target = std::move(Target);
    Acc->Keys = buildExprs(A->expr());
    return Acc;
  }
  auto *M = static_cast<P::MethodCallOpContext *>(C);
  auto Call = make<MethodCall>(R);
  Call->Receiver = std::move(Target);
  antlr4::Token *At = M->LPAREN() ? M->LPAREN()->getSymbol() : C->getStart();
  Call->CallRange = rangeFrom(At, At);
  Call->Name =
      M->CALL_NAME() ? M->CALL_NAME()->getText() : wordText(M->methodName());
  if (M->arguments())
    Call->Args = buildExprs(M->arguments()->expr());
  if (M->lambda())
    Call->Block = buildLambda(M->lambda());
  return Call;
}

ExprPtr ASTBuilder::buildPrimary(P::PrimaryContext *C) {
  SourceRange R = rangeOf(C);
  // Each alternative of `primary` starts with its own tokens.
  switch (C->getStart()->getType()) {
  case P::VARIABLE: {
    std::string Name = wordText(C).substr(1);
    checkVariableName(Name, R);
    return make<Variable>(R, Name);
  }
  case P::CALL_NAME:
  case P::CALL_REF: {
    auto *E = static_cast<P::CallContext *>(C);
    auto Call = make<ast::Call>(R);
    Call->Name = E->getStart()->getText();
    if (E->arguments())
      Call->Args = buildExprs(E->arguments()->expr());
    if (E->lambda())
      Call->Block = buildLambda(E->lambda());
    return Call;
  }
  case P::NAME:
  case P::STMT_NAME:
    return make<QualifiedName>(R, wordText(C));
  case P::COLLECT_REF:
    return buildCollector(
        static_cast<P::CollectorExprContext *>(C)->collector());
  case P::REF:
    return make<QualifiedReference>(R, wordText(C));
  case P::LPAREN:
  case P::WSLPAREN: {
    auto *E = static_cast<P::ParenContext *>(C);
    // `(A -> B)`: the expressions and the arrows between them.
    if (E->edgeOp().empty())
      return buildExpr(E->expr(0));
    std::vector<antlr4::tree::ParseTree *> Items;
    for (antlr4::tree::ParseTree *Kid : E->children)
      if (ruleOf(Kid) == P::RuleExpr)
        Items.insert(Items.end(), Kid->children.begin(), Kid->children.end());
      else if (ruleOf(Kid) == P::RuleEdgeOp)
        Items.push_back(Kid->children[0]);
    return buildOperatorList(Items);
  }
  case P::LISTSTART: {
    auto A = make<LiteralArray>(R);
    A->Elements = buildExprs(static_cast<P::ArrayContext *>(C)->expr());
    return A;
  }
  case P::HLBRACE: {
    auto H = make<LiteralHash>(R);
    for (P::HashEntryContext *Entry :
         static_cast<P::HashContext *>(C)->hashEntry()) {
      std::vector<P::ExprContext *> Es = Entry->expr();
      ExprPtr Key = Entry->keyword()
                        ? make<QualifiedName>(rangeOf(Entry->keyword()),
                                              wordText(Entry->keyword()))
                        : buildExpr(Es[0]);
      H->Entries.push_back({std::move(Key), buildExpr(Es.back())});
    }
    return H;
  }
  case P::IF:
    return buildIf(static_cast<P::IfPrimaryContext *>(C)->ifExpr());
  case P::UNLESS:
    return buildUnless(static_cast<P::UnlessPrimaryContext *>(C)->unlessExpr());
  case P::CASE:
    return buildCase(static_cast<P::CasePrimaryContext *>(C)->caseExpr());
  case P::APPLICATION:
  case P::CONSUMES:
  case P::PRODUCES:
  case P::SITE:
  case P::UNIT:
    return make<QualifiedName>(R, wordText(C));
  default:
    return buildLiteral(C->getStart());
  }
}

ExprPtr ASTBuilder::buildLiteral(antlr4::Token *T) {
  SourceRange R = rangeOf(T);
  switch (T->getType()) {
  case P::NUMBER:
    return buildNumber(T);
  case P::SQSTRING: {
    auto S = make<LiteralString>(R, decodeSingleQuoted(T));
    S->SingleQuoted = true;
    return S;
  }
  case P::DQSTRING:
    return buildDoubleQuoted(T);
  case P::HEREDOC:
    return buildHeredoc(T);
  case P::REGEX: {
    const std::string RawText = T->getText();
    llvm::StringRef Raw = RawText;
    Raw = Raw.drop_front().drop_back();
    std::string Pattern;
    for (size_t I = 0; I < Raw.size(); ++I) {
      if (Raw[I] == '\\' && I + 1 < Raw.size() && Raw[I + 1] == '/') {
        Pattern += '/';
        ++I;
        continue;
      }
      Pattern += Raw[I];
    }
    return make<LiteralRegex>(R, Pattern);
  }
  case P::TRUE:
    return make<LiteralBoolean>(R, true);
  case P::FALSE:
    return make<LiteralBoolean>(R, false);
  case P::UNDEF:
    return make<LiteralUndef>(R);
  default:
    return make<LiteralDefault>(R);
  }
}

ExprPtr ASTBuilder::buildNumber(antlr4::Token *T) {
  SourceRange R = rangeOf(T);
  std::string S = T->getText();
  llvm::StringRef Ref(S);
  bool Hex = Ref.startswith_insensitive("0x");
  if (!Hex && Ref.find_first_of(".eE") != llvm::StringRef::npos) {
    errno = 0;
    char *EndPtr = nullptr;
    double D = std::strtod(S.c_str(), &EndPtr);
    if (errno || *EndPtr)
      error(R, "Illegal number '" + S + "'");
    return make<LiteralFloat>(R, D);
  }
  unsigned Radix = Hex ? 16 : (S.size() > 1 && S[0] == '0' ? 8 : 10);
  errno = 0;
  char *EndPtr = nullptr;
  const char *Digits = Hex ? S.c_str() + 2 : S.c_str();
  long long V = std::strtoll(Digits, &EndPtr, Radix);
  if (errno || *EndPtr || (Hex && S.size() == 2)) {
    if (Radix == 8)
      error(R, "Not a valid octal number '" + S + "'");
    else
      error(R, "Illegal number '" + S + "'");
  }
  auto I = make<LiteralInteger>(R, V);
  I->Radix = Radix;
  return I;
}

ExprPtr ASTBuilder::buildBlock(P::BlockContext *C) {
  return buildStatements(C->statements(), rangeOf(C));
}

ExprPtr ASTBuilder::buildIf(P::IfExprContext *C) {
  auto Top = make<If>(rangeOf(C));
  Top->Condition = buildExpr(C->expr());
  Top->Then = buildBlock(C->block(0));
  If *Last = Top.get();
  for (P::ElsifPartContext *E : C->elsifPart()) {
    auto Next = make<If>(rangeOf(E));
    Next->Condition = buildExpr(E->expr());
    Next->Then = buildBlock(E->block());
    If *Raw = Next.get();
    Last->Else = std::move(Next);
    Last = Raw;
  }
  if (C->ELSE())
    Last->Else = buildBlock(C->block(1));
  return Top;
}

ExprPtr ASTBuilder::buildUnless(P::UnlessExprContext *C) {
  auto I = make<If>(rangeOf(C));
  I->Negated = true;
  I->Condition = buildExpr(C->expr());
  I->Then = buildBlock(C->block(0));
  if (C->ELSE())
    I->Else = buildBlock(C->block(1));
  return I;
}

ExprPtr ASTBuilder::buildCase(P::CaseExprContext *C) {
  auto K = make<Case>(rangeOf(C));
  K->Control = buildExpr(C->expr());
  for (P::CaseOptionContext *O : C->caseOption()) {
    CaseOption Opt;
    Opt.Values = buildExprs(O->expr());
    Opt.Body = buildBlock(O->block());
    Opt.Range = rangeOf(O);
    K->Options.push_back(std::move(Opt));
  }
  return K;
}

std::unique_ptr<Lambda> ASTBuilder::buildLambda(P::LambdaContext *C) {
  auto L = make<Lambda>(rangeOf(C));
  L->Params = buildParameters(C->parameterList());
  L->Body = buildBlock(C->block());
  return L;
}

std::vector<Parameter> ASTBuilder::buildParameters(P::ParameterListContext *C) {
  std::vector<Parameter> Params;
  if (!C)
    return Params;
  for (P::ParameterContext *PC : C->parameter()) {
    Parameter Param;
    Param.Name = PC->VARIABLE()->getText().substr(1);
    if (PC->typeExpr())
      Param.Type = buildTypeExpr(PC->typeExpr());
    if (PC->expr())
      Param.Default = buildExpr(PC->expr());
    Param.CapturesRest = PC->TIMES() != nullptr;
    Param.Range = rangeOf(PC);
    Params.push_back(std::move(Param));
  }
  return Params;
}

ExprPtr ASTBuilder::buildTypeExpr(P::TypeExprContext *C) {
  ExprPtr Ref =
      make<QualifiedReference>(rangeOf(C->REF()), C->REF()->getText());
  if (!C->LBRACK())
    return Ref;
  auto A = make<Access>(rangeOf(C));
  A->Target = std::move(Ref);
  A->Keys = buildExprs(C->expr());
  return A;
}

//===----------------------------------------------------------------------===//
// Definitions
//===----------------------------------------------------------------------===//

ExprPtr ASTBuilder::buildClass(P::ClassDefContext *C) {
  auto D = make<ClassDef>(rangeOf(C));
  D->Name = lowercase(stripRoot(wordText(C->definitionName(0))));
  D->Params = buildParameters(C->parameterList());
  if (C->INHERITS())
    D->Parent = lowercase(stripRoot(wordText(C->definitionName(1))));
  D->Body = buildBlock(C->block());
  return D;
}

ExprPtr ASTBuilder::buildDefine(P::DefineDefContext *C) {
  auto D = make<DefineDef>(rangeOf(C));
  D->Name = lowercase(stripRoot(wordText(C->definitionName())));
  D->Params = buildParameters(C->parameterList());
  D->Body = buildBlock(C->block());
  return D;
}

NodeMatcher ASTBuilder::buildHostMatch(P::HostMatchContext *C) {
  NodeMatcher M;
  M.Range = rangeOf(C);
  if (C->REGEX()) {
    M.Kind = NodeMatcher::Regex;
    M.Value =
        static_cast<LiteralRegex *>(buildLiteral(C->REGEX()->getSymbol()).get())
            ->Pattern;
    return M;
  }
  if (C->DEFAULT()) {
    M.Kind = NodeMatcher::Default;
    M.Value = "default";
    return M;
  }
  if (C->SQSTRING() || C->DQSTRING()) {
    M.Value = lowercase(stringValue(C->getStart()));
    return M;
  }
  M.Value =
      lowercase(Run.Text.substr(M.Range.Begin, M.Range.End - M.Range.Begin));
  return M;
}

ExprPtr ASTBuilder::buildNode(P::NodeDefContext *C) {
  auto D = make<NodeDef>(rangeOf(C));
  std::vector<P::HostMatchContext *> Hosts = C->hostMatch();
  size_t NumMatchers = Hosts.size() - (C->INHERITS() ? 1 : 0);
  for (size_t I = 0; I < NumMatchers; ++I)
    D->Matchers.push_back(buildHostMatch(Hosts[I]));
  if (C->INHERITS()) {
    NodeMatcher Parent = buildHostMatch(Hosts.back());
    D->Parent = Parent.Value;
    D->ParentRange = Parent.Range;
  }
  D->Body = buildBlock(C->block());
  return D;
}

ExprPtr ASTBuilder::buildFunction(P::FunctionDefContext *C) {
  auto D = make<FunctionDef>(rangeOf(C));
  D->Name = lowercase(stripRoot(wordText(C->definitionName())));
  D->Params = buildParameters(C->parameterList());
  if (C->typeExpr())
    D->ReturnType = buildTypeExpr(C->typeExpr());
  D->Body = buildBlock(C->block());
  return D;
}

ExprPtr ASTBuilder::buildTypeAlias(P::TypeAliasContext *C) {
  auto D = make<TypeAlias>(rangeOf(C));
  D->Name = stripRoot(C->REF()->getText());
  D->Type = buildExpr(C->expr());
  return D;
}

ExprPtr ASTBuilder::buildImport(P::ImportStmtContext *C) {
  auto D = make<Import>(rangeOf(C));
  for (P::ImportPatternContext *Pat : C->importPattern())
    D->Patterns.push_back(stringValue(Pat->getStart()));
  return D;
}

//===----------------------------------------------------------------------===//
// Strings
//===----------------------------------------------------------------------===//

std::string ASTBuilder::decodeSingleQuoted(antlr4::Token *T) const {
  const std::string RawText = T->getText();
  llvm::StringRef Raw = RawText;
  Raw = Raw.drop_front().drop_back();
  std::string Out;
  for (size_t I = 0; I < Raw.size(); ++I) {
    if (Raw[I] == '\\' && I + 1 < Raw.size() &&
        (Raw[I + 1] == '\\' || Raw[I + 1] == '\'')) {
      Out += Raw[++I];
      continue;
    }
    Out += Raw[I];
  }
  return Out;
}

/// The value of a string token used as a name (import pattern, node name):
/// interpolation is not evaluated there.
std::string ASTBuilder::stringValue(antlr4::Token *T) {
  if (T->getType() == P::SQSTRING)
    return decodeSingleQuoted(T);
  ExprPtr E = buildDoubleQuoted(T);
  if (auto *S = llvm::dyn_cast_or_null<LiteralString>(E.get()))
    return S->Value;
  error(rangeOf(T), "Syntax error at '" + T->getText() +
                        "', interpolation is not allowed here");
  return "";
}

ExprPtr ASTBuilder::buildDoubleQuoted(antlr4::Token *T) {
  uint32_t Begin = T->getStartIndex() + 1;
  uint32_t End = T->getStopIndex(); // the closing quote
  std::string Raw = Run.Text.substr(Begin, End - Begin).str();
  std::vector<uint32_t> Offsets(Raw.size());
  for (uint32_t I = 0; I < Raw.size(); ++I)
    Offsets[I] = Begin + I;
  return buildInterpolated(Raw, Offsets, End, "tnrsu$\"'", true, rangeOf(T));
}

ExprPtr ASTBuilder::buildHeredoc(antlr4::Token *T) {
  auto It = Run.Heredocs.find(T->getStartIndex());
  if (It == Run.Heredocs.end())
    return make<LiteralString>(rangeOf(T), "");
  const HeredocInfo &H = It->second;
  std::string Raw;
  std::vector<uint32_t> Offsets;
  uint32_t I = H.BodyBegin;
  while (I < H.BodyEnd) {
    // Lines that start with the end line's indentation lose it; others
    // are kept as they are (as Puppet does).
    llvm::StringRef Margin = Run.Text.substr(H.MarginBegin, H.Margin);
    if (H.Margin && Run.Text.substr(I, H.BodyEnd - I).startswith(Margin))
      I += H.Margin;
    while (I < H.BodyEnd) {
      char C = Run.Text[I];
      Raw += C;
      Offsets.push_back(I++);
      if (C == '\n')
        break;
    }
  }
  if (H.Chomp && !Raw.empty() && Raw.back() == '\n') {
    Raw.pop_back();
    Offsets.pop_back();
    if (!Raw.empty() && Raw.back() == '\r') {
      Raw.pop_back();
      Offsets.pop_back();
    }
  }
  return buildInterpolated(Raw, Offsets, H.BodyEnd, H.Escapes, H.Interpolate,
                           rangeOf(T));
}

/// True for `name`, `::name`, `a::b` and `0`: words that `${...}` treats as
/// a variable name even when they are keywords (`${site}`).
static bool isPlainVariableName(llvm::StringRef S) {
  S.consume_front("::");
  if (S.empty())
    return false;
  bool AllDigits = S.find_first_not_of("0123456789") == llvm::StringRef::npos;
  if (AllDigits)
    return true;
  if (!(std::islower(static_cast<unsigned char>(S[0])) || S[0] == '_'))
    return false;
  llvm::SmallVector<llvm::StringRef, 4> Segments;
  S.split(Segments, "::");
  for (llvm::StringRef Seg : Segments)
    if (Seg.empty() ||
        Seg.find_first_not_of("abcdefghijklmnopqrstuvwxyz"
                              "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") !=
            llvm::StringRef::npos)
      return false;
  return true;
}

ExprPtr ASTBuilder::parseEmbedded(uint32_t Begin, uint32_t End) {
  llvm::StringRef Body = Run.Text.substr(Begin, End - Begin);
  llvm::StringRef Trimmed = Body.trim();
  if (isPlainVariableName(Trimmed)) {
    uint32_t B = Begin + (Trimmed.data() - Body.data());
    return make<Variable>(
        SourceRange{Run.FileId, B, B + uint32_t(Trimmed.size())},
        Trimmed.str());
  }
  ParseRun Nested(Run.SM, Run.FileId, Begin, End, Run.Diags, Run.Depth + 1);
  ExprPtr E = Nested.parseInterpolation();
  if (!E) {
    ++Run.NumErrors;
    if (Nested.NumErrors == 0)
      error({Run.FileId, Begin, End},
            "Syntax error at '${', an interpolation needs an expression");
    return make<LiteralUndef>(SourceRange{Run.FileId, Begin, End});
  }
  // A leading number names a match variable: only decimal digits do.
  Expr *Head = E.get();
  while (true) {
    if (auto *A = llvm::dyn_cast<Access>(Head))
      Head = A->Target.get();
    else if (auto *M = llvm::dyn_cast<MethodCall>(Head))
      Head = M->Receiver.get();
    else
      break;
  }
  auto *Int = llvm::dyn_cast_or_null<LiteralInteger>(Head);
  if (Head && (llvm::isa<LiteralFloat>(Head) || (Int && Int->Radix != 10))) {
    const SourceRange R = Head->Range;
    error(R, "Illegal numeric variable name, The given name '" +
                 Run.Text.substr(R.Begin, R.End - R.Begin).str() +
                 "' must be a decimal value if it starts with a digit 0-9");
  }
  return resolveInterpolatedName(std::move(E));
}

ExprPtr ASTBuilder::buildInterpolated(const std::string &Raw,
                                      const std::vector<uint32_t> &Offsets,
                                      uint32_t StringEnd,
                                      llvm::StringRef Escapes, bool Interpolate,
                                      SourceRange R) {
  ExprList Parts;
  std::string Lit;
  uint32_t LitBegin = Offsets.empty() ? R.Begin : Offsets[0];
  auto OffsetAt = [&](size_t I) {
    return I < Offsets.size() ? Offsets[I] : StringEnd;
  };
  auto FlushLiteral = [&](size_t I) {
    if (!Lit.empty())
      Parts.push_back(make<LiteralString>(
          SourceRange{Run.FileId, LitBegin, OffsetAt(I)}, Lit));
    Lit.clear();
  };
  bool AnyEscapes = !Escapes.empty();
  size_t N = Raw.size();
  for (size_t I = 0; I < N;) {
    char C = Raw[I];
    if (C == '\\' && AnyEscapes && I + 1 < N) {
      char E = Raw[I + 1];
      bool Enabled = Escapes.find(E) != llvm::StringRef::npos;
      if (E == '\\') {
        Lit += '\\';
      } else if (E == '\r' && I + 2 < N && Raw[I + 2] == '\n' &&
                 Escapes.contains('L')) {
        I += 3; // `\` + CRLF joins lines too
        continue;
      } else if (!Enabled && !(E == '\n' && Escapes.contains('L'))) {
        // Double-quoted strings (the only escape set with `"`) keep the
        // backslash of an unknown escape and warn, as Puppet does.
        if (Escapes.contains('"'))
          Run.Diags.warning({Run.FileId, OffsetAt(I), OffsetAt(I + 1) + 1},
                            "unrecognized-escape",
                            std::string("Unrecognized escape sequence '\\") +
                                E + "'");
        // The backslash stays; the next character is read on its own, so
        // `\$x` without the `$` escape still interpolates $x.
        Lit += '\\';
        I += 1;
        continue;
      } else if (E == 'n') {
        Lit += '\n';
      } else if (E == 't') {
        Lit += '\t';
      } else if (E == 'r') {
        Lit += '\r';
      } else if (E == 's') {
        Lit += ' ';
      } else if (E == '$' || E == '"' || E == '\'') {
        Lit += E;
      } else if (E == '\n') {
        // `\` at the end of a line joins it with the next (L flag).
      } else if (E == 'u') {
        size_t J = I + 2;
        std::string Hex;
        if (J < N && Raw[J] == '{') {
          size_t Close = Raw.find('}', J);
          if (Close != std::string::npos && Close - J - 1 >= 1 &&
              Close - J - 1 <= 6) {
            Hex = Raw.substr(J + 1, Close - J - 1);
            J = Close + 1;
          }
        } else if (J + 4 <= N) {
          Hex = Raw.substr(J, 4);
          J += 4;
        }
        bool Valid =
            !Hex.empty() && Hex.find_first_not_of("0123456789abcdefABCDEF") ==
                                std::string::npos;
        if (!Valid) {
          Lit += "\\u";
          I += 2;
          continue;
        }
        appendUTF8(Lit, std::strtoul(Hex.c_str(), nullptr, 16));
        I = J;
        continue;
      } else {
        Lit += '\\';
        Lit += E;
      }
      I += 2;
      continue;
    }
    if (C == '$' && Interpolate && I + 1 < N) {
      if (Raw[I + 1] == '{') {
        FlushLiteral(I);
        uint32_t BodyBegin = OffsetAt(I + 2);
        uint32_t Close = skipInterpolationBody(Run.Text, BodyBegin, StringEnd);
        if (Close > StringEnd) {
          error({Run.FileId, OffsetAt(I), OffsetAt(I + 2)},
                "Syntax error at '${', unterminated interpolation");
          return make<LiteralString>(R, Lit);
        }
        Parts.push_back(parseEmbedded(BodyBegin, Close - 1));
        while (I < N && OffsetAt(I) < Close)
          ++I;
        LitBegin = OffsetAt(I);
        continue;
      }
      size_t J = I + 1;
      if (Raw.compare(J, 2, "::") == 0)
        J += 2;
      size_t NameBegin = J;
      auto IsWord = [&](size_t K) {
        return K < N && (std::isalnum(static_cast<unsigned char>(Raw[K])) ||
                         Raw[K] == '_');
      };
      while (true) {
        while (IsWord(J))
          ++J;
        if (J > NameBegin && Raw.compare(J, 2, "::") == 0 && IsWord(J + 2)) {
          J += 2;
          continue;
        }
        break;
      }
      if (J > NameBegin) {
        FlushLiteral(I);
        Parts.push_back(make<Variable>(
            SourceRange{Run.FileId, OffsetAt(I), OffsetAt(J - 1) + 1},
            Raw.substr(I + 1, J - I - 1)));
        I = J;
        LitBegin = OffsetAt(I);
        continue;
      }
    }
    Lit += C;
    ++I;
  }
  bool HasExpr = false;
  for (auto &Part : Parts)
    HasExpr |= !llvm::isa<LiteralString>(Part.get());
  if (!HasExpr) {
    std::string All;
    for (auto &Part : Parts)
      All += static_cast<LiteralString *>(Part.get())->Value;
    All += Lit;
    return make<LiteralString>(R, All);
  }
  FlushLiteral(N);
  auto Concat = make<ConcatString>(R);
  Concat->Parts = std::move(Parts);
  return Concat;
}
