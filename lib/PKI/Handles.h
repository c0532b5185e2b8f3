//===- Handles.h - RAII for OpenSSL objects (private to lib/PKI) -*- C++ -*-=//
#ifndef CPPET_LIB_PKI_HANDLES_H
#define CPPET_LIB_PKI_HANDLES_H

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <ctime>
#include <memory>
#include <string>

namespace cppet::pki {

template <typename T, void (*Free)(T *)> struct OpenSSLDeleter {
  void operator()(T *P) const { Free(P); }
};
template <typename T, void (*Free)(T *)>
using OpenSSLPtr = std::unique_ptr<T, OpenSSLDeleter<T, Free>>;

using PKeyPtr = OpenSSLPtr<EVP_PKEY, EVP_PKEY_free>;
using X509Ptr = OpenSSLPtr<X509, X509_free>;
using ReqPtr = OpenSSLPtr<X509_REQ, X509_REQ_free>;
using CrlPtr = OpenSSLPtr<X509_CRL, X509_CRL_free>;
using BioPtr = OpenSSLPtr<BIO, BIO_free_all>;
using ExtPtr = OpenSSLPtr<X509_EXTENSION, X509_EXTENSION_free>;
using NamePtr = OpenSSLPtr<X509_NAME, X509_NAME_free>;
using IntPtr = OpenSSLPtr<ASN1_INTEGER, ASN1_INTEGER_free>;
using TimePtr = OpenSSLPtr<ASN1_TIME, ASN1_TIME_free>;
using RevokedPtr = OpenSSLPtr<X509_REVOKED, X509_REVOKED_free>;
using GeneralNamesPtr = OpenSSLPtr<GENERAL_NAMES, GENERAL_NAMES_free>;
using ObjectPtr = OpenSSLPtr<ASN1_OBJECT, ASN1_OBJECT_free>;
using OctetPtr = OpenSSLPtr<ASN1_OCTET_STRING, ASN1_OCTET_STRING_free>;

struct ExtStackDeleter {
  void operator()(STACK_OF(X509_EXTENSION) * S) const {
    sk_X509_EXTENSION_pop_free(S, X509_EXTENSION_free);
  }
};
using ExtStackPtr = std::unique_ptr<STACK_OF(X509_EXTENSION), ExtStackDeleter>;

/// An error carrying Message and OpenSSL's queued errors (then cleared).
llvm::Error opensslError(const llvm::Twine &Message);

llvm::Expected<PKeyPtr> parsePrivateKey(llvm::StringRef Pem);
llvm::Expected<X509Ptr> parseCertificate(llvm::StringRef Pem);
llvm::Expected<ReqPtr> parseRequest(llvm::StringRef Pem);
llvm::Expected<CrlPtr> parseCrl(llvm::StringRef Pem);

std::string privateKeyPem(EVP_PKEY *Key);
std::string publicKeyPem(EVP_PKEY *Key);
std::string certificatePemOf(X509 *Cert);
std::string requestPemOf(X509_REQ *Req);
std::string crlPemOf(X509_CRL *Crl);

/// Colon-separated upper-case hex digest of DER bytes.
std::string fingerprintOf(llvm::StringRef Der, const EVP_MD *MD);
std::string derOf(X509 *Cert);
std::string derOf(X509_REQ *Req);

/// The dotted OID of Obj.
std::string oidText(const ASN1_OBJECT *Obj);
/// The text inside an ASN.1 string value of an extension or attribute, or
/// hex of the bytes when they are not a string.
std::string extensionValueText(const ASN1_OCTET_STRING *Data);
/// "DNS:x" / "IP:a.b.c.d" entries of a GENERAL_NAMES.
std::vector<std::string> generalNamesText(const GENERAL_NAMES *Names);
/// The CN of a name, or "".
std::string commonNameOf(const X509_NAME *Name);
/// A non-critical extension Oid whose value is the DER UTF8String Value, as
/// Puppet's extension requests and pp_* certificate extensions are.
ExtPtr utf8Extension(const ASN1_OBJECT *Oid, llvm::StringRef Value);
/// "2026-11-25T17:45:43UTC".
std::string puppetTime(const ASN1_TIME *T);

} // namespace cppet::pki

#endif // CPPET_LIB_PKI_HANDLES_H
