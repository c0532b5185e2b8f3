//===- Certname.h - Puppet's rules for certificate names --------*- C++ -*-===//
//
// A certname names a node everywhere: the subject CN of its certificate, the
// file names in the ssldir, the key of the CA endpoints. The CA accepts a
// name only under puppetserver's rules (validate-subject!): lower case,
// letters, digits, '.', '-', '_'; no wildcard; starting with a letter,
// digit or '_' and ending with one.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_PKI_CERTNAME_H
#define CPPET_PKI_CERTNAME_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace cppet::pki {

/// Checks Name with puppetserver's messages ("Certificate names must be
/// lower case.", "Subject contains a wildcard, which is not allowed: NAME",
/// "Subject hostname format is invalid").
llvm::Error validateCertname(llvm::StringRef Name);

inline bool isValidCertname(llvm::StringRef Name) {
  if (llvm::Error E = validateCertname(Name)) {
    llvm::consumeError(std::move(E));
    return false;
  }
  return true;
}

} // namespace cppet::pki

#endif // CPPET_PKI_CERTNAME_H
