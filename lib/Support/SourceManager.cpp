//===- SourceManager.cpp --------------------------------------------------===//
#include "cppet/Support/SourceManager.h"

#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>

using namespace cppet;

struct SourceManager::File {
  std::string Name;
  std::string Text;
  std::vector<uint32_t> LineStarts; // computed lazily

  void computeLines() {
    if (!LineStarts.empty())
      return;
    LineStarts.push_back(0);
    for (uint32_t I = 0, E = static_cast<uint32_t>(Text.size()); I < E; ++I)
      if (Text[I] == '\n')
        LineStarts.push_back(I + 1);
  }
};

SourceManager::SourceManager() = default;
SourceManager::~SourceManager() = default;

llvm::Expected<uint32_t> SourceManager::loadFile(llvm::StringRef Path) {
  if (uint32_t Existing = findFile(Path))
    return Existing;
  auto BufOrErr = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true,
                                              /*RequiresNullTerminator=*/false);
  if (!BufOrErr)
    return llvm::createStringError(
        BufOrErr.getError(), "Could not read file '%s': %s", Path.str().c_str(),
        BufOrErr.getError().message().c_str());
  return addBuffer(Path.str(), (*BufOrErr)->getBuffer().str());
}

uint32_t SourceManager::addBuffer(std::string Name, std::string Text) {
  auto F = std::make_unique<File>();
  F->Name = std::move(Name);
  F->Text = std::move(Text);
  Files.push_back(std::move(F));
  return static_cast<uint32_t>(Files.size());
}

const SourceManager::File *SourceManager::get(uint32_t Id) const {
  if (Id == 0 || Id > Files.size())
    return nullptr;
  return Files[Id - 1].get();
}

llvm::StringRef SourceManager::getText(uint32_t FileId) const {
  const File *F = get(FileId);
  return F ? llvm::StringRef(F->Text) : llvm::StringRef();
}

llvm::StringRef SourceManager::getName(uint32_t FileId) const {
  const File *F = get(FileId);
  return F ? llvm::StringRef(F->Name) : llvm::StringRef();
}

uint32_t SourceManager::findFile(llvm::StringRef Path) const {
  for (size_t I = 0; I < Files.size(); ++I)
    if (Files[I]->Name == Path)
      return static_cast<uint32_t>(I + 1);
  return 0;
}

LineColumn SourceManager::getLineColumn(SourceLoc Loc) const {
  File *F = const_cast<File *>(get(Loc.FileId));
  if (!F)
    return {};
  F->computeLines();
  auto It =
      std::upper_bound(F->LineStarts.begin(), F->LineStarts.end(), Loc.Offset);
  unsigned Line = static_cast<unsigned>(It - F->LineStarts.begin());
  unsigned Col = Loc.Offset - F->LineStarts[Line - 1] + 1;
  return {Line, Col};
}

llvm::StringRef SourceManager::getLineText(SourceLoc Loc) const {
  File *F = const_cast<File *>(get(Loc.FileId));
  if (!F)
    return {};
  F->computeLines();
  LineColumn LC = getLineColumn(Loc);
  uint32_t Start = F->LineStarts[LC.Line - 1];
  llvm::StringRef Rest = llvm::StringRef(F->Text).substr(Start);
  return Rest.take_until([](char C) { return C == '\n' || C == '\r'; });
}
