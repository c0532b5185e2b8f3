//===- ServerCommand.cpp - `cppet-master server` --------------------------===//
//
// The HTTPS master: reads its settings (flags, then cppet.conf's [server]
// and [main]), daemonizes unless --no-daemonize (the original process
// exits once the port is bound, or with the error), holds the pid file,
// sets up the CA on first start (as `cert setup` does), opens the report
// store, then serves the CA and /puppet/v3 endpoints (lib/Net) until
// SIGTERM or SIGINT. SIGHUP reloads: the settings are read again and, when
// they are valid, the listener, CA and environments are rebuilt from them
// (the process and its pid stay); invalid settings are logged and the old
// ones kept. SIGUSR2 reopens a log file (after logrotate).
//
//===----------------------------------------------------------------------===//
#include "Commands.h"

#include "cppet/Net/Master.h"
#include "cppet/Net/Server.h"
#include "cppet/PKI/CertificateAuthority.h"
#include "cppet/Store/DocumentWriter.h"
#include "cppet/Store/Store.h"
#include "cppet/Support/Daemon.h"
#include "cppet/Support/FileSystem.h"
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
  std::string LogDest;
  unsigned KeyLength = 4096;
  unsigned Threads = 8;
  bool NoDaemonize = false;
  bool Verbose = false;
  bool Debug = false;
};

/// Everything one serving period needs, read from the settings.
struct MasterConfig {
  pki::CAOptions CA;
  std::string BindAddress;
  unsigned Port = 8140;
  net::EnvironmentSettings Environments;
  net::ClassifierSettings Classifier;
  std::string StorePath;
  bool StoreReports = true;
  std::string PidFile;
  bool PidFileSet = false;
};

/// How long a stop waits for open connections before the process exits.
constexpr int ShutdownGraceSeconds = 5;

/// The write end of the pipe the signals are reported on.
volatile sig_atomic_t SignalPipe = -1;
std::atomic<LogDestination *> ReopenTarget{nullptr};

extern "C" void onSignal(int Signal) {
  int Saved = errno;
  if (Signal == SIGUSR2) {
    if (LogDestination *L = ReopenTarget.load())
      L->requestReopen();
  } else {
    unsigned char Byte = static_cast<unsigned char>(Signal);
    if (SignalPipe >= 0)
      (void)!::write(SignalPipe, &Byte, 1);
  }
  errno = Saved;
}

int fail(const llvm::Twine &Message) {
  llvm::WithColor::error(llvm::errs(), "cppet-master") << Message << "\n";
  return 1;
}

llvm::Error configError(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

/// The server's settings: the command line, then the configuration file.
llvm::Expected<MasterConfig> readConfig(const ServerArgs &Args,
                                        std::vector<std::string> &Warnings) {
  std::vector<std::pair<std::string, std::string>> CommandLine;
  for (const auto &[Name, Opt] : Args.Options)
    if (Opt->count())
      CommandLine.emplace_back(Name, Args.Values.at(Name));
  if (Args.NoDaemonize)
    CommandLine.emplace_back("daemonize", "false");
  llvm::Expected<Settings> S =
      loadSettings(RunMode::Server, CommandLine, Warnings);
  if (!S)
    return S.takeError();
  std::map<std::string, std::string> V;
  for (const char *Name :
       {"ssldir",          "certname",       "dns_alt_names",
        "bindaddress",     "serverport",     "autosign",
        "environmentpath", "basemodulepath", "manifest",
        "modulepath",      "hiera_config",   "environment_timeout",
        "environment",     "node_terminus",  "external_nodes",
        "vardir",          "reports",        "pidfile",
        "key_type",        "named_curve"}) {
    llvm::Expected<std::string> Value = S->get(Name);
    if (!Value)
      return Value.takeError();
    V[Name] = std::move(*Value);
  }
  MasterConfig C;
  if (llvm::StringRef(V["serverport"]).trim().getAsInteger(10, C.Port) ||
      C.Port > 65535)
    return configError("serverport must be a port number, not '" +
                       V["serverport"] + "'");
  C.BindAddress = V["bindaddress"];
  C.CA.Ssldir = V["ssldir"];
  C.CA.Cadir = Args.Cadir;
  C.CA.Certname = V["certname"].empty() ? hostFqdn() : V["certname"];
  llvm::SmallVector<llvm::StringRef, 4> AltNames;
  llvm::StringRef(V["dns_alt_names"]).split(AltNames, ',', -1, false);
  for (llvm::StringRef Alt : AltNames)
    if (!Alt.trim().empty())
      C.CA.DnsAltNames.push_back(Alt.trim().str());
  C.CA.Keys.Bits = Args.KeyLength;
  // The keys a first start makes (the CA's and the server's): RSA as
  // puppetserver, or EC (much faster to make and to handshake with).
  if (V["key_type"] == "ec")
    C.CA.Keys.Type = pki::KeyType::EC;
  else if (V["key_type"] != "rsa")
    return configError("key_type must be rsa or ec, not '" + V["key_type"] +
                       "'");
  C.CA.Keys.Curve = V["named_curve"];
  C.CA.Autosign = pki::AutosignPolicy::fromSetting(V["autosign"]);

  net::EnvironmentSettings &ES = C.Environments;
  ES.EnvironmentPath = splitSearchPath(V["environmentpath"]);
  ES.BaseModulePath = splitSearchPath(V["basemodulepath"]);
  // A manifest or modulepath set by the operator applies to every
  // environment; otherwise each environment directory has its own.
  if (S->isSet("manifest"))
    ES.Manifest = V["manifest"];
  if (S->isSet("modulepath"))
    ES.ModulePath = splitSearchPath(V["modulepath"]);
  ES.HieraConfig = V["hiera_config"];
  ES.DefaultEnvironment = V["environment"];
  llvm::StringRef Timeout = llvm::StringRef(V["environment_timeout"]).trim();
  if (Timeout == "unlimited")
    ES.TimeoutSeconds = -1;
  else if (Timeout.getAsInteger(10, ES.TimeoutSeconds) || ES.TimeoutSeconds < 0)
    return configError("environment_timeout must be a number of seconds or "
                       "'unlimited', not '" +
                       Timeout + "'");
  ES.PoolSize =
      std::max(2U, std::min(Args.Threads, std::thread::hardware_concurrency()));

  C.Classifier.Terminus = V["node_terminus"];
  C.Classifier.ExternalNodes = V["external_nodes"];
  if (C.Classifier.Terminus != "plain" && C.Classifier.Terminus != "exec")
    return configError("node_terminus must be plain or exec, not '" +
                       C.Classifier.Terminus + "'");
  C.StorePath = V["vardir"] + "/cppet.db";
  C.StoreReports = llvm::StringRef(V["reports"]).trim() != "none";
  C.PidFile = V["pidfile"];
  C.PidFileSet = S->isSet("pidfile");
  return C;
}

/// Why serve() returned.
enum class Outcome { Stopped, Reload, Failed };

/// The signal plumbing of one process: SIGTERM/SIGINT/SIGHUP are written
/// to a pipe that serve() watches. (Blocking the signals instead would be
/// inherited by every worker and by the programs they start, such as
/// autosign policies.)
class Signals {
public:
  llvm::Error install(LogDestination &Log) {
    if (::pipe2(Pipe, O_CLOEXEC) != 0)
      return configError(llvm::Twine("pipe: ") + std::strerror(errno));
    SignalPipe = Pipe[1];
    ReopenTarget = &Log;
    struct sigaction Action = {};
    Action.sa_handler = onSignal;
    sigemptyset(&Action.sa_mask);
    Action.sa_flags = SA_RESTART;
    for (int S : {SIGTERM, SIGINT, SIGHUP, SIGUSR2})
      sigaction(S, &Action, nullptr);
    return llvm::Error::success();
  }
  ~Signals() {
    for (int S : {SIGTERM, SIGINT, SIGHUP, SIGUSR2})
      std::signal(S, SIG_DFL);
    SignalPipe = -1;
    ReopenTarget = nullptr;
    if (Pipe[0] >= 0) {
      ::close(Pipe[0]);
      ::close(Pipe[1]);
    }
  }
  /// The next signal number, or 0 when woken by wake().
  unsigned char next() {
    unsigned char Signal = 0;
    while (::read(Pipe[0], &Signal, 1) < 0 && errno == EINTR) {
    }
    return Signal;
  }
  void wake() {
    unsigned char Zero = 0;
    (void)!::write(Pipe[1], &Zero, 1);
  }

private:
  int Pipe[2] = {-1, -1};
};

/// Serves with Config until a stop or a valid reload; Daemon is notified
/// once the listener is bound.
Outcome serve(const ServerArgs &Args, const MasterConfig &Config,
              LogDestination &Log, Signals &Sig, Daemon &D,
              std::optional<MasterConfig> &Next, std::string &StartFailure) {
  const bool Verbose = Args.Verbose || Args.Debug;
  // A daemon that cannot start tells the original process only once its
  // pid file is gone (runServer), so the command's exit leaves nothing.
  auto Failed = [&](const llvm::Twine &Message) {
    if (D.detached() && D.pending())
      StartFailure = "Error: cppet-master: " + Message.str();
    else if (D.pending())
      fail(Message);
    else
      Log.err(Message.str());
    return Outcome::Failed;
  };
  llvm::Expected<pki::CertificateAuthority> CA =
      pki::CertificateAuthority::setup(Config.CA);
  if (!CA)
    return Failed(llvm::toString(CA.takeError()));
  if (Verbose)
    Log.info("CA ready in " + CA->cadir());

  std::unique_ptr<store::Store> Store;
  if (Config.StoreReports) {
    llvm::Expected<std::unique_ptr<store::Store>> S =
        store::Store::open(Config.StorePath);
    if (!S)
      return Failed("cannot open the report store " + Config.StorePath + ": " +
                    llvm::toString(S.takeError()));
    Store = std::move(*S);
  }
  // Declared after Store: destroyed first, writing what is still queued.
  std::unique_ptr<store::DocumentWriter> Documents;

  net::Environments Envs(Config.Environments);
  net::NodeClassifier Classifier(Config.Classifier);
  net::CatalogCompiler Compiler(Envs);
  net::MasterServices Services;
  Services.Envs = &Envs;
  Services.Classifier = &Classifier;
  Services.Compiler = &Compiler;
  Services.Log = [&Log, Verbose](const std::string &Level,
                                 const std::string &Message) {
    if (Level == "err")
      Log.err(Message);
    else if (Verbose)
      Log.info(Message);
  };
  if (Store) {
    store::Store *St = Store.get();
    Services.StoreReport = [St](const std::string &Certname,
                                const std::string &Json) -> llvm::Error {
      llvm::Expected<int64_t> Id = St->addReport(Certname, Json);
      if (!Id)
        return Id.takeError();
      return llvm::Error::success();
    };
    // Facts and catalogs are written after the answer, off the request.
    Documents = std::make_unique<store::DocumentWriter>(
        *St, [&Log](const std::string &Kind, const std::string &Certname,
                    llvm::Error E) {
          Log.warning("cannot store the " + Kind + " of " + Certname + ": " +
                      llvm::toString(std::move(E)));
        });
    store::DocumentWriter *Docs = Documents.get();
    Services.StoreFacts = [Docs](const std::string &Certname,
                                 const std::string &Env,
                                 const std::string &Json) {
      Docs->putFacts(Certname, Env, Json);
    };
    Services.StoreCatalog = [Docs](const std::string &Certname,
                                   const std::string &Env,
                                   const std::string &Json) {
      Docs->putCatalog(Certname, Env, Json);
    };
  }

  net::ServerOptions SO;
  SO.BindAddress = Config.BindAddress;
  SO.Port = static_cast<int>(Config.Port);
  SO.Threads = Args.Threads;
  if (Verbose)
    SO.OnRequest = [&Log](const std::string &Line) { Log.info(Line); };
  llvm::Expected<std::unique_ptr<net::Server>> Server =
      net::Server::create(*CA, Config.CA.Certname, SO, std::move(Services));
  if (!Server)
    return Failed(llvm::toString(Server.takeError()));
  net::Server &S = **Server;

  // A stop waits for the workers, which may sit in a client's handshake or
  // read until the read timeout; past the grace period the process exits.
  std::atomic<bool> Finished{false};
  Outcome Result = Outcome::Stopped;
  std::thread Waiter([&] {
    bool Stopping = false;
    for (;;) {
      // 0 is serve()'s wake-up once the listener has returned.
      unsigned char Signal = Sig.next();
      if (Signal == 0)
        return;
      if (Stopping) {
        // A stop during a reload's shutdown wins.
        if (Signal != SIGHUP)
          Result = Outcome::Stopped;
        continue;
      }
      if (Signal == SIGHUP) {
        std::vector<std::string> Warnings;
        llvm::Expected<MasterConfig> C = readConfig(Args, Warnings);
        for (const std::string &W : Warnings)
          Log.warning(W);
        if (!C) {
          Log.err("Not reloading: " + llvm::toString(C.takeError()));
          continue;
        }
        Log.notice("Caught SIGHUP; reloading the configuration");
        Next = std::move(*C);
        Result = Outcome::Reload;
      } else {
        Log.notice(std::string("Caught ") + strsignal(Signal) +
                   "; shutting down");
      }
      Stopping = true;
      S.stop();
      const auto Deadline = std::chrono::steady_clock::now() +
                            std::chrono::seconds(ShutdownGraceSeconds);
      while (!Finished && std::chrono::steady_clock::now() < Deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      if (!Finished) {
        Log.warning("connections still open after " +
                    std::to_string(ShutdownGraceSeconds) + " s; exiting");
        std::_Exit(Result == Outcome::Reload ? 1 : 0);
      }
    }
  });
  Log.notice("Starting cppet-master on " + Config.BindAddress + ":" +
             std::to_string(S.port()) + " as " + Config.CA.Certname);
  D.notifyReady();
  llvm::Error E = S.run();
  Finished = true;
  Sig.wake();
  Waiter.join();
  if (E)
    return Failed(llvm::toString(std::move(E)));
  return Result;
}

int runServer(const ServerArgs &Args) {
  std::vector<std::string> Warnings;
  llvm::Expected<MasterConfig> Config = readConfig(Args, Warnings);
  for (const std::string &W : Warnings)
    llvm::WithColor::warning(llvm::errs(), "cppet-master") << W << '\n';
  if (!Config)
    return fail(llvm::toString(Config.takeError()));

  // The log: --logdest, else syslog for a daemon and the console in the
  // foreground.
  std::string Dest = Args.LogDest;
  if (Dest.empty())
    Dest = Args.NoDaemonize ? "console" : "syslog";
  llvm::Expected<std::unique_ptr<LogDestination>> Log =
      LogDestination::open(Dest, "cppet-master");
  if (!Log)
    return fail(llvm::toString(Log.takeError()));
  (*Log)->setLevel(Args.Debug     ? LogSeverity::Debug
                   : Args.Verbose ? LogSeverity::Info
                                  : LogSeverity::Notice);

  // Daemonize before any thread exists; the original process waits until
  // the port is bound (or prints why it could not be).
  Daemon D = Daemon::foreground();
  if (!Args.NoDaemonize) {
    DaemonOptions DO;
    DO.ProgramName = "cppet-master";
    llvm::Expected<Daemon> Detached = daemonize(DO);
    if (!Detached)
      return fail(llvm::toString(Detached.takeError()));
    D = std::move(*Detached);
  }
  std::optional<PidFile> Pid;
  if (!Args.NoDaemonize || Config->PidFileSet) {
    llvm::Expected<PidFile> P = PidFile::acquire(Config->PidFile);
    if (!P) {
      std::string Message = llvm::toString(P.takeError());
      if (D.detached())
        D.notifyFailure("Error: cppet-master: " + Message);
      return fail(Message);
    }
    Pid.emplace(std::move(*P));
  }

  Signals Sig;
  if (llvm::Error E = Sig.install(**Log)) {
    std::string Message = llvm::toString(std::move(E));
    if (D.detached())
      D.notifyFailure("Error: cppet-master: " + Message);
    return fail(Message);
  }
  MasterConfig Current = std::move(*Config);
  for (;;) {
    std::optional<MasterConfig> Next;
    std::string StartFailure;
    Outcome O = serve(Args, Current, **Log, Sig, D, Next, StartFailure);
    if (O == Outcome::Failed) {
      if (!StartFailure.empty()) {
        Pid.reset();
        D.notifyFailure(StartFailure);
      }
      return 1;
    }
    if (O == Outcome::Stopped || !Next)
      return 0;
    Current = std::move(*Next);
  }
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
             "the state directory, with the report store cppet.db (default "
             "/var/lib/cppet)");
  AddSetting("--rundir", "rundir",
             "the pid file directory (default /run/cppet)");
  AddSetting("--pidfile", "pidfile",
             "the pid file (default $rundir/server.pid)");
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
  AddSetting("--reports", "reports",
             "store (keep reports in the store; the default) or none");
  AddSetting("--key_type,--key-type", "key_type",
             "rsa (the default, --keylength bits) or ec (named_curve) for the "
             "keys made at the first start");
  AddSetting("--named_curve,--named-curve", "named_curve",
             "the curve of EC keys (default prime256v1)");
  Sub.add_option("--cadir", Args->Cadir,
                 "the CA directory (default SSLDIR/ca)");
  Sub.add_option("--keylength", Args->KeyLength,
                 "RSA key size of the keys made at the first start")
      ->capture_default_str();
  Sub.add_option("--threads", Args->Threads, "worker threads")
      ->check(CLI::Range(1U, 256U))
      ->capture_default_str();
  Sub.add_option("--logdest", Args->LogDest,
                 "console, syslog or a file (default: syslog for the daemon, "
                 "the console in the foreground)");
  Sub.add_flag("--no-daemonize", Args->NoDaemonize, "stay in the foreground");
  Sub.add_flag("--verbose,-v", Args->Verbose, "log the start and each request");
  Sub.add_flag("--debug,-d", Args->Debug, "as --verbose, and debug messages");
  return [Args] { return runServer(*Args); };
}
