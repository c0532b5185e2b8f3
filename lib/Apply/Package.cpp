//===- Package.cpp - the package type (apt and dpkg providers) ------------===//
//
// Puppet 7's package type on Debian: ensure (present/installed, latest,
// absent, purged, a version or a version range), mark (hold/none),
// install_options, configfiles and source, with the apt provider (the
// default: apt-get installs from the repositories or a local .deb) and the
// dpkg provider (dpkg -i of `source`). The state of every package resource
// of a run comes from one dpkg-query call in prefetch(), and the candidate
// versions of `latest` packages from one apt-cache policy call. After a
// change the cache is re-read (again in one call) before the next package
// is checked, since apt-get may have installed or removed other packages.
//
//===----------------------------------------------------------------------===//
#include "PackageApt.h"
#include "Types.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <map>
#include <set>

using namespace llvm;

namespace cppet::apply {
namespace {

using pkg::DpkgState;

Error failure(const Twine &Message) {
  return createStringError(inconvertibleErrorCode(), Message);
}

ProcessSpec aptSpec(std::vector<std::string> Argv) {
  ProcessSpec Spec;
  Spec.Argv = std::move(Argv);
  Spec.Environment = pkg::aptEnvironment();
  return Spec;
}

/// Runs an apt/dpkg command; an error unless it exits 0.
Expected<ProcessResult> execute(Context &Ctx, std::vector<std::string> Argv,
                                std::string Stdin = "") {
  ProcessSpec Spec = aptSpec(std::move(Argv));
  Spec.Stdin = std::move(Stdin);
  Expected<ProcessResult> R = Ctx.run(Spec);
  if (!R)
    return R.takeError();
  if (!R->succeeded())
    return executionError(join(Spec.Argv, " "), *R);
  return R;
}

enum class Provider { Apt, Dpkg };

Provider providerOf(const ResourceView &R) {
  return R.str("provider") == "dpkg" ? Provider::Dpkg : Provider::Apt;
}

/// The first `ensure` value, with installed meaning present; present when
/// unset (Puppet's default).
std::string ensureOf(const ResourceView &R) {
  const Json *V = R.param("ensure");
  if (V && V->is_array() && !V->empty())
    V = &(*V)[0];
  std::string E = !V               ? "present"
                  : V->is_string() ? V->get<std::string>()
                                   : V->dump();
  return E == "installed" ? "present" : E;
}

bool isKeyword(StringRef E) {
  return E == "present" || E == "absent" || E == "purged" || E == "latest" ||
         E == "disabled";
}

bool isGone(StringRef Ensure) {
  return Ensure == "absent" || Ensure == "purged";
}

/// Puppet's package ensure change_to_s.
std::string changeMessage(StringRef Current, StringRef Desired) {
  if (Desired == "purged")
    return "purged";
  if (isGone(Current) && !isGone(Desired))
    return "created";
  if (Desired == "absent")
    return "removed";
  return "ensure changed '" + Current.str() + "' to '" + Desired.str() + "'";
}

/// Puppet's event names: the ensure value's :event option, else
/// package_changed.
std::string eventName(StringRef Ensure) {
  if (Ensure == "present")
    return "package_installed";
  if (Ensure == "absent")
    return "package_removed";
  if (Ensure == "purged")
    return "package_purged";
  return "package_changed";
}

class PackageType final : public ResourceType {
public:
  StringRef name() const override { return "package"; }

  std::vector<StringRef> parameters() const override {
    return {"name",
            "ensure",
            "provider",
            "command",
            "package_settings",
            "flavor",
            "source",
            "instance",
            "status",
            "adminfile",
            "responsefile",
            "configfiles",
            "category",
            "platform",
            "root",
            "vendor",
            "description",
            "allowcdrom",
            "enable_only",
            "install_only",
            "install_options",
            "uninstall_options",
            "allow_virtual",
            "reinstall_on_refresh",
            "mark"};
  }

  Error validate(const ResourceView &R) const override {
    auto ParamError = [&](StringRef Param, const Twine &Msg) {
      return parameterError(R, Param, Msg);
    };
    std::string Provider = R.str("provider", "apt");
    if (Provider != "apt" && Provider != "dpkg")
      return ParamError("provider",
                        "Invalid package provider '" + Provider + "'");
    std::string Name = R.name();
    // A name or source starting with '-' would be read as an option.
    if (Name.empty() || Name[0] == '-')
      return ParamError("name", "Invalid package name '" + Name + "'");
    if (R.has("source") && StringRef(R.str("source")).startswith("-"))
      return ParamError("source",
                        "Invalid package source '" + R.str("source") + "'");
    std::string Ensure = ensureOf(R);
    if (Ensure.empty())
      return ParamError("ensure",
                        "Invalid value \"\". Valid values are present, "
                        "absent, purged, disabled, latest. Valid values "
                        "match /./.");
    if (Ensure == "disabled")
      return ParamError("ensure", "Provider " + Provider +
                                      " must have features 'disableable' to "
                                      "set 'ensure' to 'disabled'");
    if (Provider == "dpkg" && !isKeyword(Ensure))
      return ParamError("ensure", "Provider dpkg must have features "
                                  "'versionable' to set 'ensure' to '" +
                                      Ensure + "'");
    if (R.has("mark")) {
      if (Error E = checkValue(R, "mark", {"hold", "none"}))
        return E;
      if (isGone(Ensure))
        return failure("Validation of " + R.ref() +
                       " failed: You cannot use \"mark\" property while "
                       "\"ensure\" is one of [\"absent\", \"purged\"]" +
                       R.location());
    }
    if (R.has("configfiles")) {
      if (Error E = checkValue(R, "configfiles", {"keep", "replace"}))
        return E;
    }
    for (StringRef Param : {"install_options", "uninstall_options"})
      if (const Json *V = R.param(Param))
        if (auto Opts = pkg::packageOptions(*V); !Opts)
          return ParamError(Param, toString(Opts.takeError()));
    return Error::success();
  }

  std::vector<std::string> autorequire(const ResourceView &R) const override {
    std::vector<std::string> Out;
    for (StringRef Param : {"responsefile", "adminfile"})
      if (R.has(Param))
        Out.push_back("File[" + R.str(Param) + "]");
    std::string Source = R.str("source");
    if (sys::path::is_absolute(Source))
      Out.push_back("File[" + Source + "]");
    return Out;
  }

  std::string provider(const ResourceView &R) const override {
    return providerOf(R) == Provider::Dpkg ? "dpkg" : "apt";
  }

  void prefetch(ArrayRef<const ResourceView *> Resources,
                Context &Ctx) override {
    // `cppet-agent resource package` lists every package (instances()) and
    // then prefetches each one: what was just read is still good.
    if (State.Owner == &Ctx && State.All && !State.Stale)
      return;
    State = {};
    State.Owner = &Ctx;
    std::vector<std::string> Names;
    std::set<std::string> Seen;
    for (const ResourceView *R : Resources) {
      std::string Name = R->name();
      if (!Name.empty() && Name[0] != '-' && Seen.insert(Name).second)
        Names.push_back(Name);
    }
    if (Names.empty())
      return;
    if (Error Err = query(Ctx, Names)) {
      // Each resource asks again on its own and fails with the reason.
      Ctx.log(LogLevel::Err, "Puppet",
              "Could not prefetch package provider 'apt': " +
                  toString(std::move(Err)));
      State = {};
      State.Owner = &Ctx;
      return;
    }
    // Candidates of the installed packages that should be the latest, in
    // one apt-cache call (absent ones are installed without asking).
    std::vector<std::string> Latest;
    for (const ResourceView *R : Resources) {
      std::string Name = R->name();
      if (ensureOf(*R) != "latest" || providerOf(*R) != Provider::Apt ||
          !State.Queried.count(Name))
        continue;
      if (!isGone(lookup(Name).ensure()))
        Latest.push_back(Name);
    }
    if (!Latest.empty())
      if (Error Err = policy(Ctx, Latest))
        Ctx.log(LogLevel::Debug, "Puppet",
                "Could not read candidate versions: " +
                    toString(std::move(Err)));
  }

  void sync(ResourceRun &Run) override {
    const ResourceView &R = Run.resource();
    Context &Ctx = Run.context();
    std::string Name = R.name();
    std::string Ensure = ensureOf(R);
    Expected<DpkgState> S = current(Ctx, Name);
    if (!S) {
      Run.fail(toString(S.takeError()));
      return;
    }
    std::string Current = S->ensure();
    if (S->Error != "ok") {
      Run.fail("Package " + S->Name + ", version " + Current +
               " is in error state: " + S->Error);
      return;
    }
    if (R.has("uninstall_options"))
      Run.log(LogLevel::Debug, "Provider " + provider(R) +
                                   " does not support features "
                                   "uninstall_options; not managing "
                                   "attribute uninstall_options");

    // What ensure should show as the desired value ('latest' becomes the
    // candidate version once known).
    std::string Shown = Ensure;
    bool InSync = false;
    if (Ensure == "present") {
      InSync = !isGone(Current);
    } else if (Ensure == "absent") {
      InSync = isGone(Current);
    } else if (Ensure == "purged") {
      InSync = Current == "purged";
    } else if (Ensure == "latest") {
      if (!isGone(Current)) {
        Expected<std::string> Latest = latest(Ctx, R, Name);
        if (!Latest) {
          Run.fail("Could not get latest version: " +
                   toString(Latest.takeError()));
          return;
        }
        if (Latest->empty())
          Run.log(LogLevel::Err, "Could not find latest version");
        else
          Shown = *Latest;
        InSync = !Latest->empty() && *Latest == Current;
      }
    } else {
      InSync = Current == Ensure;
      if (!InSync && !isGone(Current)) {
        // A range, or the same version spelled otherwise.
        if (Expected<pkg::VersionRange> Range =
                pkg::VersionRange::parse(Ensure))
          InSync = Range->includes(Current);
        else
          consumeError(Range.takeError());
      }
    }

    if (!InSync) {
      bool Changed = Run.change(
          "ensure", Json(Current), Json(Shown),
          [&]() -> Error {
            State.Stale = true;
            return applyEnsure(Run, Name, Ensure, *S);
          },
          changeMessage(Current, Shown), eventName(Ensure));
      if (Changed && !isGone(Ensure) && !R.has("mark") &&
          providerOf(R) == Provider::Apt) {
        // Puppet's apt flush: what Puppet installed is marked manual, so
        // autoremove leaves it alone.
        if (auto Marked = execute(Ctx, {"/usr/bin/apt-mark", "manual", Name});
            !Marked)
          Run.fail(toString(Marked.takeError()));
      }
      return;
    }

    if (R.has("mark") && !isGone(Current)) {
      std::string Want = R.str("mark");
      std::string Is = S->held() ? "hold" : "none";
      if (Want != Is)
        Run.change("mark", Json(Is), Json(Want), [&]() -> Error {
          State.Stale = true;
          return setSelection(Ctx, Name, Want == "hold");
        });
    }
  }

  Expected<Json> retrieve(const ResourceView &R, Context &Ctx) override {
    Expected<DpkgState> S = current(Ctx, R.name());
    if (!S)
      return S.takeError();
    Json Out = Json::object();
    Out["ensure"] = S->ensure();
    if (S->held())
      Out["mark"] = "hold";
    Out["provider"] = provider(R);
    return Out;
  }

  Expected<std::vector<std::string>> instances(Context &Ctx) override {
    State = {};
    State.Owner = &Ctx;
    if (Error Err = query(Ctx, {}))
      return Err;
    State.All = true;
    std::vector<std::string> Out;
    for (const auto &[Name, S] : State.Packages)
      Out.push_back(Name);
    return Out;
  }

private:
  /// What this run knows of dpkg's database.
  struct Cache {
    /// The run this was read for: prefetch() starts every run, and a
    /// caller without one (retrieve() of `cppet-agent resource`) starts
    /// afresh.
    const Context *Owner = nullptr;
    std::map<std::string, DpkgState> Packages;
    /// Names dpkg-query was asked about (those it did not print are
    /// purged).
    std::set<std::string> Queried;
    /// Every package was listed (instances()).
    bool All = false;
    /// A command changed the database since it was read.
    bool Stale = false;
    /// apt-cache policy's candidates ("" for none).
    std::map<std::string, std::string> Candidates;
  } State;

  /// One dpkg-query call for Names (every package when empty).
  Error query(Context &Ctx, const std::vector<std::string> &Names) {
    ProcessSpec Spec = aptSpec(pkg::dpkgQueryArgv(Names));
    Spec.MergeStderr = false;
    Expected<ProcessResult> R = Ctx.run(Spec);
    if (!R)
      return R.takeError();
    // dpkg-query exits 1 when a name matches no package and still prints
    // the others.
    if (R->ExitCode != 0 && !(R->ExitCode == 1 && !Names.empty()))
      return executionError(join(Spec.Argv, " "), *R);
    for (const std::string &Name : Names) {
      State.Queried.insert(Name);
      State.Packages.erase(Name);
    }
    for (DpkgState &S : pkg::parseDpkgQuery(R->Output)) {
      // Several architectures of one package: prefer an installed one.
      auto It = State.Packages.find(S.Name);
      if (It != State.Packages.end() && !isGone(It->second.ensure()))
        continue;
      std::string Key = S.Name;
      State.Packages[Key] = std::move(S);
    }
    return Error::success();
  }

  DpkgState lookup(StringRef Name) const {
    auto It = State.Packages.find(Name.str());
    // "name:arch" is printed as "name".
    if (It == State.Packages.end() && Name.contains(':'))
      It = State.Packages.find(Name.split(':').first.str());
    if (It != State.Packages.end())
      return It->second;
    DpkgState Missing;
    Missing.Desired = "unknown";
    Missing.Error = "ok";
    Missing.Status = "not-installed";
    Missing.Name = Name.str();
    return Missing;
  }

  /// The current state of Name, reading dpkg's database again when a
  /// command changed it or Name was not prefetched.
  Expected<DpkgState> current(Context &Ctx, const std::string &Name) {
    if (State.Owner != &Ctx) {
      State = {};
      State.Owner = &Ctx;
    }
    if (State.Stale) {
      State.Stale = false;
      std::vector<std::string> Names;
      if (!State.All) {
        Names.assign(State.Queried.begin(), State.Queried.end());
        if (!State.Queried.count(Name))
          Names.push_back(Name);
      }
      if (Error Err = query(Ctx, Names))
        return Err;
    } else if (!State.All && !State.Queried.count(Name)) {
      if (Error Err = query(Ctx, {Name}))
        return Err;
    }
    return lookup(Name);
  }

  /// apt-cache policy for Names, in one call.
  Error policy(Context &Ctx, const std::vector<std::string> &Names) {
    std::vector<std::string> Argv = {"/usr/bin/apt-cache", "policy"};
    Argv.insert(Argv.end(), Names.begin(), Names.end());
    Expected<ProcessResult> R = execute(Ctx, std::move(Argv));
    if (!R)
      return R.takeError();
    std::map<std::string, std::string> Found =
        pkg::parseAptCachePolicy(R->Output);
    for (const std::string &Name : Names) {
      auto It = Found.find(Name);
      if (It == Found.end() && Name.find(':') != std::string::npos)
        It = Found.find(StringRef(Name).split(':').first.str());
      State.Candidates[Name] = It == Found.end() ? "" : It->second;
    }
    return Error::success();
  }

  /// The version `latest` means: apt's candidate, or the version of the
  /// dpkg provider's source file. Empty when there is none.
  Expected<std::string> latest(Context &Ctx, const ResourceView &R,
                               const std::string &Name) {
    if (providerOf(R) == Provider::Dpkg) {
      std::string Source = R.str("source");
      if (Source.empty())
        return failure("You cannot install dpkg packages without a source");
      Expected<ProcessResult> Out =
          execute(Ctx, {"/usr/bin/dpkg-deb", "--show", Source});
      if (!Out)
        return Out.takeError();
      // "name\tversion"
      auto [Pkg, Version] = StringRef(Out->Output).trim().split('\t');
      if (Pkg != Name)
        Ctx.log(LogLevel::Warning, "Puppet",
                "source doesn't contain named package, but " + Pkg.str());
      return Version.str();
    }
    if (!State.Candidates.count(Name))
      if (Error Err = policy(Ctx, {Name}))
        return Err;
    return State.Candidates[Name];
  }

  Error setSelection(Context &Ctx, StringRef Name, bool Hold) {
    // Puppet ignores the exit status of --set-selections.
    ProcessSpec Spec = aptSpec({"/usr/bin/dpkg", "--set-selections"});
    Spec.Stdin = Name.str() + (Hold ? " hold\n" : " install\n");
    Expected<ProcessResult> R = Ctx.run(Spec);
    return R ? Error::success() : R.takeError();
  }

  /// Puppet's run_preseed: debconf answers from `responsefile`.
  Error preseed(ResourceRun &Run) {
    std::string File = Run.resource().str("responsefile");
    if (!sys::fs::exists(File)) {
      Run.log(LogLevel::Info, "No responsefile specified or non existent, "
                              "not preseeding anything");
      return Error::success();
    }
    Run.log(LogLevel::Info,
            "Preseeding " + File + " to debconf-set-selections");
    return execute(Run.context(), {"/usr/bin/debconf-set-selections", File})
        .takeError();
  }

  /// Puppet's checkforcdrom: an active cdrom: line in sources.list.
  static bool sourcesHaveCdrom() {
    auto Buf = MemoryBuffer::getFile("/etc/apt/sources.list", /*IsText=*/true);
    if (!Buf)
      return false;
    SmallVector<StringRef, 16> Lines;
    (*Buf)->getBuffer().split(Lines, '\n');
    for (StringRef L : Lines)
      if (L.split('#').first.contains("cdrom:"))
        return true;
    return false;
  }

  Error applyEnsure(ResourceRun &Run, const std::string &Name, StringRef Ensure,
                    const DpkgState &Before) {
    Context &Ctx = Run.context();
    const ResourceView &R = Run.resource();
    Provider P = providerOf(R);
    if (P == Provider::Apt && R.has("responsefile"))
      if (Error Err = preseed(Run))
        return Err;
    if (Ensure == "absent" || Ensure == "purged") {
      bool Purge = Ensure == "purged";
      if (P == Provider::Dpkg)
        return execute(Ctx, {"/usr/bin/dpkg", Purge ? "--purge" : "-r", Name})
            .takeError();
      if (Error Err =
              execute(Ctx, pkg::aptRemoveArgv(Name, Purge, Before.held()))
                  .takeError())
        return Err;
      // Puppet's workaround: apt does not purge what is already removed.
      if (Purge)
        return execute(Ctx, {"/usr/bin/dpkg", "--purge", Name}).takeError();
      return Error::success();
    }

    bool Update = Ensure != "present";
    Error Err = install(Run, Name, Ensure, Before);
    if (Err && Update)
      return failure("Could not update: " + toString(std::move(Err)) +
                     R.location());
    return Err;
  }

  Error install(ResourceRun &Run, const std::string &Name, StringRef Ensure,
                const DpkgState &Before) {
    Context &Ctx = Run.context();
    const ResourceView &R = Run.resource();
    Provider P = providerOf(R);
    pkg::InstallRequest Req;
    Req.Name = Name;
    Req.Source = R.str("source");
    Req.ReplaceConfigFiles = R.str("configfiles") == "replace";
    if (P == Provider::Dpkg && Req.Source.empty())
      return failure("You cannot install dpkg packages without a source");
    if (P == Provider::Apt && !isKeyword(Ensure)) {
      Req.Version = Ensure.str();
      Expected<pkg::VersionRange> Range = pkg::VersionRange::parse(Ensure);
      if (!Range) {
        consumeError(Range.takeError());
      } else if (!Range->exact()) {
        // The highest available version in the range (Puppet's
        // best_version); the range itself when none is, so that apt says
        // what is wrong.
        Expected<ProcessResult> Out =
            execute(Ctx, {"/usr/bin/apt-cache", "madison", Name});
        if (!Out)
          return Out.takeError();
        if (auto Best = pkg::bestVersion(
                *Range, pkg::parseAptCacheMadison(Out->Output)))
          Req.Version = *Best;
        else
          Run.log(LogLevel::Debug, "No available version for package " + Name +
                                       " is included in range " + Ensure);
      }
    }
    if (const Json *Opts = R.param("install_options")) {
      Expected<std::vector<std::string>> List = pkg::packageOptions(*Opts);
      if (!List)
        return List.takeError();
      Req.Options = std::move(*List);
    }

    if (P == Provider::Apt && !R.boolean("allowcdrom").value_or(false) &&
        sourcesHaveCdrom())
      return failure("/etc/apt/sources.list contains a cdrom source; not "
                     "installing.  Use 'allowcdrom' to override this "
                     "failure.");
    if (Before.held())
      if (Error Err = setSelection(Ctx, Name, false))
        return Err;
    Error Err = execute(Ctx, P == Provider::Dpkg ? pkg::dpkgInstallArgv(Req)
                                                 : pkg::aptInstallArgv(Req))
                    .takeError();
    if (R.str("mark") == "hold")
      if (Error HoldErr = setSelection(Ctx, Name, true))
        Err = joinErrors(std::move(Err), std::move(HoldErr));
    if (Err)
      return Err;

    // From a source file, make sure the file had the wanted version.
    if (P == Provider::Apt && !Req.Source.empty() && Ensure != "present") {
      if (Error QErr = query(Ctx, {Name}))
        return QErr;
      std::string Is = lookup(Name).ensure();
      if (isGone(Is))
        return failure("Could not find package " + Name);
      // (Puppet also fails `latest` here; any version from the file is it.)
      bool Ok = Is == Ensure || Ensure == "latest";
      if (!Ok) {
        Expected<pkg::VersionRange> Range = pkg::VersionRange::parse(Ensure);
        if (Range)
          Ok = Range->includes(Is);
        else
          consumeError(Range.takeError());
      }
      if (!Ok)
        return failure("Failed to update to version " + Ensure +
                       ", got version " + Is + " instead");
    }
    return Error::success();
  }
};

} // namespace

std::unique_ptr<ResourceType> makePackageType() {
  return std::make_unique<PackageType>();
}
} // namespace cppet::apply
