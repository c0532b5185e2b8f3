//===- ASTDumper.h - A readable, stable dump of the AST -------------------===//
//
// Prints the tree as indented S-expressions, one node per line:
//
//   (Block
//     (Assignment
//       (Variable $x)
//       (Binary +
//         (LiteralInteger 1)
//         (LiteralInteger 2))))
//
// The format is used by tests (cppetc parse | FileCheck); keep it stable.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_AST_ASTDUMPER_H
#define CPPET_AST_ASTDUMPER_H

#include "cppet/AST/AST.h"

#include "llvm/Support/raw_ostream.h"

namespace cppet {
namespace ast {

struct DumpOptions {
  /// When set, every node is followed by its range as <line:col-line:col>.
  const SourceManager *Ranges = nullptr;
};

/// Dumps a whole program (its EPP parameters, if any, then its body).
void dumpProgram(llvm::raw_ostream &OS, const Program &P,
                 const DumpOptions &Opts = {});

/// Dumps one expression subtree, starting at the given indentation.
void dumpExpr(llvm::raw_ostream &OS, const Expr *E, unsigned Indent = 0,
              const DumpOptions &Opts = {});

} // namespace ast
} // namespace cppet

#endif
