//===- Diagnostics.h - One engine for every user-facing problem -----------===//
#ifndef CPPET_SUPPORT_DIAGNOSTICS_H
#define CPPET_SUPPORT_DIAGNOSTICS_H

#include "cppet/Support/SourceManager.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace cppet {

enum class Severity { Note, Warning, Error };

/// One user-facing problem: an id (e.g. "syntax", "unknown-class"), a
/// severity, a message, where it happened, and optional notes (such as the
/// chain of classes that led to a compile error).
struct Diagnostic {
  Severity Level = Severity::Error;
  std::string Id;
  std::string Message;
  SourceRange Range;
  std::vector<std::string> Notes;
};

/// How diagnostics are rendered.
enum class DiagnosticStyle {
  /// clang-like: "file:line:col: error: message", the source line, a caret.
  CodeFrame,
  /// Puppet's one-line shape for logs and HTTP bodies:
  /// "Error: message (file: f, line: l, column: c) on node N".
  OneLine,
};

/// Collects diagnostics and renders them in one place.
class DiagnosticEngine {
public:
  explicit DiagnosticEngine(const SourceManager &SM) : SM(SM) {}

  void report(Diagnostic D);
  void error(SourceRange R, std::string Id, std::string Message) {
    report({Severity::Error, std::move(Id), std::move(Message), R, {}});
  }
  void warning(SourceRange R, std::string Id, std::string Message) {
    report({Severity::Warning, std::move(Id), std::move(Message), R, {}});
  }

  unsigned getNumErrors() const { return NumErrors; }
  unsigned getNumWarnings() const { return NumWarnings; }
  bool hasErrors() const { return NumErrors != 0; }
  const std::vector<Diagnostic> &getDiagnostics() const { return Diags; }
  void clear();

  /// The node name appended to one-line renderings ("on node N").
  void setNodeName(std::string Name) { NodeName = std::move(Name); }

  /// Render one diagnostic.
  void render(llvm::raw_ostream &OS, const Diagnostic &D,
              DiagnosticStyle Style) const;
  /// Render every collected diagnostic.
  void renderAll(llvm::raw_ostream &OS, DiagnosticStyle Style) const;
  /// "(file: F, line: L, column: C)" for a range; empty if invalid.
  std::string formatLocation(SourceRange R) const;

  const SourceManager &getSourceManager() const { return SM; }

private:
  const SourceManager &SM;
  std::vector<Diagnostic> Diags;
  std::string NodeName;
  unsigned NumErrors = 0;
  unsigned NumWarnings = 0;
};

} // namespace cppet

#endif
