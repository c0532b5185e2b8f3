//===- CertificateAuthority.cpp - The Puppet-compatible CA ----------------===//
#include "cppet/PKI/CertificateAuthority.h"

#include "Handles.h"
#include "cppet/PKI/Certname.h"
#include "cppet/Support/FileSystem.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <openssl/err.h>

#include <fcntl.h>
#include <future>
#include <optional>
#include <set>
#include <sys/file.h>
#include <unistd.h>

namespace cppet::pki {

namespace {

llvm::Error failure(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message.str());
}

constexpr llvm::StringLiteral PpCliAuthOid = "1.3.6.1.4.1.34380.1.3.39";
constexpr llvm::StringLiteral PpRegCertExt = "1.3.6.1.4.1.34380.1.1.";
constexpr llvm::StringLiteral PpPrivCertExt = "1.3.6.1.4.1.34380.1.2.";
constexpr llvm::StringLiteral PpAuthCertExt = "1.3.6.1.4.1.34380.1.3.";
constexpr int64_t OneDay = int64_t{24} * 3600;

/// An exclusive flock on CADIR/.lock for the life of the object.
class CaLock {
public:
  static llvm::Expected<CaLock> acquire(const std::string &Cadir) {
    std::string Path = Cadir + "/.lock";
    int Fd = ::open(Path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (Fd < 0)
      return llvm::errorCodeToError(
          std::error_code(errno, std::generic_category()));
    if (::flock(Fd, LOCK_EX) != 0) {
      ::close(Fd);
      return failure("cannot lock " + Path);
    }
    return CaLock(Fd);
  }
  CaLock(CaLock &&Other) noexcept : Fd(std::exchange(Other.Fd, -1)) {}
  CaLock &operator=(CaLock &&) = delete;
  ~CaLock() {
    if (Fd >= 0)
      ::close(Fd);
  }

private:
  explicit CaLock(int Fd) : Fd(Fd) {}
  int Fd;
};

llvm::Error makeDir(const std::string &Path, unsigned Mode) {
  if (std::error_code EC = llvm::sys::fs::create_directories(
          Path, /*IgnoreExisting=*/true,
          static_cast<llvm::sys::fs::perms>(Mode)))
    return failure("cannot create " + Path + ": " + EC.message());
  return llvm::Error::success();
}

bool exists(const std::string &Path) { return llvm::sys::fs::exists(Path); }

llvm::Error removeIfExists(const std::string &Path) {
  if (std::error_code EC = llvm::sys::fs::remove(Path, true))
    return failure("cannot remove " + Path + ": " + EC.message());
  return llvm::Error::success();
}

/// "name" -> "DNS:name"; "DNS:x"/"IP:x" kept.
std::string sanEntry(llvm::StringRef Name) {
  Name = Name.trim();
  if (Name.startswith("DNS:") || Name.startswith("IP:"))
    return Name.str();
  return ("DNS:" + Name).str();
}

llvm::Expected<ExtPtr> confExtension(X509V3_CTX *Ctx, int Nid,
                                     const std::string &Value) {
  ExtPtr Ext(X509V3_EXT_conf_nid(nullptr, Ctx, Nid, Value.c_str()));
  if (!Ext)
    return opensslError(llvm::Twine("cannot make the extension ") +
                        OBJ_nid2sn(Nid) + " = " + Value);
  return Ext;
}

std::string joined(llvm::ArrayRef<std::string> Items) {
  return llvm::join(Items, ", ");
}

} // namespace

const char *certStateName(CertState S) {
  switch (S) {
  case CertState::Requested:
    return "requested";
  case CertState::Signed:
    return "signed";
  case CertState::Revoked:
    return "revoked";
  }
  return "requested";
}

catalog::Json CertStatus::toJson() const {
  catalog::Json J = catalog::Json::object();
  J["name"] = Name;
  J["state"] = certStateName(State);
  J["dns_alt_names"] = DnsAltNames;
  J["subject_alt_names"] = SubjectAltNames;
  catalog::Json Auth = catalog::Json::object();
  for (const auto &[K, V] : AuthorizationExtensions)
    Auth[K] = V;
  J["authorization_extensions"] = Auth;
  J["fingerprint"] = Fingerprint;
  catalog::Json Prints = catalog::Json::object();
  for (const char *Alg : {"SHA1", "SHA256", "SHA512", "default"}) {
    auto It = Fingerprints.find(Alg);
    if (It != Fingerprints.end())
      Prints[Alg] = It->second;
  }
  J["fingerprints"] = Prints;
  if (Serial) {
    J["serial_number"] = *Serial;
    J["not_before"] = NotBefore;
    J["not_after"] = NotAfter;
  }
  return J;
}

llvm::Expected<CertStatus> CertStatus::fromJson(const catalog::Json &J) {
  auto Bad = [&](const llvm::Twine &What) {
    return failure("invalid certificate status: " + What);
  };
  if (!J.is_object())
    return Bad("not an object");
  auto Text = [&](const char *Key) -> std::string {
    auto It = J.find(Key);
    return It != J.end() && It->is_string() ? It->get<std::string>() : "";
  };
  auto Texts = [&](const char *Key) {
    std::vector<std::string> Out;
    auto It = J.find(Key);
    if (It != J.end() && It->is_array())
      for (const catalog::Json &V : *It)
        if (V.is_string())
          Out.push_back(V.get<std::string>());
    return Out;
  };
  CertStatus St;
  St.Name = Text("name");
  if (St.Name.empty())
    return Bad("no name");
  std::string State = Text("state");
  if (State == "requested")
    St.State = CertState::Requested;
  else if (State == "signed")
    St.State = CertState::Signed;
  else if (State == "revoked")
    St.State = CertState::Revoked;
  else
    return Bad("state '" + State + "' of " + St.Name);
  St.Fingerprint = Text("fingerprint");
  if (auto It = J.find("fingerprints"); It != J.end() && It->is_object())
    for (const auto &[Alg, Print] : It->items())
      if (Print.is_string())
        St.Fingerprints[Alg] = Print.get<std::string>();
  St.DnsAltNames = Texts("dns_alt_names");
  St.SubjectAltNames = Texts("subject_alt_names");
  if (auto It = J.find("authorization_extensions");
      It != J.end() && It->is_object())
    for (const auto &[Name, Value] : It->items())
      St.AuthorizationExtensions.emplace_back(
          Name, Value.is_string() ? Value.get<std::string>() : Value.dump());
  if (auto It = J.find("serial_number");
      It != J.end() && It->is_number_unsigned())
    St.Serial = It->get<uint64_t>();
  St.NotBefore = Text("not_before");
  St.NotAfter = Text("not_after");
  return St;
}

struct CertificateAuthority::State {
  CAOptions Options;
  std::string Ssldir, Cadir;
  PKeyPtr CaKey;
  X509Ptr CaCert;

  std::string ca(llvm::StringRef File) const {
    return Cadir + "/" + File.str();
  }
  std::string ssl(llvm::StringRef File) const {
    return Ssldir + "/" + File.str();
  }
  std::string requestPath(llvm::StringRef Name) const {
    return ca("requests/" + Name.str() + ".pem");
  }
  std::string signedPath(llvm::StringRef Name) const {
    return ca("signed/" + Name.str() + ".pem");
  }

  llvm::Error makeDirectories() const;
  llvm::Error loadOrCreateCa();
  llvm::Expected<uint64_t> takeSerial() const;
  llvm::Expected<CrlPtr> loadCrl() const;
  llvm::Error writeCrl(llvm::ArrayRef<uint64_t> AddSerials) const;
  llvm::Expected<bool> isRevoked(X509 *Cert) const;
  /// "0x0003 NOTBEFORE NOTAFTER /CN=name" to inventory.txt.
  llvm::Error appendInventory(X509 *Cert) const;

  /// Issues a leaf certificate for Name to Key with these SANs (beyond
  /// DNS:Name) and extra extensions; saves it in signed/ and the inventory.
  llvm::Expected<X509Ptr> issue(llvm::StringRef Name, EVP_PKEY *Key,
                                llvm::ArrayRef<std::string> Sans,
                                llvm::ArrayRef<X509_EXTENSION *> Extra,
                                int64_t TtlSeconds) const;
  llvm::Error checkDuplicate(llvm::StringRef Name) const;
  /// Checks the request of Name and, unless CheckOnly, signs it (valid for
  /// TtlSeconds, else the CA's ttl).
  llvm::Error signLocked(llvm::StringRef Name,
                         std::optional<int64_t> TtlSeconds = std::nullopt,
                         bool CheckOnly = false) const;
  llvm::Error revokeLocked(llvm::StringRef Name) const;
  llvm::Expected<GeneratedCertificate>
  generateLocked(llvm::StringRef Name, llvm::ArrayRef<std::string> Sans,
                 bool CliAuth) const;
  llvm::Expected<CertStatus> statusOf(llvm::StringRef Name, bool Request) const;
};

llvm::Error CertificateAuthority::State::makeDirectories() const {
  for (auto [Dir, Mode] : {std::pair<std::string, unsigned>{Ssldir, 0771},
                           {Cadir, 0750},
                           {ca("requests"), 0755},
                           {ca("signed"), 0755},
                           {ssl("private_keys"), 0750},
                           {ssl("public_keys"), 0755},
                           {ssl("certs"), 0755}})
    if (llvm::Error E = makeDir(Dir, Mode))
      return E;
  return llvm::Error::success();
}

llvm::Expected<uint64_t> CertificateAuthority::State::takeSerial() const {
  uint64_t Serial = 1;
  if (exists(ca("serial"))) {
    auto Text = readFile(ca("serial"));
    if (!Text)
      return Text.takeError();
    if (llvm::StringRef(*Text).trim().getAsInteger(16, Serial) || Serial == 0)
      return failure("invalid serial file " + ca("serial"));
  }
  std::string Next;
  llvm::raw_string_ostream(Next)
      << llvm::format_hex_no_prefix(Serial + 1, 4, /*Upper=*/true);
  if (llvm::Error E = writeFileAtomically(ca("serial"), Next, 0644))
    return E;
  return Serial;
}

llvm::Expected<CrlPtr> CertificateAuthority::State::loadCrl() const {
  auto Text = readFile(ca("ca_crl.pem"));
  if (!Text)
    return Text.takeError();
  return parseCrl(*Text);
}

llvm::Error
CertificateAuthority::State::writeCrl(llvm::ArrayRef<uint64_t> Add) const {
  CrlPtr Old;
  if (exists(ca("ca_crl.pem"))) {
    auto Loaded = loadCrl();
    if (!Loaded)
      return Loaded.takeError();
    Old = std::move(*Loaded);
  }
  CrlPtr Crl(X509_CRL_new());
  X509_CRL_set_version(Crl.get(), 1);
  X509_CRL_set_issuer_name(Crl.get(), X509_get_subject_name(CaCert.get()));
  TimePtr Now(X509_gmtime_adj(nullptr, 0));
  TimePtr Next(X509_gmtime_adj(nullptr, Options.TtlSeconds));
  X509_CRL_set1_lastUpdate(Crl.get(), Now.get());
  X509_CRL_set1_nextUpdate(Crl.get(), Next.get());

  uint64_t Number = 0;
  if (Old) {
    STACK_OF(X509_REVOKED) *Entries = X509_CRL_get_REVOKED(Old.get());
    for (int I = 0; I < sk_X509_REVOKED_num(Entries); ++I)
      X509_CRL_add0_revoked(
          Crl.get(), X509_REVOKED_dup(sk_X509_REVOKED_value(Entries, I)));
    IntPtr OldNumber(static_cast<ASN1_INTEGER *>(
        X509_CRL_get_ext_d2i(Old.get(), NID_crl_number, nullptr, nullptr)));
    if (OldNumber)
      ASN1_INTEGER_get_uint64(&Number, OldNumber.get());
    Number += 1;
  }
  for (uint64_t Serial : Add) {
    RevokedPtr Entry(X509_REVOKED_new());
    IntPtr S(ASN1_INTEGER_new());
    ASN1_INTEGER_set_uint64(S.get(), Serial);
    X509_REVOKED_set_serialNumber(Entry.get(), S.get());
    X509_REVOKED_set_revocationDate(Entry.get(), Now.get());
    OpenSSLPtr<ASN1_ENUMERATED, ASN1_ENUMERATED_free> Reason(
        ASN1_ENUMERATED_new());
    ASN1_ENUMERATED_set(Reason.get(), CRL_REASON_KEY_COMPROMISE);
    X509_REVOKED_add1_ext_i2d(Entry.get(), NID_crl_reason, Reason.get(), 0, 0);
    X509_CRL_add0_revoked(Crl.get(), Entry.release());
  }
  IntPtr NumberInt(ASN1_INTEGER_new());
  ASN1_INTEGER_set_uint64(NumberInt.get(), Number);
  X509_CRL_add1_ext_i2d(Crl.get(), NID_crl_number, NumberInt.get(), 0, 0);
  X509V3_CTX Ctx;
  X509V3_set_ctx(&Ctx, CaCert.get(), nullptr, nullptr, Crl.get(), 0);
  auto Aki = confExtension(&Ctx, NID_authority_key_identifier, "keyid:always");
  if (!Aki)
    return Aki.takeError();
  X509_CRL_add_ext(Crl.get(), Aki->get(), -1);
  X509_CRL_sort(Crl.get());
  if (!X509_CRL_sign(Crl.get(), CaKey.get(), EVP_sha256()))
    return opensslError("cannot sign the CRL");
  std::string Pem = crlPemOf(Crl.get());
  if (llvm::Error E = writeFileAtomically(ca("ca_crl.pem"), Pem, 0644))
    return E;
  return writeFileAtomically(ssl("crl.pem"), Pem, 0644);
}

llvm::Expected<bool> CertificateAuthority::State::isRevoked(X509 *Cert) const {
  auto Crl = loadCrl();
  if (!Crl)
    return Crl.takeError();
  X509_REVOKED *Entry = nullptr;
  return X509_CRL_get0_by_serial(Crl->get(), &Entry,
                                 X509_get_serialNumber(Cert)) == 1;
}

llvm::Error CertificateAuthority::State::appendInventory(X509 *Cert) const {
  std::error_code EC;
  llvm::raw_fd_ostream Inventory(ca("inventory.txt"), EC,
                                 llvm::sys::fs::OF_Append);
  if (EC)
    return failure("cannot write " + ca("inventory.txt") + ": " + EC.message());
  uint64_t Serial = 0;
  ASN1_INTEGER_get_uint64(&Serial, X509_get0_serialNumber(Cert));
  Inventory << "0x" << llvm::format_hex_no_prefix(Serial, 4) << ' '
            << puppetTime(X509_get0_notBefore(Cert)) << ' '
            << puppetTime(X509_get0_notAfter(Cert))
            << " /CN=" << commonNameOf(X509_get_subject_name(Cert)) << '\n';
  return llvm::Error::success();
}

llvm::Error CertificateAuthority::State::loadOrCreateCa() {
  bool HasKey = exists(ca("ca_key.pem")), HasCert = exists(ca("ca_crt.pem"));
  if (HasKey != HasCert)
    return failure("incomplete CA in " + Cadir + ": " +
                   (HasKey ? "ca_crt.pem" : "ca_key.pem") + " is missing");
  if (HasKey) {
    auto KeyText = readFile(ca("ca_key.pem"));
    if (!KeyText)
      return KeyText.takeError();
    auto Key = parsePrivateKey(*KeyText);
    if (!Key)
      return Key.takeError();
    auto CertText = readFile(ca("ca_crt.pem"));
    if (!CertText)
      return CertText.takeError();
    auto Cert = parseCertificate(*CertText);
    if (!Cert)
      return Cert.takeError();
    CaKey = std::move(*Key);
    CaCert = std::move(*Cert);
    return llvm::Error::success();
  }

  auto KeyPem = generatePrivateKey(Options.Keys);
  if (!KeyPem)
    return KeyPem.takeError();
  auto Key = parsePrivateKey(*KeyPem);
  if (!Key)
    return Key.takeError();
  auto Serial = takeSerial();
  if (!Serial)
    return Serial.takeError();

  X509Ptr Cert(X509_new());
  X509_set_version(Cert.get(), 2);
  ASN1_INTEGER_set_uint64(X509_get_serialNumber(Cert.get()), *Serial);
  std::string Cn = "Puppet CA: " + Options.Certname;
  X509_NAME *Name = X509_get_subject_name(Cert.get());
  X509_NAME_add_entry_by_NID(
      Name, NID_commonName, MBSTRING_UTF8,
      reinterpret_cast<const unsigned char *>(Cn.c_str()), -1, -1, 0);
  X509_set_issuer_name(Cert.get(), Name);
  X509_gmtime_adj(X509_getm_notBefore(Cert.get()), -OneDay);
  X509_gmtime_adj(X509_getm_notAfter(Cert.get()), Options.TtlSeconds);
  X509_set_pubkey(Cert.get(), Key->get());
  X509V3_CTX Ctx;
  X509V3_set_ctx(&Ctx, Cert.get(), Cert.get(), nullptr, nullptr, 0);
  for (auto [Nid, Value] :
       {std::pair<int, std::string>{NID_netscape_comment,
                                    "Puppet Server Internal Certificate"},
        {NID_basic_constraints, "critical,CA:TRUE"},
        {NID_key_usage, "critical,keyCertSign,cRLSign"},
        {NID_subject_key_identifier, "hash"}}) {
    auto Ext = confExtension(&Ctx, Nid, Value);
    if (!Ext)
      return Ext.takeError();
    X509_add_ext(Cert.get(), Ext->get(), -1);
  }
  if (!X509_sign(Cert.get(), Key->get(), EVP_sha256()))
    return opensslError("cannot sign the CA certificate");

  if (llvm::Error E = writeFileAtomically(ca("ca_key.pem"), *KeyPem, 0600))
    return E;
  if (llvm::Error E =
          writeFileAtomically(ca("ca_pub.pem"), publicKeyPem(Key->get()), 0644))
    return E;
  if (llvm::Error E = writeFileAtomically(ca("ca_crt.pem"),
                                          certificatePemOf(Cert.get()), 0644))
    return E;
  if (llvm::Error E = appendInventory(Cert.get()))
    return E;
  CaKey = std::move(*Key);
  CaCert = std::move(Cert);
  return llvm::Error::success();
}

llvm::Expected<X509Ptr> CertificateAuthority::State::issue(
    llvm::StringRef Name, EVP_PKEY *Key, llvm::ArrayRef<std::string> Sans,
    llvm::ArrayRef<X509_EXTENSION *> Extra, int64_t TtlSeconds) const {
  auto Serial = takeSerial();
  if (!Serial)
    return Serial.takeError();
  X509Ptr Cert(X509_new());
  X509_set_version(Cert.get(), 2);
  ASN1_INTEGER_set_uint64(X509_get_serialNumber(Cert.get()), *Serial);
  X509_NAME *Subject = X509_get_subject_name(Cert.get());
  X509_NAME_add_entry_by_NID(
      Subject, NID_commonName, MBSTRING_UTF8,
      reinterpret_cast<const unsigned char *>(Name.str().c_str()), -1, -1, 0);
  X509_set_issuer_name(Cert.get(), X509_get_subject_name(CaCert.get()));
  X509_gmtime_adj(X509_getm_notBefore(Cert.get()), -OneDay);
  X509_gmtime_adj(X509_getm_notAfter(Cert.get()), TtlSeconds);
  X509_set_pubkey(Cert.get(), Key);

  // The SANs: the certname first unless the request lists it.
  std::vector<std::string> AllSans;
  std::string Own = "DNS:" + Name.str();
  if (!llvm::is_contained(Sans, Own))
    AllSans.push_back(Own);
  for (const std::string &S : Sans)
    if (!llvm::is_contained(AllSans, S))
      AllSans.push_back(S);

  X509V3_CTX Ctx;
  X509V3_set_ctx(&Ctx, CaCert.get(), Cert.get(), nullptr, nullptr, 0);
  // puppetserver's order (observed in a signed agent certificate).
  for (auto [Nid, Value] :
       {std::pair<int, std::string>{NID_subject_alt_name,
                                    llvm::join(AllSans, ",")},
        {NID_netscape_comment, "Puppet Server Internal Certificate"},
        {NID_authority_key_identifier, "keyid,issuer:always"},
        {NID_subject_key_identifier, "hash"},
        {NID_basic_constraints, "critical,CA:FALSE"},
        {NID_ext_key_usage, "critical,serverAuth,clientAuth"},
        {NID_key_usage, "critical,digitalSignature,keyEncipherment"}}) {
    auto Ext = confExtension(&Ctx, Nid, Value);
    if (!Ext)
      return Ext.takeError();
    X509_add_ext(Cert.get(), Ext->get(), -1);
  }
  for (X509_EXTENSION *Ext : Extra)
    X509_add_ext(Cert.get(), Ext, -1);
  if (!X509_sign(Cert.get(), CaKey.get(), EVP_sha256()))
    return opensslError("cannot sign the certificate for " + Name);

  if (llvm::Error E = writeFileAtomically(signedPath(Name),
                                          certificatePemOf(Cert.get()), 0644))
    return E;
  if (llvm::Error E = appendInventory(Cert.get()))
    return E;
  return Cert;
}

llvm::Error
CertificateAuthority::State::checkDuplicate(llvm::StringRef Name) const {
  if (Options.AllowDuplicateCerts)
    return llvm::Error::success();
  const char *Kind = nullptr;
  if (exists(signedPath(Name))) {
    auto Status = statusOf(Name, /*Request=*/false);
    if (!Status)
      return Status.takeError();
    Kind = certStateName(Status->State);
  } else if (exists(requestPath(Name))) {
    Kind = "requested";
  }
  if (!Kind)
    return llvm::Error::success();
  return failure(Name + " already has a " + Kind +
                 " certificate; ignoring certificate request");
}

llvm::Error
CertificateAuthority::State::signLocked(llvm::StringRef Name,
                                        std::optional<int64_t> TtlSeconds,
                                        bool CheckOnly) const {
  if (!exists(requestPath(Name)))
    return failure("Could not find certificate request for " + Name);
  auto Pem = readFile(requestPath(Name));
  if (!Pem)
    return Pem.takeError();
  auto Req = parseRequest(*Pem);
  if (!Req)
    return Req.takeError();
  auto Info = inspectRequest(*Pem);
  if (!Info)
    return Info.takeError();
  if (Info->CommonName != Name)
    return failure("Instance name \"" + Info->CommonName +
                   "\" does not match requested key \"" + Name + "\"");
  if (llvm::Error E = validateCertname(Name))
    return E;
  if (!Info->SignatureValid)
    return failure(
        "CSR contains a public key that does not correspond to the signing "
        "key");
  std::vector<std::string> Extra;
  for (const std::string &San : Info->SubjectAltNames)
    if (San != "DNS:" + Name.str())
      Extra.push_back(San);
  if (!Extra.empty() && !Options.AllowSubjectAltNames)
    return failure("CSR '" + Name + "' contains subject alternative names (" +
                   joined(Extra) +
                   "), which are disallowed. To allow subject alternative "
                   "names, set allow-subject-alt-names to true in your "
                   "ca.conf file. Then restart puppetserver and try signing "
                   "this certificate again.");

  // The extension requests that may go into the certificate.
  std::vector<std::string> Refused, Auth;
  std::vector<X509_EXTENSION *> Copied;
  ExtStackPtr Exts(X509_REQ_get_extensions(Req->get()));
  for (int I = 0; Exts && I < sk_X509_EXTENSION_num(Exts.get()); ++I) {
    X509_EXTENSION *Ext = sk_X509_EXTENSION_value(Exts.get(), I);
    const ASN1_OBJECT *Obj = X509_EXTENSION_get_object(Ext);
    if (OBJ_obj2nid(Obj) == NID_subject_alt_name)
      continue;
    std::string Oid = oidText(Obj);
    llvm::StringRef O(Oid);
    if (O.startswith(PpRegCertExt) || O.startswith(PpPrivCertExt)) {
      Copied.push_back(Ext);
    } else if (O.startswith(PpAuthCertExt) && O != PpCliAuthOid) {
      Auth.push_back(ppOidName(Oid));
      Copied.push_back(Ext);
    } else {
      Refused.push_back(ppOidName(Oid));
    }
  }
  if (!Refused.empty())
    return failure("Found extensions that are not permitted: " +
                   joined(Refused));
  if (!Auth.empty() && !Options.AllowAuthorizationExtensions)
    return failure("CSR '" + Name + "' contains an authorization extension (" +
                   joined(Auth) +
                   "), which is disallowed. To allow authorization "
                   "extensions, set allow-authorization-extensions to true "
                   "in your ca.conf file. Then restart puppetserver and try "
                   "signing this certificate again.");
  if (CheckOnly)
    return llvm::Error::success();
  auto Cert =
      issue(Name, X509_REQ_get0_pubkey(Req->get()), Info->SubjectAltNames,
            Copied, TtlSeconds.value_or(Options.TtlSeconds));
  if (!Cert)
    return Cert.takeError();
  return removeIfExists(requestPath(Name));
}

llvm::Error
CertificateAuthority::State::revokeLocked(llvm::StringRef Name) const {
  if (!exists(signedPath(Name)))
    return failure("Could not find a signed certificate for " + Name);
  auto Pem = readFile(signedPath(Name));
  if (!Pem)
    return Pem.takeError();
  auto Cert = parseCertificate(*Pem);
  if (!Cert)
    return Cert.takeError();
  auto Revoked = isRevoked(Cert->get());
  if (!Revoked)
    return Revoked.takeError();
  if (*Revoked)
    return failure("Certificate for " + Name + " is already revoked");
  uint64_t Serial = 0;
  ASN1_INTEGER_get_uint64(&Serial, X509_get0_serialNumber(Cert->get()));
  return writeCrl({Serial});
}

llvm::Expected<GeneratedCertificate>
CertificateAuthority::State::generateLocked(llvm::StringRef Name,
                                            llvm::ArrayRef<std::string> Sans,
                                            bool CliAuth) const {
  GeneratedCertificate Out;
  Out.PrivateKeyPath = ssl("private_keys/" + Name.str() + ".pem");
  Out.CertificatePath = ssl("certs/" + Name.str() + ".pem");
  std::string KeyPem;
  if (exists(Out.PrivateKeyPath)) {
    auto Text = readFile(Out.PrivateKeyPath);
    if (!Text)
      return Text.takeError();
    KeyPem = std::move(*Text);
  } else {
    auto Made = generatePrivateKey(Options.Keys);
    if (!Made)
      return Made.takeError();
    KeyPem = std::move(*Made);
    if (llvm::Error E = writeFileAtomically(Out.PrivateKeyPath, KeyPem, 0600))
      return E;
  }
  auto Key = parsePrivateKey(KeyPem);
  if (!Key)
    return Key.takeError();
  if (llvm::Error E =
          writeFileAtomically(ssl("public_keys/" + Name.str() + ".pem"),
                              publicKeyPem(Key->get()), 0644))
    return E;
  std::vector<std::string> Entries;
  for (const std::string &S : Sans)
    Entries.push_back(sanEntry(S));
  std::vector<ExtPtr> Owned;
  std::vector<X509_EXTENSION *> Extra;
  if (CliAuth) {
    ObjectPtr Obj(OBJ_txt2obj(PpCliAuthOid.data(), 1));
    Owned.push_back(utf8Extension(Obj.get(), "true"));
    Extra.push_back(Owned.back().get());
  }
  auto Cert = issue(Name, Key->get(), Entries, Extra, Options.TtlSeconds);
  if (!Cert)
    return Cert.takeError();
  if (llvm::Error E = writeFileAtomically(Out.CertificatePath,
                                          certificatePemOf(Cert->get()), 0644))
    return E;
  return Out;
}

llvm::Expected<CertStatus>
CertificateAuthority::State::statusOf(llvm::StringRef Name,
                                      bool Request) const {
  CertStatus St;
  St.Name = Name.str();
  if (Request) {
    auto Pem = readFile(requestPath(Name));
    if (!Pem)
      return Pem.takeError();
    auto Req = parseRequest(*Pem);
    if (!Req)
      return Req.takeError();
    auto Info = inspectRequest(*Pem);
    if (!Info)
      return Info.takeError();
    std::string Der = derOf(Req->get());
    St.State = CertState::Requested;
    St.Fingerprints["SHA1"] = fingerprintOf(Der, EVP_sha1());
    St.Fingerprints["SHA256"] = fingerprintOf(Der, EVP_sha256());
    St.Fingerprints["SHA512"] = fingerprintOf(Der, EVP_sha512());
    St.SubjectAltNames = Info->SubjectAltNames;
    for (const auto &[Oid, Value] : Info->ExtensionRequests)
      if (llvm::StringRef(Oid).startswith(PpAuthCertExt))
        St.AuthorizationExtensions.emplace_back(ppOidName(Oid), Value);
  } else {
    auto Pem = readFile(signedPath(Name));
    if (!Pem)
      return Pem.takeError();
    auto Cert = parseCertificate(*Pem);
    if (!Cert)
      return Cert.takeError();
    auto Revoked = isRevoked(Cert->get());
    if (!Revoked)
      return Revoked.takeError();
    St.State = *Revoked ? CertState::Revoked : CertState::Signed;
    std::string Der = derOf(Cert->get());
    St.Fingerprints["SHA1"] = fingerprintOf(Der, EVP_sha1());
    St.Fingerprints["SHA256"] = fingerprintOf(Der, EVP_sha256());
    St.Fingerprints["SHA512"] = fingerprintOf(Der, EVP_sha512());
    GeneralNamesPtr Names(static_cast<GENERAL_NAMES *>(
        X509_get_ext_d2i(Cert->get(), NID_subject_alt_name, nullptr, nullptr)));
    if (Names)
      St.SubjectAltNames = generalNamesText(Names.get());
    for (int I = 0; I < X509_get_ext_count(Cert->get()); ++I) {
      X509_EXTENSION *Ext = X509_get_ext(Cert->get(), I);
      std::string Oid = oidText(X509_EXTENSION_get_object(Ext));
      if (llvm::StringRef(Oid).startswith(PpAuthCertExt))
        St.AuthorizationExtensions.emplace_back(
            ppOidName(Oid), extensionValueText(X509_EXTENSION_get_data(Ext)));
    }
    uint64_t Serial = 0;
    ASN1_INTEGER_get_uint64(&Serial, X509_get0_serialNumber(Cert->get()));
    St.Serial = Serial;
    St.NotBefore = puppetTime(X509_get0_notBefore(Cert->get()));
    St.NotAfter = puppetTime(X509_get0_notAfter(Cert->get()));
  }
  ERR_clear_error();
  St.Fingerprint = St.Fingerprints["SHA256"];
  St.Fingerprints["default"] = St.Fingerprint;
  for (const std::string &San : St.SubjectAltNames)
    if (llvm::StringRef(San).startswith("DNS:"))
      St.DnsAltNames.push_back(San);
  return St;
}

//===----------------------------------------------------------------------===//

llvm::Expected<std::unique_ptr<CertificateAuthority::State>>
CertificateAuthority::makeState(const CAOptions &Options) {
  if (llvm::Error E = validateCertname(Options.Certname))
    return failure("invalid certname '" + Options.Certname +
                   "': " + llvm::toString(std::move(E)));
  auto S = std::make_unique<CertificateAuthority::State>();
  S->Options = Options;
  S->Ssldir = Options.Ssldir;
  S->Cadir = Options.Cadir.empty() ? Options.Ssldir + "/ca" : Options.Cadir;
  return S;
}

llvm::Expected<CertificateAuthority>
CertificateAuthority::setup(const CAOptions &Options) {
  auto S = makeState(Options);
  if (!S)
    return S.takeError();
  State &St = **S;
  if (llvm::Error E = St.makeDirectories())
    return E;
  auto Lock = CaLock::acquire(St.Cadir);
  if (!Lock)
    return Lock.takeError();
  // A first start makes two keys (the CA's and the server's): the server's
  // is generated on another core while the CA's is.
  const std::string &Name = Options.Certname;
  const std::string ServerKeyPath = St.ssl("private_keys/" + Name + ".pem");
  std::future<std::optional<std::string>> ServerKey;
  if (!exists(St.ssl("certs/" + Name + ".pem")) && !exists(ServerKeyPath))
    ServerKey =
        std::async(std::launch::async,
                   [Keys = Options.Keys]() -> std::optional<std::string> {
                     auto Made = generatePrivateKey(Keys);
                     if (!Made) {
                       llvm::consumeError(Made.takeError());
                       return std::nullopt;
                     }
                     return std::move(*Made);
                   });
  if (llvm::Error E = St.loadOrCreateCa())
    return E;
  if (ServerKey.valid())
    if (std::optional<std::string> Pem = ServerKey.get())
      if (llvm::Error E = writeFileAtomically(ServerKeyPath, *Pem, 0600))
        return E;
  if (!exists(St.ca("ca_crl.pem")))
    if (llvm::Error E = St.writeCrl({}))
      return E;
  std::string CaPem = certificatePemOf(St.CaCert.get());
  if (!exists(St.ssl("certs/ca.pem")))
    if (llvm::Error E =
            writeFileAtomically(St.ssl("certs/ca.pem"), CaPem, 0644))
      return E;
  if (!exists(St.ssl("crl.pem"))) {
    auto Crl = readFile(St.ca("ca_crl.pem"));
    if (!Crl)
      return Crl.takeError();
    if (llvm::Error E = writeFileAtomically(St.ssl("crl.pem"), *Crl, 0644))
      return E;
  }
  // The server's own credentials, as puppetserver makes them: SANs
  // `puppet` (or dns_alt_names) + the certname, and pp_cli_auth.
  if (!exists(St.ssl("certs/" + Name + ".pem"))) {
    std::vector<std::string> Sans = Options.DnsAltNames;
    if (Sans.empty())
      Sans.emplace_back("puppet");
    auto Made = St.generateLocked(Name, Sans, /*CliAuth=*/true);
    if (!Made)
      return Made.takeError();
  }
  return CertificateAuthority(std::move(*S));
}

llvm::Expected<CertificateAuthority>
CertificateAuthority::open(const CAOptions &Options) {
  auto S = makeState(Options);
  if (!S)
    return S.takeError();
  State &St = **S;
  if (!exists(St.ca("ca_crt.pem")))
    return failure("no CA in " + St.Cadir +
                   " (run `cppet-master cert setup` first)");
  if (llvm::Error E = St.loadOrCreateCa())
    return E;
  if (!exists(St.ca("ca_crl.pem")))
    return failure("no CRL in " + St.Cadir + " (ca_crl.pem is missing)");
  return CertificateAuthority(std::move(*S));
}

CertificateAuthority::CertificateAuthority(std::unique_ptr<State> S)
    : S(std::move(S)) {}
CertificateAuthority::CertificateAuthority(CertificateAuthority &&) noexcept =
    default;
CertificateAuthority &
CertificateAuthority::operator=(CertificateAuthority &&) noexcept = default;
CertificateAuthority::~CertificateAuthority() = default;

const std::string &CertificateAuthority::ssldir() const { return S->Ssldir; }
const std::string &CertificateAuthority::cadir() const { return S->Cadir; }
std::string CertificateAuthority::requestPath(llvm::StringRef Name) const {
  return S->requestPath(Name);
}
std::string CertificateAuthority::signedPath(llvm::StringRef Name) const {
  return S->signedPath(Name);
}

llvm::Expected<SubmitOutcome>
CertificateAuthority::submitRequest(llvm::StringRef Name,
                                    llvm::StringRef CsrPem,
                                    std::vector<std::string> *Warnings) {
  auto Info = inspectRequest(CsrPem);
  if (!Info)
    return failure("invalid certificate request for " + Name + ": " +
                   llvm::toString(Info.takeError()));
  auto Lock = CaLock::acquire(S->Cadir);
  if (!Lock)
    return Lock.takeError();
  // puppetserver's order: the duplicate check (on the CSR's CN), then the
  // subject checks.
  if (isValidCertname(Info->CommonName))
    if (llvm::Error E = S->checkDuplicate(Info->CommonName))
      return E;
  if (Info->CommonName != Name)
    return failure("Instance name \"" + Info->CommonName +
                   "\" does not match requested key \"" + Name + "\"");
  if (llvm::Error E = validateCertname(Name))
    return E;
  if (!Info->SignatureValid)
    return failure("CSR contains a public key that does not correspond to "
                   "the signing key");
  if (llvm::Error E = writeFileAtomically(S->requestPath(Name), CsrPem, 0644))
    return E;
  if (!shouldAutosign(S->Options.Autosign, Name, CsrPem, Warnings))
    return SubmitOutcome::Saved;
  if (llvm::Error E = S->signLocked(Name))
    return E;
  return SubmitOutcome::Autosigned;
}

llvm::Error CertificateAuthority::sign(llvm::StringRef Name,
                                       std::optional<int64_t> TtlSeconds) {
  auto Lock = CaLock::acquire(S->Cadir);
  if (!Lock)
    return Lock.takeError();
  return S->signLocked(Name, TtlSeconds);
}

llvm::Error CertificateAuthority::checkRequest(llvm::StringRef Name) const {
  auto Lock = CaLock::acquire(S->Cadir);
  if (!Lock)
    return Lock.takeError();
  return S->signLocked(Name, std::nullopt, /*CheckOnly=*/true);
}

llvm::Error CertificateAuthority::revoke(llvm::StringRef Name) {
  auto Lock = CaLock::acquire(S->Cadir);
  if (!Lock)
    return Lock.takeError();
  return S->revokeLocked(Name);
}

llvm::Error CertificateAuthority::clean(llvm::StringRef Name) {
  auto Lock = CaLock::acquire(S->Cadir);
  if (!Lock)
    return Lock.takeError();
  bool HasCert = exists(S->signedPath(Name));
  bool HasRequest = exists(S->requestPath(Name));
  if (!HasCert && !HasRequest)
    return failure("Could not find files to clean for " + Name);
  if (HasCert) {
    auto St = S->statusOf(Name, /*Request=*/false);
    if (!St)
      return St.takeError();
    if (St->State == CertState::Signed)
      if (llvm::Error E = S->revokeLocked(Name))
        return E;
    if (llvm::Error E = removeIfExists(S->signedPath(Name)))
      return E;
  }
  return removeIfExists(S->requestPath(Name));
}

llvm::Error CertificateAuthority::discard(llvm::StringRef Name) {
  auto Lock = CaLock::acquire(S->Cadir);
  if (!Lock)
    return Lock.takeError();
  if (!exists(S->signedPath(Name)) && !exists(S->requestPath(Name)))
    return failure("Could not find files to clean for " + Name);
  if (llvm::Error E = removeIfExists(S->signedPath(Name)))
    return E;
  return removeIfExists(S->requestPath(Name));
}

llvm::Expected<GeneratedCertificate>
CertificateAuthority::generate(llvm::StringRef Name,
                               llvm::ArrayRef<std::string> DnsAltNames,
                               bool CliAuth) {
  if (llvm::Error E = validateCertname(Name))
    return E;
  auto Lock = CaLock::acquire(S->Cadir);
  if (!Lock)
    return Lock.takeError();
  if (exists(S->signedPath(Name)) || exists(S->requestPath(Name))) {
    auto St = status(Name);
    if (!St)
      return St.takeError();
    return failure(Name + " already has a " + certStateName(St->State) +
                   " certificate");
  }
  return S->generateLocked(Name, DnsAltNames, CliAuth);
}

llvm::Expected<CertStatus>
CertificateAuthority::status(llvm::StringRef Name) const {
  if (exists(S->signedPath(Name)))
    return S->statusOf(Name, /*Request=*/false);
  if (exists(S->requestPath(Name)))
    return S->statusOf(Name, /*Request=*/true);
  return failure("Could not find a certificate or request for " + Name);
}

llvm::Expected<std::vector<CertStatus>> CertificateAuthority::statuses() const {
  std::vector<CertStatus> Out;
  for (bool Request : {true, false}) {
    std::string Dir = S->ca(Request ? "requests" : "signed");
    std::error_code EC;
    std::set<std::string> Names;
    for (llvm::sys::fs::directory_iterator It(Dir, EC), End; !EC && It != End;
         It.increment(EC)) {
      llvm::StringRef File = llvm::sys::path::filename(It->path());
      if (File.consume_back(".pem"))
        Names.insert(File.str());
    }
    if (EC)
      return failure("cannot list " + Dir + ": " + EC.message());
    for (const std::string &Name : Names) {
      auto St = S->statusOf(Name, Request);
      if (!St)
        return St.takeError();
      Out.push_back(std::move(*St));
    }
  }
  llvm::stable_sort(Out, [](const CertStatus &A, const CertStatus &B) {
    return A.Name < B.Name;
  });
  return Out;
}

bool CertificateAuthority::hasCertificate(llvm::StringRef Name) const {
  return exists(S->signedPath(Name));
}

bool CertificateAuthority::hasRequest(llvm::StringRef Name) const {
  return exists(S->requestPath(Name));
}

llvm::Expected<Expirations> CertificateAuthority::expirations() const {
  Expirations Out;
  Out.CACerts[commonNameOf(X509_get_subject_name(S->CaCert.get()))] =
      puppetTime(X509_get0_notAfter(S->CaCert.get()));
  auto Crl = S->loadCrl();
  if (!Crl)
    return Crl.takeError();
  if (const ASN1_TIME *Next = X509_CRL_get0_nextUpdate(Crl->get()))
    Out.Crls[commonNameOf(X509_CRL_get_issuer(Crl->get()))] = puppetTime(Next);
  return Out;
}

llvm::Expected<std::string> CertificateAuthority::caCertificatePem() const {
  return readFile(S->ca("ca_crt.pem"));
}
llvm::Expected<std::string> CertificateAuthority::crlPem() const {
  return readFile(S->ca("ca_crl.pem"));
}
llvm::Expected<std::string>
CertificateAuthority::certificatePem(llvm::StringRef Name) const {
  if (!exists(S->signedPath(Name)))
    return failure("Could not find certificate " + Name);
  return readFile(S->signedPath(Name));
}
llvm::Expected<std::string>
CertificateAuthority::requestPem(llvm::StringRef Name) const {
  if (!exists(S->requestPath(Name)))
    return failure("Could not find certificate_request " + Name);
  return readFile(S->requestPath(Name));
}

} // namespace cppet::pki
