//===- ParseCommand.cpp - cppetc parse / check ----------------------------===//
//
// `cppetc parse FILE...` prints each file's syntax tree; `cppetc check
// FILE...` reports every syntax error and the static checks' findings
// (lib/Sema/Checker) and exits 1 if there was an error. With --epp the files
// are parsed as EPP templates.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"

#include "cppet/AST/ASTDumper.h"
#include "cppet/Parse/Parser.h"
#include "cppet/Sema/Checker.h"
#include "cppet/Sema/Environment.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <string>
#include <vector>

using namespace cppetc;

namespace {

struct ParseOptions {
  std::vector<std::string> Files;
  bool Epp = false;
  bool Ranges = false;
  bool AntlrPrediction = false;
};

bool isEppPath(llvm::StringRef Path) { return Path.endswith(".epp"); }

/// Parses every file; calls Visit on each program. Returns the exit code.
template <typename Fn> int parseFiles(const ParseOptions &Opts, Fn Visit) {
  cppet::SourceManager SM;
  cppet::DiagnosticEngine Diags(SM);
  bool Failed = false;
  for (const std::string &Path : Opts.Files) {
    llvm::Expected<uint32_t> Id = SM.loadFile(Path);
    if (!Id) {
      llvm::errs() << "cppetc: " << llvm::toString(Id.takeError()) << '\n';
      Failed = true;
      continue;
    }
    bool Epp = Opts.Epp || isEppPath(Path);
    std::unique_ptr<cppet::ast::Program> Prog =
        Epp ? cppet::parseEpp(SM, *Id, Diags)
            : cppet::parseManifest(SM, *Id, Diags);
    if (Prog)
      Visit(SM, *Prog);
  }
  Diags.renderAll(llvm::errs(), cppet::DiagnosticStyle::CodeFrame);
  return Failed || Diags.hasErrors() ? 1 : 0;
}

std::shared_ptr<ParseOptions> addOptions(CLI::App &App) {
  auto Opts = std::make_shared<ParseOptions>();
  App.add_option("files", Opts->Files, "manifests or templates")->required();
  App.add_flag("--epp", Opts->Epp, "parse the files as EPP templates");
  return Opts;
}

} // namespace

CommandRunner cppetc::registerParseCommand(CLI::App &App) {
  std::shared_ptr<ParseOptions> Opts = addOptions(App);
  App.add_flag("--ranges", Opts->Ranges, "print each node's source range");
  App.add_flag("--antlr-prediction", Opts->AntlrPrediction,
               "predict every decision with ANTLR's adaptive prediction, not "
               "the build-time tables (to check that they agree)");
  return [Opts] {
    cppet::setTablePrediction(!Opts->AntlrPrediction);
    bool Several = Opts->Files.size() > 1;
    return parseFiles(*Opts, [&](const cppet::SourceManager &SM,
                                 const cppet::ast::Program &Prog) {
      if (Several)
        llvm::outs() << "; " << SM.getName(Prog.FileId) << '\n';
      cppet::ast::DumpOptions Dump;
      if (Opts->Ranges)
        Dump.Ranges = &SM;
      cppet::ast::dumpProgram(llvm::outs(), Prog, Dump);
    });
  };
}

CommandRunner cppetc::registerCheckCommand(CLI::App &App) {
  std::shared_ptr<ParseOptions> Opts = addOptions(App);
  auto Strict = std::make_shared<bool>(false);
  auto ModulePath = std::make_shared<std::string>("modules");
  App.add_flag("--strict", *Strict,
               "Puppet 7's rules: import and node inheritance are errors, "
               "variables never assigned in reach are reported");
  App.add_option("--modulepath", *ModulePath,
                 "colon-separated module directories where resource types "
                 "may be defined (default modules)");
  return [Opts, Strict, ModulePath] {
    cppet::SourceManager SM;
    cppet::DiagnosticEngine Diags(SM);
    bool Failed = false;
    std::vector<std::unique_ptr<cppet::ast::Program>> Programs;
    for (const std::string &Path : Opts->Files) {
      llvm::Expected<uint32_t> Id = SM.loadFile(Path);
      if (!Id) {
        llvm::errs() << "cppetc: " << llvm::toString(Id.takeError()) << '\n';
        Failed = true;
        continue;
      }
      bool Epp = Opts->Epp || isEppPath(Path);
      std::unique_ptr<cppet::ast::Program> Prog =
          Epp ? cppet::parseEpp(SM, *Id, Diags)
              : cppet::parseManifest(SM, *Id, Diags);
      if (Prog)
        Programs.push_back(std::move(Prog));
    }
    // Static checks over everything that parsed, files seeing each other's
    // definitions; types may also come from the modulepath.
    cppet::EnvironmentConfig Config;
    llvm::SmallVector<llvm::StringRef, 4> Dirs;
    llvm::StringRef(*ModulePath).split(Dirs, ':', -1, false);
    for (llvm::StringRef D : Dirs)
      Config.ModulePath.push_back(D.str());
    cppet::Environment Env(Config, SM);
    cppet::CheckOptions Check;
    Check.Strict = *Strict;
    Check.TypeExists = [&](llvm::StringRef Name) {
      if (Env.findDefine(Name, Diags))
        return true;
      for (const std::string &Dir : Config.ModulePath) {
        std::error_code EC;
        for (llvm::sys::fs::directory_iterator It(Dir, EC), End;
             It != End && !EC; It.increment(EC)) {
          llvm::SmallString<256> P(It->path());
          llvm::sys::path::append(P, "lib", "puppet", "type", Name + ".rb");
          if (llvm::sys::fs::exists(P))
            return true;
        }
      }
      return false;
    };
    std::vector<const cppet::ast::Program *> Raw;
    Raw.reserve(Programs.size());
    for (const auto &P : Programs)
      Raw.push_back(P.get());
    cppet::checkPrograms(Raw, Check, Diags);
    Diags.renderAll(llvm::errs(), cppet::DiagnosticStyle::CodeFrame);
    return Failed || Diags.hasErrors() ? 1 : 0;
  };
}
