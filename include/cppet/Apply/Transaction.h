//===- Transaction.h - Applying a catalog -----------------------*- C++ -*-===//
//
// applyCatalog() turns the catalog into a graph (containment, before/
// require/notify/subscribe, autorequires), refuses a graph with a cycle
// before changing anything, and evaluates the resources in dependency
// order (manifest order otherwise): each one through its type's sync(),
// skipping the dependents of failures, delivering refresh events through
// containers, honouring noop and tags, and records everything in a Report.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_APPLY_TRANSACTION_H
#define CPPET_APPLY_TRANSACTION_H

#include "cppet/Apply/Report.h"
#include "cppet/Apply/ResourceType.h"
#include "cppet/Catalog/Catalog.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace cppet::apply {

/// What the previous run wanted of each resource (a digest of its
/// parameters), to tell corrective changes (the system drifted from an
/// unchanged manifest) from intentional ones. Kept in the state directory.
class TransactionStore {
public:
  /// Reads a store written by save(); a missing or unreadable file is an
  /// empty store.
  static TransactionStore load(llvm::StringRef Path);
  llvm::Error save(llvm::StringRef Path) const;
  /// Records the desired state of R.
  void record(const catalog::Resource &R);
  /// Whether R asks for the same as in the run that saved the store.
  bool unchanged(const catalog::Resource &R) const;
  size_t size() const { return Digests.size(); }

private:
  static uint64_t refDigest(const catalog::Resource &R);
  static uint64_t paramDigest(const catalog::Resource &R);
  std::vector<std::pair<uint64_t, uint64_t>> Digests; // sorted by ref
};

struct ApplyOptions {
  bool Noop = false;
  /// Only resources with one of these tags are applied (empty: all).
  std::vector<std::string> Tags;
  bool Debug = false;
  /// The clientbucket directory for backups; empty disables backups.
  std::string BucketDir;
  /// Reads `puppet:///` sources; may be null.
  FileFetcher *Fetcher = nullptr;
  /// Called for every log entry as it happens (the console).
  std::function<void(const LogEntry &)> OnLog;
  /// The previous run's store (may be null); changes to resources it says
  /// are unchanged are corrective.
  const TransactionStore *Previous = nullptr;
  /// Filled with this run's desired states when given.
  TransactionStore *Next = nullptr;
};

/// Applies Catalog and returns the report (host, versions and the times of
/// earlier phases are for the caller to fill in). The report keeps the
/// catalog alive: its resource statuses refer to the catalog's resources.
Report applyCatalog(std::shared_ptr<const catalog::Catalog> Catalog,
                    const ApplyOptions &Options);
inline Report applyCatalog(catalog::Catalog Catalog,
                           const ApplyOptions &Options) {
  return applyCatalog(
      std::make_shared<const catalog::Catalog>(std::move(Catalog)), Options);
}

/// `cppet-agent resource TYPE [TITLE]`: the current state of one resource,
/// or of every instance of the type, as Puppet code.
llvm::Expected<std::string> describeResources(llvm::StringRef Type,
                                              llvm::StringRef Title,
                                              bool Debug = false);

/// Reads `puppet:///modules/MOD/PATH` from MOD/files/PATH in the first
/// modulepath directory that has MOD (masterless runs).
class ModuleFileFetcher final : public FileFetcher {
public:
  explicit ModuleFileFetcher(std::vector<std::string> ModulePath)
      : ModulePath(std::move(ModulePath)) {}
  std::optional<std::string> localPath(llvm::StringRef Source) override;
  llvm::Expected<std::string> content(llvm::StringRef Source) override;

private:
  std::vector<std::string> ModulePath;
};

} // namespace cppet::apply

#endif // CPPET_APPLY_TRANSACTION_H
