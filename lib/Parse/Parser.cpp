//===- Parser.cpp - parseManifest / parseEpp ------------------------------===//
#include "cppet/Parse/Parser.h"

#include "ASTBuilder.h"
#include "ParseDriver.h"

#include <atomic>
#include <mutex>

using namespace cppet;
using namespace cppet::parse;
using P = cppet::grammar::PuppetParser;

namespace {

#include "PredictTable.inc"

std::atomic<bool> TablePrediction{true};

/// ANTLR's prediction, with the decisions that a few tokens of lookahead
/// settle answered from the tables that grammar/PredictTableGen.cpp computed
/// with ANTLR's own SLL simulation at build time: adaptivePredict gives the
/// same answers, but a fresh process first builds its DFA from the ATN for
/// every decision and token sequence it meets (closures over each rule's
/// global follow set), which was most of the time of a short compile.
/// Longer lookahead (`Foo['a'] {` overriding vs `Foo['a'] -> ...`) and
/// syntax errors still go to ANTLR, and so does every conflict outside SLL
/// mode (the full-context pass that reports syntax errors).
class TablePredictor : public antlr4::atn::ParserATNSimulator {
public:
  explicit TablePredictor(antlr4::Parser *Parser,
                          antlr4::atn::ParserATNSimulator &Old)
      : ParserATNSimulator(Parser, Parser->getATN(), Old.decisionToDFA,
                           Old.getSharedContextCache()) {}

  size_t adaptivePredict(antlr4::TokenStream *Input, size_t Decision,
                         antlr4::ParserRuleContext *Outer) override {
    if (Decision < PredictTableDecisions &&
        TablePrediction.load(std::memory_order_relaxed)) {
      size_t Row = PredictTableRoots[Decision];
      for (ssize_t K = 1; K <= ssize_t(PredictTableMaxLookahead); ++K) {
        size_t Type = Input->LA(K);
        size_t Column = Type == antlr4::Token::EOF ? 0 : Type;
        if (Column > PredictTableMaxToken)
          break;
        int Cell = PredictTableRows[Row][Column];
        if (Cell < 0) {
          Row = size_t(-Cell);
          continue;
        }
        if (Cell > 0 && Cell < 128)
          return size_t(Cell);
        // The least of conflicting alternatives: SLL's answer; the full LL
        // pass (after a syntax error) predicts with the whole context.
        if (Cell > 128 &&
            getPredictionMode() == antlr4::atn::PredictionMode::SLL)
          return size_t(Cell - 128);
        break;
      }
    }
    if (getenv("CPPET_PARSE_DEBUG")) {
      size_t Type = Input->LA(1);
      llvm::errs()
          << "parse: ANTLR predicts decision " << Decision << " ("
          << parser->getRuleNames()[atn.decisionToState[Decision]->ruleIndex]
          << ") at '" << Input->LT(1)->getText() << "' (token "
          << (Type == antlr4::Token::EOF ? std::string("EOF")
                                         : std::to_string(Type))
          << ")\n";
    }
    return ParserATNSimulator::adaptivePredict(Input, Decision, Outer);
  }
};

/// Makes \p Parser predict through the table (setInterpreter deletes the
/// interpreter it replaces).
void installTablePredictor(antlr4::Parser &Parser) {
  auto *Old = Parser.getInterpreter<antlr4::atn::ParserATNSimulator>();
  Parser.setInterpreter(new TablePredictor(&Parser, *Old));
}

/// How Puppet names a token in "Syntax error at '...'": a string by its
/// text (up to its first interpolation), a variable by its name.
std::string displayText(antlr4::Token *T) {
  std::string Text = T->getText();
  llvm::StringRef Ref(Text);
  switch (T->getType()) {
  case P::VARIABLE:
    return Ref.drop_front().str();
  case P::SQSTRING:
  case P::DQSTRING: {
    Ref = Ref.drop_front().drop_back();
    if (T->getType() == P::DQSTRING) {
      for (size_t I = 0; I + 1 < Ref.size(); ++I) {
        if (Ref[I] == '\\') {
          ++I;
          continue;
        }
        if (Ref[I] == '$' &&
            (Ref[I + 1] == '{' || Ref[I + 1] == ':' ||
             std::isalnum(static_cast<unsigned char>(Ref[I + 1])) ||
             Ref[I + 1] == '_'))
          return Ref.take_front(I).str();
      }
    }
    return Ref.str();
  }
  default:
    return Text;
  }
}

/// Turns ANTLR's syntax errors into "syntax" diagnostics in Puppet's words.
class SyntaxErrorListener : public antlr4::BaseErrorListener {
public:
  SyntaxErrorListener(DiagnosticEngine &Diags, uint32_t FileId,
                      unsigned &NumErrors, bool LexerStopped)
      : Diags(Diags), FileId(FileId), NumErrors(NumErrors),
        LexerStopped(LexerStopped) {}

  void syntaxError(antlr4::Recognizer *Rec, antlr4::Token *Offending, size_t,
                   size_t, const std::string &Msg,
                   std::exception_ptr) override {
    if (getenv("CPPET_PARSE_DEBUG")) {
      llvm::errs() << "antlr: " << Msg << " in";
      for (auto &R :
           static_cast<antlr4::Parser *>(Rec)->getRuleInvocationStack())
        llvm::errs() << ' ' << R;
      llvm::errs() << '\n';
    }
    ++NumErrors;
    if (!Offending) {
      Diags.error({}, "syntax", "Syntax error");
      return;
    }
    // `{ 'k' => 'v' }` after a complete statement: Puppet reads the brace
    // as a resource body of the previous value and stumbles on the `=>`
    // where it wants a `:`; report the same token.
    if ((Offending->getType() == P::LBRACE ||
         Offending->getType() == P::HLBRACE) &&
        Rec)
      if (auto *Stream = dynamic_cast<antlr4::TokenStream *>(
              static_cast<antlr4::Parser *>(Rec)->getInputStream())) {
        size_t I = Offending->getTokenIndex();
        antlr4::Token *After = nullptr;
        if (Stream->index() == I)
          After = Stream->LT(3); // `{`, the key, then `=>`?
        if (After && After->getType() == P::FARROW)
          Offending = After;
      }
    uint32_t Begin = Offending->getStartIndex();
    if (Reported && Begin == LastOffset)
      return;
    Reported = true;
    LastOffset = Begin;
    uint32_t Stop = Offending->getStopIndex() + 1;
    if (Offending->getType() == antlr4::Token::EOF) {
      // The lexer already explained why the input ended early.
      if (LexerStopped)
        return;
      Diags.error({FileId, Begin, Begin}, "syntax",
                  "Syntax error at end of input");
      return;
    }
    std::string Text = displayText(Offending);
    if (Text.size() > 40)
      Text = Text.substr(0, 40) + "...";
    Diags.error({FileId, Begin, std::max(Stop, Begin)}, "syntax",
                "Syntax error at '" + Text + "'");
  }

private:
  DiagnosticEngine &Diags;
  uint32_t FileId;
  unsigned &NumErrors;
  bool LexerStopped;
  bool Reported = false;
  uint32_t LastOffset = 0;
};

/// Error recovery at statement granularity: an error anywhere inside a
/// statement unwinds to that statement, which skips to the next line that
/// starts at its bracket depth (or to the `}` closing the enclosing block).
/// Parsing then resumes, so later statements report their own errors.
class StatementRecovery : public antlr4::DefaultErrorStrategy {
public:
  explicit StatementRecovery(llvm::StringRef Text) : Text(Text) {}

  /// Where a fresh parse should resume after an error that ended the
  /// top-level statement list (0: none).
  uint32_t ResumeOffset = 0;

  void recover(antlr4::Parser *Recognizer, std::exception_ptr E) override {
    antlr4::ParserRuleContext *Ctx = Recognizer->getContext();
    if (Ctx && Ctx->getRuleIndex() == P::RuleStatement)
      return skipStatement(Recognizer, Ctx);
    if (Ctx && Ctx->getRuleIndex() == P::RuleProgram) {
      skipStatement(Recognizer, Ctx);
      antlr4::Token *Next = Recognizer->getTokenStream()->LT(1);
      if (Next->getType() != antlr4::Token::EOF)
        ResumeOffset = Next->getStartIndex();
      return;
    }
    for (antlr4::ParserRuleContext *Up = Ctx; Up;
         Up = dynamic_cast<antlr4::ParserRuleContext *>(Up->parent))
      if (Up->getRuleIndex() == P::RuleStatement)
        std::rethrow_exception(E);
    DefaultErrorStrategy::recover(Recognizer, E);
  }

  /// Errors surface at the next match or prediction instead of silently
  /// consuming tokens here; recover() then skips whole statements.
  void sync(antlr4::Parser *) override {}

protected:
  /// Never drop a closing bracket to repair an error: the enclosing block
  /// needs it, and dropping it turns one error into a cascade.
  antlr4::Token *singleTokenDeletion(antlr4::Parser *Recognizer) override {
    if (closes(Recognizer->getTokenStream()->LA(1)))
      return nullptr;
    return DefaultErrorStrategy::singleTokenDeletion(Recognizer);
  }

private:
  llvm::StringRef Text;
  size_t LastRecoveryIndex = static_cast<size_t>(-1);

  bool startsLine(antlr4::Token *T) const {
    size_t Start = T->getStartIndex();
    size_t LineStart = Text.rfind('\n', Start);
    LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
    return Text.substr(LineStart, Start - LineStart).trim().empty();
  }

  size_t column(antlr4::Token *T) const {
    size_t Start = T->getStartIndex();
    size_t LineStart = Text.rfind('\n', Start);
    return LineStart == llvm::StringRef::npos ? Start : Start - LineStart - 1;
  }

  static bool opens(size_t Type) {
    return Type == P::LPAREN || Type == P::WSLPAREN || Type == P::LBRACK ||
           Type == P::LISTSTART || Type == P::LBRACE || Type == P::HLBRACE;
  }
  static bool closes(size_t Type) {
    return Type == P::RPAREN || Type == P::RBRACK || Type == P::RBRACE;
  }

  void skipStatement(antlr4::Parser *Recognizer,
                     antlr4::ParserRuleContext *Stmt) {
    antlr4::TokenStream *In = Recognizer->getTokenStream();
    // Brackets opened since the statement began.
    int Depth = 0;
    size_t First = Stmt->getRuleIndex() == P::RuleStatement
                       ? Stmt->getStart()->getTokenIndex()
                       : In->index();
    for (size_t I = First; I < In->index(); ++I) {
      size_t Type = In->get(I)->getType();
      if (opens(Type))
        ++Depth;
      else if (closes(Type) && Depth > 0)
        --Depth;
    }
    size_t StmtColumn = column(Stmt->getStart());
    bool Consumed = false;
    bool MustConsume = In->index() == LastRecoveryIndex ||
                       Stmt->getRuleIndex() != P::RuleStatement;
    while (In->LA(1) != antlr4::Token::EOF) {
      antlr4::Token *T = In->LT(1);
      size_t Type = T->getType();
      if (!MustConsume || Consumed) {
        if (Depth == 0 && closes(Type))
          break;
        // A line starting at or left of the statement's own indentation
        // probably begins the next statement, even inside unclosed brackets.
        if (Consumed && startsLine(T) &&
            (Depth == 0 || (column(T) <= StmtColumn && !closes(Type))))
          break;
      }
      if (opens(Type))
        ++Depth;
      else if (closes(Type) && Depth > 0)
        --Depth;
      Recognizer->consume();
      Consumed = true;
    }
    LastRecoveryIndex = In->index();
    endErrorCondition(Recognizer);
  }
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
  if (getenv("CPPET_PARSE_DEBUG"))
    llvm::errs() << "parse: SLL failed, retrying with LL\n";
  Stream->seek(0);
  Parser->reset();
  SyntaxErrorListener Listener(Diags, FileId, NumErrors, LexerStopped);
  Parser->addErrorListener(&Listener);
  auto Recovery = std::make_shared<StatementRecovery>(Text);
  Parser->setErrorHandler(Recovery);
  Parser->getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
      antlr4::atn::PredictionMode::LL);
  antlr4::ParserRuleContext *Tree = Invoke();
  // An error ended the top-level statement list early: parse the rest with
  // the same parser, only to report its errors too.
  for (unsigned Resumes = 0;
       Recovery->ResumeOffset && Rule == EntryRule::Program; ++Resumes) {
    Recovery->ResumeOffset = 0;
    if (Resumes == 100) {
      Diags.error({FileId, End, End}, "syntax",
                  "Too many syntax errors, giving up on the rest of the file");
      break;
    }
    Parser->program();
  }
  Parser->removeErrorListeners();
  return Tree;
}

void cppet::setTablePrediction(bool Enabled) { TablePrediction.store(Enabled); }

void cppet::releaseParserCaches() {
  // The DFA is static in the generated parser; any instance reaches it.
  TokenList Empty;
  antlr4::CommonTokenStream Stream(&Empty);
  P Parser(&Stream);
  Parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->clearDFA();
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
  if (Rule == EntryRule::Interpolation)
    L.setFirstKeywordIsName();
  Source->Tokens = L.lexAll();
  NumErrors += L.getNumErrors();
  LexerStopped = L.stoppedEarly();
  Heredocs = L.takeHeredocs();
  Stream = std::make_unique<antlr4::CommonTokenStream>(Source.get());
  Parser = std::make_unique<P>(Stream.get());
  installTablePredictor(*Parser);
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
  // ANTLR's prediction cache (the DFA) is static and shared by every parser
  // instance: parses in different threads (the master's compiles) take
  // turns.
  static std::mutex ParseMutex;
  std::lock_guard<std::mutex> Lock(ParseMutex);
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
