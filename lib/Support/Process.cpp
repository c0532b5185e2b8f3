//===- Process.cpp - Running programs without a shell ---------------------===//
#include "cppet/Support/Process.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>

extern char **environ; // NOLINT(readability-redundant-declaration)

using namespace llvm;

namespace cppet {

namespace {

/// An owned file descriptor.
class Fd {
public:
  explicit Fd(int F = -1) : F(F) {}
  Fd(const Fd &) = delete;
  Fd &operator=(const Fd &) = delete;
  ~Fd() { reset(); }
  int get() const { return F; }
  void reset(int New = -1) {
    if (F >= 0)
      ::close(F);
    F = New;
  }

private:
  int F;
};

Error errnoError(const Twine &What) {
  return createStringError(std::error_code(errno, std::generic_category()),
                           What + ": " + std::strerror(errno));
}

bool isExecutableFile(const std::string &Path) {
  struct stat St;
  return ::stat(Path.c_str(), &St) == 0 && S_ISREG(St.st_mode) &&
         ::access(Path.c_str(), X_OK) == 0;
}

/// The PATH value of an explicit environment, or of this process.
std::string pathOf(const ProcessSpec &Spec) {
  if (Spec.Environment) {
    for (const std::string &E : *Spec.Environment)
      if (StringRef(E).startswith("PATH="))
        return E.substr(5);
    return "";
  }
  const char *P = ::getenv("PATH");
  return P ? P : "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
}

/// Sets O_NONBLOCK on F.
void setNonBlocking(int F) {
  ::fcntl(F, F_SETFL, ::fcntl(F, F_GETFL) | O_NONBLOCK);
}

} // namespace

std::optional<std::string> findProgram(StringRef Name, StringRef PathList) {
  if (Name.empty())
    return std::nullopt;
  if (Name.contains('/')) {
    std::string P = Name.str();
    if (isExecutableFile(P))
      return P;
    return std::nullopt;
  }
  SmallVector<StringRef, 8> Dirs;
  PathList.split(Dirs, ':', -1, false);
  for (StringRef D : Dirs) {
    std::string Candidate = (D + "/" + Name).str();
    if (isExecutableFile(Candidate))
      return Candidate;
  }
  return std::nullopt;
}

Expected<std::vector<std::string>> splitCommandLine(StringRef Cmd) {
  std::vector<std::string> Words;
  std::string Cur;
  bool InWord = false;
  for (size_t I = 0; I < Cmd.size(); ++I) {
    char C = Cmd[I];
    if (C == ' ' || C == '\t' || C == '\n') {
      if (InWord)
        Words.push_back(std::move(Cur));
      Cur.clear();
      InWord = false;
      continue;
    }
    InWord = true;
    if (C == '\\' && I + 1 < Cmd.size()) {
      Cur += Cmd[++I];
    } else if (C == '\'') {
      size_t End = Cmd.find('\'', I + 1);
      if (End == StringRef::npos)
        return createStringError(inconvertibleErrorCode(),
                                 "unterminated single quote in command");
      Cur += Cmd.slice(I + 1, End).str();
      I = End;
    } else if (C == '"') {
      size_t J = I + 1;
      for (; J < Cmd.size() && Cmd[J] != '"'; ++J) {
        if (Cmd[J] == '\\' && J + 1 < Cmd.size() &&
            StringRef("\"\\$`").contains(Cmd[J + 1]))
          ++J;
        Cur += Cmd[J];
      }
      if (J >= Cmd.size())
        return createStringError(inconvertibleErrorCode(),
                                 "unterminated double quote in command");
      I = J;
    } else {
      Cur += C;
    }
  }
  if (InWord)
    Words.push_back(std::move(Cur));
  return Words;
}

Expected<ProcessResult> runProcess(const ProcessSpec &Spec) {
  if (Spec.Argv.empty())
    return createStringError(inconvertibleErrorCode(), "empty command");
  std::optional<std::string> Program = findProgram(Spec.Argv[0], pathOf(Spec));
  if (!Program)
    return createStringError(
        inconvertibleErrorCode(),
        Spec.Argv[0].find('/') == std::string::npos
            ? "could not find command '" + Spec.Argv[0] + "'"
            : "'" + Spec.Argv[0] + "' is not an executable file");

  // Everything the child needs is prepared before fork: after fork only
  // async-signal-safe calls are made.
  std::vector<char *> Argv;
  for (const std::string &A : Spec.Argv)
    Argv.push_back(const_cast<char *>(A.c_str()));
  Argv.push_back(nullptr);
  std::vector<char *> Envp;
  if (Spec.Environment) {
    for (const std::string &E : *Spec.Environment)
      Envp.push_back(const_cast<char *>(E.c_str()));
    Envp.push_back(nullptr);
  }
  std::vector<gid_t> Groups;
  if (Spec.Uid) {
    struct passwd Pw, *PwOut = nullptr;
    std::vector<char> Buf(16384);
    if (::getpwuid_r(*Spec.Uid, &Pw, Buf.data(), Buf.size(), &PwOut) == 0 &&
        PwOut) {
      int N = 64;
      Groups.resize(N);
      gid_t Base = Spec.Gid ? *Spec.Gid : Pw.pw_gid;
      if (::getgrouplist(Pw.pw_name, Base, Groups.data(), &N) < 0) {
        Groups.resize(N);
        ::getgrouplist(Pw.pw_name, Base, Groups.data(), &N);
      }
      Groups.resize(N);
    } else if (Spec.Gid) {
      Groups.push_back(*Spec.Gid);
    }
  }

  // Output goes to anonymous memory files, not pipes: a daemon started by
  // the program (an init script's `start`) may keep its stdout open forever,
  // so the end of the run is the exit of the program itself.
  Fd OutF(static_cast<int>(::memfd_create("cppet-out", MFD_CLOEXEC)));
  Fd ErrF(static_cast<int>(::memfd_create("cppet-err", MFD_CLOEXEC)));
  if (OutF.get() < 0 || ErrF.get() < 0)
    return errnoError("memfd_create");
  int P[2];
  if (::pipe2(P, O_CLOEXEC) != 0)
    return errnoError("pipe");
  Fd InR(P[0]), InW(P[1]);
  if (::pipe2(P, O_CLOEXEC) != 0)
    return errnoError("pipe");
  Fd ExecR(P[0]), ExecW(P[1]);

  // vfork: the child borrows the parent's memory until execve, so starting
  // a program costs the same from a small or a large process (fork would
  // copy the page tables of the whole agent). The child only makes system
  // calls on data prepared above.
  pid_t Pid = ::vfork();
  if (Pid < 0)
    return errnoError("vfork");
  if (Pid == 0) {
    ::setpgid(0, 0);
    ::signal(SIGPIPE, SIG_DFL);
    ::dup2(InR.get(), 0);
    ::dup2(OutF.get(), 1);
    ::dup2(Spec.MergeStderr ? OutF.get() : ErrF.get(), 2);
    auto Fail = [&](int Which) {
      int E[2] = {Which, errno};
      (void)!::write(ExecW.get(), E, sizeof(E));
      ::_exit(127);
    };
    if (!Spec.Cwd.empty() && ::chdir(Spec.Cwd.c_str()) != 0)
      Fail(1);
    if (Spec.Uid || Spec.Gid) {
      if (!Groups.empty() && ::setgroups(Groups.size(), Groups.data()) != 0)
        Fail(2);
      if (Spec.Gid && ::setgid(*Spec.Gid) != 0)
        Fail(2);
      if (Spec.Uid && ::setuid(*Spec.Uid) != 0)
        Fail(3);
    }
    ::execve(Program->c_str(), Argv.data(),
             Spec.Environment ? Envp.data() : environ);
    Fail(4);
  }
  InR.reset();
  ExecW.reset();

  ProcessResult Result;
  auto Reap = [&] {
    int Status = 0;
    while (::waitpid(Pid, &Status, 0) < 0 && errno == EINTR) {
    }
    return Status;
  };

  // Did exec succeed? The pipe closes on exec; a message means it failed.
  int ExecErr[2] = {0, 0};
  ssize_t N;
  while ((N = ::read(ExecR.get(), ExecErr, sizeof(ExecErr))) < 0 &&
         errno == EINTR) {
  }
  if (N == sizeof(ExecErr)) {
    Reap();
    errno = ExecErr[1];
    static const char *What[] = {
        "could not change directory to '", "could not set groups for '",
        "could not set user for '", "could not execute '"};
    int Which = std::clamp(ExecErr[0], 1, 4);
    std::string Subject = Which == 1 ? Spec.Cwd : *Program;
    return errnoError(Twine(What[Which - 1]) + Subject + "'");
  }

  Fd PidF(static_cast<int>(::syscall(SYS_pidfd_open, Pid, 0)));
  if (PidF.get() < 0) {
    ::kill(Pid, SIGKILL);
    Reap();
    return errnoError("pidfd_open");
  }
  setNonBlocking(InW.get());
  size_t Written = 0;
  if (Spec.Stdin.empty())
    InW.reset();
  auto Start = std::chrono::steady_clock::now();
  while (true) {
    struct pollfd Fds[2] = {{PidF.get(), POLLIN, 0}, {InW.get(), POLLOUT, 0}};
    int NFds = InW.get() >= 0 ? 2 : 1;
    int Wait = -1;
    if (Spec.Timeout.count() > 0) {
      auto Left =
          Spec.Timeout - std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::steady_clock::now() - Start);
      if (Left.count() <= 0) {
        Result.TimedOut = true;
        ::kill(-Pid, SIGKILL);
        ::kill(Pid, SIGKILL);
        break;
      }
      Wait = static_cast<int>(Left.count());
    }
    int R = ::poll(Fds, NFds, Wait);
    if (R < 0 && errno == EINTR)
      continue;
    if (R < 0)
      break;
    if (Fds[0].revents & POLLIN)
      break;
    if (NFds == 2 && (Fds[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
      ssize_t W = ::write(InW.get(), Spec.Stdin.data() + Written,
                          Spec.Stdin.size() - Written);
      if (W > 0)
        Written += static_cast<size_t>(W);
      if ((W < 0 && errno != EAGAIN && errno != EINTR) ||
          Written == Spec.Stdin.size())
        InW.reset();
    }
  }
  InW.reset();
  int Status = Reap();
  if (WIFEXITED(Status))
    Result.ExitCode = WEXITSTATUS(Status);
  else if (WIFSIGNALED(Status))
    Result.Signal = WTERMSIG(Status);
  auto ReadAll = [](int F, std::string &Into) {
    char Buf[8192];
    off_t Off = 0;
    ssize_t Got;
    while ((Got = ::pread(F, Buf, sizeof(Buf), Off)) > 0) {
      Into.append(Buf, static_cast<size_t>(Got));
      Off += Got;
    }
  };
  ReadAll(OutF.get(), Result.Output);
  ReadAll(ErrF.get(), Result.Errors);
  return Result;
}

} // namespace cppet
