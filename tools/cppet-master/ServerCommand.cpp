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

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <netdb.h>
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

/// The write end of the pipe the stop signals are reported on.
volatile sig_atomic_t SignalPipe = -1;

extern "C" void onStopSignal(int Signal) {
  int Saved = errno;
  unsigned char Byte = static_cast<unsigned char>(Signal);
  if (SignalPipe >= 0)
    (void)!::write(SignalPipe, &Byte, 1);
  errno = Saved;
}

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

  // SIGTERM/SIGINT write their number to a pipe; a thread reads it and
  // stops the listener. (Blocking the signals instead would be inherited by
  // every worker and by the programs they start, such as autosign policies.)
  int Pipe[2];
  if (::pipe2(Pipe, O_CLOEXEC) != 0)
    return fail(llvm::Twine("pipe: ") + std::strerror(errno));
  SignalPipe = Pipe[1];
  struct sigaction Action = {};
  Action.sa_handler = onStopSignal;
  sigemptyset(&Action.sa_mask);
  Action.sa_flags = SA_RESTART;
  sigaction(SIGTERM, &Action, nullptr);
  sigaction(SIGINT, &Action, nullptr);
  std::thread Waiter([&] {
    unsigned char Signal = 0;
    while (::read(Pipe[0], &Signal, 1) < 0 && errno == EINTR) {
    }
    if (Signal != 0) {
      if (Log) {
        std::lock_guard<std::mutex> Lock(LogMutex);
        llvm::errs() << "Notice: Caught " << strsignal(Signal)
                     << "; shutting down\n";
      }
      S.stop();
    }
  });
  if (Log)
    llvm::errs() << "Notice: Starting cppet-master on " << Args.BindAddress
                 << ":" << S.port() << " as " << O.Certname << "\n";
  llvm::Error E = S.run();
  // Wake the waiter if no signal did (0: not a signal), then restore the
  // default dispositions before the pipe goes away.
  unsigned char Wake = 0;
  (void)!::write(Pipe[1], &Wake, 1);
  Waiter.join();
  std::signal(SIGTERM, SIG_DFL);
  std::signal(SIGINT, SIG_DFL);
  SignalPipe = -1;
  ::close(Pipe[0]);
  ::close(Pipe[1]);
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
