//===- Daemon.cpp - Daemonizing, pid files and daemon logs ----------------===//
#include "cppet/Support/Daemon.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <syslog.h>
#include <thread>
#include <unistd.h>

using llvm::StringRef;

namespace cppet {

namespace {

llvm::Error sysError(const llvm::Twine &What, int Errno = errno) {
  return llvm::createStringError(
      std::error_code(Errno, std::generic_category()),
      What + ": " + std::strerror(Errno));
}

/// Writes all of Data to Fd (a pipe, socket or file), retrying on EINTR and
/// short writes; never raises SIGPIPE on a socket.
bool writeAll(int Fd, StringRef Data, bool Socket = false) {
  while (!Data.empty()) {
    ssize_t N = Socket ? ::send(Fd, Data.data(), Data.size(), MSG_NOSIGNAL)
                       : ::write(Fd, Data.data(), Data.size());
    if (N < 0) {
      if (errno == EINTR)
        continue;
      return false;
    }
    Data = Data.drop_front(static_cast<size_t>(N));
  }
  return true;
}

std::string readAll(int Fd) {
  std::string Out;
  char Buf[512];
  for (;;) {
    ssize_t N = ::read(Fd, Buf, sizeof(Buf));
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      return Out;
    Out.append(Buf, static_cast<size_t>(N));
  }
}

/// The number of threads of this process (/proc/self/task), 0 if unknown.
unsigned threadCount() {
  DIR *D = ::opendir("/proc/self/task");
  if (!D)
    return 0;
  unsigned N = 0;
  while (dirent *E = ::readdir(D))
    if (E->d_name[0] != '.')
      ++N;
  ::closedir(D);
  return N;
}

/// sd_notify(3) without libsystemd: one datagram to $NOTIFY_SOCKET.
void notifySystemd(const std::string &State) {
  const char *Socket = std::getenv("NOTIFY_SOCKET");
  if (!Socket || (Socket[0] != '/' && Socket[0] != '@'))
    return;
  sockaddr_un Addr{};
  Addr.sun_family = AF_UNIX;
  size_t Len = std::strlen(Socket);
  if (Len >= sizeof(Addr.sun_path))
    return;
  std::memcpy(Addr.sun_path, Socket, Len);
  if (Addr.sun_path[0] == '@')
    Addr.sun_path[0] = '\0'; // the abstract namespace
  int Fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (Fd < 0)
    return;
  (void)::sendto(Fd, State.data(), State.size(), MSG_NOSIGNAL,
                 reinterpret_cast<sockaddr *>(&Addr),
                 static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + Len));
  ::close(Fd);
}

/// The original process: reaps the intermediate child, waits for the
/// daemon's word and exits with it.
[[noreturn]] void waitForDaemon(int ReadFd, pid_t Intermediate,
                                const DaemonOptions &Options) {
  int Status = 0;
  while (::waitpid(Intermediate, &Status, 0) < 0 && errno == EINTR)
    ;
  using Clock = std::chrono::steady_clock;
  const auto Deadline =
      Clock::now() + std::chrono::seconds(Options.ReadyTimeoutSeconds);
  std::string Report;
  for (;;) {
    int Timeout = -1;
    if (Options.ReadyTimeoutSeconds) {
      auto Left = std::chrono::duration_cast<std::chrono::milliseconds>(
          Deadline - Clock::now());
      if (Left.count() <= 0) {
        std::string Message =
            Options.ProgramName + ": the daemon did not report ready within " +
            std::to_string(Options.ReadyTimeoutSeconds) + " seconds\n";
        writeAll(2, Message);
        ::_exit(1);
      }
      Timeout = static_cast<int>(Left.count());
    }
    pollfd P{ReadFd, POLLIN, 0};
    int Ready = ::poll(&P, 1, Timeout);
    if (Ready < 0 && errno != EINTR)
      break;
    if (Ready <= 0)
      continue;
    char Buf[1024];
    ssize_t N = ::read(ReadFd, Buf, sizeof(Buf));
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      break;
    Report.append(Buf, static_cast<size_t>(N));
  }
  StringRef R(Report);
  if (R == "ready")
    ::_exit(0);
  if (R.consume_front("error\n")) {
    std::string Message = R.str();
    if (Message.empty() || Message.back() != '\n')
      Message += '\n';
    writeAll(2, Message);
    ::_exit(1);
  }
  writeAll(2,
           Options.ProgramName + ": the daemon exited before it was ready\n");
  ::_exit(1);
}

/// In the intermediate child or the daemon, before Daemon exists: report
/// to the original and give up.
[[noreturn]] void failEarly(int ReadyFd, const std::string &What) {
  writeAll(ReadyFd, "error\n" + What + ": " + std::strerror(errno),
           /*Socket=*/true);
  ::_exit(1);
}

} // namespace

//===----------------------------------------------------------------------===//
// Daemon
//===----------------------------------------------------------------------===//

Daemon Daemon::foreground() { return Daemon(-1, -1, /*Detached=*/false); }

Daemon::Daemon(Daemon &&Other) noexcept
    : ReadyFd(Other.ReadyFd), OutputFd(Other.OutputFd),
      Detached(Other.Detached), Notified(Other.Notified) {
  Other.ReadyFd = Other.OutputFd = -1;
  Other.Notified = true;
}

Daemon &Daemon::operator=(Daemon &&Other) noexcept {
  if (this != &Other) {
    for (int Fd : {ReadyFd, OutputFd})
      if (Fd >= 0)
        ::close(Fd);
    ReadyFd = Other.ReadyFd;
    OutputFd = Other.OutputFd;
    Detached = Other.Detached;
    Notified = Other.Notified;
    Other.ReadyFd = Other.OutputFd = -1;
    Other.Notified = true;
  }
  return *this;
}

Daemon::~Daemon() {
  // Not notified: closing the socket unanswered tells the original the
  // daemon "exited before it was ready".
  if (ReadyFd >= 0)
    ::close(ReadyFd);
  if (OutputFd >= 0)
    ::close(OutputFd);
}

void Daemon::finish(StringRef Report, const std::string &SystemdState) {
  if (Notified)
    return;
  Notified = true;
  notifySystemd(SystemdState);
  if (!Detached)
    return;
  // Let go of the original's stdout and stderr first, so that once the
  // original exits nothing of the start holds them open.
  llvm::outs().flush();
  llvm::errs().flush();
  std::fflush(nullptr);
  if (OutputFd >= 0) {
    ::dup2(OutputFd, 1);
    ::dup2(OutputFd, 2);
    ::close(OutputFd);
    OutputFd = -1;
  }
  writeAll(ReadyFd, Report, /*Socket=*/true);
  ::close(ReadyFd);
  ReadyFd = -1;
}

void Daemon::notifyReady() {
  finish("ready", "READY=1\nMAINPID=" + std::to_string(::getpid()));
}

void Daemon::notifyFailure(StringRef Message) {
  std::string Status = "STATUS=" + Message.str();
  std::replace(Status.begin(), Status.end(), '\n', ' ');
  finish(("error\n" + Message).str(), Status);
}

llvm::Expected<Daemon> daemonize(const DaemonOptions &Options) {
  if (unsigned Threads = threadCount(); Threads > 1)
    return llvm::createStringError(
        std::make_error_code(std::errc::operation_not_permitted),
        "cannot daemonize a process with %u threads: daemonize() must be "
        "called before any thread is started",
        Threads);
  // Started with a standard descriptor closed (some supervisors do), the
  // descriptors opened below would take its number and be clobbered by the
  // redirections: fill the gaps with /dev/null first.
  for (int Fd = 0; Fd <= 2; ++Fd)
    if (::fcntl(Fd, F_GETFD) < 0 && errno == EBADF) {
      int Null = ::open("/dev/null", O_RDWR);
      if (Null >= 0 && Null != Fd) {
        ::dup2(Null, Fd);
        ::close(Null);
      }
    }
  const std::string OutputPath =
      Options.OutputPath.empty() ? "/dev/null" : Options.OutputPath;
  int OutputFd = ::open(OutputPath.c_str(),
                        O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  if (OutputFd < 0)
    return sysError("Could not open " + OutputPath);
  int NullFd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (NullFd < 0) {
    llvm::Error E = sysError("Could not open /dev/null");
    ::close(OutputFd);
    return E;
  }
  // A socket pair rather than a pipe: the daemon's send() never raises
  // SIGPIPE when the original is gone (killed, timed out).
  int Pair[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, Pair) != 0) {
    llvm::Error E = sysError("Could not create the readiness socket");
    ::close(OutputFd);
    ::close(NullFd);
    return E;
  }
  // Buffered output would otherwise be written twice (by both processes).
  llvm::outs().flush();
  llvm::errs().flush();
  std::fflush(nullptr);

  pid_t Child = ::fork();
  if (Child < 0) {
    llvm::Error E = sysError("Could not fork");
    for (int Fd : {OutputFd, NullFd, Pair[0], Pair[1]})
      ::close(Fd);
    return E;
  }
  if (Child > 0) {
    for (int Fd : {OutputFd, NullFd, Pair[1]})
      ::close(Fd);
    waitForDaemon(Pair[0], Child, Options);
  }

  // The intermediate child: a new session without a controlling terminal.
  ::close(Pair[0]);
  const int ReadyFd = Pair[1];
  if (::setsid() < 0)
    failEarly(ReadyFd, "setsid failed");
  pid_t Daemonized = ::fork();
  if (Daemonized < 0)
    failEarly(ReadyFd, "Could not fork the daemon");
  if (Daemonized > 0)
    ::_exit(0);

  // The daemon: not a session leader, so it cannot acquire a terminal.
  if (::chdir(Options.WorkingDirectory.c_str()) != 0)
    failEarly(ReadyFd, "Could not change to " + Options.WorkingDirectory);
  ::umask(Options.Umask);
  if (::dup2(NullFd, 0) < 0)
    failEarly(ReadyFd, "Could not redirect stdin");
  ::close(NullFd);
  return Daemon(ReadyFd, OutputFd, /*Detached=*/true);
}

//===----------------------------------------------------------------------===//
// PidFile
//===----------------------------------------------------------------------===//

namespace {
std::optional<pid_t> parsePid(StringRef Text) {
  long long Pid = 0;
  if (Text.trim().getAsInteger(10, Pid) || Pid <= 0)
    return std::nullopt;
  return static_cast<pid_t>(Pid);
}

bool sameFile(int Fd, const std::string &Path) {
  struct stat Open, Named;
  return ::fstat(Fd, &Open) == 0 && ::stat(Path.c_str(), &Named) == 0 &&
         Open.st_dev == Named.st_dev && Open.st_ino == Named.st_ino;
}

llvm::Error makeParentDirectories(StringRef Path, unsigned Mode) {
  StringRef Dir = llvm::sys::path::parent_path(Path);
  if (Dir.empty())
    return llvm::Error::success();
  if (std::error_code EC = llvm::sys::fs::create_directories(
          Dir, /*IgnoreExisting=*/true,
          static_cast<llvm::sys::fs::perms>(Mode)))
    return llvm::createStringError(EC, "Could not create " + Dir + ": " +
                                           EC.message());
  return llvm::Error::success();
}
} // namespace

llvm::Expected<PidFile> PidFile::acquire(StringRef PathRef) {
  std::string Path = PathRef.str();
  if (llvm::Error E = makeParentDirectories(Path, 0755))
    return E;
  // A holder that is removing the file may unlink it between our open and
  // our lock: the lock is then on a file no longer at Path; start over.
  for (int Attempt = 0; Attempt < 100; ++Attempt) {
    int Fd =
        ::open(Path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (Fd < 0)
      return sysError("Could not open the pid file " + Path);
    if (::flock(Fd, LOCK_EX | LOCK_NB) != 0) {
      int Errno = errno;
      std::string Content = readAll(Fd);
      ::close(Fd);
      if (Errno != EWOULDBLOCK)
        return sysError("Could not lock the pid file " + Path, Errno);
      if (std::optional<pid_t> Pid = parsePid(Content))
        return llvm::createStringError(
            std::make_error_code(std::errc::resource_unavailable_try_again),
            "already running with pid " + std::to_string(*Pid) + " (" + Path +
                " is locked)");
      return llvm::createStringError(
          std::make_error_code(std::errc::resource_unavailable_try_again),
          "already running (" + Path + " is locked)");
    }
    if (!sameFile(Fd, Path)) {
      ::close(Fd);
      continue;
    }
    std::string Content = std::to_string(::getpid()) + "\n";
    if (::ftruncate(Fd, 0) != 0 ||
        ::pwrite(Fd, Content.data(), Content.size(), 0) !=
            static_cast<ssize_t>(Content.size())) {
      llvm::Error E = sysError("Could not write the pid file " + Path);
      ::unlink(Path.c_str());
      ::close(Fd);
      return E;
    }
    return PidFile(std::move(Path), Fd, ::getpid());
  }
  return llvm::createStringError(
      std::make_error_code(std::errc::resource_unavailable_try_again),
      "Could not lock the pid file " + Path + ": it keeps being replaced");
}

llvm::Expected<std::optional<pid_t>> PidFile::holder(StringRef PathRef) {
  std::string Path = PathRef.str();
  int Fd = ::open(Path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (Fd < 0) {
    if (errno == ENOENT)
      return std::nullopt;
    return sysError("Could not open the pid file " + Path);
  }
  if (::flock(Fd, LOCK_SH | LOCK_NB) == 0) {
    ::close(Fd); // unlocks: nobody held it
    return std::nullopt;
  }
  if (errno != EWOULDBLOCK) {
    llvm::Error E = sysError("Could not lock the pid file " + Path);
    ::close(Fd);
    return E;
  }
  // The holder writes its pid right after locking: give it a moment.
  for (int Attempt = 0; Attempt < 50; ++Attempt) {
    ::lseek(Fd, 0, SEEK_SET);
    if (std::optional<pid_t> Pid = parsePid(readAll(Fd))) {
      ::close(Fd);
      return Pid;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::close(Fd);
  return llvm::createStringError(
      std::make_error_code(std::errc::invalid_argument),
      Path + " is locked but holds no pid");
}

PidFile::PidFile(PidFile &&Other) noexcept
    : Path(std::move(Other.Path)), Fd(Other.Fd), Owner(Other.Owner) {
  Other.Fd = -1;
}

PidFile &PidFile::operator=(PidFile &&Other) noexcept {
  if (this != &Other) {
    release();
    Path = std::move(Other.Path);
    Fd = Other.Fd;
    Owner = Other.Owner;
    Other.Fd = -1;
  }
  return *this;
}

PidFile::~PidFile() { release(); }

void PidFile::release() {
  if (Fd < 0)
    return;
  // Unlink while still holding the lock; a process that opened the old
  // file meanwhile sees it is no longer at Path once it gets the lock. A
  // forked child only closes its descriptor: the lock stays with the
  // parent's (flock locks belong to the open file, not the descriptor).
  if (::getpid() == Owner && sameFile(Fd, Path))
    ::unlink(Path.c_str());
  ::close(Fd);
  Fd = -1;
}

//===----------------------------------------------------------------------===//
// LogDestination
//===----------------------------------------------------------------------===//

namespace {
struct SeverityInfo {
  LogSeverity Level;
  const char *Name;
  const char *Label;
  int Priority;
};
constexpr SeverityInfo Severities[] = {
    {LogSeverity::Debug, "debug", "Debug", LOG_DEBUG},
    {LogSeverity::Info, "info", "Info", LOG_INFO},
    {LogSeverity::Notice, "notice", "Notice", LOG_NOTICE},
    {LogSeverity::Warning, "warning", "Warning", LOG_WARNING},
    {LogSeverity::Err, "err", "Error", LOG_ERR},
    {LogSeverity::Alert, "alert", "Alert", LOG_ALERT},
    {LogSeverity::Emerg, "emerg", "Emergency", LOG_EMERG},
    {LogSeverity::Crit, "crit", "Critical", LOG_CRIT},
};

const SeverityInfo &infoOf(LogSeverity Level) {
  return Severities[static_cast<size_t>(Level)];
}

/// Puppet's Time#to_s: "2026-11-27 01:00:00 +0000", local time.
std::string timestamp() {
  std::time_t Now = std::time(nullptr);
  std::tm Local{};
  ::localtime_r(&Now, &Local);
  char Buf[64];
  size_t N = std::strftime(Buf, sizeof(Buf), "%Y-%m-%d %H:%M:%S %z", &Local);
  return std::string(Buf, N);
}

llvm::Expected<int> openLogFile(const std::string &Path) {
  if (llvm::Error E = makeParentDirectories(Path, 0750))
    return E;
  int Fd =
      ::open(Path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  if (Fd < 0)
    return sysError("Could not open the log file " + Path);
  return Fd;
}
} // namespace

llvm::Expected<LogSeverity> parseLogSeverity(StringRef Name) {
  std::string Lower = Name.trim().lower();
  if (Lower == "error")
    return LogSeverity::Err;
  for (const SeverityInfo &S : Severities)
    if (Lower == S.Name)
      return S.Level;
  return llvm::createStringError(
      std::make_error_code(std::errc::invalid_argument),
      "Invalid loglevel '%s': expected debug, info, notice, warning, err, "
      "alert, emerg or crit",
      Name.str().c_str());
}

StringRef logSeverityLabel(LogSeverity Level) { return infoOf(Level).Label; }
StringRef logSeverityName(LogSeverity Level) { return infoOf(Level).Name; }

LogDestination::LogDestination(Kind K, int Fd, std::string Path,
                               std::string Ident)
    : DestKind(K), Fd(Fd), OwnsFd(K == Kind::File), Path(std::move(Path)),
      Ident(std::move(Ident)) {}

llvm::Expected<std::unique_ptr<LogDestination>>
LogDestination::open(StringRef Dest, StringRef ProgramName) {
  if (Dest == "console")
    return console();
  if (Dest == "syslog") {
    std::unique_ptr<LogDestination> L(
        new LogDestination(Kind::Syslog, -1, "", ProgramName.str()));
    ::openlog(L->Ident.c_str(), LOG_PID | LOG_NDELAY, LOG_DAEMON);
    return L;
  }
  if (Dest.empty())
    return llvm::createStringError(
        std::make_error_code(std::errc::invalid_argument),
        "empty log destination");
  std::string Path = Dest.str();
  llvm::Expected<int> Fd = openLogFile(Path);
  if (!Fd)
    return Fd.takeError();
  return std::unique_ptr<LogDestination>(
      new LogDestination(Kind::File, *Fd, std::move(Path), ""));
}

std::unique_ptr<LogDestination> LogDestination::console(int Fd) {
  return std::unique_ptr<LogDestination>(
      new LogDestination(Kind::Console, Fd, "", ""));
}

LogDestination::~LogDestination() {
  if (OwnsFd && Fd >= 0)
    ::close(Fd);
  if (DestKind == Kind::Syslog)
    ::closelog();
}

llvm::Error LogDestination::reopen() {
  std::lock_guard<std::mutex> Guard(Lock);
  ReopenRequested.store(false);
  if (DestKind != Kind::File)
    return llvm::Error::success();
  llvm::Expected<int> New = openLogFile(Path);
  if (!New)
    return New.takeError();
  ::close(Fd);
  Fd = *New;
  return llvm::Error::success();
}

void LogDestination::log(LogSeverity Level, StringRef Message,
                         StringRef Source) {
  if (Level < MinLevel.load())
    return;
  const SeverityInfo &S = infoOf(Level);
  const bool Puppet = Source == "Puppet";
  std::string Line;
  switch (DestKind) {
  case Kind::Syslog:
    Line = Puppet ? Message.str() : ("(" + Source + ") " + Message).str();
    ::syslog(S.Priority, "%s", Line.c_str());
    return;
  case Kind::Console:
    Line = (llvm::Twine(S.Label) + ": " + (Puppet ? "" : Source) +
            (Puppet ? "" : ": ") + Message + "\n")
               .str();
    break;
  case Kind::File:
    Line = (timestamp() + " " + Source + " (" + S.Name + "): " + Message + "\n")
               .str();
    break;
  }
  writeLine(Line);
}

void LogDestination::writeLine(StringRef Line) {
  std::lock_guard<std::mutex> Guard(Lock);
  if (DestKind == Kind::File && ReopenRequested.exchange(false)) {
    if (llvm::Expected<int> New = openLogFile(Path)) {
      ::close(Fd);
      Fd = *New;
    } else {
      // Keep writing to the old file; say why once.
      writeAll(Fd, timestamp() + " Puppet (err): " +
                       llvm::toString(New.takeError()) + "\n");
    }
  }
  writeAll(Fd, Line);
}

} // namespace cppet
