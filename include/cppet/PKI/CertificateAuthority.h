//===- CertificateAuthority.h - The Puppet-compatible CA --------*- C++ -*-===//
//
// The certificate authority of a cppet master, over a Puppet-like ssldir:
//
//   SSLDIR/ca/ca_key.pem (0600) ca_pub.pem ca_crt.pem ca_crl.pem serial
//             inventory.txt requests/NAME.pem signed/NAME.pem
//   SSLDIR/private_keys/NAME.pem (0600) public_keys/NAME.pem
//   SSLDIR/certs/NAME.pem certs/ca.pem crl.pem
//
// setup() creates the CA (self-signed, "Puppet CA: CERTNAME") and the
// server's own key and certificate; open() uses an existing one. Requests
// are checked and stored as puppetserver does (certificate_authority.clj),
// certificates carry puppetserver's extensions, revocations go to a CRL
// whose number grows with each change. Every mutation holds an flock on
// SSLDIR/ca/.lock, so the server and the command line may share a CA.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_PKI_CERTIFICATEAUTHORITY_H
#define CPPET_PKI_CERTIFICATEAUTHORITY_H

#include "cppet/Catalog/Catalog.h"
#include "cppet/PKI/Autosign.h"
#include "cppet/PKI/Request.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cppet::pki {

struct CAOptions {
  std::string Ssldir = "/etc/cppet/ssl";
  /// The CA directory; empty means SSLDIR/ca.
  std::string Cadir;
  /// The server's certname (the CA is "Puppet CA: <Certname>").
  std::string Certname;
  /// The server certificate's extra SANs ("name", "DNS:name", "IP:addr");
  /// empty gives puppetserver's default, `puppet`.
  std::vector<std::string> DnsAltNames;
  /// Keys the CA makes (its own, the server's, `generate`'s).
  KeySpec Keys;
  /// Validity of issued certificates and of the CA (Puppet's ca_ttl).
  int64_t TtlSeconds = int64_t{5} * 365 * 24 * 3600;
  /// ca.conf's allow-subject-alt-names / allow-authorization-extensions /
  /// allow-duplicate-certs.
  bool AllowSubjectAltNames = false;
  bool AllowAuthorizationExtensions = false;
  bool AllowDuplicateCerts = false;
  AutosignPolicy Autosign;
};

enum class CertState { Requested, Signed, Revoked };
const char *certStateName(CertState S);

/// One entry of /puppet-ca/v1/certificate_status.
struct CertStatus {
  std::string Name;
  CertState State = CertState::Requested;
  /// SHA256 of the certificate (or the CSR when requested).
  std::string Fingerprint;
  /// Algorithm ("SHA1", "SHA256", "SHA512", "default") -> fingerprint.
  std::map<std::string, std::string> Fingerprints;
  /// The DNS: entries of SubjectAltNames.
  std::vector<std::string> DnsAltNames;
  std::vector<std::string> SubjectAltNames;
  /// pp_auth extensions (1.3.6.1.4.1.34380.1.3.*) by short name.
  std::vector<std::pair<std::string, std::string>> AuthorizationExtensions;
  /// Signed and revoked only.
  std::optional<uint64_t> Serial;
  /// "2026-11-25T17:45:43UTC"; signed and revoked only.
  std::string NotBefore, NotAfter;

  /// The JSON shape of certificate_status (wire protocol §2.3).
  catalog::Json toJson() const;
  /// The status that toJson() printed (as certificate_status answers it).
  static llvm::Expected<CertStatus> fromJson(const catalog::Json &J);
};

/// GET /puppet-ca/v1/expirations: the CA certificates' and the CRLs'
/// expiry ("2031-11-25T17:45:08UTC"), by the CN of their subject or issuer.
struct Expirations {
  std::map<std::string, std::string> CACerts, Crls;
};

/// What a submitted request led to.
enum class SubmitOutcome { Saved, Autosigned };

/// A key and certificate made by `generate`.
struct GeneratedCertificate {
  std::string PrivateKeyPath, CertificatePath;
};

class CertificateAuthority {
public:
  /// Creates whatever is missing of the CA and of the server's own
  /// credentials; keeps what exists (idempotent).
  static llvm::Expected<CertificateAuthority> setup(const CAOptions &Options);
  /// Opens an existing CA; fails when it has not been set up.
  static llvm::Expected<CertificateAuthority> open(const CAOptions &Options);

  CertificateAuthority(CertificateAuthority &&) noexcept;
  CertificateAuthority &operator=(CertificateAuthority &&) noexcept;
  ~CertificateAuthority();

  /// PUT certificate_request/NAME: the duplicate and subject checks, then
  /// the CSR is saved and, if the autosign policy says so, signed.
  /// Warnings from the autosign policy go to Warnings.
  llvm::Expected<SubmitOutcome>
  submitRequest(llvm::StringRef Name, llvm::StringRef CsrPem,
                std::vector<std::string> *Warnings = nullptr);

  /// Signs the waiting request of Name (signature, SAN and extension checks
  /// first); the CSR is removed once the certificate is saved. TtlSeconds
  /// overrides the CA's validity (certificate_status's cert_ttl).
  llvm::Error sign(llvm::StringRef Name,
                   std::optional<int64_t> TtlSeconds = std::nullopt);
  /// The checks sign() makes, without signing: puppetserver's validate-csr
  /// (certificate_status answers 409 with the message).
  llvm::Error checkRequest(llvm::StringRef Name) const;
  /// Revokes the certificate of Name (reason keyCompromise).
  llvm::Error revoke(llvm::StringRef Name);
  /// Revokes (if signed and not yet revoked) and deletes the certificate and
  /// the request, so the node can start over.
  llvm::Error clean(llvm::StringRef Name);
  /// Deletes the certificate and the request of Name without revoking
  /// anything (DELETE certificate_status, as puppetserver does).
  llvm::Error discard(llvm::StringRef Name);
  /// A key and a signed certificate made here for Name (with these extra
  /// SANs, and pp_cli_auth "true" when CliAuth: an admin certificate for
  /// the certificate_status API), saved like the server's own.
  llvm::Expected<GeneratedCertificate>
  generate(llvm::StringRef Name, llvm::ArrayRef<std::string> DnsAltNames,
           bool CliAuth = false);

  /// The status of one name: a signed or revoked certificate wins over a
  /// waiting request.
  llvm::Expected<CertStatus> status(llvm::StringRef Name) const;
  /// Every request and certificate, sorted by name.
  llvm::Expected<std::vector<CertStatus>> statuses() const;
  /// Whether Name has a signed (possibly revoked) certificate / a request.
  bool hasCertificate(llvm::StringRef Name) const;
  bool hasRequest(llvm::StringRef Name) const;
  llvm::Expected<Expirations> expirations() const;

  llvm::Expected<std::string> caCertificatePem() const;
  llvm::Expected<std::string> crlPem() const;
  /// The signed certificate of Name (also when revoked).
  llvm::Expected<std::string> certificatePem(llvm::StringRef Name) const;
  llvm::Expected<std::string> requestPem(llvm::StringRef Name) const;

  const std::string &ssldir() const;
  const std::string &cadir() const;
  std::string requestPath(llvm::StringRef Name) const;
  std::string signedPath(llvm::StringRef Name) const;

private:
  struct State;
  explicit CertificateAuthority(std::unique_ptr<State> S);
  static llvm::Expected<std::unique_ptr<State>>
  makeState(const CAOptions &Options);
  std::unique_ptr<State> S;
};

} // namespace cppet::pki

#endif // CPPET_PKI_CERTIFICATEAUTHORITY_H
