//===- ManifestLexer.h - Puppet's context-sensitive lexer -----------------===//
//
// Turns a range of a source file into ANTLR tokens of PuppetLexer's
// vocabulary. Private to lib/Parse: it exposes ANTLR types.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_LIB_PARSE_MANIFESTLEXER_H
#define CPPET_LIB_PARSE_MANIFESTLEXER_H

#include "cppet/Support/Diagnostics.h"

#include "antlr4-runtime.h"

#include "llvm/ADT/StringRef.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace cppet {
namespace parse {

/// What a `@(TAG:syntax/flags)` heredoc header says, and where its body is.
struct HeredocInfo {
  uint32_t BodyBegin = 0;   // first byte of the first body line
  uint32_t BodyEnd = 0;     // first byte of the end-tag line
  uint32_t MarginBegin = 0; // the end line: its indentation is the margin
  unsigned Margin = 0;      // margin length; lines starting with it lose it
  bool Chomp = false;       // `-` on the end line: drop the final newline
  bool Interpolate = false; // the tag was double-quoted
  std::string Escapes;      // enabled escape letters (t r n s u L $)
  std::string Syntax;
};

enum class LexMode { Manifest, Epp };

/// Serves pre-lexed tokens to ANTLR's token stream. Tokens point back at
/// their source, which ANTLR's error recovery needs.
class TokenList : public antlr4::TokenSource {
public:
  std::vector<std::unique_ptr<antlr4::Token>> Tokens;

  std::unique_ptr<antlr4::Token> nextToken() override;
  size_t getLine() const override { return 0; }
  size_t getCharPositionInLine() override { return 0; }
  antlr4::CharStream *getInputStream() override { return nullptr; }
  std::string getSourceName() override { return "puppet"; }
  antlr4::TokenFactory<antlr4::CommonToken> *getTokenFactory() override {
    return antlr4::CommonTokenFactory::DEFAULT.get();
  }

private:
  size_t Next = 0;
};

/// The maximum nesting of brackets (and of `${}` interpolations) accepted
/// before the parser gives up with a diagnostic instead of recursing.
constexpr unsigned MaxNestingDepth = 500;

class Lexer {
public:
  Lexer(llvm::StringRef Text, uint32_t FileId, uint32_t Begin, uint32_t End,
        DiagnosticEngine &Diags, TokenList &Owner,
        LexMode Mode = LexMode::Manifest);

  /// Lexes the whole range; the last token is EOF.
  std::vector<std::unique_ptr<antlr4::Token>> lexAll();

  /// Heredoc headers by the offset of their HEREDOC token.
  std::map<uint32_t, HeredocInfo> takeHeredocs() { return std::move(Heredocs); }

  /// In `${...}`, a leading keyword followed by `[` or `.` is a variable
  /// name (`${type['x']}`): lex it as a NAME.
  void setFirstKeywordIsName() { FirstKeywordIsName = true; }

  unsigned getNumErrors() const { return NumErrors; }
  /// True if lexing stopped early (e.g. an unclosed quote).
  bool stoppedEarly() const { return Stopped; }

private:
  llvm::StringRef Text;
  uint32_t FileId;
  uint32_t Pos;
  uint32_t End;
  DiagnosticEngine &Diags;
  TokenList &Owner;
  LexMode Mode;

  std::vector<std::unique_ptr<antlr4::Token>> Tokens;
  std::map<uint32_t, HeredocInfo> Heredocs;
  size_t PrevType = 0; // 0: start of input
  bool SpaceBefore = true;
  uint32_t HeredocResume = 0; // where lexing continues after the next newline
  unsigned Depth = 0;
  unsigned PrefixRun = 0;
  unsigned NumErrors = 0;
  bool Stopped = false;
  bool FirstKeywordIsName = false;
  // EPP state.
  bool InEppCode = false;
  bool InEppRender = false;

  char peek(uint32_t Ahead = 0) const {
    return Pos + Ahead < End ? Text[Pos + Ahead] : '\0';
  }
  bool startsWith(llvm::StringRef S) const {
    return Text.substr(Pos, End - Pos).startswith(S);
  }

  void error(uint32_t Begin, uint32_t EndOff, std::string Message);
  void emit(size_t Type, uint32_t Begin, uint32_t EndOff);
  void emitText(size_t Type, uint32_t Begin, uint32_t EndOff,
                std::string TokenText);
  bool prevEndsValue() const;
  bool startsLine(uint32_t Offset) const;

  void skipTrivia();
  void lexToken();
  void lexName();
  void lexVariable();
  void lexNumber();
  void checkNumber(uint32_t Begin);
  std::string followedBy(uint32_t From) const;
  void lexSingleQuoted();
  void lexDoubleQuoted();
  void lexSlash();
  void lexHeredoc();
  void lexPunctuation();
  /// Changes the type of the last token if it is one of the From types: a
  /// word takes the role the token after it gives it (see PuppetLexer.g4).
  void retagPrevious(std::initializer_list<std::pair<size_t, size_t>> FromTo);
  /// Retags a REF as OVERRIDE_REF or TYPE_REF when its `[...]` keys are
  /// followed by `{` where a statement may start, and a COLLECT_REF as
  /// OVERRIDE_COLLECT_REF when its collector is (see PuppetLexer.g4).
  void markResourceRefs();
  void openNesting(size_t Type, uint32_t Len);
  void lexEppText();
  bool lexEppClose();

  uint32_t skipDoubleQuoted(uint32_t From) const;
  uint32_t skipSingleQuoted(uint32_t From) const;
};

/// Returns the offset just past the `}` that closes an interpolation whose
/// body starts at From (after `${`), or End + 1 if it is unterminated.
uint32_t skipInterpolationBody(llvm::StringRef Text, uint32_t From,
                               uint32_t End);

} // namespace parse
} // namespace cppet

#endif
