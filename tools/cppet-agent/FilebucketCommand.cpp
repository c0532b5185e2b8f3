//===- FilebucketCommand.cpp - `cppet-agent filebucket` -------------------===//
//
// The local filebucket where replaced file contents are backed up:
// `backup FILE...`, `get SUM`, `restore FILE SUM`, `list` (sum and paths).
//
//===----------------------------------------------------------------------===//
#include "Commands.h"

#include "cppet/Apply/Filebucket.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>

using namespace cppet;

namespace {
struct BucketArgs {
  std::string Vardir = "/var/lib/cppet";
  std::string Action;
  std::vector<std::string> Args;
};

int fail(const llvm::Twine &Msg) {
  llvm::errs() << "Error: " << Msg << "\n";
  return 1;
}

int runBucket(const BucketArgs &A) {
  apply::Filebucket B(A.Vardir + "/clientbucket");
  if (A.Action == "backup") {
    if (A.Args.empty())
      return fail("backup needs files");
    for (const std::string &F : A.Args) {
      auto Sum = B.backupFile(F);
      if (!Sum)
        return fail(llvm::toString(Sum.takeError()));
      llvm::outs() << F << ": " << *Sum << "\n";
    }
    return 0;
  }
  if (A.Action == "get") {
    if (A.Args.size() != 1)
      return fail("get needs one checksum");
    auto C = B.get(A.Args[0]);
    if (!C)
      return fail(llvm::toString(C.takeError()));
    llvm::outs() << *C;
    return 0;
  }
  if (A.Action == "restore") {
    if (A.Args.size() != 2)
      return fail("restore needs a file and a checksum");
    if (llvm::Error E = B.restore(A.Args[1], A.Args[0]))
      return fail(llvm::toString(std::move(E)));
    return 0;
  }
  if (A.Action == "list") {
    // Every slot is DIR/a/b/c/d/e/f/g/h/<sum>/contents.
    std::error_code EC;
    for (llvm::sys::fs::recursive_directory_iterator It(B.dir(), EC), End;
         It != End && !EC; It.increment(EC)) {
      if (llvm::sys::path::filename(It->path()) != "contents")
        continue;
      std::string Sum =
          llvm::sys::path::filename(llvm::sys::path::parent_path(It->path()))
              .str();
      for (const std::string &P : B.paths(Sum))
        llvm::outs() << Sum << " " << P << "\n";
    }
    return 0;
  }
  return fail("unknown action '" + A.Action +
              "' (backup, get, restore or list)");
}
} // namespace

namespace cppet_agent {
CommandRunner registerFilebucketCommand(CLI::App &Sub) {
  auto A = std::make_shared<BucketArgs>();
  Sub.add_option("action", A->Action, "backup, get, restore or list")
      ->required();
  Sub.add_option("args", A->Args, "files and checksums");
  Sub.add_option("--vardir", A->Vardir, "(default /var/lib/cppet)");
  return [A] { return runBucket(*A); };
}
} // namespace cppet_agent
