//===- Checker.h - Static checks for `cppetc check`
//------------------------===//
#ifndef CPPET_SEMA_CHECKER_H
#define CPPET_SEMA_CHECKER_H

#include "cppet/AST/AST.h"
#include "cppet/Support/Diagnostics.h"

#include "llvm/ADT/StringRef.h"

#include <functional>
#include <string>
#include <vector>

namespace cppet {

struct CheckOptions {
  /// Puppet 7's rules: `import` and node inheritance are errors, and a
  /// variable that is never assigned where it is used is an error.
  bool Strict = false;
  /// Answers whether a resource type exists beyond the core types and the
  /// defines of the checked files (e.g. on the modulepath). Null: unknown
  /// types are reported.
  std::function<bool(llvm::StringRef LowercaseName)> TypeExists;
};

/// Checks already-parsed programs together (definitions in one file are
/// visible to the others): unknown resource types, duplicate attributes
/// and parameters, assignments to reserved or match variables, deprecated
/// Puppet 3 constructs (warnings; errors under Strict), and, under Strict,
/// variables that no scope in reach assigns. Returns the number of errors
/// reported.
unsigned checkPrograms(llvm::ArrayRef<const ast::Program *> Programs,
                       const CheckOptions &Opts, DiagnosticEngine &Diags);

} // namespace cppet

#endif
