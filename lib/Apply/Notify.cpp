//===- Notify.cpp - the notify type and the pseudo-resources --------------===//
#include "Types.h"

#include <algorithm>

using namespace llvm;

namespace cppet::apply {
namespace {

class NotifyType final : public ResourceType {
public:
  StringRef name() const override { return "notify"; }
  std::vector<StringRef> parameters() const override {
    return {"name", "message", "withpath"};
  }
  void sync(ResourceRun &Run) override {
    const ResourceView &R = Run.resource();
    std::string Message = R.has("message") ? R.str("message") : R.name();
    Json Desired = R.has("message") ? *R.param("message") : Json(Message);
    // A Sensitive message is never shown, as in Puppet.
    const auto &Sens = R.resource().SensitiveParameters;
    const bool Sensitive =
        std::find(Sens.begin(), Sens.end(), "message") != Sens.end();
    if (Sensitive) {
      Message = "Sensitive [value redacted]";
      Desired = "[redacted]";
    }
    // A notify is never in sync: it logs its message on every run.
    Run.change(
        "message", Sensitive ? "[redacted]" : "absent", Desired,
        [&]() -> Error {
          bool WithPath = R.boolean("withpath").value_or(false);
          Run.context().log(LogLevel::Notice, WithPath ? Run.path() : "Puppet",
                            Message);
          return Error::success();
        },
        Sensitive ? "changed [redacted] to [redacted]"
                  : "defined 'message' as " + formatValue(Desired),
        "message_changed");
  }
};

/// Containers and settings-like types: nothing on the system to change.
class PseudoType final : public ResourceType {
public:
  explicit PseudoType(StringRef Name) : Name(Name.str()) {}
  StringRef name() const override { return Name; }
  std::vector<StringRef> parameters() const override {
    // Schedules and filebuckets are accepted but not acted upon (schedules
    // are ignored: every resource is scheduled on every run).
    return {"name",    "range",  "period", "periodmatch", "repeat",
            "weekday", "server", "port",   "path"};
  }
  void sync(ResourceRun &Run) override { (void)Run; }

private:
  std::string Name;
};

} // namespace

std::unique_ptr<ResourceType> makeNotifyType() {
  return std::make_unique<NotifyType>();
}
std::unique_ptr<ResourceType> makePseudoType(StringRef Name) {
  return std::make_unique<PseudoType>(Name);
}
} // namespace cppet::apply
