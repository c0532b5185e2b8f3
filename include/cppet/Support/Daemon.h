//===- Daemon.h - Daemonizing, pid files and daemon logs --------*- C++ -*-===//
//
// What a long-running cppet service (cppet-master server, the agent
// daemon) needs to start in the background the way init systems expect:
//
//   * daemonize(): the classic double fork. The ORIGINAL process (the one an
//     init script or a terminal started) waits until the daemon says it is
//     ready (listening) or failed, and exits 0 or 1 accordingly, printing the
//     failure. So `cppet-master server && echo started` is only true once the
//     port is bound and the pid file written.
//   * PidFile: the pid file, exclusive through an flock held for the life of
//     the process; a second instance is refused, a stale file taken over.
//   * LogDestination: Puppet's --logdest: a file (reopened after logrotate),
//     syslog (facility daemon), or the console in the foreground.
//
// The intended order in a server's main:
//
//   Settings S = ...;                                  // parse everything
//   auto D = NoDaemonize ? Daemon::foreground()
//                        : daemonize({...});           // original blocks here
//   if (!D) { print error; return 1; }                 // still foreground
//   auto Pid = PidFile::acquire(PidPath);              // in the daemon
//   if (!Pid) { D->notifyFailure("Error: " + msg); return 1; }
//   auto Log = LogDestination::open(LogDest, "cppet-master");
//   bind the socket; on error D->notifyFailure(...), return 1;
//   D->notifyReady();                                  // original exits 0
//   start worker threads; serve; on SIGHUP reopen the log (and reload).
//
// daemonize() must be called before any thread is started (fork() copies
// only the calling thread); it refuses to run in a multi-threaded process.
// It is also the reason nothing here keeps global state: the daemon starts
// from a copy of the original's memory.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_SUPPORT_DAEMON_H
#define CPPET_SUPPORT_DAEMON_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <sys/types.h>

namespace cppet {

//===----------------------------------------------------------------------===//
// Daemonizing
//===----------------------------------------------------------------------===//

struct DaemonOptions {
  /// Used in the original process's own messages ("cppet-master: the daemon
  /// exited before it was ready").
  std::string ProgramName = "cppet";
  /// Where the daemon's stdout and stderr go once it has notified (stray
  /// output only: crash and sanitizer reports; logging goes through a
  /// LogDestination). Opened for append (created 0640); empty: /dev/null.
  std::string OutputPath;
  /// The daemon's working directory.
  std::string WorkingDirectory = "/";
  /// The daemon's umask.
  mode_t Umask = 022;
  /// How long the original process waits for notifyReady() or
  /// notifyFailure(); 0 waits for ever. On timeout the original prints an
  /// error and exits 1; the daemon is left running (and owes nothing).
  unsigned ReadyTimeoutSeconds = 0;
};

/// The daemon's side of the readiness handshake (and, in the foreground,
/// systemd's: see notifyReady()). Move-only; exactly one notification is
/// sent, later ones are ignored. Not thread-safe: notify from the thread
/// that starts the service.
class Daemon {
public:
  /// For --no-daemonize: nothing forks, nothing is redirected; notifyReady()
  /// only tells systemd (Type=notify) when NOTIFY_SOCKET is set.
  static Daemon foreground();

  Daemon(Daemon &&Other) noexcept;
  Daemon &operator=(Daemon &&Other) noexcept;
  Daemon(const Daemon &) = delete;
  Daemon &operator=(const Daemon &) = delete;
  /// If nothing was notified yet (an early return from main), the original
  /// is told the daemon "exited before it was ready".
  ~Daemon();

  /// True in a process made by daemonize().
  bool detached() const { return Detached; }
  /// True until notifyReady() or notifyFailure() was called.
  bool pending() const { return !Notified; }

  /// The service is up (socket bound, pid file written): the original
  /// process exits 0. Then stdout and stderr move to DaemonOptions's
  /// OutputPath (or /dev/null). Also sends READY=1 and MAINPID to systemd
  /// when $NOTIFY_SOCKET is set (Type=notify units).
  void notifyReady();
  /// The service cannot start: the original process prints Message (as
  /// given, e.g. "Error: Could not bind to 0.0.0.0:8140: ...", a newline
  /// added) on its stderr and exits 1. The caller then exits too. Also
  /// sends STATUS=Message to systemd when $NOTIFY_SOCKET is set.
  void notifyFailure(llvm::StringRef Message);

private:
  Daemon(int ReadyFd, int OutputFd, bool Detached)
      : ReadyFd(ReadyFd), OutputFd(OutputFd), Detached(Detached) {}
  friend llvm::Expected<Daemon> daemonize(const DaemonOptions &Options);
  void finish(llvm::StringRef Report, const std::string &SystemdState);

  /// The daemon's end of the readiness socket (detached only, until
  /// notified).
  int ReadyFd = -1;
  /// OutputPath (or /dev/null), opened before the fork.
  int OutputFd = -1;
  bool Detached = false;
  bool Notified = false;
};

/// Detaches from the terminal and the session: fork, setsid, fork again,
/// chdir, umask, stdin from /dev/null. Returns only in the daemon (a
/// grandchild, not a session leader, so it can never regain a controlling
/// terminal). The original process never returns: it waits for the
/// daemon's notification and exits 0 (ready) or 1 (failure, message on its
/// stderr; also when the daemon dies without a word or the wait times out).
/// The intermediate child exits at once and is reaped by the original.
///
/// Until it notifies, the daemon keeps the original's stdout and stderr,
/// so startup errors printed by the daemon still reach the terminal; the
/// original exits only after the daemon has let go of them, which keeps
/// `$(cppet-master server)`-style captures from hanging.
///
/// Errors (returned in the original, nothing forked): a second thread is
/// running, pipe() or fork() failed, OutputPath cannot be opened.
llvm::Expected<Daemon> daemonize(const DaemonOptions &Options);

//===----------------------------------------------------------------------===//
// Pid files
//===----------------------------------------------------------------------===//

/// The pid file of a running daemon: "PID\n", mode 0644, with an exclusive
/// flock held on it for the life of this object (and of the process: the
/// descriptor is O_CLOEXEC, so programs the daemon runs do not inherit it).
/// The lock, not the pid written in the file, decides whether an instance
/// is running: a file left by a crashed daemon (or from before a reboot,
/// whose pid may now name an unrelated process) is taken over.
///
/// Acquire it in the daemon (after daemonize(), since the pid changes) and
/// before notifyReady(), so the pid file exists when the original exits
/// (systemd's Type=forking and start-stop-daemon read it then).
class PidFile {
public:
  /// Creates the parent directories (0755) as needed, opens or creates
  /// Path, locks it and writes this process's pid. Fails with "already
  /// running with pid N (PATH is locked)" when a live process holds it.
  static llvm::Expected<PidFile> acquire(llvm::StringRef Path);

  /// The pid of the process holding the lock on Path, or nothing when the
  /// file does not exist or nobody holds it (stale). For `status`-style
  /// checks; it does not take the lock.
  static llvm::Expected<std::optional<pid_t>> holder(llvm::StringRef Path);

  PidFile(PidFile &&Other) noexcept;
  PidFile &operator=(PidFile &&Other) noexcept;
  PidFile(const PidFile &) = delete;
  PidFile &operator=(const PidFile &) = delete;
  /// Removes the file if it is still ours (same file at Path, acquired by
  /// this process: a forked child's copy never removes it), then unlocks.
  ~PidFile();

  const std::string &path() const { return Path; }

private:
  PidFile(std::string Path, int Fd, pid_t Owner)
      : Path(std::move(Path)), Fd(Fd), Owner(Owner) {}
  void release();

  std::string Path;
  int Fd = -1;
  pid_t Owner = 0;
};

//===----------------------------------------------------------------------===//
// Daemon logs
//===----------------------------------------------------------------------===//

/// Puppet's log levels (syslog's), lowest first.
enum class LogSeverity {
  Debug,
  Info,
  Notice,
  Warning,
  Err,
  Alert,
  Emerg,
  Crit
};

/// "debug", "info", "notice", "warning", "err" (also "error"), "alert",
/// "emerg", "crit", as Puppet's log_level setting spells them.
llvm::Expected<LogSeverity> parseLogSeverity(llvm::StringRef Name);
/// The console label: "Debug", "Info", "Notice", "Warning", "Error",
/// "Alert", "Emergency", "Critical".
llvm::StringRef logSeverityLabel(LogSeverity Level);
/// Puppet's level name: "debug", ..., "err", "alert", "emerg", "crit".
llvm::StringRef logSeverityName(LogSeverity Level);

/// Where a daemon's log lines go (Puppet's --logdest). Every method is
/// thread-safe; a line is written with one write(2) (O_APPEND), so lines
/// from several processes sharing a file do not interleave.
///
/// Lines, as Puppet writes them (Source "Puppet" is the default; a
/// resource's path for resource messages):
///   file:    "2026-11-27 01:00:00 +0000 Puppet (notice): Starting"
///            "2026-11-27 01:00:00 +0000 /Stage[main]/X (err): Failed"
///   console: "Notice: Starting", "Error: /Stage[main]/X: Failed"
///   syslog:  "Starting", "(/Stage[main]/X) Failed" at the level's priority,
///            ident = the program name, facility daemon, with the pid.
/// Multi-line messages are written as they are (one write, one record).
class LogDestination {
public:
  enum class Kind { Console, File, Syslog };

  /// Dest as --logdest gives it: "console", "syslog", or a file path
  /// (absolute, or relative to the working directory; its parent
  /// directories are created 0750 as needed; the file is created 0640).
  /// ProgramName is syslog's ident.
  static llvm::Expected<std::unique_ptr<LogDestination>>
  open(llvm::StringRef Dest, llvm::StringRef ProgramName);
  /// The console: Fd (default stderr), not owned.
  static std::unique_ptr<LogDestination> console(int Fd = 2);

  ~LogDestination();
  LogDestination(const LogDestination &) = delete;
  LogDestination &operator=(const LogDestination &) = delete;

  Kind kind() const { return DestKind; }
  /// Lines below Level are dropped (default Notice, Puppet's log_level).
  void setLevel(LogSeverity Level) { MinLevel.store(Level); }
  LogSeverity level() const { return MinLevel.load(); }

  void log(LogSeverity Level, llvm::StringRef Message,
           llvm::StringRef Source = "Puppet");
  void debug(llvm::StringRef M) { log(LogSeverity::Debug, M); }
  void info(llvm::StringRef M) { log(LogSeverity::Info, M); }
  void notice(llvm::StringRef M) { log(LogSeverity::Notice, M); }
  void warning(llvm::StringRef M) { log(LogSeverity::Warning, M); }
  void err(llvm::StringRef M) { log(LogSeverity::Err, M); }

  /// Reopens the file by its path (after logrotate moved it away); a no-op
  /// for the console and syslog. On failure the old file stays in use.
  llvm::Error reopen();
  /// Async-signal-safe: asks for a reopen, done by the next log() call (so
  /// a SIGHUP/SIGUSR2 handler may call it directly).
  void requestReopen() { ReopenRequested.store(true); }

private:
  LogDestination(Kind K, int Fd, std::string Path, std::string Ident);
  void writeLine(llvm::StringRef Line);

  const Kind DestKind;
  std::mutex Lock;
  int Fd;
  bool OwnsFd;
  std::string Path;
  /// openlog() keeps the pointer: the ident lives as long as this object.
  std::string Ident;
  std::atomic<LogSeverity> MinLevel{LogSeverity::Notice};
  std::atomic<bool> ReopenRequested{false};
};

} // namespace cppet

#endif // CPPET_SUPPORT_DAEMON_H
