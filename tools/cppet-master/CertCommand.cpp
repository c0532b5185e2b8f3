//===- CertCommand.cpp - `cppet-master cert ...` --------------------------===//
//
// The certificate authority from the command line, over the local CA
// directory: setup, list, sign, revoke, clean, generate, fingerprint,
// status, and submit (what PUT certificate_request does, for scripts and
// tests). Output follows `puppetserver ca`.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"

#include "cppet/PKI/CertificateAuthority.h"
#include "cppet/Support/FileSystem.h"

#include "llvm/ADT/StringExtras.h"
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

/// `puppetserver ca list [--all]`: one section per state.
int runList(pki::CertificateAuthority &CA, const CertArgs &Args) {
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

int runSign(pki::CertificateAuthority &CA, const CertArgs &Args) {
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

int runRevoke(pki::CertificateAuthority &CA, const CertArgs &Args) {
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

int runClean(pki::CertificateAuthority &CA, const CertArgs &Args) {
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
    auto Made = CA.generate(Name, Args.DnsAltNames);
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

int runFingerprint(pki::CertificateAuthority &CA, const CertArgs &Args) {
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

int runStatus(pki::CertificateAuthority &CA, const CertArgs &Args) {
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

int runCert(const std::string &Action, const CertArgs &Args) {
  pki::CAOptions Options = optionsOf(Args);
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
  if (Action == "list")
    return runList(*CA, Args);
  if (Action == "sign")
    return runSign(*CA, Args);
  if (Action == "revoke")
    return runRevoke(*CA, Args);
  if (Action == "clean")
    return runClean(*CA, Args);
  if (Action == "generate")
    return runGenerate(*CA, Args);
  if (Action == "fingerprint")
    return runFingerprint(*CA, Args);
  if (Action == "status")
    return runStatus(*CA, Args);
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
  AddAction("generate", "make a key and signed certificate here")
      ->add_option("names", Args->Names, "certnames")
      ->required();
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
