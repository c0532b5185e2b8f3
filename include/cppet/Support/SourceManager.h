//===- SourceManager.h - Owns source files and maps offsets to lines ------===//
#ifndef CPPET_SUPPORT_SOURCEMANAGER_H
#define CPPET_SUPPORT_SOURCEMANAGER_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace cppet {

/// A position in a source file: file id and byte offset. FileId 0 is "no file".
struct SourceLoc {
  uint32_t FileId = 0;
  uint32_t Offset = 0;
  bool isValid() const { return FileId != 0; }
};

/// A half-open byte range [Begin, End) in one file.
struct SourceRange {
  uint32_t FileId = 0;
  uint32_t Begin = 0;
  uint32_t End = 0;
  SourceLoc begin() const { return {FileId, Begin}; }
  SourceLoc end() const { return {FileId, End}; }
  bool isValid() const { return FileId != 0; }
};

struct LineColumn {
  unsigned Line = 0;   // 1-based
  unsigned Column = 0; // 1-based
};

/// Owns the text of every file read during a compilation and answers
/// file:line:column questions. Files are never unloaded, so StringRefs into
/// them stay valid for the SourceManager's lifetime.
class SourceManager {
public:
  SourceManager();
  ~SourceManager();
  SourceManager(const SourceManager &) = delete;
  SourceManager &operator=(const SourceManager &) = delete;

  /// Reads a file from disk. Returns its id, or an error naming the path.
  llvm::Expected<uint32_t> loadFile(llvm::StringRef Path);
  /// Adds an in-memory buffer (e.g. `-e CODE`, an inline_epp template).
  uint32_t addBuffer(std::string Name, std::string Text);

  llvm::StringRef getText(uint32_t FileId) const;
  llvm::StringRef getName(uint32_t FileId) const;
  LineColumn getLineColumn(SourceLoc Loc) const;
  /// The full text of the line holding Loc (without its newline).
  llvm::StringRef getLineText(SourceLoc Loc) const;
  /// Returns the id of an already loaded file, or 0.
  uint32_t findFile(llvm::StringRef Path) const;
  /// The number of files and buffers; their ids are 1 to getNumFiles().
  uint32_t getNumFiles() const { return static_cast<uint32_t>(Files.size()); }

private:
  struct File;
  std::vector<std::unique_ptr<File>> Files; // index = id - 1
  const File *get(uint32_t Id) const;
};

} // namespace cppet

#endif
