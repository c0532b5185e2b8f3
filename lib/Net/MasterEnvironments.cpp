//===- MasterEnvironments.cpp - Environments and their parsed code --------===//
//
// An environment is a directory ENV on the environmentpath holding
// manifests/ (the main manifest), modules/ and optionally environment.conf
// (manifest, modulepath, config_version) and hiera.yaml. Its parsed code is
// kept in a small pool of Environment instances, each with its own
// SourceManager, so compiles of one environment run in parallel. Each
// instance remembers the modification time and size of every file it read
// and of the directories they are in (a new file in a manifests/ directory
// changes the directory); when environment_timeout allows a check and one
// differs, the instance is dropped and the next compile parses afresh.
//
//===----------------------------------------------------------------------===//
#include "cppet/Net/Master.h"

#include "cppet/Compile/Compiler.h"

#include "cppet/Support/FileSystem.h"
#include "cppet/Support/SourceManager.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <set>
#include <sys/stat.h>

using namespace cppet;
using namespace cppet::net;

namespace {

using Clock = std::chrono::steady_clock;

/// What a file looked like: enough to notice an edit, a new entry in a
/// directory, or a removal.
struct FileStamp {
  std::string Path;
  bool Exists = false;
  int64_t MTimeNs = 0;
  int64_t Size = 0;
  bool operator==(const FileStamp &O) const {
    return Path == O.Path && Exists == O.Exists && MTimeNs == O.MTimeNs &&
           Size == O.Size;
  }
};

FileStamp stampOf(const std::string &Path) {
  FileStamp S;
  S.Path = Path;
  struct stat St;
  if (::stat(Path.c_str(), &St) == 0) {
    S.Exists = true;
    S.MTimeNs = static_cast<int64_t>(St.st_mtim.tv_sec) * 1000000000 +
                St.st_mtim.tv_nsec;
    S.Size = static_cast<int64_t>(St.st_size);
  }
  return S;
}

/// An environment name is a plain directory name (Puppet: [a-z0-9_]+, but
/// any name that cannot leave the environmentpath is looked up).
bool isEnvironmentName(llvm::StringRef Name) {
  if (Name.empty() || Name.size() > 255)
    return false;
  return llvm::all_of(
      Name, [](char C) { return llvm::isAlnum(C) || C == '_' || C == '-'; });
}

/// environment.conf: `key = value` lines; `$basemodulepath` and
/// `$environment` expand; relative paths are relative to the environment.
std::map<std::string, std::string> readEnvironmentConf(const std::string &Dir) {
  std::map<std::string, std::string> Out;
  auto Buf = llvm::MemoryBuffer::getFile(Dir + "/environment.conf");
  if (!Buf)
    return Out;
  llvm::SmallVector<llvm::StringRef, 16> Lines;
  (*Buf)->getBuffer().split(Lines, '\n');
  for (llvm::StringRef Line : Lines) {
    Line = Line.trim();
    if (Line.empty() || Line.startswith("#") || Line.startswith(";") ||
        Line.startswith("["))
      continue;
    auto [K, V] = Line.split('=');
    if (!V.empty() || Line.contains('='))
      Out[K.trim().str()] = V.trim().str();
  }
  return Out;
}

std::string absoluteIn(const std::string &Dir, llvm::StringRef Path) {
  if (llvm::sys::path::is_absolute(Path))
    return Path.str();
  llvm::SmallString<256> P(Dir);
  llvm::sys::path::append(P, Path);
  return P.str().str();
}

} // namespace

struct Environments::Instance {
  EnvironmentLayout Layout;
  std::unique_ptr<SourceManager> SM;
  std::unique_ptr<Environment> Env;
  std::vector<FileStamp> Stamps;
  Clock::time_point CheckedAt;
  uint64_t Generation = 0;

  /// The stamps of what the instance depends on: every file it read, their
  /// directories, the manifest and the modulepath directories.
  std::vector<FileStamp> currentStamps() const {
    std::set<std::string> Paths;
    Paths.insert(Layout.Manifest);
    for (const std::string &D : Layout.ModulePath)
      Paths.insert(D);
    for (uint32_t Id = 1; Id <= SM->getNumFiles(); ++Id) {
      llvm::StringRef Name = SM->getName(Id);
      if (!llvm::sys::path::is_absolute(Name))
        continue; // an in-memory buffer
      Paths.insert(Name.str());
      Paths.insert(llvm::sys::path::parent_path(Name).str());
    }
    std::vector<FileStamp> Out;
    Out.reserve(Paths.size());
    for (const std::string &P : Paths)
      Out.push_back(stampOf(P));
    return Out;
  }
};

struct Environments::Pool {
  std::vector<std::shared_ptr<Instance>> Idle;
  unsigned Busy = 0;
};

Environments::Environments(EnvironmentSettings S) : Settings(std::move(S)) {
  if (Settings.PoolSize == 0)
    Settings.PoolSize = 1;
}

Environments::~Environments() = default;

std::optional<EnvironmentLayout>
Environments::find(llvm::StringRef Name) const {
  if (!isEnvironmentName(Name))
    return std::nullopt;
  EnvironmentLayout L;
  L.Name = Name.str();
  for (const std::string &Root : Settings.EnvironmentPath) {
    std::string Dir = Root + "/" + L.Name;
    if (llvm::sys::fs::is_directory(Dir)) {
      llvm::SmallString<256> Real;
      L.Directory =
          llvm::sys::fs::real_path(Dir, Real) ? Dir : Real.str().str();
      break;
    }
  }
  const bool Fixed = !Settings.Manifest.empty();
  if (L.Directory.empty() && !(Fixed && Name == Settings.DefaultEnvironment))
    return std::nullopt;
  std::map<std::string, std::string> Conf;
  if (!L.Directory.empty())
    Conf = readEnvironmentConf(L.Directory);
  auto Expand = [&](std::string V) {
    std::string Base;
    for (const std::string &B : Settings.BaseModulePath)
      Base += (Base.empty() ? "" : ":") + B;
    for (auto [Var, With] :
         {std::pair<std::string, std::string>{"$basemodulepath", Base},
          {"$environment", L.Name}}) {
      for (size_t At; (At = V.find(Var)) != std::string::npos;)
        V.replace(At, Var.size(), With);
    }
    return V;
  };
  if (Fixed)
    L.Manifest = Settings.Manifest;
  else if (auto It = Conf.find("manifest"); It != Conf.end())
    L.Manifest = absoluteIn(L.Directory, Expand(It->second));
  else
    L.Manifest = L.Directory + "/manifests";
  std::vector<std::string> Mods;
  if (!Settings.ModulePath.empty())
    Mods = Settings.ModulePath;
  else if (auto It = Conf.find("modulepath"); It != Conf.end())
    for (const std::string &P : splitSearchPath(Expand(It->second)))
      Mods.push_back(absoluteIn(L.Directory, P));
  else {
    if (!L.Directory.empty())
      Mods.push_back(L.Directory + "/modules");
    Mods.insert(Mods.end(), Settings.BaseModulePath.begin(),
                Settings.BaseModulePath.end());
  }
  for (std::string &M : Mods)
    L.ModulePath.push_back(resolveModuleDir(M));
  if (auto It = Conf.find("config_version"); It != Conf.end())
    L.ConfigVersion = absoluteIn(L.Directory, It->second);
  return L;
}

std::vector<EnvironmentLayout> Environments::list() const {
  std::set<std::string> Names;
  if (!Settings.Manifest.empty())
    Names.insert(Settings.DefaultEnvironment);
  for (const std::string &Root : Settings.EnvironmentPath) {
    std::error_code EC;
    for (llvm::sys::fs::directory_iterator It(Root, EC), End; It != End && !EC;
         It.increment(EC))
      if (llvm::sys::fs::is_directory(It->path()))
        Names.insert(llvm::sys::path::filename(It->path()).str());
  }
  std::vector<EnvironmentLayout> Out;
  for (const std::string &N : Names)
    if (std::optional<EnvironmentLayout> L = find(N))
      Out.push_back(std::move(*L));
  return Out;
}

Environments::Lease::Lease(Environments &Owner, std::shared_ptr<Instance> I)
    : Owner(&Owner), I(std::move(I)) {}

Environments::Lease::~Lease() {
  if (I)
    Owner->release(std::move(I), Discard);
}

Environment &Environments::Lease::environment() { return *I->Env; }
const EnvironmentLayout &Environments::Lease::layout() const {
  return I->Layout;
}

llvm::Expected<Environments::Lease>
Environments::acquire(llvm::StringRef Name) {
  std::optional<EnvironmentLayout> Layout = find(Name);
  if (!Layout)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "Could not find environment '" + Name + "'");
  std::unique_lock<std::mutex> Lock(Mutex);
  std::unique_ptr<Pool> &P = Pools[Layout->Name];
  if (!P)
    P = std::make_unique<Pool>();
  for (;;) {
    while (!P->Idle.empty()) {
      std::shared_ptr<Instance> I = std::move(P->Idle.back());
      P->Idle.pop_back();
      const Clock::time_point Now = Clock::now();
      bool Stale = I->Generation != Generation;
      // The layout itself may have changed (environment.conf).
      Stale = Stale || I->Layout.Manifest != Layout->Manifest ||
              I->Layout.ModulePath != Layout->ModulePath;
      const bool Check =
          Settings.TimeoutSeconds >= 0 &&
          Now - I->CheckedAt >= std::chrono::seconds(Settings.TimeoutSeconds);
      if (!Stale && Check) {
        Lock.unlock();
        Stale = I->currentStamps() != I->Stamps;
        Lock.lock();
        I->CheckedAt = Now;
      }
      if (Stale)
        continue; // dropped: its files changed
      ++P->Busy;
      return Lease(*this, std::move(I));
    }
    if (P->Busy < Settings.PoolSize)
      break;
    Returned.wait(Lock);
  }
  ++P->Busy;
  ++Created;
  auto I = std::make_shared<Instance>();
  I->Layout = std::move(*Layout);
  I->Generation = Generation;
  I->CheckedAt = Clock::now();
  Lock.unlock();
  I->SM = std::make_unique<SourceManager>();
  EnvironmentConfig Config;
  Config.Name = I->Layout.Name;
  Config.Manifest = I->Layout.Manifest;
  Config.ModulePath = I->Layout.ModulePath;
  Config.Strict = Settings.Strict;
  I->Env = std::make_unique<Environment>(std::move(Config), *I->SM);
  return Lease(*this, std::move(I));
}

void Environments::release(std::shared_ptr<Instance> I, bool Discard) {
  if (!Discard)
    I->Stamps = I->currentStamps();
  std::lock_guard<std::mutex> Lock(Mutex);
  std::unique_ptr<Pool> &P = Pools[I->Layout.Name];
  if (P) {
    --P->Busy;
    if (!Discard && I->Generation == Generation)
      P->Idle.push_back(std::move(I));
  }
  Returned.notify_all();
}

void Environments::clear() {
  std::lock_guard<std::mutex> Lock(Mutex);
  ++Generation;
  for (auto &[Name, P] : Pools)
    P->Idle.clear();
  Returned.notify_all();
}

unsigned Environments::instancesCreated() const {
  std::lock_guard<std::mutex> Lock(Mutex);
  return Created;
}
