//===- Exec.cpp - the exec type -------------------------------------------===//
//
// Commands run without a shell (split into words as a shell would, nothing
// expanded), unless provider => shell, which runs `/bin/sh -c COMMAND`.
// creates/onlyif/unless decide whether to run; refreshonly execs run only
// on refresh; returns, timeout, tries/try_sleep, logoutput as Puppet's.
//
//===----------------------------------------------------------------------===//
#include "FileUtil.h"
#include "Types.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"

#include <chrono>
#include <set>
#include <thread>
#include <unistd.h>

using namespace llvm;

namespace cppet::apply {
namespace {

class ExecType final : public ResourceType {
public:
  StringRef name() const override { return "exec"; }
  StringRef namevar() const override { return "command"; }
  std::vector<StringRef> parameters() const override {
    return {"command",  "path",    "cwd",    "environment", "user",
            "group",    "creates", "onlyif", "unless",      "refreshonly",
            "returns",  "timeout", "tries",  "try_sleep",   "logoutput",
            "provider", "umask",   "refresh"};
  }

  Error validate(const ResourceView &R) const override {
    std::string Provider = R.str("provider", "posix");
    if (Provider != "posix" && Provider != "shell")
      return createStringError(inconvertibleErrorCode(),
                               "Invalid exec provider '" + Provider + "'");
    if (Provider == "posix") {
      std::vector<std::string> Cmds = {R.name()};
      for (const char *P : {"onlyif", "unless"})
        for (const std::string &C : R.list(P))
          Cmds.push_back(C);
      for (const std::string &Cmd : Cmds) {
        auto Words = splitCommandLine(Cmd);
        if (!Words)
          return Words.takeError();
        if (Words->empty())
          return createStringError(inconvertibleErrorCode(), "Empty command");
        if (!StringRef((*Words)[0]).startswith("/") && !R.has("path"))
          return createStringError(
              inconvertibleErrorCode(),
              "'" + Cmd +
                  "' is not qualified and no path was specified. Please "
                  "qualify the command or specify a path.");
      }
    }
    for (const std::string &C : R.list("creates"))
      if (!StringRef(C).startswith("/"))
        return createStringError(inconvertibleErrorCode(),
                                 "'creates' must be set to a fully qualified "
                                 "path, not '" +
                                     C + "'");
    for (const char *Num : {"timeout", "tries", "try_sleep"})
      if (R.has(Num)) {
        double V;
        if (StringRef(R.str(Num)).getAsDouble(V) || V < 0)
          return createStringError(inconvertibleErrorCode(),
                                   "The " + std::string(Num) +
                                       " must be a number, not '" + R.str(Num) +
                                       "'");
      }
    std::string LogOutput = R.str("logoutput", "on_failure");
    if (!is_contained(ArrayRef<StringRef>{"true", "false", "on_failure"},
                      StringRef(LogOutput)))
      return createStringError(inconvertibleErrorCode(),
                               "Invalid value for logoutput: '" + LogOutput +
                                   "'");
    return Error::success();
  }

  std::vector<std::string> autorequire(const ResourceView &R) const override {
    std::vector<std::string> Out;
    if (R.has("cwd"))
      Out.push_back("File[" + R.str("cwd") + "]");
    if (R.has("user"))
      Out.push_back("User[" + R.str("user") + "]");
    if (R.has("group"))
      Out.push_back("Group[" + R.str("group") + "]");
    if (auto Words = splitCommandLine(R.name());
        Words && !Words->empty() && StringRef((*Words)[0]).startswith("/"))
      Out.push_back("File[" + (*Words)[0] + "]");
    else if (!Words)
      consumeError(Words.takeError());
    return Out;
  }

  std::string provider(const ResourceView &R) const override {
    return R.str("provider", "posix");
  }

  bool refreshable() const override { return true; }

  void sync(ResourceRun &Run) override {
    const ResourceView &R = Run.resource();
    if (R.boolean("refreshonly").value_or(false))
      return;
    if (!shouldRun(Run))
      return;
    execute(Run, R.name());
  }

  void refresh(ResourceRun &Run) override {
    const ResourceView &R = Run.resource();
    if (!shouldRun(Run))
      return;
    std::string Cmd = R.has("refresh") ? R.str("refresh") : R.name();
    // A refresh runs the command without an event of its own.
    if (Error E = runCommand(Run, Cmd)) {
      Run.log(LogLevel::Err,
              "Failed to call refresh: " + toString(std::move(E)));
      Run.status().FailedToRestart = true;
    }
  }

private:
  std::vector<std::string> environmentOf(const ResourceView &R) const {
    std::vector<std::string> Env;
    std::set<std::string> Overridden;
    std::vector<std::string> Extra = R.list("environment");
    std::string Path = join(R.list("path"), ":");
    for (const std::string &E : Extra)
      Overridden.insert(E.substr(0, E.find('=')));
    if (!Path.empty())
      Overridden.insert("PATH");
    for (char **E = environ; *E; ++E) {
      StringRef Entry(*E);
      if (!Overridden.count(Entry.split('=').first.str()))
        Env.push_back(Entry.str());
    }
    if (!Path.empty())
      Env.push_back("PATH=" + Path);
    for (const std::string &E : Extra)
      Env.push_back(E);
    return Env;
  }

  Expected<ProcessSpec> specFor(const ResourceView &R,
                                const std::string &Cmd) const {
    ProcessSpec Spec;
    if (R.str("provider", "posix") == "shell") {
      Spec.Argv = {"/bin/sh", "-c", Cmd};
    } else {
      auto Words = splitCommandLine(Cmd);
      if (!Words)
        return Words.takeError();
      Spec.Argv = std::move(*Words);
    }
    Spec.Environment = environmentOf(R);
    Spec.Cwd = R.str("cwd");
    if (R.has("user")) {
      std::optional<uid_t> U = lookupUid(R.str("user"));
      if (!U)
        return createStringError(inconvertibleErrorCode(),
                                 "no such user " + R.str("user"));
      Spec.Uid = *U;
    }
    if (R.has("group")) {
      std::optional<gid_t> G = lookupGid(R.str("group"));
      if (!G)
        return createStringError(inconvertibleErrorCode(),
                                 "no such group " + R.str("group"));
      Spec.Gid = *G;
    }
    double Timeout = 300;
    if (R.has("timeout"))
      StringRef(R.str("timeout")).getAsDouble(Timeout);
    Spec.Timeout = std::chrono::milliseconds(static_cast<long>(Timeout * 1000));
    return Spec;
  }

  /// creates/onlyif/unless.
  bool shouldRun(ResourceRun &Run) const {
    const ResourceView &R = Run.resource();
    for (const std::string &C : R.list("creates"))
      if (sys::fs::exists(C)) {
        Run.log(LogLevel::Debug, "Skipping because " + C + " exists");
        return false;
      }
    for (const char *Check : {"onlyif", "unless"}) {
      bool Unless = StringRef(Check) == "unless";
      for (const std::string &Cmd : R.list(Check)) {
        auto Spec = specFor(R, Cmd);
        if (!Spec) {
          Run.fail("Could not evaluate: " + toString(Spec.takeError()));
          return false;
        }
        auto Res = Run.context().run(*Spec);
        if (!Res) {
          // A check that cannot even start counts as failed.
          Run.log(LogLevel::Debug, toString(Res.takeError()));
          if (!Unless)
            return false;
          continue;
        }
        if (Unless && Res->succeeded()) {
          Run.log(LogLevel::Debug, "Skipping because of 'unless' command");
          return false;
        }
        if (!Unless && !Res->succeeded()) {
          Run.log(LogLevel::Debug, "Skipping because of failed 'onlyif'");
          return false;
        }
      }
    }
    return true;
  }

  Json desiredReturns(const ResourceView &R) const {
    Json Desired = Json::array();
    for (const std::string &Ret : returnCodes(R))
      Desired.push_back(Ret);
    return Desired;
  }

  std::vector<std::string> returnCodes(const ResourceView &R) const {
    std::vector<std::string> Returns = R.list("returns");
    if (Returns.empty())
      Returns = {"0"};
    return Returns;
  }

  /// Runs Cmd with the resource's tries, try_sleep and logoutput.
  Error runCommand(ResourceRun &Run, const std::string &Cmd) const {
    const ResourceView &R = Run.resource();
    std::vector<std::string> Returns = returnCodes(R);
    int Tries = 1;
    double TrySleep = 0;
    if (R.has("tries"))
      Tries = std::max(1, std::atoi(R.str("tries").c_str()));
    if (R.has("try_sleep"))
      StringRef(R.str("try_sleep")).getAsDouble(TrySleep);
    std::string LogOutput = R.str("logoutput", "on_failure");
    auto Spec = specFor(R, Cmd);
    if (!Spec)
      return Spec.takeError();
    std::string Failure;
    for (int Try = 0; Try < Tries; ++Try) {
      if (Try > 0 && TrySleep > 0)
        std::this_thread::sleep_for(
            std::chrono::milliseconds(static_cast<long>(TrySleep * 1000)));
      auto Res = Run.context().run(*Spec);
      if (!Res)
        return createStringError(inconvertibleErrorCode(),
                                 "Could not find command '" + Spec->Argv[0] +
                                     "'");
      bool Ok = !Res->TimedOut &&
                is_contained(Returns, std::to_string(Res->ExitCode));
      if (LogOutput == "true" || (!Ok && LogOutput == "on_failure")) {
        SmallVector<StringRef, 16> Lines;
        StringRef(Res->Output).split(Lines, '\n', -1, false);
        for (StringRef L : Lines)
          Run.log(Ok ? LogLevel::Notice : LogLevel::Err, L, "returns");
      }
      if (Ok)
        return Error::success();
      if (Res->TimedOut)
        Failure = "Command exceeded timeout";
      else
        Failure = "'" + Cmd + "' returned " + std::to_string(Res->ExitCode) +
                  " instead of one of [" + join(Returns, ", ") + "]";
    }
    return createStringError(inconvertibleErrorCode(), Failure);
  }

  void execute(ResourceRun &Run, const std::string &Cmd) const {
    Run.change(
        "returns", "notrun", desiredReturns(Run.resource()),
        [&]() -> Error {
          Error E = runCommand(Run, Cmd);
          if (E) {
            std::string Msg = toString(std::move(E));
            Run.context().log(LogLevel::Err, "Puppet", Msg);
            return createStringError(inconvertibleErrorCode(), Msg);
          }
          return Error::success();
        },
        "executed successfully", "executed_command");
  }
};

} // namespace

std::unique_ptr<ResourceType> makeExecType() {
  return std::make_unique<ExecType>();
}

} // namespace cppet::apply
