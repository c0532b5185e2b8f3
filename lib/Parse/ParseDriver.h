//===- ParseDriver.h - Runs the lexer, the ANTLR parser and the builder ---===//
//
// Private to lib/Parse: exposes ANTLR types.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_LIB_PARSE_PARSEDRIVER_H
#define CPPET_LIB_PARSE_PARSEDRIVER_H

#include "ManifestLexer.h"

#include "cppet/AST/AST.h"

#include "PuppetParser.h"

namespace cppet {
namespace parse {

/// What to parse a token range as.
enum class EntryRule { Program, Epp, Interpolation };

/// Owns one lexer/parser run over a range of a file, and turns its parse
/// tree into AST nodes. `${...}` interpolations in strings start nested
/// runs over the substring, so their diagnostics point into the file.
class ParseRun {
public:
  ParseRun(const SourceManager &SM, uint32_t FileId, uint32_t Begin,
           uint32_t End, DiagnosticEngine &Diags, unsigned Depth);
  ~ParseRun();

  /// Parses and builds. Returns null if there were syntax errors.
  std::unique_ptr<ast::Program> parseProgram(EntryRule Rule);

  /// Parses an interpolation body and builds its single expression.
  ast::ExprPtr parseInterpolation();

private:
  friend class ASTBuilder;
  const SourceManager &SM;
  uint32_t FileId;
  uint32_t Begin;
  uint32_t End;
  DiagnosticEngine &Diags;
  unsigned Depth;
  llvm::StringRef Text;
  std::map<uint32_t, HeredocInfo> Heredocs;
  unsigned NumErrors = 0;
  bool LexerStopped = false;

  std::unique_ptr<TokenList> Source;
  std::unique_ptr<antlr4::CommonTokenStream> Stream;
  std::unique_ptr<grammar::PuppetParser> Parser;

  antlr4::ParserRuleContext *runParser(EntryRule Rule);
};

} // namespace parse
} // namespace cppet

#endif
