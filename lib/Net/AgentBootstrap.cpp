//===- AgentBootstrap.cpp - Puppet's SSL state machine --------------------===//
//
// shared/docs/puppet-wire-protocol.md section 1.2: NeedLock, NeedCACerts
// (insecure download), NeedCRLs, NeedKey, NeedSubmitCSR, NeedCert, Wait.
// Every retry starts over at NeedLock (the CA and the CRL are on disk by
// then). Files land where Puppet keeps them; private keys are 0600.
//
//===----------------------------------------------------------------------===//
#include "cppet/Net/Agent.h"

#include "cppet/Facts/Facts.h"
#include "cppet/PKI/Request.h"
#include "cppet/Support/FileSystem.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace cppet;
using namespace cppet::net;

//===----------------------------------------------------------------------===//
// LockFile
//===----------------------------------------------------------------------===//

llvm::Expected<LockFile> LockFile::acquire(const std::string &Path, bool Wait) {
  if (std::error_code EC =
          llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path)))
    return llvm::createStringError(EC, "Could not create the directory of " +
                                           Path + ": " + EC.message());
  int Fd = ::open(Path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (Fd < 0)
    return llvm::createStringError(
        std::error_code(errno, std::generic_category()),
        "Could not open " + Path + ": " + std::strerror(errno));
  if (::flock(Fd, Wait ? LOCK_EX : LOCK_EX | LOCK_NB) != 0) {
    char Buf[32] = {0};
    ssize_t N = ::pread(Fd, Buf, sizeof(Buf) - 1, 0);
    ::close(Fd);
    std::string Pid = N > 0 ? llvm::StringRef(Buf, N).trim().str() : "";
    return llvm::createStringError(
        std::make_error_code(std::errc::resource_unavailable_try_again),
        Path + " is locked" + (Pid.empty() ? "" : " by pid " + Pid));
  }
  std::string Pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(Fd, 0) == 0)
    (void)!::pwrite(Fd, Pid.data(), Pid.size(), 0);
  return LockFile(Fd, Path);
}

LockFile::~LockFile() {
  if (Fd < 0)
    return;
  ::unlink(Path.c_str());
  ::close(Fd);
}

//===----------------------------------------------------------------------===//
// OpenSSL pieces (RAII)
//===----------------------------------------------------------------------===//

namespace {
struct X509Free {
  void operator()(X509 *P) const { X509_free(P); }
};
struct PkeyFree {
  void operator()(EVP_PKEY *P) const { EVP_PKEY_free(P); }
};
struct BioFree {
  void operator()(BIO *P) const { BIO_free(P); }
};
struct StoreFree {
  void operator()(X509_STORE *P) const { X509_STORE_free(P); }
};
struct StoreCtxFree {
  void operator()(X509_STORE_CTX *P) const { X509_STORE_CTX_free(P); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using BioPtr = std::unique_ptr<BIO, BioFree>;
using StorePtr = std::unique_ptr<X509_STORE, StoreFree>;
using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, StoreCtxFree>;

BioPtr memoryBio(llvm::StringRef Text) {
  return BioPtr(BIO_new_mem_buf(Text.data(), static_cast<int>(Text.size())));
}

llvm::Error failure(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

/// How many certificates a PEM bundle holds.
int countCertificates(llvm::StringRef Pem) {
  BioPtr Bio = memoryBio(Pem);
  int N = 0;
  while (X509Ptr C =
             X509Ptr(PEM_read_bio_X509(Bio.get(), nullptr, nullptr, nullptr)))
    ++N;
  ERR_clear_error();
  return N;
}

int countCrls(llvm::StringRef Pem) {
  BioPtr Bio = memoryBio(Pem);
  int N = 0;
  while (X509_CRL *C =
             PEM_read_bio_X509_CRL(Bio.get(), nullptr, nullptr, nullptr)) {
    X509_CRL_free(C);
    ++N;
  }
  ERR_clear_error();
  return N;
}

/// Checks that CertPem is for KeyPem and chains to the CA (with the CRL as
/// Revocation says), in Puppet's words.
llvm::Error verifyClientCertificate(llvm::StringRef CertPem,
                                    llvm::StringRef KeyPem,
                                    const SslPaths &Paths,
                                    const std::string &Certname,
                                    RevocationCheck Revocation) {
  BioPtr CertBio = memoryBio(CertPem);
  X509Ptr Cert(PEM_read_bio_X509(CertBio.get(), nullptr, nullptr, nullptr));
  if (!Cert) {
    ERR_clear_error();
    return failure("The certificate for " + Certname + " is not PEM");
  }
  BioPtr KeyBio = memoryBio(KeyPem);
  PkeyPtr Key(PEM_read_bio_PrivateKey(KeyBio.get(), nullptr, nullptr, nullptr));
  if (!Key) {
    ERR_clear_error();
    return failure("Could not read the private key " + Paths.PrivateKey);
  }
  std::string Subject = "CN=" + Certname;
  if (X509_check_private_key(Cert.get(), Key.get()) != 1) {
    ERR_clear_error();
    return failure("The certificate for '" + Subject +
                   "' does not match its private key");
  }
  StorePtr Store(X509_STORE_new());
  X509_LOOKUP *Lookup = X509_STORE_add_lookup(Store.get(), X509_LOOKUP_file());
  if (!Lookup || X509_load_cert_crl_file(Lookup, Paths.CACert.c_str(),
                                         X509_FILETYPE_PEM) <= 0) {
    ERR_clear_error();
    return failure("Could not read the CA certificates " + Paths.CACert);
  }
  if (Revocation != RevocationCheck::None) {
    if (X509_load_cert_crl_file(Lookup, Paths.Crl.c_str(), X509_FILETYPE_PEM) <=
        0) {
      ERR_clear_error();
      return failure("Could not read the CRL " + Paths.Crl);
    }
    X509_STORE_set_flags(Store.get(), X509_V_FLAG_CRL_CHECK |
                                          (Revocation == RevocationCheck::Chain
                                               ? X509_V_FLAG_CRL_CHECK_ALL
                                               : 0));
  }
  StoreCtxPtr Ctx(X509_STORE_CTX_new());
  if (!Ctx ||
      X509_STORE_CTX_init(Ctx.get(), Store.get(), Cert.get(), nullptr) != 1)
    return failure("Could not set up certificate verification");
  if (X509_verify_cert(Ctx.get()) == 1)
    return llvm::Error::success();
  int Code = X509_STORE_CTX_get_error(Ctx.get());
  ERR_clear_error();
  if (Code == X509_V_ERR_CERT_REVOKED)
    return failure("Certificate '" + Subject + "' is revoked");
  if (Code == X509_V_ERR_CERT_NOT_YET_VALID)
    return failure("The certificate '" + Subject +
                   "' is not yet valid, verify time is synchronized");
  if (Code == X509_V_ERR_CERT_HAS_EXPIRED)
    return failure("The certificate '" + Subject +
                   "' has expired, verify time is synchronized");
  return failure("The certificate for '" + Subject + "' failed verification: " +
                 X509_verify_cert_error_string(Code));
}

void log(const AgentConfig &C, const std::string &Level,
         const std::string &Message) {
  if (!C.OnLog)
    return;
  apply::LogEntry E;
  E.Level = Level;
  E.Message = Message;
  E.Source = "Puppet";
  E.Tags = {Level};
  C.OnLog(E);
}

std::string caServer(const AgentConfig &C) {
  return C.CAServer.empty() ? C.Server : C.CAServer;
}
int caPort(const AgentConfig &C) { return C.CAPort > 0 ? C.CAPort : C.Port; }

/// csr_attributes.yaml: custom_attributes and extension_requests.
llvm::Error readCsrAttributes(const std::string &Path, pki::RequestSpec &Spec) {
  if (Path.empty() || !llvm::sys::fs::exists(Path))
    return llvm::Error::success();
  llvm::Expected<std::string> Text = readFile(Path);
  if (!Text)
    return Text.takeError();
  llvm::Expected<catalog::Json> J = facts::parseYamlFacts(*Text);
  if (!J)
    return failure("Could not read " + Path + ": " +
                   llvm::toString(J.takeError()));
  auto Str = [](const catalog::Json &V) {
    return V.is_string() ? V.get<std::string>() : V.dump();
  };
  for (auto It = J->begin(); It != J->end(); ++It) {
    if (It.key() != "custom_attributes" && It.key() != "extension_requests")
      return failure("Invalid CSR attributes, expected instance of Hash, "
                     "received instance of " +
                     It.key() + " in " + Path);
    if (!It->is_object())
      continue;
    auto &Into = It.key() == "custom_attributes" ? Spec.CustomAttributes
                                                 : Spec.ExtensionRequests;
    for (auto A = It->begin(); A != It->end(); ++A)
      Into.emplace_back(A.key(), Str(A.value()));
  }
  return llvm::Error::success();
}

llvm::Error makeDirectories(const std::string &Ssldir) {
  for (auto [Dir, Mode] : {std::pair<std::string, unsigned>{"", 0771},
                           {"/certs", 0755},
                           {"/private_keys", 0750},
                           {"/public_keys", 0755},
                           {"/certificate_requests", 0755},
                           {"/private", 0750}}) {
    std::string Path = Ssldir + Dir;
    if (std::error_code EC = llvm::sys::fs::create_directories(Path))
      return failure("Could not create " + Path + ": " + EC.message());
    if (Dir == "/private_keys" || Dir == "/private")
      ::chmod(Path.c_str(), Mode);
  }
  return llvm::Error::success();
}

enum class Step { Done, Wait };

/// One pass of the state machine from NeedCACerts; Done when the agent has
/// its certificate, Wait when it is not signed yet.
llvm::Expected<Step> bootstrapPass(const AgentConfig &C,
                                   const SslPaths &Paths) {
  const std::string Host = caServer(C);
  const int Port = caPort(C);
  const std::string CAUrl =
      "https://" + Host + ":" + std::to_string(Port) + "/puppet-ca/v1";
  // NeedCACerts: downloaded without verification, as Puppet does (pin it
  // with ca_fingerprint).
  if (!llvm::sys::fs::exists(Paths.CACert)) {
    ClientOptions O;
    O.Host = Host;
    O.Port = Port;
    O.Insecure = true;
    O.ConnectTimeoutSeconds = C.ConnectTimeoutSeconds;
    O.ReadTimeoutSeconds = C.ReadTimeoutSeconds;
    auto Cli = Client::create(O);
    if (!Cli)
      return Cli.takeError();
    auto R = (*Cli)->get("/puppet-ca/v1/certificate/ca", AcceptText);
    if (!R)
      return R.takeError();
    if (R->Status == 404)
      return failure("CA certificate is missing from the server");
    if (!R->ok())
      return responseError(*R);
    if (countCertificates(R->Body) == 0)
      return failure("Failed to parse CA certificates as PEM");
    if (!C.CAFingerprint.empty()) {
      std::string Expected;
      for (char Ch : C.CAFingerprint)
        if (llvm::isHexDigit(Ch))
          Expected += llvm::toLower(Ch);
      std::string Actual = sha256Hex(R->Body);
      if (Actual != Expected)
        return failure("CA bundle with digest (SHA256) " + Actual +
                       " did not match expected digest " + Expected);
      log(C, "info", "Verified CA bundle with digest (SHA256) " + Actual);
    }
    if (llvm::Error E = writeFileAtomically(Paths.CACert, R->Body, 0644))
      return E;
    log(C, "info", "Downloaded CA certificate from " + CAUrl);
  }
  // A client that verifies the CA (and the CRL once we have it).
  auto Verified = [&](bool WithCrl) {
    ClientOptions O;
    O.Host = Host;
    O.Port = Port;
    O.CAFile = Paths.CACert;
    if (WithCrl && C.Revocation != RevocationCheck::None) {
      O.CrlFile = Paths.Crl;
      O.Revocation = C.Revocation;
    } else {
      O.Revocation = RevocationCheck::None;
    }
    O.ConnectTimeoutSeconds = C.ConnectTimeoutSeconds;
    O.ReadTimeoutSeconds = C.ReadTimeoutSeconds;
    return Client::create(O);
  };
  // NeedCRLs.
  if (C.Revocation != RevocationCheck::None &&
      !llvm::sys::fs::exists(Paths.Crl)) {
    auto Cli = Verified(false);
    if (!Cli)
      return Cli.takeError();
    auto R =
        (*Cli)->get("/puppet-ca/v1/certificate_revocation_list/ca", AcceptText);
    if (!R)
      return R.takeError();
    if (R->Status == 404)
      return failure("CRL is missing from the server");
    if (!R->ok())
      return responseError(*R);
    if (countCrls(R->Body) == 0)
      return failure("Failed to parse CRLs as PEM");
    if (llvm::Error E = writeFileAtomically(Paths.Crl, R->Body, 0644))
      return E;
    log(C, "info", "Downloaded certificate revocation list from " + CAUrl);
  }
  // NeedKey.
  std::string KeyPem;
  if (llvm::sys::fs::exists(Paths.PrivateKey)) {
    auto K = readFile(Paths.PrivateKey);
    if (!K)
      return K.takeError();
    KeyPem = std::move(*K);
  } else {
    log(C, "info", "Creating a new RSA SSL key for " + C.Certname);
    pki::KeySpec Spec;
    Spec.Bits = C.KeyLength;
    auto K = pki::generatePrivateKey(Spec);
    if (!K)
      return K.takeError();
    KeyPem = std::move(*K);
    if (llvm::Error E = writeFileAtomically(Paths.PrivateKey, KeyPem, 0600))
      return E;
  }
  if (llvm::sys::fs::exists(Paths.Certificate)) {
    auto Cert = readFile(Paths.Certificate);
    if (!Cert)
      return Cert.takeError();
    if (llvm::Error E = verifyClientCertificate(*Cert, KeyPem, Paths,
                                                C.Certname, C.Revocation))
      return E;
    return Step::Done;
  }
  // NeedSubmitCSR.
  pki::RequestSpec Spec;
  Spec.Certname = C.Certname;
  Spec.DnsAltNames = C.DnsAltNames;
  if (!C.CsrAttributesFile.empty() &&
      llvm::sys::fs::exists(C.CsrAttributesFile))
    log(C, "info", "csr_attributes file loading from " + C.CsrAttributesFile);
  if (llvm::Error E = readCsrAttributes(C.CsrAttributesFile, Spec))
    return E;
  log(C, "info", "Creating a new SSL certificate request for " + C.Certname);
  auto Csr = pki::makeRequest(KeyPem, Spec);
  if (!Csr)
    return Csr.takeError();
  auto Info = pki::inspectRequest(*Csr);
  if (!Info)
    return Info.takeError();
  log(C, "info",
      "Certificate Request fingerprint (SHA256): " + Info->Fingerprint);
  auto Cli = Verified(true);
  if (!Cli)
    return Cli.takeError();
  auto R =
      (*Cli)->put("/puppet-ca/v1/certificate_request/" + pathEncode(C.Certname),
                  *Csr, "text/plain", AcceptText);
  if (!R)
    return R.takeError();
  if (R->ok()) {
    log(C, "info",
        "Submitted certificate request for " + C.Certname + " to " + CAUrl);
    if (llvm::Error E = writeFileAtomically(Paths.Request, *Csr, 0644))
      return E;
  } else if (R->Status == 400) {
    // "already has a requested certificate": go and look for it.
    log(C, "info",
        "Could not submit certificate request for " + C.Certname + " to " +
            CAUrl + " due to a conflict on the server");
  } else {
    return failure("Failed to submit the CSR, HTTP response was " +
                   std::to_string(R->Status));
  }
  // NeedCert.
  auto Got = (*Cli)->get("/puppet-ca/v1/certificate/" + pathEncode(C.Certname),
                         AcceptText);
  if (!Got)
    return Got.takeError();
  if (Got->Status == 404) {
    log(C, "info",
        "Certificate for " + C.Certname + " has not been signed yet");
    log(C, "notice",
        "Couldn't fetch certificate from CA server; you might "
        "still need to sign this agent's certificate (" +
            C.Certname + ").");
    return Step::Wait;
  }
  if (!Got->ok())
    return responseError(*Got);
  if (llvm::Error E = verifyClientCertificate(Got->Body, KeyPem, Paths,
                                              C.Certname, C.Revocation))
    return E;
  if (llvm::Error E = writeFileAtomically(Paths.Certificate, Got->Body, 0644))
    return E;
  ::unlink(Paths.Request.c_str());
  log(C, "info", "Downloaded certificate for " + C.Certname + " from " + CAUrl);
  return Step::Done;
}
} // namespace

SslPaths SslPaths::of(const std::string &Ssldir, const std::string &Certname) {
  SslPaths P;
  P.CACert = Ssldir + "/certs/ca.pem";
  P.Crl = Ssldir + "/crl.pem";
  P.PrivateKey = Ssldir + "/private_keys/" + Certname + ".pem";
  P.PublicKey = Ssldir + "/public_keys/" + Certname + ".pem";
  P.Certificate = Ssldir + "/certs/" + Certname + ".pem";
  P.Request = Ssldir + "/certificate_requests/" + Certname + ".pem";
  P.Lock = Ssldir + "/ssl.lock";
  return P;
}

llvm::Error net::bootstrapSsl(const AgentConfig &C) {
  if (C.Certname.empty())
    return failure("The certname is not set");
  const SslPaths Paths = SslPaths::of(C.Ssldir, C.Certname);
  if (llvm::Error E = makeDirectories(C.Ssldir))
    return E;
  auto Deadline = std::chrono::steady_clock::now() +
                  std::chrono::seconds(C.MaxWaitForCertSeconds);
  for (;;) {
    llvm::Expected<Step> S = [&]() -> llvm::Expected<Step> {
      // NeedLock: a second agent bootstrapping at once fails (waitforlock
      // 0, Puppet's default).
      auto Lock = LockFile::acquire(Paths.Lock);
      if (!Lock)
        return failure("Another agent is bootstrapping its SSL (" +
                       llvm::toString(Lock.takeError()) + ")");
      return bootstrapPass(C, Paths);
    }();
    if (!S)
      return S.takeError();
    if (*S == Step::Done)
      return llvm::Error::success();
    // Wait.
    if (C.WaitForCertSeconds <= 0)
      return failure(
          "Exiting now because the waitforcert setting is set to 0.");
    if (C.MaxWaitForCertSeconds > 0 &&
        std::chrono::steady_clock::now() >= Deadline)
      return failure("Couldn't fetch certificate from CA server; you might "
                     "still need to sign this agent's certificate (" +
                     C.Certname +
                     "). Exiting now because the maxwaitforcert timeout has "
                     "been exceeded.");
    log(C, "info",
        "Will try again in " + std::to_string(C.WaitForCertSeconds) +
            " seconds.");
    if (C.Sleep) {
      if (!C.Sleep(C.WaitForCertSeconds))
        return failure("Stopped while waiting for the certificate");
    } else {
      std::this_thread::sleep_for(std::chrono::seconds(C.WaitForCertSeconds));
    }
  }
}

llvm::Expected<std::unique_ptr<Client>>
net::agentClient(const AgentConfig &C, const std::string &Host, int Port) {
  const SslPaths Paths = SslPaths::of(C.Ssldir, C.Certname);
  ClientOptions O;
  O.Host = Host;
  O.Port = Port;
  O.CAFile = Paths.CACert;
  O.Revocation = C.Revocation;
  if (C.Revocation != RevocationCheck::None)
    O.CrlFile = Paths.Crl;
  O.CertFile = Paths.Certificate;
  O.KeyFile = Paths.PrivateKey;
  O.ConnectTimeoutSeconds = C.ConnectTimeoutSeconds;
  O.ReadTimeoutSeconds = C.ReadTimeoutSeconds;
  O.MaxRetryAfterSeconds = C.RunIntervalSeconds;
  return Client::create(O);
}
