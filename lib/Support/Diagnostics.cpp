//===- Diagnostics.cpp ----------------------------------------------------===//
#include "cppet/Support/Diagnostics.h"

using namespace cppet;

void DiagnosticEngine::report(Diagnostic D) {
  if (D.Level == Severity::Error)
    ++NumErrors;
  else if (D.Level == Severity::Warning)
    ++NumWarnings;
  Diags.push_back(std::move(D));
}

void DiagnosticEngine::clear() {
  Diags.clear();
  NumErrors = NumWarnings = 0;
}

static const char *severityName(Severity S) {
  switch (S) {
  case Severity::Note:
    return "note";
  case Severity::Warning:
    return "warning";
  case Severity::Error:
    return "error";
  }
  return "error";
}

std::string DiagnosticEngine::formatLocation(SourceRange R) const {
  if (!R.isValid())
    return {};
  LineColumn LC = SM.getLineColumn(R.begin());
  return "(file: " + SM.getName(R.FileId).str() +
         ", line: " + std::to_string(LC.Line) +
         ", column: " + std::to_string(LC.Column) + ")";
}

void DiagnosticEngine::render(llvm::raw_ostream &OS, const Diagnostic &D,
                              DiagnosticStyle Style) const {
  if (Style == DiagnosticStyle::OneLine) {
    OS << (D.Level == Severity::Error     ? "Error: "
           : D.Level == Severity::Warning ? "Warning: "
                                          : "Notice: ")
       << D.Message;
    if (D.Range.isValid())
      OS << ' ' << formatLocation(D.Range);
    if (!NodeName.empty())
      OS << " on node " << NodeName;
    OS << '\n';
    return;
  }
  if (D.Range.isValid()) {
    LineColumn LC = SM.getLineColumn(D.Range.begin());
    OS << SM.getName(D.Range.FileId) << ':' << LC.Line << ':' << LC.Column
       << ": ";
  }
  OS << severityName(D.Level) << ": " << D.Message;
  if (!NodeName.empty() && D.Level == Severity::Error)
    OS << " on node " << NodeName;
  OS << '\n';
  if (D.Range.isValid()) {
    llvm::StringRef Line = SM.getLineText(D.Range.begin());
    LineColumn LC = SM.getLineColumn(D.Range.begin());
    OS << "  " << Line << "\n  ";
    for (unsigned I = 1; I < LC.Column && I <= Line.size(); ++I)
      OS << (Line[I - 1] == '\t' ? '\t' : ' ');
    OS << "^\n";
  }
  for (const std::string &N : D.Notes)
    OS << "note: " << N << '\n';
}

void DiagnosticEngine::renderAll(llvm::raw_ostream &OS,
                                 DiagnosticStyle Style) const {
  for (const Diagnostic &D : Diags)
    render(OS, D, Style);
}
