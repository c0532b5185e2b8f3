//===- LocalCompile.cpp - Compile settings of the command-line tools ------===//
#include "cppet/Compile/Compiler.h"
#include "cppet/Support/FileSystem.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

namespace cppet {

std::string resolveModuleDir(llvm::StringRef Entry) {
  llvm::sys::fs::file_status St;
  if (llvm::sys::fs::status(Entry, St) ||
      St.type() != llvm::sys::fs::file_type::regular_file ||
      St.getSize() > 4096)
    return Entry.str();
  auto Buf = llvm::MemoryBuffer::getFile(Entry);
  if (!Buf)
    return Entry.str();
  llvm::StringRef Target = (*Buf)->getBuffer().trim();
  if (Target.empty() || Target.contains('\n'))
    return Entry.str();
  llvm::SmallString<256> Dir(Target);
  if (!llvm::sys::path::is_absolute(Target)) {
    Dir = llvm::sys::path::parent_path(Entry);
    llvm::sys::path::append(Dir, Target);
  }
  if (!llvm::sys::fs::is_directory(Dir))
    return Entry.str();
  return Dir.str().str();
}

void configureLocalCompile(const LocalCompileSettings &Settings,
                           EnvironmentConfig &Config, CompileOptions &Opts) {
  Config.Name = Settings.Environment;
  Config.Manifest = Settings.Manifest;
  Config.Strict = Settings.Strict;
  for (const std::string &D : splitSearchPath(Settings.ModulePath))
    Config.ModulePath.push_back(resolveModuleDir(D));
  Opts.HieraConfig = Settings.HieraConfig;
  // An environment laid out as ENV/manifests/site.pp has ENV/hiera.yaml as
  // its environment layer (unless that is the global config itself).
  llvm::SmallString<256> Dir(Settings.Manifest);
  llvm::sys::fs::make_absolute(Dir);
  if (!llvm::sys::fs::is_directory(Dir))
    llvm::sys::path::remove_filename(Dir);
  if (llvm::sys::path::filename(Dir) != "manifests")
    return;
  llvm::sys::path::remove_filename(Dir);
  llvm::SmallString<256> EnvHiera(Dir);
  llvm::sys::path::append(EnvHiera, "hiera.yaml");
  llvm::SmallString<256> Global(Settings.HieraConfig);
  if (!Global.empty())
    llvm::sys::fs::make_absolute(Global);
  if (!llvm::sys::fs::equivalent(EnvHiera, Global))
    Opts.EnvironmentDir = Dir.str().str();
}

} // namespace cppet
