//===- FileUtil.h - Atomic writes, checksums, owners ------------*- C++ -*-===//
#ifndef CPPET_LIB_APPLY_FILEUTIL_H
#define CPPET_LIB_APPLY_FILEUTIL_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <sys/types.h>

namespace cppet::apply {

/// Replaces Path with Content: a temporary file in the same directory is
/// written, given Mode (and owner/group when set), fsynced and renamed over
/// Path, then the directory is fsynced. Readers never see a partial file.
llvm::Error writeFileAtomically(llvm::StringRef Path, llvm::StringRef Content,
                                unsigned Mode,
                                std::optional<uid_t> Uid = std::nullopt,
                                std::optional<gid_t> Gid = std::nullopt);

/// Reads a whole file.
llvm::Expected<std::string> readFile(llvm::StringRef Path);

/// "{sha256}hex", "{md5}hex" of Content (Algorithm: sha256, sha224? md5,
/// md5lite (first 512 bytes)); empty Algorithm means sha256.
std::string checksum(llvm::StringRef Content, llvm::StringRef Algorithm = "");

/// A user or group given by name or number; std::nullopt when unknown.
std::optional<uid_t> lookupUid(llvm::StringRef NameOrId);
std::optional<gid_t> lookupGid(llvm::StringRef NameOrId);
/// Names for ids (the number as text when there is no entry).
std::string userName(uid_t Uid);
std::string groupName(gid_t Gid);

} // namespace cppet::apply

#endif // CPPET_LIB_APPLY_FILEUTIL_H
