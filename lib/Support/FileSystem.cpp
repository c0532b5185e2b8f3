//===- FileSystem.cpp - Atomic file replacement ---------------------------===//
#include "cppet/Support/FileSystem.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace llvm;

namespace cppet {

namespace {
Error sysError(const Twine &What) {
  return createStringError(std::error_code(errno, std::generic_category()),
                           What + ": " + std::strerror(errno));
}
} // namespace

namespace {
/// Creates a temporary file next to Path, lets Fill write it, then sets
/// owner and mode, fsyncs, renames it over Path and fsyncs the directory.
Error replaceWith(StringRef Path, unsigned Mode, std::optional<uid_t> Uid,
                  std::optional<gid_t> Gid, function_ref<Error(int Fd)> Fill) {
  StringRef Dir = sys::path::parent_path(Path);
  if (Dir.empty())
    Dir = ".";
  std::string Template =
      (Dir + "/." + sys::path::filename(Path) + ".cppet-XXXXXX").str();
  int Fd = ::mkostemp(Template.data(), O_CLOEXEC);
  if (Fd < 0)
    return sysError("Could not create a temporary file in " + Dir);
  struct Guard {
    int Fd;
    std::string Name;
    bool Keep = false;
    ~Guard() {
      if (Fd >= 0)
        ::close(Fd);
      if (!Keep)
        ::unlink(Name.c_str());
    }
  } G{Fd, Template};
  if (Error E = Fill(Fd))
    return E;
  if ((Uid || Gid) && ::fchown(Fd, Uid ? *Uid : static_cast<uid_t>(-1),
                               Gid ? *Gid : static_cast<gid_t>(-1)) != 0)
    return sysError("Could not set owner of " + Template);
  if (::fchmod(Fd, Mode) != 0)
    return sysError("Could not set mode of " + Template);
  if (::fsync(Fd) != 0)
    return sysError("Could not fsync " + Template);
  if (::rename(Template.c_str(), Path.str().c_str()) != 0)
    return sysError("Could not rename " + Template + " to " + Path);
  G.Keep = true;
  int DirFd = ::open(Dir.str().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (DirFd >= 0) {
    ::fsync(DirFd);
    ::close(DirFd);
  }
  return Error::success();
}
} // namespace

Error writeFileAtomically(StringRef Path, StringRef Content, unsigned Mode,
                          std::optional<uid_t> Uid, std::optional<gid_t> Gid) {
  return replaceWith(Path, Mode, Uid, Gid, [&](int Fd) -> Error {
    size_t Done = 0;
    while (Done < Content.size()) {
      ssize_t W = ::write(Fd, Content.data() + Done, Content.size() - Done);
      if (W < 0 && errno == EINTR)
        continue;
      if (W < 0)
        return sysError("Could not write next to " + Path);
      Done += static_cast<size_t>(W);
    }
    return Error::success();
  });
}

Error writeFileAtomically(StringRef Path, unsigned Mode,
                          function_ref<void(raw_ostream &)> Write) {
  return replaceWith(
      Path, Mode, std::nullopt, std::nullopt, [&](int Fd) -> Error {
        raw_fd_ostream OS(Fd, /*shouldClose=*/false);
        Write(OS);
        OS.flush();
        if (OS.has_error()) {
          std::error_code EC = OS.error();
          OS.clear_error();
          return createStringError(EC, "Could not write next to " + Path +
                                           ": " + EC.message());
        }
        return Error::success();
      });
}

Expected<std::string> readFile(StringRef Path) {
  auto Buf = MemoryBuffer::getFile(Path, /*IsText=*/false,
                                   /*RequiresNullTerminator=*/false);
  if (!Buf)
    return createStringError(Buf.getError(), "Could not read " + Path + ": " +
                                                 Buf.getError().message());
  return (*Buf)->getBuffer().str();
}

std::vector<std::string> splitSearchPath(StringRef List) {
  std::vector<std::string> Out;
  SmallVector<StringRef, 4> Parts;
  List.split(Parts, ':', -1, false);
  for (StringRef P : Parts)
    if (!P.trim().empty())
      Out.push_back(P.trim().str());
  return Out;
}

} // namespace cppet
