//===- Parser.cpp - parseManifest / parseEpp ------------------------------===//
#include "cppet/Parse/Parser.h"

#include "ASTBuilder.h"
#include "ParseDriver.h"

using namespace cppet;
using namespace cppet::parse;
using P = cppet::grammar::PuppetParser;

namespace {

/// Turns ANTLR's syntax errors into "syntax" diagnostics in Puppet's words.
class SyntaxErrorListener : public antlr4::BaseErrorListener {
public:
  SyntaxErrorListener(DiagnosticEngine &Diags, uint32_t FileId,
                      unsigned &NumErrors)
      : Diags(Diags), FileId(FileId), NumErrors(NumErrors) {}

  void syntaxError(antlr4::Recognizer *, antlr4::Token *Offending, size_t,
                   size_t, const std::string &, std::exception_ptr) override {
    ++NumErrors;
    if (!Offending) {
      Diags.error({}, "syntax", "Syntax error");
      return;
    }
    uint32_t Begin = Offending->getStartIndex();
    if (Reported && Begin == LastOffset)
      return;
    Reported = true;
    LastOffset = Begin;
    uint32_t Stop = Offending->getStopIndex() + 1;
    if (Offending->getType() == antlr4::Token::EOF) {
      Diags.error({FileId, Begin, Begin}, "syntax",
                  "Syntax error at end of input");
      return;
    }
    std::string Text = Offending->getText();
    if (Text.size() > 40)
      Text = Text.substr(0, 40) + "...";
    Diags.error({FileId, Begin, std::max(Stop, Begin)}, "syntax",
                "Syntax error at '" + Text + "'");
  }

private:
  DiagnosticEngine &Diags;
  uint32_t FileId;
  unsigned &NumErrors;
  bool Reported = false;
  uint32_t LastOffset = 0;
};

} // namespace

ParseRun::ParseRun(const SourceManager &SM, uint32_t FileId, uint32_t Begin,
                   uint32_t End, DiagnosticEngine &Diags, unsigned Depth)
    : SM(SM), FileId(FileId), Begin(Begin), End(End), Diags(Diags),
      Depth(Depth), Text(SM.getText(FileId)) {}

ParseRun::~ParseRun() = default;

antlr4::ParserRuleContext *ParseRun::runParser(EntryRule Rule) {
  auto Invoke = [&]() -> antlr4::ParserRuleContext * {
    switch (Rule) {
    case EntryRule::Program:
      return Parser->program();
    case EntryRule::Epp:
      return Parser->eppProgram();
    case EntryRule::Interpolation:
      return Parser->interpolation();
    }
    return nullptr;
  };
  // Fast path: SLL prediction, bail at the first error. Most files parse
  // here; only files with errors or true ambiguities take the full LL pass
  // that also reports every error.
  Parser->removeErrorListeners();
  Parser->setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  Parser->getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
      antlr4::atn::PredictionMode::SLL);
  try {
    return Invoke();
  } catch (antlr4::ParseCancellationException &) {
  }
  Stream->seek(0);
  Parser->reset();
  SyntaxErrorListener Listener(Diags, FileId, NumErrors);
  Parser->addErrorListener(&Listener);
  Parser->setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
  Parser->getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
      antlr4::atn::PredictionMode::LL);
  antlr4::ParserRuleContext *Tree = Invoke();
  Parser->removeErrorListeners();
  return Tree;
}

std::unique_ptr<ast::Program> ParseRun::parseProgram(EntryRule Rule) {
  if (Depth > 20) {
    Diags.error({FileId, Begin, End}, "syntax",
                "Syntax error, string interpolations are nested too deeply");
    return nullptr;
  }
  Source = std::make_unique<TokenList>();
  Lexer L(Text, FileId, Begin, End, Diags, *Source,
          Rule == EntryRule::Epp ? LexMode::Epp : LexMode::Manifest);
  Source->Tokens = L.lexAll();
  NumErrors += L.getNumErrors();
  Heredocs = L.takeHeredocs();
  Stream = std::make_unique<antlr4::CommonTokenStream>(Source.get());
  Parser = std::make_unique<P>(Stream.get());
  antlr4::ParserRuleContext *Tree = nullptr;
  try {
    Tree = runParser(Rule);
  } catch (std::exception &E) {
    Diags.error({FileId, Begin, Begin}, "syntax",
                std::string("Syntax error: ") + E.what());
    return nullptr;
  }
  if (NumErrors || !Tree)
    return nullptr;
  ASTBuilder Builder(*this);
  return Builder.buildProgram(Tree, Rule);
}

ast::ExprPtr ParseRun::parseInterpolation() {
  std::unique_ptr<ast::Program> Prog = parseProgram(EntryRule::Interpolation);
  if (!Prog || !Prog->Body)
    return nullptr;
  auto &Stmts = Prog->Body->Statements;
  if (Stmts.size() == 1)
    return std::move(Stmts.front());
  return std::move(Prog->Body);
}

namespace {

std::unique_ptr<ast::Program> parseFile(const SourceManager &SM,
                                        uint32_t FileId,
                                        DiagnosticEngine &Diags,
                                        EntryRule Rule) {
  uint32_t Size = SM.getText(FileId).size();
  try {
    ParseRun Run(SM, FileId, 0, Size, Diags, 0);
    std::unique_ptr<ast::Program> Prog = Run.parseProgram(Rule);
    if (Prog)
      Prog->FileId = FileId;
    return Prog;
  } catch (std::exception &E) {
    Diags.error({FileId, 0, 0}, "syntax",
                std::string("Syntax error: ") + E.what());
  } catch (...) {
    Diags.error({FileId, 0, 0}, "syntax", "Syntax error");
  }
  return nullptr;
}

} // namespace

std::unique_ptr<ast::Program> cppet::parseManifest(const SourceManager &SM,
                                                   uint32_t FileId,
                                                   DiagnosticEngine &Diags) {
  return parseFile(SM, FileId, Diags, EntryRule::Program);
}

std::unique_ptr<ast::Program> cppet::parseEpp(const SourceManager &SM,
                                              uint32_t FileId,
                                              DiagnosticEngine &Diags) {
  return parseFile(SM, FileId, Diags, EntryRule::Epp);
}
