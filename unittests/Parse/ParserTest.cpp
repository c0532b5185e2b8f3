//===- ParserTest.cpp - parseManifest / parseEpp library contract --------===//
#include "cppet/Parse/Parser.h"

#include "gtest/gtest.h"

#include <string>

using namespace cppet;
using namespace cppet::ast;

namespace {

struct Parsed {
  SourceManager SM;
  DiagnosticEngine Diags{SM};
  uint32_t FileId = 0;
  std::unique_ptr<Program> Prog;
};

std::unique_ptr<Parsed> parse(std::string Text, bool Epp = false) {
  auto P = std::make_unique<Parsed>();
  P->FileId = P->SM.addBuffer(Epp ? "t.epp" : "t.pp", std::move(Text));
  P->Prog = Epp ? parseEpp(P->SM, P->FileId, P->Diags)
                : parseManifest(P->SM, P->FileId, P->Diags);
  return P;
}

TEST(ParserTest, ProgramCarriesFileIdAndStatements) {
  auto P = parse("$x = 1\nnotice($x)\n");
  ASSERT_TRUE(P->Prog);
  EXPECT_FALSE(P->Diags.hasErrors());
  EXPECT_EQ(P->Prog->FileId, P->FileId);
  ASSERT_EQ(P->Prog->Body->Statements.size(), 2u);
  const Expr *First = P->Prog->Body->Statements[0].get();
  ASSERT_TRUE(llvm::isa<Assignment>(First));
  EXPECT_EQ(First->Range.FileId, P->FileId);
  EXPECT_EQ(First->Range.Begin, 0u);
  EXPECT_EQ(First->Range.End, 6u);
}

TEST(ParserTest, SyntaxErrorsGiveNullProgramAndDiagnostics) {
  auto P = parse("notify { 'x' message => 'missing colon' }\n$y = }\n");
  EXPECT_FALSE(P->Prog);
  ASSERT_EQ(P->Diags.getNumErrors(), 2u);
  const Diagnostic &D = P->Diags.getDiagnostics()[0];
  EXPECT_EQ(D.Id, "syntax");
  EXPECT_EQ(D.Message, "Syntax error at 'message'");
  EXPECT_EQ(D.Range.Begin, 13u);
}

TEST(ParserTest, InterpolationRangesPointIntoTheFile) {
  auto P = parse("$s = \"a${b}c\"");
  ASSERT_TRUE(P->Prog);
  auto *A = llvm::cast<Assignment>(P->Prog->Body->Statements[0].get());
  auto *C = llvm::cast<ConcatString>(A->RHS.get());
  ASSERT_EQ(C->Parts.size(), 3u);
  auto *V = llvm::cast<Variable>(C->Parts[1].get());
  EXPECT_EQ(V->Name, "b");
  EXPECT_EQ(V->Range.Begin, 9u);
}

TEST(ParserTest, EppParameters) {
  auto P = parse("<%- | String $x, $y = 1 | -%>\n<%= $x %>", /*Epp=*/true);
  ASSERT_TRUE(P->Prog);
  EXPECT_TRUE(P->Prog->HasEppParams);
  ASSERT_EQ(P->Prog->EppParams.size(), 2u);
  EXPECT_EQ(P->Prog->EppParams[1].Name, "y");
  ASSERT_EQ(P->Prog->Body->Statements.size(), 1u);
  EXPECT_TRUE(llvm::isa<EppRender>(P->Prog->Body->Statements[0].get()));
}

TEST(ParserTest, NeverThrowsOnGarbage) {
  const char *Inputs[] = {"",         "\"${",   "@(", "<%",   "{{{{",
                          "$",        "/*",     "'",  "node", "class {",
                          "\xff\xfe", "@(X)\n", "${}"};
  for (const char *In : Inputs) {
    EXPECT_NO_THROW(parse(In));
    EXPECT_NO_THROW(parse(In, /*Epp=*/true));
  }
}

TEST(ParserTest, DeepNestingIsADiagnosticNotACrash) {
  std::string Deep = "$x = " + std::string(5000, '[') + std::string(5000, ']');
  auto P = parse(Deep);
  EXPECT_FALSE(P->Prog);
  EXPECT_TRUE(P->Diags.hasErrors());
}

} // namespace
