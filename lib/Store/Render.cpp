//===- Render.cpp - A stored report as text -------------------------------===//
//
// `cppet-master report show`: the report's header, its events as the agent
// logged them, its logs, and the metrics in the shape of Puppet's report
// summary (Puppet::Transaction::Report#summary: categories by name, values
// by label with Total last, zeros left out, seconds with two decimals).
//
//===----------------------------------------------------------------------===//
#include "cppet/Store/Store.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace cppet::store {

namespace {

using Json = nlohmann::ordered_json;

/// A scalar as text: strings as they are, null as "", others as JSON.
std::string textOf(const Json &J) {
  if (J.is_string())
    return J.get<std::string>();
  if (J.is_null())
    return "";
  return J.dump();
}

std::string field(const Json &Object, const char *Key) {
  auto It = Object.find(Key);
  return It == Object.end() ? "" : textOf(*It);
}

/// Puppet's console prefix of a log level: "err" -> "Error".
std::string levelLabel(llvm::StringRef Level) {
  if (Level == "err")
    return "Error";
  if (Level == "emerg")
    return "Emergency";
  if (Level == "crit")
    return "Critical";
  std::string L = Level.str();
  if (!L.empty())
    L[0] = llvm::toUpper(L[0]);
  return L;
}

/// "/Stage[main]/Main/File[/tmp/x]": the resource's containment path.
std::string resourcePath(const Json &Status, llvm::StringRef Key) {
  auto Path = Status.find("containment_path");
  if (Path == Status.end() || !Path->is_array() || Path->empty())
    return "/" + Key.str();
  std::string Out;
  for (const Json &Part : *Path)
    Out += "/" + textOf(Part);
  return Out;
}

void renderHeader(llvm::raw_ostream &OS, const Json &R) {
  auto Line = [&](llvm::StringRef Label, const std::string &Value) {
    OS << llvm::left_justify((Label + ":").str(), 23) << ' ' << Value << '\n';
  };
  Line("Host", field(R, "host"));
  Line("Time", field(R, "time"));
  Line("Status", field(R, "status"));
  Line("Environment", field(R, "environment"));
  Line("Configuration version", field(R, "configuration_version"));
  std::string Noop = field(R, "noop");
  Line("Noop", Noop.empty() ? "false" : Noop);
  if (field(R, "noop_pending") == "true")
    Line("Noop pending", "true");
  if (field(R, "corrective_change") == "true")
    Line("Corrective change", "true");
  for (auto [Key, Label] : {std::pair{"transaction_uuid", "Transaction UUID"},
                            {"catalog_uuid", "Catalog UUID"},
                            {"cached_catalog_status", "Cached catalog"},
                            {"puppet_version", "Puppet version"},
                            {"server_used", "Server"}})
    if (std::string V = field(R, Key); !V.empty())
      Line(Label, V);
}

void renderEvents(llvm::raw_ostream &OS, const Json &R) {
  auto Statuses = R.find("resource_statuses");
  if (Statuses == R.end() || !Statuses->is_object())
    return;
  bool Header = false;
  for (auto It = Statuses->begin(); It != Statuses->end(); ++It) {
    const Json &Status = It.value();
    if (!Status.is_object())
      continue;
    auto Events = Status.find("events");
    if (Events == Status.end() || !Events->is_array())
      continue;
    const std::string Path = resourcePath(Status, It.key());
    for (const Json &Event : *Events) {
      if (!Event.is_object())
        continue;
      if (!Header)
        OS << "\nEvents:\n";
      Header = true;
      const std::string State = field(Event, "status");
      const std::string Property = field(Event, "property");
      OS << (State == "failure" ? "Error" : "Notice") << ": " << Path;
      if (!Property.empty())
        OS << '/' << Property;
      OS << ": " << field(Event, "message") << '\n';
    }
  }
}

void renderLogs(llvm::raw_ostream &OS, const Json &R) {
  auto Logs = R.find("logs");
  if (Logs == R.end() || !Logs->is_array() || Logs->empty())
    return;
  OS << "\nLogs:\n";
  for (const Json &Log : *Logs) {
    if (!Log.is_object())
      continue;
    OS << levelLabel(field(Log, "level")) << ": ";
    const std::string Source = field(Log, "source");
    if (!Source.empty() && Source != "Puppet")
      OS << Source << ": ";
    OS << field(Log, "message") << '\n';
  }
}

void renderMetrics(llvm::raw_ostream &OS, const Json &R) {
  auto Metrics = R.find("metrics");
  if (Metrics == R.end() || !Metrics->is_object() || Metrics->empty())
    return;
  std::vector<std::pair<std::string, const Json *>> Categories;
  for (auto It = Metrics->begin(); It != Metrics->end(); ++It)
    if (It.value().is_object())
      Categories.emplace_back(It.key(), &It.value());
  std::sort(Categories.begin(), Categories.end(),
            [](const auto &A, const auto &B) { return A.first < B.first; });
  OS << "\nMetrics:\n";
  for (const auto &[Name, Category] : Categories) {
    std::string Label = field(*Category, "label");
    OS << (Label.empty() ? Name : Label) << ":\n";
    auto Values = Category->find("values");
    if (Values == Category->end() || !Values->is_array())
      continue;
    struct Entry {
      std::string Name, Label;
      const Json *Value;
    };
    std::vector<Entry> Entries;
    for (const Json &V : *Values)
      if (V.is_array() && V.size() >= 3 && V[2].is_number())
        Entries.push_back({textOf(V[0]), textOf(V[1]), &V[2]});
    std::stable_sort(Entries.begin(), Entries.end(),
                     [](const Entry &A, const Entry &B) {
                       if ((A.Name == "total") != (B.Name == "total"))
                         return B.Name == "total";
                       return A.Label < B.Label;
                     });
    for (const Entry &E : Entries) {
      if (E.Value->is_number_float() ? E.Value->get<double>() == 0.0
                                     : E.Value->get<int64_t>() == 0)
        continue;
      std::string Value =
          E.Value->is_number_float()
              ? llvm::formatv("{0:F2}", E.Value->get<double>()).str()
              : E.Value->dump();
      OS << "   " << llvm::right_justify(E.Label + ":", 15) << ' ' << Value
         << '\n';
    }
  }
}

} // namespace

std::string renderReport(const std::string &ReportJson) {
  Json R = Json::parse(ReportJson, nullptr, /*allow_exceptions=*/false);
  if (R.is_discarded() || !R.is_object())
    return "(not a report: the stored text is not a JSON object)\n";
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  renderHeader(OS, R);
  renderEvents(OS, R);
  renderLogs(OS, R);
  renderMetrics(OS, R);
  return OS.str();
}

} // namespace cppet::store
