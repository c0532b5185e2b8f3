//===- ServiceTest.cpp - the service type's providers and sync ------------===//
//
// Provider choice, enable answers (systemctl is-enabled, invoke-rc.d), rc
// links, init script search and the process table search over temporary
// folders, and the type's sync()/refresh() against a scripted Context that
// records the commands it would run: nothing here starts or stops anything.
//
//===----------------------------------------------------------------------===//
#include "../../lib/Apply/ServiceInit.h"
#include "cppet/Apply/ResourceType.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <csignal>
#include <deque>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace cppet;
using namespace cppet::apply;
using namespace cppet::apply::svc;

namespace {

/// A temporary folder removed at the end of the test.
class TempDir {
public:
  TempDir() {
    EXPECT_FALSE(llvm::sys::fs::createUniqueDirectory("cppet-svc", Path));
  }
  ~TempDir() { llvm::sys::fs::remove_directories(Path); }
  std::string path(llvm::StringRef Rel = "") const {
    llvm::SmallString<128> P(Path);
    if (!Rel.empty())
      llvm::sys::path::append(P, Rel);
    return std::string(P);
  }
  void write(llvm::StringRef Rel, llvm::StringRef Text, bool Exec = false) {
    std::string P = path(Rel);
    llvm::sys::fs::create_directories(llvm::sys::path::parent_path(P));
    std::error_code EC;
    {
      llvm::raw_fd_ostream OS(P, EC);
      ASSERT_FALSE(EC);
      OS << Text;
    }
    ::chmod(P.c_str(), Exec ? 0755 : 0644);
  }
  void link(llvm::StringRef Target, llvm::StringRef Rel) {
    std::string P = path(Rel);
    llvm::sys::fs::create_directories(llvm::sys::path::parent_path(P));
    ASSERT_EQ(::symlink(Target.str().c_str(), P.c_str()), 0);
  }

private:
  llvm::SmallString<128> Path;
};

//===----------------------------------------------------------------------===//
// Pure parts
//===----------------------------------------------------------------------===//

TEST(ServiceProvider, ChoiceFollowsPid1) {
  EXPECT_EQ(defaultProvider("systemd"), Provider::Systemd);
  EXPECT_EQ(defaultProvider("init"), Provider::Debian);
  EXPECT_EQ(defaultProvider(""), Provider::Debian);
  EXPECT_TRUE(providerSuitable(Provider::Systemd, "systemd"));
  EXPECT_FALSE(providerSuitable(Provider::Systemd, "sh"));
  EXPECT_FALSE(providerSuitable(Provider::Debian, "systemd"));
  EXPECT_TRUE(providerSuitable(Provider::Base, "systemd"));
  EXPECT_EQ(parseProvider("init"), Provider::Init);
  EXPECT_FALSE(parseProvider("upstart"));
  EXPECT_TRUE(canEnable(Provider::Debian));
  EXPECT_FALSE(canEnable(Provider::Base));
}

TEST(ServiceEnable, SystemdIsEnabledAnswers) {
  EXPECT_EQ(systemdEnabled("enabled\n", 0, false), "true");
  EXPECT_EQ(systemdEnabled("disabled\n", 1, false), "false");
  EXPECT_EQ(systemdEnabled("masked\n", 1, true), "mask");
  EXPECT_EQ(systemdEnabled("masked\n", 1, false), "false");
  EXPECT_EQ(systemdEnabled("indirect\n", 0, false), "false");
  EXPECT_EQ(systemdEnabled("static\n", 0, false), "true");
  // Nothing printed and a failure: Puppet asks invoke-rc.d.
  EXPECT_FALSE(systemdEnabled("", 1, false));
}

TEST(ServiceEnable, SystemdInSync) {
  EXPECT_TRUE(systemdEnableInSync("static", "true", "false"));
  EXPECT_FALSE(systemdEnableInSync("static", "true", "mask"));
  EXPECT_TRUE(systemdEnableInSync("indirect", "false", "true"));
  EXPECT_FALSE(systemdEnableInSync("enabled", "true", "false"));
  EXPECT_TRUE(systemdEnableInSync("disabled", "false", "false"));
}

TEST(ServiceEnable, InvokeRcdAnswers) {
  EXPECT_EQ(debianEnabled(104, 0), "true");
  EXPECT_EQ(debianEnabled(106, 0), "true");
  EXPECT_EQ(debianEnabled(101, 4), "true");
  EXPECT_EQ(debianEnabled(101, 3), "false");
  EXPECT_EQ(debianEnabled(105, 5), "true");
  EXPECT_EQ(debianEnabled(102, 7), "false");
}

TEST(ServiceEnable, StartLinks) {
  TempDir Etc;
  for (const char *Rc : {"rc2.d", "rc3.d", "rc4.d", "rc5.d"})
    Etc.link("../init.d/daemon", std::string(Rc) + "/S01daemon");
  Etc.link("../init.d/daemon", "rc0.d/K01daemon");
  Etc.link("../init.d/daemon", "rc1.d/S01daemon-extra");
  Etc.link("../init.d/other", "rc2.d/S02other");
  Etc.write("init.d/daemon", "#!/bin/sh\n", true);
  EXPECT_EQ(countStartLinks(Etc.path(), "daemon"), 4u);
  EXPECT_EQ(countStartLinks(Etc.path(), "other"), 1u);
  EXPECT_EQ(countStartLinks(Etc.path(), "none"), 0u);
  EXPECT_EQ(countStartLinks(Etc.path("missing"), "daemon"), 0u);
}

TEST(ServiceInitScript, SearchOrder) {
  TempDir A, B;
  B.write("svc", "#!/bin/sh\n", true);
  A.write("svc.sh", "#!/bin/sh\n", true);
  A.write("only", "#!/bin/sh\n", true);
  // The plain name in every path first, then NAME.sh.
  auto Svc = findInitScript({A.path(), B.path()}, "svc");
  ASSERT_TRUE(bool(Svc));
  EXPECT_EQ(*Svc, B.path("svc"));
  auto Only = findInitScript({A.path("nodir"), A.path()}, "only");
  ASSERT_TRUE(bool(Only));
  EXPECT_EQ(*Only, A.path("only"));
  auto Missing = findInitScript({A.path()}, "nosuch");
  ASSERT_FALSE(bool(Missing));
  EXPECT_EQ(llvm::toString(Missing.takeError()),
            "Could not find init script for 'nosuch'");
}

TEST(ServiceProcessTable, MatchesCommandLines) {
  TempDir Proc;
  Proc.write("1/cmdline", llvm::StringRef("/sbin/init\0", 11));
  Proc.write("2/cmdline", ""); // a kernel thread
  Proc.write("40/cmdline",
             llvm::StringRef("/bin/sh\0/usr/sbin/cppet-daemon\0", 32));
  Proc.write("41/cmdline", llvm::StringRef("cppet-agent\0apply\0", 18));
  Proc.write("self/cmdline", "cppet-daemon");
  auto Found = findProcess(Proc.path(), "cppet-daemon", 41);
  ASSERT_TRUE(bool(Found));
  EXPECT_EQ(*Found, std::optional<pid_t>(40));
  auto Anchored = findProcess(Proc.path(), "^/bin/sh /usr/sbin/cppet-d", 0);
  ASSERT_TRUE(bool(Anchored));
  EXPECT_EQ(*Anchored, std::optional<pid_t>(40));
  // The searching process itself never matches.
  auto Self = findProcess(Proc.path(), "cppet-agent", 41);
  ASSERT_TRUE(bool(Self));
  EXPECT_FALSE(*Self);
  auto Bad = findProcess(Proc.path(), "(", 0);
  ASSERT_FALSE(bool(Bad));
  llvm::consumeError(Bad.takeError());
}

// Files under /proc report a size of 0: reading them by size found no
// command lines and no process ever matched.
TEST(ServiceProcessTable, FindsARealProcess) {
  std::string Arg = "3600." + std::to_string(::getpid());
  char *const Argv[] = {const_cast<char *>("sleep"), Arg.data(), nullptr};
  pid_t Child = 0;
  ASSERT_EQ(
      ::posix_spawn(&Child, "/bin/sleep", nullptr, nullptr, Argv, environ), 0);
  std::optional<pid_t> Found;
  // The child may not have exec'd yet.
  for (int Try = 0; Try < 200 && !Found; ++Try) {
    auto F = findProcess("/proc", "^sleep " + Arg + "$", ::getpid());
    ASSERT_TRUE(bool(F));
    Found = *F;
    if (!Found)
      ::usleep(10000);
  }
  ::kill(Child, SIGKILL);
  ::waitpid(Child, nullptr, 0);
  EXPECT_EQ(Found, std::optional<pid_t>(Child));
}

TEST(ServiceInstances, UnitFilesAndInitScripts) {
  auto Units = parseUnitFiles("UNIT FILE                 STATE           "
                              "VENDOR PRESET\n"
                              "cron.service              enabled         "
                              "enabled\n"
                              "getty@.service            enabled         "
                              "enabled\n"
                              "systemd-fsck@.service     static          -\n"
                              "halt.service              static\n"
                              "gen.service               generated       -\n"
                              "\n"
                              "4 unit files listed.\n");
  EXPECT_EQ(Units, (std::vector<std::string>{"cron.service", "getty@.service",
                                             "halt.service"}));
  TempDir D;
  D.write("cppet-daemon", "#!/bin/sh\n", true);
  D.write("README", "text\n");
  D.write("rcS", "#!/bin/sh\n", true);
  D.write(".hidden", "#!/bin/sh\n", true);
  D.write("sub/x", "#!/bin/sh\n", true);
  D.link("/lib/init/upstart-job", "upstarted");
  D.write("apache2", "#!/bin/sh\n", true);
  EXPECT_EQ(initScripts({D.path()}),
            (std::vector<std::string>{"apache2", "cppet-daemon"}));
}

//===----------------------------------------------------------------------===//
// The type, against a scripted Context
//===----------------------------------------------------------------------===//

/// Records every program run; answers from a list of (argv prefix, result)
/// scripted by the test; unscripted commands succeed silently.
class FakeContext final : public Context {
public:
  struct Answer {
    std::string Prefix;
    ProcessResult Result;
  };
  std::deque<Answer> Answers;
  std::vector<ProcessSpec> Runs;
  std::vector<std::pair<std::string, std::string>> Logs;

  void answer(std::string Prefix, int Exit, std::string Output = "") {
    ProcessResult R;
    R.ExitCode = Exit;
    R.Output = std::move(Output);
    Answers.push_back({std::move(Prefix), std::move(R)});
  }
  std::vector<std::string> commands() const {
    std::vector<std::string> Out;
    for (const ProcessSpec &S : Runs)
      Out.push_back(llvm::join(S.Argv, " "));
    return Out;
  }
  bool logged(llvm::StringRef Level, llvm::StringRef Message) const {
    for (const auto &[L, M] : Logs)
      if (L == Level && M == Message)
        return true;
    return false;
  }

  bool debug() const override { return true; }
  void log(LogLevel Level, const std::string &Source,
           const std::string &Message) override {
    (void)Source;
    Logs.emplace_back(logLevelName(Level).str(), Message);
  }
  llvm::Expected<ProcessResult> run(const ProcessSpec &Spec) override {
    Runs.push_back(Spec);
    std::string Cmd = llvm::join(Spec.Argv, " ");
    for (auto It = Answers.begin(); It != Answers.end(); ++It)
      if (llvm::StringRef(Cmd).startswith(It->Prefix)) {
        ProcessResult R = It->Result;
        Answers.erase(It);
        return R;
      }
    ProcessResult Ok;
    Ok.ExitCode = 0;
    return Ok;
  }
  Filebucket *bucket() override { return nullptr; }
  FileFetcher *fetcher() override { return nullptr; }
  bool manages(llvm::StringRef, llvm::StringRef) const override {
    return false;
  }
};

class ServiceTypeTest : public ::testing::Test {
protected:
  /// A SysV host (PID 1 is init) and a systemd host.
  std::unique_ptr<ResourceType> Sysv = makeServiceTypeFor("init");
  std::unique_ptr<ResourceType> Systemd = makeServiceTypeFor("systemd");
  FakeContext Ctx;
  TempDir InitD;
  std::deque<catalog::Resource> Resources;
  std::deque<ResourceView> Views;
  std::deque<ResourceStatus> Statuses;

  void SetUp() override { InitD.write("cppet-daemon", "#!/bin/sh\n", true); }
  /// A service whose init scripts are searched in InitD.
  const ResourceView &add(const std::string &Title, Json Params) {
    Params["path"] = InitD.path();
    catalog::Resource R;
    R.Type = "Service";
    R.Title = Title;
    R.Parameters = std::move(Params);
    Resources.push_back(std::move(R));
    Views.emplace_back(Resources.back(), "name");
    return Views.back();
  }
  ResourceStatus &status(const ResourceView &V) {
    Statuses.emplace_back();
    ResourceStatus &S = Statuses.back();
    S.Type = "Service";
    S.Title = V.title();
    return S;
  }
  ResourceStatus &sync(ResourceType &T, const ResourceView &V,
                       bool Noop = false) {
    ResourceStatus &S = status(V);
    ResourceRun Run(V, Ctx, S, Noop);
    T.sync(Run);
    return S;
  }
  ResourceStatus &refresh(ResourceType &T, const ResourceView &V,
                          ResourceStatus *After = nullptr) {
    ResourceStatus &S = After ? *After : status(V);
    ResourceRun Run(V, Ctx, S, false);
    T.refresh(Run);
    return S;
  }
  std::string script(llvm::StringRef Action) {
    return InitD.path("cppet-daemon") + " " + Action.str();
  }
};

TEST_F(ServiceTypeTest, DebianStartsAStoppedService) {
  const ResourceView &V = add("cppet-daemon", {{"ensure", "running"}});
  EXPECT_EQ(Sysv->provider(V), "debian");
  Ctx.answer("/usr/sbin/service cppet-daemon status", 3);
  ResourceStatus &S = sync(*Sysv, V);
  ASSERT_EQ(S.Events.size(), 1u);
  const Event &E = S.Events[0];
  EXPECT_EQ(E.Status, "success");
  EXPECT_EQ(E.Name, "service_started");
  EXPECT_EQ(E.Message, "ensure changed 'stopped' to 'running'");
  EXPECT_EQ(Ctx.commands(),
            (std::vector<std::string>{"/usr/sbin/service cppet-daemon status",
                                      script("start")}));
  // Services run with the agent's environment (Puppet: no locale change).
  EXPECT_FALSE(Ctx.Runs[1].Environment);
}

TEST_F(ServiceTypeTest, InSyncAndNoop) {
  const ResourceView &Running = add("cppet-daemon", {{"ensure", "true"}});
  Ctx.answer("/usr/sbin/service", 0);
  EXPECT_TRUE(sync(*Sysv, Running).Events.empty());
  EXPECT_EQ(Ctx.Runs.size(), 1u);

  const ResourceView &Stop = add("cppet-daemon", {{"ensure", "stopped"}});
  Ctx.answer("/usr/sbin/service", 0);
  ResourceStatus &S = sync(*Sysv, Stop, /*Noop=*/true);
  ASSERT_EQ(S.Events.size(), 1u);
  EXPECT_EQ(S.Events[0].Status, "noop");
  EXPECT_EQ(S.Events[0].Message,
            "current_value 'running', should be 'stopped' (noop)");
  EXPECT_EQ(Ctx.Runs.size(), 2u);
}

TEST_F(ServiceTypeTest, StopFailureNamesTheCommand) {
  const ResourceView &V = add("cppet-daemon", {{"ensure", "stopped"}});
  Ctx.answer("/usr/sbin/service", 0);
  Ctx.answer(script("stop"), 1, "Stopping cppet-daemon\nno permission\n");
  ResourceStatus &S = sync(*Sysv, V);
  ASSERT_EQ(S.Events.size(), 1u);
  EXPECT_EQ(S.Events[0].Status, "failure");
  EXPECT_EQ(S.Events[0].Name, "service_stopped");
  EXPECT_EQ(S.Events[0].Message,
            "change from 'running' to 'stopped' failed: Could not stop "
            "Service[cppet-daemon]: Execution of '" +
                script("stop") +
                "' returned 1: Stopping cppet-daemon\nno permission");
  EXPECT_TRUE(S.Failed);
}

TEST_F(ServiceTypeTest, ErrorsNameTheManifestLine) {
  const ResourceView &V = add("cppet-daemon", {{"ensure", "running"}});
  Resources.back().File = "/etc/cppet/site.pp";
  Resources.back().Line = 7;
  Ctx.answer("/usr/sbin/service", 3);
  Ctx.answer(script("start"), 1);
  ResourceStatus &S = sync(*Sysv, V);
  ASSERT_EQ(S.Events.size(), 1u);
  EXPECT_EQ(S.Events[0].Message,
            "change from 'stopped' to 'running' failed: Could not start "
            "Service[cppet-daemon]: Execution of '" +
                script("start") +
                "' returned 1:  (file: /etc/cppet/site.pp, line: 7)");
  const ResourceView &Bad = add("x", {{"ensure", "up"}});
  Resources.back().Line = 2;
  llvm::Error E = Sysv->validate(Bad);
  ASSERT_TRUE(bool(E));
  EXPECT_EQ(llvm::toString(std::move(E)),
            "Parameter ensure failed on Service[x]: Invalid value \"up\". "
            "Valid values are stopped, running. (line: 2)");
}

TEST_F(ServiceTypeTest, MissingInitScript) {
  const ResourceView &V = add("nosuch", {{"ensure", "running"}});
  Ctx.answer("/usr/sbin/service", 1);
  ResourceStatus &S = sync(*Sysv, V);
  ASSERT_EQ(S.Events.size(), 1u);
  EXPECT_EQ(S.Events[0].Message, "change from 'stopped' to 'running' failed: "
                                 "Could not find init script for 'nosuch'");
}

TEST_F(ServiceTypeTest, CustomCommandsAreSplitNotShelled) {
  const ResourceView &V =
      add("app", {{"ensure", "running"},
                  {"status", "/usr/bin/test -e '/run/app pid'"},
                  {"start", "/usr/bin/app --daemon \"a b\" ; echo hi"}});
  Ctx.answer("/usr/bin/test", 1);
  Ctx.answer("/usr/bin/app", 2, "bad\n");
  ResourceStatus &S = sync(*Sysv, V);
  ASSERT_EQ(Ctx.Runs.size(), 2u);
  EXPECT_EQ(Ctx.Runs[0].Argv,
            (std::vector<std::string>{"/usr/bin/test", "-e", "/run/app pid"}));
  EXPECT_EQ(Ctx.Runs[1].Argv,
            (std::vector<std::string>{"/usr/bin/app", "--daemon", "a b", ";",
                                      "echo", "hi"}));
  ASSERT_EQ(S.Events.size(), 1u);
  EXPECT_EQ(S.Events[0].Message,
            "change from 'stopped' to 'running' failed: Could not start "
            "Service[app]: Execution of '/usr/bin/app --daemon \"a b\" ; echo "
            "hi' returned 2: bad");
}

TEST_F(ServiceTypeTest, DebianEnable) {
  const ResourceView &V = add("cppet-daemon", {{"enable", true}});
  // Not allowed by policy and (on this machine) no rc links: disabled.
  Ctx.answer("/usr/sbin/invoke-rc.d --quiet --query cppet-daemon start", 101);
  ResourceStatus &S = sync(*Sysv, V);
  ASSERT_EQ(S.Events.size(), 1u);
  EXPECT_EQ(S.Events[0].Name, "service_enabled");
  EXPECT_EQ(S.Events[0].Message, "enable changed 'false' to 'true'");
  EXPECT_EQ(Ctx.commands(),
            (std::vector<std::string>{
                "/usr/sbin/invoke-rc.d --quiet --query cppet-daemon start",
                "/usr/sbin/update-rc.d -f cppet-daemon remove",
                "/usr/sbin/update-rc.d cppet-daemon defaults"}));

  const ResourceView &Off = add("cppet-daemon", {{"enable", "false"}});
  Ctx.answer("/usr/sbin/invoke-rc.d", 104);
  ResourceStatus &D = sync(*Sysv, Off);
  ASSERT_EQ(D.Events.size(), 1u);
  EXPECT_EQ(D.Events[0].Name, "service_disabled");
  EXPECT_EQ(Ctx.commands().back(),
            "/usr/sbin/update-rc.d cppet-daemon disable");
}

TEST_F(ServiceTypeTest, EnableFollowsEnsureWithoutAnEvent) {
  const ResourceView &V =
      add("cppet-daemon", {{"ensure", "running"}, {"enable", "true"}});
  Ctx.answer("/usr/sbin/service", 3);
  Ctx.answer("/usr/sbin/invoke-rc.d", 101);
  ResourceStatus &S = sync(*Sysv, V);
  ASSERT_EQ(S.Events.size(), 1u);
  EXPECT_EQ(S.Events[0].Property, "ensure");
  EXPECT_EQ(Ctx.commands().back(),
            "/usr/sbin/update-rc.d cppet-daemon defaults");
}

TEST_F(ServiceTypeTest, NoopEnsureHidesEnable) {
  const ResourceView &V =
      add("cppet-daemon", {{"ensure", "running"}, {"enable", "true"}});
  Ctx.answer("/usr/sbin/service", 3);
  ResourceStatus &S = sync(*Sysv, V, /*Noop=*/true);
  ASSERT_EQ(S.Events.size(), 1u);
  EXPECT_EQ(S.Events[0].Property, "ensure");
  EXPECT_EQ(Ctx.Runs.size(), 1u);
}

TEST_F(ServiceTypeTest, SystemdStart) {
  const ResourceView &V = add("cron", {{"ensure", "running"}});
  EXPECT_EQ(Systemd->provider(V), "systemd");
  Ctx.answer("/usr/bin/systemctl is-active -- cron", 3, "inactive\n");
  Ctx.answer("/usr/bin/systemctl show", 0, "NeedDaemonReload=yes\n");
  ResourceStatus &S = sync(*Systemd, V);
  ASSERT_EQ(S.Events.size(), 1u);
  EXPECT_EQ(S.Events[0].Status, "success");
  EXPECT_EQ(Ctx.commands(),
            (std::vector<std::string>{
                "/usr/bin/systemctl is-active -- cron",
                "/usr/bin/systemctl show --property=NeedDaemonReload -- cron",
                "/usr/bin/systemctl daemon-reload",
                "/usr/bin/systemctl unmask -- cron",
                "/usr/bin/systemctl start -- cron"}));
}

TEST_F(ServiceTypeTest, SystemdFailureBringsTheJournal) {
  const ResourceView &V = add("cron", {{"ensure", "running"}});
  Ctx.answer("/usr/bin/systemctl is-active", 3);
  Ctx.answer("/usr/bin/systemctl start", 1, "Job failed.\n");
  Ctx.answer("/usr/bin/journalctl", 0, "-- No entries --\n");
  ResourceStatus &S = sync(*Systemd, V);
  ASSERT_EQ(S.Events.size(), 1u);
  EXPECT_EQ(S.Events[0].Message,
            "change from 'stopped' to 'running' failed: Systemd start for "
            "cron failed!\nCould not start Service[cron]: Execution of "
            "'/usr/bin/systemctl start -- cron' returned 1: Job failed.\n"
            "journalctl log for cron:\n-- No entries --");
  EXPECT_EQ(Ctx.commands().back(), "/usr/bin/journalctl -n 50 --since 5 "
                                   "minutes ago -u cron --no-pager");
}

TEST_F(ServiceTypeTest, SystemdEnableStates) {
  const ResourceView &Static = add("static", {{"enable", "false"}});
  Ctx.answer("/usr/bin/systemctl is-enabled", 0, "static\n");
  EXPECT_TRUE(sync(*Systemd, Static).Events.empty());

  const ResourceView &Mask = add("cron", {{"enable", "mask"}});
  Ctx.answer("/usr/bin/systemctl is-enabled", 0, "enabled\n");
  ResourceStatus &M = sync(*Systemd, Mask);
  ASSERT_EQ(M.Events.size(), 1u);
  EXPECT_EQ(M.Events[0].Message, "enable changed 'true' to 'mask'");
  EXPECT_EQ(M.Events[0].Name, "service_disabled");
  auto Cmds = Ctx.commands();
  EXPECT_EQ(std::vector<std::string>(Cmds.end() - 3, Cmds.end()),
            (std::vector<std::string>{"/usr/bin/systemctl cat -- cron",
                                      "/usr/bin/systemctl disable -- cron",
                                      "/usr/bin/systemctl mask -- cron"}));

  // A SysV script under systemd: empty answer, invoke-rc.d decides.
  const ResourceView &Sysvish = add("legacy", {{"enable", "true"}});
  Ctx.answer("/usr/bin/systemctl is-enabled", 1, "");
  Ctx.answer("/usr/sbin/invoke-rc.d", 104);
  EXPECT_TRUE(sync(*Systemd, Sysvish).Events.empty());
}

TEST_F(ServiceTypeTest, ProviderMustFitTheHost) {
  const ResourceView &V =
      add("cron", {{"ensure", "running"}, {"provider", "systemd"}});
  ResourceStatus &S = sync(*Sysv, V);
  EXPECT_TRUE(S.Failed);
  EXPECT_TRUE(Ctx.Runs.empty());
  EXPECT_TRUE(
      Ctx.logged("err", "Provider systemd is not functional on this host"));
}

TEST_F(ServiceTypeTest, RefreshRestartsOnlyARunningService) {
  const ResourceView &V = add("cppet-daemon", {});
  Ctx.answer("/usr/sbin/service", 0);
  ResourceStatus &S = refresh(*Sysv, V);
  EXPECT_FALSE(S.Failed);
  // No restart command (hasrestart unset): stop, then start.
  EXPECT_EQ(Ctx.commands(),
            (std::vector<std::string>{"/usr/sbin/service cppet-daemon status",
                                      script("stop"), script("start")}));

  Ctx.Runs.clear();
  const ResourceView &Restart = add("cppet-daemon", {{"hasrestart", true}});
  Ctx.answer("/usr/sbin/service", 0);
  refresh(*Sysv, Restart);
  EXPECT_EQ(Ctx.commands().back(), script("restart"));

  Ctx.Runs.clear();
  const ResourceView &Custom =
      add("cppet-daemon", {{"hasrestart", true}, {"restart", "/bin/kick it"}});
  Ctx.answer("/usr/sbin/service", 0);
  refresh(*Sysv, Custom);
  EXPECT_EQ(Ctx.commands().back(), "/bin/kick it");

  Ctx.Runs.clear();
  Ctx.answer("/usr/sbin/service", 3);
  refresh(*Sysv, V);
  EXPECT_EQ(Ctx.Runs.size(), 1u);
  EXPECT_TRUE(Ctx.logged("debug", "Skipping restart; service is not running"));
}

TEST_F(ServiceTypeTest, NoRestartRightAfterAStart) {
  const ResourceView &V = add("cppet-daemon", {{"ensure", "running"}});
  Ctx.answer("/usr/sbin/service", 3);
  ResourceStatus &S = sync(*Sysv, V);
  ASSERT_EQ(S.Events.size(), 1u);
  size_t Before = Ctx.Runs.size();
  refresh(*Sysv, V, &S);
  EXPECT_EQ(Ctx.Runs.size(), Before);
}

TEST_F(ServiceTypeTest, FailedRestart) {
  const ResourceView &V = add("cppet-daemon", {{"hasrestart", "true"}});
  Ctx.answer("/usr/sbin/service", 0);
  Ctx.answer(script("restart"), 1, "nope\n");
  ResourceStatus &S = refresh(*Sysv, V);
  EXPECT_TRUE(S.Failed);
  EXPECT_TRUE(S.FailedToRestart);
  EXPECT_TRUE(Ctx.logged("err", "Failed to call refresh: Could not restart "
                                "Service[cppet-daemon]: Execution of '" +
                                    script("restart") + "' returned 1: nope"));
}

TEST_F(ServiceTypeTest, BaseProviderUsesBinaryAndStatus) {
  const ResourceView &V = add("loop", {{"provider", "base"},
                                       {"ensure", "running"},
                                       {"binary", "/usr/bin/loop --bg"},
                                       {"status", "/bin/false"},
                                       {"enable", "true"}});
  Ctx.answer("/bin/false", 1);
  ResourceStatus &S = sync(*Sysv, V);
  ASSERT_EQ(S.Events.size(), 1u);
  EXPECT_EQ(S.Events[0].Status, "success");
  // enable is not something base can do: ignored.
  EXPECT_EQ(Ctx.commands(),
            (std::vector<std::string>{"/bin/false", "/usr/bin/loop --bg"}));

  const ResourceView &None = add(
      "loop",
      {{"provider", "base"}, {"ensure", "running"}, {"status", "/bin/false"}});
  Ctx.answer("/bin/false", 1);
  ResourceStatus &F = sync(*Sysv, None);
  ASSERT_EQ(F.Events.size(), 1u);
  EXPECT_EQ(F.Events[0].Message,
            "change from 'stopped' to 'running' failed: Services must "
            "specify a start command or a binary");
}

TEST_F(ServiceTypeTest, Retrieve) {
  const ResourceView &V = add("cppet-daemon", {});
  Ctx.answer("/usr/sbin/service", 3);
  Ctx.answer("/usr/sbin/invoke-rc.d", 104);
  auto Got = Sysv->retrieve(V, Ctx);
  ASSERT_TRUE(bool(Got));
  EXPECT_EQ(Got->dump(),
            R"({"ensure":"stopped","enable":"true","provider":"debian"})");
}

TEST_F(ServiceTypeTest, ValidateErrors) {
  auto Message = [&](ResourceType &T, Json Params) {
    const ResourceView &V = add("x", std::move(Params));
    llvm::Error E = T.validate(V);
    return E ? llvm::toString(std::move(E)) : std::string("ok");
  };
  EXPECT_EQ(Message(*Sysv, {{"ensure", "running"}, {"enable", false}}), "ok");
  EXPECT_EQ(Message(*Sysv, {{"ensure", "started"}}),
            "Parameter ensure failed on Service[x]: Invalid value "
            "\"started\". Valid values are stopped, running.");
  EXPECT_EQ(Message(*Sysv, {{"enable", "yes please"}}),
            "Parameter enable failed on Service[x]: Invalid value \"yes "
            "please\". Valid values are true, false, manual, mask, delayed.");
  EXPECT_EQ(Message(*Sysv, {{"enable", "mask"}}),
            "Parameter enable failed on Service[x]: Provider debian must "
            "have features 'maskable' to set 'enable' to 'mask'");
  EXPECT_EQ(Message(*Systemd, {{"enable", "mask"}}), "ok");
  EXPECT_EQ(Message(*Systemd, {{"enable", "manual"}}),
            "Parameter enable failed on Service[x]: Provider systemd must "
            "have features 'manual_startable' to set 'enable' to 'manual'");
  EXPECT_EQ(Message(*Sysv, {{"enable", "mask"}, {"provider", "base"}}), "ok");
  EXPECT_EQ(Message(*Sysv, {{"hasstatus", "maybe"}}),
            "Parameter hasstatus failed on Service[x]: Invalid value "
            "\"maybe\". Valid values are true, false.");
  EXPECT_EQ(Message(*Sysv, {{"provider", "upstart"}}),
            "Parameter provider failed on Service[x]: Invalid service "
            "provider 'upstart'");
  EXPECT_NE(Message(*Sysv, {{"start", "/bin/x 'unterminated"}}), "ok");
}

} // namespace
