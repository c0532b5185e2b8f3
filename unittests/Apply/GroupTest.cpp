//===- GroupTest.cpp - groupadd command lines and the group type ----------===//
//
// The argument vectors of groupadd/groupmod/groupdel/gpasswd, validate(),
// and sync() against a fixture /etc/group with a Context that records the
// programs it would run: nothing here changes the system.
//
//===----------------------------------------------------------------------===//
#include "../../lib/Apply/UserAccounts.h"
#include "cppet/Apply/ResourceType.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace cppet;
using namespace cppet::apply;

namespace {

/// Records logs and the programs run (argv[0] reduced to its base name);
/// every program succeeds.
class GroupContext final : public Context {
public:
  std::vector<std::string> Commands;
  std::vector<std::string> Logs;

  bool debug() const override { return true; }
  void log(LogLevel Level, const std::string &Source,
           const std::string &Message) override {
    Logs.push_back(logLevelName(Level).str() + " " + Source + ": " + Message);
  }
  llvm::Expected<ProcessResult> run(const ProcessSpec &Spec) override {
    std::vector<std::string> Argv = Spec.Argv;
    Argv[0] = llvm::sys::path::filename(Argv[0]).str();
    Commands.push_back(llvm::join(Argv, " "));
    ProcessResult R;
    R.ExitCode = 0;
    return R;
  }
  Filebucket *bucket() override { return nullptr; }
  FileFetcher *fetcher() override { return nullptr; }
  bool manages(llvm::StringRef, llvm::StringRef) const override {
    return false;
  }
};

catalog::Resource makeGroup(const std::string &Title, Json Params) {
  catalog::Resource R;
  R.Type = "Group";
  R.Title = Title;
  R.Parameters = std::move(Params);
  return R;
}

TEST(GroupCommands, AddModifyDelete) {
  auto R = makeGroup("web", {{"gid", 1600}, {"system", true}});
  ResourceView V(R, "name");
  EXPECT_EQ(llvm::join(groupaddArgv(V), " "), "groupadd -g 1600 -r web");
  auto Dupe = makeGroup("web", {{"gid", "1600"}, {"allowdupe", "true"}});
  ResourceView DV(Dupe, "name");
  EXPECT_EQ(llvm::join(groupaddArgv(DV), " "), "groupadd -g 1600 -o web");
  EXPECT_EQ(llvm::join(groupmodGidArgv(DV, "1601"), " "),
            "groupmod -g 1601 -o web");
  auto Plain = makeGroup("web", Json::object());
  ResourceView PV(Plain, "name");
  EXPECT_EQ(llvm::join(groupaddArgv(PV), " "), "groupadd web");
  EXPECT_EQ(llvm::join(groupmodGidArgv(PV, "7"), " "), "groupmod -g 7 web");
  EXPECT_EQ(llvm::join(groupdelArgv(PV), " "), "groupdel web");
  EXPECT_EQ(gpasswdMembersArgv(PV, {"alice", "bob"}),
            (std::vector<std::string>{"gpasswd", "-M", "alice,bob", "web"}));
  EXPECT_EQ(gpasswdMembersArgv(PV, {}),
            (std::vector<std::string>{"gpasswd", "-M", "", "web"}));
}

std::string validateGroup(Json Params) {
  auto R = makeGroup("web", std::move(Params));
  ResourceView V(R, "name");
  llvm::Error E = lookupType("group")->validate(V);
  return E ? llvm::toString(std::move(E)) : "";
}

TEST(GroupValidate, Values) {
  EXPECT_EQ(validateGroup({{"ensure", "absent"},
                           {"gid", "1600"},
                           {"members", {"alice", "bob"}},
                           {"auth_membership", true},
                           {"system", "false"},
                           {"provider", "groupadd"}}),
            "");
  EXPECT_EQ(validateGroup({{"gid", "abc"}}),
            "Parameter gid failed on Group[web]: Invalid GID abc");
  EXPECT_EQ(validateGroup({{"ensure", "purged"}}),
            "Parameter ensure failed on Group[web]: Invalid value "
            "\"purged\". Valid values are present, absent.");
  EXPECT_EQ(validateGroup({{"members", {"a b"}}}),
            "Parameter members failed on Group[web]: Invalid member name 'a "
            "b'");
  EXPECT_EQ(validateGroup({{"auth_membership", "sometimes"}}),
            "Parameter auth_membership failed on Group[web]: Invalid value "
            "\"sometimes\". Valid values are true, false, yes, no.");
}

class GroupSync : public ::testing::Test {
protected:
  void SetUp() override {
    llvm::SmallString<128> Dir;
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("cppet-group", Dir));
    D = Dir.str().str();
    write("passwd", "root:x:0:0:root:/root:/bin/bash\n"
                    "alice:x:1501:1501::/home/alice:/bin/bash\n");
    write("group", "root:x:0:\nweb:x:1600:bob,alice\nempty:x:1700:\n");
    Type =
        makeGroupType(AccountFiles{D + "/passwd", D + "/group", D + "/shadow"});
  }
  void TearDown() override { llvm::sys::fs::remove_directories(D); }
  void write(const std::string &Name, const std::string &Text) {
    std::error_code EC;
    llvm::raw_fd_ostream OS(D + "/" + Name, EC);
    OS << Text;
  }
  ResourceStatus sync(const std::string &Title, Json Params,
                      bool Noop = false) {
    auto R = makeGroup(Title, std::move(Params));
    ResourceView V(R, "name");
    ResourceStatus S;
    ResourceRun Run(V, Ctx, S, Noop);
    Type->sync(Run);
    return S;
  }

  std::string D;
  std::unique_ptr<ResourceType> Type;
  GroupContext Ctx;
};

TEST_F(GroupSync, CreateWithMembers) {
  ResourceStatus S = sync("db", {{"gid", 1800}, {"members", {"carol", "al"}}});
  ASSERT_EQ(S.Events.size(), 1u);
  EXPECT_EQ(S.Events[0].Name, "group_created");
  EXPECT_EQ(S.Events[0].Message, "created");
  EXPECT_EQ(Ctx.Commands, (std::vector<std::string>{"groupadd -g 1800 db",
                                                    "gpasswd -M al,carol db"}));
}

TEST_F(GroupSync, EnsureDefaultsToPresent) {
  ResourceStatus S = sync("sys", {{"system", true}});
  ASSERT_EQ(S.Events.size(), 1u);
  EXPECT_EQ(S.Events[0].Name, "group_created");
  EXPECT_EQ(Ctx.Commands, std::vector<std::string>{"groupadd -r sys"});
  EXPECT_TRUE(sync("web", Json::object()).Events.empty());
}

TEST_F(GroupSync, NoopCreateRunsNothing) {
  ResourceStatus S = sync("db", {{"ensure", "present"}}, /*Noop=*/true);
  ASSERT_EQ(S.Events.size(), 1u);
  EXPECT_EQ(S.Events[0].Message,
            "current_value 'absent', should be 'present' (noop)");
  EXPECT_TRUE(Ctx.Commands.empty());
}

TEST_F(GroupSync, GidAndMembers) {
  ResourceStatus S = sync("web", {{"gid", 1601}, {"members", {"carol"}}});
  ASSERT_EQ(S.Events.size(), 2u);
  EXPECT_EQ(S.Events[0].Message, "gid changed 1600 to 1601");
  EXPECT_EQ(S.Events[1].Message,
            "members changed bob,alice to alice,bob,carol");
  EXPECT_EQ(Ctx.Commands,
            (std::vector<std::string>{"groupmod -g 1601 web",
                                      "gpasswd -M alice,bob,carol web"}));
}

TEST_F(GroupSync, AuthMembershipMakesTheListExact) {
  ResourceStatus S =
      sync("web", {{"members", {"alice"}}, {"auth_membership", true}});
  ASSERT_EQ(S.Events.size(), 1u);
  EXPECT_EQ(S.Events[0].Message, "members changed bob,alice to alice");
  EXPECT_EQ(Ctx.Commands.back(), "gpasswd -M alice web");
  // The listed members are there already: minimum membership is in sync,
  // in any order.
  EXPECT_TRUE(sync("web", {{"members", {"alice", "bob"}}}).Events.empty());
  EXPECT_TRUE(sync("web", {{"members", "alice,bob"},
                           {"auth_membership", true},
                           {"gid", "1600"}})
                  .Events.empty());
  EXPECT_EQ(Ctx.Commands.size(), 1u);
}

TEST_F(GroupSync, Remove) {
  ResourceStatus S = sync("empty", {{"ensure", "absent"}});
  ASSERT_EQ(S.Events.size(), 1u);
  EXPECT_EQ(S.Events[0].Name, "group_removed");
  EXPECT_EQ(S.Events[0].Message, "removed");
  EXPECT_EQ(Ctx.Commands.back(), "groupdel empty");
  EXPECT_TRUE(sync("nosuch", {{"ensure", "absent"}}).Events.empty());
}

TEST_F(GroupSync, RetrieveAndInstances) {
  auto R = makeGroup("web", Json::object());
  ResourceView V(R, "name");
  auto State = Type->retrieve(V, Ctx);
  ASSERT_TRUE(bool(State));
  EXPECT_EQ((*State)["ensure"], "present");
  EXPECT_EQ((*State)["gid"], 1600);
  EXPECT_EQ((*State)["members"], Json::array({"bob", "alice"}));
  EXPECT_EQ((*State)["provider"], "groupadd");
  auto All = Type->instances(Ctx);
  ASSERT_TRUE(bool(All));
  EXPECT_EQ(*All, (std::vector<std::string>{"root", "web", "empty"}));
}

} // namespace
