//===- ResourceType.h - What a resource type implements ---------*- C++ -*-===//
//
// Every resource type the agent can apply (file, package, service, exec,
// user, group, cron, host, notify, ...) is a ResourceType: it names its
// parameters, validates values before anything changes, lists what it
// autorequires, and has one entry point, sync(), that checks the system and
// either changes what differs or, in noop mode, only reports it. Changes go
// through ResourceRun::change(), which owns the noop decision, the events,
// the log lines and failure handling, so every type reports the same way.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_APPLY_RESOURCETYPE_H
#define CPPET_APPLY_RESOURCETYPE_H

#include "cppet/Apply/Report.h"
#include "cppet/Catalog/Catalog.h"
#include "cppet/Support/Process.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cppet::apply {

class Filebucket;

/// Reads the contents behind a `source` URL that is not a local path
/// (`puppet:///modules/...`); masterless runs read modules' files/, the
/// agent fetches from the master.
class FileFetcher {
public:
  virtual ~FileFetcher() = default;
  struct Metadata {
    std::string Type; // file, directory, link
    unsigned Mode = 0;
    std::string Owner, Group;
    std::string Destination; // links
  };
  /// The local path of Source if it can be read from the filesystem (a
  /// module's files/ folder); std::nullopt otherwise.
  virtual std::optional<std::string> localPath(llvm::StringRef Source) = 0;
  virtual llvm::Expected<std::string> content(llvm::StringRef Source) = 0;
};

/// A read-only view of one catalog resource, with typed accessors.
class ResourceView {
public:
  ResourceView(const catalog::Resource &R, std::string Namevar)
      : R(&R), Namevar(std::move(Namevar)) {}
  const catalog::Resource &resource() const { return *R; }
  const std::string &type() const { return R->Type; }
  const std::string &title() const { return R->Title; }
  std::string ref() const { return R->ref(); }
  /// The namevar's value: its parameter if set, else the title.
  std::string name() const;
  const Json *param(llvm::StringRef Name) const;
  bool has(llvm::StringRef Name) const { return param(Name) != nullptr; }
  /// A string parameter (numbers are printed); Default when absent.
  std::string str(llvm::StringRef Name, llvm::StringRef Default = "") const;
  /// A boolean parameter: true/false and the strings "true"/"false"/"yes"/"no".
  std::optional<bool> boolean(llvm::StringRef Name) const;
  /// A parameter as a list of strings (a scalar is one element).
  std::vector<std::string> list(llvm::StringRef Name) const;
  /// Puppet's " (file: F, line: L)" after errors about this resource;
  /// empty when it has neither.
  std::string location() const;

private:
  const catalog::Resource *R;
  std::string Namevar;
};

enum class LogLevel { Debug, Info, Notice, Warning, Err };
llvm::StringRef logLevelName(LogLevel L);

/// What types see of the run: options, the log, processes, the filebucket.
class Context {
public:
  virtual ~Context() = default;
  virtual bool debug() const = 0;
  /// Logs to the console and the report.
  virtual void log(LogLevel Level, const std::string &Source,
                   const std::string &Message) = 0;
  /// Runs a program (never through a shell), logging "Executing: ..." at
  /// debug level.
  virtual llvm::Expected<ProcessResult> run(const ProcessSpec &Spec) = 0;
  /// The local filebucket for backups; may be null (backups disabled).
  virtual Filebucket *bucket() = 0;
  /// How `puppet:///` sources are read; may be null.
  virtual FileFetcher *fetcher() = 0;
  /// Whether the catalog manages Type[Title] (lowercase type name).
  virtual bool manages(llvm::StringRef Type, llvm::StringRef Title) const = 0;
};

/// Puppet's rendering of a value in change messages: strings in single
/// quotes, arrays as ['a', 'b'], numbers and booleans bare.
std::string formatValue(const Json &V);

/// Puppet's Property#change_to_s: "defined 'P' as V" when the property was
/// absent, "undefined 'P' from V" when it becomes absent, else "P changed
/// 'a' to 'b'".
std::string changeMessage(llvm::StringRef Property, const Json &Current,
                          const Json &Desired);

/// "Parameter P failed on Type[title]: Msg (file: F, line: L)", the error
/// of an invalid parameter value.
llvm::Error parameterError(const ResourceView &R, llvm::StringRef Param,
                           const llvm::Twine &Msg);

/// An error unless parameter Param (when set) is one of Valid, worded as
/// Puppet: Invalid value "x". Valid values are a, b.
llvm::Error checkValue(const ResourceView &R, llvm::StringRef Param,
                       llvm::ArrayRef<llvm::StringRef> Valid);

/// Puppet's Puppet::ExecutionFailure: "Execution of 'CMD' returned N:
/// OUTPUT" (or timed out / was killed by signal S).
llvm::Error executionError(llvm::StringRef Cmd, const ProcessResult &R);

/// One resource being evaluated: the view, the context and the status that
/// collects its events.
class ResourceRun {
public:
  ResourceRun(const ResourceView &View, Context &Ctx, ResourceStatus &Status,
              bool Noop)
      : View(View), Ctx(Ctx), Status(Status), Noop(Noop) {}

  const ResourceView &resource() const { return View; }
  Context &context() { return Ctx; }
  bool noop() const { return Noop; }
  /// "/Stage[main]/Main/File[/etc/motd]" (the log source of this resource).
  std::string path() const;

  /// Records that Property is out of sync (Current -> Desired). In noop
  /// mode records a noop event ("current_value 'a', should be 'b' (noop)")
  /// and returns false. Otherwise calls Fix: on success records a success
  /// event with Message (default: changeMessage()) and returns
  /// true; on error records a failure event ("change from 'a' to 'b'
  /// failed: ..."), marks the resource failed and returns false.
  bool change(llvm::StringRef Property, const Json &Current,
              const Json &Desired, llvm::function_ref<llvm::Error()> Fix,
              std::string Message = "", std::string EventName = "");
  /// The resource failed outside any property change (e.g. its state could
  /// not be read): logs an error and marks it failed.
  void fail(const llvm::Twine &Message);
  /// Logs with this resource (or Resource/property) as the source.
  void log(LogLevel Level, const llvm::Twine &Message,
           llvm::StringRef Property = "");
  bool failed() const { return Status.Failed; }
  ResourceStatus &status() { return Status; }

private:
  const ResourceView &View;
  Context &Ctx;
  ResourceStatus &Status;
  bool Noop;
};

class ResourceType {
public:
  virtual ~ResourceType() = default;
  /// Lowercase name: "file".
  virtual llvm::StringRef name() const = 0;
  /// The parameter that holds the resource's name ("path", "command").
  virtual llvm::StringRef namevar() const { return "name"; }
  /// Every parameter and property the type accepts (metaparameters such as
  /// require or noop are handled by the transaction and not listed).
  virtual std::vector<llvm::StringRef> parameters() const = 0;
  /// Checks values before anything is changed; an error fails the resource.
  virtual llvm::Error validate(const ResourceView &R) const {
    (void)R;
    return llvm::Error::success();
  }
  /// References ("File[/etc]", "User[bob]") this resource depends on when
  /// the catalog has them.
  virtual std::vector<std::string> autorequire(const ResourceView &R) const {
    (void)R;
    return {};
  }
  /// Called once before the run with all resources of this type, so that
  /// their state can be read in one go (one dpkg-query for all packages).
  virtual void prefetch(llvm::ArrayRef<const ResourceView *> Resources,
                        Context &Ctx) {
    (void)Resources;
    (void)Ctx;
  }
  /// Brings the resource to its desired state (or reports, in noop).
  virtual void sync(ResourceRun &Run) = 0;
  /// Whether refresh() means anything (services restart, execs run).
  virtual bool refreshable() const { return false; }
  /// A refresh event arrived (notify/subscribe) and sync() went well.
  virtual void refresh(ResourceRun &Run) { (void)Run; }
  /// The provider in use, for the report ("apt", "systemd", "posix").
  virtual std::string provider(const ResourceView &R) const {
    (void)R;
    return "";
  }
  /// Current state of one resource as parameters (for `cppet-agent
  /// resource TYPE TITLE`), including ensure.
  virtual llvm::Expected<Json> retrieve(const ResourceView &R, Context &Ctx) {
    (void)R;
    (void)Ctx;
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "type does not support retrieval");
  }
  /// Titles of every instance on the system (`cppet-agent resource TYPE`).
  virtual llvm::Expected<std::vector<std::string>> instances(Context &Ctx) {
    (void)Ctx;
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "type cannot list its instances");
  }
};

/// The built-in types, by lowercase name; null when unknown.
ResourceType *lookupType(llvm::StringRef Name);
/// Names of all built-in types.
std::vector<std::string> typeNames();

} // namespace cppet::apply

#endif // CPPET_APPLY_RESOURCETYPE_H
