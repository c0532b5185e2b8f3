//===- QuickstartCommand.cpp - `cppet-master quickstart` ------------------===//
//
// The whole master/agent loop on one machine, in a scratch directory and
// without touching the real system: writes an example environment whose
// resources all live under SCRATCH/target, starts `cppet-master server` on
// a free loopback port, runs `cppet-agent --test` (it submits its
// certificate request and stops: unsigned), signs the request, runs the
// agent again (it converges the target) and a third time (no changes),
// then prints the reports the master stored and the commands to go on.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"

#include "cppet/PKI/CertificateAuthority.h"
#include "cppet/Store/Store.h"
#include "cppet/Support/FileSystem.h"
#include "cppet/Support/Process.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace cppet;

namespace {

constexpr const char *MasterName = "cppet-master.quickstart";
constexpr const char *AgentName = "agent1.quickstart";

struct QuickstartArgs {
  std::string Dir;
};

/// The example environment: a site with a node definition, a module with a
/// template, a `puppet:///` file and an ordering, all under Target.
std::vector<std::pair<std::string, std::string>>
exampleEnvironment(const std::string &Target) {
  return {
      {"manifests/site.pp",
       "# The quickstart site: everything it manages is under\n"
       "# " +
           Target +
           ".\n"
           "node '" +
           std::string(AgentName) +
           "' {\n"
           "  class { 'hello':\n"
           "    target => '" +
           Target +
           "',\n"
           "    owner_name => 'quickstart',\n"
           "  }\n"
           "}\n"
           "node default {\n"
           "  notify { \"no role for ${trusted['certname']}\": }\n"
           "}\n"},
      {"modules/hello/manifests/init.pp",
       "# A directory, a file rendered from an ERB template, one served\n"
       "# by the master, and a README once they are in place.\n"
       "class hello (String $target, String $owner_name) {\n"
       "  file { $target:\n"
       "    ensure => directory,\n"
       "  }\n"
       "  file { \"${target}/motd\":\n"
       "    ensure  => file,\n"
       "    mode    => '0644',\n"
       "    content => template('hello/motd.erb'),\n"
       "  }\n"
       "  file { \"${target}/banner.txt\":\n"
       "    ensure => file,\n"
       "    source => 'puppet:///modules/hello/banner.txt',\n"
       "  }\n"
       "  file { \"${target}/README\":\n"
       "    ensure  => file,\n"
       "    content => \"${target} is managed by cppet: edit the site, not "
       "these files.\\n\",\n"
       "    require => File[\"${target}/motd\", \"${target}/banner.txt\"],\n"
       "  }\n"
       "}\n"},
      {"modules/hello/templates/motd.erb",
       "Welcome to <%= @facts['networking']['hostname'] %>, node <%= "
       "@trusted['certname'] %>.\n"
       "Owner: <%= @owner_name %>\n"},
      {"modules/hello/files/banner.txt",
       "This file was served by cppet-master (puppet:///modules/hello).\n"},
  };
}

/// A free TCP port on loopback.
int freePort() {
  int Fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (Fd < 0)
    return -1;
  sockaddr_in A = {};
  A.sin_family = AF_INET;
  A.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t Len = sizeof(A);
  int Port = -1;
  if (::bind(Fd, reinterpret_cast<sockaddr *>(&A), sizeof(A)) == 0 &&
      ::getsockname(Fd, reinterpret_cast<sockaddr *>(&A), &Len) == 0)
    Port = ntohs(A.sin_port);
  ::close(Fd);
  return Port;
}

bool portAnswers(int Port) {
  int Fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (Fd < 0)
    return false;
  sockaddr_in A = {};
  A.sin_family = AF_INET;
  A.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  A.sin_port = htons(static_cast<uint16_t>(Port));
  bool Ok = ::connect(Fd, reinterpret_cast<sockaddr *>(&A), sizeof(A)) == 0;
  ::close(Fd);
  return Ok;
}

/// The master started as a child process, stopped (SIGTERM) when this
/// goes away.
class MasterProcess {
public:
  ~MasterProcess() { stop(); }
  llvm::Error start(const std::vector<std::string> &Argv) {
    std::vector<char *> Raw;
    Raw.reserve(Argv.size() + 1);
    for (const std::string &A : Argv)
      Raw.push_back(const_cast<char *>(A.c_str()));
    Raw.push_back(nullptr);
    Pid = ::fork();
    if (Pid < 0)
      return llvm::createStringError(llvm::inconvertibleErrorCode(), "fork: %s",
                                     std::strerror(errno));
    if (Pid == 0) {
      ::execv(Raw[0], Raw.data());
      ::_exit(127);
    }
    return llvm::Error::success();
  }
  bool running() const {
    return Pid > 0 && ::waitpid(Pid, nullptr, WNOHANG) == 0;
  }
  void stop() {
    if (Pid <= 0)
      return;
    ::kill(Pid, SIGTERM);
    for (int I = 0; I < 100; ++I) {
      if (::waitpid(Pid, nullptr, WNOHANG) == Pid) {
        Pid = -1;
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ::kill(Pid, SIGKILL);
    ::waitpid(Pid, nullptr, 0);
    Pid = -1;
  }

private:
  pid_t Pid = -1;
};

/// The directory of this executable (cppet-agent lives next to it).
std::string toolDir() {
  llvm::SmallString<256> Self;
  if (llvm::sys::fs::real_path("/proc/self/exe", Self))
    return ".";
  llvm::sys::path::remove_filename(Self);
  return Self.str().str();
}

int run(const QuickstartArgs &Args) {
  llvm::raw_ostream &OS = llvm::outs();
  auto Fail = [](const llvm::Twine &Message) {
    llvm::errs() << "Error: cppet-master quickstart: " << Message << "\n";
    return 1;
  };
  std::string Dir = Args.Dir;
  if (Dir.empty()) {
    llvm::SmallString<128> Made;
    if (std::error_code EC =
            llvm::sys::fs::createUniqueDirectory("cppet-quickstart", Made))
      return Fail("cannot make a scratch directory: " + EC.message());
    Dir = Made.str().str();
  } else if (llvm::sys::fs::exists(Dir + "/master")) {
    return Fail(Dir + " already holds a quickstart; give another --dir");
  }
  llvm::SmallString<256> Abs(Dir);
  llvm::sys::fs::make_absolute(Abs);
  Dir = Abs.str().str();
  const std::string Target = Dir + "/target";
  const std::string Env = Dir + "/master/code/environments/production";
  const int Port = freePort();
  if (Port < 0)
    return Fail("no free port on 127.0.0.1");

  // The configuration of both sides, each with its own directories.
  const std::string MasterConf =
      "# cppet-master's settings for the quickstart\n[main]\n"
      "vardir = " +
      Dir + "/master/var\nssldir = " + Dir + "/master/ssl\ncodedir = " + Dir +
      "/master/code\nrundir = " + Dir +
      "/master/run\n[server]\ncertname = " + MasterName +
      "\ndns_alt_names = localhost\nbindaddress = 127.0.0.1\nserverport = " +
      std::to_string(Port) + "\nautosign = false\n";
  const std::string AgentConf =
      "# cppet-agent's settings for the quickstart\n[main]\n"
      "vardir = " +
      Dir + "/agent/var\nssldir = " + Dir + "/agent/ssl\nrundir = " + Dir +
      "/agent/run\n[agent]\ncertname = " + AgentName +
      "\nserver = localhost\nserverport = " + std::to_string(Port) + "\n";
  std::vector<std::pair<std::string, std::string>> Files = {
      {Dir + "/master/etc/cppet.conf", MasterConf},
      {Dir + "/agent/etc/cppet.conf", AgentConf}};
  for (auto &[Rel, Text] : exampleEnvironment(Target))
    Files.emplace_back((llvm::Twine(Env) + "/" + Rel).str(), Text);
  for (const auto &[Path, Text] : Files) {
    llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path));
    if (llvm::Error E = writeFileAtomically(Path, Text, 0644))
      return Fail(llvm::toString(std::move(E)));
  }
  OS << "== The quickstart lives in " << Dir << "\n"
     << "   master: " << Dir << "/master (cppet.conf in etc/, the example "
     << "environment in code/environments/production)\n"
     << "   agent:  " << Dir << "/agent; everything it manages is under "
     << Target << "\n\n";
  OS.flush();

  const std::string Bin = toolDir();
  MasterProcess Master;
  OS << "== Starting the master on 127.0.0.1:" << Port << "\n";
  OS.flush();
  if (llvm::Error E =
          Master.start({Bin + "/cppet-master", "server", "--no-daemonize",
                        "--confdir", Dir + "/master/etc", "--keylength", "2048",
                        "--verbose", "--logdest", Dir + "/master/master.log"}))
    return Fail(llvm::toString(std::move(E)));
  bool Up = false;
  for (int I = 0; I < 300 && !Up; ++I) {
    if (!Master.running())
      break;
    Up = portAnswers(Port);
    if (!Up)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (!Up)
    return Fail("the master did not start; see " + Dir + "/master/master.log");

  auto Agent = [&](llvm::StringRef Why) -> int {
    OS << "== " << Why << ": cppet-agent --test\n";
    OS.flush();
    ProcessSpec Spec;
    Spec.Argv = {
        Bin + "/cppet-agent", "--test", "--confdir", Dir + "/agent/etc",
        "--waitforcert",      "0",      "--color",   "false"};
    Spec.Timeout = std::chrono::seconds(300);
    llvm::Expected<ProcessResult> R = runProcess(Spec);
    if (!R) {
      OS << llvm::toString(R.takeError()) << "\n";
      return -1;
    }
    OS << R->Output;
    OS << "   (exit code " << R->ExitCode << ")\n\n";
    OS.flush();
    return R->ExitCode;
  };
  // Unsigned: the agent submits its request and stops.
  int First = Agent("First contact (the agent asks for a certificate)");
  if (First != 1)
    return Fail("the first agent run should wait for its certificate");

  OS << "== Signing the agent's request: cppet-master cert sign " << AgentName
     << "\n";
  {
    pki::CAOptions O;
    O.Ssldir = Dir + "/master/ssl";
    O.Certname = MasterName;
    llvm::Expected<pki::CertificateAuthority> CA =
        pki::CertificateAuthority::open(O);
    if (!CA)
      return Fail(llvm::toString(CA.takeError()));
    if (llvm::Error E = CA->sign(AgentName))
      return Fail(llvm::toString(std::move(E)));
    OS << "Signed certificate request for " << AgentName << "\n\n";
  }
  int Second = Agent("The agent converges its target");
  int Third = Agent("Again: nothing left to change");

  OS << "== Reports stored by the master\n";
  {
    llvm::Expected<std::unique_ptr<store::Store>> S =
        store::Store::open(Dir + "/master/var/cppet.db");
    if (!S)
      return Fail(llvm::toString(S.takeError()));
    llvm::Expected<std::vector<store::ReportSummary>> Reports = (*S)->reports();
    if (!Reports)
      return Fail(llvm::toString(Reports.takeError()));
    for (auto It = Reports->rbegin(); It != Reports->rend(); ++It)
      OS << "  #" << It->Id << "  " << It->Certname << "  " << It->Time << "  "
         << It->Status << "  (" << It->Changed << " changed, " << It->Failed
         << " failed)\n";
  }
  Master.stop();
  const std::string Conf = " --confdir " + Dir + "/master/etc";
  OS << "\n== To go on\n"
     << "  start the master again:  " << Bin
     << "/cppet-master server --no-daemonize --verbose" << Conf << "\n"
     << "  edit the site:           " << Env << "/manifests/site.pp\n"
     << "  run the agent:           " << Bin << "/cppet-agent --test --confdir "
     << Dir << "/agent/etc\n"
     << "  list nodes and reports:  " << Bin << "/cppet-master node list"
     << Conf << "\n"
     << "                           " << Bin << "/cppet-master report show "
     << AgentName << Conf << "\n"
     << "  certificates:            " << Bin
     << "/cppet-master cert list --all --ssldir " << Dir << "/master/ssl\n";
  if (Second != 2 || Third != 0)
    return Fail("expected exit codes 2 then 0 from the converging runs, got " +
                llvm::Twine(Second) + " and " + llvm::Twine(Third));
  OS << "\nQuickstart complete: the agent converged (exit 2), then found "
        "nothing to change (exit 0).\n";
  return 0;
}

} // namespace

cppet_master::CommandRunner
cppet_master::registerQuickstartCommand(CLI::App &Sub) {
  auto Args = std::make_shared<QuickstartArgs>();
  Sub.add_option("--dir", Args->Dir,
                 "the scratch directory (default: a new one under $TMPDIR)");
  return [Args] { return run(*Args); };
}
