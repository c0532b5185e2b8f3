//===- Cron.cpp - the cron type (crontab provider)
//-------------------------===//
//
// A cron resource is a job in the crontab of its target (default: its
// user, default root), found by its "# Puppet Name: NAME" comment or, as
// Puppet does for a job it never synced, by an unnamed job with the same
// command and schedule. The crontab is read with `crontab -u USER -l` when
// the resource is synced, changed in memory property by property and
// installed once with `crontab -u USER FILE`; every line the resource does
// not own is written back as it was.
//
// Where cppet differs from Puppet: a resource that sets time fields but no
// special, on a job that has one, also sets special to absent (Puppet keeps
// writing the @special line and reports the time fields out of sync on
// every run); the user property only selects the crontab (moving a job to
// another user's crontab is a new job, as in Puppet).
//
//===----------------------------------------------------------------------===//
#include "CronTab.h"
#include "Types.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <ctime>

using namespace llvm;

namespace cppet::apply {
namespace {

/// What the resource asks for; unset members are not managed.
struct CronWant {
  std::optional<std::string> Command;
  std::optional<std::string> Special; // empty: absent
  std::array<std::optional<CronTimes>, 5> Times;
  std::optional<std::vector<std::string>> Environment; // empty: absent

  bool anyTimes() const {
    return llvm::any_of(Times, [](const auto &T) { return T.has_value(); });
  }
};

Expected<CronWant> desired(const ResourceView &R) {
  CronWant W;
  if (R.has("command"))
    W.Command = StringRef(R.str("command")).trim().str();
  if (R.has("special")) {
    std::string S = R.str("special");
    if (S != "absent" && !isCronSpecial(S))
      return parameterError(R, "special",
                            "Invalid special schedule \"" + S + "\"");
    W.Special = S == "absent" ? "" : S;
  }
  for (CronField F : CronFields) {
    const Json *V = R.param(cronFieldName(F));
    if (!V)
      continue;
    Expected<CronTimes> T = normalizeCronTimes(F, *V);
    if (!T)
      return parameterError(R, cronFieldName(F), toString(T.takeError()));
    W.Times[static_cast<size_t>(F)] = std::move(*T);
  }
  if (R.has("environment")) {
    std::vector<std::string> Env;
    for (const std::string &E : R.list("environment")) {
      if (E == "absent")
        continue;
      StringRef L = StringRef(E).ltrim(" \t");
      size_t N = 0;
      while (N < L.size() && (isAlnum(L[N]) || L[N] == '_'))
        ++N;
      if (N == 0 || !L.drop_front(N).ltrim(" \t").startswith("=") ||
          StringRef(E).contains('\n'))
        return parameterError(R, "environment",
                              "Invalid environment setting \"" + E + "\"");
      Env.push_back(E);
    }
    W.Environment = std::move(Env);
  }
  return W;
}

/// The crontab the resource lives in.
std::string targetOf(const ResourceView &R) {
  return R.str("target", R.str("user", "root"));
}

Json timesJson(const CronTimes &T) {
  if (T.empty())
    return "absent";
  Json A = Json::array();
  for (const std::string &V : T)
    A.push_back(V);
  return A;
}

Json environmentJson(const std::vector<std::string> &E) {
  return E.empty() ? Json("absent") : Json(E);
}

std::string nowText() {
  std::time_t T = std::time(nullptr);
  std::tm Tm;
  ::localtime_r(&T, &Tm);
  char Buf[64];
  std::strftime(Buf, sizeof(Buf), "%Y-%m-%d %H:%M:%S %z", &Tm);
  return Buf;
}

/// Puppet's match for a job it never named: same command, and the same
/// value for every time field (and special) the resource sets.
bool matches(const CronJob &Job, const CronWant &W) {
  if (!Job.Name.empty() || !W.Command || Job.Command != *W.Command)
    return false;
  if (W.Special && Job.Special != *W.Special)
    return false;
  for (CronField F : CronFields) {
    const auto &T = W.Times[static_cast<size_t>(F)];
    if (T && Job.times(F) != *T)
      return false;
  }
  return true;
}

class CronType final : public ResourceType {
public:
  CronType(AccountFiles Files, std::string SpoolDir)
      : Files(std::move(Files)), SpoolDir(std::move(SpoolDir)) {}

  StringRef name() const override { return "cron"; }
  std::vector<StringRef> parameters() const override {
    return {"name",        "ensure",   "command", "user",    "minute",
            "hour",        "monthday", "month",   "weekday", "special",
            "environment", "target",   "provider"};
  }
  std::string provider(const ResourceView &R) const override {
    (void)R;
    return "crontab";
  }
  Error validate(const ResourceView &R) const override;
  std::vector<std::string> autorequire(const ResourceView &R) const override {
    return {"User[" + R.str("user", "root") + "]"};
  }
  void sync(ResourceRun &Run) override;
  Expected<Json> retrieve(const ResourceView &R, Context &Ctx) override;
  Expected<std::vector<std::string>> instances(Context &Ctx) override;

private:
  /// A job found in a crontab, with its name (Puppet's "unmanaged:..."
  /// name for a job without a name comment).
  struct ListedJob {
    std::string Name;
    std::string User;
    CronJob Job;
  };
  /// The jobs of the crontabs of Users, in order.
  Expected<std::vector<ListedJob>>
  listJobs(Context &Ctx, const std::vector<std::string> &Users) const;
  /// The users whose crontabs exist in the spool directory, sorted.
  std::vector<std::string> crontabUsers() const;
  void syncJob(ResourceRun &Run, CronJob &Job, const CronWant &W);

  AccountFiles Files;
  std::string SpoolDir;
};

Error CronType::validate(const ResourceView &R) const {
  if (Error E = checkValue(R, "ensure", {"present", "absent"}))
    return E;
  if (R.has("provider") && R.str("provider") != "crontab")
    return parameterError(R, "provider",
                          "Invalid cron provider '" + R.str("provider") + "'");
  for (const char *P : {"user", "target"})
    if (R.has(P) && (R.str(P).empty() || StringRef(R.str(P)).find_first_of(
                                             "/ \t\n") != StringRef::npos))
      return parameterError(R, P,
                            "Invalid " + Twine(P) + " '" + R.str(P) + "'");
  if (R.has("command") && StringRef(R.str("command")).contains('\n'))
    return parameterError(R, "command", "Commands cannot include a newline");
  if (R.str("name").find('\n') != std::string::npos)
    return parameterError(R, "name", "Names cannot include a newline");
  Expected<CronWant> W = desired(R);
  if (!W)
    return W.takeError();
  if (W->Special && !W->Special->empty())
    for (CronField F : CronFields) {
      const auto &T = W->Times[static_cast<size_t>(F)];
      if (T && !T->empty())
        return createStringError(
            inconvertibleErrorCode(),
            "Validation of " + R.ref() + " failed: " + R.ref() +
                " cannot specify both a special schedule and a value for " +
                cronFieldName(F));
    }
  return Error::success();
}

void CronType::syncJob(ResourceRun &Run, CronJob &Job, const CronWant &W) {
  auto Modify = [&](auto Apply) {
    return [&Job, Apply]() -> Error {
      Apply();
      Job.Modified = true;
      return Error::success();
    };
  };
  if (W.Command && Job.Command != *W.Command)
    Run.change("command", Job.Command, *W.Command,
               Modify([&] { Job.Command = *W.Command; }));
  std::optional<std::string> Special = W.Special;
  if (!Special && W.anyTimes() && !Job.Special.empty())
    Special = "";
  if (Special && Job.Special != *Special) {
    Json Is = Job.Special.empty() ? "absent" : Job.Special;
    Json Should = Special->empty() ? "absent" : *Special;
    Run.change("special", Is, Should, Modify([&] { Job.Special = *Special; }),
               changeMessage("special", Is, Should));
  }
  // Puppet's property order: minute, hour, weekday, month, monthday.
  for (CronField F : {CronField::Minute, CronField::Hour, CronField::Weekday,
                      CronField::Month, CronField::Monthday}) {
    const auto &T = W.Times[static_cast<size_t>(F)];
    if (T && Job.times(F) != *T)
      Run.change(cronFieldName(F), timesJson(Job.times(F)), timesJson(*T),
                 Modify([&] { Job.times(F) = *T; }),
                 changeMessage(cronFieldName(F), timesJson(Job.times(F)),
                               timesJson(*T)));
  }
  if (W.Environment) {
    std::vector<std::string> Is = Job.Environment, Should = *W.Environment;
    llvm::sort(Is);
    llvm::sort(Should);
    if (Is != Should) {
      // Puppet prints the new environment joined with commas, unquoted.
      Json Current = environmentJson(Job.Environment);
      Json Desired = environmentJson(*W.Environment);
      std::string Message =
          Current == "absent" ? "defined 'environment' as "
          : Desired == "absent"
              ? "undefined 'environment' from " + formatValue(Current)
              : "environment changed " + formatValue(Current) + " to ";
      if (Desired != "absent")
        Message += join(*W.Environment, ",");
      Run.change("environment", Current, Desired,
                 Modify([&] { Job.Environment = *W.Environment; }), Message);
    }
  }
}

void CronType::sync(ResourceRun &Run) {
  const ResourceView &R = Run.resource();
  Context &Ctx = Run.context();
  Expected<CronWant> W = desired(R);
  if (!W) {
    Run.fail(toString(W.takeError()));
    return;
  }
  bool Managed = R.has("ensure") || W->Command || W->Special || W->anyTimes() ||
                 W->Environment;
  if (!Managed)
    return;
  Expected<AccountDatabase> Db = AccountDatabase::load(Files);
  if (!Db) {
    Run.fail("Could not evaluate: " + toString(Db.takeError()));
    return;
  }
  std::string Target = targetOf(R);
  Expected<std::string> Text = readCrontab(Ctx, Target, *Db);
  if (!Text) {
    Run.fail("Could not evaluate: " + toString(Text.takeError()));
    return;
  }
  CronTab Tab = CronTab::parse(*Text);
  CronJob *Job = Tab.find(R.name());
  if (!Job)
    for (CronJob *J : Tab.jobs())
      if (matches(*J, *W)) {
        Job = J;
        break;
      }

  bool Dirty = false;
  if (R.str("ensure", "present") == "absent") {
    if (Job)
      Dirty = Run.change(
          "ensure", "present", "absent",
          [&]() -> Error {
            Tab.remove(Job);
            return Error::success();
          },
          "removed", "cron_removed");
  } else if (!Job) {
    Dirty = Run.change(
        "ensure", "absent", "present",
        [&]() -> Error {
          if (!W->Command)
            return createStringError(inconvertibleErrorCode(),
                                     "no command specified, cannot create");
          CronJob New;
          New.Name = R.name();
          New.Command = *W->Command;
          New.Special = W->Special.value_or("");
          for (size_t I = 0; I < 5; ++I)
            if (W->Times[I])
              New.Times[I] = *W->Times[I];
          if (W->Environment)
            New.Environment = *W->Environment;
          Tab.append(std::move(New));
          return Error::success();
        },
        "created", "cron_created");
  } else {
    syncJob(Run, *Job, *W);
    Dirty = Job->Modified && !Run.noop();
  }
  if (!Dirty || Run.noop())
    return;
  if (Error E = writeCrontab(Ctx, Target, Tab.render(nowText()), *Db))
    Run.fail(toString(std::move(E)));
}

std::vector<std::string> CronType::crontabUsers() const {
  std::vector<std::string> Out;
  std::error_code EC;
  for (sys::fs::directory_iterator It(SpoolDir, EC), End; It != End && !EC;
       It.increment(EC)) {
    StringRef Name = sys::path::filename(It->path());
    if (Name.startswith(".") || It->type() != sys::fs::file_type::regular_file)
      continue;
    Out.push_back(Name.str());
  }
  llvm::sort(Out);
  return Out;
}

Expected<std::vector<CronType::ListedJob>>
CronType::listJobs(Context &Ctx, const std::vector<std::string> &Users) const {
  Expected<AccountDatabase> Db = AccountDatabase::load(Files);
  if (!Db)
    return Db.takeError();
  std::vector<ListedJob> Out;
  unsigned Unmanaged = 0;
  for (const std::string &User : Users) {
    Expected<std::string> Text = readCrontab(Ctx, User, *Db);
    if (!Text)
      return Text.takeError();
    CronTab Tab = CronTab::parse(*Text);
    for (const CronJob *Job : Tab.jobs()) {
      if (!Job->Name.empty()) {
        Out.push_back({Job->Name, User, *Job});
        continue;
      }
      // Puppet's names for the jobs it does not manage.
      std::string Cmd;
      bool InSpace = false;
      for (char C : Job->Command) {
        if (isSpace(C) && !InSpace)
          Cmd += '_';
        else if (!isSpace(C))
          Cmd += C;
        InSpace = isSpace(C);
      }
      Out.push_back(
          {"unmanaged:" + Cmd + "-" + std::to_string(++Unmanaged), User, *Job});
    }
  }
  return Out;
}

Expected<Json> CronType::retrieve(const ResourceView &R, Context &Ctx) {
  std::vector<std::string> Users;
  if (R.has("target") || R.has("user"))
    Users.push_back(targetOf(R));
  else
    Users = crontabUsers();
  Expected<std::vector<ListedJob>> Jobs = listJobs(Ctx, Users);
  if (!Jobs)
    return Jobs.takeError();
  Json Out = Json::object();
  for (const ListedJob &L : *Jobs) {
    if (L.Name != R.name())
      continue;
    const CronJob &Job = L.Job;
    Out["ensure"] = "present";
    Out["command"] = Job.Command;
    if (!Job.Environment.empty())
      Out["environment"] = Job.Environment;
    for (CronField F : CronFields)
      if (Job.Special.empty() && !Job.times(F).empty())
        Out[cronFieldName(F).str()] = Job.times(F);
    if (!Job.Special.empty())
      Out["special"] = Job.Special;
    Out["provider"] = "crontab";
    Out["target"] = L.User;
    Out["user"] = L.User;
    return Out;
  }
  Out["ensure"] = "absent";
  Out["provider"] = "crontab";
  return Out;
}

Expected<std::vector<std::string>> CronType::instances(Context &Ctx) {
  Expected<std::vector<ListedJob>> Jobs = listJobs(Ctx, crontabUsers());
  if (!Jobs)
    return Jobs.takeError();
  std::vector<std::string> Out;
  for (const ListedJob &L : *Jobs)
    Out.push_back(L.Name);
  return Out;
}

} // namespace

std::unique_ptr<ResourceType> makeCronType(const AccountFiles &Files,
                                           std::string SpoolDir) {
  return std::make_unique<CronType>(Files, std::move(SpoolDir));
}

std::unique_ptr<ResourceType> makeCronType() {
  return makeCronType(AccountFiles{}, "/var/spool/cron/crontabs");
}
} // namespace cppet::apply
