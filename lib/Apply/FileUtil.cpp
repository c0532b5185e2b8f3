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

/// Applies a mode given as octal ("644", "0755") or symbolic ("u=rw,go=r",
/// "a+x", "g-w") to Current. Directories get search bits where read is set,
/// as Puppet does.
Expected<unsigned> parseFileMode(StringRef Spec, unsigned Current, bool IsDir) {
  unsigned Mode = 0;
  if (!Spec.empty() &&
      all_of(Spec, [](char C) { return C >= '0' && C <= '7'; })) {
    if (Spec.getAsInteger(8, Mode) || Mode > 07777)
      return createStringError(inconvertibleErrorCode(),
                               "The file mode specification is invalid: '" +
                                   Spec + "'");
  } else {
    Mode = Current;
    SmallVector<StringRef, 4> Clauses;
    Spec.split(Clauses, ',');
    for (StringRef Clause : Clauses) {
      size_t Op = Clause.find_first_of("=+-");
      if (Op == StringRef::npos)
        return createStringError(inconvertibleErrorCode(),
                                 "The file mode specification is invalid: '" +
                                     Spec + "'");
      StringRef Who = Clause.take_front(Op);
      char O = Clause[Op];
      StringRef Perms = Clause.drop_front(Op + 1);
      unsigned WhoMask = 0;
      if (Who.empty() || Who.contains('a'))
        WhoMask = 07777;
      for (char W : Who) {
        if (W == 'u')
          WhoMask |= 04700;
        else if (W == 'g')
          WhoMask |= 02070;
        else if (W == 'o')
          WhoMask |= 01007;
        else if (W != 'a')
          return createStringError(inconvertibleErrorCode(),
                                   "The file mode specification is invalid: '" +
                                       Spec + "'");
      }
      unsigned Bits = 0;
      for (char P : Perms) {
        switch (P) {
        case 'r':
          Bits |= 0444;
          break;
        case 'w':
          Bits |= 0222;
          break;
        case 'x':
          Bits |= 0111;
          break;
        case 'X':
          if (IsDir || (Current & 0111))
            Bits |= 0111;
          break;
        case 's':
          Bits |= 06000;
          break;
        case 't':
          Bits |= 01000;
          break;
        default:
          return createStringError(inconvertibleErrorCode(),
                                   "The file mode specification is invalid: '" +
                                       Spec + "'");
        }
      }
      Bits &= WhoMask;
      if (O == '=')
        Mode = (Mode & ~(WhoMask & 07777)) | Bits;
      else if (O == '+')
        Mode |= Bits;
      else
        Mode &= ~Bits;
    }
  }
  if (IsDir) {
    if (Mode & 0400)
      Mode |= 0100;
    if (Mode & 0040)
      Mode |= 0010;
    if (Mode & 0004)
      Mode |= 0001;
  }
  return Mode;
}

std::string checksum(StringRef Content, StringRef Algorithm) {
  if (Algorithm == "md5" || Algorithm == "md5lite") {
    StringRef Data = Algorithm == "md5lite" ? Content.take_front(512) : Content;
    MD5 H;
    H.update(Data);
    MD5::MD5Result R;
    H.final(R);
    return "{" + Algorithm.str() + "}" + R.digest().str().str();
  }
  std::string Name = Algorithm == "sha256lite" ? "sha256lite" : "sha256";
  StringRef Data =
      Algorithm == "sha256lite" ? Content.take_front(512) : Content;
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
