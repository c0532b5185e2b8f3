//===- AgentCommand.cpp - `cppet-agent [agent]`: the run mode -------------===//
//
// Puppet's `puppet agent`: settings from the command line, then
// cppet.conf's [agent] and [main]; the SSL bootstrap; then one run
// (--onetime, -t) or a run every runinterval in the foreground
// (--no-daemonize): splay before the first, one run at a time, SIGHUP runs
// now, SIGTERM/SIGINT stop after the current run, a pid file.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"
#include "Console.h"

#include "cppet/Apply/Run.h"
#include "cppet/Net/Agent.h"
#include "cppet/Support/Daemon.h"
#include "cppet/Support/Settings.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <poll.h>
#include <random>
#include <unistd.h>

using namespace cppet;
using cppet_agent::Console;

namespace {

struct AgentArgs {
  /// Settings given on the command line, by setting name.
  std::map<std::string, std::string> Values;
  std::map<std::string, bool> Flags;
  std::map<std::string, CLI::Option *> Options;
  bool Test = false;
  bool Onetime = false;
  bool Verbose = false;
  bool Debug = false;
  bool DetailedExitcodes = false;
  std::string Tags;
  std::string Color = "auto";
  std::string Logdest;
};

int fail(const llvm::Twine &Message) {
  llvm::errs() << "Error: " << Message << "\n";
  return 1;
}

/// Puppet's durations: N (seconds), Ns, Nm, Nh, Nd, Ny.
llvm::Expected<int64_t> parseDuration(llvm::StringRef Name,
                                      llvm::StringRef Text) {
  llvm::StringRef T = Text.trim();
  int64_t Unit = 1;
  if (!T.empty() && !llvm::isDigit(T.back())) {
    switch (T.back()) {
    case 's':
      Unit = 1;
      break;
    case 'm':
      Unit = 60;
      break;
    case 'h':
      Unit = 3600;
      break;
    case 'd':
      Unit = 86400;
      break;
    case 'y':
      Unit = int64_t{365} * 86400;
      break;
    default:
      Unit = 0;
    }
    T = T.drop_back();
  }
  int64_t N = 0;
  if (Unit == 0 || T.getAsInteger(10, N) || N < 0)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "Invalid duration format '" + Text +
                                       "' for parameter: " + Name);
  return N * Unit;
}

/// The write end of the pipe signals are reported on.
volatile sig_atomic_t SignalPipe = -1;

extern "C" void onAgentSignal(int Signal) {
  int Saved = errno;
  unsigned char Byte = static_cast<unsigned char>(Signal);
  if (SignalPipe >= 0)
    (void)!::write(SignalPipe, &Byte, 1);
  errno = Saved;
}

/// Signals for the daemon loop: SIGHUP (run now), SIGTERM/SIGINT (stop),
/// through a self-pipe that the loop polls while it waits.
class SignalWaiter {
public:
  SignalWaiter() {
    if (::pipe2(Pipe, O_CLOEXEC | O_NONBLOCK) != 0)
      Pipe[0] = Pipe[1] = -1;
    SignalPipe = Pipe[1];
    struct sigaction Action = {};
    Action.sa_handler = onAgentSignal;
    sigemptyset(&Action.sa_mask);
    Action.sa_flags = SA_RESTART;
    for (int S : {SIGHUP, SIGTERM, SIGINT})
      sigaction(S, &Action, nullptr);
  }
  ~SignalWaiter() {
    for (int S : {SIGHUP, SIGTERM, SIGINT})
      std::signal(S, SIG_DFL);
    SignalPipe = -1;
    if (Pipe[0] >= 0) {
      ::close(Pipe[0]);
      ::close(Pipe[1]);
    }
  }
  /// Waits up to Seconds; returns false when a stop was asked for (now or
  /// earlier), true when the time passed or SIGHUP asked for a run.
  bool wait(double Seconds) {
    auto Deadline = std::chrono::steady_clock::now() +
                    std::chrono::milliseconds(int64_t(Seconds * 1000));
    for (;;) {
      drain();
      if (Stop)
        return false;
      if (Hup) {
        Hup = false;
        return true;
      }
      auto Left = std::chrono::duration_cast<std::chrono::milliseconds>(
                      Deadline - std::chrono::steady_clock::now())
                      .count();
      if (Left <= 0)
        return true;
      struct pollfd P = {Pipe[0], POLLIN, 0};
      ::poll(&P, 1, static_cast<int>(std::min<int64_t>(Left, 1000000)));
    }
  }
  bool stopRequested() {
    drain();
    return Stop;
  }

private:
  void drain() {
    unsigned char Buf[16];
    ssize_t N;
    while ((N = ::read(Pipe[0], Buf, sizeof(Buf))) > 0)
      for (ssize_t I = 0; I < N; ++I) {
        if (Buf[I] == SIGHUP)
          Hup = true;
        else
          Stop = true;
      }
  }
  int Pipe[2] = {-1, -1};
  bool Hup = false;
  bool Stop = false;
};

struct Resolved {
  net::AgentConfig Config;
  std::string Pidfile;
  int64_t RunInterval = 1800;
  int64_t SplayLimit = 1800;
  bool Splay = false;
  bool Daemonize = true;
};

llvm::Expected<Resolved> resolve(const AgentArgs &Args) {
  std::vector<std::pair<std::string, std::string>> CommandLine;
  for (const auto &[Name, Opt] : Args.Options)
    if (Opt->count())
      CommandLine.emplace_back(Name,
                               Args.Flags.count(Name)
                                   ? (Args.Flags.at(Name) ? "true" : "false")
                                   : Args.Values.at(Name));
  // -t: --onetime --no-daemonize --verbose --detailed-exitcodes
  // --no-usecacheonfailure --no-splay (settings given explicitly win).
  if (Args.Test)
    for (auto [Name, Value] : {std::pair{"usecacheonfailure", "false"},
                               {"splay", "false"},
                               {"daemonize", "false"}})
      if (!Args.Options.at(Name)->count())
        CommandLine.emplace_back(Name, Value);
  std::vector<std::string> Warnings;
  llvm::Expected<Settings> S =
      loadSettings(RunMode::Agent, CommandLine, Warnings);
  for (const std::string &W : Warnings)
    llvm::errs() << "Warning: " << W << "\n";
  if (!S)
    return S.takeError();
  std::map<std::string, std::string> V;
  for (const char *Name : {"server",
                           "serverport",
                           "ca_server",
                           "ca_port",
                           "certname",
                           "ssldir",
                           "vardir",
                           "statedir",
                           "clientbucketdir",
                           "environment",
                           "csr_attributes",
                           "dns_alt_names",
                           "waitforcert",
                           "maxwaitforcert",
                           "certificate_revocation",
                           "noop",
                           "usecacheonfailure",
                           "report",
                           "runinterval",
                           "splay",
                           "splaylimit",
                           "daemonize",
                           "pidfile",
                           "keylength",
                           "pluginsync",
                           "ca_fingerprint"}) {
    llvm::Expected<std::string> Value = S->get(Name);
    if (!Value)
      return Value.takeError();
    V[Name] = *Value;
  }
  auto Bool = [&](const char *Name) { return V[Name] == "true"; };
  auto Port = [&](const char *Name) -> llvm::Expected<int> {
    unsigned P = 0;
    if (llvm::StringRef(V[Name]).trim().getAsInteger(10, P) || P == 0 ||
        P > 65535)
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          std::string(Name) + " must be a port number, not '" + V[Name] + "'");
    return static_cast<int>(P);
  };
  Resolved R;
  net::AgentConfig &C = R.Config;
  C.Server = V["server"];
  C.CAServer = V["ca_server"];
  auto P = Port("serverport");
  if (!P)
    return P.takeError();
  C.Port = *P;
  auto CP = Port("ca_port");
  if (!CP)
    return CP.takeError();
  C.CAPort = *CP;
  C.Certname = llvm::StringRef(V["certname"]).lower();
  if (C.Certname.empty())
    C.Certname = hostFqdn();
  C.Ssldir = V["ssldir"];
  C.Vardir = V["vardir"];
  C.Statedir = V["statedir"];
  C.ClientBucketDir = V["clientbucketdir"];
  C.Environment = V["environment"];
  C.EnvironmentFromCommandLine = Args.Options.at("environment")->count() > 0;
  C.CsrAttributesFile = V["csr_attributes"];
  C.CAFingerprint = V["ca_fingerprint"];
  llvm::SmallVector<llvm::StringRef, 4> Alt;
  llvm::StringRef(V["dns_alt_names"]).split(Alt, ',', -1, false);
  for (llvm::StringRef A : Alt)
    if (!A.trim().empty())
      C.DnsAltNames.push_back(A.trim().str());
  if (llvm::StringRef(V["keylength"]).trim().getAsInteger(10, C.KeyLength) ||
      C.KeyLength < 1024)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "keylength must be a number of bits, not '" +
                                       V["keylength"] + "'");
  auto Wait = parseDuration("waitforcert", V["waitforcert"]);
  if (!Wait)
    return Wait.takeError();
  C.WaitForCertSeconds = static_cast<int>(*Wait);
  if (V["maxwaitforcert"] != "unlimited") {
    auto Max = parseDuration("maxwaitforcert", V["maxwaitforcert"]);
    if (!Max)
      return Max.takeError();
    C.MaxWaitForCertSeconds = static_cast<int>(*Max);
  }
  llvm::StringRef Rev = V["certificate_revocation"];
  if (Rev == "chain" || Rev == "true")
    C.Revocation = net::RevocationCheck::Chain;
  else if (Rev == "leaf")
    C.Revocation = net::RevocationCheck::Leaf;
  else if (Rev == "false")
    C.Revocation = net::RevocationCheck::None;
  else
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "Invalid certificate_revocation value '" + Rev.str() +
            "': must be one of 'true', 'chain', 'leaf', or 'false'");
  C.Noop = Bool("noop");
  C.UseCacheOnFailure = Bool("usecacheonfailure");
  C.SendReport = Bool("report");
  C.PluginSync = Bool("pluginsync");
  auto Interval = parseDuration("runinterval", V["runinterval"]);
  if (!Interval)
    return Interval.takeError();
  R.RunInterval = *Interval;
  C.RunIntervalSeconds = static_cast<int>(*Interval);
  auto Splay = parseDuration("splaylimit", V["splaylimit"]);
  if (!Splay)
    return Splay.takeError();
  R.SplayLimit = *Splay;
  R.Splay = Bool("splay");
  R.Daemonize = Bool("daemonize");
  R.Pidfile = V["pidfile"];
  llvm::SmallVector<llvm::StringRef, 4> Tags;
  llvm::StringRef(Args.Tags).split(Tags, ',', -1, false);
  for (llvm::StringRef T : Tags)
    C.Tags.push_back(T.trim().str());
  C.Debug = Args.Debug;
  return R;
}

void logTo(const net::AgentConfig &C, const std::string &Level,
           const std::string &Message) {
  apply::LogEntry E;
  E.Level = Level;
  E.Message = Message;
  E.Source = "Puppet";
  C.OnLog(E);
}

/// Bootstrap, then one run; the exit code as Puppet's.
int runOnce(const net::AgentConfig &C, bool Detailed) {
  if (llvm::Error E = net::bootstrapSsl(C)) {
    logTo(C, "err", llvm::toString(std::move(E)));
    return 1;
  }
  llvm::Expected<net::RunOutcome> Run = net::runAgentOnce(C);
  if (!Run) {
    logTo(C, "err", llvm::toString(Run.takeError()));
    return 1;
  }
  return apply::runExitCode(Run->Report, Detailed);
}

int runAgent(const AgentArgs &Args) {
  // A server that drops the connection (a refused client certificate) must
  // be an error of the request, not a SIGPIPE that ends the agent.
  std::signal(SIGPIPE, SIG_IGN);
  bool Verbose = Args.Verbose || Args.Test;
  Console Out(Verbose, Args.Debug, Args.Color);
  llvm::Expected<Resolved> R = resolve(Args);
  if (!R)
    return fail(llvm::toString(R.takeError()));
  net::AgentConfig &C = R->Config;
  C.OnLog = [&Out](const apply::LogEntry &E) { Out.print(E); };
  bool Onetime = Args.Onetime || Args.Test;
  bool Detailed = Args.DetailedExitcodes || Args.Test;
  if (Onetime && Args.Logdest.empty())
    return runOnce(C, Detailed);

  // The daemon (or a --logdest run): detached unless --no-daemonize (a
  // --onetime run stays in the foreground), logging to --logdest (syslog
  // when detached, the console otherwise).
  bool Detach = R->Daemonize && !Onetime;
  llvm::Expected<Daemon> D = [&]() -> llvm::Expected<Daemon> {
    if (!Detach)
      return Daemon::foreground();
    DaemonOptions DO;
    DO.ProgramName = "cppet-agent";
    return daemonize(DO);
  }();
  if (!D)
    return fail(llvm::toString(D.takeError()));
  std::unique_ptr<LogDestination> Log;
  std::string Dest =
      Args.Logdest.empty() ? (Detach ? "syslog" : "console") : Args.Logdest;
  if (Dest != "console") {
    auto L = LogDestination::open(Dest, "cppet-agent");
    if (!L) {
      std::string M = llvm::toString(L.takeError());
      D->notifyFailure("Error: " + M);
      return fail(M);
    }
    Log = std::move(*L);
    Log->setLevel(Args.Debug ? LogSeverity::Debug
                  : Verbose  ? LogSeverity::Info
                             : LogSeverity::Notice);
    C.OnLog = [&Log](const apply::LogEntry &E) {
      if (auto Level = parseLogSeverity(E.Level))
        Log->log(*Level, E.Message, E.Source);
      else
        llvm::consumeError(Level.takeError());
    };
  }
  auto Print = [&](const std::string &Level, const std::string &Message) {
    logTo(C, Level, Message);
  };
  if (Onetime) {
    D->notifyReady();
    return runOnce(C, Detailed);
  }
  auto Pid = PidFile::acquire(R->Pidfile);
  if (!Pid) {
    std::string M =
        "Could not create PID file: " + llvm::toString(Pid.takeError());
    D->notifyFailure("Error: " + M);
    return fail(M);
  }
  SignalWaiter Signals;
  C.Sleep = [&Signals](int Seconds) { return Signals.wait(Seconds); };
  D->notifyReady();
  Print("notice", "Starting cppet-agent " +
                      std::string(net::AgentPuppetVersion) +
                      " (run mode agent)");
  if (R->Splay && R->SplayLimit > 0) {
    std::random_device Random;
    int64_t Delay =
        std::uniform_int_distribution<int64_t>(0, R->SplayLimit)(Random);
    Print("info", "Sleeping for " + std::to_string(Delay) +
                      " seconds (splay is enabled)");
    if (!Signals.wait(static_cast<double>(Delay))) {
      Print("notice", "Caught a stop signal; exiting");
      return 0;
    }
  }
  for (;;) {
    auto Start = std::chrono::steady_clock::now();
    if (Log)
      Log->requestReopen(); // after logrotate (SIGHUP)
    if (runOnce(C, false) == 1)
      Print("notice", "The run failed; the next is in " +
                          std::to_string(R->RunInterval) + " seconds");
    if (Signals.stopRequested())
      break;
    double Elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
            .count();
    double Next = std::max(0.0, double(R->RunInterval) - Elapsed);
    if (!Signals.wait(Next))
      break;
  }
  Print("notice", "Caught a stop signal; exiting");
  return 0;
}

} // namespace

cppet_agent::CommandRunner cppet_agent::registerAgentCommand(CLI::App &Sub) {
  auto Args = std::make_shared<AgentArgs>();
  auto AddSetting = [&](const std::string &Flags, const char *Name,
                        const char *Help) {
    Args->Options[Name] =
        Sub.add_option(Flags, Args->Values[Name], Help)->group("Settings");
  };
  auto AddFlag = [&](const char *Name, const char *Help) {
    std::string N = Name;
    Args->Options[Name] =
        Sub.add_flag("--" + N + ",!--no-" + N, Args->Flags[Name], Help)
            ->group("Settings");
  };
  AddSetting("--server", "server", "the master (default puppet)");
  AddSetting("--serverport,--masterport", "serverport",
             "the master's port (default 8140)");
  AddSetting("--ca_server,--ca-server", "ca_server",
             "the CA server (default $server)");
  AddSetting("--ca_port,--ca-port", "ca_port", "the CA's port");
  AddSetting("--certname", "certname", "this node's name (default: fqdn)");
  AddSetting("--confdir", "confdir", "the directory of cppet.conf");
  AddSetting("--config", "config", "the configuration file");
  AddSetting("--vardir", "vardir", "the state directory");
  AddSetting("--ssldir", "ssldir", "the SSL directory");
  AddSetting("--rundir", "rundir", "the pid file directory");
  AddSetting("--logdir", "logdir", "the log directory");
  AddSetting("--statedir", "statedir", "run state (default $vardir/state)");
  AddSetting("--environment", "environment",
             "the environment to ask for (the node request is skipped)");
  AddSetting("--runinterval", "runinterval",
             "time between runs: 1800, 30m, 1h, 90s");
  AddSetting("--waitforcert", "waitforcert",
             "time between certificate checks; 0 exits at once");
  AddSetting("--maxwaitforcert", "maxwaitforcert",
             "give up waiting for the certificate after this long");
  AddSetting("--splaylimit", "splaylimit", "the longest splay");
  AddSetting("--dns_alt_names,--dns-alt-names", "dns_alt_names",
             "extra names of this node's certificate");
  AddSetting("--csr_attributes,--csr-attributes", "csr_attributes",
             "csr_attributes.yaml");
  AddSetting("--keylength", "keylength", "RSA key size of a new key");
  AddSetting("--certificate_revocation,--certificate-revocation",
             "certificate_revocation", "chain, leaf or false");
  AddSetting("--pidfile", "pidfile", "the daemon's pid file");
  AddSetting("--ca_fingerprint,--ca-fingerprint", "ca_fingerprint",
             "the SHA256 the first CA download must have");
  AddFlag("noop", "report what would change, change nothing");
  AddFlag("usecacheonfailure",
          "apply the cached catalog when no new one can be had");
  AddFlag("splay", "wait a random time before the first run");
  AddFlag("daemonize", "run in the background");
  AddFlag("report", "send the report to the master");
  AddFlag("pluginsync", "download the modules' external facts (facts.d)");
  Sub.add_flag("-t,--test", Args->Test,
               "--onetime --no-daemonize --verbose --detailed-exitcodes "
               "--no-usecacheonfailure --no-splay");
  Sub.add_flag("-o,--onetime", Args->Onetime, "run once and exit");
  Sub.add_flag("-v,--verbose", Args->Verbose, "also print info messages");
  Sub.add_flag("-d,--debug", Args->Debug, "also print debug messages");
  Sub.add_flag("--detailed-exitcodes", Args->DetailedExitcodes,
               "exit 2 on changes, 4 on failures, 6 on both");
  Sub.add_option("--tags", Args->Tags,
                 "apply only resources with these tags (comma-separated)");
  Sub.add_option("--color", Args->Color, "true, false or auto");
  Sub.add_option("--logdest", Args->Logdest,
                 "console, syslog or a file (default: syslog for the "
                 "daemon, else the console)");
  return [Args] { return runAgent(*Args); };
}
