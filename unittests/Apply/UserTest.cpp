//===- UserTest.cpp - account files, useradd command lines, the user type -===//
//
// Parsing of /etc/passwd, /etc/group and /etc/shadow text, the argument
// vectors of the shadow tools, validate(), and sync() against fixture
// account files with a Context that records the programs it would run:
// nothing here changes the system.
//
//===----------------------------------------------------------------------===//
#include "../../lib/Apply/UserAccounts.h"
#include "cppet/Apply/ResourceType.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <functional>

using namespace cppet;
using namespace cppet::apply;

namespace {

/// Records logs and the programs sync() runs (argv[0] reduced to its base
/// name), answering each with Handler (success by default).
class RecordingContext final : public Context {
public:
  std::vector<std::vector<std::string>> Commands;
  std::vector<std::string> Stdins;
  std::vector<std::string> Logs;
  std::function<ProcessResult(const ProcessSpec &)> Handler;

  bool debug() const override { return true; }
  void log(LogLevel Level, const std::string &Source,
           const std::string &Message) override {
    Logs.push_back(logLevelName(Level).str() + " " + Source + ": " + Message);
  }
  llvm::Expected<ProcessResult> run(const ProcessSpec &Spec) override {
    std::vector<std::string> Argv = Spec.Argv;
    Argv[0] = llvm::sys::path::filename(Argv[0]).str();
    Commands.push_back(Argv);
    Stdins.push_back(Spec.Stdin);
    if (Handler)
      return Handler(Spec);
    ProcessResult R;
    R.ExitCode = 0;
    return R;
  }
  Filebucket *bucket() override { return nullptr; }
  FileFetcher *fetcher() override { return nullptr; }
  bool manages(llvm::StringRef, llvm::StringRef) const override {
    return false;
  }
  std::string allLogs() const { return llvm::join(Logs, "\n"); }
};

catalog::Resource makeResource(const std::string &Type,
                               const std::string &Title, Json Params) {
  catalog::Resource R;
  R.Type = Type;
  R.Title = Title;
  R.Parameters = std::move(Params);
  return R;
}

std::string words(const std::vector<std::string> &Argv) {
  return llvm::join(Argv, " ");
}

const char *PasswdText = "root:x:0:0:root:/root:/bin/bash\n"
                         "# a comment\n"
                         "+nisuser::::::\n"
                         "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
                         "broken:x:notanumber:1::/:/bin/sh\n"
                         "short:x:5\n"
                         "alice:x:1501:1501:Alice,,,:/home/alice:/bin/bash\r\n"
                         "bob:x:1502:100::/home/bob:/bin/sh\n";
const char *GroupText = "root:x:0:\n"
                        "adm:x:4:syslog,alice\n"
                        "users:x:100:\n"
                        "sudo:x:27:\n"
                        "alice:x:1501:\n"
                        "bad:x:y:alice\n"
                        "staff:x:50:bob, alice\n";
const char *ShadowText = "root:*:20228:0:99999:7:::\n"
                         "alice:$6$salt$hash:20228:1:90:7::19723:\n"
                         "bob:!:20228::::::\n";

//===----------------------------------------------------------------------===//
// Account files
//===----------------------------------------------------------------------===//

TEST(UserPasswd, ParsesEntriesAndSkipsOtherLines) {
  auto Users = parsePasswd(PasswdText);
  ASSERT_EQ(Users.size(), 4u);
  EXPECT_EQ(Users[0].Name, "root");
  EXPECT_EQ(Users[1].Shell, "/usr/sbin/nologin");
  const PasswdEntry &A = Users[2];
  EXPECT_EQ(A.Name, "alice");
  EXPECT_EQ(A.Password, "x");
  EXPECT_EQ(A.Uid, 1501);
  EXPECT_EQ(A.Gid, 1501);
  EXPECT_EQ(A.Gecos, "Alice,,,");
  EXPECT_EQ(A.Home, "/home/alice");
  EXPECT_EQ(A.Shell, "/bin/bash"); // the \r is not part of the shell
  EXPECT_EQ(Users[3].Gecos, "");
}

TEST(UserGroupFile, ParsesMembers) {
  auto Groups = parseGroup(GroupText);
  ASSERT_EQ(Groups.size(), 6u);
  EXPECT_EQ(Groups[1].Name, "adm");
  EXPECT_EQ(Groups[1].Gid, 4);
  EXPECT_EQ(Groups[1].Members, (std::vector<std::string>{"syslog", "alice"}));
  EXPECT_TRUE(Groups[2].Members.empty());
  EXPECT_EQ(Groups[5].Members, (std::vector<std::string>{"bob", "alice"}));
}

TEST(UserShadow, EmptyNumbersAreMinusOne) {
  auto Shadows = parseShadow(ShadowText);
  ASSERT_EQ(Shadows.size(), 3u);
  EXPECT_EQ(Shadows[0].Password, "*");
  EXPECT_EQ(Shadows[0].MaxAge, 99999);
  EXPECT_EQ(Shadows[0].Expire, -1);
  EXPECT_EQ(Shadows[1].Password, "$6$salt$hash");
  EXPECT_EQ(Shadows[1].MinAge, 1);
  EXPECT_EQ(Shadows[1].Expire, 19723);
  EXPECT_EQ(Shadows[2].MinAge, -1);
  EXPECT_EQ(Shadows[2].WarnDays, -1);
  EXPECT_TRUE(parseShadow("x:y:notanumber::::::\nz:y\n").empty());
}

TEST(UserDatabase, GroupsOfAndGidResolution) {
  auto Db = AccountDatabase::fromText(PasswdText, GroupText, ShadowText);
  EXPECT_EQ(Db.groupsOf("alice"), (std::vector<std::string>{"adm", "staff"}));
  EXPECT_TRUE(Db.groupsOf("nobody").empty());
  EXPECT_EQ(Db.resolveGid("sudo"), std::optional<int64_t>(27));
  EXPECT_EQ(Db.resolveGid("1234"), std::optional<int64_t>(1234));
  EXPECT_EQ(Db.resolveGid("nosuchgroup"), std::nullopt);
  ASSERT_NE(Db.shadow("alice"), nullptr);
  EXPECT_EQ(Db.user("carol"), nullptr);
}

TEST(UserDatabase, LoadReadsFilesAndToleratesMissingShadow) {
  llvm::SmallString<128> Dir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("cppet-user", Dir));
  std::string D = Dir.str().str();
  auto Write = [&](const char *Name, const char *Text) {
    std::error_code EC;
    llvm::raw_fd_ostream OS(D + "/" + Name, EC);
    OS << Text;
  };
  Write("passwd", PasswdText);
  Write("group", GroupText);
  AccountFiles Files{D + "/passwd", D + "/group", D + "/shadow"};
  auto Db = AccountDatabase::load(Files);
  ASSERT_TRUE(bool(Db)) << llvm::toString(Db.takeError());
  EXPECT_NE(Db->user("alice"), nullptr);
  EXPECT_EQ(Db->shadow("alice"), nullptr);
  Files.Passwd = D + "/missing";
  auto Missing = AccountDatabase::load(Files);
  ASSERT_FALSE(bool(Missing));
  EXPECT_NE(llvm::toString(Missing.takeError()).find("Could not read"),
            std::string::npos);
  llvm::sys::fs::remove_directories(D);
}

TEST(UserDatabase, DaysToDate) {
  EXPECT_EQ(daysToDate(0), "1970-01-01");
  EXPECT_EQ(daysToDate(19723), "2024-01-01");
  EXPECT_EQ(daysToDate(20228), "2025-05-20");
  EXPECT_EQ(daysToDate(-1), "1969-12-31");
}

//===----------------------------------------------------------------------===//
// Command lines
//===----------------------------------------------------------------------===//

TEST(UserCommands, UseraddInPuppetsOrder) {
  auto Db = AccountDatabase::fromText(PasswdText, GroupText, ShadowText);
  auto R = makeResource("User", "carol",
                        {{"uid", 1600},
                         {"gid", "users"},
                         {"home", "/home/carol"},
                         {"shell", "/bin/sh"},
                         {"comment", "Carol C"},
                         {"expiry", "2030-01-31"},
                         {"password", "$6$secret"},
                         {"managehome", true},
                         {"system", true},
                         {"allowdupe", true}});
  ResourceView V(R, "name");
  EXPECT_EQ(words(useraddArgv(V, Db, "adm,sudo")),
            "useradd -c Carol C -e 2030-01-31 -g users -G adm,sudo -d "
            "/home/carol -s /bin/sh -u 1600 -o -m -r carol");
  // One argument per value: the comment with a space is one word.
  EXPECT_EQ(useraddArgv(V, Db, "")[2], "Carol C");
  for (const std::string &A : useraddArgv(V, Db, ""))
    EXPECT_EQ(A.find("secret"), std::string::npos);
}

TEST(UserCommands, UseraddMinimalAndExistingGroup) {
  auto Db = AccountDatabase::fromText(PasswdText, GroupText, ShadowText);
  auto R = makeResource("User", "carol", Json::object());
  ResourceView V(R, "name");
  EXPECT_EQ(words(useraddArgv(V, Db, "")), "useradd -M carol");
  // A group named like the user exists: useradd must be told to use it.
  auto A = makeResource("User", "alice", {{"expiry", "absent"}});
  ResourceView AV(A, "name");
  EXPECT_EQ(words(useraddArgv(AV, Db, "")), "useradd -g alice -M alice");
  auto WithName = makeResource("User", "x", {{"name", "alice"}, {"gid", 5}});
  ResourceView NV(WithName, "name");
  EXPECT_EQ(words(useraddArgv(NV, Db, "")), "useradd -g 5 -M alice");
}

TEST(UserCommands, ModifyDeletePasswordAges) {
  auto R = makeResource("User", "alice",
                        {{"allowdupe", "true"},
                         {"managehome", true},
                         {"password_max_age", 90},
                         {"password_warn_days", "7"}});
  ResourceView V(R, "name");
  EXPECT_EQ(words(usermodArgv(V, "-u", "1600")), "usermod -u 1600 -o alice");
  EXPECT_EQ(words(usermodArgv(V, "-s", "/bin/sh")), "usermod -s /bin/sh alice");
  EXPECT_EQ(words(userdelArgv(V)), "userdel -r alice");
  EXPECT_EQ(words(chageArgv(V)), "chage -M 90 -W 7 alice");
  EXPECT_EQ(words(chpasswdArgv()), "chpasswd -e");
  EXPECT_EQ(chpasswdInput("alice", "$6$x"), "alice:$6$x\n");
  auto Plain = makeResource("User", "bob", Json::object());
  ResourceView PV(Plain, "name");
  EXPECT_EQ(words(userdelArgv(PV)), "userdel bob");
  EXPECT_TRUE(chageArgv(PV).empty());
}

//===----------------------------------------------------------------------===//
// validate()
//===----------------------------------------------------------------------===//

std::string validateUser(Json Params, const std::string &Title = "alice") {
  auto R = makeResource("User", Title, std::move(Params));
  ResourceView V(R, "name");
  llvm::Error E = lookupType("user")->validate(V);
  return E ? llvm::toString(std::move(E)) : "";
}

TEST(UserValidate, AcceptsPuppetsValues) {
  EXPECT_EQ(validateUser({{"ensure", "present"},
                          {"uid", "1500"},
                          {"gid", "staff"},
                          {"groups", Json::array({"adm", "sudo"})},
                          {"membership", "inclusive"},
                          {"expiry", "2030-01-01"},
                          {"password", "$6$abc$def"},
                          {"password_min_age", "0"},
                          {"managehome", "yes"},
                          {"purge_ssh_keys", false},
                          {"provider", "useradd"}}),
            "");
  EXPECT_EQ(validateUser({{"groups", Json::array()}}), "");
  EXPECT_EQ(validateUser({{"expiry", "absent"}, {"gid", 0}}), "");
}

TEST(UserValidate, RejectsBadValues) {
  EXPECT_EQ(validateUser({{"uid", "abc"}}),
            "Parameter uid failed on User[alice]: Invalid UID abc");
  EXPECT_EQ(validateUser({{"ensure", "role"}}),
            "Parameter ensure failed on User[alice]: Invalid value \"role\". "
            "Valid values are present, absent.");
  EXPECT_EQ(validateUser({{"groups", "adm,sudo"}}),
            "Parameter groups failed on User[alice]: Group names must be "
            "provided as an array, not a comma-separated list.");
  EXPECT_EQ(validateUser({{"groups", Json::array({"adm", "27"})}}),
            "Parameter groups failed on User[alice]: Group names must be "
            "provided, not GID numbers.");
  EXPECT_EQ(validateUser({{"expiry", "2020-1-1"}}),
            "Parameter expiry failed on User[alice]: Expiry dates must be "
            "YYYY-MM-DD or the string \"absent\"");
  EXPECT_EQ(validateUser({{"password", "a:b"}}),
            "Parameter password failed on User[alice]: Passwords cannot "
            "include ':'");
  EXPECT_EQ(validateUser({{"membership", "all"}}),
            "Parameter membership failed on User[alice]: Invalid value "
            "\"all\". Valid values are inclusive, minimum.");
  EXPECT_EQ(validateUser({{"managehome", "maybe"}}),
            "Parameter managehome failed on User[alice]: Invalid value "
            "\"maybe\". Valid values are true, false, yes, no.");
  EXPECT_EQ(validateUser({{"password_max_age", "ninety"}}),
            "Parameter password_max_age failed on User[alice]: Password "
            "maximum age must be provided as a number.");
  EXPECT_EQ(validateUser({{"provider", "pw"}}),
            "Parameter provider failed on User[alice]: Invalid user provider "
            "'pw'");
  EXPECT_EQ(validateUser({{"purge_ssh_keys", Json::array({"keys"})}}),
            "Parameter purge_ssh_keys failed on User[alice]: Paths to "
            "keyfiles must be absolute, not keys");
  EXPECT_NE(validateUser({}, "a:b"), "");
}

TEST(UserType, ParametersAndAutorequire) {
  ResourceType *T = lookupType("user");
  ASSERT_NE(T, nullptr);
  auto Params = T->parameters();
  for (const char *P : {"name", "ensure", "uid", "gid", "groups", "membership",
                        "home", "managehome", "shell", "comment", "password",
                        "system", "expiry", "purge_ssh_keys"})
    EXPECT_NE(std::find(Params.begin(), Params.end(), P), Params.end()) << P;
  auto R = makeResource("User", "alice",
                        {{"gid", "staff"}, {"groups", {"adm", "sudo"}}});
  ResourceView V(R, "name");
  EXPECT_EQ(
      T->autorequire(V),
      (std::vector<std::string>{"Group[staff]", "Group[adm]", "Group[sudo]"}));
  auto Numeric = makeResource("User", "bob", {{"gid", 100}});
  ResourceView NV(Numeric, "name");
  EXPECT_TRUE(T->autorequire(NV).empty());
  EXPECT_EQ(T->provider(V), "useradd");
}

//===----------------------------------------------------------------------===//
// sync() against fixture files
//===----------------------------------------------------------------------===//

class UserSync : public ::testing::Test {
protected:
  void SetUp() override {
    llvm::SmallString<128> Dir;
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("cppet-user", Dir));
    D = Dir.str().str();
    write("passwd", PasswdText);
    write("group", GroupText);
    write("shadow", ShadowText);
    Type =
        makeUserType(AccountFiles{D + "/passwd", D + "/group", D + "/shadow"});
  }
  void TearDown() override { llvm::sys::fs::remove_directories(D); }
  void write(const std::string &Name, const std::string &Text) {
    std::error_code EC;
    llvm::raw_fd_ostream OS(D + "/" + Name, EC);
    OS << Text;
  }
  ResourceStatus sync(const std::string &Title, Json Params,
                      bool Noop = false) {
    auto R = makeResource("User", Title, std::move(Params));
    ResourceView V(R, "name");
    ResourceStatus S;
    ResourceRun Run(V, Ctx, S, Noop);
    Type->sync(Run);
    return S;
  }

  std::string D;
  std::unique_ptr<ResourceType> Type;
  RecordingContext Ctx;
};

TEST_F(UserSync, CreateInNoopRunsNothing) {
  ResourceStatus S = sync("carol", {{"ensure", "present"}, {"uid", 1600}},
                          /*Noop=*/true);
  ASSERT_EQ(S.Events.size(), 1u);
  EXPECT_EQ(S.Events[0].Status, "noop");
  EXPECT_EQ(S.Events[0].Message,
            "current_value 'absent', should be 'present' (noop)");
  EXPECT_TRUE(Ctx.Commands.empty());
  EXPECT_FALSE(S.Changed);
}

TEST_F(UserSync, CreateRunsUseraddThenChpasswd) {
  ResourceStatus S = sync("carol", {{"ensure", "present"},
                                    {"uid", 1600},
                                    {"groups", {"sudo", "adm"}},
                                    {"password", "$6$topsecret"},
                                    {"password_max_age", 90}});
  ASSERT_EQ(S.Events.size(), 1u);
  EXPECT_EQ(S.Events[0].Name, "user_created");
  EXPECT_EQ(S.Events[0].Message, "created");
  EXPECT_TRUE(S.Changed);
  ASSERT_EQ(Ctx.Commands.size(), 3u);
  EXPECT_EQ(words(Ctx.Commands[0]), "useradd -G adm,sudo -u 1600 -M carol");
  EXPECT_EQ(words(Ctx.Commands[1]), "chage -M 90 carol");
  EXPECT_EQ(words(Ctx.Commands[2]), "chpasswd -e");
  EXPECT_EQ(Ctx.Stdins[2], "carol:$6$topsecret\n");
  EXPECT_EQ(Ctx.allLogs().find("topsecret"), std::string::npos);
}

TEST_F(UserSync, ChangesOnlyWhatDiffersInPuppetsOrder) {
  ResourceStatus S = sync("alice", {{"uid", 1502},
                                    {"shell", "/bin/sh"},
                                    {"home", "/home/alice"},
                                    {"comment", "Alice A"},
                                    {"gid", "sudo"}});
  ASSERT_EQ(S.Events.size(), 4u);
  EXPECT_EQ(S.Events[0].Message, "uid changed 1501 to 1502");
  EXPECT_EQ(S.Events[0].Name, "uid_changed");
  EXPECT_EQ(S.Events[1].Message, "gid changed 1501 to 'sudo'");
  EXPECT_EQ(S.Events[2].Message, "comment changed 'Alice,,,' to 'Alice A'");
  EXPECT_EQ(S.Events[3].Message, "shell changed '/bin/bash' to '/bin/sh'");
  ASSERT_EQ(Ctx.Commands.size(), 4u);
  EXPECT_EQ(words(Ctx.Commands[0]), "usermod -u 1502 alice");
  EXPECT_EQ(words(Ctx.Commands[1]), "usermod -g 27 alice");
  EXPECT_EQ(words(Ctx.Commands[2]), "usermod -c Alice A alice");
  EXPECT_EQ(words(Ctx.Commands[3]), "usermod -s /bin/sh alice");
}

TEST_F(UserSync, InSyncUserChangesNothing) {
  ResourceStatus S = sync("alice", {{"ensure", "present"},
                                    {"uid", "1501"},
                                    {"gid", "alice"},
                                    {"comment", "Alice,,,"},
                                    {"groups", {"adm"}},
                                    {"password", "$6$salt$hash"},
                                    {"password_min_age", 1},
                                    {"expiry", "2024-01-01"}});
  EXPECT_TRUE(S.Events.empty());
  EXPECT_TRUE(Ctx.Commands.empty());
  EXPECT_FALSE(S.OutOfSync);
}

TEST_F(UserSync, PasswordIsRedacted) {
  ResourceStatus S = sync("alice", {{"password", "$6$new$secrethash"}});
  ASSERT_EQ(S.Events.size(), 1u);
  EXPECT_EQ(S.Events[0].Message, "changed [redacted] to [redacted]");
  EXPECT_EQ(S.Events[0].PreviousValue, "[redacted]");
  EXPECT_EQ(S.Events[0].DesiredValue, "[redacted]");
  ASSERT_EQ(Ctx.Commands.size(), 1u);
  EXPECT_EQ(words(Ctx.Commands[0]), "chpasswd -e");
  EXPECT_EQ(Ctx.Stdins[0], "alice:$6$new$secrethash\n");
  EXPECT_EQ(Ctx.allLogs().find("secrethash"), std::string::npos);
  EXPECT_EQ(Ctx.allLogs().find("$6$salt$hash"), std::string::npos);
  Ctx.Logs.clear();
  ResourceStatus N = sync("alice", {{"password", "$6$new$secrethash"}},
                          /*Noop=*/true);
  ASSERT_EQ(N.Events.size(), 1u);
  EXPECT_EQ(Ctx.allLogs().find("secrethash"), std::string::npos);
}

TEST_F(UserSync, GroupsMinimumKeepsCurrentInclusiveReplaces) {
  ResourceStatus S = sync("alice", {{"groups", {"sudo"}}});
  ASSERT_EQ(S.Events.size(), 1u);
  EXPECT_EQ(S.Events[0].Message,
            "groups changed adm,staff to ['adm', 'staff', 'sudo']");
  EXPECT_EQ(words(Ctx.Commands.back()), "usermod -G adm,staff,sudo alice");
  ResourceStatus I =
      sync("alice", {{"groups", {"sudo"}}, {"membership", "inclusive"}});
  ASSERT_EQ(I.Events.size(), 1u);
  EXPECT_EQ(words(Ctx.Commands.back()), "usermod -G sudo alice");
  ResourceStatus None =
      sync("alice", {{"groups", Json::array()}, {"membership", "inclusive"}});
  ASSERT_EQ(None.Events.size(), 1u);
  EXPECT_EQ(Ctx.Commands.back(),
            (std::vector<std::string>{"usermod", "-G", "", "alice"}));
  EXPECT_TRUE(sync("alice", {{"groups", {"staff"}}}).Events.empty());
}

TEST_F(UserSync, RemoveAndAbsentUsers) {
  ResourceStatus S =
      sync("bob", {{"ensure", "absent"}, {"managehome", true}, {"uid", 7}});
  ASSERT_EQ(S.Events.size(), 1u);
  EXPECT_EQ(S.Events[0].Name, "user_removed");
  EXPECT_EQ(S.Events[0].Message, "removed");
  EXPECT_EQ(words(Ctx.Commands.back()), "userdel -r bob");
  EXPECT_TRUE(sync("nobody", {{"ensure", "absent"}}).Events.empty());
  // Nothing managed: nothing to do, even for a missing user.
  EXPECT_TRUE(sync("nobody", Json::object()).Events.empty());
  EXPECT_EQ(Ctx.Commands.size(), 1u);
}

TEST_F(UserSync, ShadowFieldsExpiryAndAges) {
  ResourceStatus S = sync("alice", {{"expiry", "absent"},
                                    {"password_min_age", 2},
                                    {"password_warn_days", 7}});
  ASSERT_EQ(S.Events.size(), 2u);
  EXPECT_EQ(S.Events[0].Message, "password_min_age changed 1 to 2");
  EXPECT_EQ(S.Events[1].Message, "undefined 'expiry' from '2024-01-01'");
  EXPECT_EQ(words(Ctx.Commands[0]), "chage -m 2 alice");
  EXPECT_EQ(Ctx.Commands[1],
            (std::vector<std::string>{"usermod", "-e", "", "alice"}));
}

TEST_F(UserSync, FailingToolFailsTheResource) {
  Ctx.Handler = [](const ProcessSpec &) {
    ProcessResult R;
    R.ExitCode = 4;
    R.Output = "usermod: UID '0' already exists\n";
    return R;
  };
  ResourceStatus S = sync("alice", {{"uid", 0}});
  ASSERT_EQ(S.Events.size(), 1u);
  EXPECT_EQ(S.Events[0].Status, "failure");
  EXPECT_TRUE(S.Failed);
  EXPECT_NE(S.Events[0].Message.find("Could not set uid on user[alice]: "
                                     "Execution of '"),
            std::string::npos);
  EXPECT_NE(S.Events[0].Message.find(
                "usermod -u 0 alice' returned 4: usermod: UID '0' already "
                "exists"),
            std::string::npos);
}

TEST_F(UserSync, UnknownGroupNameFails) {
  ResourceStatus S = sync("alice", {{"gid", "nosuchgroup"}});
  ASSERT_EQ(S.Events.size(), 1u);
  EXPECT_EQ(S.Events[0].Status, "failure");
  EXPECT_NE(S.Events[0].Message.find("Could not find group(s) nosuchgroup"),
            std::string::npos);
  EXPECT_TRUE(Ctx.Commands.empty());
}

TEST_F(UserSync, MissingShellFailsBeforeUsermod) {
  ResourceStatus S = sync("alice", {{"shell", "/nonexistent/shell"}});
  ASSERT_EQ(S.Events.size(), 1u);
  EXPECT_EQ(S.Events[0].Status, "failure");
  EXPECT_NE(S.Events[0].Message.find("Shell /nonexistent/shell must exist"),
            std::string::npos);
  EXPECT_TRUE(Ctx.Commands.empty());
}

TEST_F(UserSync, PurgeSshKeysIsIgnoredWithPuppetsWarning) {
  ResourceStatus S = sync("alice", {{"purge_ssh_keys", true}});
  EXPECT_TRUE(S.Events.empty());
  ASSERT_EQ(Ctx.Logs.size(), 1u);
  EXPECT_EQ(Ctx.Logs[0].rfind("warning ", 0), 0u);
  EXPECT_NE(Ctx.Logs[0].find(": Ssh_authorized_key type is not available. "
                             "Cannot purge SSH keys."),
            std::string::npos);
}

TEST_F(UserSync, RetrieveAndInstances) {
  auto R = makeResource("User", "alice", Json::object());
  ResourceView V(R, "name");
  auto State = Type->retrieve(V, Ctx);
  ASSERT_TRUE(bool(State)) << llvm::toString(State.takeError());
  EXPECT_EQ((*State)["ensure"], "present");
  EXPECT_EQ((*State)["uid"], 1501);
  EXPECT_EQ((*State)["gid"], 1501);
  EXPECT_EQ((*State)["comment"], "Alice,,,");
  EXPECT_EQ((*State)["groups"], Json::array({"adm", "staff"}));
  EXPECT_EQ((*State)["expiry"], "2024-01-01");
  EXPECT_EQ((*State)["password_max_age"], 90);
  auto Gone = makeResource("User", "carol", Json::object());
  ResourceView GV(Gone, "name");
  auto Absent = Type->retrieve(GV, Ctx);
  ASSERT_TRUE(bool(Absent));
  EXPECT_EQ((*Absent)["ensure"], "absent");
  auto All = Type->instances(Ctx);
  ASSERT_TRUE(bool(All));
  EXPECT_EQ(*All, (std::vector<std::string>{"root", "daemon", "alice", "bob"}));
}

} // namespace
