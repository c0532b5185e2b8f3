//===- FileSystem.h - Atomic file replacement -------------------*- C++ -*-===//
#ifndef CPPET_SUPPORT_FILESYSTEM_H
#define CPPET_SUPPORT_FILESYSTEM_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace cppet {

/// Replaces Path with Content: a temporary file in the same directory is
/// written, given Mode (and owner/group when set), fsynced and renamed over
/// Path, then the directory is fsynced. Readers never see a partial file.
llvm::Error writeFileAtomically(llvm::StringRef Path, llvm::StringRef Content,
                                unsigned Mode,
                                std::optional<uid_t> Uid = std::nullopt,
                                std::optional<gid_t> Gid = std::nullopt);

/// The same, with the content streamed by Write (large files are never
/// held in memory whole).
llvm::Error
writeFileAtomically(llvm::StringRef Path, unsigned Mode,
                    llvm::function_ref<void(llvm::raw_ostream &)> Write);

/// Reads a whole file.
llvm::Expected<std::string> readFile(llvm::StringRef Path);

/// The entries of a colon-separated search path (modulepath,
/// environmentpath...), trimmed, empty ones dropped.
std::vector<std::string> splitSearchPath(llvm::StringRef List);

} // namespace cppet

#endif // CPPET_SUPPORT_FILESYSTEM_H
