//===- ServiceInit.cpp - The service type's providers, pure parts ---------===//
#include "ServiceInit.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"

#include <algorithm>
#include <dirent.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

using namespace llvm;

namespace cppet::apply::svc {

std::optional<Provider> parseProvider(StringRef Name) {
  if (Name == "systemd")
    return Provider::Systemd;
  if (Name == "debian")
    return Provider::Debian;
  if (Name == "init")
    return Provider::Init;
  if (Name == "base")
    return Provider::Base;
  return std::nullopt;
}

StringRef providerName(Provider P) {
  switch (P) {
  case Provider::Systemd:
    return "systemd";
  case Provider::Debian:
    return "debian";
  case Provider::Init:
    return "init";
  case Provider::Base:
    return "base";
  }
  return "base";
}

Provider defaultProvider(StringRef Pid1Comm) {
  return Pid1Comm.contains("systemd") ? Provider::Systemd : Provider::Debian;
}

bool providerSuitable(Provider P, StringRef Pid1Comm) {
  bool Systemd = Pid1Comm.contains("systemd");
  if (P == Provider::Systemd)
    return Systemd;
  if (P == Provider::Debian)
    return !Systemd;
  return true;
}

bool canEnable(Provider P) {
  return P == Provider::Systemd || P == Provider::Debian;
}

Expected<std::string> findInitScript(ArrayRef<std::string> Paths,
                                     StringRef Name) {
  for (StringRef Suffix : {"", ".sh"}) {
    for (const std::string &Dir : Paths) {
      if (!sys::fs::is_directory(Dir))
        continue;
      SmallString<128> Path(Dir);
      sys::path::append(Path, Name + Suffix);
      if (sys::fs::exists(Path))
        return std::string(Path);
    }
  }
  return createStringError(inconvertibleErrorCode(),
                           "Could not find init script for '" + Name + "'");
}

std::optional<std::string> systemdEnabled(StringRef Output, int Exit,
                                          bool WantMask) {
  Output = Output.trim();
  if (WantMask && Output == "masked")
    return std::string("mask");
  if (Output == "indirect")
    return std::string("false");
  if (Exit == 0)
    return std::string("true");
  if (Output.empty() && Exit > 0)
    return std::nullopt;
  return std::string("false");
}

bool systemdEnableInSync(StringRef Output, StringRef Current, StringRef Want) {
  Output = Output.trim();
  if (Output == "static")
    return Want == "mask" ? Current == Want : true;
  if (Output == "indirect")
    return true;
  return Current == Want;
}

std::string debianEnabled(int QueryExit, unsigned StartLinks) {
  // 104: start allowed; 106: allowed through a fallback action; 101 (not
  // allowed) and 105 (policy unknown): look at the rc links.
  if (QueryExit == 104 || QueryExit == 106)
    return "true";
  if (QueryExit == 101 || QueryExit == 105)
    return StartLinks >= 4 ? "true" : "false";
  return "false";
}

unsigned countStartLinks(StringRef Etc, StringRef Name) {
  unsigned N = 0;
  std::error_code EC;
  for (sys::fs::directory_iterator It(Etc, EC), End; !EC && It != End;
       It.increment(EC)) {
    StringRef Dir = sys::path::filename(It->path());
    // rc0.d .. rc6.d, rcS.d: "rc*.d".
    if (!Dir.startswith("rc") || !Dir.endswith(".d") || Dir.size() < 4)
      continue;
    std::error_code EC2;
    for (sys::fs::directory_iterator L(It->path(), EC2), LEnd;
         !EC2 && L != LEnd; L.increment(EC2)) {
      StringRef F = sys::path::filename(L->path());
      // "S??NAME": S, two characters, the name.
      if (F.size() == Name.size() + 3 && F[0] == 'S' && F.endswith(Name))
        ++N;
    }
  }
  return N;
}

Expected<std::optional<pid_t>> findProcess(StringRef ProcDir, StringRef Pattern,
                                           pid_t Self) {
  Regex Re(Pattern);
  std::string Why;
  if (!Re.isValid(Why))
    return createStringError(inconvertibleErrorCode(),
                             "Invalid pattern '" + Pattern + "': " + Why);
  std::unique_ptr<DIR, int (*)(DIR *)> D(::opendir(ProcDir.str().c_str()),
                                         ::closedir);
  if (!D)
    return createStringError(inconvertibleErrorCode(),
                             "Could not read " + ProcDir);
  std::vector<pid_t> Pids;
  while (struct dirent *E = ::readdir(D.get())) {
    unsigned long Pid;
    if (StringRef(E->d_name).getAsInteger(10, Pid) || Pid == 0)
      continue;
    Pids.push_back(static_cast<pid_t>(Pid));
  }
  std::sort(Pids.begin(), Pids.end());
  for (pid_t Pid : Pids) {
    if (Pid == Self)
      continue;
    SmallString<64> Path(ProcDir);
    sys::path::append(Path, std::to_string(Pid), "cmdline");
    // Files in /proc have no size: read them as streams.
    auto Buf = MemoryBuffer::getFileAsStream(Path);
    if (!Buf)
      continue; // gone meanwhile
    // Arguments are NUL-separated; kernel threads have none.
    std::string Cmdline = (*Buf)->getBuffer().rtrim('\0').str();
    if (Cmdline.empty())
      continue;
    std::replace(Cmdline.begin(), Cmdline.end(), '\0', ' ');
    if (Re.match(Cmdline))
      return std::optional<pid_t>(Pid);
  }
  return std::optional<pid_t>();
}

std::vector<std::string> parseUnitFiles(StringRef Output) {
  std::vector<std::string> Out;
  SmallVector<StringRef, 64> Lines;
  Output.split(Lines, '\n', -1, /*KeepEmpty=*/false);
  for (StringRef L : Lines) {
    SmallVector<StringRef, 4> Cols;
    L.split(Cols, ' ', -1, /*KeepEmpty=*/false);
    if (Cols.size() < 2 || Cols.size() > 3)
      continue;
    std::string State = Cols[1].lower();
    if (State != "disabled" && State != "enabled" && State != "masked" &&
        State != "indirect" && State != "bad" && State != "static")
      continue;
    // Puppet's pattern: a third column (the preset) must not start with '-'.
    if (Cols.size() == 3 && Cols[2].startswith("-"))
      continue;
    Out.push_back(Cols[0].str());
  }
  return Out;
}

std::vector<std::string> initScripts(ArrayRef<std::string> Dirs) {
  static const char *const Excludes[] = {"functions.sh",
                                         "reboot.sh",
                                         "shutdown.sh",
                                         "functions",
                                         "halt",
                                         "killall",
                                         "single",
                                         "linuxconf",
                                         "reboot",
                                         "boot",
                                         "wait-for-state",
                                         "portmap-wait",
                                         "rcS",
                                         "module-init-tools",
                                         "plymouth-ready",
                                         "idmapd-mounting",
                                         "startpar-bridge",
                                         "cryptdisks-udev",
                                         "statd-mounting",
                                         "gssd-mounting"};
  std::vector<std::string> Out;
  for (const std::string &Dir : Dirs) {
    std::error_code EC;
    std::vector<std::string> Here;
    for (sys::fs::directory_iterator It(Dir, EC), End; !EC && It != End;
         It.increment(EC)) {
      StringRef Name = sys::path::filename(It->path());
      if (Name.startswith(".") ||
          std::find(std::begin(Excludes), std::end(Excludes), Name) !=
              std::end(Excludes))
        continue;
      struct stat St;
      if (::stat(It->path().c_str(), &St) != 0 || !S_ISREG(St.st_mode) ||
          ::access(It->path().c_str(), X_OK) != 0)
        continue;
      char Target[64];
      ssize_t N = ::readlink(It->path().c_str(), Target, sizeof(Target));
      if (N > 0 && StringRef(Target, N) == "/lib/init/upstart-job")
        continue;
      Here.push_back(Name.str());
    }
    std::sort(Here.begin(), Here.end());
    Out.insert(Out.end(), Here.begin(), Here.end());
  }
  return Out;
}

} // namespace cppet::apply::svc
