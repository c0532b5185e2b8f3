//===- Run.h - One agent run around applyCatalog ----------------*- C++ -*-===//
//
// What `cppet-agent apply` and the agent's run mode share around
// applyCatalog(): the transaction UUID, the report's own log lines, the
// apply with the state directory's transaction store (corrective changes),
// the state files Puppet writes after a run (last_run_summary.yaml,
// last_run_report.yaml) and the exit code.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_APPLY_RUN_H
#define CPPET_APPLY_RUN_H

#include "cppet/Apply/Report.h"
#include "cppet/Apply/Transaction.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace cppet::apply {

/// A random (version 4) UUID, as Ruby's SecureRandom.uuid.
std::string newUuid();

/// A log line of the run itself (source "Puppet"): passed to OnLog (when
/// set) and kept in R unless it is a debug line and KeepDebug is false.
void logRun(Report &R, const std::function<void(const LogEntry &)> &OnLog,
            const std::string &Level, const std::string &Message,
            bool KeepDebug = false);

/// Applies Catalog into R, after the phases R already holds (facts,
/// catalog retrieval): R gets the resource statuses, the catalog's version
/// and UUID, the apply's logs and times, and "Applied catalog in N
/// seconds". The previous run's transaction store is read from StateDir
/// and this run's saved there (not in noop, not when the run did not
/// complete).
void applyRun(Report &R, const std::shared_ptr<const catalog::Catalog> &Catalog,
              const ApplyOptions &Options, const std::string &StateDir);

/// Writes StateDir/last_run_summary.yaml and last_run_report.yaml
/// atomically; returns the problems (warnings: a run does not fail for
/// them).
std::vector<std::string> writeRunFiles(const Report &R,
                                       const std::string &StateDir);

/// The exit code of a run: 1 when it did not complete; otherwise 0, or
/// with detailed exit codes 2 for changes, 4 for failures, 6 for both.
int runExitCode(const Report &R, bool DetailedExitcodes);

} // namespace cppet::apply

#endif // CPPET_APPLY_RUN_H
