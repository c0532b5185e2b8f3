//===- MasterFiles.cpp - The file serving mounts --------------------------===//
//
// modules/MOD/PATH is MOD/files/PATH in the first modulepath directory that
// has MOD; plugins/PATH and pluginfacts/PATH are the union of every
// module's lib/ and facts.d/. Paths with `..` or `.` components, and links
// that resolve outside the mount's directory, are treated as missing, so a
// request can never read a file outside the modules' served directories.
//
//===----------------------------------------------------------------------===//
#include "cppet/Net/Master.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <openssl/evp.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <fnmatch.h>
#include <memory>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

using namespace cppet;
using namespace cppet::net;
using catalog::Json;

bool cppet::net::isSafeRelativePath(llvm::StringRef Path) {
  if (Path.empty())
    return true;
  if (Path.contains('\0') || Path.startswith("/"))
    return false;
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Path.split(Parts, '/');
  for (size_t I = 0; I < Parts.size(); ++I) {
    llvm::StringRef P = Parts[I];
    if (P == "." || P == "..")
      return false;
    // One trailing slash is harmless; empty parts elsewhere are not.
    if (P.empty() && I + 1 != Parts.size())
      return false;
  }
  return true;
}

namespace {

std::string realPathOf(const std::string &Path) {
  llvm::SmallString<256> Real;
  if (llvm::sys::fs::real_path(Path, Real))
    return "";
  return Real.str().str();
}

/// Whether Path, with its links resolved, stays inside Root.
bool staysWithin(const std::string &Path, const std::string &Root) {
  std::string RealRoot = realPathOf(Root);
  std::string Real = realPathOf(Path);
  if (RealRoot.empty() || Real.empty())
    return false;
  return Real == RealRoot || llvm::StringRef(Real).startswith(RealRoot + "/");
}

std::string digestHex(const EVP_MD *MD, llvm::StringRef Data) {
  unsigned char Out[EVP_MAX_MD_SIZE];
  unsigned Len = 0;
  if (EVP_Digest(Data.data(), Data.size(), Out, &Len, MD, nullptr) != 1)
    return "";
  return llvm::toHex(llvm::ArrayRef<uint8_t>(Out, Len), /*LowerCase=*/true);
}

const EVP_MD *digestByName(llvm::StringRef Type) {
  if (Type == "md5" || Type == "md5lite")
    return EVP_md5();
  if (Type == "sha1" || Type == "sha1lite")
    return EVP_sha1();
  if (Type == "sha224")
    return EVP_sha224();
  if (Type == "sha384")
    return EVP_sha384();
  if (Type == "sha512")
    return EVP_sha512();
  if (Type == "sha256" || Type == "sha256lite")
    return EVP_sha256();
  return nullptr;
}

/// Puppet's time checksum text: "2026-11-26 17:44:06 +0000".
std::string timeText(time_t T) {
  struct tm Tm;
  gmtime_r(&T, &Tm);
  char Buf[64];
  std::strftime(Buf, sizeof(Buf), "%Y-%m-%d %H:%M:%S +0000", &Tm);
  return Buf;
}

/// One file_metadata object for Path (stat'ed with or without following
/// links), or nullopt when it does not exist.
std::optional<Json> describe(const std::string &Path,
                             const FileServer::Options &O,
                             const std::string &ReportedPath,
                             const std::optional<std::string> &Relative) {
  struct stat St;
  const bool Follow = O.Links == "follow";
  if ((Follow ? ::stat(Path.c_str(), &St) : ::lstat(Path.c_str(), &St)) != 0)
    return std::nullopt;
  Json J = Json::object();
  J["path"] = ReportedPath;
  J["relative_path"] = Relative ? Json(*Relative) : Json(nullptr);
  J["links"] = Follow ? "follow" : "manage";
  if (O.SourcePermissionsUse) {
    J["owner"] = St.st_uid;
    J["group"] = St.st_gid;
    J["mode"] = St.st_mode & 07777;
  } else {
    J["owner"] = ::geteuid();
    J["group"] = ::getegid();
    J["mode"] = 0644;
  }
  std::string Type = "file", Destination;
  Json Checksum = Json::object();
  if (S_ISDIR(St.st_mode)) {
    Type = "directory";
    Checksum["type"] = "ctime";
    Checksum["value"] = "{ctime}" + timeText(St.st_ctime);
  } else if (S_ISLNK(St.st_mode)) {
    Type = "link";
    char Buf[PATH_MAX];
    ssize_t N = ::readlink(Path.c_str(), Buf, sizeof(Buf));
    Destination.assign(Buf, N > 0 ? static_cast<size_t>(N) : 0);
    const EVP_MD *MD = digestByName(O.ChecksumType);
    std::string Kind = MD ? O.ChecksumType : "sha256";
    Checksum["type"] = Kind;
    Checksum["value"] =
        "{" + Kind + "}" + digestHex(MD ? MD : EVP_sha256(), Destination);
  } else if (O.ChecksumType == "mtime" || O.ChecksumType == "ctime") {
    Checksum["type"] = O.ChecksumType;
    Checksum["value"] =
        "{" + O.ChecksumType + "}" +
        timeText(O.ChecksumType == "mtime" ? St.st_mtime : St.st_ctime);
  } else {
    const EVP_MD *MD = digestByName(O.ChecksumType);
    std::string Kind = MD ? O.ChecksumType : "sha256";
    auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                           /*RequiresNullTerminator=*/false);
    if (!Buf)
      return std::nullopt;
    Checksum["type"] = Kind;
    Checksum["value"] = "{" + Kind + "}" +
                        digestHex(MD ? MD : EVP_sha256(), (*Buf)->getBuffer());
  }
  J["checksum"] = std::move(Checksum);
  J["type"] = Type;
  J["destination"] = Type == "link" ? Json(Destination) : Json(nullptr);
  return J;
}

bool ignored(llvm::StringRef Name, const std::vector<std::string> &Ignore) {
  std::string N = Name.str();
  return llvm::any_of(Ignore, [&](const std::string &Glob) {
    return ::fnmatch(Glob.c_str(), N.c_str(), 0) == 0;
  });
}

} // namespace

std::optional<FileServer::Located>
FileServer::locate(llvm::StringRef MountPath, bool AllowMissingMount) const {
  MountPath.consume_back("/");
  auto [Mount, Rest] = MountPath.split('/');
  if (!isSafeRelativePath(Rest))
    return std::nullopt;
  Located L;
  if (Mount == "modules") {
    auto [Module, Path] = Rest.split('/');
    if (Module.empty())
      return std::nullopt;
    for (const std::string &Dir : Layout.ModulePath) {
      std::string ModDir = Dir + "/" + Module.str();
      if (llvm::sys::fs::is_directory(ModDir)) {
        L.Roots.push_back(ModDir + "/files");
        break; // the first module of that name wins
      }
    }
    L.RelativePath = Path.str();
  } else if (Mount == "plugins" || Mount == "pluginfacts") {
    const char *Sub = Mount == "plugins" ? "/lib" : "/facts.d";
    for (const std::string &Dir : Layout.ModulePath) {
      std::error_code EC;
      std::vector<std::string> Mods;
      for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
           It.increment(EC))
        Mods.push_back(It->path());
      std::sort(Mods.begin(), Mods.end());
      for (const std::string &M : Mods)
        if (llvm::sys::fs::is_directory(M + Sub))
          L.Roots.push_back(M + Sub);
    }
    L.RelativePath = Rest.str();
    // No module has the directory: Puppet still answers the search with
    // one "." entry (for the first modulepath directory), so agents sync
    // nothing.
    if (L.Roots.empty() && AllowMissingMount && L.RelativePath.empty()) {
      std::vector<std::string> Candidates = Layout.ModulePath;
      Candidates.push_back(Layout.Directory);
      Candidates.push_back(llvm::sys::path::parent_path(Layout.Manifest).str());
      for (const std::string &C : Candidates)
        if (!C.empty() && llvm::sys::fs::is_directory(C)) {
          L.Roots.push_back(C);
          L.Placeholder = true;
          break;
        }
    }
  } else {
    return std::nullopt;
  }
  if (L.Roots.empty())
    return std::nullopt;
  return L;
}

std::optional<Json> FileServer::metadata(llvm::StringRef MountPath,
                                         const Options &O) const {
  std::optional<Located> L = locate(MountPath, false);
  if (!L)
    return std::nullopt;
  for (const std::string &Root : L->Roots) {
    std::string Path =
        L->RelativePath.empty() ? Root : Root + "/" + L->RelativePath;
    if (!llvm::sys::fs::exists(Path) && !llvm::sys::fs::is_symlink_file(Path))
      continue;
    // The directories on the way must not lead out of the mount (a link to
    // a directory in the middle of the path); with links=follow neither may
    // the file itself.
    if (!staysWithin(llvm::sys::path::parent_path(Path).str(), Root) ||
        (O.Links == "follow" && !staysWithin(Path, Root)))
      continue;
    return describe(Path, O, Path, std::nullopt);
  }
  return std::nullopt;
}

std::optional<Json> FileServer::search(llvm::StringRef MountPath,
                                       const Options &O) const {
  std::optional<Located> L = locate(MountPath, true);
  if (!L)
    return std::nullopt;
  Json Out = Json::array();
  std::string BasePath;
  // Breadth-first over the merged roots; the first root holding a relative
  // path wins.
  std::set<std::string> Seen;
  struct Pending {
    std::string Relative;
    int Depth;
  };
  bool FoundBase = false;
  for (const std::string &Root : L->Roots) {
    std::string Base =
        L->RelativePath.empty() ? Root : Root + "/" + L->RelativePath;
    if (!llvm::sys::fs::exists(Base))
      continue;
    // Listed and recursed only when the base itself (links resolved) is in
    // the mount, whatever `links` says: a linked directory's tree is not.
    if (!staysWithin(Base, Root))
      continue;
    if (!FoundBase) {
      std::optional<Json> Top = describe(Base, O, Base, std::string("."));
      if (!Top)
        continue;
      FoundBase = true;
      BasePath = Base;
      Out.push_back(std::move(*Top));
    }
    if (!O.Recurse || L->Placeholder || !llvm::sys::fs::is_directory(Base))
      continue;
    std::deque<Pending> Queue{{"", 0}};
    while (!Queue.empty()) {
      Pending P = std::move(Queue.front());
      Queue.pop_front();
      if (O.RecurseLimit >= 0 && P.Depth >= O.RecurseLimit)
        continue;
      std::string Dir = P.Relative.empty() ? Base : Base + "/" + P.Relative;
      std::vector<std::string> Names;
      std::error_code EC;
      for (llvm::sys::fs::directory_iterator It(Dir, EC, /*Follow=*/false), End;
           It != End && !EC; It.increment(EC))
        Names.push_back(llvm::sys::path::filename(It->path()).str());
      std::sort(Names.begin(), Names.end());
      for (const std::string &N : Names) {
        if (ignored(N, O.Ignore))
          continue;
        std::string Rel = P.Relative.empty() ? N : P.Relative + "/" + N;
        std::string Full = Base + "/";
        Full += Rel;
        if (O.Links == "follow" && !staysWithin(Full, Root))
          continue;
        if (!Seen.insert(Rel).second)
          continue;
        std::optional<Json> M = describe(Full, O, BasePath, Rel);
        if (!M)
          continue;
        if (O.MaxFiles > 0 && static_cast<long>(Out.size()) >= O.MaxFiles)
          return Out;
        const bool IsDir = (*M)["type"] == "directory";
        Out.push_back(std::move(*M));
        if (IsDir)
          Queue.push_back({Rel, P.Depth + 1});
      }
    }
  }
  if (!FoundBase)
    return std::nullopt;
  return Out;
}

std::optional<std::string>
FileServer::content(llvm::StringRef MountPath) const {
  std::optional<Located> L = locate(MountPath, false);
  if (!L)
    return std::nullopt;
  for (const std::string &Root : L->Roots) {
    std::string Path =
        L->RelativePath.empty() ? Root : Root + "/" + L->RelativePath;
    if (!llvm::sys::fs::is_regular_file(Path) || !staysWithin(Path, Root))
      continue;
    auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                           /*RequiresNullTerminator=*/false);
    if (!Buf)
      continue;
    return (*Buf)->getBuffer().str();
  }
  return std::nullopt;
}
