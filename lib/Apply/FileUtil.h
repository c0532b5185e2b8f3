//===- FileUtil.h - Atomic writes, checksums, owners ------------*- C++ -*-===//
#ifndef CPPET_LIB_APPLY_FILEUTIL_H
#define CPPET_LIB_APPLY_FILEUTIL_H

#include "cppet/Support/FileSystem.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <sys/types.h>

namespace cppet::apply {

/// "{sha256}hex", "{md5}hex" of Content (Algorithm: sha256, sha224? md5,
/// md5lite (first 512 bytes)); empty Algorithm means sha256.
std::string checksum(llvm::StringRef Content, llvm::StringRef Algorithm = "");

/// Applies a mode given as octal ("644", "0755") or symbolic ("u=rw,go=r",
/// "a+x", "g-w", "u=rwX") to Current. Directories get search bits where
/// read is set, as Puppet does.
llvm::Expected<unsigned> parseFileMode(llvm::StringRef Spec, unsigned Current,
                                       bool IsDir);

/// A user or group given by name or number; std::nullopt when unknown.
std::optional<uid_t> lookupUid(llvm::StringRef NameOrId);
std::optional<gid_t> lookupGid(llvm::StringRef NameOrId);
/// Names for ids (the number as text when there is no entry).
std::string userName(uid_t Uid);
std::string groupName(gid_t Gid);

} // namespace cppet::apply

#endif // CPPET_LIB_APPLY_FILEUTIL_H
