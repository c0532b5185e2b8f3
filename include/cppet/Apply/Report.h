//===- Report.h - Puppet's run report (report_format 12) --------*- C++ -*-===//
//
// What a transaction did: one ResourceStatus per resource (with its events),
// the log, and the metrics, serialized as Puppet 7's report JSON
// (shared/docs/puppet-wire-protocol.md section 3.3) and as the
// last_run_summary.yaml Puppet writes into its state directory.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_APPLY_REPORT_H
#define CPPET_APPLY_REPORT_H

#include "cppet/Catalog/Catalog.h"

#include "llvm/Support/raw_ostream.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace cppet::apply {

using catalog::Json;

/// ISO 8601 with nanoseconds and offset, as Puppet writes times.
std::string timestampNow();

/// One property change (or would-be change, or failure).
struct Event {
  std::string Property; // "ensure", "content", "mode", "returns", ...
  Json PreviousValue;   // null when unknown
  Json DesiredValue;
  std::string Message;
  std::string Name;               // "file_created", "content_changed", ...
  std::string Status = "success"; // success, failure, noop, audit
  bool CorrectiveChange = false;
  std::string Time = timestampNow();

  Json toJson() const;
};

/// A time as Puppet writes it, from nanoseconds since the epoch.
std::string formatTimestamp(int64_t Nanoseconds);
int64_t nowNanoseconds();

struct ResourceStatus {
  /// Type ("File") and title; left empty when Source is set (they are read
  /// from the catalog resource then: type(), title()).
  std::string Type;
  std::string Title;
  /// The catalog resource: file, line and tags are read from it (the
  /// catalog outlives the report). Null for resources found by recursion.
  const catalog::Resource *Source = nullptr;
  /// The containers' part of the containment path (Stage[main], Main, ...),
  /// shared by siblings; the resource's own element is added by
  /// containmentPath().
  std::shared_ptr<const std::vector<std::string>> Containers;
  std::string ProviderUsed; // empty -> null
  int64_t TimeNs = nowNanoseconds();
  double EvaluationTime = 0;
  bool Failed = false;
  bool FailedToRestart = false;
  bool Changed = false;
  bool OutOfSync = false;
  bool Skipped = false;
  bool Restarted = false;
  std::vector<Event> Events;

  const std::string &type() const {
    return Type.empty() && Source ? Source->Type : Type;
  }
  const std::string &title() const {
    return Title.empty() && Source ? Source->Title : Title;
  }
  std::string ref() const { return type() + "[" + title() + "]"; }
  /// Stage[main], Main, Node[default], File[/x] (classes by name).
  std::vector<std::string> containmentPath() const;
  int changeCount() const;
  int outOfSyncCount() const;
  bool correctiveChange() const;
  Json toJson() const;
};

struct LogEntry {
  std::string Level; // debug, info, notice, warning, err
  std::string Message;
  std::string Source; // "Puppet" or the resource path
  std::vector<std::string> Tags;
  std::string Time = timestampNow();
  std::string File; // empty -> null
  unsigned Line = 0;

  Json toJson() const;
};

struct Report {
  std::string Host;
  std::string Time = timestampNow();
  int64_t ConfigurationVersion = 0;
  std::string TransactionUuid;
  std::string CatalogUuid;
  std::string Environment = "production";
  std::string CachedCatalogStatus = "not_used";
  std::string PuppetVersion;
  bool Noop = false;
  bool TransactionCompleted = false;
  std::vector<LogEntry> Logs;
  /// In evaluation order (Puppet's report keeps the order resources ran).
  std::vector<ResourceStatus> ResourceStatuses;
  /// The applied catalog (statuses point into it); null for reports of runs
  /// that never got a catalog.
  std::shared_ptr<const catalog::Catalog> Catalog;
  /// Seconds per lowercase type name, plus phases (config_retrieval, ...).
  std::vector<std::pair<std::string, double>> Times;

  /// changed, unchanged or failed.
  std::string status() const;
  bool noopPending() const;
  bool hasFailures() const;
  bool hasChanges() const;
  void addTime(const std::string &Name, double Seconds);

  Json metrics() const;
  /// The top-level scalar fields (no logs, metrics or resource statuses).
  Json toJsonHeader() const;
  Json toJson() const;
  /// The same JSON, streamed (no tree of the whole report in memory).
  void writeJson(llvm::raw_ostream &OS) const;
  /// The report as YAML (last_run_report.yaml), streamed.
  void writeYaml(llvm::raw_ostream &OS) const;
  /// Puppet's last_run_summary.yaml.
  std::string lastRunSummaryYaml(int64_t Now) const;
};

} // namespace cppet::apply

#endif // CPPET_APPLY_REPORT_H
