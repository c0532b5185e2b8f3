//===- Process.h - Running programs without a shell -------------*- C++ -*-===//
//
// runProcess() starts a program from an argument vector (never through a
// shell), optionally as another user, in another directory, with another
// environment, feeding it stdin and capturing its output, with a timeout
// after which the whole process group is killed. Errors to *start* the
// program are llvm::Errors; how the program ended is in ProcessResult.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_SUPPORT_PROCESS_H
#define CPPET_SUPPORT_PROCESS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <chrono>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace cppet {

struct ProcessSpec {
  /// Argv[0] is the program: an absolute path, or a name searched in the
  /// PATH of Environment (or of this process when Environment is unset).
  std::vector<std::string> Argv;
  /// KEY=VALUE entries; unset inherits this process's environment.
  std::optional<std::vector<std::string>> Environment;
  /// Working directory; empty keeps the current one.
  std::string Cwd;
  /// Run as this user/group (root only); supplementary groups are set from
  /// the user's entry in the group database when Uid is set.
  std::optional<uid_t> Uid;
  std::optional<gid_t> Gid;
  /// Written to the child's stdin, which is then closed.
  std::string Stdin;
  /// Zero: no timeout.
  std::chrono::milliseconds Timeout{0};
  /// Capture stderr into Output too (interleaved as written).
  bool MergeStderr = true;
};

struct ProcessResult {
  /// Exit status when the program exited; -1 when it was killed.
  int ExitCode = -1;
  /// The signal that ended it, or 0.
  int Signal = 0;
  bool TimedOut = false;
  std::string Output;
  /// stderr when MergeStderr is false.
  std::string Errors;

  bool succeeded() const { return ExitCode == 0; }
};

/// Runs Spec to completion. Fails only if the program could not be started
/// (not found, not executable, fork or setuid failure).
llvm::Expected<ProcessResult> runProcess(const ProcessSpec &Spec);

/// Finds Name in the colon-separated directories of PathList; names with a
/// slash are returned as they are if executable.
std::optional<std::string> findProgram(llvm::StringRef Name,
                                       llvm::StringRef PathList);

/// Splits a command line into words the way a POSIX shell would without
/// expanding anything: whitespace separates, '...' and "..." quote, a
/// backslash escapes. Used for exec commands that do not go through a shell.
llvm::Expected<std::vector<std::string>> splitCommandLine(llvm::StringRef Cmd);

} // namespace cppet

#endif // CPPET_SUPPORT_PROCESS_H
