//===- Storage.cpp - disks, mountpoints and partitions --------------------===//
#include "Sources.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <dirent.h>
#include <memory>
#include <sys/statvfs.h>
#include <unistd.h>

using namespace llvm;

namespace cppet::facts::detail {

namespace {

struct DirCloser {
  void operator()(DIR *D) const { closedir(D); }
};

/// The entry names of a directory (without . and ..), sorted.
std::vector<std::string> listDir(const std::string &Path) {
  std::vector<std::string> Names;
  std::unique_ptr<DIR, DirCloser> D(opendir(Path.c_str()));
  if (!D)
    return Names;
  while (struct dirent *E = readdir(D.get())) {
    StringRef Name(E->d_name);
    if (Name != "." && Name != "..")
      Names.push_back(Name.str());
  }
  std::sort(Names.begin(), Names.end());
  return Names;
}

std::string readTrimmed(const std::string &Path) {
  auto S = readFile(Path);
  return S ? StringRef(*S).trim().str() : std::string();
}

/// Octal escapes of /proc/mounts (\040 for a space).
std::string unescapeMount(StringRef S) {
  std::string Out;
  for (size_t I = 0; I < S.size(); ++I) {
    if (S[I] == '\\' && I + 3 < S.size() && isDigit(S[I + 1])) {
      unsigned V = 0;
      if (!S.substr(I + 1, 3).getAsInteger(8, V)) {
        Out += static_cast<char>(V);
        I += 3;
        continue;
      }
    }
    Out += S[I];
  }
  return Out;
}

void addDisks(Json &F) {
  Json Disks = Json::object();
  for (const std::string &Name : listDir("/sys/block")) {
    std::string Base = "/sys/block/" + Name + "/";
    if (access((Base + "device").c_str(), R_OK) != 0)
      continue;
    Json D = Json::object();
    std::string Model = readTrimmed(Base + "device/model");
    if (!Model.empty())
      D["model"] = Model;
    uint64_t Sectors = 0;
    if (!StringRef(readTrimmed(Base + "size")).getAsInteger(10, Sectors)) {
      D["size"] = formatBytes(Sectors * 512);
      D["size_bytes"] = Sectors * 512;
    }
    std::string Rotational = readTrimmed(Base + "queue/rotational");
    if (!Rotational.empty())
      D["type"] = Rotational == "0" ? "ssd" : "hdd";
    std::string Vendor = readTrimmed(Base + "device/vendor");
    if (!Vendor.empty())
      D["vendor"] = Vendor;
    Disks[Name] = D;
  }
  if (!Disks.empty())
    F["disks"] = Disks;
}

void addMountpoints(Json &F, Warnings &W) {
  auto Text = readFile("/proc/mounts");
  if (!Text) {
    W.push_back("cannot read /proc/mounts");
    return;
  }
  Json Mounts = Json::object();
  SmallVector<StringRef, 64> Lines;
  StringRef(*Text).split(Lines, '\n', -1, false);
  for (StringRef Line : Lines) {
    SmallVector<StringRef, 6> Fields;
    Line.split(Fields, ' ', -1, false);
    if (Fields.size() < 4)
      continue;
    std::string Path = unescapeMount(Fields[1]);
    StringRef FsType = Fields[2];
    bool ProcOrSys = StringRef(Path).startswith("/proc") ||
                     StringRef(Path).startswith("/sys");
    if ((ProcOrSys && FsType != "tmpfs") || FsType == "autofs")
      continue;
    Json M = Json::object();
    uint64_t Size = 0, Avail = 0, Used = 0;
    struct statvfs St;
    if (statvfs(Path.c_str(), &St) == 0) {
      uint64_t Frag = St.f_frsize ? St.f_frsize : St.f_bsize;
      Size = uint64_t(St.f_blocks) * Frag;
      Avail = uint64_t(St.f_bavail) * Frag;
      Used = (uint64_t(St.f_blocks) - uint64_t(St.f_bfree)) * Frag;
    }
    M["available"] = formatBytes(Avail);
    M["available_bytes"] = Avail;
    M["capacity"] = formatCapacity(Used, Used + Avail);
    M["device"] = unescapeMount(Fields[0]);
    M["filesystem"] = FsType.str();
    SmallVector<StringRef, 8> Options;
    Fields[3].split(Options, ',', -1, false);
    Json Opts = Json::array();
    for (StringRef O : Options)
      Opts.push_back(O.trim().str());
    M["options"] = Opts;
    M["size"] = formatBytes(Size);
    M["size_bytes"] = Size;
    M["used"] = formatBytes(Used);
    M["used_bytes"] = Used;
    Mounts[Path] = M;
  }
  if (!Mounts.empty())
    F["mountpoints"] = Mounts;
}

/// Partitions: the /sys/block/<disk>/<part> folders, with the mountpoint
/// from /proc/mounts when mounted.
void addPartitions(Json &F) {
  std::map<std::string, std::string> MountOf;
  if (auto Text = readFile("/proc/mounts")) {
    SmallVector<StringRef, 64> Lines;
    StringRef(*Text).split(Lines, '\n', -1, false);
    for (StringRef Line : Lines) {
      SmallVector<StringRef, 6> Fields;
      Line.split(Fields, ' ', -1, false);
      if (Fields.size() >= 2 && Fields[0].startswith("/dev/"))
        MountOf.emplace(unescapeMount(Fields[0]), unescapeMount(Fields[1]));
    }
  }
  Json Parts = Json::object();
  for (const std::string &Disk : listDir("/sys/block")) {
    std::string Base = "/sys/block/" + Disk + "/";
    for (const std::string &Part : listDir(Base)) {
      if (!StringRef(Part).startswith(Disk) ||
          !readFile(Base + Part + "/partition"))
        continue;
      Json P = Json::object();
      std::string Dev = "/dev/" + Part;
      auto Mount = MountOf.find(Dev);
      if (Mount != MountOf.end())
        P["mount"] = Mount->second;
      uint64_t Sectors = 0;
      if (!StringRef(readTrimmed(Base + Part + "/size"))
               .getAsInteger(10, Sectors)) {
        P["size"] = formatBytes(Sectors * 512);
        P["size_bytes"] = Sectors * 512;
      }
      Parts[Dev] = P;
    }
  }
  if (!Parts.empty())
    F["partitions"] = Parts;
}

} // namespace

void addStorageFacts(Json &F, Warnings &W) {
  addDisks(F);
  addMountpoints(F, W);
  addPartitions(F);
}

} // namespace cppet::facts::detail
