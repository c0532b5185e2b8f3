//===- CertCommand.cpp - `cppet-master cert ...` --------------------------===//
//
// The certificate authority from the command line, over the local CA
// directory: setup, list, sign, revoke, clean, generate, fingerprint,
// status, and submit (what PUT certificate_request does, for scripts and
// tests). Output follows `puppetserver ca`. With --server, list, sign,
// revoke, clean, fingerprint and status go through a running server's
// certificate_status API instead, over mTLS with this server's own
// certificate (which carries pp_cli_auth), as `puppetserver ca` does; the
// output is the same either way.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"

#include "cppet/Net/Client.h"
#include "cppet/PKI/CertificateAuthority.h"
#include "cppet/Support/FileSystem.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstring>
#include <netdb.h>
#include <unistd.h>

using namespace cppet;

namespace {

struct CertArgs {
  std::string Ssldir = "/etc/cppet/ssl";
  std::string Cadir;
  std::string Certname;
  std::vector<std::string> DnsAltNames;
  unsigned KeyLength = 4096;
  std::string KeyType = "rsa";
  std::string Autosign = "false";
  bool AllowSubjectAltNames = false;
  bool AllowAuthorizationExtensions = false;
  bool All = false;
  bool Json = false;
  /// generate --admin: the certificate gets pp_cli_auth "true".
  bool Admin = false;
  /// --server: act through this server's CA API, not the CA directory.
  std::string Server;
  int ServerPort = 8140;
  std::string CsrFile;
  std::vector<std::string> Names;
};

int fail(const llvm::Twine &Message) {
  llvm::WithColor::error(llvm::errs(), "cppet-master") << Message << "\n";
  return 1;
}

int fail(llvm::Error E) { return fail(llvm::toString(std::move(E))); }

/// The fqdn: the canonical name of the host name, lower-cased.
std::string defaultCertname() {
  char Host[256] = {0};
  if (gethostname(Host, sizeof(Host) - 1) != 0)
    return "localhost";
  std::string Name = Host;
  addrinfo Hints = {};
  Hints.ai_flags = AI_CANONNAME;
  addrinfo *Res = nullptr;
  if (getaddrinfo(Host, nullptr, &Hints, &Res) == 0) {
    if (Res && Res->ai_canonname && std::strchr(Res->ai_canonname, '.'))
      Name = Res->ai_canonname;
    freeaddrinfo(Res);
  }
  return llvm::StringRef(Name).lower();
}

pki::CAOptions optionsOf(const CertArgs &Args) {
  pki::CAOptions O;
  O.Ssldir = Args.Ssldir;
  O.Cadir = Args.Cadir;
  O.Certname = Args.Certname.empty() ? defaultCertname() : Args.Certname;
  O.DnsAltNames = Args.DnsAltNames;
  O.Keys.Type = Args.KeyType == "ec" ? pki::KeyType::EC : pki::KeyType::RSA;
  O.Keys.Bits = Args.KeyLength;
  O.AllowSubjectAltNames = Args.AllowSubjectAltNames;
  O.AllowAuthorizationExtensions = Args.AllowAuthorizationExtensions;
  O.Autosign = pki::AutosignPolicy::fromSetting(Args.Autosign);
  return O;
}

std::string quotedList(llvm::ArrayRef<std::string> Items) {
  std::string Out = "[";
  for (size_t I = 0; I < Items.size(); ++I)
    Out += (I ? ", \"" : "\"") + Items[I] + "\"";
  return Out + "]";
}

llvm::Error failure(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

/// Where list, sign, revoke, clean, fingerprint and status act: the CA
/// directory, or a running server's CA API. Errors are worded alike.
class CertBackend {
public:
  virtual ~CertBackend() = default;
  /// Every request and certificate, sorted by name.
  virtual llvm::Expected<std::vector<pki::CertStatus>> statuses() = 0;
  virtual llvm::Expected<pki::CertStatus> status(const std::string &Name) = 0;
  virtual llvm::Error sign(const std::string &Name) = 0;
  virtual llvm::Error revoke(const std::string &Name) = 0;
  /// Revokes a signed certificate, then deletes the certificate and the
  /// request.
  virtual llvm::Error clean(const std::string &Name) = 0;
};

class LocalBackend final : public CertBackend {
public:
  explicit LocalBackend(pki::CertificateAuthority &CA) : CA(CA) {}
  llvm::Expected<std::vector<pki::CertStatus>> statuses() override {
    return CA.statuses();
  }
  llvm::Expected<pki::CertStatus> status(const std::string &Name) override {
    return CA.status(Name);
  }
  llvm::Error sign(const std::string &Name) override { return CA.sign(Name); }
  llvm::Error revoke(const std::string &Name) override {
    return CA.revoke(Name);
  }
  llvm::Error clean(const std::string &Name) override { return CA.clean(Name); }

private:
  pki::CertificateAuthority &CA;
};

/// The certificate_status API of a running server, with this server's
/// certificate and key from the ssldir: GET certificate_status(es), PUT
/// {"desired_state": ...}, and DELETE after a revocation for clean (as
/// `puppetserver ca clean` does).
class ServerBackend final : public CertBackend {
public:
  static llvm::Expected<std::unique_ptr<ServerBackend>>
  connect(const CertArgs &Args, const std::string &Certname) {
    net::ClientOptions O;
    O.Host = Args.Server;
    O.Port = Args.ServerPort;
    O.CAFile = Args.Ssldir + "/certs/ca.pem";
    O.CrlFile = Args.Ssldir + "/crl.pem";
    if (!llvm::sys::fs::exists(O.CrlFile))
      O.CrlFile.clear();
    O.CertFile = Args.Ssldir + "/certs/" + Certname + ".pem";
    O.KeyFile = Args.Ssldir + "/private_keys/" + Certname + ".pem";
    for (const std::string *File : {&O.CertFile, &O.KeyFile})
      if (!llvm::sys::fs::exists(*File))
        return failure("cannot reach the CA API as " + Certname + ": " + *File +
                       " is missing");
    O.ConnectTimeoutSeconds = 30;
    O.ReadTimeoutSeconds = 120;
    auto Http = net::Client::create(O);
    if (!Http)
      return Http.takeError();
    return std::unique_ptr<ServerBackend>(new ServerBackend(std::move(*Http)));
  }

  llvm::Expected<std::vector<pki::CertStatus>> statuses() override {
    auto R = net::expectOk(
        Http->get("/puppet-ca/v1/certificate_statuses/any_key", JsonType));
    if (!R)
      return R.takeError();
    catalog::Json J = catalog::Json::parse(R->Body, nullptr, false);
    if (!J.is_array())
      return failure("the server's certificate_statuses is not a JSON array");
    std::vector<pki::CertStatus> Out;
    for (const catalog::Json &Entry : J) {
      auto St = pki::CertStatus::fromJson(Entry);
      if (!St)
        return St.takeError();
      Out.push_back(std::move(*St));
    }
    std::stable_sort(Out.begin(), Out.end(),
                     [](const pki::CertStatus &A, const pki::CertStatus &B) {
                       return A.Name < B.Name;
                     });
    return Out;
  }

  llvm::Expected<pki::CertStatus> status(const std::string &Name) override {
    auto R = Http->get(statusPath(Name), JsonType);
    if (!R)
      return R.takeError();
    if (R->Status == 404)
      return failure("Could not find a certificate or request for " + Name);
    if (!R->ok())
      return net::responseError(*R);
    catalog::Json J = catalog::Json::parse(R->Body, nullptr, false);
    return pki::CertStatus::fromJson(J);
  }

  llvm::Error sign(const std::string &Name) override {
    auto R = setState(Name, "signed");
    if (!R)
      return R.takeError();
    if (R->Status == 404)
      return failure("Could not find certificate request for " + Name);
    if (R->Status == 409)
      return failure(R->Body);
    return R->ok() ? llvm::Error::success() : net::responseError(*R);
  }

  llvm::Error revoke(const std::string &Name) override {
    // The API revokes a revoked certificate again without complaint; the
    // local wording needs the state first.
    auto St = status(Name);
    if (!St || St->State == pki::CertState::Requested) {
      if (!St)
        llvm::consumeError(St.takeError());
      return failure("Could not find a signed certificate for " + Name);
    }
    if (St->State == pki::CertState::Revoked)
      return failure("Certificate for " + Name + " is already revoked");
    auto R = setState(Name, "revoked");
    if (!R)
      return R.takeError();
    return R->ok() ? llvm::Error::success() : net::responseError(*R);
  }

  llvm::Error clean(const std::string &Name) override {
    // 409: nothing signed to revoke (a request only).
    auto Revoked = setState(Name, "revoked");
    if (!Revoked)
      return Revoked.takeError();
    if (Revoked->Status == 404)
      return failure("Could not find files to clean for " + Name);
    if (!Revoked->ok() && Revoked->Status != 409)
      return net::responseError(*Revoked);
    auto Deleted = Http->del(statusPath(Name), JsonType);
    if (!Deleted)
      return Deleted.takeError();
    if (Deleted->Status == 404)
      return failure("Could not find files to clean for " + Name);
    return Deleted->ok() ? llvm::Error::success()
                         : net::responseError(*Deleted);
  }

private:
  static constexpr const char *JsonType = "application/json";

  explicit ServerBackend(std::unique_ptr<net::Client> Http)
      : Http(std::move(Http)) {}

  static std::string statusPath(const std::string &Name) {
    return "/puppet-ca/v1/certificate_status/" + net::uriEncode(Name);
  }

  llvm::Expected<net::Response> setState(const std::string &Name,
                                         const char *State) {
    catalog::Json Body = {{"desired_state", State}};
    return Http->put(statusPath(Name), Body.dump(), JsonType, JsonType);
  }

  std::unique_ptr<net::Client> Http;
};

/// `puppetserver ca list [--all]`: one section per state.
int runList(CertBackend &CA, const CertArgs &Args) {
  auto All = CA.statuses();
  if (!All)
    return fail(All.takeError());
  std::vector<const pki::CertStatus *> Shown;
  for (const pki::CertStatus &S : *All)
    if (Args.All || S.State == pki::CertState::Requested)
      Shown.push_back(&S);
  if (Shown.empty()) {
    llvm::outs() << "No certificates to list\n";
    return 0;
  }
  size_t Width = 0;
  for (const pki::CertStatus *S : Shown)
    Width = std::max(Width, S->Name.size());
  for (auto [State, Title] :
       {std::pair{pki::CertState::Requested, "Requested Certificates:"},
        {pki::CertState::Signed, "Signed Certificates:"},
        {pki::CertState::Revoked, "Revoked Certificates:"}}) {
    bool Header = false;
    for (const pki::CertStatus *S : Shown) {
      if (S->State != State)
        continue;
      if (!Header)
        llvm::outs() << Title << "\n";
      Header = true;
      llvm::outs() << "    " << S->Name
                   << std::string(Width - S->Name.size(), ' ')
                   << "   (SHA256)  " << S->Fingerprint;
      if (!S->SubjectAltNames.empty())
        llvm::outs() << "\talt names: " << quotedList(S->SubjectAltNames);
      if (!S->AuthorizationExtensions.empty()) {
        llvm::outs() << "\tauthorization extensions: [";
        for (size_t I = 0; I < S->AuthorizationExtensions.size(); ++I)
          llvm::outs() << (I ? ", " : "") << S->AuthorizationExtensions[I].first
                       << ": " << S->AuthorizationExtensions[I].second;
        llvm::outs() << "]";
      }
      llvm::outs() << "\n";
    }
  }
  return 0;
}

int runSign(CertBackend &CA, const CertArgs &Args) {
  std::vector<std::string> Names = Args.Names;
  if (Args.All) {
    if (!Names.empty())
      return fail("give names or --all, not both");
    auto All = CA.statuses();
    if (!All)
      return fail(All.takeError());
    for (const pki::CertStatus &S : *All)
      if (S.State == pki::CertState::Requested)
        Names.push_back(S.Name);
    if (Names.empty()) {
      llvm::outs() << "No waiting certificate requests to sign\n";
      return 24;
    }
  }
  if (Names.empty())
    return fail("give the names to sign, or --all");
  int Status = 0;
  for (const std::string &Name : Names) {
    if (llvm::Error E = CA.sign(Name)) {
      Status = fail(std::move(E));
      continue;
    }
    llvm::outs() << "Successfully signed certificate request for " << Name
                 << "\n";
  }
  return Status;
}

int runRevoke(CertBackend &CA, const CertArgs &Args) {
  int Status = 0;
  for (const std::string &Name : Args.Names) {
    if (llvm::Error E = CA.revoke(Name)) {
      Status = fail(std::move(E));
      continue;
    }
    llvm::outs() << "Certificate for " << Name << " has been revoked\n";
  }
  return Status;
}

int runClean(CertBackend &CA, const CertArgs &Args) {
  int Status = 0;
  for (const std::string &Name : Args.Names) {
    auto Before = CA.status(Name);
    bool WasSigned = Before && Before->State == pki::CertState::Signed;
    if (!Before)
      llvm::consumeError(Before.takeError());
    if (llvm::Error E = CA.clean(Name)) {
      Status = fail(std::move(E));
      continue;
    }
    if (WasSigned)
      llvm::outs() << "Certificate for " << Name << " has been revoked\n";
    llvm::outs() << "Cleaned files related to " << Name << "\n";
  }
  return Status;
}

int runGenerate(pki::CertificateAuthority &CA, const CertArgs &Args) {
  int Status = 0;
  for (const std::string &Name : Args.Names) {
    auto Made = CA.generate(Name, Args.DnsAltNames, Args.Admin);
    if (!Made) {
      Status = fail(Made.takeError());
      continue;
    }
    llvm::outs() << "Successfully saved private key for " << Name << " to "
                 << Made->PrivateKeyPath << "\n"
                 << "Successfully saved certificate for " << Name << " to "
                 << Made->CertificatePath << "\n";
  }
  return Status;
}

int runFingerprint(CertBackend &CA, const CertArgs &Args) {
  int Status = 0;
  for (const std::string &Name : Args.Names) {
    auto St = CA.status(Name);
    if (!St) {
      Status = fail(St.takeError());
      continue;
    }
    llvm::outs() << Name << " (SHA256) " << St->Fingerprint << "\n";
  }
  return Status;
}

int runStatus(CertBackend &CA, const CertArgs &Args) {
  catalog::Json Out = catalog::Json::array();
  for (const std::string &Name : Args.Names) {
    auto St = CA.status(Name);
    if (!St)
      return fail(St.takeError());
    Out.push_back(St->toJson());
  }
  if (Args.Names.empty()) {
    auto All = CA.statuses();
    if (!All)
      return fail(All.takeError());
    for (const pki::CertStatus &S : *All)
      Out.push_back(S.toJson());
  }
  llvm::outs() << (Args.Names.size() == 1 ? Out[0] : Out).dump(2) << "\n";
  return 0;
}

int runSubmit(pki::CertificateAuthority &CA, const CertArgs &Args) {
  if (Args.Names.size() != 1)
    return fail("submit takes one name");
  auto Pem = readFile(Args.CsrFile);
  if (!Pem)
    return fail(Pem.takeError());
  std::vector<std::string> Warnings;
  auto Outcome = CA.submitRequest(Args.Names[0], *Pem, &Warnings);
  for (const std::string &W : Warnings)
    llvm::WithColor::warning(llvm::errs(), "cppet-master") << W << "\n";
  if (!Outcome)
    return fail(Outcome.takeError());
  llvm::outs() << (*Outcome == pki::SubmitOutcome::Autosigned
                       ? "Signed certificate request for "
                       : "Saved certificate request for ")
               << Args.Names[0] << "\n";
  return 0;
}

/// The actions a CertBackend serves.
int runOn(CertBackend &CA, const std::string &Action, const CertArgs &Args) {
  if (Action == "list")
    return runList(CA, Args);
  if (Action == "sign")
    return runSign(CA, Args);
  if (Action == "revoke")
    return runRevoke(CA, Args);
  if (Action == "clean")
    return runClean(CA, Args);
  if (Action == "fingerprint")
    return runFingerprint(CA, Args);
  return runStatus(CA, Args);
}

int runCert(const std::string &Action, const CertArgs &Args) {
  pki::CAOptions Options = optionsOf(Args);
  static constexpr llvm::StringLiteral BackendActions[] = {
      "list", "sign", "revoke", "clean", "fingerprint", "status"};
  const bool ThroughBackend =
      llvm::is_contained(BackendActions, llvm::StringRef(Action));
  if (!Args.Server.empty()) {
    if (!ThroughBackend)
      return fail("`cert " + Action +
                  "` works on the local CA directory only (without --server)");
    auto Server = ServerBackend::connect(Args, Options.Certname);
    if (!Server)
      return fail(Server.takeError());
    return runOn(**Server, Action, Args);
  }
  if (Action == "setup") {
    auto CA = pki::CertificateAuthority::setup(Options);
    if (!CA)
      return fail(CA.takeError());
    llvm::outs() << "Generation succeeded. Find your files in " << CA->cadir()
                 << " and " << CA->ssldir() << "\n";
    return 0;
  }
  auto CA = pki::CertificateAuthority::open(Options);
  if (!CA)
    return fail(CA.takeError());
  if (ThroughBackend) {
    LocalBackend Local(*CA);
    return runOn(Local, Action, Args);
  }
  if (Action == "generate")
    return runGenerate(*CA, Args);
  if (Action == "submit")
    return runSubmit(*CA, Args);
  return fail("unknown action " + Action);
}

} // namespace

namespace cppet_master {

CommandRunner registerCertCommand(CLI::App &Sub) {
  auto Args = std::make_shared<CertArgs>();
  auto Action = std::make_shared<std::string>();
  Sub.require_subcommand(1);
  Sub.add_option("--ssldir", Args->Ssldir, "the SSL directory")
      ->capture_default_str();
  Sub.add_option("--cadir", Args->Cadir,
                 "the CA directory (default SSLDIR/ca)");
  Sub.add_option("--certname", Args->Certname,
                 "this server's certname (default: the fqdn)");
  Sub.add_option("--dns-alt-names", Args->DnsAltNames,
                 "extra subject alternative names (comma-separated)")
      ->delimiter(',');
  Sub.add_option("--keylength", Args->KeyLength, "RSA key size")
      ->capture_default_str();
  Sub.add_option("--key-type", Args->KeyType, "rsa or ec")
      ->check(CLI::IsMember({"rsa", "ec"}))
      ->capture_default_str();
  Sub.add_option("--autosign", Args->Autosign,
                 "true, false, or the path of autosign.conf or a policy "
                 "executable")
      ->capture_default_str();
  Sub.add_flag("--allow-subject-alt-names", Args->AllowSubjectAltNames,
               "sign requests asking for subject alternative names");
  Sub.add_option("--server", Args->Server,
                 "act through this server's CA API (list, sign, revoke, "
                 "clean, fingerprint, status) with this server's "
                 "certificate, instead of the CA directory");
  Sub.add_option("--serverport", Args->ServerPort, "the server's port")
      ->capture_default_str();
  Sub.add_flag("--allow-authorization-extensions",
               Args->AllowAuthorizationExtensions,
               "sign requests asking for pp_auth extensions");

  auto AddAction = [&](const char *Name, const char *Help) {
    CLI::App *A = Sub.add_subcommand(Name, Help);
    A->fallthrough();
    A->callback([Action, Name] { *Action = Name; });
    return A;
  };
  AddAction("setup", "create the CA and this server's certificate");
  AddAction("list", "list waiting requests (--all: every certificate)")
      ->add_flag("--all", Args->All, "also signed and revoked certificates");
  CLI::App *Sign = AddAction("sign", "sign waiting requests");
  Sign->add_option("names", Args->Names, "certnames");
  Sign->add_flag("--all", Args->All, "sign every waiting request");
  AddAction("revoke", "revoke certificates")
      ->add_option("names", Args->Names, "certnames")
      ->required();
  AddAction("clean", "revoke and delete certificates and requests")
      ->add_option("names", Args->Names, "certnames")
      ->required();
  CLI::App *Generate =
      AddAction("generate", "make a key and signed certificate here");
  Generate->add_option("names", Args->Names, "certnames")->required();
  Generate->add_flag("--admin", Args->Admin,
                     "add pp_cli_auth \"true\": the certificate may use the "
                     "CA API (certificate_status, clean)");
  AddAction("fingerprint", "print SHA256 fingerprints")
      ->add_option("names", Args->Names, "certnames")
      ->required();
  AddAction("status", "print certificate_status JSON")
      ->add_option("names", Args->Names, "certnames (default: all)");
  CLI::App *Submit =
      AddAction("submit", "accept a CSR as PUT certificate_request does");
  Submit->add_option("name", Args->Names, "certname")->required();
  Submit->add_option("--csr", Args->CsrFile, "the CSR (PEM)")->required();
  return [Args, Action] { return runCert(*Action, *Args); };
}

} // namespace cppet_master
