//===- ServerCommand.cpp - `cppet-master server` --------------------------===//
//
// The HTTPS master in the foreground: reads its settings (flags, then
// cppet.conf's [server] and [main]), sets up the CA on first start (as
// `cert setup` does), then serves the CA bootstrap endpoints (lib/Net) until
// SIGTERM or SIGINT. Daemonizing is not implemented yet, so
// `--no-daemonize` is required.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"

#include "cppet/Net/Master.h"
#include "cppet/Net/Server.h"
#include "cppet/PKI/CertificateAuthority.h"
#include "cppet/Support/Settings.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <mutex>
#include <thread>
#include <unistd.h>

using namespace cppet;

namespace {

struct ServerArgs {
  /// Settings given on the command line (`--ssldir`...), by setting name;
  /// the rest come from cppet.conf ([server], then [main]) or defaults.
  std::map<std::string, std::string> Values;
  std::map<std::string, CLI::Option *> Options;
  std::string Cadir;
  unsigned KeyLength = 4096;
  unsigned Threads = 8;
  bool NoDaemonize = false;
  bool Verbose = false;
  bool Debug = false;
};

/// How long a stop waits for open connections before the process exits.
constexpr int ShutdownGraceSeconds = 5;

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

/// The server's settings: the command line, then the configuration file.
llvm::Expected<Settings> loadServerSettings(const ServerArgs &Args) {
  std::vector<std::pair<std::string, std::string>> CommandLine;
  for (const auto &[Name, Opt] : Args.Options)
    if (Opt->count())
      CommandLine.emplace_back(Name, Args.Values.at(Name));
  std::vector<std::string> Warnings;
  llvm::Expected<Settings> S =
      loadSettings(RunMode::Server, CommandLine, Warnings);
  for (const std::string &W : Warnings)
    llvm::WithColor::warning(llvm::errs(), "cppet-master") << W << '\n';
  return S;
}

int runServer(const ServerArgs &Args) {
  if (!Args.NoDaemonize)
    return fail("running as a daemon is not implemented yet; use "
                "--no-daemonize");
  const bool Log = Args.Verbose || Args.Debug;
  llvm::Expected<Settings> Config = loadServerSettings(Args);
  if (!Config)
    return fail(llvm::toString(Config.takeError()));
  std::string Ssldir, Certname, DnsAltNames, BindAddress, Port, Autosign,
      EnvironmentPath, BaseModulePath, Manifest, ModulePath, HieraConfig,
      EnvironmentTimeout, DefaultEnvironment, NodeTerminus, ExternalNodes;
  for (auto [Name, Value] : {std::pair{"ssldir", &Ssldir},
                             {"certname", &Certname},
                             {"dns_alt_names", &DnsAltNames},
                             {"bindaddress", &BindAddress},
                             {"serverport", &Port},
                             {"autosign", &Autosign},
                             {"environmentpath", &EnvironmentPath},
                             {"basemodulepath", &BaseModulePath},
                             {"manifest", &Manifest},
                             {"modulepath", &ModulePath},
                             {"hiera_config", &HieraConfig},
                             {"environment_timeout", &EnvironmentTimeout},
                             {"environment", &DefaultEnvironment},
                             {"node_terminus", &NodeTerminus},
                             {"external_nodes", &ExternalNodes}}) {
    llvm::Expected<std::string> V = Config->get(Name);
    if (!V)
      return fail(llvm::toString(V.takeError()));
    *Value = std::move(*V);
  }
  unsigned PortNumber = 0;
  if (llvm::StringRef(Port).trim().getAsInteger(10, PortNumber) ||
      PortNumber > 65535)
    return fail("serverport must be a port number, not '" + Port + "'");

  pki::CAOptions O;
  O.Ssldir = Ssldir;
  O.Cadir = Args.Cadir;
  O.Certname = Certname.empty() ? hostFqdn() : Certname;
  llvm::SmallVector<llvm::StringRef, 4> AltNames;
  llvm::StringRef(DnsAltNames).split(AltNames, ',', -1, false);
  for (llvm::StringRef Alt : AltNames)
    if (!Alt.trim().empty())
      O.DnsAltNames.push_back(Alt.trim().str());
  O.Keys.Bits = Args.KeyLength;
  O.Autosign = pki::AutosignPolicy::fromSetting(Autosign);
  llvm::Expected<pki::CertificateAuthority> CA =
      pki::CertificateAuthority::setup(O);
  if (!CA)
    return fail(llvm::toString(CA.takeError()));
  if (Log)
    llvm::errs() << "Info: CA ready in " << CA->cadir() << "\n";

  auto SplitPath = [](llvm::StringRef List) {
    std::vector<std::string> Out;
    llvm::SmallVector<llvm::StringRef, 4> Parts;
    List.split(Parts, ':', -1, false);
    for (llvm::StringRef P : Parts)
      if (!P.trim().empty())
        Out.push_back(P.trim().str());
    return Out;
  };
  net::EnvironmentSettings ES;
  ES.EnvironmentPath = SplitPath(EnvironmentPath);
  ES.BaseModulePath = SplitPath(BaseModulePath);
  // A manifest or modulepath set by the operator applies to every
  // environment; otherwise each environment directory has its own.
  if (Config->isSet("manifest"))
    ES.Manifest = Manifest;
  if (Config->isSet("modulepath"))
    ES.ModulePath = SplitPath(ModulePath);
  ES.HieraConfig = HieraConfig;
  ES.DefaultEnvironment = DefaultEnvironment;
  if (llvm::StringRef(EnvironmentTimeout).trim() == "unlimited")
    ES.TimeoutSeconds = -1;
  else if (llvm::StringRef(EnvironmentTimeout)
               .trim()
               .getAsInteger(10, ES.TimeoutSeconds) ||
           ES.TimeoutSeconds < 0)
    return fail("environment_timeout must be a number of seconds or "
                "'unlimited', not '" +
                EnvironmentTimeout + "'");
  ES.PoolSize =
      std::max(2U, std::min(Args.Threads, std::thread::hardware_concurrency()));
  net::Environments Envs(ES);
  net::ClassifierSettings CS;
  CS.Terminus = NodeTerminus;
  CS.ExternalNodes = ExternalNodes;
  if (CS.Terminus != "plain" && CS.Terminus != "exec")
    return fail("node_terminus must be plain or exec, not '" + NodeTerminus +
                "'");
  net::NodeClassifier Classifier(CS);
  net::CatalogCompiler Compiler(Envs, Classifier);

  std::mutex LogMutex;
  net::MasterServices Services;
  Services.Envs = &Envs;
  Services.Classifier = &Classifier;
  Services.Compiler = &Compiler;
  Services.Log = [&LogMutex, Log](const std::string &Level,
                                  const std::string &Message) {
    if (Level != "err" && !Log)
      return;
    std::lock_guard<std::mutex> Lock(LogMutex);
    llvm::errs() << (Level == "err" ? "Error: " : "Info: ") << Message << "\n";
  };
  net::ServerOptions SO;
  SO.BindAddress = BindAddress;
  SO.Port = static_cast<int>(PortNumber);
  SO.Threads = Args.Threads;
  if (Log)
    SO.OnRequest = [&LogMutex](const std::string &Line) {
      std::lock_guard<std::mutex> Lock(LogMutex);
      llvm::errs() << "Info: " << Line << "\n";
    };
  llvm::Expected<std::unique_ptr<net::Server>> Server =
      net::Server::create(*CA, O.Certname, SO, std::move(Services));
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
  // A stop waits for the workers, which may sit in a client's handshake or
  // read until the read timeout; past the grace period the process exits.
  std::atomic<bool> Finished{false};
  std::thread Waiter([&] {
    unsigned char Signal = 0;
    while (::read(Pipe[0], &Signal, 1) < 0 && errno == EINTR) {
    }
    if (Signal == 0)
      return;
    if (Log) {
      std::lock_guard<std::mutex> Lock(LogMutex);
      llvm::errs() << "Notice: Caught " << strsignal(Signal)
                   << "; shutting down\n";
    }
    S.stop();
    const auto Deadline = std::chrono::steady_clock::now() +
                          std::chrono::seconds(ShutdownGraceSeconds);
    while (!Finished && std::chrono::steady_clock::now() < Deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (!Finished) {
      std::lock_guard<std::mutex> Lock(LogMutex);
      llvm::errs() << "Warning: connections still open after "
                   << ShutdownGraceSeconds << " s; exiting\n";
      llvm::errs().flush();
      std::_Exit(0);
    }
  });
  if (Log)
    llvm::errs() << "Notice: Starting cppet-master on " << BindAddress << ":"
                 << S.port() << " as " << O.Certname << "\n";
  llvm::Error E = S.run();
  Finished = true;
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
  // Settings (cppet.conf names): a flag wins over the configuration file.
  auto AddSetting = [&](const std::string &Flags, const char *Name,
                        const char *Help) {
    Args->Options[Name] =
        Sub.add_option(Flags, Args->Values[Name], Help)->group("Settings");
  };
  AddSetting("--confdir", "confdir",
             "the directory of cppet.conf (default /etc/cppet)");
  AddSetting("--config", "config",
             "the configuration file (default $confdir/cppet.conf)");
  AddSetting("--ssldir", "ssldir", "the SSL directory (default $confdir/ssl)");
  AddSetting("--certname", "certname",
             "this server's certname (default: the fqdn)");
  AddSetting("--dns-alt-names,--dns_alt_names", "dns_alt_names",
             "extra subject alternative names of the server certificate "
             "(comma-separated)");
  AddSetting("--bindaddress", "bindaddress",
             "the address to listen on (default 0.0.0.0)");
  AddSetting("--serverport,--masterport", "serverport",
             "the port (default 8140)");
  AddSetting("--autosign", "autosign",
             "true, false, or the path of autosign.conf or a policy "
             "executable (default $confdir/autosign.conf)");
  AddSetting("--codedir", "codedir",
             "the code directory (default /etc/cppet/code)");
  AddSetting("--vardir", "vardir",
             "the state directory (default /var/lib/cppet)");
  AddSetting("--environmentpath", "environmentpath",
             "directories holding environments (default "
             "$codedir/environments)");
  AddSetting("--environment", "environment",
             "the default environment (default production)");
  AddSetting("--manifest", "manifest",
             "one main manifest for every environment (a file or a "
             "directory)");
  AddSetting("--modulepath", "modulepath",
             "one modulepath for every environment (':'-separated)");
  AddSetting("--basemodulepath", "basemodulepath",
             "modules shared by every environment");
  AddSetting("--hiera_config,--hiera-config", "hiera_config",
             "the global hiera.yaml");
  AddSetting("--environment_timeout,--environment-timeout",
             "environment_timeout",
             "seconds an environment's files are trusted without a look "
             "(0: look before every compile; unlimited)");
  AddSetting("--node_terminus,--node-terminus", "node_terminus",
             "plain or exec (an external node classifier)");
  AddSetting("--external_nodes,--external-nodes", "external_nodes",
             "the external node classifier's command");
  Sub.add_option("--cadir", Args->Cadir,
                 "the CA directory (default SSLDIR/ca)");
  Sub.add_option("--keylength", Args->KeyLength,
                 "RSA key size of the keys made at the first start")
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
