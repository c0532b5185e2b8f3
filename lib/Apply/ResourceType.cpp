//===- ResourceType.cpp - Resource views, runs and change records ---------===//
#include "cppet/Apply/ResourceType.h"

#include "llvm/ADT/StringExtras.h"

using namespace llvm;

namespace cppet::apply {

namespace {
std::string scalarText(const Json &V) {
  if (V.is_string())
    return V.get<std::string>();
  if (V.is_null())
    return "";
  return V.dump();
}
} // namespace

std::string ResourceView::name() const {
  if (const Json *V = param(Namevar))
    return scalarText(*V);
  return R->Title;
}

const Json *ResourceView::param(StringRef Name) const {
  auto It = R->Parameters.find(std::string_view(Name.data(), Name.size()));
  if (It == R->Parameters.end() || It->is_null())
    return nullptr;
  return &*It;
}

std::string ResourceView::str(StringRef Name, StringRef Default) const {
  const Json *V = param(Name);
  if (!V)
    return Default.str();
  if (V->is_array() && V->size() == 1)
    return scalarText((*V)[0]);
  return scalarText(*V);
}

std::optional<bool> ResourceView::boolean(StringRef Name) const {
  const Json *V = param(Name);
  if (!V)
    return std::nullopt;
  if (V->is_boolean())
    return V->get<bool>();
  std::string S = StringRef(scalarText(*V)).lower();
  if (S == "true" || S == "yes")
    return true;
  if (S == "false" || S == "no")
    return false;
  return std::nullopt;
}

std::vector<std::string> ResourceView::list(StringRef Name) const {
  std::vector<std::string> Out;
  const Json *V = param(Name);
  if (!V)
    return Out;
  if (V->is_array()) {
    for (const Json &E : *V)
      if (!E.is_null())
        Out.push_back(scalarText(E));
  } else {
    Out.push_back(scalarText(*V));
  }
  return Out;
}

std::string ResourceView::location() const {
  const std::string &File = R->File;
  unsigned Line = R->Line;
  if (!File.empty() && Line)
    return " (file: " + File + ", line: " + std::to_string(Line) + ")";
  if (Line)
    return " (line: " + std::to_string(Line) + ")";
  if (!File.empty())
    return " (file: " + File + ")";
  return "";
}

std::string changeMessage(StringRef Property, const Json &Current,
                          const Json &Desired) {
  if (Current == "absent")
    return "defined '" + Property.str() + "' as " + formatValue(Desired);
  if (Desired == "absent")
    return "undefined '" + Property.str() + "' from " + formatValue(Current);
  return Property.str() + " changed " + formatValue(Current) + " to " +
         formatValue(Desired);
}

Error executionError(StringRef Cmd, const ProcessResult &R) {
  std::string Output = StringRef(R.Output + R.Errors).trim().str();
  auto Fail = [](const Twine &Msg) {
    return createStringError(inconvertibleErrorCode(), Msg);
  };
  if (R.TimedOut)
    return Fail("Execution of '" + Cmd + "' timed out: " + Output);
  if (R.Signal)
    return Fail("Execution of '" + Cmd + "' was killed by signal " +
                Twine(R.Signal) + ": " + Output);
  return Fail("Execution of '" + Cmd + "' returned " + Twine(R.ExitCode) +
              ": " + Output);
}

Error parameterError(const ResourceView &R, StringRef Param, const Twine &Msg) {
  return createStringError(inconvertibleErrorCode(),
                           "Parameter " + Param + " failed on " + R.ref() +
                               ": " + Msg + R.location());
}

Error checkValue(const ResourceView &R, StringRef Param,
                 ArrayRef<StringRef> Valid) {
  if (!R.has(Param))
    return Error::success();
  std::string V = R.str(Param);
  if (is_contained(Valid, StringRef(V)))
    return Error::success();
  std::string List;
  for (StringRef Each : Valid)
    List += (List.empty() ? "" : ", ") + Each.str();
  return parameterError(
      R, Param, "Invalid value \"" + V + "\". Valid values are " + List + ".");
}

StringRef logLevelName(LogLevel L) {
  switch (L) {
  case LogLevel::Debug:
    return "debug";
  case LogLevel::Info:
    return "info";
  case LogLevel::Notice:
    return "notice";
  case LogLevel::Warning:
    return "warning";
  case LogLevel::Err:
    return "err";
  }
  return "notice";
}

std::string formatValue(const Json &V) {
  if (V.is_string())
    return "'" + V.get<std::string>() + "'";
  if (V.is_array()) {
    std::string Out = "[";
    for (size_t I = 0; I < V.size(); ++I)
      Out += (I ? ", " : "") + formatValue(V[I]);
    return Out + "]";
  }
  if (V.is_null())
    return "nil";
  if (V.is_object()) {
    std::string Out = "{";
    bool First = true;
    for (auto It = V.begin(); It != V.end(); ++It) {
      Out +=
          (First ? "'" : ", '") + It.key() + "' => " + formatValue(It.value());
      First = false;
    }
    return Out + "}";
  }
  return V.dump();
}

std::string ResourceRun::path() const {
  std::string Out;
  for (const std::string &C : Status.containmentPath())
    Out += "/" + C;
  return Out.empty() ? "/" + View.ref() : Out;
}

void ResourceRun::log(LogLevel Level, const Twine &Message,
                      StringRef Property) {
  std::string Source = path();
  if (!Property.empty())
    Source += "/" + Property.str();
  Ctx.log(Level, Source, Message.str());
}

void ResourceRun::fail(const Twine &Message) {
  Status.Failed = true;
  log(LogLevel::Err, Message);
}

bool ResourceRun::change(StringRef Property, const Json &Current,
                         const Json &Desired, function_ref<Error()> Fix,
                         std::string Message, std::string EventName) {
  Status.OutOfSync = true;
  Event E;
  E.Property = Property.str();
  E.PreviousValue = Current;
  E.DesiredValue = Desired;
  E.Name =
      EventName.empty() ? Property.str() + "_changed" : std::move(EventName);
  if (Noop) {
    E.Status = "noop";
    E.Message = "current_value " + formatValue(Current) + ", should be " +
                formatValue(Desired) + " (noop)";
    log(LogLevel::Notice, E.Message, Property);
    Status.Events.push_back(std::move(E));
    return false;
  }
  if (Error Err = Fix()) {
    E.Status = "failure";
    E.Message = "change from " + formatValue(Current) + " to " +
                formatValue(Desired) + " failed: " + toString(std::move(Err));
    log(LogLevel::Err, E.Message, Property);
    Status.Failed = true;
    Status.Events.push_back(std::move(E));
    return false;
  }
  E.Status = "success";
  E.Message = Message.empty() ? changeMessage(Property, Current, Desired)
                              : std::move(Message);
  log(LogLevel::Notice, E.Message, Property);
  Status.Changed = true;
  Status.Events.push_back(std::move(E));
  return true;
}

} // namespace cppet::apply
