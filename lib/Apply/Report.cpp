//===- Report.cpp - Puppet's report JSON and last_run_summary.yaml --------===//
#include "cppet/Apply/Report.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>

using namespace llvm;

namespace cppet::apply {

int64_t nowNanoseconds() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string timestampNow() { return formatTimestamp(nowNanoseconds()); }

std::string formatTimestamp(int64_t Nanoseconds) {
  std::time_t Secs = static_cast<std::time_t>(Nanoseconds / 1000000000);
  struct tm Tm;
  ::gmtime_r(&Secs, &Tm);
  char Buf[64];
  std::strftime(Buf, sizeof(Buf), "%Y-%m-%dT%H:%M:%S", &Tm);
  std::string Out;
  raw_string_ostream OS(Out);
  OS << Buf << "."
     << format("%09lld", static_cast<long long>(Nanoseconds % 1000000000))
     << "+00:00";
  return Out;
}

namespace {
Json nullIfEmpty(const std::string &S) { return S.empty() ? Json() : Json(S); }

/// "failed_to_restart" -> "Failed to restart".
std::string label(StringRef Name) {
  std::string L = Name.str();
  std::replace(L.begin(), L.end(), '_', ' ');
  if (!L.empty())
    L[0] = static_cast<char>(toUpper(L[0]));
  return L;
}

Json metric(StringRef Name,
            const std::vector<std::pair<std::string, Json>> &Values) {
  Json M = Json::object();
  M["name"] = Name.str();
  M["label"] = label(Name);
  Json Vals = Json::array();
  for (const auto &[K, V] : Values)
    Vals.push_back(Json::array({K, label(K), V}));
  M["values"] = std::move(Vals);
  return M;
}
} // namespace

Json Event::toJson() const {
  Json J = Json::object();
  J["audited"] = false;
  J["property"] = Property;
  J["previous_value"] = PreviousValue;
  J["desired_value"] = DesiredValue;
  J["historical_value"] = nullptr;
  J["message"] = Message;
  J["name"] = Name;
  J["status"] = Status;
  J["time"] = Time;
  J["redacted"] = nullptr;
  J["corrective_change"] = CorrectiveChange;
  return J;
}

int ResourceStatus::changeCount() const {
  return static_cast<int>(
      std::count_if(Events.begin(), Events.end(),
                    [](const Event &E) { return E.Status == "success"; }));
}

int ResourceStatus::outOfSyncCount() const {
  return static_cast<int>(
      std::count_if(Events.begin(), Events.end(),
                    [](const Event &E) { return E.Status != "audit"; }));
}

bool ResourceStatus::correctiveChange() const {
  return std::any_of(Events.begin(), Events.end(),
                     [](const Event &E) { return E.CorrectiveChange; });
}

std::vector<std::string> ResourceStatus::containmentPath() const {
  std::vector<std::string> Path;
  if (Containers)
    Path = *Containers;
  if (type() == "Class") {
    // Classes are named in paths: main -> Main, foo::bar -> Foo::Bar.
    std::string Name = title();
    bool Start = true;
    for (char &Ch : Name) {
      if (Start)
        Ch = static_cast<char>(toUpper(Ch));
      Start = Ch == ':';
    }
    Path.push_back(Name);
  } else {
    Path.push_back(ref());
  }
  return Path;
}

Json ResourceStatus::toJson() const {
  Json J = Json::object();
  J["title"] = title();
  J["file"] = Source ? nullIfEmpty(Source->File) : Json();
  J["line"] = Source && Source->Line ? Json(Source->Line) : Json();
  J["resource"] = ref();
  J["resource_type"] = type();
  J["provider_used"] = nullIfEmpty(ProviderUsed);
  J["containment_path"] = containmentPath();
  J["evaluation_time"] = EvaluationTime;
  J["tags"] = Source ? Json(Source->Tags) : Json::array();
  J["time"] = formatTimestamp(TimeNs);
  J["failed"] = Failed;
  J["failed_to_restart"] = FailedToRestart;
  J["changed"] = Changed;
  J["out_of_sync"] = OutOfSync;
  J["skipped"] = Skipped;
  J["change_count"] = changeCount();
  J["out_of_sync_count"] = outOfSyncCount();
  Json Evs = Json::array();
  for (const Event &E : Events)
    Evs.push_back(E.toJson());
  J["events"] = std::move(Evs);
  J["corrective_change"] = correctiveChange();
  return J;
}

Json LogEntry::toJson() const {
  Json J = Json::object();
  J["level"] = Level;
  J["message"] = Message;
  J["source"] = Source;
  J["tags"] = Tags;
  J["time"] = Time;
  J["file"] = nullIfEmpty(File);
  J["line"] = Line ? Json(Line) : Json();
  return J;
}

bool Report::hasFailures() const {
  return std::any_of(
      ResourceStatuses.begin(), ResourceStatuses.end(),
      [](const ResourceStatus &S) { return S.Failed || S.FailedToRestart; });
}

bool Report::hasChanges() const {
  return std::any_of(
      ResourceStatuses.begin(), ResourceStatuses.end(),
      [](const ResourceStatus &S) { return S.changeCount() > 0; });
}

bool Report::noopPending() const {
  for (const ResourceStatus &S : ResourceStatuses)
    for (const Event &E : S.Events)
      if (E.Status == "noop")
        return true;
  return false;
}

std::string Report::status() const {
  if (hasFailures() || !TransactionCompleted)
    return "failed";
  return hasChanges() ? "changed" : "unchanged";
}

void Report::addTime(const std::string &Name, double Seconds) {
  for (auto &[K, V] : Times)
    if (K == Name) {
      V += Seconds;
      return;
    }
  Times.emplace_back(Name, Seconds);
}

Json Report::metrics() const {
  int Total = 0, Skipped = 0, Failed = 0, FailedToRestart = 0, Restarted = 0,
      Changed = 0, OutOfSync = 0, Corrective = 0, Changes = 0;
  std::map<std::string, int> EventCounts = {
      {"total", 0}, {"failure", 0}, {"success", 0}};
  std::vector<std::string> ExtraStatuses;
  for (const ResourceStatus &S : ResourceStatuses) {
    ++Total;
    Skipped += S.Skipped;
    Failed += S.Failed;
    FailedToRestart += S.FailedToRestart;
    Restarted += S.Restarted;
    Changed += S.Changed;
    OutOfSync += S.OutOfSync;
    Corrective += S.correctiveChange();
    Changes += S.changeCount();
    for (const Event &E : S.Events) {
      ++EventCounts["total"];
      if (!EventCounts.count(E.Status))
        ExtraStatuses.push_back(E.Status);
      ++EventCounts[E.Status];
    }
  }
  Json M = Json::object();
  M["resources"] = metric("resources", {{"total", Total},
                                        {"skipped", Skipped},
                                        {"failed", Failed},
                                        {"failed_to_restart", FailedToRestart},
                                        {"restarted", Restarted},
                                        {"changed", Changed},
                                        {"out_of_sync", OutOfSync},
                                        {"scheduled", 0},
                                        {"corrective_change", Corrective}});
  std::vector<std::pair<std::string, Json>> TimeValues;
  double TimeTotal = 0;
  for (const auto &[K, V] : Times) {
    TimeValues.emplace_back(K, V);
    if (K != "catalog_application" && K != "transaction_evaluation")
      TimeTotal += V;
  }
  TimeValues.emplace_back("total", TimeTotal);
  M["time"] = metric("time", TimeValues);
  M["changes"] = metric("changes", {{"total", Changes}});
  std::vector<std::pair<std::string, Json>> EventValues = {
      {"total", EventCounts["total"]},
      {"failure", EventCounts["failure"]},
      {"success", EventCounts["success"]}};
  for (const std::string &S : ExtraStatuses)
    EventValues.emplace_back(S, EventCounts[S]);
  M["events"] = metric("events", EventValues);
  return M;
}

Json Report::toJson() const {
  Json J = toJsonHeader();
  Json Tail = Json::object();
  for (const char *K :
       {"corrective_change", "catalog_uuid", "cached_catalog_status"}) {
    Tail[K] = J[K];
    J.erase(K);
  }
  Json L = Json::array();
  for (const LogEntry &E : Logs)
    L.push_back(E.toJson());
  J["logs"] = std::move(L);
  J["metrics"] = metrics();
  Json RS = Json::object();
  for (const ResourceStatus &S : ResourceStatuses)
    RS[S.ref()] = S.toJson();
  J["resource_statuses"] = std::move(RS);
  for (auto It = Tail.begin(); It != Tail.end(); ++It)
    J[It.key()] = It.value();
  return J;
}

namespace {
/// Whether S can be written as a plain YAML scalar and read back as the
/// same string.
bool plainYaml(StringRef S) {
  if (S.empty() || S.size() > 200)
    return false;
  if (!(isAlpha(S[0]) || S[0] == '/' || S[0] == '_'))
    return false;
  for (char C : S)
    if (!(isAlnum(C) || StringRef("_./-[]() ").contains(C)))
      return false;
  if (S.back() == ' ' || S.contains(" #"))
    return false;
  std::string L = S.lower();
  return L != "true" && L != "false" && L != "yes" && L != "no" && L != "on" &&
         L != "off" && L != "null" && L != "y" && L != "n";
}

void yamlScalar(raw_ostream &OS, const Json &V) {
  if (V.is_string() && plainYaml(V.get_ref<const std::string &>()))
    OS << V.get_ref<const std::string &>();
  else if (V.is_null())
    OS << "null";
  else
    OS << V.dump(); // JSON strings are YAML double-quoted scalars
}

/// Writes V as the value after "key:" or "-" (which the caller printed).
void yamlValue(raw_ostream &OS, const Json &V, unsigned Indent) {
  if (V.is_object() && !V.empty()) {
    OS << "\n";
    for (auto It = V.begin(); It != V.end(); ++It) {
      OS.indent(Indent);
      yamlScalar(OS, Json(It.key()));
      OS << ":";
      yamlValue(OS, It.value(), Indent + 2);
    }
  } else if (V.is_array() && !V.empty()) {
    OS << "\n";
    for (const Json &E : V) {
      OS.indent(Indent) << "-";
      yamlValue(OS, E, Indent + 2);
    }
  } else {
    OS << " ";
    if (V.is_object())
      OS << "{}";
    else if (V.is_array())
      OS << "[]";
    else
      yamlScalar(OS, V);
    OS << "\n";
  }
}

/// The report's top-level fields except logs and resource statuses.
Json headerOf(const Report &R, bool &CorrectiveChange) {
  Json J = R.toJsonHeader();
  CorrectiveChange = J["corrective_change"].get<bool>();
  return J;
}
} // namespace

Json Report::toJsonHeader() const {
  Json J = Json::object();
  J["host"] = Host;
  J["time"] = Time;
  J["configuration_version"] = ConfigurationVersion;
  J["transaction_uuid"] = TransactionUuid;
  J["report_format"] = 12;
  J["puppet_version"] = PuppetVersion;
  J["status"] = status();
  J["transaction_completed"] = TransactionCompleted;
  J["noop"] = Noop;
  J["noop_pending"] = noopPending();
  J["environment"] = Environment;
  J["corrective_change"] =
      std::any_of(ResourceStatuses.begin(), ResourceStatuses.end(),
                  [](const ResourceStatus &S) { return S.correctiveChange(); });
  J["catalog_uuid"] = nullIfEmpty(CatalogUuid);
  J["cached_catalog_status"] = CachedCatalogStatus;
  return J;
}

void Report::writeJson(raw_ostream &OS) const {
  bool Corrective;
  Json H = headerOf(*this, Corrective);
  OS << "{";
  bool First = true;
  auto Key = [&](StringRef K) {
    OS << (First ? "" : ",") << Json(K.str()).dump() << ":";
    First = false;
  };
  for (auto It = H.begin(); It != H.end(); ++It) {
    if (It.key() == "corrective_change") {
      // Puppet's order: logs, metrics, resource_statuses, then these.
      Key("logs");
      OS << "[";
      for (size_t I = 0; I < Logs.size(); ++I) {
        OS << (I ? "," : "");
        catalog::writeJsonValue(OS, Logs[I].toJson());
      }
      OS << "]";
      Key("metrics");
      catalog::writeJsonValue(OS, metrics());
      Key("resource_statuses");
      OS << "{";
      for (size_t I = 0; I < ResourceStatuses.size(); ++I) {
        OS << (I ? "," : "") << Json(ResourceStatuses[I].ref()).dump() << ":";
        catalog::writeJsonValue(OS, ResourceStatuses[I].toJson());
      }
      OS << "}";
    }
    Key(It.key());
    catalog::writeJsonValue(OS, It.value());
  }
  OS << "}";
}

void Report::writeYaml(raw_ostream &OS) const {
  bool Corrective;
  Json H = headerOf(*this, Corrective);
  OS << "--- !ruby/object:Puppet::Transaction::Report\n";
  for (auto It = H.begin(); It != H.end(); ++It) {
    if (It.key() == "corrective_change") {
      OS << "logs:" << (Logs.empty() ? " []\n" : "\n");
      for (const LogEntry &L : Logs) {
        OS << "-";
        yamlValue(OS, L.toJson(), 2);
      }
      OS << "metrics:";
      yamlValue(OS, metrics(), 2);
      OS << "resource_statuses:" << (ResourceStatuses.empty() ? " {}\n" : "\n");
      for (const ResourceStatus &S : ResourceStatuses) {
        OS << "  ";
        yamlScalar(OS, Json(S.ref()));
        OS << ":";
        yamlValue(OS, S.toJson(), 4);
      }
    }
    yamlScalar(OS, Json(It.key()));
    OS << ":";
    yamlValue(OS, It.value(), 2);
  }
}

std::string Report::lastRunSummaryYaml(int64_t Now) const {
  Json M = metrics();
  std::string Out;
  raw_string_ostream OS(Out);
  OS << "---\nversion:\n  config: " << ConfigurationVersion
     << "\n  puppet: " << PuppetVersion << "\n";
  for (const char *Section : {"resources", "time", "changes", "events"}) {
    OS << Section << ":\n";
    std::map<std::string, Json> Sorted;
    for (const Json &V : M[Section]["values"])
      Sorted[V[0].get<std::string>()] = V[2];
    if (std::string(Section) == "time")
      Sorted["last_run"] = Now;
    for (const auto &[K, V] : Sorted)
      OS << "  " << K << ": " << V.dump() << "\n";
  }
  return Out;
}

} // namespace cppet::apply
