//===- FileUtil.cpp - Atomic writes, checksums, owners --------------------===//
#include "FileUtil.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MD5.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace llvm;

namespace cppet::apply {

std::string checksum(StringRef Content, StringRef Algorithm) {
  if (Algorithm == "md5" || Algorithm == "md5lite") {
    StringRef Data =
        Algorithm == "md5lite" ? Content.take_front(512) : Content;
    MD5 H;
    H.update(Data);
    MD5::MD5Result R;
    H.final(R);
    return "{" + Algorithm.str() + "}" + R.digest().str().str();
  }
  std::string Name = Algorithm == "sha256lite" ? "sha256lite" : "sha256";
  StringRef Data = Algorithm == "sha256lite" ? Content.take_front(512) : Content;
  return "{" + Name + "}" +
         toHex(SHA256::hash(arrayRefFromStringRef(Data)), true);
}

std::optional<uid_t> lookupUid(StringRef NameOrId) {
  unsigned long long N;
  if (!NameOrId.getAsInteger(10, N))
    return static_cast<uid_t>(N);
  std::string Name = NameOrId.str();
  struct passwd Pw, *Out = nullptr;
  char Buf[16384];
  if (::getpwnam_r(Name.c_str(), &Pw, Buf, sizeof(Buf), &Out) == 0 && Out)
    return Out->pw_uid;
  return std::nullopt;
}

std::optional<gid_t> lookupGid(StringRef NameOrId) {
  unsigned long long N;
  if (!NameOrId.getAsInteger(10, N))
    return static_cast<gid_t>(N);
  std::string Name = NameOrId.str();
  struct group Gr, *Out = nullptr;
  char Buf[16384];
  if (::getgrnam_r(Name.c_str(), &Gr, Buf, sizeof(Buf), &Out) == 0 && Out)
    return Out->gr_gid;
  return std::nullopt;
}

std::string userName(uid_t Uid) {
  struct passwd Pw, *Out = nullptr;
  char Buf[16384];
  if (::getpwuid_r(Uid, &Pw, Buf, sizeof(Buf), &Out) == 0 && Out)
    return Out->pw_name;
  return std::to_string(Uid);
}

std::string groupName(gid_t Gid) {
  struct group Gr, *Out = nullptr;
  char Buf[16384];
  if (::getgrgid_r(Gid, &Gr, Buf, sizeof(Buf), &Out) == 0 && Out)
    return Out->gr_name;
  return std::to_string(Gid);
}

} // namespace cppet::apply
