//===- ASTBuilder.h - Parse tree to AST -----------------------------------===//
//
// Private to lib/Parse: walks an error-free ANTLR parse tree and builds the
// owned, span-carrying AST. Decodes literals (numbers, escapes, heredocs)
// and splits interpolated strings, parsing `${...}` bodies with nested runs.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_LIB_PARSE_ASTBUILDER_H
#define CPPET_LIB_PARSE_ASTBUILDER_H

#include "ParseDriver.h"

#include <string>
#include <vector>

namespace cppet {
namespace parse {

class ASTBuilder {
public:
  explicit ASTBuilder(ParseRun &Run) : Run(Run) {}

  std::unique_ptr<ast::Program> buildProgram(antlr4::ParserRuleContext *Tree,
                                             EntryRule Rule);

private:
  using P = grammar::PuppetParser;
  ParseRun &Run;

  SourceRange rangeOf(antlr4::ParserRuleContext *C) const;
  SourceRange rangeOf(antlr4::Token *T) const;
  /// From the first byte of Start to the last of Stop.
  SourceRange rangeFrom(antlr4::Token *Start, antlr4::Token *Stop) const;
  SourceRange rangeOf(antlr4::tree::TerminalNode *N) const {
    return rangeOf(N->getSymbol());
  }
  void error(SourceRange R, std::string Message);
  void checkVariableName(llvm::StringRef Name, SourceRange R);

  std::unique_ptr<ast::Block> buildStatements(P::StatementsContext *C,
                                              SourceRange R);
  ast::ExprPtr buildStatement(P::StatementContext *C);
  ast::ExprPtr buildDefinition(P::DefinitionContext *C);
  ast::ExprPtr buildStatementCall(P::StatementCallContext *C);
  ast::ExprPtr buildStatementExpr(P::StatementExprContext *C);
  ast::ExprPtr buildOperand(P::OperandContext *C);
  ast::ExprPtr buildResource(P::ResourceExprContext *C);
  ast::ExprPtr buildAccessRef(antlr4::ParserRuleContext *C);
  ast::ExprPtr buildCollector(antlr4::ParserRuleContext *C);
  ast::ExprPtr buildQuery(P::QueryContext *C);
  ast::ExprPtr buildQueryTerm(P::QueryTermContext *C);
  ast::ExprPtr buildQueryAtom(P::QueryAtomContext *C);
  std::vector<ast::AttributeOp> buildAttributeOps(P::AttributeOpsContext *C);

  ast::ExprPtr buildExpr(P::ExprContext *C);
  ast::ExprPtr
  buildOperatorList(const std::vector<antlr4::tree::ParseTree *> &Items);
  ast::ExprPtr
  buildOperators(const std::vector<antlr4::tree::ParseTree *> &Kids, size_t &I,
                 int MinPrec, antlr4::Token *&Stop);
  ast::ExprPtr applyPostfix(P::PostfixOpContext *C, ast::ExprPtr Target,
                            antlr4::Token *Start);
  ast::ExprPtr buildUnary(P::UnaryExprContext *C);
  ast::ExprPtr buildPrimary(P::PrimaryContext *C);
  ast::ExprPtr buildLiteral(antlr4::Token *T);
  ast::ExprPtr buildNumber(antlr4::Token *T);
  ast::ExprPtr buildBlock(P::BlockContext *C);
  ast::ExprPtr buildIf(P::IfExprContext *C);
  ast::ExprPtr buildUnless(P::UnlessExprContext *C);
  ast::ExprPtr buildCase(P::CaseExprContext *C);
  std::unique_ptr<ast::Lambda> buildLambda(P::LambdaContext *C);
  std::vector<ast::Parameter> buildParameters(P::ParameterListContext *C);
  ast::ExprPtr buildTypeExpr(P::TypeExprContext *C);
  ast::ExprList buildExprs(const std::vector<P::ExprContext *> &Cs);

  ast::ExprPtr buildClass(P::ClassDefContext *C);
  ast::ExprPtr buildDefine(P::DefineDefContext *C);
  ast::ExprPtr buildNode(P::NodeDefContext *C);
  ast::ExprPtr buildFunction(P::FunctionDefContext *C);
  ast::ExprPtr buildTypeAlias(P::TypeAliasContext *C);
  ast::ExprPtr buildImport(P::ImportStmtContext *C);
  ast::NodeMatcher buildHostMatch(P::HostMatchContext *C);

  // Strings.
  ast::ExprPtr buildDoubleQuoted(antlr4::Token *T);
  ast::ExprPtr buildHeredoc(antlr4::Token *T);
  /// Splits text (with the source offset of each byte) into literal and
  /// interpolated parts, processing the escapes in Escapes.
  ast::ExprPtr buildInterpolated(const std::string &Raw,
                                 const std::vector<uint32_t> &Offsets,
                                 uint32_t StringEnd, llvm::StringRef Escapes,
                                 bool Interpolate, SourceRange R);
  ast::ExprPtr parseEmbedded(uint32_t Begin, uint32_t End);
  std::string decodeSingleQuoted(antlr4::Token *T) const;
  std::string stringValue(antlr4::Token *T);
};

} // namespace parse
} // namespace cppet

#endif
