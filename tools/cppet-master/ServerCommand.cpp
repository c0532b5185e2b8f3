//===- ServerCommand.cpp - `cppet-master server` --------------------------===//
//
// The HTTPS master in the foreground: sets up the CA on first start (as
// `cert setup` does), then serves the CA bootstrap endpoints (lib/Net) until
// SIGTERM or SIGINT. Daemonizing is not implemented yet, so
// `--no-daemonize` is required.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"

#include "cppet/Net/Server.h"
#include "cppet/PKI/CertificateAuthority.h"

#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <csignal>
#include <cstring>
#include <mutex>
#include <netdb.h>
#include <pthread.h>
#include <thread>
#include <unistd.h>

using namespace cppet;

namespace {

struct ServerArgs {
  std::string Ssldir = "/etc/cppet/ssl";
  std::string Cadir;
  std::string Certname;
  std::vector<std::string> DnsAltNames;
  unsigned KeyLength = 4096;
  std::string Autosign = "false";
  std::string BindAddress = "0.0.0.0";
  int Port = 8140;
  unsigned Threads = 8;
  bool NoDaemonize = false;
  bool Verbose = false;
  bool Debug = false;
};

int fail(const llvm::Twine &Message) {
  llvm::WithColor::error(llvm::errs(), "cppet-master") << Message << "\n";
  return 1;
}

/// The fqdn: the canonical name of the host name, lower-cased (as `cert`).
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

int runServer(const ServerArgs &Args) {
  if (!Args.NoDaemonize)
    return fail("running as a daemon is not implemented yet; use "
                "--no-daemonize");
  const bool Log = Args.Verbose || Args.Debug;
  pki::CAOptions O;
  O.Ssldir = Args.Ssldir;
  O.Cadir = Args.Cadir;
  O.Certname = Args.Certname.empty() ? defaultCertname() : Args.Certname;
  O.DnsAltNames = Args.DnsAltNames;
  O.Keys.Bits = Args.KeyLength;
  O.Autosign = pki::AutosignPolicy::fromSetting(Args.Autosign);
  llvm::Expected<pki::CertificateAuthority> CA =
      pki::CertificateAuthority::setup(O);
  if (!CA)
    return fail(llvm::toString(CA.takeError()));
  if (Log)
    llvm::errs() << "Info: CA ready in " << CA->cadir() << "\n";

  // Every thread (the workers too) inherits the blocked signals; one thread
  // waits for them and stops the listener.
  sigset_t Signals;
  sigemptyset(&Signals);
  sigaddset(&Signals, SIGTERM);
  sigaddset(&Signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &Signals, nullptr);

  std::mutex LogMutex;
  net::ServerOptions SO;
  SO.BindAddress = Args.BindAddress;
  SO.Port = Args.Port;
  SO.Threads = Args.Threads;
  if (Log)
    SO.OnRequest = [&LogMutex](const std::string &Line) {
      std::lock_guard<std::mutex> Lock(LogMutex);
      llvm::errs() << "Info: " << Line << "\n";
    };
  llvm::Expected<std::unique_ptr<net::Server>> Server =
      net::Server::create(*CA, O.Certname, SO);
  if (!Server)
    return fail(llvm::toString(Server.takeError()));
  net::Server &S = **Server;

  bool Stopping = false;
  std::thread Waiter([&] {
    int Signal = 0;
    sigwait(&Signals, &Signal);
    {
      std::lock_guard<std::mutex> Lock(LogMutex);
      Stopping = true;
      if (Log)
        llvm::errs() << "Notice: Caught " << strsignal(Signal)
                     << "; shutting down\n";
    }
    S.stop();
  });
  if (Log)
    llvm::errs() << "Notice: Starting cppet-master on " << Args.BindAddress
                 << ":" << S.port() << " as " << O.Certname << "\n";
  llvm::Error E = S.run();
  bool Signalled;
  {
    std::lock_guard<std::mutex> Lock(LogMutex);
    Signalled = Stopping;
  }
  if (!Signalled)
    pthread_kill(Waiter.native_handle(), SIGTERM);
  Waiter.join();
  if (E)
    return fail(llvm::toString(std::move(E)));
  return 0;
}

} // namespace

cppet_master::CommandRunner cppet_master::registerServerCommand(CLI::App &Sub) {
  auto Args = std::make_shared<ServerArgs>();
  Sub.add_option("--ssldir", Args->Ssldir, "the SSL directory")
      ->capture_default_str();
  Sub.add_option("--cadir", Args->Cadir,
                 "the CA directory (default SSLDIR/ca)");
  Sub.add_option("--certname", Args->Certname,
                 "this server's certname (default: the fqdn)");
  Sub.add_option("--dns-alt-names", Args->DnsAltNames,
                 "extra subject alternative names of the server certificate "
                 "(comma-separated)")
      ->delimiter(',');
  Sub.add_option("--keylength", Args->KeyLength,
                 "RSA key size of the keys made at the first start")
      ->capture_default_str();
  Sub.add_option("--autosign", Args->Autosign,
                 "true, false, or the path of autosign.conf or a policy "
                 "executable")
      ->capture_default_str();
  Sub.add_option("--bindaddress", Args->BindAddress, "the address to listen on")
      ->capture_default_str();
  Sub.add_option("--serverport,--masterport", Args->Port, "the port")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  Sub.add_option("--threads", Args->Threads, "worker threads")
      ->check(CLI::Range(1U, 256U))
      ->capture_default_str();
  Sub.add_flag("--no-daemonize", Args->NoDaemonize,
               "stay in the foreground (required for now)");
  Sub.add_flag("--verbose,-v", Args->Verbose,
               "log the start and each request to stderr");
  Sub.add_flag("--debug,-d", Args->Debug, "as --verbose");
  return [Args] { return runServer(*Args); };
}
