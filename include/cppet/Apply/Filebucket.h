//===- Filebucket.h - Backups of replaced file contents ---------*- C++ -*-===//
//
// A local filebucket as Puppet's clientbucket: each backed-up content is
// stored once under its checksum (DIR/a/b/c/d/e/f/g/h/<sum>/contents, with
// the original paths in .../paths), and can be listed and restored.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_APPLY_FILEBUCKET_H
#define CPPET_APPLY_FILEBUCKET_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace cppet::apply {

class Filebucket {
public:
  explicit Filebucket(std::string Dir) : Dir(std::move(Dir)) {}
  const std::string &dir() const { return Dir; }
  /// Stores Content (originally at Path); returns its sha256 hex digest.
  llvm::Expected<std::string> backup(llvm::StringRef Content,
                                     llvm::StringRef Path);
  /// Stores the file at Path.
  llvm::Expected<std::string> backupFile(llvm::StringRef Path);
  /// The content stored under Sum.
  llvm::Expected<std::string> get(llvm::StringRef Sum) const;
  /// Writes the content stored under Sum to Path (atomically).
  llvm::Error restore(llvm::StringRef Sum, llvm::StringRef Path) const;
  /// The original paths recorded for Sum.
  std::vector<std::string> paths(llvm::StringRef Sum) const;

private:
  std::string slotFor(llvm::StringRef Sum) const;
  std::string Dir;
};

} // namespace cppet::apply

#endif // CPPET_APPLY_FILEBUCKET_H
