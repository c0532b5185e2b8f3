//===- Autosign.cpp - Which requests the CA signs by itself ---------------===//
#include "cppet/PKI/Autosign.h"

#include "cppet/Support/FileSystem.h"
#include "cppet/Support/Process.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace cppet::pki {

AutosignPolicy AutosignPolicy::fromSetting(llvm::StringRef Value) {
  Value = Value.trim();
  AutosignPolicy P;
  if (Value == "true") {
    P.Mode = Kind::All;
    return P;
  }
  if (Value.empty() || Value == "false" ||
      !llvm::sys::path::is_absolute(Value) || !llvm::sys::fs::exists(Value) ||
      llvm::sys::fs::is_directory(Value))
    return P;
  P.Path = Value.str();
  P.Mode =
      llvm::sys::fs::can_execute(Value) ? Kind::Executable : Kind::Allowlist;
  return P;
}

/// Checks a line for allowlist use; "" when valid, else why not.
static const char *invalidLine(llvm::StringRef Line) {
  if (Line.contains('#') || Line.contains(' ') || Line.contains('\t'))
    return "contains a '#' or a space";
  if (Line.startswith("*") && Line != "*" && !Line.startswith("*."))
    return "has a wildcard that is not a leading '*.' label";
  if (Line != "*" &&
      Line.drop_front(Line.startswith("*.") ? 2 : 0).contains('*'))
    return "has a wildcard that is not a leading '*.' label";
  return "";
}

bool allowlistLineMatches(llvm::StringRef Line, llvm::StringRef Certname) {
  Line = Line.trim();
  if (Line.empty() || Line.startswith("#") || *invalidLine(Line))
    return false;
  if (Line == "*")
    return true;
  if (!Line.startswith("*."))
    return Line.equals_insensitive(Certname);
  // The labels after "*." must be the trailing labels of the certname.
  llvm::StringRef Domain = Line.drop_front(2);
  if (Certname.equals_insensitive(Domain))
    return true;
  return Certname.size() > Domain.size() + 1 &&
         Certname.take_back(Domain.size()).equals_insensitive(Domain) &&
         Certname[Certname.size() - Domain.size() - 1] == '.';
}

static bool allowlistSigns(llvm::StringRef Path, llvm::StringRef Certname,
                           std::vector<std::string> *Warnings) {
  auto Text = readFile(Path);
  if (!Text) {
    if (Warnings)
      Warnings->push_back("cannot read autosign file " + Path.str() + ": " +
                          llvm::toString(Text.takeError()));
    else
      llvm::consumeError(Text.takeError());
    return false;
  }
  llvm::SmallVector<llvm::StringRef, 16> Lines;
  llvm::StringRef(*Text).split(Lines, '\n');
  unsigned LineNo = 0;
  for (llvm::StringRef Line : Lines) {
    ++LineNo;
    Line = Line.trim();
    if (Line.empty() || Line.startswith("#"))
      continue;
    if (const char *Why = invalidLine(Line); *Why) {
      if (Warnings)
        Warnings->push_back("invalid pattern '" + Line.str() + "' at " +
                            Path.str() + ":" + std::to_string(LineNo) + " (" +
                            Why + "); ignored");
      continue;
    }
    if (allowlistLineMatches(Line, Certname))
      return true;
  }
  return false;
}

static bool policySigns(llvm::StringRef Path, llvm::StringRef Certname,
                        llvm::StringRef CsrPem,
                        std::vector<std::string> *Warnings,
                        std::chrono::milliseconds Timeout) {
  ProcessSpec Spec;
  Spec.Argv = {Path.str(), Certname.str()};
  Spec.Stdin = CsrPem.str();
  Spec.Timeout = Timeout;
  Spec.MergeStderr = false;
  auto Result = runProcess(Spec);
  if (!Result) {
    std::string Message = llvm::toString(Result.takeError());
    if (Warnings)
      Warnings->push_back("autosign policy " + Path.str() +
                          " could not run: " + Message);
    return false;
  }
  if (Warnings && !llvm::StringRef(Result->Errors).trim().empty())
    Warnings->push_back("autosign policy " + Path.str() + ": " +
                        llvm::StringRef(Result->Errors).trim().str());
  if (Warnings && Result->TimedOut)
    Warnings->push_back("autosign policy " + Path.str() + " timed out");
  return Result->succeeded();
}

bool shouldAutosign(const AutosignPolicy &Policy, llvm::StringRef Certname,
                    llvm::StringRef CsrPem, std::vector<std::string> *Warnings,
                    std::chrono::milliseconds Timeout) {
  switch (Policy.Mode) {
  case AutosignPolicy::Kind::Off:
    return false;
  case AutosignPolicy::Kind::All:
    return true;
  case AutosignPolicy::Kind::Allowlist:
    return allowlistSigns(Policy.Path, Certname, Warnings);
  case AutosignPolicy::Kind::Executable:
    return policySigns(Policy.Path, Certname, CsrPem, Warnings, Timeout);
  }
  return false;
}

} // namespace cppet::pki
