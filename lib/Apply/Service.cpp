//===- Service.cpp - the service type (systemd and init-script providers) -===//
//
// Puppet 7's service type: ensure (running/stopped), enable (true/false,
// mask with systemd), refresh (restart a running service), with the
// providers Puppet picks on Debian: systemd when PID 1 is systemd, else
// debian (init scripts in /etc/init.d, `service NAME status`, update-rc.d
// and invoke-rc.d), plus init and base when asked for. Custom start, stop,
// status and restart commands are split into words with
// splitCommandLine() and run without a shell: unlike Puppet, shell syntax
// (pipes, redirections, `&&`, variables) is not interpreted; wrap such a
// command in `sh -c '...'` explicitly. A `pattern` is a POSIX extended
// regular expression matched against each process's command line (Puppet:
// a Ruby regexp against each line of `ps -ef`).
//
//===----------------------------------------------------------------------===//
#include "ServiceInit.h"
#include "Types.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <unistd.h>

using namespace llvm;

namespace cppet::apply {
namespace {

using svc::Provider;

Error failure(const Twine &Message) {
  return createStringError(inconvertibleErrorCode(), Message);
}

/// What PID 1 is called ("systemd", "init", ...); empty when unreadable.
std::string pid1Comm() {
  // Files in /proc have no size: read them as streams.
  auto Buf = MemoryBuffer::getFileAsStream("/proc/1/comm");
  return Buf ? (*Buf)->getBuffer().trim().str() : std::string();
}

/// ensure as running/stopped (true and false are aliases).
std::optional<std::string> wantedEnsure(const ResourceView &R) {
  if (!R.has("ensure"))
    return std::nullopt;
  std::string E = R.str("ensure");
  if (E == "true")
    return std::string("running");
  if (E == "false")
    return std::string("stopped");
  return E;
}

std::string enableEvent(StringRef Want) {
  if (Want == "true")
    return "service_enabled";
  if (Want == "manual")
    return "service_manual_start";
  if (Want == "delayed")
    return "service_delayed_start";
  return "service_disabled"; // false, mask
}

/// One service under one provider: Puppet's provider instance.
class ServiceControl {
public:
  ServiceControl(const ResourceView &R, Context &Ctx, Provider P)
      : R(R), Ctx(Ctx), P(P), Name(R.name()) {}

  Expected<bool> running() {
    Expected<std::optional<Command>> Cmd = command("status");
    if (!Cmd)
      return Cmd.takeError();
    if (!*Cmd) {
      Expected<std::optional<Command>> Own = statusCommand();
      if (!Own)
        return Own.takeError();
      *Cmd = std::move(*Own);
    }
    if (*Cmd) {
      Expected<ProcessResult> Res = exec(**Cmd);
      if (!Res)
        return Res.takeError();
      return Res->ExitCode == 0;
    }
    Expected<std::optional<pid_t>> Pid = findPid();
    if (!Pid)
      return Pid.takeError();
    if (*Pid)
      Ctx.log(LogLevel::Debug, "Puppet", "PID is " + std::to_string(**Pid));
    return Pid->has_value();
  }

  Error start() {
    if (P == Provider::Systemd)
      return systemd("start", [&]() -> Error {
        daemonReload();
        return run("start", [&]() -> Expected<Command> {
          if (Error E = checked(systemctl({"unmask", "--", Name})).takeError())
            return E;
          return systemctl({"start", "--", Name});
        });
      });
    return run("start", [&]() -> Expected<Command> {
      if (P == Provider::Base) {
        if (!R.has("binary"))
          return failure("Services must specify a start command or a binary");
        return split(R.str("binary"));
      }
      return initCommand("start");
    });
  }

  Error stop() {
    if (P == Provider::Systemd)
      return systemd("stop", [&]() -> Error {
        return run("stop", [&]() -> Expected<Command> {
          return systemctl({"stop", "--", Name});
        });
      });
    if (P == Provider::Base && !R.has("stop")) {
      Expected<std::optional<pid_t>> Pid = findPid();
      if (!Pid)
        return Pid.takeError();
      if (!*Pid) {
        Ctx.log(LogLevel::Info, "Puppet", Name + " is not running");
        return Error::success();
      }
      Ctx.log(LogLevel::Debug, "Puppet",
              "Executing: kill " + std::to_string(**Pid));
      if (::kill(**Pid, SIGTERM) != 0)
        return failure("Could not kill " + Name + ", PID " +
                       std::to_string(**Pid) + ": " + std::strerror(errno));
      return Error::success();
    }
    return run("stop",
               [&]() -> Expected<Command> { return initCommand("stop"); });
  }

  Error restart() {
    auto Restart = [&]() -> Error {
      Expected<std::optional<Command>> Custom = command("restart");
      if (!Custom)
        return Custom.takeError();
      bool Own = P == Provider::Systemd ||
                 ((P == Provider::Debian || P == Provider::Init) &&
                  R.boolean("hasrestart").value_or(false));
      if (!*Custom && !Own) {
        if (Error E = stop())
          return E;
        return start();
      }
      return run("restart", [&]() -> Expected<Command> {
        if (P == Provider::Systemd)
          return systemctl({"restart", "--", Name});
        return initCommand("restart");
      });
    };
    if (P == Provider::Systemd)
      return systemd("restart", [&]() -> Error {
        daemonReload();
        return Restart();
      });
    return Restart();
  }

  /// "true", "false" or "mask".
  Expected<std::string> enabled() {
    if (P == Provider::Systemd) {
      Expected<ProcessResult> Res = isEnabled();
      if (!Res)
        return Res.takeError();
      if (auto E = svc::systemdEnabled(Res->Output, Res->ExitCode,
                                       R.str("enable") == "mask"))
        return *E;
    }
    return debianEnabled();
  }

  bool enableInSync(StringRef Current, StringRef Want) {
    if (P != Provider::Systemd)
      return Current == Want;
    Expected<ProcessResult> Res = isEnabled();
    if (!Res) {
      consumeError(Res.takeError());
      return Current == Want;
    }
    return svc::systemdEnableInSync(Res->Output, Current, Want);
  }

  Error setEnable(StringRef Want) {
    CachedIsEnabled.reset();
    if (P == Provider::Systemd) {
      if (Want == "true") {
        if (Error E = changeEnable("unmask"))
          return E;
        return changeEnable("enable");
      }
      if (Want == "mask") {
        Expected<ProcessResult> Cat = exec(systemctl({"cat", "--", Name}));
        if (!Cat)
          return Cat.takeError();
        if (Cat->ExitCode == 0)
          if (Error E = changeEnable("disable"))
            return E;
        return changeEnable("mask");
      }
      return changeEnable("disable");
    }
    // debian: what update-rc.d does with the rc links.
    if (Want == "true") {
      if (Error E = checked(updateRc({"-f", Name, "remove"})).takeError())
        return E;
      return checked(updateRc({Name, "defaults"})).takeError();
    }
    return checked(updateRc({Name, "disable"})).takeError();
  }

private:
  /// A program and how it reads in messages (the custom command as
  /// written, or the arguments joined by blanks).
  struct Command {
    std::vector<std::string> Argv;
    std::string Text;
  };

  const ResourceView &R;
  Context &Ctx;
  Provider P;
  std::string Name;
  std::optional<ProcessResult> CachedIsEnabled;

  static Command make(std::vector<std::string> Argv) {
    std::string Text = join(Argv, " ");
    return {std::move(Argv), std::move(Text)};
  }
  static Command systemctl(std::vector<std::string> Args) {
    Args.insert(Args.begin(), "/usr/bin/systemctl");
    return make(std::move(Args));
  }
  static Command updateRc(std::vector<std::string> Args) {
    Args.insert(Args.begin(), "/usr/sbin/update-rc.d");
    return make(std::move(Args));
  }
  static Expected<Command> split(StringRef Text) {
    Expected<std::vector<std::string>> Argv = splitCommandLine(Text);
    if (!Argv)
      return Argv.takeError();
    if (Argv->empty())
      return failure("empty command");
    return Command{std::move(*Argv), Text.str()};
  }

  /// The custom command of parameter Action (start, stop, status,
  /// restart), if set.
  Expected<std::optional<Command>> command(StringRef Action) {
    if (!R.has(Action))
      return std::optional<Command>();
    Expected<Command> C = split(R.str(Action));
    if (!C)
      return C.takeError();
    return std::optional<Command>(std::move(*C));
  }

  /// The provider's own status command; none means searching the process
  /// table.
  Expected<std::optional<Command>> statusCommand() {
    bool HasStatus = R.boolean("hasstatus").value_or(true);
    switch (P) {
    case Provider::Systemd:
      return std::optional<Command>(systemctl({"is-active", "--", Name}));
    case Provider::Debian:
      if (!HasStatus)
        return std::optional<Command>();
      return std::optional<Command>(
          make({"/usr/sbin/service", Name, "status"}));
    case Provider::Init: {
      if (!HasStatus)
        return std::optional<Command>();
      Expected<Command> C = initCommand("status");
      if (!C)
        return C.takeError();
      return std::optional<Command>(std::move(*C));
    }
    case Provider::Base:
      break;
    }
    return std::optional<Command>();
  }

  std::vector<std::string> searchPaths() {
    std::vector<std::string> Out;
    for (const std::string &P : R.list("path")) {
      SmallVector<StringRef, 4> Parts;
      StringRef(P).split(Parts, ':', -1, /*KeepEmpty=*/false);
      for (StringRef Part : Parts)
        Out.push_back(Part.str());
    }
    if (Out.empty())
      Out.emplace_back("/etc/init.d");
    return Out;
  }

  Expected<Command> initCommand(StringRef Action) {
    Expected<std::string> Script = svc::findInitScript(searchPaths(), Name);
    if (!Script)
      return Script.takeError();
    return make({*Script, Action.str()});
  }

  /// Runs C (logged "Executing: ..." by the context); any exit status.
  Expected<ProcessResult> exec(const Command &C) {
    ProcessSpec Spec;
    Spec.Argv = C.Argv;
    return Ctx.run(Spec);
  }
  /// Runs C; an error unless it exits 0.
  Expected<ProcessResult> checked(const Command &C) {
    Expected<ProcessResult> Res = exec(C);
    if (!Res)
      return Res.takeError();
    if (!Res->succeeded())
      return executionError(C.Text, *Res);
    return Res;
  }

  /// Puppet's service_command(Action): the custom command, else the
  /// provider's; failures read "Could not start Service[x]: ...".
  Error run(StringRef Action, function_ref<Expected<Command>()> Own) {
    auto Fail = [&](Error E) {
      return failure("Could not " + Action + " " + R.ref() + ": " +
                     toString(std::move(E)) + R.location());
    };
    Expected<std::optional<Command>> Custom = command(Action);
    if (!Custom)
      return Fail(Custom.takeError());
    std::optional<Command> C = std::move(*Custom);
    if (!C) {
      // Missing init scripts and binaries are reported as they are.
      Expected<Command> Mine = Own();
      if (!Mine)
        return Mine.takeError();
      C = std::move(*Mine);
    }
    if (Error E = checked(*C).takeError())
      return Fail(std::move(E));
    return Error::success();
  }

  /// systemd's wrapping of start/stop/restart failures, with the unit's
  /// recent journal (Puppet's prepare_error_message; Puppet drops the
  /// original message, cppet keeps it).
  Error systemd(StringRef Action, function_ref<Error()> Body) {
    Error E = Body();
    if (!E)
      return E;
    std::string Message = "Systemd " + Action.str() + " for " + Name +
                          " failed!\n" + toString(std::move(E)) +
                          "\njournalctl log for " + Name + ":\n";
    Expected<ProcessResult> Journal =
        exec(make({"/usr/bin/journalctl", "-n", "50", "--since",
                   "5 minutes ago", "-u", Name, "--no-pager"}));
    if (Journal)
      Message += StringRef(Journal->Output).trim().str();
    else
      consumeError(Journal.takeError());
    return failure(Message);
  }

  void daemonReload() {
    Expected<ProcessResult> Show =
        exec(systemctl({"show", "--property=NeedDaemonReload", "--", Name}));
    if (!Show) {
      consumeError(Show.takeError());
      return;
    }
    if (StringRef(Show->Output).trim().rsplit('=').second == "yes")
      if (auto Reload = exec(systemctl({"daemon-reload"})); !Reload)
        consumeError(Reload.takeError());
  }

  Expected<ProcessResult> isEnabled() {
    if (!CachedIsEnabled) {
      Expected<ProcessResult> Res = exec(systemctl({"is-enabled", "--", Name}));
      if (!Res)
        return Res.takeError();
      CachedIsEnabled = std::move(*Res);
    }
    return *CachedIsEnabled;
  }

  Error changeEnable(StringRef Action) {
    Expected<ProcessResult> Res =
        checked(systemctl({Action.str(), "--", Name}));
    if (!Res)
      return failure("Could not " + Action + " " + Name + ": " +
                     toString(Res.takeError()));
    return Error::success();
  }

  Expected<std::string> debianEnabled() {
    Expected<ProcessResult> Query = exec(
        make({"/usr/sbin/invoke-rc.d", "--quiet", "--query", Name, "start"}));
    if (!Query)
      return Query.takeError();
    // systemd unit names are counted without ".service".
    StringRef LinkName = Name;
    if (P == Provider::Systemd && LinkName.contains(".service"))
      LinkName = LinkName.split('.').first;
    return svc::debianEnabled(Query->ExitCode,
                              svc::countStartLinks("/etc", LinkName));
  }

  Expected<std::optional<pid_t>> findPid() {
    std::string Pattern = R.str("pattern");
    if (Pattern.empty())
      Pattern = R.has("binary") ? R.str("binary") : Name;
    return svc::findProcess("/proc", Pattern, ::getpid());
  }
};

class ServiceType final : public ResourceType {
public:
  explicit ServiceType(std::string Pid1Comm)
      : Pid1(std::move(Pid1Comm)), Default(svc::defaultProvider(Pid1)) {}

  StringRef name() const override { return "service"; }

  std::vector<StringRef> parameters() const override {
    return {"name",    "ensure",     "enable",       "binary",       "control",
            "flags",   "hasrestart", "hasstatus",    "manifest",     "path",
            "pattern", "provider",   "restart",      "start",        "status",
            "stop",    "timeout",    "logonaccount", "logonpassword"};
  }

  Error validate(const ResourceView &R) const override {
    auto ParamError = [&](StringRef Param, const Twine &Msg) {
      return parameterError(R, Param, Msg);
    };
    if (R.has("provider") && !svc::parseProvider(R.str("provider")))
      return ParamError("provider",
                        "Invalid service provider '" + R.str("provider") + "'");
    Provider P = providerOf(R);
    if (auto E = wantedEnsure(R); E && *E != "running" && *E != "stopped")
      return ParamError("ensure", "Invalid value \"" + R.str("ensure") +
                                      "\". Valid values are stopped, "
                                      "running.");
    // Providers that cannot enable ignore `enable` (Puppet: a debug line).
    if (R.has("enable") && svc::canEnable(P)) {
      std::string E = R.str("enable");
      if (E != "true" && E != "false" && E != "manual" && E != "mask" &&
          E != "delayed")
        return ParamError("enable", "Invalid value \"" + E +
                                        "\". Valid values are true, false, "
                                        "manual, mask, delayed.");
      StringRef Feature = E == "manual"    ? "manual_startable"
                          : E == "delayed" ? "delayed_startable"
                          : E == "mask" && P != Provider::Systemd ? "maskable"
                                                                  : "";
      if (!Feature.empty())
        return ParamError("enable", "Provider " + svc::providerName(P) +
                                        " must have features '" + Feature +
                                        "' to set 'enable' to '" + E + "'");
    }
    for (StringRef Param : {"hasstatus", "hasrestart"})
      if (R.has(Param) && !R.boolean(Param))
        return ParamError(Param, "Invalid value \"" + R.str(Param) +
                                     "\". Valid values are true, false.");
    for (StringRef Param : {"start", "stop", "status", "restart", "binary"}) {
      if (!R.has(Param))
        continue;
      Expected<std::vector<std::string>> Argv = splitCommandLine(R.str(Param));
      if (!Argv)
        return ParamError(Param, toString(Argv.takeError()));
      if (Argv->empty())
        return ParamError(Param, "empty command");
    }
    return Error::success();
  }

  std::string provider(const ResourceView &R) const override {
    return svc::providerName(providerOf(R)).str();
  }

  void sync(ResourceRun &Run) override {
    const ResourceView &R = Run.resource();
    Provider P = providerOf(R);
    if (!suitable(P, [&](const Twine &Msg) { Run.fail(Msg); }))
      return;
    ServiceControl Svc(R, Run.context(), P);
    std::optional<std::string> Want = wantedEnsure(R);
    bool ManageEnable = R.has("enable") && svc::canEnable(P);

    if (Want) {
      Expected<bool> Running = Svc.running();
      if (!Running) {
        Run.fail("Could not evaluate: " + toString(Running.takeError()));
        return;
      }
      std::string Is = *Running ? "running" : "stopped";
      if (Is != *Want) {
        bool Start = *Want == "running";
        bool Changed = Run.change(
            "ensure", Json(Is), Json(*Want),
            [&]() { return Start ? Svc.start() : Svc.stop(); }, "",
            Start ? "service_started" : "service_stopped");
        // Puppet's ensure also brings enable along, without an event of
        // its own, and then skips the other properties.
        if (Changed && ManageEnable)
          syncEnableQuietly(Run, Svc, R.str("enable"));
        return;
      }
    }

    if (ManageEnable) {
      std::string WantEnable = R.str("enable");
      Expected<std::string> Is = Svc.enabled();
      if (!Is) {
        Run.fail("Could not evaluate: " + toString(Is.takeError()));
        return;
      }
      if (!Svc.enableInSync(*Is, WantEnable))
        Run.change(
            "enable", Json(*Is), Json(WantEnable),
            [&]() { return Svc.setEnable(WantEnable); }, "",
            enableEvent(WantEnable));
    }
  }

  bool refreshable() const override { return true; }

  void refresh(ResourceRun &Run) override {
    // Puppet drops the refreshes of a service its ensure just started
    // (service_started invalidates them): no second start.
    for (const Event &E : Run.status().Events)
      if (E.Name == "service_started" && E.Status == "success") {
        Run.log(LogLevel::Debug,
                "Skipping restart; the service was started in this run");
        return;
      }
    const ResourceView &R = Run.resource();
    Provider P = providerOf(R);
    auto Fail = [&](const Twine &Msg) {
      Run.status().FailedToRestart = true;
      Run.fail("Failed to call refresh: " + Msg);
    };
    if (!suitable(P, Fail))
      return;
    ServiceControl Svc(R, Run.context(), P);
    Expected<bool> Running = Svc.running();
    if (!Running) {
      Fail(toString(Running.takeError()));
      return;
    }
    if (!*Running) {
      Run.log(LogLevel::Debug, "Skipping restart; service is not running");
      return;
    }
    if (Error E = Svc.restart())
      Fail(toString(std::move(E)));
  }

  Expected<Json> retrieve(const ResourceView &R, Context &Ctx) override {
    Provider P = providerOf(R);
    std::string Why;
    if (!suitable(P, [&](const Twine &Msg) { Why = Msg.str(); }))
      return failure(Why);
    ServiceControl Svc(R, Ctx, P);
    Expected<bool> Running = Svc.running();
    if (!Running)
      return Running.takeError();
    Json Out = Json::object();
    Out["ensure"] = *Running ? "running" : "stopped";
    if (svc::canEnable(P)) {
      Expected<std::string> Enabled = Svc.enabled();
      if (!Enabled)
        return Enabled.takeError();
      Out["enable"] = *Enabled;
    }
    Out["provider"] = svc::providerName(P).str();
    return Out;
  }

  Expected<std::vector<std::string>> instances(Context &Ctx) override {
    if (Default != Provider::Systemd)
      return svc::initScripts({"/etc/init.d"});
    ProcessSpec Spec;
    Spec.Argv = {"/usr/bin/systemctl",
                 "list-unit-files",
                 "--type",
                 "service",
                 "--full",
                 "--all",
                 "--no-pager"};
    Expected<ProcessResult> Res = Ctx.run(Spec);
    if (!Res)
      return Res.takeError();
    // Puppet lists nothing when systemctl fails.
    if (!Res->succeeded())
      return std::vector<std::string>();
    return svc::parseUnitFiles(Res->Output);
  }

private:
  /// What PID 1 is called: it decides the default provider.
  std::string Pid1;
  Provider Default;

  Provider providerOf(const ResourceView &R) const {
    if (auto P = svc::parseProvider(R.str("provider")))
      return *P;
    return Default;
  }

  bool suitable(Provider P, function_ref<void(const Twine &)> Fail) const {
    if (svc::providerSuitable(P, Pid1))
      return true;
    Fail("Provider " + svc::providerName(P) +
         " is not functional on this host");
    return false;
  }

  static void syncEnableQuietly(ResourceRun &Run, ServiceControl &Svc,
                                StringRef Want) {
    Expected<std::string> Is = Svc.enabled();
    if (!Is) {
      Run.fail(toString(Is.takeError()));
      return;
    }
    if (Svc.enableInSync(*Is, Want))
      return;
    if (Error E = Svc.setEnable(Want))
      Run.fail(toString(std::move(E)));
  }
};

} // namespace

std::unique_ptr<ResourceType> svc::makeServiceTypeFor(StringRef Pid1Comm) {
  return std::make_unique<ServiceType>(Pid1Comm.str());
}

std::unique_ptr<ResourceType> makeServiceType() {
  return svc::makeServiceTypeFor(pid1Comm());
}
} // namespace cppet::apply
