//===- Request.h - Keys and certificate signing requests --------*- C++ -*-===//
//
// What an agent makes before it has a certificate (a key pair and a CSR
// carrying its certname, dns_alt_names and csr_attributes), and what the CA
// reads back out of a CSR. Everything crosses this interface as PEM text;
// no OpenSSL type appears here.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_PKI_REQUEST_H
#define CPPET_PKI_REQUEST_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <utility>
#include <vector>

namespace cppet::pki {

enum class KeyType { RSA, EC };

struct KeySpec {
  KeyType Type = KeyType::RSA;
  /// RSA modulus size (Puppet's keylength, default 4096).
  unsigned Bits = 4096;
  /// EC curve (Puppet's named_curve).
  std::string Curve = "prime256v1";
};

/// A new private key as PEM (PKCS#1 for RSA, SEC1 for EC, as Puppet writes
/// them).
llvm::Expected<std::string> generatePrivateKey(const KeySpec &Spec);

/// The public half of a PEM private key, as a PEM public key.
llvm::Expected<std::string> publicKeyOf(llvm::StringRef PrivateKeyPem);

/// What goes into a CSR, as the Puppet agent builds it.
struct RequestSpec {
  std::string Certname;
  /// dns_alt_names entries: "name", "DNS:name" or "IP:addr". When not
  /// empty, the certname is added as a DNS name as Puppet does.
  std::vector<std::string> DnsAltNames;
  /// csr_attributes' custom_attributes: OID (or "challengePassword") ->
  /// value, each a PKCS#9 attribute.
  std::vector<std::pair<std::string, std::string>> CustomAttributes;
  /// csr_attributes' extension_requests: OID or pp_* short name -> value,
  /// each a non-critical extension holding a UTF8String.
  std::vector<std::pair<std::string, std::string>> ExtensionRequests;
};

/// A CSR signed with SHA256 by the key in PrivateKeyPem, as PEM.
llvm::Expected<std::string> makeRequest(llvm::StringRef PrivateKeyPem,
                                        const RequestSpec &Spec);

/// What a CSR says, read back for the CA and for autosign policies.
struct RequestInfo {
  /// The subject's CN (empty if it has none).
  std::string CommonName;
  /// "RSA" or "EC" (others by their OpenSSL name).
  std::string KeyAlgorithm;
  /// Subject alternative names, "DNS:name" / "IP:addr".
  std::vector<std::string> SubjectAltNames;
  /// Custom attributes (challengePassword, ...): dotted OID or short name ->
  /// value.
  std::vector<std::pair<std::string, std::string>> CustomAttributes;
  /// Requested extensions other than subjectAltName: dotted OID -> value
  /// (the string inside, or hex of the DER when it is not a string).
  std::vector<std::pair<std::string, std::string>> ExtensionRequests;
  /// SHA256 of the DER, colon-separated upper-case hex.
  std::string Fingerprint;
  /// The CSR is signed by the key it carries.
  bool SignatureValid = false;
};

llvm::Expected<RequestInfo> inspectRequest(llvm::StringRef CsrPem);

/// Puppet's short name of a pp_* OID (1.3.6.1.4.1.34380.1.*), or the OID.
std::string ppOidName(llvm::StringRef Oid);
/// The OID of a pp_* short name, or Name when it is not one.
std::string ppOidFromName(llvm::StringRef Name);

} // namespace cppet::pki

#endif // CPPET_PKI_REQUEST_H
