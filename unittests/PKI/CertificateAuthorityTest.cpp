//===- CertificateAuthorityTest.cpp - the CA over a temporary ssldir ------===//
#include "cppet/PKI/CertificateAuthority.h"
#include "cppet/PKI/Autosign.h"
#include "cppet/PKI/Certname.h"
#include "cppet/PKI/Request.h"
#include "cppet/Support/FileSystem.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"

#include "gtest/gtest.h"

#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <sys/stat.h>

using namespace cppet;
using namespace cppet::pki;

namespace {

template <typename T> T must(llvm::Expected<T> V) {
  if (!V) {
    ADD_FAILURE() << llvm::toString(V.takeError());
    return T();
  }
  return std::move(*V);
}

std::string errorOf(llvm::Error E) {
  return E ? llvm::toString(std::move(E)) : std::string();
}
template <typename T> std::string errorOf(llvm::Expected<T> V) {
  return V ? std::string() : llvm::toString(V.takeError());
}

unsigned modeOf(const std::string &Path) {
  struct stat St;
  if (::stat(Path.c_str(), &St) != 0)
    return 0;
  return St.st_mode & 07777;
}

struct X509Deleter {
  void operator()(X509 *P) const { X509_free(P); }
};
struct CrlDeleter {
  void operator()(X509_CRL *P) const { X509_CRL_free(P); }
};
using X509Ptr = std::unique_ptr<X509, X509Deleter>;
using CrlPtr = std::unique_ptr<X509_CRL, CrlDeleter>;

X509Ptr parseCert(const std::string &Pem) {
  BIO *B = BIO_new_mem_buf(Pem.data(), static_cast<int>(Pem.size()));
  X509Ptr C(PEM_read_bio_X509(B, nullptr, nullptr, nullptr));
  BIO_free(B);
  return C;
}

CrlPtr parseCrl(const std::string &Pem) {
  BIO *B = BIO_new_mem_buf(Pem.data(), static_cast<int>(Pem.size()));
  CrlPtr C(PEM_read_bio_X509_CRL(B, nullptr, nullptr, nullptr));
  BIO_free(B);
  return C;
}

/// Verifies Leaf against CA (and, when given, the CRL) with OpenSSL;
/// returns the X509_V_ code.
int verify(const std::string &CaPem, const std::string &LeafPem,
           const std::string &CrlPem = "") {
  X509Ptr Ca = parseCert(CaPem), Leaf = parseCert(LeafPem);
  EXPECT_TRUE(Ca && Leaf);
  if (!Ca || !Leaf)
    return -1;
  X509_STORE *Store = X509_STORE_new();
  X509_STORE_add_cert(Store, Ca.get());
  CrlPtr Crl;
  if (!CrlPem.empty()) {
    Crl = parseCrl(CrlPem);
    X509_STORE_add_crl(Store, Crl.get());
    X509_STORE_set_flags(Store, X509_V_FLAG_CRL_CHECK);
  }
  X509_STORE_CTX *Ctx = X509_STORE_CTX_new();
  X509_STORE_CTX_init(Ctx, Store, Leaf.get(), nullptr);
  X509_STORE_CTX_set_purpose(Ctx, X509_PURPOSE_SSL_CLIENT);
  int Ok = X509_verify_cert(Ctx);
  int Code = Ok == 1 ? X509_V_OK : X509_STORE_CTX_get_error(Ctx);
  X509_STORE_CTX_free(Ctx);
  X509_STORE_free(Store);
  return Code;
}

/// The text OpenSSL prints for one extension of Cert (by NID), or "".
std::string extensionText(X509 *Cert, int Nid) {
  int Index = X509_get_ext_by_NID(Cert, Nid, -1);
  if (Index < 0)
    return "";
  BIO *B = BIO_new(BIO_s_mem());
  X509V3_EXT_print(B, X509_get_ext(Cert, Index), 0, 0);
  char *Data = nullptr;
  long Len = BIO_get_mem_data(B, &Data);
  std::string Out(Data, static_cast<size_t>(Len));
  BIO_free(B);
  return Out;
}

bool isCritical(X509 *Cert, int Nid) {
  int Index = X509_get_ext_by_NID(Cert, Nid, -1);
  return Index >= 0 && X509_EXTENSION_get_critical(X509_get_ext(Cert, Index));
}

class CATest : public ::testing::Test {
protected:
  void SetUp() override {
    llvm::SmallString<128> Dir;
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("cppet-pki", Dir));
    Root = std::string(Dir);
    Options.Ssldir = Root + "/ssl";
    Options.Certname = "puppet.test.com";
    Options.Keys.Bits = 2048; // tests need no 4096-bit keys
  }
  void TearDown() override { llvm::sys::fs::remove_directories(Root); }

  CertificateAuthority setup() {
    auto CA = CertificateAuthority::setup(Options);
    if (!CA) {
      ADD_FAILURE() << llvm::toString(CA.takeError());
      std::abort();
    }
    return std::move(*CA);
  }

  /// A CSR for Cn from a fresh EC key (fast), with Spec's extras.
  std::string csr(const std::string &Cn, RequestSpec Spec = {},
                  KeyType Type = KeyType::EC) {
    KeySpec K;
    K.Type = Type;
    K.Bits = 2048;
    std::string Key = must(generatePrivateKey(K));
    Spec.Certname = Cn;
    return must(makeRequest(Key, Spec));
  }

  std::string ssl(const std::string &F) { return Options.Ssldir + "/" + F; }

  std::string Root;
  CAOptions Options;
};

TEST(Certname, PuppetRules) {
  for (const char *Good : {"node1.test.com", "a", "a_b-c.d", "_x", "1.2"})
    EXPECT_TRUE(isValidCertname(Good)) << Good;
  for (const char *Bad : {"", "-a", "a-", "a.", ".a", "a b", "a/b", "é"})
    EXPECT_FALSE(isValidCertname(Bad)) << Bad;
  EXPECT_EQ(errorOf(validateCertname("Node1.test.com")),
            "Certificate names must be lower case.");
  EXPECT_EQ(errorOf(validateCertname("*.test.com")),
            "Subject contains a wildcard, which is not allowed: *.test.com");
  EXPECT_EQ(errorOf(validateCertname("a-")),
            "Subject hostname format is invalid");
}

TEST_F(CATest, BootstrapMakesPuppetLayoutWithPrivateKeys0600) {
  CertificateAuthority CA = setup();
  for (const char *F :
       {"ca/ca_key.pem", "ca/ca_pub.pem", "ca/ca_crt.pem", "ca/ca_crl.pem",
        "ca/serial", "ca/inventory.txt", "certs/ca.pem", "crl.pem",
        "certs/puppet.test.com.pem", "private_keys/puppet.test.com.pem",
        "public_keys/puppet.test.com.pem", "ca/signed/puppet.test.com.pem"})
    EXPECT_TRUE(llvm::sys::fs::exists(ssl(F))) << F;
  EXPECT_EQ(modeOf(ssl("ca/ca_key.pem")), 0600u);
  EXPECT_EQ(modeOf(ssl("private_keys/puppet.test.com.pem")), 0600u);
  EXPECT_EQ(modeOf(ssl("certs/ca.pem")), 0644u);

  std::string CaPem = must(readFile(ssl("ca/ca_crt.pem")));
  X509Ptr Ca = parseCert(CaPem);
  ASSERT_TRUE(Ca);
  char Cn[256];
  X509_NAME_get_text_by_NID(X509_get_subject_name(Ca.get()), NID_commonName, Cn,
                            sizeof(Cn));
  EXPECT_STREQ(Cn, "Puppet CA: puppet.test.com");
  EXPECT_EQ(X509_check_ca(Ca.get()), 1);
  EXPECT_EQ(X509_check_issued(Ca.get(), Ca.get()), X509_V_OK);

  std::string ServerPem = must(readFile(ssl("certs/puppet.test.com.pem")));
  EXPECT_EQ(verify(CaPem, ServerPem, must(readFile(ssl("crl.pem")))),
            X509_V_OK);
  X509Ptr Server = parseCert(ServerPem);
  EXPECT_EQ(extensionText(Server.get(), NID_subject_alt_name),
            "DNS:puppet.test.com, DNS:puppet");
  CertStatus St = must(CA.status("puppet.test.com"));
  ASSERT_EQ(St.AuthorizationExtensions.size(), 1u);
  EXPECT_EQ(St.AuthorizationExtensions[0].first, "pp_cli_auth");
  EXPECT_EQ(St.AuthorizationExtensions[0].second, "true");
  EXPECT_EQ(*St.Serial, 2u);
  EXPECT_EQ(must(readFile(ssl("ca/serial"))), "0003");
}

TEST_F(CATest, SetupIsIdempotentAndOpenNeedsIt) {
  EXPECT_NE(errorOf(CertificateAuthority::open(Options)), "");
  std::string First;
  {
    CertificateAuthority CA = setup();
    First = must(CA.caCertificatePem());
  }
  CertificateAuthority Again = setup();
  EXPECT_EQ(must(Again.caCertificatePem()), First);
  EXPECT_EQ(must(readFile(ssl("ca/serial"))), "0003");
  EXPECT_EQ(errorOf(CertificateAuthority::open(Options)), "");
}

TEST_F(CATest, SignsARequestWithPuppetserverExtensions) {
  CertificateAuthority CA = setup();
  std::string Csr = csr("node1.test.com", {}, KeyType::RSA);
  EXPECT_EQ(must(CA.submitRequest("node1.test.com", Csr)),
            SubmitOutcome::Saved);
  EXPECT_EQ(must(CA.status("node1.test.com")).State, CertState::Requested);
  EXPECT_EQ(errorOf(CA.sign("node1.test.com")), "");
  EXPECT_FALSE(llvm::sys::fs::exists(CA.requestPath("node1.test.com")));

  std::string Pem = must(CA.certificatePem("node1.test.com"));
  EXPECT_EQ(verify(must(CA.caCertificatePem()), Pem, must(CA.crlPem())),
            X509_V_OK);
  X509Ptr Cert = parseCert(Pem);
  EXPECT_EQ(extensionText(Cert.get(), NID_subject_alt_name),
            "DNS:node1.test.com");
  EXPECT_EQ(extensionText(Cert.get(), NID_basic_constraints), "CA:FALSE");
  EXPECT_TRUE(isCritical(Cert.get(), NID_basic_constraints));
  EXPECT_EQ(extensionText(Cert.get(), NID_ext_key_usage),
            "TLS Web Server Authentication, TLS Web Client Authentication");
  EXPECT_TRUE(isCritical(Cert.get(), NID_ext_key_usage));
  EXPECT_EQ(extensionText(Cert.get(), NID_key_usage),
            "Digital Signature, Key Encipherment");
  EXPECT_EQ(extensionText(Cert.get(), NID_netscape_comment),
            "Puppet Server Internal Certificate");
  EXPECT_NE(extensionText(Cert.get(), NID_subject_key_identifier), "");
  EXPECT_NE(extensionText(Cert.get(), NID_authority_key_identifier), "");

  CertStatus St = must(CA.status("node1.test.com"));
  EXPECT_EQ(St.State, CertState::Signed);
  EXPECT_EQ(*St.Serial, 3u);
  EXPECT_EQ(St.Fingerprint.size(), 32u * 3 - 1);
  std::string Inventory = must(readFile(ssl("ca/inventory.txt")));
  EXPECT_NE(Inventory.find("0x0003 "), std::string::npos) << Inventory;
  EXPECT_NE(Inventory.find(" /CN=node1.test.com\n"), std::string::npos);
}

TEST_F(CATest, RefusesNamesThatDoNotMatchOrAreInvalid) {
  CertificateAuthority CA = setup();
  EXPECT_EQ(errorOf(CA.submitRequest("node2.test.com", csr("node1.test.com"))),
            "Instance name \"node1.test.com\" does not match requested key "
            "\"node2.test.com\"");
  EXPECT_EQ(errorOf(CA.submitRequest("Node1.test.com", csr("Node1.test.com"))),
            "Certificate names must be lower case.");
  EXPECT_EQ(errorOf(CA.submitRequest("bad-", csr("bad-"))),
            "Subject hostname format is invalid");
  EXPECT_NE(errorOf(CA.submitRequest("x", "not a csr")), "");
  EXPECT_FALSE(llvm::sys::fs::exists(CA.requestPath("node2.test.com")));
}

TEST_F(CATest, RefusesAForgedSignature) {
  CertificateAuthority CA = setup();
  std::string Pem = csr("node1.test.com");
  BIO *B = BIO_new_mem_buf(Pem.data(), static_cast<int>(Pem.size()));
  X509_REQ *Req = PEM_read_bio_X509_REQ(B, nullptr, nullptr, nullptr);
  BIO_free(B);
  ASSERT_TRUE(Req);
  const ASN1_BIT_STRING *Sig = nullptr;
  X509_REQ_get0_signature(Req, &Sig, nullptr);
  auto *Bytes = const_cast<unsigned char *>(ASN1_STRING_get0_data(Sig));
  Bytes[ASN1_STRING_length(Sig) / 2] ^= 0x55;
  B = BIO_new(BIO_s_mem());
  PEM_write_bio_X509_REQ(B, Req);
  char *Data = nullptr;
  long Len = BIO_get_mem_data(B, &Data);
  std::string Forged(Data, static_cast<size_t>(Len));
  BIO_free(B);
  X509_REQ_free(Req);
  EXPECT_FALSE(must(inspectRequest(Forged)).SignatureValid);
  EXPECT_TRUE(must(inspectRequest(Pem)).SignatureValid);
  EXPECT_EQ(errorOf(CA.submitRequest("node1.test.com", Forged)),
            "CSR contains a public key that does not correspond to the "
            "signing key");
}

TEST_F(CATest, AltNamesNeedAllowSubjectAltNames) {
  RequestSpec Spec;
  Spec.DnsAltNames = {"web.test.com", "IP:10.0.0.1"};
  {
    CertificateAuthority CA = setup();
    ASSERT_EQ(errorOf(CA.submitRequest("node1.test.com",
                                       csr("node1.test.com", Spec))),
              "");
    std::string E = errorOf(CA.sign("node1.test.com"));
    EXPECT_NE(E.find("contains subject alternative names (DNS:web.test.com, "
                     "IP:10.0.0.1), which are disallowed"),
              std::string::npos)
        << E;
    EXPECT_EQ(must(CA.status("node1.test.com")).State, CertState::Requested);
  }
  Options.AllowSubjectAltNames = true;
  auto CA = CertificateAuthority::open(Options);
  ASSERT_TRUE(static_cast<bool>(CA)) << llvm::toString(CA.takeError());
  EXPECT_EQ(errorOf(CA->sign("node1.test.com")), "");
  CertStatus St = must(CA->status("node1.test.com"));
  EXPECT_EQ(St.SubjectAltNames,
            (std::vector<std::string>{"DNS:web.test.com", "IP:10.0.0.1",
                                      "DNS:node1.test.com"}));
  EXPECT_EQ(St.DnsAltNames, (std::vector<std::string>{"DNS:web.test.com",
                                                      "DNS:node1.test.com"}));
}

TEST_F(CATest, RefusesADuplicateRequest) {
  CertificateAuthority CA = setup();
  ASSERT_EQ(errorOf(CA.submitRequest("node1.test.com", csr("node1.test.com"))),
            "");
  EXPECT_EQ(errorOf(CA.submitRequest("node1.test.com", csr("node1.test.com"))),
            "node1.test.com already has a requested certificate; ignoring "
            "certificate request");
  ASSERT_EQ(errorOf(CA.sign("node1.test.com")), "");
  EXPECT_EQ(errorOf(CA.submitRequest("node1.test.com", csr("node1.test.com"))),
            "node1.test.com already has a signed certificate; ignoring "
            "certificate request");
  EXPECT_NE(errorOf(CA.generate("node1.test.com", {})), "");
}

TEST_F(CATest, RevokeAddsToTheCrlAndBumpsItsNumber) {
  CertificateAuthority CA = setup();
  ASSERT_EQ(errorOf(CA.submitRequest("node1.test.com", csr("node1.test.com"))),
            "");
  ASSERT_EQ(errorOf(CA.sign("node1.test.com")), "");
  std::string CaPem = must(CA.caCertificatePem());
  std::string Leaf = must(CA.certificatePem("node1.test.com"));
  CrlPtr Before = parseCrl(must(CA.crlPem()));
  ASSERT_TRUE(Before);

  EXPECT_EQ(errorOf(CA.revoke("node1.test.com")), "");
  std::string CrlText = must(CA.crlPem());
  EXPECT_EQ(must(readFile(ssl("crl.pem"))), CrlText);
  CrlPtr After = parseCrl(CrlText);
  ASSERT_TRUE(After);
  X509Ptr Cert = parseCert(Leaf);
  X509_REVOKED *Entry = nullptr;
  EXPECT_EQ(X509_CRL_get0_by_serial(After.get(), &Entry,
                                    X509_get_serialNumber(Cert.get())),
            1);
  EXPECT_EQ(X509_CRL_get0_by_serial(Before.get(), &Entry,
                                    X509_get_serialNumber(Cert.get())),
            0);
  auto Number = [](X509_CRL *C) {
    ASN1_INTEGER *N = static_cast<ASN1_INTEGER *>(
        X509_CRL_get_ext_d2i(C, NID_crl_number, nullptr, nullptr));
    long V = ASN1_INTEGER_get(N);
    ASN1_INTEGER_free(N);
    return V;
  };
  EXPECT_EQ(Number(After.get()), Number(Before.get()) + 1);
  EXPECT_GT(X509_cmp_current_time(X509_CRL_get0_nextUpdate(After.get())), 0);
  X509Ptr Ca = parseCert(CaPem);
  EXPECT_EQ(X509_CRL_verify(After.get(), X509_get0_pubkey(Ca.get())), 1);

  EXPECT_EQ(verify(CaPem, Leaf), X509_V_OK);
  EXPECT_EQ(verify(CaPem, Leaf, CrlText), X509_V_ERR_CERT_REVOKED);
  EXPECT_EQ(must(CA.status("node1.test.com")).State, CertState::Revoked);
  EXPECT_NE(errorOf(CA.revoke("node1.test.com")), "");
  EXPECT_NE(errorOf(CA.revoke("ghost.test.com")), "");
  // The server's own certificate is still good.
  EXPECT_EQ(verify(CaPem, must(CA.certificatePem("puppet.test.com")), CrlText),
            X509_V_OK);
}

TEST_F(CATest, CleanRevokesAndLetsTheNodeStartOver) {
  CertificateAuthority CA = setup();
  ASSERT_EQ(errorOf(CA.submitRequest("node1.test.com", csr("node1.test.com"))),
            "");
  ASSERT_EQ(errorOf(CA.sign("node1.test.com")), "");
  std::string Leaf = must(CA.certificatePem("node1.test.com"));
  EXPECT_EQ(errorOf(CA.clean("node1.test.com")), "");
  EXPECT_FALSE(llvm::sys::fs::exists(CA.signedPath("node1.test.com")));
  EXPECT_EQ(verify(must(CA.caCertificatePem()), Leaf, must(CA.crlPem())),
            X509_V_ERR_CERT_REVOKED);
  EXPECT_NE(errorOf(CA.status("node1.test.com")), "");
  EXPECT_EQ(errorOf(CA.clean("node1.test.com")),
            "Could not find files to clean for node1.test.com");
  // A waiting request is cleaned too.
  EXPECT_EQ(errorOf(CA.submitRequest("node1.test.com", csr("node1.test.com"))),
            "");
  EXPECT_EQ(errorOf(CA.clean("node1.test.com")), "");
  EXPECT_FALSE(llvm::sys::fs::exists(CA.requestPath("node1.test.com")));
  EXPECT_EQ(errorOf(CA.submitRequest("node1.test.com", csr("node1.test.com"))),
            "");
  EXPECT_EQ(errorOf(CA.sign("node1.test.com")), "");
}

TEST(Autosign, AllowlistGlobs) {
  EXPECT_TRUE(allowlistLineMatches("*.test.com", "node1.test.com"));
  EXPECT_TRUE(allowlistLineMatches("*.test.com", "a.b.test.com"));
  EXPECT_TRUE(allowlistLineMatches("*.test.com", "test.com"));
  EXPECT_TRUE(allowlistLineMatches("*.TEST.com", "node1.test.com"));
  EXPECT_FALSE(allowlistLineMatches("*.test.com", "node1.xtest.com"));
  EXPECT_FALSE(allowlistLineMatches("*.test.com", "node1.test.com.evil"));
  EXPECT_FALSE(allowlistLineMatches("node1.*", "node1.test.com"));
  EXPECT_FALSE(allowlistLineMatches("node*.test.com", "node1.test.com"));
  EXPECT_FALSE(allowlistLineMatches("*.*.com", "node1.test.com"));
  EXPECT_TRUE(allowlistLineMatches("*", "anything"));
  EXPECT_TRUE(allowlistLineMatches("node1.test.com", "node1.test.com"));
  EXPECT_FALSE(allowlistLineMatches("node1.test.com", "node2.test.com"));
  EXPECT_FALSE(allowlistLineMatches("# *", "node1.test.com"));
  EXPECT_FALSE(allowlistLineMatches("*.test.com # x", "node1.test.com"));
}

TEST_F(CATest, AutosignsFromAnAllowlist) {
  std::string Conf = Root + "/autosign.conf";
  ASSERT_FALSE(static_cast<bool>(writeFileAtomically(
      Conf, "# nodes\nbad line here\n*.test.com\nexact.example.org\n", 0644)));
  Options.Autosign = AutosignPolicy::fromSetting(Conf);
  EXPECT_EQ(Options.Autosign.Mode, AutosignPolicy::Kind::Allowlist);
  CertificateAuthority CA = setup();
  std::vector<std::string> Warnings;
  EXPECT_EQ(must(CA.submitRequest("node1.test.com", csr("node1.test.com"),
                                  &Warnings)),
            SubmitOutcome::Autosigned);
  EXPECT_EQ(Warnings.size(), 1u);
  EXPECT_EQ(must(CA.status("node1.test.com")).State, CertState::Signed);
  EXPECT_EQ(
      must(CA.submitRequest("exact.example.org", csr("exact.example.org"))),
      SubmitOutcome::Autosigned);
  EXPECT_EQ(
      must(CA.submitRequest("other.example.org", csr("other.example.org"))),
      SubmitOutcome::Saved);
  EXPECT_EQ(must(CA.status("other.example.org")).State, CertState::Requested);
}

TEST(Autosign, SettingValues) {
  EXPECT_EQ(AutosignPolicy::fromSetting("true").Mode,
            AutosignPolicy::Kind::All);
  EXPECT_EQ(AutosignPolicy::fromSetting("false").Mode,
            AutosignPolicy::Kind::Off);
  EXPECT_EQ(AutosignPolicy::fromSetting("/nonexistent/autosign.conf").Mode,
            AutosignPolicy::Kind::Off);
  EXPECT_EQ(AutosignPolicy::fromSetting("/bin/true").Mode,
            AutosignPolicy::Kind::Executable);
  EXPECT_FALSE(shouldAutosign(AutosignPolicy{}, "node1.test.com", ""));
}

TEST_F(CATest, AutosignPolicyExecutableSeesNameAndCsr) {
  std::string Policy = Root + "/policy.sh";
  // Signs when the CSR on stdin carries the right challengePassword.
  ASSERT_FALSE(static_cast<bool>(writeFileAtomically(
      Policy,
      "#!/bin/sh\n"
      "echo \"$1\" >> " +
          Root +
          "/policy.log\n"
          "openssl req -noout -text | grep -q 's3cret' || exit 1\n"
          "echo 'policy output' >&2\n",
      0755)));
  Options.Autosign = AutosignPolicy::fromSetting(Policy);
  ASSERT_EQ(Options.Autosign.Mode, AutosignPolicy::Kind::Executable);
  CertificateAuthority CA = setup();
  RequestSpec Good;
  Good.CustomAttributes = {{"challengePassword", "s3cret"}};
  std::vector<std::string> Warnings;
  EXPECT_EQ(must(CA.submitRequest("good.test.com", csr("good.test.com", Good),
                                  &Warnings)),
            SubmitOutcome::Autosigned);
  ASSERT_EQ(Warnings.size(), 1u);
  EXPECT_NE(Warnings[0].find("policy output"), std::string::npos);
  RequestSpec Bad;
  Bad.CustomAttributes = {{"challengePassword", "wrong"}};
  EXPECT_EQ(must(CA.submitRequest("bad.test.com", csr("bad.test.com", Bad))),
            SubmitOutcome::Saved);
  EXPECT_EQ(must(readFile(Root + "/policy.log")),
            "good.test.com\nbad.test.com\n");
}

TEST_F(CATest, CsrAttributesAreReadableAndPpExtensionsCopied) {
  RequestSpec Spec;
  Spec.CustomAttributes = {{"challengePassword", "s3cret"}};
  Spec.ExtensionRequests = {{"pp_role", "webserver"},
                            {"1.3.6.1.4.1.34380.1.1.18", "eu-west"}};
  std::string Pem = csr("node1.test.com", Spec);
  RequestInfo Info = must(inspectRequest(Pem));
  EXPECT_EQ(Info.CommonName, "node1.test.com");
  EXPECT_EQ(Info.KeyAlgorithm, "EC");
  ASSERT_EQ(Info.CustomAttributes.size(), 1u);
  EXPECT_EQ(Info.CustomAttributes[0].first, "challengePassword");
  EXPECT_EQ(Info.CustomAttributes[0].second, "s3cret");
  ASSERT_EQ(Info.ExtensionRequests.size(), 2u);
  EXPECT_EQ(Info.ExtensionRequests[0].first, "1.3.6.1.4.1.34380.1.1.13");
  EXPECT_EQ(Info.ExtensionRequests[0].second, "webserver");
  EXPECT_EQ(ppOidName(Info.ExtensionRequests[0].first), "pp_role");

  CertificateAuthority CA = setup();
  ASSERT_EQ(errorOf(CA.submitRequest("node1.test.com", Pem)), "");
  ASSERT_EQ(errorOf(CA.sign("node1.test.com")), "");
  X509Ptr Cert = parseCert(must(CA.certificatePem("node1.test.com")));
  ASN1_OBJECT *Role = OBJ_txt2obj("1.3.6.1.4.1.34380.1.1.13", 1);
  EXPECT_GE(X509_get_ext_by_OBJ(Cert.get(), Role, -1), 0);
  ASN1_OBJECT_free(Role);
}

TEST_F(CATest, RefusesExtensionsPuppetDoesNotAllow) {
  CertificateAuthority CA = setup();
  RequestSpec Foreign;
  Foreign.ExtensionRequests = {{"1.2.3.4", "x"}};
  ASSERT_EQ(errorOf(CA.submitRequest("a.test.com", csr("a.test.com", Foreign))),
            "");
  EXPECT_EQ(errorOf(CA.sign("a.test.com")),
            "Found extensions that are not permitted: 1.2.3.4");
  RequestSpec CliAuth;
  CliAuth.ExtensionRequests = {{"pp_cli_auth", "true"}};
  ASSERT_EQ(errorOf(CA.submitRequest("b.test.com", csr("b.test.com", CliAuth))),
            "");
  EXPECT_EQ(errorOf(CA.sign("b.test.com")),
            "Found extensions that are not permitted: pp_cli_auth");
  RequestSpec Auth;
  Auth.ExtensionRequests = {{"pp_auth_role", "admin"}};
  ASSERT_EQ(errorOf(CA.submitRequest("c.test.com", csr("c.test.com", Auth))),
            "");
  EXPECT_NE(errorOf(CA.sign("c.test.com")).find("authorization extension"),
            std::string::npos);
}

TEST_F(CATest, GenerateMakesKeyAndCertificateHere) {
  CertificateAuthority CA = setup();
  GeneratedCertificate G =
      must(CA.generate("node9.test.com", {"alias.test.com"}));
  EXPECT_EQ(modeOf(G.PrivateKeyPath), 0600u);
  std::string Pem = must(readFile(G.CertificatePath));
  EXPECT_EQ(verify(must(CA.caCertificatePem()), Pem, must(CA.crlPem())),
            X509_V_OK);
  X509Ptr Cert = parseCert(Pem);
  EXPECT_EQ(extensionText(Cert.get(), NID_subject_alt_name),
            "DNS:node9.test.com, DNS:alias.test.com");
  std::string KeyPem = must(readFile(G.PrivateKeyPath));
  BIO *B = BIO_new_mem_buf(KeyPem.data(), static_cast<int>(KeyPem.size()));
  EVP_PKEY *Key = PEM_read_bio_PrivateKey(B, nullptr, nullptr, nullptr);
  BIO_free(B);
  ASSERT_TRUE(Key);
  EXPECT_EQ(X509_check_private_key(Cert.get(), Key), 1);
  EVP_PKEY_free(Key);
}

TEST_F(CATest, StatusJsonHasTheCertificateStatusShape) {
  CertificateAuthority CA = setup();
  ASSERT_EQ(errorOf(CA.submitRequest("node1.test.com", csr("node1.test.com"))),
            "");
  catalog::Json Requested = must(CA.status("node1.test.com")).toJson();
  EXPECT_EQ(Requested["state"], "requested");
  EXPECT_FALSE(Requested.contains("serial_number"));
  EXPECT_EQ(Requested["fingerprint"], Requested["fingerprints"]["default"]);
  EXPECT_EQ(
      Requested["fingerprint"],
      must(inspectRequest(must(CA.requestPem("node1.test.com")))).Fingerprint);
  ASSERT_EQ(errorOf(CA.sign("node1.test.com")), "");
  catalog::Json Signed = must(CA.status("node1.test.com")).toJson();
  EXPECT_EQ(Signed["name"], "node1.test.com");
  EXPECT_EQ(Signed["state"], "signed");
  EXPECT_EQ(Signed["serial_number"], 3);
  EXPECT_EQ(Signed["dns_alt_names"],
            catalog::Json::array({"DNS:node1.test.com"}));
  EXPECT_EQ(Signed["subject_alt_names"],
            catalog::Json::array({"DNS:node1.test.com"}));
  EXPECT_TRUE(Signed["authorization_extensions"].empty());
  for (const char *K : {"SHA1", "SHA256", "SHA512", "default"})
    EXPECT_TRUE(Signed["fingerprints"].contains(K)) << K;
  EXPECT_EQ(Signed["fingerprint"], Signed["fingerprints"]["SHA256"]);
  llvm::StringRef Before = Signed["not_before"].get_ref<const std::string &>();
  EXPECT_TRUE(Before.endswith("UTC")) << Before.str();
  EXPECT_EQ(Before.size(), std::string("2026-11-25T17:45:43UTC").size());
  ASSERT_EQ(errorOf(CA.revoke("node1.test.com")), "");
  EXPECT_EQ(must(CA.status("node1.test.com")).toJson()["state"], "revoked");

  auto All = must(CA.statuses());
  ASSERT_EQ(All.size(), 2u);
  EXPECT_EQ(All[0].Name, "node1.test.com");
  EXPECT_EQ(All[1].Name, "puppet.test.com");
}

} // namespace
