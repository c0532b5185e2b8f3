//===- RequestFuzzer.cpp - libFuzzer entry point for the master's requests ===//
//
// Feeds arbitrary bytes to what the master does with an HTTP request once
// the transport has read it: parseForm() and percentDecode() on the raw
// input, then MasterRoutes::handle() with a request made from the input,
// against real services set up once in a temporary directory: a CA
// (1024-bit keys), directory environments with a tiny site (a node with a
// class, a file served from a module, an ERB template() and an EPP epp()
// using the facts), the plain node classifier, the catalog compiler and a
// report store (lib/Store). So the catalog POST's double-decoded facts and
// their compile, file_metadata(s)/file_content path handling (a symlink in
// the module leads out of it) and report parsing and storing are fuzzed.
//
// The input is text, one field per line, so seeds are readable and
// mutations keep their shape:
//
//   METHOD
//   TARGET          path?query as on the wire (percent-decoded as the
//                   server does: the path once, the query as a form)
//   CONTENT-TYPE
//   PEER            "-": no client certificate; "=": the certificate of
//                   the node the path names (passes the node's own rules);
//                   anything else: that certname; a leading "!" makes it
//                   an admin certificate (pp_cli_auth)
//   ACCEPT
//   BODY...         the rest of the input
//
// Missing lines are empty. Every request must come back as a response: no
// crash, no sanitizer report, no exception.
//
//===----------------------------------------------------------------------===//
#include "cppet/Net/Master.h"
#include "cppet/Net/Routes.h"
#include "cppet/PKI/CertificateAuthority.h"
#include "cppet/Store/Store.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <unistd.h>

using namespace cppet;

namespace {

struct Fixture {
  std::string Dir;
  std::optional<pki::CertificateAuthority> CA;
  std::unique_ptr<net::Environments> Envs;
  std::unique_ptr<net::NodeClassifier> Classifier;
  std::unique_ptr<net::CatalogCompiler> Compiler;
  std::unique_ptr<store::Store> Store;
  std::unique_ptr<net::MasterRoutes> Routes;
};

Fixture *TheFixture = nullptr;

void removeFixture() {
  if (TheFixture && !TheFixture->Dir.empty())
    (void)llvm::sys::fs::remove_directories(TheFixture->Dir);
}

[[noreturn]] void die(const llvm::Twine &Message) {
  llvm::errs() << "request-fuzzer: " << Message << "\n";
  std::abort();
}

void write(const std::string &Path, llvm::StringRef Text) {
  llvm::SmallString<256> Parent(Path);
  llvm::sys::path::remove_filename(Parent);
  if (llvm::sys::fs::create_directories(Parent))
    die("cannot create " + Parent);
  std::ofstream Out(Path, std::ios::binary);
  Out << Text.str();
  if (!Out)
    die("cannot write " + Path);
}

/// The production environment: node default with a class using a served
/// file, an ERB and an EPP template and the facts; node broken.fuzz.test
/// fails to compile; plugins and pluginfacts in the module.
void makeSite(const std::string &Code) {
  const std::string Env = Code + "/environments/production";
  const std::string Mod = Env + "/modules/demo";
  write(Env + "/manifests/site.pp",
        "node 'broken.fuzz.test' { $x = undef_function_here(1) }\n"
        "node default {\n"
        "  class { 'demo': greeting => \"hi ${facts['role']}\" }\n"
        "  if $facts['os'] =~ Hash { notify { \"os ${facts['os']['family']}\": "
        "} }\n"
        "}\n");
  write(Mod + "/manifests/init.pp",
        "class demo (String $greeting = 'hello') {\n"
        "  $items = [$facts['a'], $facts['b']].filter |$i| { $i =~ String }\n"
        "  file { '/nonexistent/fuzz/f.txt':\n"
        "    source => 'puppet:///modules/demo/f.txt',\n"
        "  }\n"
        "  file { '/nonexistent/fuzz/t.txt': content => template('demo/t.erb') "
        "}\n"
        "  file { '/nonexistent/fuzz/e.txt':\n"
        "    content => epp('demo/e.epp', { 'who' => \"${facts['name']}\", "
        "'items' => $items }),\n"
        "  }\n"
        "  notify { \"${greeting} from ${trusted['certname']}\": }\n"
        "}\n");
  write(Mod + "/templates/t.erb", "greeting: <%= @greeting %>\n"
                                  "<% @items.each do |i| -%>\n"
                                  "item <%= i %>\n"
                                  "<% end -%>\n");
  write(Mod + "/templates/e.epp",
        "<%- | String $who, Array $items | -%>\n"
        "hello <%= $who %>\n"
        "<% $items.each |$i| { -%>\nitem <%= $i %>\n<% } -%>\n");
  write(Mod + "/files/f.txt", "served\n");
  write(Mod + "/files/d/a.txt", "a\n");
  write(Mod + "/files/d/sub/b.txt", "b\n");
  write(Mod + "/files/d/.hidden", "h\n");
  write(Mod + "/lib/facter/custom.rb", "Facter.add(:custom) { 'x' }\n");
  write(Mod + "/facts.d/ext.txt", "ext=1\n");
  // A link out of the module: served files must stay in their mount.
  (void)llvm::sys::fs::create_link("/etc/passwd", Mod + "/files/escape");
  (void)llvm::sys::fs::create_link("../../manifests", Mod + "/files/d/up");
  write(Code + "/environments/staging/manifests/site.pp",
        "notify { 'staging': }\n");
  write(Code + "/environments/staging/environment.conf",
        "manifest = manifests/site.pp\nmodulepath = modules:$basemodulepath\n");
}

Fixture &fixture() {
  if (TheFixture)
    return *TheFixture;
  TheFixture = new Fixture;
  Fixture &F = *TheFixture;
  // On tmpfs when there is one: the CA and the store fsync what they write.
  std::string Template = ::access("/dev/shm", W_OK) == 0
                             ? "/dev/shm/cppet-request-fuzzer.XXXXXX"
                             : "/tmp/cppet-request-fuzzer.XXXXXX";
  if (!::mkdtemp(Template.data()))
    die("cannot create a temporary directory");
  F.Dir = Template;
  std::atexit(removeFixture);

  pki::CAOptions O;
  O.Ssldir = F.Dir + "/ssl";
  O.Certname = "puppet.fuzz.test";
  O.Keys.Bits = 1024;
  llvm::Expected<pki::CertificateAuthority> CA =
      pki::CertificateAuthority::setup(O);
  if (!CA)
    die("CA setup: " + llvm::toString(CA.takeError()));
  F.CA.emplace(std::move(*CA));

  makeSite(F.Dir + "/code");
  net::EnvironmentSettings ES;
  ES.EnvironmentPath = {F.Dir + "/code/environments"};
  ES.BaseModulePath = {F.Dir + "/code/modules"};
  // Parsed once: no file changes while fuzzing.
  ES.TimeoutSeconds = -1;
  ES.PoolSize = 1;
  F.Envs = std::make_unique<net::Environments>(ES);
  F.Classifier =
      std::make_unique<net::NodeClassifier>(net::ClassifierSettings{});
  F.Compiler = std::make_unique<net::CatalogCompiler>(*F.Envs);

  store::StoreOptions SO;
  SO.MaxReportsPerNode = 3;
  llvm::Expected<std::unique_ptr<store::Store>> S =
      store::Store::open(F.Dir + "/var/cppet.db", SO);
  if (!S)
    die("store: " + llvm::toString(S.takeError()));
  F.Store = std::move(*S);

  net::MasterServices Services;
  Services.Envs = F.Envs.get();
  Services.Classifier = F.Classifier.get();
  Services.Compiler = F.Compiler.get();
  store::Store *St = F.Store.get();
  Services.StoreReport = [St](const std::string &Certname,
                              const std::string &Json) -> llvm::Error {
    llvm::Expected<int64_t> Id = St->addReport(Certname, Json);
    return Id ? llvm::Error::success() : Id.takeError();
  };
  Services.StoreFacts = [St](const std::string &Certname,
                             const std::string &Env, const std::string &Json) {
    llvm::consumeError(St->putFacts(Certname, Env, Json));
  };
  Services.StoreCatalog = [St](const std::string &Certname,
                               const std::string &Env,
                               const std::string &Json) {
    llvm::consumeError(St->putCatalog(Certname, Env, Json));
  };
  Services.Log = [](const std::string &, const std::string &) {};
  F.Routes = std::make_unique<net::MasterRoutes>(*F.CA, std::move(Services));
  return F;
}

/// The next line of Input (without its newline); Input keeps the rest.
llvm::StringRef nextLine(llvm::StringRef &Input) {
  auto [Line, Rest] = Input.split('\n');
  Input = Rest;
  return Line;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  Fixture &F = fixture();
  llvm::StringRef Input(reinterpret_cast<const char *>(Data), Size);

  // The decoders on their own, on everything.
  (void)net::parseForm(Input);
  (void)net::percentDecode(Input, false);
  (void)net::percentDecode(Input, true);
  (void)net::parseHttpDate(Input);

  net::HttpRequest R;
  R.Method = nextLine(Input).str();
  llvm::StringRef Target = nextLine(Input);
  R.ContentType = nextLine(Input).str();
  llvm::StringRef Peer = nextLine(Input);
  R.Accept = nextLine(Input).str();
  R.Body = Input.str();

  auto [Path, Query] = Target.split('?');
  R.Path = net::percentDecode(Path, false);
  R.Query = net::parseForm(Query);
  // "!NAME": a certificate with pp_cli_auth (auth.conf's admin rules).
  if (Peer.consume_front("!"))
    R.PeerIsAdmin = true;
  if (Peer == "=")
    R.PeerCertname = llvm::StringRef(R.Path).rsplit('/').second.str();
  else if (Peer != "-")
    R.PeerCertname = Peer.str();
  if (R.PeerCertname.empty())
    R.PeerIsAdmin = false;

  net::HttpResponse Response = F.Routes->handle(R);
  if (Response.Status < 100 || Response.Status > 599)
    die("status " + llvm::Twine(Response.Status) + " for " + R.Method + " " +
        R.Path);

  // An accepted CSR is forgotten again, so the next input is not a
  // duplicate (its name passed the CA's checks: the paths stay in the CA).
  if (R.Method == "PUT" && Response.Status == 200 &&
      llvm::StringRef(R.Path).startswith(
          "/puppet-ca/v1/certificate_request/")) {
    const std::string Name = llvm::StringRef(R.Path).rsplit('/').second.str();
    ::unlink(F.CA->requestPath(Name).c_str());
    ::unlink(F.CA->signedPath(Name).c_str());
  }
  return 0;
}
