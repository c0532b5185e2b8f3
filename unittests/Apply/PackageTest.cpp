//===- PackageTest.cpp - the package type's parsers, commands and sync ----===//
//
// Parsing of dpkg-query/apt-cache output, Debian version ordering (expected
// results checked with `dpkg --compare-versions`), version ranges, the apt
// and dpkg command lines, and the type's sync() against a scripted Context
// that records the programs it would run: nothing here changes the system.
//
//===----------------------------------------------------------------------===//
#include "../../lib/Apply/PackageApt.h"
#include "../../lib/Apply/Types.h"
#include "cppet/Apply/ResourceType.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

#include <deque>

using namespace cppet;
using namespace cppet::apply;
using namespace cppet::apply::pkg;

namespace {

//===----------------------------------------------------------------------===//
// dpkg-query, apt-cache
//===----------------------------------------------------------------------===//

TEST(PackageDpkgQuery, InstalledPackageEnsureIsItsVersion) {
  auto S = parseDpkgQueryLine("install ok installed bash 5.2.15-2+b8");
  ASSERT_TRUE(S);
  EXPECT_EQ(S->Desired, "install");
  EXPECT_EQ(S->Error, "ok");
  EXPECT_EQ(S->Status, "installed");
  EXPECT_EQ(S->Name, "bash");
  EXPECT_EQ(S->Version, "5.2.15-2+b8");
  EXPECT_EQ(S->ensure(), "5.2.15-2+b8");
  EXPECT_FALSE(S->held());
}

TEST(PackageDpkgQuery, StatesThatAreNotInstalled) {
  auto Config = parseDpkgQueryLine("deinstall ok config-files cppet-extra 1.0");
  ASSERT_TRUE(Config);
  EXPECT_EQ(Config->ensure(), "absent");
  auto Gone = parseDpkgQueryLine("unknown ok not-installed cppet-hello ");
  ASSERT_TRUE(Gone);
  EXPECT_EQ(Gone->Version, "");
  EXPECT_EQ(Gone->ensure(), "purged");
  auto Half = parseDpkgQueryLine("install reinstreq half-installed foo 1.0");
  ASSERT_TRUE(Half);
  EXPECT_EQ(Half->Error, "reinstreq");
  EXPECT_EQ(Half->ensure(), "absent");
  auto Trig = parseDpkgQueryLine("install ok triggers-pending man-db 2.11");
  ASSERT_TRUE(Trig);
  EXPECT_EQ(Trig->ensure(), "2.11");
}

TEST(PackageDpkgQuery, HeldPackage) {
  auto S = parseDpkgQueryLine("hold ok installed cppet-hello 1.0\n");
  ASSERT_TRUE(S);
  EXPECT_TRUE(S->held());
  EXPECT_EQ(S->ensure(), "1.0");
}

TEST(PackageDpkgQuery, RejectsOtherShapes) {
  EXPECT_FALSE(parseDpkgQueryLine(""));
  EXPECT_FALSE(parseDpkgQueryLine("install ok installed"));
  EXPECT_FALSE(parseDpkgQueryLine("dpkg-query: no packages found matching x"));
  EXPECT_FALSE(parseDpkgQueryLine("install  ok installed bash 1"));
}

TEST(PackageDpkgQuery, ManyLines) {
  auto All = parseDpkgQuery("install ok installed a 1\n"
                            "garbage\n"
                            "unknown ok not-installed b \n"
                            "install ok installed c 2:3.4-5\n");
  ASSERT_EQ(All.size(), 3u);
  EXPECT_EQ(All[0].Name, "a");
  EXPECT_EQ(All[1].ensure(), "purged");
  EXPECT_EQ(All[2].ensure(), "2:3.4-5");
}

TEST(PackageAptCache, PolicyCandidates) {
  auto C = parseAptCachePolicy(
      "bash:\n"
      "  Installed: 5.2.15-2+b8\n"
      "  Candidate: 5.2.15-2+b13\n"
      "  Version table:\n"
      "     5.2.15-2+b13 500\n"
      "        500 http://deb.debian.org/debian bookworm/main amd64 Packages\n"
      " *** 5.2.15-2+b8 100\n"
      "        100 /var/lib/dpkg/status\n"
      "cppet-hello:\n"
      "  Installed: (none)\n"
      "  Candidate: 2.0\n"
      "  Version table:\n"
      "     2.0 500\n"
      "        500 file:/opt/cppet-repo ./ Packages\n"
      "libfoo:i386:\n"
      "  Installed: (none)\n"
      "  Candidate: (none)\n"
      "  Version table:\n");
  ASSERT_EQ(C.size(), 3u);
  EXPECT_EQ(C["bash"], "5.2.15-2+b13");
  EXPECT_EQ(C["cppet-hello"], "2.0");
  EXPECT_EQ(C["libfoo:i386"], "");
  EXPECT_TRUE(parseAptCachePolicy("").empty());
}

TEST(PackageAptCache, Madison) {
  auto V = parseAptCacheMadison(
      "cppet-hello |        2.0 | file:/opt/cppet-repo ./ Packages\n"
      "cppet-hello |        1.0 | file:/opt/cppet-repo ./ Packages\n"
      "N: Unable to locate package\n");
  EXPECT_EQ(V, (std::vector<std::string>{"2.0", "1.0"}));
}

//===----------------------------------------------------------------------===//
// Versions and ranges
//===----------------------------------------------------------------------===//

TEST(PackageVersion, OrderAsDpkgCompareVersions) {
  struct Case {
    const char *A, *B;
    int Sign;
  } Cases[] = {
      {"1.0", "2.0", -1},
      {"1.0~rc1", "1.0", -1},
      {"1.0", "1.0+b1", -1},
      {"1:0.1", "2.0", 1},
      {"1.0-1", "1.0-2", -1},
      {"1.10", "1.9", 1},
      {"5.2.15-2+b8", "5.2.15-2+b13", -1},
      {"1.0a", "1.0", 1},
      {"1.0~", "1.0", -1},
      {"1.0", "1.00", 0},
      {"1.0-0", "1.0", 0},
      {"1.0~~", "1.0~", -1},
      {"1.0.a", "1.0+a", 1},
      {"0:1.0", "1.0", 0},
      {"2.0-1~bpo1", "2.0-1", -1},
      {"1.2.3-1", "1.2.3", 1},
  };
  for (const Case &C : Cases) {
    EXPECT_EQ(compareDebianVersions(C.A, C.B), C.Sign) << C.A << " vs " << C.B;
    EXPECT_EQ(compareDebianVersions(C.B, C.A), -C.Sign) << C.B << " vs " << C.A;
  }
}

TEST(PackageVersion, ParseSplitsEpochUpstreamRevision) {
  auto V = DebianVersion::parse("2:1.0-3-4");
  ASSERT_TRUE(V);
  EXPECT_EQ(V->Epoch, 2u);
  EXPECT_EQ(V->Upstream, "1.0-3");
  EXPECT_EQ(V->Revision, std::optional<std::string>("4"));
  auto Plain = DebianVersion::parse("1.0");
  ASSERT_TRUE(Plain);
  EXPECT_FALSE(Plain->Revision);
  EXPECT_FALSE(DebianVersion::parse(""));
  EXPECT_FALSE(DebianVersion::parse("a:1.0"));
  EXPECT_FALSE(DebianVersion::parse("1.0_1"));
  EXPECT_FALSE(DebianVersion::parse(">1.0"));
}

TEST(PackageVersion, Ranges) {
  auto Exact = VersionRange::parse("1.0");
  ASSERT_TRUE(bool(Exact));
  EXPECT_TRUE(Exact->exact());
  EXPECT_TRUE(Exact->includes("1.0"));
  EXPECT_FALSE(Exact->includes("1.0-1"));

  auto Between = VersionRange::parse(">=1.0 <2.0");
  ASSERT_TRUE(bool(Between));
  EXPECT_FALSE(Between->exact());
  EXPECT_TRUE(Between->includes("1.0"));
  EXPECT_TRUE(Between->includes("1.9~rc1"));
  EXPECT_FALSE(Between->includes("2.0"));
  EXPECT_FALSE(Between->includes("0.9"));
  EXPECT_FALSE(Between->includes("not a version!"));

  auto Above = VersionRange::parse(">1.0");
  ASSERT_TRUE(bool(Above));
  EXPECT_FALSE(Above->includes("1.0"));
  EXPECT_TRUE(Above->includes("1.0+b1"));
  auto AtMost = VersionRange::parse("<=2.0");
  ASSERT_TRUE(bool(AtMost));
  EXPECT_TRUE(AtMost->includes("2.0"));
  EXPECT_FALSE(AtMost->includes("2.0.1"));
}

TEST(PackageVersion, RangeErrors) {
  auto Op = VersionRange::parse("=>1.0");
  ASSERT_FALSE(bool(Op));
  EXPECT_EQ(llvm::toString(Op.takeError()), "Operator '=>' is not implemented");
  auto Bad = VersionRange::parse(">1.0_beta");
  ASSERT_FALSE(bool(Bad));
  EXPECT_EQ(llvm::toString(Bad.takeError()),
            "Unable to parse '1.0_beta' as a debian version identifier");
  auto Empty = VersionRange::parse(">");
  ASSERT_FALSE(bool(Empty));
  llvm::consumeError(Empty.takeError());
}

TEST(PackageVersion, BestVersionIsTheHighestInRange) {
  auto R = VersionRange::parse("<2.0");
  ASSERT_TRUE(bool(R));
  EXPECT_EQ(bestVersion(*R, {"2.0", "1.5", "1.10", "1.9"}),
            std::optional<std::string>("1.10"));
  auto None = VersionRange::parse(">3");
  ASSERT_TRUE(bool(None));
  EXPECT_FALSE(bestVersion(*None, {"2.0", "1.0"}));
}

//===----------------------------------------------------------------------===//
// Commands
//===----------------------------------------------------------------------===//

TEST(PackageCommands, AptInstall) {
  InstallRequest Req;
  Req.Name = "cppet-hello";
  EXPECT_EQ(llvm::join(aptInstallArgv(Req), " "),
            "/usr/bin/apt-get -q -y -o DPkg::Options::=--force-confold "
            "install cppet-hello");
  Req.Version = "1.0";
  Req.Options = {"--no-install-recommends"};
  EXPECT_EQ(llvm::join(aptInstallArgv(Req), " "),
            "/usr/bin/apt-get -q -y -o DPkg::Options::=--force-confold "
            "--allow-downgrades --no-install-recommends install "
            "cppet-hello=1.0");
  Req.Source = "/tmp/x.deb";
  Req.ReplaceConfigFiles = true;
  EXPECT_EQ(aptInstallArgv(Req).back(), "/tmp/x.deb");
  EXPECT_EQ(aptInstallArgv(Req)[4], "DPkg::Options::=--force-confnew");
  EXPECT_EQ(llvm::join(dpkgInstallArgv(Req), " "),
            "/usr/bin/dpkg --force-confnew -i /tmp/x.deb");
}

TEST(PackageCommands, AptRemoveAndQuery) {
  EXPECT_EQ(llvm::join(aptRemoveArgv("x", false, false), " "),
            "/usr/bin/apt-get -y -q remove x");
  EXPECT_EQ(llvm::join(aptRemoveArgv("x", true, true), " "),
            "/usr/bin/apt-get -y -q --allow-change-held-packages remove "
            "--purge x");
  auto Q = dpkgQueryArgv({"a", "b"});
  EXPECT_EQ(llvm::join(Q, "|"), "/usr/bin/dpkg-query|-W|--showformat|"
                                "${Status} ${Package} ${Version}\\n|a|b");
}

TEST(PackageCommands, Options) {
  auto O = packageOptions(Json::parse(R"(["-t", {"--foo": "bar baz"}])"));
  ASSERT_TRUE(bool(O));
  EXPECT_EQ(*O, (std::vector<std::string>{"-t", "--foo=bar baz"}));
  auto Bad = packageOptions(Json::parse("[1]"));
  ASSERT_FALSE(bool(Bad));
  EXPECT_EQ(llvm::toString(Bad.takeError()),
            "Expected either a string or hash of options");
}

TEST(PackageCommands, EnvironmentIsNoninteractiveAndC) {
  ::setenv("LC_ALL", "de_DE.UTF-8", 1);
  std::vector<std::string> Env = aptEnvironment();
  ::unsetenv("LC_ALL");
  auto Count = [&](llvm::StringRef Prefix) {
    return std::count_if(Env.begin(), Env.end(), [&](const std::string &E) {
      return llvm::StringRef(E).startswith(Prefix);
    });
  };
  EXPECT_EQ(Count("DEBIAN_FRONTEND=noninteractive"), 1);
  EXPECT_EQ(Count("LC_ALL="), 1);
  EXPECT_EQ(Count("LC_ALL=C"), 1);
  EXPECT_EQ(Count("APT_LISTCHANGES_FRONTEND=none"), 1);
}

//===----------------------------------------------------------------------===//
// The type, against a scripted Context
//===----------------------------------------------------------------------===//

/// Records every program run; answers from a list of (argv prefix, result)
/// scripted by the test, in order; unscripted commands succeed silently.
class FakeContext final : public Context {
public:
  struct Answer {
    std::string Prefix; // argv joined by spaces
    ProcessResult Result;
  };
  std::deque<Answer> Answers;
  std::vector<ProcessSpec> Runs;
  std::vector<std::pair<std::string, std::string>> Logs; // level, message

  void answer(std::string Prefix, std::string Output, int Exit = 0) {
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

  bool debug() const override { return true; }
  void log(LogLevel Level, const std::string &Source,
           const std::string &Message) override {
    (void)Source;
    Logs.emplace_back(logLevelName(Level).str(), Message);
  }
  llvm::Expected<ProcessResult> run(const ProcessSpec &Spec) override {
    Runs.push_back(Spec);
    std::string Cmd = llvm::join(Spec.Argv, " ");
    for (auto It = Answers.begin(); It != Answers.end(); ++It) {
      if (llvm::StringRef(Cmd).startswith(It->Prefix)) {
        ProcessResult R = It->Result;
        Answers.erase(It);
        return R;
      }
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

const char *DpkgQuery = "/usr/bin/dpkg-query -W --showformat";

class PackageTypeTest : public ::testing::Test {
protected:
  /// A type of its own: the registry's keeps its cache between tests.
  std::unique_ptr<ResourceType> Type = makePackageType();
  FakeContext Ctx;
  std::deque<catalog::Resource> Resources;
  std::deque<ResourceView> Views;
  std::deque<ResourceStatus> Statuses;

  const ResourceView &add(const std::string &Title, Json Params) {
    catalog::Resource R;
    R.Type = "Package";
    R.Title = Title;
    R.Parameters = std::move(Params);
    Resources.push_back(std::move(R));
    Views.emplace_back(Resources.back(), "name");
    return Views.back();
  }
  void prefetch() {
    std::vector<const ResourceView *> Ptrs;
    for (const ResourceView &V : Views)
      Ptrs.push_back(&V);
    Type->prefetch(Ptrs, Ctx);
  }
  ResourceStatus &sync(const ResourceView &V, bool Noop = false) {
    Statuses.emplace_back();
    ResourceStatus &S = Statuses.back();
    S.Type = "Package";
    S.Title = V.title();
    ResourceRun Run(V, Ctx, S, Noop);
    Type->sync(Run);
    return S;
  }
};

TEST_F(PackageTypeTest, PrefetchIsOneDpkgQueryForAllPackages) {
  add("cppet-hello", {{"ensure", "latest"}});
  add("cppet-extra", {{"ensure", "absent"}});
  add("other", {{"name", "cppet-daemon"}});
  Ctx.answer(DpkgQuery,
             "install ok installed cppet-hello 1.0\n"
             "install ok installed cppet-daemon 1.0\n",
             1);
  Ctx.answer("/usr/bin/apt-cache policy", "cppet-hello:\n"
                                          "  Installed: 1.0\n"
                                          "  Candidate: 2.0\n");
  prefetch();
  auto Cmds = Ctx.commands();
  ASSERT_EQ(Cmds.size(), 2u);
  EXPECT_EQ(Cmds[0], std::string(DpkgQuery) +
                         " ${Status} ${Package} ${Version}\\n cppet-hello "
                         "cppet-extra cppet-daemon");
  EXPECT_EQ(Cmds[1], "/usr/bin/apt-cache policy cppet-hello");
  EXPECT_FALSE(Ctx.Runs[0].MergeStderr);

  // Three syncs: no more queries for the state, one apt-get for latest.
  ResourceStatus &Extra = sync(Views[1]);
  EXPECT_TRUE(Extra.Events.empty());
  ResourceStatus &Daemon = sync(Views[2]);
  EXPECT_TRUE(Daemon.Events.empty());
  EXPECT_EQ(Ctx.Runs.size(), 2u);
  ResourceStatus &Hello = sync(Views[0]);
  ASSERT_EQ(Hello.Events.size(), 1u);
  EXPECT_EQ(Hello.Events[0].Message, "ensure changed '1.0' to '2.0'");
  EXPECT_EQ(Hello.Events[0].Name, "package_changed");
  Cmds = Ctx.commands();
  ASSERT_EQ(Cmds.size(), 4u);
  EXPECT_EQ(Cmds[2], "/usr/bin/apt-get -q -y -o "
                     "DPkg::Options::=--force-confold install cppet-hello");
  EXPECT_EQ(Cmds[3], "/usr/bin/apt-mark manual cppet-hello");
}

TEST_F(PackageTypeTest, InstallFromPurged) {
  const ResourceView &V = add("cppet-hello", {{"ensure", "installed"}});
  Ctx.answer(DpkgQuery, "", 1);
  prefetch();
  ResourceStatus &S = sync(V);
  ASSERT_EQ(S.Events.size(), 1u);
  const Event &E = S.Events[0];
  EXPECT_EQ(E.Status, "success");
  EXPECT_EQ(E.Message, "created");
  EXPECT_EQ(E.Name, "package_installed");
  EXPECT_EQ(E.PreviousValue, "purged");
  EXPECT_EQ(E.DesiredValue, "present");
  EXPECT_TRUE(S.Changed);
  ASSERT_EQ(Ctx.Runs.size(), 3u);
  const ProcessSpec &Install = Ctx.Runs[1];
  EXPECT_EQ(llvm::join(Install.Argv, " "),
            "/usr/bin/apt-get -q -y -o DPkg::Options::=--force-confold "
            "install cppet-hello");
  ASSERT_TRUE(Install.Environment);
  EXPECT_NE(std::find(Install.Environment->begin(), Install.Environment->end(),
                      "DEBIAN_FRONTEND=noninteractive"),
            Install.Environment->end());
}

TEST_F(PackageTypeTest, NoopRunsNothing) {
  const ResourceView &V = add("cppet-hello", {{"ensure", "2.0"}});
  Ctx.answer(DpkgQuery, "install ok installed cppet-hello 1.0\n");
  prefetch();
  ResourceStatus &S = sync(V, /*Noop=*/true);
  ASSERT_EQ(S.Events.size(), 1u);
  EXPECT_EQ(S.Events[0].Status, "noop");
  EXPECT_EQ(S.Events[0].Message, "current_value '1.0', should be '2.0' (noop)");
  EXPECT_FALSE(S.Changed);
  EXPECT_EQ(Ctx.Runs.size(), 1u);
}

TEST_F(PackageTypeTest, VersionChangeAndInSync) {
  const ResourceView &Up =
      add("a", {{"name", "cppet-hello"}, {"ensure", "2.0"}});
  const ResourceView &Same = add("b", {{"name", "bash"}, {"ensure", "5.2"}});
  Ctx.answer(DpkgQuery, "install ok installed cppet-hello 1.0\n"
                        "install ok installed bash 5.2\n");
  prefetch();
  ResourceStatus &S = sync(Up);
  ASSERT_EQ(S.Events.size(), 1u);
  EXPECT_EQ(S.Events[0].Message, "ensure changed '1.0' to '2.0'");
  EXPECT_EQ(S.Events[0].Name, "package_changed");
  EXPECT_EQ(Ctx.commands()[1],
            "/usr/bin/apt-get -q -y -o DPkg::Options::=--force-confold "
            "--allow-downgrades install cppet-hello=2.0");
  // After a change, the next package re-reads dpkg's database (apt may
  // have changed it) in one call, and bash is in sync.
  size_t Before = Ctx.Runs.size();
  Ctx.answer(DpkgQuery, "install ok installed cppet-hello 2.0\n"
                        "install ok installed bash 5.2\n");
  ResourceStatus &B = sync(Same);
  EXPECT_TRUE(B.Events.empty());
  ASSERT_EQ(Ctx.Runs.size(), Before + 1);
  EXPECT_TRUE(llvm::StringRef(Ctx.commands().back()).startswith(DpkgQuery));
}

TEST_F(PackageTypeTest, RemoveAndPurge) {
  const ResourceView &Rm = add("cppet-hello", {{"ensure", "absent"}});
  const ResourceView &Pg = add("cppet-extra", {{"ensure", "purged"}});
  const ResourceView &Done = add("cppet-daemon", {{"ensure", "absent"}});
  Ctx.answer(DpkgQuery, "install ok installed cppet-hello 1.0\n"
                        "deinstall ok config-files cppet-extra 1.0\n"
                        "deinstall ok config-files cppet-daemon 1.0\n");
  prefetch();
  ResourceStatus &R = sync(Rm);
  ASSERT_EQ(R.Events.size(), 1u);
  EXPECT_EQ(R.Events[0].Message, "removed");
  EXPECT_EQ(R.Events[0].Name, "package_removed");
  EXPECT_EQ(Ctx.commands().back(), "/usr/bin/apt-get -y -q remove cppet-hello");

  Ctx.answer(DpkgQuery, "deinstall ok config-files cppet-hello 1.0\n"
                        "deinstall ok config-files cppet-extra 1.0\n"
                        "deinstall ok config-files cppet-daemon 1.0\n");
  ResourceStatus &P = sync(Pg);
  ASSERT_EQ(P.Events.size(), 1u);
  EXPECT_EQ(P.Events[0].Message, "purged");
  EXPECT_EQ(P.Events[0].Name, "package_purged");
  EXPECT_EQ(P.Events[0].PreviousValue, "absent");
  auto Cmds = Ctx.commands();
  EXPECT_EQ(Cmds[Cmds.size() - 2],
            "/usr/bin/apt-get -y -q remove --purge cppet-extra");
  EXPECT_EQ(Cmds.back(), "/usr/bin/dpkg --purge cppet-extra");

  // Only configuration files left: absent is in sync.
  Ctx.answer(DpkgQuery, "deinstall ok config-files cppet-daemon 1.0\n");
  EXPECT_TRUE(sync(Done).Events.empty());
}

TEST_F(PackageTypeTest, FailedInstallIsAFailureEvent) {
  const ResourceView &V = add("nosuch", {});
  Ctx.answer(DpkgQuery, "", 1);
  Ctx.answer("/usr/bin/apt-get",
             "Reading package lists...\nE: Unable to locate package nosuch\n",
             100);
  prefetch();
  ResourceStatus &S = sync(V);
  ASSERT_EQ(S.Events.size(), 1u);
  EXPECT_EQ(S.Events[0].Status, "failure");
  EXPECT_EQ(S.Events[0].Message,
            "change from 'purged' to 'present' failed: Execution of "
            "'/usr/bin/apt-get -q -y -o DPkg::Options::=--force-confold "
            "install nosuch' returned 100: Reading package lists...\n"
            "E: Unable to locate package nosuch");
  EXPECT_TRUE(S.Failed);
  // No apt-mark after a failure.
  EXPECT_EQ(Ctx.Runs.size(), 2u);
}

TEST_F(PackageTypeTest, VersionFailureSaysCouldNotUpdate) {
  const ResourceView &V = add("cppet-hello", {{"ensure", "9.9"}});
  Ctx.answer(DpkgQuery, "install ok installed cppet-hello 1.0\n");
  Ctx.answer("/usr/bin/apt-get",
             "E: Version '9.9' for 'cppet-hello' was not "
             "found\n",
             100);
  prefetch();
  Resources.back().File = "/etc/cppet/site.pp";
  Resources.back().Line = 4;
  ResourceStatus &S = sync(V);
  ASSERT_EQ(S.Events.size(), 1u);
  EXPECT_EQ(S.Events[0].Message,
            "change from '1.0' to '9.9' failed: Could not update: Execution "
            "of '/usr/bin/apt-get -q -y -o DPkg::Options::=--force-confold "
            "--allow-downgrades install cppet-hello=9.9' returned 100: E: "
            "Version '9.9' for 'cppet-hello' was not found (file: "
            "/etc/cppet/site.pp, line: 4)");
}

TEST_F(PackageTypeTest, LatestWithoutCandidateLogsAnError) {
  const ResourceView &V = add("cppet-hello", {{"ensure", "latest"}});
  Ctx.answer(DpkgQuery, "install ok installed cppet-hello 1.0\n");
  Ctx.answer("/usr/bin/apt-cache policy", "");
  prefetch();
  ResourceStatus &S = sync(V, /*Noop=*/true);
  ASSERT_EQ(S.Events.size(), 1u);
  EXPECT_EQ(S.Events[0].Message,
            "current_value '1.0', should be 'latest' (noop)");
  bool Logged = false;
  for (const auto &[Level, Msg] : Ctx.Logs)
    Logged |= Level == "err" && Msg == "Could not find latest version";
  EXPECT_TRUE(Logged);
}

TEST_F(PackageTypeTest, LatestOfAnAbsentPackageDoesNotAskApt) {
  const ResourceView &V = add("cppet-hello", {{"ensure", "latest"}});
  Ctx.answer(DpkgQuery, "", 1);
  prefetch();
  ResourceStatus &S = sync(V, /*Noop=*/true);
  ASSERT_EQ(S.Events.size(), 1u);
  EXPECT_EQ(S.Events[0].Message,
            "current_value 'purged', should be 'latest' (noop)");
  EXPECT_EQ(Ctx.Runs.size(), 1u);
}

TEST_F(PackageTypeTest, RangeInstallsTheBestAvailableVersion) {
  const ResourceView &In = add("a", {{"name", "bash"}, {"ensure", ">=5 <6"}});
  const ResourceView &Out =
      add("b", {{"name", "cppet-hello"}, {"ensure", "<2.0"}});
  Ctx.answer(DpkgQuery, "install ok installed bash 5.2\n"
                        "install ok installed cppet-hello 2.0\n");
  Ctx.answer("/usr/bin/apt-cache madison",
             "cppet-hello | 2.0 | file:/opt/cppet-repo ./ Packages\n"
             "cppet-hello | 1.0 | file:/opt/cppet-repo ./ Packages\n"
             "cppet-hello | 0.9 | file:/opt/cppet-repo ./ Packages\n");
  prefetch();
  EXPECT_TRUE(sync(In).Events.empty());
  ResourceStatus &S = sync(Out);
  ASSERT_EQ(S.Events.size(), 1u);
  EXPECT_EQ(S.Events[0].Message, "ensure changed '2.0' to '<2.0'");
  auto Cmds = Ctx.commands();
  EXPECT_EQ(Cmds[1], "/usr/bin/apt-cache madison cppet-hello");
  EXPECT_EQ(Cmds[2], "/usr/bin/apt-get -q -y -o "
                     "DPkg::Options::=--force-confold --allow-downgrades "
                     "install cppet-hello=1.0");
}

TEST_F(PackageTypeTest, HoldAndUnhold) {
  const ResourceView &Hold = add("cppet-hello", {{"mark", "hold"}});
  const ResourceView &Up =
      add("b", {{"name", "cppet-extra"}, {"ensure", "2.0"}});
  Ctx.answer(DpkgQuery, "install ok installed cppet-hello 1.0\n"
                        "hold ok installed cppet-extra 1.0\n");
  prefetch();
  ResourceStatus &H = sync(Hold);
  ASSERT_EQ(H.Events.size(), 1u);
  EXPECT_EQ(H.Events[0].Message, "mark changed 'none' to 'hold'");
  EXPECT_EQ(Ctx.Runs.back().Stdin, "cppet-hello hold\n");
  EXPECT_EQ(Ctx.commands().back(), "/usr/bin/dpkg --set-selections");

  // A held package is unheld before apt-get installs another version.
  Ctx.answer(DpkgQuery, "hold ok installed cppet-hello 1.0\n"
                        "hold ok installed cppet-extra 1.0\n");
  ResourceStatus &U = sync(Up);
  ASSERT_EQ(U.Events.size(), 1u);
  auto Cmds = Ctx.commands();
  ASSERT_GE(Cmds.size(), 3u);
  EXPECT_EQ(Cmds[Cmds.size() - 3], "/usr/bin/dpkg --set-selections");
  EXPECT_EQ(Ctx.Runs[Ctx.Runs.size() - 3].Stdin, "cppet-extra install\n");
  EXPECT_TRUE(llvm::StringRef(Cmds[Cmds.size() - 2])
                  .endswith("install cppet-extra=2.0"));
}

TEST_F(PackageTypeTest, DpkgProviderInstallsTheSource) {
  const ResourceView &V =
      add("cppet-hello", {{"provider", "dpkg"}, {"source", "/tmp/h.deb"}});
  Ctx.answer(DpkgQuery, "", 1);
  prefetch();
  ResourceStatus &S = sync(V);
  ASSERT_EQ(S.Events.size(), 1u);
  EXPECT_EQ(S.Events[0].Status, "success");
  EXPECT_EQ(Ctx.commands().back(),
            "/usr/bin/dpkg --force-confold -i /tmp/h.deb");
  EXPECT_EQ(Type->provider(V), "dpkg");
  EXPECT_EQ(Type->autorequire(V),
            (std::vector<std::string>{"File[/tmp/h.deb]"}));
}

TEST_F(PackageTypeTest, ResponseFileIsPreseeded) {
  llvm::SmallString<128> File;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("answers", "txt", File));
  const ResourceView &V =
      add("cppet-hello", {{"responsefile", std::string(File)}});
  const ResourceView &Missing =
      add("b", {{"name", "cppet-extra"}, {"responsefile", "/nonexistent"}});
  Ctx.answer(DpkgQuery, "", 1);
  prefetch();
  sync(V);
  llvm::sys::fs::remove(File);
  auto Cmds = Ctx.commands();
  ASSERT_GE(Cmds.size(), 3u);
  EXPECT_EQ(Cmds[1], "/usr/bin/debconf-set-selections " + std::string(File));
  EXPECT_TRUE(llvm::StringRef(Cmds[2]).startswith("/usr/bin/apt-get"));
  EXPECT_EQ(Ctx.Logs[0].second,
            "Preseeding " + std::string(File) + " to debconf-set-selections");

  size_t Before = Ctx.Runs.size();
  Ctx.answer(DpkgQuery, "", 1);
  sync(Missing);
  // The re-read of dpkg's database, then apt-get and apt-mark.
  EXPECT_EQ(Ctx.Runs.size(), Before + 3);
  bool Logged = false;
  for (const auto &[Level, Msg] : Ctx.Logs)
    Logged |= Level == "info" &&
              Msg == "No responsefile specified or non existent, not "
                     "preseeding anything";
  EXPECT_TRUE(Logged);
}

TEST_F(PackageTypeTest, ErrorStateFailsTheResource) {
  const ResourceView &V = add("broken", {});
  Ctx.answer(DpkgQuery, "install reinstreq half-installed broken 1.0\n");
  prefetch();
  ResourceStatus &S = sync(V);
  EXPECT_TRUE(S.Failed);
  EXPECT_TRUE(S.Events.empty());
  ASSERT_FALSE(Ctx.Logs.empty());
  EXPECT_EQ(Ctx.Logs.back().second,
            "Package broken, version absent is in error state: reinstreq");
}

TEST_F(PackageTypeTest, WithoutPrefetchEachPackageIsQueried) {
  const ResourceView &V = add("cppet-hello", {});
  Ctx.answer(DpkgQuery, "install ok installed cppet-hello 1.0\n");
  EXPECT_TRUE(sync(V).Events.empty());
  EXPECT_EQ(Ctx.commands().back(),
            std::string(DpkgQuery) +
                " ${Status} ${Package} ${Version}\\n cppet-hello");
  auto Got = Type->retrieve(V, Ctx);
  ASSERT_TRUE(bool(Got));
  EXPECT_EQ(Got->dump(), R"({"ensure":"1.0","provider":"apt"})");
  EXPECT_EQ(Ctx.Runs.size(), 1u);
}

TEST_F(PackageTypeTest, InstancesListEveryPackage) {
  Ctx.answer(DpkgQuery, "install ok installed b 1\ninstall ok installed a 2\n");
  auto Names = Type->instances(Ctx);
  ASSERT_TRUE(bool(Names));
  EXPECT_EQ(*Names, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(Ctx.commands().back(),
            std::string(DpkgQuery) + " ${Status} ${Package} ${Version}\\n");
}

TEST_F(PackageTypeTest, ListingThenPrefetchingReadsOnce) {
  // `cppet-agent resource package`: instances(), then prefetch() and
  // retrieve() of each.
  Ctx.answer(DpkgQuery, "install ok installed b 1\nhold ok installed a 2\n");
  ASSERT_TRUE(bool(Type->instances(Ctx)));
  const ResourceView &A = add("a", {});
  const ResourceView &Gone = add("gone", {});
  Type->prefetch({&A}, Ctx);
  auto GotA = Type->retrieve(A, Ctx);
  ASSERT_TRUE(bool(GotA));
  EXPECT_EQ(GotA->dump(), R"({"ensure":"2","mark":"hold","provider":"apt"})");
  Type->prefetch({&Gone}, Ctx);
  auto GotGone = Type->retrieve(Gone, Ctx);
  ASSERT_TRUE(bool(GotGone));
  EXPECT_EQ((*GotGone)["ensure"], "purged");
  EXPECT_EQ(Ctx.Runs.size(), 1u);
  // Another run (another context) reads again.
  FakeContext Other;
  Other.answer(DpkgQuery, "install ok installed a 3\n");
  Type->prefetch({&A}, Other);
  auto Again = Type->retrieve(A, Other);
  ASSERT_TRUE(bool(Again));
  EXPECT_EQ((*Again)["ensure"], "3");
  EXPECT_EQ(Other.Runs.size(), 1u);
}

TEST_F(PackageTypeTest, ValidateErrors) {
  auto Message = [&](Json Params) {
    const ResourceView &V = add("x", std::move(Params));
    llvm::Error E = Type->validate(V);
    return E ? llvm::toString(std::move(E)) : std::string("ok");
  };
  EXPECT_EQ(Message({{"ensure", "present"}}), "ok");
  EXPECT_EQ(Message({{"ensure", ">1.0 <2.0"}}), "ok");
  EXPECT_EQ(Message({{"ensure", ""}}),
            "Parameter ensure failed on Package[x]: Invalid value \"\". Valid "
            "values are present, absent, purged, disabled, latest. Valid "
            "values match /./.");
  EXPECT_EQ(Message({{"ensure", "disabled"}}),
            "Parameter ensure failed on Package[x]: Provider apt must have "
            "features 'disableable' to set 'ensure' to 'disabled'");
  EXPECT_EQ(Message({{"provider", "dpkg"}, {"ensure", "1.0"}}),
            "Parameter ensure failed on Package[x]: Provider dpkg must have "
            "features 'versionable' to set 'ensure' to '1.0'");
  EXPECT_EQ(Message({{"provider", "yum"}}),
            "Parameter provider failed on Package[x]: Invalid package provider "
            "'yum'");
  EXPECT_EQ(Message({{"mark", "frozen"}}),
            "Parameter mark failed on Package[x]: Invalid value \"frozen\". "
            "Valid values are hold, none.");
  EXPECT_EQ(Message({{"mark", "hold"}, {"ensure", "purged"}}),
            "Validation of Package[x] failed: You cannot use \"mark\" property "
            "while \"ensure\" is one of [\"absent\", \"purged\"]");
  EXPECT_EQ(Message({{"configfiles", "merge"}}),
            "Parameter configfiles failed on Package[x]: Invalid value "
            "\"merge\". Valid values are keep, replace.");
  EXPECT_EQ(Message({{"install_options", Json::array({true})}}),
            "Parameter install_options failed on Package[x]: Expected either a "
            "string or hash of options");
  EXPECT_EQ(Message({{"name", "--force-all"}}),
            "Parameter name failed on Package[x]: Invalid package name "
            "'--force-all'");
}

} // namespace
