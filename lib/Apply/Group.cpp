//===- Group.cpp - the group type (groupadd provider) ---------------------===//
//
// Groups are read from /etc/group at sync time and changed with groupadd,
// groupmod and groupdel, as Puppet's groupadd provider does.
//
// members: Puppet's groupadd provider manages members only through libuser
// (lgroupmod); on a Debian agent without libuser, Puppet 7 ignores the
// property (debug: "Provider groupadd does not support features
// manages_members; not managing attribute members"). cppet manages it with
// `gpasswd -M a,b NAME` (Debian's passwd package), with Puppet's semantics:
// auth_membership => false (the default) adds the listed users and keeps
// the others, true makes the list exact.
//
//===----------------------------------------------------------------------===//
#include "Types.h"
#include "UserAccounts.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <algorithm>

using namespace llvm;

namespace cppet::apply {
namespace {

Error wrapError(Error E, const Twine &Prefix) {
  if (!E)
    return E;
  return createStringError(inconvertibleErrorCode(),
                           Prefix + ": " + toString(std::move(E)));
}

std::optional<int64_t> gidParam(const ResourceView &R) {
  const Json *V = R.param("gid");
  if (!V)
    return std::nullopt;
  if (V->is_array() && V->size() == 1)
    V = &(*V)[0];
  if (V->is_number_integer())
    return V->get<int64_t>();
  int64_t N;
  if (V->is_string() && !StringRef(V->get<std::string>()).getAsInteger(10, N))
    return N;
  return std::nullopt;
}

/// The members parameter as names: strings may hold "a,b" (Puppet splits
/// them).
std::vector<std::string> memberParam(const ResourceView &R) {
  std::vector<std::string> Out;
  for (const std::string &M : R.list("members")) {
    SmallVector<StringRef, 4> Parts;
    StringRef(M).split(Parts, ',', -1, false);
    for (StringRef P : Parts)
      if (!P.trim().empty())
        Out.push_back(P.trim().str());
  }
  return Out;
}

std::vector<std::string> sortedUnique(std::vector<std::string> V) {
  llvm::sort(V);
  V.erase(std::unique(V.begin(), V.end()), V.end());
  return V;
}

class GroupType final : public ResourceType {
public:
  explicit GroupType(AccountFiles Files) : Files(std::move(Files)) {}

  StringRef name() const override { return "group"; }
  std::vector<StringRef> parameters() const override {
    return {"name",   "ensure",    "gid",        "members", "auth_membership",
            "system", "allowdupe", "forcelocal", "provider"};
  }
  std::string provider(const ResourceView &R) const override {
    (void)R;
    return "groupadd";
  }
  Error validate(const ResourceView &R) const override;
  void sync(ResourceRun &Run) override;
  Expected<Json> retrieve(const ResourceView &R, Context &Ctx) override;
  Expected<std::vector<std::string>> instances(Context &Ctx) override;

private:
  /// The member list the group should have, sorted.
  static std::vector<std::string>
  desiredMembers(const ResourceView &R,
                 const std::vector<std::string> &Current) {
    std::vector<std::string> Want = memberParam(R);
    if (!R.boolean("auth_membership").value_or(false))
      Want.insert(Want.end(), Current.begin(), Current.end());
    return sortedUnique(std::move(Want));
  }

  AccountFiles Files;
};

Error GroupType::validate(const ResourceView &R) const {
  std::string Name = R.name();
  if (Name.empty() || StringRef(Name).find_first_of(":\n") != StringRef::npos)
    return parameterError(R, "name", "Invalid group name '" + Name + "'");
  if (Error E = checkValue(R, "ensure", {"present", "absent"}))
    return E;
  if (R.has("provider") && R.str("provider") != "groupadd")
    return parameterError(R, "provider",
                          "Invalid group provider '" + R.str("provider") + "'");
  if (R.has("gid") && !gidParam(R))
    return parameterError(R, "gid", "Invalid GID " + R.str("gid"));
  for (const std::string &M : memberParam(R))
    if (StringRef(M).find_first_of(": \t\n") != StringRef::npos)
      return parameterError(R, "members", "Invalid member name '" + M + "'");
  for (const char *B : {"auth_membership", "system", "allowdupe", "forcelocal"})
    if (R.has(B) && !R.boolean(B))
      return parameterError(R, B,
                            "Invalid value \"" + R.str(B) +
                                "\". Valid values are true, false, yes, no.");
  return Error::success();
}

void GroupType::sync(ResourceRun &Run) {
  const ResourceView &R = Run.resource();
  Context &Ctx = Run.context();
  Expected<AccountDatabase> Db = AccountDatabase::load(Files);
  if (!Db) {
    Run.fail("Could not evaluate: " + toString(Db.takeError()));
    return;
  }
  std::string Name = R.name();
  const GroupEntry *Cur = Db->group(Name);
  // Unlike most types, group's ensure defaults to present even when no
  // property is given (type/group.rb: `defaultto :present`).
  auto SetMembers = [&](const std::vector<std::string> &Members) {
    return wrapError(runTool(Ctx, gpasswdMembersArgv(R, Members)),
                     "Could not set members on group[" + Name + "]");
  };
  if (R.str("ensure", "present") == "absent") {
    if (Cur)
      Run.change(
          "ensure", "present", "absent",
          [&]() -> Error {
            return wrapError(runTool(Ctx, groupdelArgv(R)),
                             "Could not delete group " + Name);
          },
          "removed", "group_removed");
    return;
  }
  if (!Cur) {
    Run.change(
        "ensure", "absent", "present",
        [&]() -> Error {
          if (Error E = runTool(Ctx, groupaddArgv(R)))
            return wrapError(std::move(E), "Could not create group " + Name);
          if (R.has("members"))
            return SetMembers(desiredMembers(R, {}));
          return Error::success();
        },
        "created", "group_created");
    return;
  }
  if (std::optional<int64_t> Gid = gidParam(R); Gid && *Gid != Cur->Gid)
    Run.change("gid", Cur->Gid, *Gid, [&]() -> Error {
      return wrapError(runTool(Ctx, groupmodGidArgv(R, std::to_string(*Gid))),
                       "Could not set gid on group[" + Name + "]");
    });
  if (R.has("members")) {
    std::vector<std::string> Want = desiredMembers(R, Cur->Members);
    if (sortedUnique(Cur->Members) != Want) {
      std::string Is = join(Cur->Members, ",");
      std::string Should = join(Want, ",");
      Run.change(
          "members", Is, Should, [&]() -> Error { return SetMembers(Want); },
          "members changed " + Is + " to " + Should);
    }
  }
}

Expected<Json> GroupType::retrieve(const ResourceView &R, Context &Ctx) {
  (void)Ctx;
  Expected<AccountDatabase> Db = AccountDatabase::load(Files);
  if (!Db)
    return Db.takeError();
  Json Out = Json::object();
  const GroupEntry *G = Db->group(R.name());
  if (!G) {
    Out["ensure"] = "absent";
    Out["provider"] = "groupadd";
    return Out;
  }
  Out["ensure"] = "present";
  Out["provider"] = "groupadd";
  Out["gid"] = G->Gid;
  if (!G->Members.empty())
    Out["members"] = G->Members;
  return Out;
}

Expected<std::vector<std::string>> GroupType::instances(Context &Ctx) {
  (void)Ctx;
  Expected<AccountDatabase> Db = AccountDatabase::load(Files);
  if (!Db)
    return Db.takeError();
  std::vector<std::string> Out;
  for (const GroupEntry &G : Db->groups())
    Out.push_back(G.Name);
  return Out;
}

} // namespace

std::unique_ptr<ResourceType> makeGroupType(const AccountFiles &Files) {
  return std::make_unique<GroupType>(Files);
}

std::unique_ptr<ResourceType> makeGroupType() {
  return makeGroupType(AccountFiles{});
}
} // namespace cppet::apply
