//===- External.cpp - facts.d folders: files and executables --------------===//
#include "Sources.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <memory>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace llvm;

namespace cppet::facts::detail {

namespace {

/// An owned file descriptor.
class UniqueFd {
public:
  explicit UniqueFd(int Fd = -1) : Fd(Fd) {}
  UniqueFd(const UniqueFd &) = delete;
  UniqueFd &operator=(const UniqueFd &) = delete;
  ~UniqueFd() { reset(); }
  int get() const { return Fd; }
  void reset(int New = -1) {
    if (Fd >= 0)
      ::close(Fd);
    Fd = New;
  }

private:
  int Fd;
};

/// A child process that is killed and reaped unless waited for.
class Child {
public:
  explicit Child(pid_t Pid) : Pid(Pid) {}
  Child(const Child &) = delete;
  Child &operator=(const Child &) = delete;
  ~Child() {
    if (Pid > 0) {
      ::kill(Pid, SIGKILL);
      int Status;
      while (::waitpid(Pid, &Status, 0) < 0 && errno == EINTR) {
      }
    }
  }
  /// Waits for the exit; returns the wait status.
  int wait() {
    int Status = 0;
    while (::waitpid(Pid, &Status, 0) < 0 && errno == EINTR) {
    }
    Pid = -1;
    return Status;
  }

private:
  pid_t Pid;
};

/// Runs \p Path (no shell, no arguments) and returns its stdout.
Expected<std::string> runExecutable(const std::string &Path,
                                    std::chrono::milliseconds Timeout) {
  int Fds[2];
  if (::pipe2(Fds, O_CLOEXEC) != 0)
    return createStringError(std::error_code(errno, std::generic_category()),
                             "pipe failed");
  UniqueFd ReadEnd(Fds[0]), WriteEnd(Fds[1]);
  pid_t Pid = ::fork();
  if (Pid < 0)
    return createStringError(std::error_code(errno, std::generic_category()),
                             "fork failed");
  if (Pid == 0) {
    int Null = ::open("/dev/null", O_RDWR);
    if (Null >= 0) {
      ::dup2(Null, 0);
      ::dup2(Null, 2);
    }
    ::dup2(WriteEnd.get(), 1);
    char *Argv[] = {const_cast<char *>(Path.c_str()), nullptr};
    ::execve(Path.c_str(), Argv, environ);
    ::_exit(127);
  }
  Child Proc(Pid);
  WriteEnd.reset();
  std::string Out;
  auto Deadline = std::chrono::steady_clock::now() + Timeout;
  char Buf[4096];
  while (true) {
    auto Left = std::chrono::duration_cast<std::chrono::milliseconds>(
        Deadline - std::chrono::steady_clock::now());
    if (Left.count() <= 0)
      return createStringError(inconvertibleErrorCode(),
                               "timed out after %lld ms",
                               static_cast<long long>(Timeout.count()));
    struct pollfd P = {ReadEnd.get(), POLLIN, 0};
    int R = ::poll(&P, 1, static_cast<int>(Left.count()));
    if (R < 0 && errno == EINTR)
      continue;
    if (R < 0)
      return createStringError(std::error_code(errno, std::generic_category()),
                               "poll failed");
    if (R == 0)
      continue;
    ssize_t N = ::read(ReadEnd.get(), Buf, sizeof(Buf));
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      break;
    Out.append(Buf, static_cast<size_t>(N));
  }
  int Status = Proc.wait();
  if (!WIFEXITED(Status) || WEXITSTATUS(Status) != 0)
    return createStringError(inconvertibleErrorCode(), "exited with status %d",
                             WIFEXITED(Status) ? WEXITSTATUS(Status) : -1);
  return Out;
}

/// Executable output: JSON, key=value lines, or YAML.
Expected<Json> parseExecutableOutput(StringRef Text) {
  StringRef T = Text.trim();
  if (T.empty())
    return Json::object();
  if (T.startswith("{"))
    return parseJsonFacts(T);
  SmallVector<StringRef, 16> Lines;
  T.split(Lines, '\n', -1, false);
  bool AllKeyValue = llvm::all_of(Lines, [](StringRef L) {
    L = L.trim();
    return L.empty() || (L.contains('=') && !L.startswith("="));
  });
  if (AllKeyValue)
    return parseKeyValueFacts(T);
  return parseYamlFacts(T);
}

Expected<Json> readFactFile(const std::string &Path, StringRef Ext,
                            bool Executable,
                            std::chrono::milliseconds Timeout) {
  if (Ext == ".txt" || Ext == ".json" || Ext == ".yaml" || Ext == ".yml") {
    auto Text = readFile(Path);
    if (!Text)
      return createStringError(inconvertibleErrorCode(), "cannot read file");
    if (Ext == ".txt")
      return parseKeyValueFacts(*Text);
    if (Ext == ".json")
      return parseJsonFacts(*Text);
    return parseYamlFacts(*Text);
  }
  if (!Executable)
    return Json::object();
  auto Out = runExecutable(Path, Timeout);
  if (!Out)
    return Out.takeError();
  return parseExecutableOutput(*Out);
}

struct DirCloser {
  void operator()(DIR *D) const { closedir(D); }
};

} // namespace

void addExternalFacts(Json &F, const FactOptions &Options, Warnings &W) {
  for (const std::string &Dir : Options.ExternalDirs) {
    std::unique_ptr<DIR, DirCloser> D(opendir(Dir.c_str()));
    if (!D)
      continue;
    std::vector<std::string> Names;
    while (struct dirent *E = readdir(D.get()))
      if (E->d_name[0] != '.')
        Names.emplace_back(E->d_name);
    std::sort(Names.begin(), Names.end());
    for (const std::string &Name : Names) {
      std::string Path = Dir;
      Path += "/";
      Path += Name;
      struct stat St;
      if (::stat(Path.c_str(), &St) != 0 || !S_ISREG(St.st_mode))
        continue;
      size_t Dot = Name.rfind('.');
      std::string Ext =
          Dot == std::string::npos ? "" : StringRef(Name.substr(Dot)).lower();
      bool Executable = ::access(Path.c_str(), X_OK) == 0;
      auto Facts = readFactFile(Path, Ext, Executable, Options.ExecTimeout);
      if (!Facts) {
        W.push_back("external fact " + Path + ": " +
                    toString(Facts.takeError()));
        continue;
      }
      for (auto It = Facts->begin(); It != Facts->end(); ++It)
        F[It.key()] = It.value();
    }
  }
}

} // namespace cppet::facts::detail
