//===- Certname.cpp - Puppet's rules for certificate names ----------------===//
#include "cppet/PKI/Certname.h"

#include "llvm/ADT/StringExtras.h"

namespace cppet::pki {

static llvm::Error invalid(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message.str());
}

static bool isWordChar(char C) { return llvm::isAlnum(C) || C == '_'; }

llvm::Error validateCertname(llvm::StringRef Name) {
  if (llvm::any_of(Name, [](char C) { return C >= 'A' && C <= 'Z'; }))
    return invalid("Certificate names must be lower case.");
  if (Name.contains('*'))
    return invalid("Subject contains a wildcard, which is not allowed: " +
                   Name);
  // puppetserver's valid-subject?: a word character first and last,
  // word characters, '.' and '-' between.
  bool Valid = !Name.empty() && isWordChar(Name.front()) &&
               isWordChar(Name.back()) && llvm::all_of(Name, [](char C) {
                 return isWordChar(C) || C == '.' || C == '-';
               });
  if (!Valid)
    return invalid("Subject hostname format is invalid");
  return llvm::Error::success();
}

} // namespace cppet::pki
