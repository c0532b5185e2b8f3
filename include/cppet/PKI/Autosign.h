//===- Autosign.h - Which requests the CA signs by itself -------*- C++ -*-===//
//
// Puppet's `autosign` setting: `false` (nothing; cppet's default), `true`
// (everything), the path of an executable policy (run with the certname as
// its argument and the CSR PEM on stdin; exit 0 signs), or the path of an
// allowlist (autosign.conf: exact names, `*` or leading `*.domain` globs).
// A path that does not exist signs nothing.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_PKI_AUTOSIGN_H
#define CPPET_PKI_AUTOSIGN_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <chrono>
#include <string>
#include <vector>

namespace cppet::pki {

struct AutosignPolicy {
  enum class Kind { Off, All, Allowlist, Executable };
  Kind Mode = Kind::Off;
  std::string Path;

  /// Interprets the setting's value as Puppet does; a relative or missing
  /// path gives Off.
  static AutosignPolicy fromSetting(llvm::StringRef Value);
};

/// Does one autosign.conf line match Certname? Lines are exact names, `*`,
/// or `*.domain` whose labels must end the certname (case-insensitive;
/// `*.test.com` also matches `test.com`). Comments and lines with spaces or
/// `#` elsewhere never match.
bool allowlistLineMatches(llvm::StringRef Line, llvm::StringRef Certname);

/// Decides for one request. Warnings (invalid allowlist lines, a policy's
/// stderr or failure to start) go to Warnings; they never sign.
bool shouldAutosign(
    const AutosignPolicy &Policy, llvm::StringRef Certname,
    llvm::StringRef CsrPem, std::vector<std::string> *Warnings = nullptr,
    std::chrono::milliseconds Timeout = std::chrono::milliseconds(60000));

} // namespace cppet::pki

#endif // CPPET_PKI_AUTOSIGN_H
