//===- User.cpp - the user type (useradd provider)
//-------------------------===//
//
// Users are read from /etc/passwd, /etc/group and /etc/shadow at sync time
// (an earlier resource of the run may have created a group) and changed
// with the shadow tools, as Puppet's useradd provider does: useradd,
// usermod, userdel, chage for the password ages and `chpasswd -e` for the
// password hash, which is fed through stdin so that it never appears on a
// command line (where /proc and the debug log would show it). The hash is
// never logged: events and messages say [redacted].
//
// Not supported: ensure => role, forcelocal => true (libuser), the Solaris,
// AIX and macOS properties; purge_ssh_keys is accepted and ignored with
// Puppet's own warning for agents without the ssh_authorized_key type.
//
//===----------------------------------------------------------------------===//
#include "Types.h"
#include "UserAccounts.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Regex.h"

#include <algorithm>
#include <sys/stat.h>
#include <unistd.h>

using namespace llvm;

namespace cppet::apply {
namespace {

Error failure(const Twine &Msg) {
  return createStringError(inconvertibleErrorCode(), Msg);
}

/// An integer given as a number or as decimal text ("-1" included).
std::optional<int64_t> intParam(const ResourceView &R, StringRef Name) {
  const Json *V = R.param(Name);
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

Error checkBoolean(const ResourceView &R, StringRef Name) {
  if (R.has(Name) && !R.boolean(Name))
    return parameterError(R, Name,
                          "Invalid value \"" + R.str(Name) +
                              "\". Valid values are true, false, yes, no.");
  return Error::success();
}

/// Puppet's shell check: the shell must exist and be executable.
Error checkShell(StringRef Shell) {
  struct stat St;
  std::string S = Shell.str();
  if (::stat(S.c_str(), &St) != 0)
    return failure("Shell " + Shell + " must exist");
  if (!S_ISREG(St.st_mode) || ::access(S.c_str(), X_OK) != 0)
    return failure("Shell " + Shell + " must be executable");
  return Error::success();
}

Error wrapError(Error E, const Twine &Prefix) {
  if (!E)
    return E;
  return failure(Prefix + ": " + toString(std::move(E)));
}

/// The properties of the type, in Puppet's order (the order of their
/// definitions in type/user.rb, which is the order they are synced in).
constexpr const char *UserProperties[] = {"home",
                                          "uid",
                                          "gid",
                                          "comment",
                                          "shell",
                                          "password",
                                          "password_min_age",
                                          "password_max_age",
                                          "password_warn_days",
                                          "groups",
                                          "expiry"};

std::string sortedJoin(std::vector<std::string> V) {
  llvm::sort(V);
  V.erase(std::unique(V.begin(), V.end()), V.end());
  return join(V, ",");
}

class UserType final : public ResourceType {
public:
  explicit UserType(AccountFiles Files) : Files(std::move(Files)) {}

  StringRef name() const override { return "user"; }
  std::vector<StringRef> parameters() const override {
    return {"name",
            "ensure",
            "uid",
            "gid",
            "groups",
            "membership",
            "home",
            "managehome",
            "shell",
            "comment",
            "password",
            "password_min_age",
            "password_max_age",
            "password_warn_days",
            "system",
            "expiry",
            "allowdupe",
            "purge_ssh_keys",
            "forcelocal",
            "provider"};
  }
  std::string provider(const ResourceView &R) const override {
    (void)R;
    return "useradd";
  }
  Error validate(const ResourceView &R) const override;
  std::vector<std::string> autorequire(const ResourceView &R) const override;
  void sync(ResourceRun &Run) override;
  Expected<Json> retrieve(const ResourceView &R, Context &Ctx) override;
  Expected<std::vector<std::string>> instances(Context &Ctx) override;

private:
  /// The groups the user should be in, sorted: with membership =>
  /// minimum (the default) the current ones are kept.
  static std::vector<std::string>
  desiredGroups(const ResourceView &R, const std::vector<std::string> &Current);
  Error create(ResourceRun &Run, const AccountDatabase &Db);
  void syncProperty(ResourceRun &Run, StringRef Prop, const AccountDatabase &Db,
                    const PasswdEntry &Cur);

  AccountFiles Files;
};

Error UserType::validate(const ResourceView &R) const {
  std::string Name = R.name();
  if (Name.empty() || StringRef(Name).find_first_of(":\n") != StringRef::npos)
    return parameterError(R, "name", "Invalid user name '" + Name + "'");
  if (Error E = checkValue(R, "ensure", {"present", "absent"}))
    return E;
  if (R.has("provider") && R.str("provider") != "useradd")
    return parameterError(R, "provider",
                          "Invalid user provider '" + R.str("provider") + "'");
  if (R.has("uid") && !intParam(R, "uid"))
    return parameterError(R, "uid", "Invalid UID " + R.str("uid"));
  if (R.has("gid") && !intParam(R, "gid")) {
    std::string G = R.str("gid");
    if (G.empty() || StringRef(G).find_first_of(":, \t\n") != StringRef::npos)
      return parameterError(R, "gid", "Invalid GID " + G);
  }
  if (const Json *G = R.param("groups")) {
    if (!G->is_array() && !G->is_string())
      return parameterError(R, "groups", "Group names must be strings");
    for (const std::string &Group : R.list("groups")) {
      int64_t N;
      if (!StringRef(Group).getAsInteger(10, N))
        return parameterError(R, "groups",
                              "Group names must be provided, not GID numbers.");
      if (StringRef(Group).contains(','))
        return parameterError(R, "groups",
                              "Group names must be provided as an array, not a "
                              "comma-separated list.");
      if (Group.empty())
        return parameterError(R, "groups",
                              "Group names must not be empty. If you want to "
                              "specify \"no groups\" pass an empty array");
    }
  }
  if (R.has("membership")) {
    std::string M = R.str("membership");
    if (M != "inclusive" && M != "minimum")
      return parameterError(R, "membership",
                            "Invalid value \"" + M +
                                "\". Valid values are inclusive, minimum.");
  }
  if (R.has("expiry")) {
    std::string E = R.str("expiry");
    if (E != "absent" && !Regex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$").match(E))
      return parameterError(
          R, "expiry",
          "Expiry dates must be YYYY-MM-DD or the string \"absent\"");
  }
  if (R.has("password")) {
    std::string P = R.str("password");
    if (StringRef(P).contains(':'))
      return parameterError(R, "password", "Passwords cannot include ':'");
    if (StringRef(P).contains('\n'))
      return parameterError(R, "password",
                            "Passwords cannot include a newline");
  }
  if (R.has("comment") &&
      StringRef(R.str("comment")).find_first_of(":\n") != StringRef::npos)
    return parameterError(R, "comment",
                          "Comments cannot include ':' or a newline");
  for (auto [Param, What] :
       {std::pair{"password_min_age", "Password minimum age"},
        std::pair{"password_max_age", "Password maximum age"},
        std::pair{"password_warn_days", "Password warning days"}})
    if (R.has(Param) && !intParam(R, Param))
      return parameterError(R, Param,
                            Twine(What) + " must be provided as a number.");
  for (const char *B : {"system", "managehome", "allowdupe", "forcelocal"})
    if (Error E = checkBoolean(R, B))
      return E;
  if (const Json *P = R.param("purge_ssh_keys")) {
    if (!P->is_boolean() && !R.boolean("purge_ssh_keys")) {
      for (const std::string &Path : R.list("purge_ssh_keys"))
        if (!StringRef(Path).startswith("/") &&
            !StringRef(Path).startswith("~/") &&
            !StringRef(Path).startswith("%h/"))
          return parameterError(R, "purge_ssh_keys",
                                "Paths to keyfiles must be absolute, not " +
                                    Path);
    }
  }
  return Error::success();
}

std::vector<std::string> UserType::autorequire(const ResourceView &R) const {
  std::vector<std::string> Out;
  // A numeric gid would need the catalog's group with that gid; only names
  // are autorequired.
  if (R.has("gid") && !intParam(R, "gid"))
    Out.push_back("Group[" + R.str("gid") + "]");
  for (const std::string &G : R.list("groups"))
    Out.push_back("Group[" + G + "]");
  return Out;
}

std::vector<std::string>
UserType::desiredGroups(const ResourceView &R,
                        const std::vector<std::string> &Current) {
  std::vector<std::string> Want = R.list("groups");
  if (R.str("membership", "minimum") != "inclusive")
    Want.insert(Want.end(), Current.begin(), Current.end());
  llvm::sort(Want);
  Want.erase(std::unique(Want.begin(), Want.end()), Want.end());
  return Want;
}

Error UserType::create(ResourceRun &Run, const AccountDatabase &Db) {
  const ResourceView &R = Run.resource();
  Context &Ctx = Run.context();
  std::string Name = R.name();
  if (R.has("shell"))
    if (Error E = checkShell(R.str("shell")))
      return E;
  std::string Groups = join(desiredGroups(R, {}), ",");
  if (Error E = runTool(Ctx, useraddArgv(R, Db, Groups)))
    return wrapError(std::move(E), "Could not create user " + Name);
  std::vector<std::string> Chage = chageArgv(R);
  if (!Chage.empty())
    if (Error E = runTool(Ctx, Chage))
      return wrapError(std::move(E), "Could not create user " + Name);
  if (R.has("password"))
    if (Error E = runTool(Ctx, chpasswdArgv(),
                          chpasswdInput(Name, R.str("password"))))
      return wrapError(std::move(E),
                       "Could not set password on user[" + Name + "]");
  return Error::success();
}

void UserType::syncProperty(ResourceRun &Run, StringRef Prop,
                            const AccountDatabase &Db, const PasswdEntry &Cur) {
  const ResourceView &R = Run.resource();
  Context &Ctx = Run.context();
  std::string Name = R.name();
  const ShadowEntry *Shadow = Db.shadow(Name);
  auto Set = [&](StringRef Flag, StringRef Value) -> Error {
    return wrapError(runTool(Ctx, usermodArgv(R, Flag, Value)),
                     "Could not set " + Prop + " on user[" + Name + "]");
  };
  auto ChangeString = [&](const std::string &Current, StringRef Flag,
                          bool Shell = false) {
    std::string Want = R.str(Prop);
    if (Current == Want)
      return;
    Run.change(Prop, Current, Want, [&]() -> Error {
      if (Shell)
        if (Error E = checkShell(Want))
          return E;
      return Set(Flag, Want);
    });
  };

  if (Prop == "home") {
    ChangeString(Cur.Home, "-d");
  } else if (Prop == "comment") {
    ChangeString(Cur.Gecos, "-c");
  } else if (Prop == "shell") {
    ChangeString(Cur.Shell, "-s", /*Shell=*/true);
  } else if (Prop == "uid") {
    int64_t Want = *intParam(R, "uid");
    if (Cur.Uid == Want)
      return;
    Run.change(Prop, Cur.Uid, Want,
               [&]() -> Error { return Set("-u", std::to_string(Want)); });
  } else if (Prop == "gid") {
    std::optional<int64_t> Want = intParam(R, "gid");
    Json Desired = Want ? Json(*Want) : Json(R.str("gid"));
    if (!Want)
      Want = Db.resolveGid(R.str("gid"));
    if (Want && *Want == Cur.Gid)
      return;
    Run.change(Prop, Cur.Gid, Desired, [&]() -> Error {
      if (!Want)
        return failure("Could not find group(s) " + R.str("gid"));
      return Set("-g", std::to_string(*Want));
    });
  } else if (Prop == "password") {
    std::string Current = Shadow ? Shadow->Password : "";
    if (Shadow && Current == R.str("password"))
      return;
    // Sensitive: neither value leaves this function.
    Run.change(
        Prop, "[redacted]", "[redacted]",
        [&]() -> Error {
          return wrapError(runTool(Ctx, chpasswdArgv(),
                                   chpasswdInput(Name, R.str("password"))),
                           "Could not set password on user[" + Name + "]");
        },
        "changed [redacted] to [redacted]");
  } else if (Prop == "password_min_age" || Prop == "password_max_age" ||
             Prop == "password_warn_days") {
    int64_t Want = *intParam(R, Prop);
    Json Current = "absent";
    if (Shadow)
      Current = Prop == "password_min_age"   ? Shadow->MinAge
                : Prop == "password_max_age" ? Shadow->MaxAge
                                             : Shadow->WarnDays;
    if (Current == Json(Want))
      return;
    StringRef Flag = Prop == "password_min_age"   ? "-m"
                     : Prop == "password_max_age" ? "-M"
                                                  : "-W";
    Run.change(
        Prop, Current, Want,
        [&]() -> Error {
          return wrapError(
              runTool(Ctx, {"chage", Flag.str(), std::to_string(Want), Name}),
              "Could not set " + Prop + " on user[" + Name + "]");
        },
        changeMessage(Prop, Current, Want));
  } else if (Prop == "groups") {
    std::vector<std::string> Current = Db.groupsOf(Name);
    std::vector<std::string> Want = desiredGroups(R, Current);
    std::string WantText = join(Want, ",");
    if (sortedJoin(Current) == WantText)
      return;
    // Puppet's words: the current list bare, the new one as an array.
    Json WantArray = Json::array();
    for (const std::string &G : Want)
      WantArray.push_back(G);
    std::string Message = "groups changed " + join(Current, ",") + " to " +
                          formatValue(WantArray);
    Run.change(
        Prop, join(Current, ","), WantText,
        [&]() -> Error { return Set("-G", WantText); }, Message);
  } else if (Prop == "expiry") {
    std::string Current = Shadow && Shadow->Expire >= 0
                              ? daysToDate(Shadow->Expire)
                              : std::string("absent");
    std::string Want = R.str("expiry");
    if (Current == Want)
      return;
    Run.change(
        Prop, Current, Want,
        [&]() -> Error { return Set("-e", Want == "absent" ? "" : Want); },
        changeMessage(Prop, Current, Want));
  }
}

void UserType::sync(ResourceRun &Run) {
  const ResourceView &R = Run.resource();
  if (R.has("purge_ssh_keys") &&
      R.boolean("purge_ssh_keys") != std::optional<bool>(false))
    Run.log(LogLevel::Warning,
            "Ssh_authorized_key type is not available. Cannot purge SSH "
            "keys.");
  if (R.boolean("forcelocal").value_or(false))
    Run.log(LogLevel::Debug, "Provider useradd does not support features "
                             "manages_local_users_and_groups; not managing "
                             "attribute forcelocal");
  Expected<AccountDatabase> Db = AccountDatabase::load(Files);
  if (!Db) {
    Run.fail("Could not evaluate: " + toString(Db.takeError()));
    return;
  }
  std::string Name = R.name();
  const PasswdEntry *Cur = Db->user(Name);
  bool Managed =
      R.has("ensure") ||
      llvm::any_of(UserProperties, [&](const char *P) { return R.has(P); });
  if (!Managed)
    return;
  std::string Ensure = R.str("ensure", "present");
  if (Ensure == "absent") {
    if (Cur)
      Run.change(
          "ensure", "present", "absent",
          [&]() -> Error {
            return wrapError(runTool(Run.context(), userdelArgv(R)),
                             "Could not delete user " + Name);
          },
          "removed", "user_removed");
    return;
  }
  if (!Cur) {
    Run.change(
        "ensure", "absent", "present",
        [&]() -> Error { return create(Run, *Db); }, "created", "user_created");
    return;
  }
  for (const char *Prop : UserProperties)
    if (R.has(Prop))
      syncProperty(Run, Prop, *Db, *Cur);
}

Expected<Json> UserType::retrieve(const ResourceView &R, Context &Ctx) {
  (void)Ctx;
  Expected<AccountDatabase> Db = AccountDatabase::load(Files);
  if (!Db)
    return Db.takeError();
  Json Out = Json::object();
  const PasswdEntry *U = Db->user(R.name());
  if (!U) {
    Out["ensure"] = "absent";
    Out["provider"] = "useradd";
    return Out;
  }
  Out["ensure"] = "present";
  Out["provider"] = "useradd";
  Out["comment"] = U->Gecos;
  if (const ShadowEntry *S = Db->shadow(U->Name); S && S->Expire >= 0)
    Out["expiry"] = daysToDate(S->Expire);
  Out["gid"] = U->Gid;
  std::vector<std::string> Groups = Db->groupsOf(U->Name);
  if (!Groups.empty())
    Out["groups"] = Groups;
  Out["home"] = U->Home;
  if (const ShadowEntry *S = Db->shadow(U->Name)) {
    Out["password"] = S->Password;
    Out["password_max_age"] = S->MaxAge;
    Out["password_min_age"] = S->MinAge;
    Out["password_warn_days"] = S->WarnDays;
  }
  Out["shell"] = U->Shell;
  Out["uid"] = U->Uid;
  return Out;
}

Expected<std::vector<std::string>> UserType::instances(Context &Ctx) {
  (void)Ctx;
  Expected<AccountDatabase> Db = AccountDatabase::load(Files);
  if (!Db)
    return Db.takeError();
  std::vector<std::string> Out;
  for (const PasswdEntry &U : Db->users())
    Out.push_back(U.Name);
  return Out;
}

} // namespace

std::unique_ptr<ResourceType> makeUserType(const AccountFiles &Files) {
  return std::make_unique<UserType>(Files);
}

std::unique_ptr<ResourceType> makeUserType() {
  return makeUserType(AccountFiles{});
}
} // namespace cppet::apply
