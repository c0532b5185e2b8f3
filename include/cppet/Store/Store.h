//===- Store.h - Reports, facts and catalogs in SQLite ----------*- C++ -*-===//
//
// The master's memory of its nodes: every report an agent sends (Puppet's
// report_format 12 JSON, kept whole, with indexed summary columns), and the
// latest facts and catalog of each node. One SQLite file (default
// $vardir/cppet.db) in WAL mode: the server's threads write through one
// connection guarded by a mutex, and the command line reads the same file
// from another process at the same time.
//
// Reports are bounded per node (StoreOptions::MaxReportsPerNode, 1000 by
// default): storing a report deletes that node's oldest ones beyond the
// bound, so the database cannot grow without limit.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_STORE_STORE_H
#define CPPET_STORE_STORE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cppet::store {

/// One node the master knows of, from its latest report, facts or catalog.
struct NodeSummary {
  std::string Certname;
  /// The environment of the newest of its report, catalog and facts.
  std::string Environment;
  /// The latest report's status: "changed", "unchanged" or "failed";
  /// "unreported" when the node has no report.
  std::string Status;
  /// The latest report's run time ("time"), in epoch seconds; 0 if none.
  int64_t LastRun = 0;
  /// The latest report's "time" as sent; empty if none.
  std::string LastReportTime;
};

/// The indexed columns of one stored report.
struct ReportSummary {
  int64_t Id = 0;
  std::string Certname;
  /// The report's "time" field (the start of the run).
  std::string Time;
  std::string Status;
  std::string Environment;
  /// As text: Puppet's versions are numbers or strings; empty if absent.
  std::string ConfigurationVersion;
  std::string TransactionUuid;
  bool Noop = false;
  /// From the "resources" metrics: changed, failed, out_of_sync, total.
  unsigned Changed = 0, Failed = 0, OutOfSync = 0, Total = 0;
};

struct StoreOptions {
  /// Reports kept per node; storing one more deletes the oldest.
  unsigned MaxReportsPerNode = 1000;
  /// How long a statement waits for another process's lock (ms).
  unsigned BusyTimeoutMs = 10000;
};

class Store {
public:
  /// Opens (creating tables on first use) the database file; parent
  /// directory created 0750; file 0600.
  static llvm::Expected<std::unique_ptr<Store>> open(const std::string &Path,
                                                     StoreOptions Options = {});

  ~Store();
  Store(const Store &) = delete;
  Store &operator=(const Store &) = delete;

  /// Stores one report (Puppet report_format 12 JSON as the agent PUTs
  /// it). It must be a JSON object with `host`, `time` (ISO 8601) and
  /// `status` (failed, changed or unchanged); `configuration_version`
  /// is optional. Errors name what is missing or wrong. Returns the new id.
  llvm::Expected<int64_t> addReport(llvm::StringRef Certname,
                                    llvm::StringRef ReportJson);
  /// Replaces the node's facts (any JSON object, kept as given).
  llvm::Error putFacts(llvm::StringRef Certname, llvm::StringRef Environment,
                       llvm::StringRef FactsJson);
  /// Replaces the node's catalog (any JSON object, kept as given).
  llvm::Error putCatalog(llvm::StringRef Certname, llvm::StringRef Environment,
                         llvm::StringRef CatalogJson);

  /// Every node with facts, a catalog or a report, by certname.
  llvm::Expected<std::vector<NodeSummary>> nodes();
  /// The reports of \p Certname (of every node if empty), newest (last
  /// stored) first; at most \p Limit of them unless 0.
  llvm::Expected<std::vector<ReportSummary>>
  reports(llvm::StringRef Certname = "", unsigned Limit = 0);
  /// The id of the node's newest report, if it has one.
  llvm::Expected<std::optional<int64_t>>
  latestReportId(llvm::StringRef Certname);
  /// The stored report; an error names an unknown id.
  llvm::Expected<std::string> reportJson(int64_t Id);
  llvm::Expected<std::optional<std::string>>
  latestFacts(llvm::StringRef Certname);
  llvm::Expected<std::optional<std::string>>
  latestCatalog(llvm::StringRef Certname);

private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> I);
  std::unique_ptr<Impl> I;
};

/// A report as text for `cppet-master report show`: a header (host, time,
/// status, environment, configuration version, noop), each resource event
/// as Puppet logs it ("Notice: /Stage[main]/Main/File[/tmp/x]/content:
/// content changed ..."), the logs ("Level: source: message"), then the
/// metrics as Puppet's report summary. Text that is not a report renders
/// as one line saying so.
std::string renderReport(const std::string &ReportJson);

/// "2026-11-26T17:45:37.98+00:00" (offset `Z`, `+HH:MM`, `+HHMM` or none:
/// UTC) -> epoch seconds; nullopt if not such a timestamp.
std::optional<int64_t> parseTimestamp(llvm::StringRef Text);

} // namespace cppet::store

#endif // CPPET_STORE_STORE_H
