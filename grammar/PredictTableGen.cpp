//===- PredictTableGen.cpp - lookahead tables for the parser's decisions --===//
//
// A build tool: writes, for every decision of the generated PuppetParser, a
// tree of rows indexed by the next token types (3 or 4 tokens deep)
// giving the alternative that ANTLR's SLL prediction picks for that
// lookahead, or 0 where a longer lookahead, a syntax error or a predicate
// decides. lib/Parse answers the decisions from the tables and leaves the
// rest to ANTLR's adaptive prediction, whose DFA a short-lived process
// would otherwise build from the ATN for every decision it meets (most of a
// cold parse).
//
// The tables come from ANTLR's own simulation (the start state of the
// decision's DFA, then the reach on each token, as computeTargetState
// does), so they agree with adaptivePredict by construction.
//
//===----------------------------------------------------------------------===//

#include "PuppetParser.h"

#include "antlr4-runtime.h"

#include <cstdio>
#include <vector>

namespace {

/// How many tokens of lookahead the tables cover: 3, and 4 for a
/// statement's operand (`$r = File {` declares defaults, `$r = File[` starts
/// an expression).
constexpr size_t MaxLookahead = 3;
constexpr size_t MaxOperandLookahead = 4;

class TableBuilder : public antlr4::atn::ParserATNSimulator {
public:
  TableBuilder(antlr4::Parser *P, antlr4::TokenStream *Input, size_t MaxToken)
      : ParserATNSimulator(
            P, P->getATN(),
            P->getInterpreter<ParserATNSimulator>()->decisionToDFA,
            P->getInterpreter<ParserATNSimulator>()->getSharedContextCache()),
        MaxToken(MaxToken) {
    _input = Input;
    _startIndex = 0;
    _outerContext = &antlr4::ParserRuleContext::EMPTY;
  }

  /// The rows: Rows[N][T] for token T (index 0 is EOF) is 0 (ask ANTLR),
  /// an alternative (1..127), an alternative + 128 (SLL only: the
  /// conflicting alternatives' least, which ANTLR's SLL mode picks too), or
  /// -M: look at the next token in row M.
  std::vector<std::vector<int>> Rows;

  /// Adds the rows of \p Decision; returns its first row.
  size_t addDecision(size_t Decision) {
    antlr4::dfa::DFA &Dfa = decisionToDFA[Decision];
    const std::string &Rule =
        parser->getRuleNames()[Dfa.atnStartState->ruleIndex];
    DecisionDepth =
        Rule == "operand" || Rule == "postfixOp" || Rule == "primary"
            ? MaxOperandLookahead
            : MaxLookahead;
    size_t Root = Rows.size();
    Rows.emplace_back(MaxToken + 1, 0);
    if (Dfa.isPrecedenceDfa())
      return Root; // precedence predicates decide: leave it to ANTLR
    _dfa = &Dfa;
    std::unique_ptr<antlr4::atn::ATNConfigSet> Start = computeStartState(
        Dfa.atnStartState, &antlr4::ParserRuleContext::EMPTY, false);
    fill(Root, Start.get(), 1);
    return Root;
  }

private:
  size_t MaxToken;
  size_t DecisionDepth = 0;

  /// What ANTLR's SLL prediction does on each next token from the
  /// configurations \p Configs (computeTargetState, without the DFA).
  void fill(size_t Row, antlr4::atn::ATNConfigSet *Configs, size_t Depth) {
    for (size_t T = 0; T <= MaxToken; ++T) {
      size_t Type = T == 0 ? antlr4::Token::EOF : T;
      std::unique_ptr<antlr4::atn::ATNConfigSet> Reach =
          computeReachSet(Configs, Type, false);
      if (!Reach || Reach->hasSemanticContext)
        continue; // a syntax error, or predicates: ANTLR reports or decides
      size_t Alt = getUniqueAlt(Reach.get());
      if (Alt != antlr4::atn::ATN::INVALID_ALT_NUMBER) {
        if (Alt < 128)
          Rows[Row][T] = static_cast<int>(Alt);
        continue;
      }
      if (antlr4::atn::PredictionModeClass::hasSLLConflictTerminatingPrediction(
              antlr4::atn::PredictionMode::SLL, Reach.get())) {
        size_t Least = getConflictingAlts(Reach.get()).nextSetBit(0);
        if (Least < 128)
          Rows[Row][T] = static_cast<int>(Least + 128);
        continue;
      }
      if (Depth == DecisionDepth || Type == antlr4::Token::EOF)
        continue;
      size_t Next = Rows.size();
      Rows.emplace_back(MaxToken + 1, 0);
      Rows[Row][T] = -static_cast<int>(Next);
      fill(Next, Reach.get(), Depth + 1);
    }
  }
};

} // namespace

int main(int Argc, char **Argv) {
  if (Argc != 2) {
    std::fprintf(stderr, "usage: %s OUTPUT.inc\n", Argv[0]);
    return 2;
  }
  std::FILE *Out = std::fopen(Argv[1], "w");
  if (!Out) {
    std::perror(Argv[1]);
    return 1;
  }
  std::vector<std::unique_ptr<antlr4::Token>> Tokens;
  Tokens.push_back(std::make_unique<antlr4::CommonToken>(antlr4::Token::EOF));
  antlr4::ListTokenSource Source(std::move(Tokens));
  antlr4::CommonTokenStream Stream(&Source);
  cppet::grammar::PuppetParser Parser(&Stream);
  const antlr4::atn::ATN &Atn = Parser.getATN();
  size_t MaxToken = Atn.maxTokenType;
  size_t NumDecisions = Atn.getNumberOfDecisions();
  TableBuilder Builder(&Parser, &Stream, MaxToken);
  std::vector<size_t> Roots;
  for (size_t D = 0; D < NumDecisions; ++D)
    Roots.push_back(Builder.addDecision(D));
  std::fprintf(Out, "// Generated by PredictTableGen from PuppetParser.g4: "
                    "do not edit.\n");
  std::fprintf(Out, "constexpr size_t PredictTableDecisions = %zu;\n",
               NumDecisions);
  std::fprintf(Out, "constexpr size_t PredictTableMaxToken = %zu;\n", MaxToken);
  std::fprintf(Out, "constexpr size_t PredictTableMaxLookahead = %zu;\n",
               MaxOperandLookahead);
  std::fprintf(Out, "constexpr unsigned short PredictTableRoots[%zu] = {",
               NumDecisions);
  for (size_t D = 0; D < NumDecisions; ++D)
    std::fprintf(Out, "%s%zu", D ? "," : "", Roots[D]);
  std::fprintf(Out, "};\n");
  std::fprintf(Out, "constexpr short PredictTableRows[%zu][%zu] = {\n",
               Builder.Rows.size(), MaxToken + 1);
  size_t Decided = 0;
  for (const std::vector<int> &Row : Builder.Rows) {
    std::fprintf(Out, "  {");
    for (size_t T = 0; T < Row.size(); ++T) {
      std::fprintf(Out, "%s%d", T ? "," : "", Row[T]);
      Decided += Row[T] > 0;
    }
    std::fprintf(Out, "},\n");
  }
  std::fprintf(Out, "};\n// %zu rows, %zu cells that decide.\n",
               Builder.Rows.size(), Decided);
  return std::fclose(Out) == 0 ? 0 : 1;
}
