//===- CsrFuzzer.cpp - libFuzzer entry point for CSR handling -------------===//
//
// Feeds arbitrary bytes as a certificate signing request to what the master
// does with an agent's PUT certificate_request: inspectRequest() and
// CertificateAuthority::submitRequest(), against one CA set up at start in
// a temporary directory (1024-bit RSA keys, autosign on, SANs and
// authorization extensions allowed, so accepted requests go on to signing).
//
// An input starting with "-----" is used as PEM text as it is; any other
// input is taken as DER and wrapped in a PEM envelope. When the DER parses
// as a CSR, it is also re-signed with a fixed key before submission: a
// mutated CSR almost never carries a valid signature, and without this the
// subject, SAN and extension checks and the signing code behind them would
// only ever see the seeds. Everything must come back as a value or an
// llvm::Error: no crash, no sanitizer report.
//
//===----------------------------------------------------------------------===//
#include "cppet/PKI/CertificateAuthority.h"
#include "cppet/PKI/Request.h"

#include "llvm/Support/Base64.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <unistd.h>

using namespace cppet;

namespace {

struct Fixture {
  std::string Dir;
  std::optional<pki::CertificateAuthority> CA;
  /// The key fuzzed DER requests are re-signed with.
  EVP_PKEY *Key = nullptr;
};

Fixture *TheFixture = nullptr;

void removeFixture() {
  if (TheFixture && !TheFixture->Dir.empty())
    (void)llvm::sys::fs::remove_directories(TheFixture->Dir);
}

Fixture &fixture() {
  if (TheFixture)
    return *TheFixture;
  TheFixture = new Fixture;
  // On tmpfs when there is one: the CA fsyncs every file it writes.
  std::string Template = ::access("/dev/shm", W_OK) == 0
                             ? "/dev/shm/cppet-csr-fuzzer.XXXXXX"
                             : "/tmp/cppet-csr-fuzzer.XXXXXX";
  if (!::mkdtemp(Template.data())) {
    llvm::errs() << "csr-fuzzer: cannot create a temporary directory\n";
    std::abort();
  }
  TheFixture->Dir = Template;
  std::atexit(removeFixture);

  pki::CAOptions O;
  O.Ssldir = TheFixture->Dir + "/ssl";
  O.Certname = "ca.fuzz.test";
  O.Keys.Bits = 1024;
  O.AllowSubjectAltNames = true;
  O.AllowAuthorizationExtensions = true;
  O.Autosign = pki::AutosignPolicy::fromSetting("true");
  llvm::Expected<pki::CertificateAuthority> CA =
      pki::CertificateAuthority::setup(O);
  if (!CA) {
    llvm::errs() << "csr-fuzzer: CA setup: " << llvm::toString(CA.takeError())
                 << "\n";
    std::abort();
  }
  TheFixture->CA.emplace(std::move(*CA));

  llvm::Expected<std::string> KeyPem =
      pki::generatePrivateKey({pki::KeyType::RSA, 1024, "prime256v1"});
  if (!KeyPem) {
    llvm::errs() << "csr-fuzzer: key: " << llvm::toString(KeyPem.takeError())
                 << "\n";
    std::abort();
  }
  BIO *B = BIO_new_mem_buf(KeyPem->data(), static_cast<int>(KeyPem->size()));
  TheFixture->Key = PEM_read_bio_PrivateKey(B, nullptr, nullptr, nullptr);
  BIO_free(B);
  if (!TheFixture->Key)
    std::abort();
  return *TheFixture;
}

std::string pemOf(llvm::StringRef Der) {
  std::string Base64 = llvm::encodeBase64(Der);
  std::string Pem = "-----BEGIN CERTIFICATE REQUEST-----\n";
  for (size_t I = 0; I < Base64.size(); I += 64)
    Pem += Base64.substr(I, 64) + "\n";
  Pem += "-----END CERTIFICATE REQUEST-----\n";
  return Pem;
}

/// The DER request re-signed with Key (its public key replaced), as PEM;
/// nothing when the DER is not a request OpenSSL can re-sign.
std::optional<std::string> resigned(llvm::StringRef Der, EVP_PKEY *Key) {
  const unsigned char *P = reinterpret_cast<const unsigned char *>(Der.data());
  std::unique_ptr<X509_REQ, decltype(&X509_REQ_free)> Req(
      d2i_X509_REQ(nullptr, &P, static_cast<long>(Der.size())), X509_REQ_free);
  std::optional<std::string> Result;
  if (Req && X509_REQ_set_pubkey(Req.get(), Key) == 1 &&
      X509_REQ_sign(Req.get(), Key, EVP_sha256()) > 0) {
    BIO *B = BIO_new(BIO_s_mem());
    if (PEM_write_bio_X509_REQ(B, Req.get()) == 1) {
      char *Data = nullptr;
      long Len = BIO_get_mem_data(B, &Data);
      Result.emplace(Data, static_cast<size_t>(Len));
    }
    BIO_free(B);
  }
  ERR_clear_error();
  return Result;
}

/// Submits Pem under its own CN (or a fixed name), then forgets the
/// request and certificate again so the next input is not a duplicate.
void submit(Fixture &F, const std::string &Pem) {
  std::string Name = "agent.fuzz.test";
  if (llvm::Expected<pki::RequestInfo> Info = pki::inspectRequest(Pem)) {
    if (!Info->CommonName.empty())
      Name = Info->CommonName;
  } else {
    llvm::consumeError(Info.takeError());
  }
  std::vector<std::string> Warnings;
  llvm::Expected<pki::SubmitOutcome> Outcome =
      F.CA->submitRequest(Name, Pem, &Warnings);
  if (!Outcome) {
    llvm::consumeError(Outcome.takeError());
    return;
  }
  // Accepted names are valid certnames, so these paths stay in the CA.
  ::unlink(F.CA->requestPath(Name).c_str());
  ::unlink(F.CA->signedPath(Name).c_str());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  Fixture &F = fixture();
  llvm::StringRef Input(reinterpret_cast<const char *>(Data), Size);
  if (Input.startswith("-----")) {
    submit(F, Input.str());
    return 0;
  }
  submit(F, pemOf(Input));
  if (std::optional<std::string> Pem = resigned(Input, F.Key))
    submit(F, *Pem);
  return 0;
}
