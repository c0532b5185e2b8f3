//===- DaemonTest.cpp - daemonize, PidFile, LogDestination ----------------===//
//
// daemonize() is exercised in a forked child of the test (the "original"
// process), so the test process itself is never daemonized; the daemon
// reports what it sees through files in a temporary directory and leaves
// with _exit.
//
//===----------------------------------------------------------------------===//
#include "cppet/Support/Daemon.h"
#include "cppet/Support/FileSystem.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Regex.h"

#include "gtest/gtest.h"

#include <chrono>
#include <cstdlib>
#include <fcntl.h>
#include <functional>
#include <future>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace cppet;

namespace {

class TempDir {
public:
  TempDir() {
    llvm::SmallString<128> P;
    EXPECT_FALSE(llvm::sys::fs::createUniqueDirectory("cppet-daemon-test", P));
    Path = std::string(P);
  }
  ~TempDir() { (void)llvm::sys::fs::remove_directories(Path); }
  std::string operator/(llvm::StringRef Name) const {
    return Path + "/" + Name.str();
  }
  std::string Path;
};

std::string slurp(const std::string &Path) {
  llvm::Expected<std::string> Text = readFile(Path);
  if (!Text) {
    llvm::consumeError(Text.takeError());
    return "";
  }
  return *Text;
}

void put(const std::string &Path, llvm::StringRef Text) {
  int Fd = ::open(Path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (Fd < 0)
    return;
  (void)!::write(Fd, Text.data(), Text.size());
  ::close(Fd);
}

/// Waits up to 5 s for Path to exist.
bool waitFor(const std::string &Path) {
  for (int I = 0; I < 500; ++I) {
    if (::access(Path.c_str(), F_OK) == 0)
      return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

/// Forks the "original" process (stderr to StderrPath), which calls
/// daemonize(Options) and runs InDaemon in the daemon; returns the
/// original's exit status.
int runOriginal(const std::string &StderrPath, const DaemonOptions &Options,
                const std::function<void(Daemon &)> &InDaemon) {
  pid_t Original = ::fork();
  if (Original == 0) {
    int Fd = ::open(StderrPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(Fd, 2);
    ::close(Fd);
    {
      llvm::Expected<Daemon> D = daemonize(Options);
      if (!D) {
        std::string E = llvm::toString(D.takeError()) + "\n";
        (void)!::write(2, E.data(), E.size());
        ::_exit(70);
      }
      InDaemon(*D);
    }
    ::_exit(0);
  }
  int Status = 0;
  ::waitpid(Original, &Status, 0);
  return WIFEXITED(Status) ? WEXITSTATUS(Status) : 128 + WTERMSIG(Status);
}

TEST(Daemonize, OriginalExitsZeroOnceReadyAndTheDaemonIsDetached) {
  TempDir T;
  DaemonOptions O;
  O.ProgramName = "test";
  O.OutputPath = T / "output.log";
  O.Umask = 027;
  const pid_t TestPid = ::getpid();
  int Status = runOriginal(T / "stderr", O, [&](Daemon &D) {
    char Cwd[256] = "";
    (void)!::getcwd(Cwd, sizeof(Cwd));
    mode_t Mask = ::umask(0);
    struct stat In, Null;
    ::fstat(0, &In);
    ::stat("/dev/null", &Null);
    std::string Info =
        "detached " + std::to_string(D.detached()) + "\nleader " +
        std::to_string(::getsid(0) == ::getpid()) + "\nsame session " +
        std::to_string(::getsid(0) == ::getsid(TestPid)) + "\ncwd " + Cwd +
        "\numask " + std::to_string(Mask) + "\nstdin null " +
        std::to_string(In.st_rdev == Null.st_rdev) + "\n";
    put(T / "info", Info);
    (void)!::write(2, "before ready\n", 13);
    D.notifyReady();
    (void)!::write(2, "after ready\n", 12);
    put(T / "done", "");
  });
  EXPECT_EQ(Status, 0);
  // The daemon wrote its info before notifying.
  EXPECT_EQ(slurp(T / "info"), "detached 1\nleader 0\nsame session 0\ncwd "
                               "/\numask 23\nstdin null 1\n");
  ASSERT_TRUE(waitFor(T / "done"));
  EXPECT_EQ(slurp(T / "stderr"), "before ready\n");
  EXPECT_EQ(slurp(T / "output.log"), "after ready\n");
}

TEST(Daemonize, StartedWithStandardDescriptorsClosed) {
  TempDir T;
  DaemonOptions O;
  O.OutputPath = T / "output.log";
  pid_t Original = ::fork();
  if (Original == 0) {
    ::close(0);
    ::close(1);
    {
      llvm::Expected<Daemon> D = daemonize(O);
      if (!D)
        ::_exit(70);
      struct stat In, Null;
      ::fstat(0, &In);
      ::stat("/dev/null", &Null);
      put(T / "info",
          "stdin null " + std::to_string(In.st_rdev == Null.st_rdev) + "\n");
      D->notifyReady();
      (void)!::write(1, "out\n", 4);
      (void)!::write(2, "err\n", 4);
      put(T / "done", "");
    }
    ::_exit(0);
  }
  int Status = 0;
  ::waitpid(Original, &Status, 0);
  ASSERT_TRUE(WIFEXITED(Status));
  EXPECT_EQ(WEXITSTATUS(Status), 0);
  EXPECT_EQ(slurp(T / "info"), "stdin null 1\n");
  ASSERT_TRUE(waitFor(T / "done"));
  EXPECT_EQ(slurp(T / "output.log"), "out\nerr\n");
}

TEST(Daemonize, FailureIsPrintedByTheOriginal) {
  TempDir T;
  DaemonOptions O;
  int Status = runOriginal(T / "stderr", O, [](Daemon &D) {
    D.notifyFailure("Error: Could not bind to 0.0.0.0:8140: in use");
    D.notifyReady(); // ignored: one notification only
  });
  EXPECT_EQ(Status, 1);
  EXPECT_EQ(slurp(T / "stderr"),
            "Error: Could not bind to 0.0.0.0:8140: in use\n");
}

TEST(Daemonize, ExitWithoutNotifyingFailsTheOriginal) {
  TempDir T;
  DaemonOptions O;
  O.ProgramName = "cppet-test";
  // The Daemon is destroyed unnotified (an early return from main).
  EXPECT_EQ(runOriginal(T / "stderr", O, [](Daemon &) {}), 1);
  EXPECT_EQ(slurp(T / "stderr"),
            "cppet-test: the daemon exited before it was ready\n");
  // The daemon dies without running any destructor.
  EXPECT_EQ(runOriginal(T / "stderr", O, [](Daemon &) { ::_exit(3); }), 1);
  EXPECT_EQ(slurp(T / "stderr"),
            "cppet-test: the daemon exited before it was ready\n");
}

TEST(Daemonize, OriginalGivesUpAfterTheTimeoutAndTheDaemonSurvives) {
  TempDir T;
  DaemonOptions O;
  O.ProgramName = "cppet-test";
  O.ReadyTimeoutSeconds = 1;
  auto Start = std::chrono::steady_clock::now();
  int Status = runOriginal(T / "stderr", O, [&](Daemon &D) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    D.notifyReady(); // the original is gone: no SIGPIPE
    put(T / "survived", "");
  });
  EXPECT_EQ(Status, 1);
  EXPECT_GE(std::chrono::steady_clock::now() - Start,
            std::chrono::milliseconds(900));
  EXPECT_EQ(slurp(T / "stderr"),
            "cppet-test: the daemon did not report ready within 1 seconds\n");
  EXPECT_TRUE(waitFor(T / "survived"));
}

TEST(Daemonize, RefusesWhenThreadsAreRunning) {
  std::promise<void> Stop;
  std::thread Worker([F = Stop.get_future()]() mutable { F.wait(); });
  llvm::Expected<Daemon> D = daemonize(DaemonOptions());
  Stop.set_value();
  Worker.join();
  ASSERT_FALSE(static_cast<bool>(D));
  EXPECT_NE(llvm::toString(D.takeError())
                .find("daemonize() must be called before any thread"),
            std::string::npos);
}

TEST(Daemonize, UnopenableOutputIsAnErrorInTheForeground) {
  DaemonOptions O;
  O.OutputPath = "/nonexistent-cppet-dir/out.log";
  llvm::Expected<Daemon> D = daemonize(O);
  ASSERT_FALSE(static_cast<bool>(D));
  EXPECT_NE(llvm::toString(D.takeError()).find("/nonexistent-cppet-dir"),
            std::string::npos);
}

TEST(Daemonize, ForegroundNotifiesSystemd) {
  TempDir T;
  std::string SocketPath = T / "notify";
  int Fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  ASSERT_GE(Fd, 0);
  sockaddr_un Addr{};
  Addr.sun_family = AF_UNIX;
  ASSERT_LT(SocketPath.size(), sizeof(Addr.sun_path));
  std::memcpy(Addr.sun_path, SocketPath.c_str(), SocketPath.size());
  ASSERT_EQ(::bind(Fd, reinterpret_cast<sockaddr *>(&Addr), sizeof(Addr)), 0);
  ::setenv("NOTIFY_SOCKET", SocketPath.c_str(), 1);
  {
    Daemon D = Daemon::foreground();
    EXPECT_FALSE(D.detached());
    EXPECT_TRUE(D.pending());
    D.notifyReady();
    EXPECT_FALSE(D.pending());
  }
  ::unsetenv("NOTIFY_SOCKET");
  char Buf[256];
  ssize_t N = ::recv(Fd, Buf, sizeof(Buf), MSG_DONTWAIT);
  ::close(Fd);
  ASSERT_GT(N, 0);
  EXPECT_EQ(std::string(Buf, static_cast<size_t>(N)),
            "READY=1\nMAINPID=" + std::to_string(::getpid()));
}

//===----------------------------------------------------------------------===//

TEST(PidFile, CreatesParentsWritesPidAndRemovesOnDestruction) {
  TempDir T;
  std::string Path = T / "run/cppet/master.pid";
  {
    llvm::Expected<PidFile> P = PidFile::acquire(Path);
    ASSERT_TRUE(static_cast<bool>(P)) << llvm::toString(P.takeError());
    EXPECT_EQ(P->path(), Path);
    EXPECT_EQ(slurp(Path), std::to_string(::getpid()) + "\n");
    llvm::Expected<std::optional<pid_t>> H = PidFile::holder(Path);
    ASSERT_TRUE(static_cast<bool>(H));
    EXPECT_EQ(*H, std::optional<pid_t>(::getpid()));
  }
  EXPECT_NE(::access(Path.c_str(), F_OK), 0);
  llvm::Expected<std::optional<pid_t>> H = PidFile::holder(Path);
  ASSERT_TRUE(static_cast<bool>(H));
  EXPECT_FALSE(H->has_value());
}

TEST(PidFile, SecondInstanceIsRefused) {
  TempDir T;
  std::string Path = T / "agent.pid";
  llvm::Expected<PidFile> First = PidFile::acquire(Path);
  ASSERT_TRUE(static_cast<bool>(First));
  llvm::Expected<PidFile> Second = PidFile::acquire(Path);
  ASSERT_FALSE(static_cast<bool>(Second));
  EXPECT_EQ(llvm::toString(Second.takeError()),
            "already running with pid " + std::to_string(::getpid()) + " (" +
                Path + " is locked)");
  // The refused attempt left the file alone.
  EXPECT_EQ(slurp(Path), std::to_string(::getpid()) + "\n");
}

TEST(PidFile, AnotherProcessHoldingItIsRefusedUntilItExits) {
  TempDir T;
  std::string Path = T / "master.pid";
  int Go[2], Held[2];
  ASSERT_EQ(::pipe(Go), 0);
  ASSERT_EQ(::pipe(Held), 0);
  pid_t Child = ::fork();
  if (Child == 0) {
    llvm::Expected<PidFile> P = PidFile::acquire(Path);
    char C = P ? 'y' : 'n';
    (void)!::write(Held[1], &C, 1);
    (void)!::read(Go[0], &C, 1); // until the test says so
    ::_exit(0); // no destructor: a crashed daemon leaves its file behind
  }
  char C = 0;
  ASSERT_EQ(::read(Held[0], &C, 1), 1);
  ASSERT_EQ(C, 'y');
  llvm::Expected<PidFile> Refused = PidFile::acquire(Path);
  ASSERT_FALSE(static_cast<bool>(Refused));
  EXPECT_NE(llvm::toString(Refused.takeError())
                .find("already running with pid " + std::to_string(Child)),
            std::string::npos);
  llvm::Expected<std::optional<pid_t>> H = PidFile::holder(Path);
  ASSERT_TRUE(static_cast<bool>(H));
  EXPECT_EQ(*H, std::optional<pid_t>(Child));

  (void)!::write(Go[1], "x", 1);
  ::waitpid(Child, nullptr, 0);
  for (int Fd : {Go[0], Go[1], Held[0], Held[1]})
    ::close(Fd);
  // The file is still there, naming a dead process: stale, taken over.
  EXPECT_EQ(slurp(Path), std::to_string(Child) + "\n");
  H = PidFile::holder(Path);
  ASSERT_TRUE(static_cast<bool>(H));
  EXPECT_FALSE(H->has_value());
  llvm::Expected<PidFile> Taken = PidFile::acquire(Path);
  ASSERT_TRUE(static_cast<bool>(Taken)) << llvm::toString(Taken.takeError());
  EXPECT_EQ(slurp(Path), std::to_string(::getpid()) + "\n");
}

TEST(PidFile, StaleFileIsTakenOver) {
  TempDir T;
  std::string Path = T / "master.pid";
  put(Path, "999999999\nleftover text that is longer than a pid\n");
  llvm::Expected<PidFile> P = PidFile::acquire(Path);
  ASSERT_TRUE(static_cast<bool>(P)) << llvm::toString(P.takeError());
  EXPECT_EQ(slurp(Path), std::to_string(::getpid()) + "\n");
}

TEST(PidFile, ReplacedFileIsNotRemoved) {
  TempDir T;
  std::string Path = T / "master.pid";
  {
    llvm::Expected<PidFile> P = PidFile::acquire(Path);
    ASSERT_TRUE(static_cast<bool>(P));
    // Someone removed it and another instance wrote its own.
    ::unlink(Path.c_str());
    put(Path, "4242\n");
  }
  EXPECT_EQ(slurp(Path), "4242\n");
}

TEST(PidFile, ForkedChildDoesNotRemoveOrUnlock) {
  TempDir T;
  std::string Path = T / "master.pid";
  llvm::Expected<PidFile> P = PidFile::acquire(Path);
  ASSERT_TRUE(static_cast<bool>(P));
  pid_t Child = ::fork();
  if (Child == 0) {
    { PidFile Copy = std::move(*P); } // destroyed in the child
    ::_exit(0);
  }
  ::waitpid(Child, nullptr, 0);
  EXPECT_EQ(slurp(Path), std::to_string(::getpid()) + "\n");
  llvm::Expected<std::optional<pid_t>> H = PidFile::holder(Path);
  ASSERT_TRUE(static_cast<bool>(H));
  EXPECT_EQ(*H, std::optional<pid_t>(::getpid()));
}

//===----------------------------------------------------------------------===//

TEST(LogDestination, FileLinesHavePuppetsShape) {
  TempDir T;
  std::string Path = T / "log/cppet/master.log";
  auto L = LogDestination::open(Path, "cppet-master");
  ASSERT_TRUE(static_cast<bool>(L)) << llvm::toString(L.takeError());
  EXPECT_EQ((*L)->kind(), LogDestination::Kind::File);
  (*L)->notice("Starting cppet-master");
  (*L)->info("dropped at the default level");
  (*L)->log(LogSeverity::Err, "change failed", "/Stage[main]/Main/File[/x]");
  (*L)->setLevel(LogSeverity::Debug);
  (*L)->debug("now kept");
  std::string Text = slurp(Path);
  llvm::Regex Shape(
      "^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} [+-][0-9]{4} "
      "Puppet \\(notice\\): Starting cppet-master\n"
      "[0-9-]{10} [0-9:]{8} [+-][0-9]{4} /Stage\\[main\\]/Main/File\\[/x\\] "
      "\\(err\\): change failed\n"
      "[0-9-]{10} [0-9:]{8} [+-][0-9]{4} Puppet \\(debug\\): now kept\n$");
  EXPECT_TRUE(Shape.match(Text)) << Text;
  struct stat St;
  ASSERT_EQ(::stat(Path.c_str(), &St), 0);
  EXPECT_EQ(St.st_mode & 0777, 0640u);
}

TEST(LogDestination, ReopenAfterRotation) {
  TempDir T;
  std::string Path = T / "agent.log";
  auto L = LogDestination::open(Path, "cppet-agent");
  ASSERT_TRUE(static_cast<bool>(L));
  (*L)->notice("one");
  ASSERT_EQ(::rename(Path.c_str(), (Path + ".1").c_str()), 0);
  (*L)->notice("two"); // still the rotated file
  ASSERT_FALSE(static_cast<bool>((*L)->reopen()));
  (*L)->notice("three");
  ASSERT_EQ(::rename(Path.c_str(), (Path + ".2").c_str()), 0);
  (*L)->requestReopen(); // as a signal handler would
  (*L)->notice("four");
  auto Count = [&](const std::string &P, llvm::StringRef Word) {
    return slurp(P).find(("(notice): " + Word + "\n").str()) !=
           std::string::npos;
  };
  EXPECT_TRUE(Count(Path + ".1", "one"));
  EXPECT_TRUE(Count(Path + ".1", "two"));
  EXPECT_TRUE(Count(Path + ".2", "three"));
  EXPECT_FALSE(Count(Path + ".2", "four"));
  EXPECT_TRUE(Count(Path, "four"));
  EXPECT_FALSE(Count(Path, "three"));
}

TEST(LogDestination, ConsoleLines) {
  int P[2];
  ASSERT_EQ(::pipe(P), 0);
  {
    auto L = LogDestination::console(P[1]);
    EXPECT_EQ(L->kind(), LogDestination::Kind::Console);
    L->notice("Starting");
    L->warning("careful");
    L->log(LogSeverity::Err, "boom", "/Stage[main]/Main/Exec[x]");
    L->log(LogSeverity::Crit, "gone");
  }
  ::close(P[1]);
  char Buf[512];
  ssize_t N = ::read(P[0], Buf, sizeof(Buf));
  ::close(P[0]);
  ASSERT_GT(N, 0);
  EXPECT_EQ(std::string(Buf, static_cast<size_t>(N)),
            "Notice: Starting\nWarning: careful\nError: "
            "/Stage[main]/Main/Exec[x]: boom\nCritical: gone\n");
}

TEST(LogDestination, LinesFromManyThreadsStayWhole) {
  TempDir T;
  std::string Path = T / "master.log";
  auto L = LogDestination::open(Path, "cppet-master");
  ASSERT_TRUE(static_cast<bool>(L));
  std::vector<std::thread> Threads;
  for (int I = 0; I < 4; ++I)
    Threads.emplace_back([&, I] {
      for (int J = 0; J < 250; ++J) {
        if (J == 100)
          (*L)->requestReopen();
        (*L)->notice("thread " + std::to_string(I) + " line " +
                     std::to_string(J));
      }
    });
  for (std::thread &Th : Threads)
    Th.join();
  std::string Text = slurp(Path);
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  llvm::StringRef(Text).split(Lines, '\n', -1, false);
  EXPECT_EQ(Lines.size(), 1000u);
  llvm::Regex Shape("^[0-9-]{10} [0-9:]{8} [+-][0-9]{4} Puppet \\(notice\\): "
                    "thread [0-3] line [0-9]+$");
  for (llvm::StringRef Line : Lines)
    EXPECT_TRUE(Shape.match(Line)) << Line.str();
}

TEST(LogDestination, SyslogAndErrors) {
  auto S = LogDestination::open("syslog", "cppet-test");
  ASSERT_TRUE(static_cast<bool>(S));
  EXPECT_EQ((*S)->kind(), LogDestination::Kind::Syslog);
  (*S)->setLevel(LogSeverity::Crit);
  (*S)->notice("not sent"); // below the level: nothing reaches syslog
  EXPECT_FALSE(static_cast<bool>((*S)->reopen()));
  auto C = LogDestination::open("console", "cppet-test");
  ASSERT_TRUE(static_cast<bool>(C));
  EXPECT_EQ((*C)->kind(), LogDestination::Kind::Console);
  auto Bad = LogDestination::open("/proc/nonexistent/x.log", "cppet-test");
  EXPECT_FALSE(static_cast<bool>(Bad));
  llvm::consumeError(Bad.takeError());
}

TEST(LogSeverity, ParsesPuppetsNames) {
  auto Err = parseLogSeverity("err");
  ASSERT_TRUE(static_cast<bool>(Err));
  EXPECT_EQ(*Err, LogSeverity::Err);
  auto Error = parseLogSeverity("Error");
  ASSERT_TRUE(static_cast<bool>(Error));
  EXPECT_EQ(*Error, LogSeverity::Err);
  auto Debug = parseLogSeverity("debug");
  ASSERT_TRUE(static_cast<bool>(Debug));
  EXPECT_EQ(*Debug, LogSeverity::Debug);
  auto Bad = parseLogSeverity("loud");
  ASSERT_FALSE(static_cast<bool>(Bad));
  EXPECT_NE(llvm::toString(Bad.takeError()).find("Invalid loglevel 'loud'"),
            std::string::npos);
  EXPECT_EQ(logSeverityLabel(LogSeverity::Err), "Error");
  EXPECT_EQ(logSeverityName(LogSeverity::Warning), "warning");
}

} // namespace
