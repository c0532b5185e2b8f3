//===- Filebucket.cpp - Backups of replaced file contents -----------------===//
#include "cppet/Apply/Filebucket.h"
#include "FileUtil.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SHA256.h"

using namespace llvm;

namespace cppet::apply {

std::string Filebucket::slotFor(StringRef Sum) const {
  std::string Dir = this->Dir;
  for (size_t I = 0; I < 8 && I < Sum.size(); ++I)
    Dir += "/" + Sum.substr(I, 1).str();
  return Dir + "/" + Sum.str();
}

Expected<std::string> Filebucket::backup(StringRef Content, StringRef Path) {
  std::string Sum = toHex(SHA256::hash(arrayRefFromStringRef(Content)), true);
  std::string Slot = slotFor(Sum);
  if (std::error_code EC = sys::fs::create_directories(Slot))
    return createStringError(EC,
                             "could not create " + Slot + ": " + EC.message());
  std::string ContentsPath = Slot + "/contents";
  if (!sys::fs::exists(ContentsPath))
    if (Error E = writeFileAtomically(ContentsPath, Content, 0600))
      return E;
  std::vector<std::string> Known = paths(Sum);
  if (std::find(Known.begin(), Known.end(), Path.str()) == Known.end()) {
    std::string All;
    for (const std::string &K : Known)
      All += K + "\n";
    All += Path.str() + "\n";
    if (Error E = writeFileAtomically(Slot + "/paths", All, 0600))
      return E;
  }
  return Sum;
}

Expected<std::string> Filebucket::backupFile(StringRef Path) {
  auto Buf = MemoryBuffer::getFile(Path, /*IsText=*/false,
                                   /*RequiresNullTerminator=*/false);
  if (!Buf)
    return createStringError(Buf.getError(), "could not read " + Path + ": " +
                                                 Buf.getError().message());
  return backup((*Buf)->getBuffer(), Path);
}

Expected<std::string> Filebucket::get(StringRef Sum) const {
  std::string P = slotFor(Sum) + "/contents";
  auto Buf = MemoryBuffer::getFile(P, /*IsText=*/false,
                                   /*RequiresNullTerminator=*/false);
  if (!Buf)
    return createStringError(Buf.getError(),
                             "no content with checksum " + Sum + " in " + Dir);
  return (*Buf)->getBuffer().str();
}

Error Filebucket::restore(StringRef Sum, StringRef Path) const {
  auto Content = get(Sum);
  if (!Content)
    return Content.takeError();
  return writeFileAtomically(Path, *Content, 0644);
}

std::vector<std::string> Filebucket::paths(StringRef Sum) const {
  std::vector<std::string> Out;
  auto Buf = MemoryBuffer::getFile(slotFor(Sum) + "/paths");
  if (!Buf)
    return Out;
  SmallVector<StringRef, 4> Lines;
  (*Buf)->getBuffer().split(Lines, '\n', -1, false);
  for (StringRef L : Lines)
    Out.push_back(L.str());
  return Out;
}

} // namespace cppet::apply
