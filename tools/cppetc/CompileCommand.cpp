//===- CompileCommand.cpp - cppetc compile --------------------------------===//
#include "Commands.h"

#include "cppet/Compile/Compiler.h"
#include "cppet/Sema/Environment.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <cstdlib>
#include <unistd.h>

using namespace cppet;
using namespace cppetc;

namespace {
struct CompileArgs {
  std::string Node;
  std::string Manifest = "manifests/site.pp";
  std::string ModulePath = "modules";
  std::string Facts;
  std::string HieraConfig;
  std::string Environment = "production";
  bool Strict = false;
  bool Compact = false;
  bool Verbose = false;
  bool RichData = false;
};
} // namespace

bool cppetc::readFactsFile(const std::string &Path, catalog::Json &Facts) {
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  if (!Buf) {
    llvm::errs() << "error: could not read facts file '" << Path
                 << "': " << Buf.getError().message() << "\n";
    return false;
  }
  catalog::Json F = catalog::Json::parse((*Buf)->getBuffer().begin(),
                                         (*Buf)->getBuffer().end(), nullptr,
                                         /*allow_exceptions=*/false);
  if (F.is_discarded() || !F.is_object()) {
    llvm::errs() << "error: facts file '" << Path << "' is not a JSON object\n";
    return false;
  }
  // A facts file may be Puppet's wire form {"name":..,"values":{..}}.
  if (F.contains("values") && F["values"].is_object())
    F = F["values"];
  Facts = std::move(F);
  return true;
}

/// Minimal facts of this machine, used when --facts is not given.
static catalog::Json localFacts() {
  char Host[256] = {0};
  ::gethostname(Host, sizeof(Host) - 1);
  std::string Fqdn = Host;
  std::string Short = Fqdn.substr(0, Fqdn.find('.'));
  std::string Domain = Fqdn.find('.') == std::string::npos
                           ? ""
                           : Fqdn.substr(Fqdn.find('.') + 1);
  catalog::Json F = catalog::Json::object();
  F["hostname"] = Short;
  F["fqdn"] = Fqdn;
  F["domain"] = Domain;
  F["networking"] = {{"hostname", Short}, {"fqdn", Fqdn}, {"domain", Domain}};
  F["kernel"] = "Linux";
  return F;
}

static int runCompile(const CompileArgs &A) {
  SourceManager SM;
  DiagnosticEngine Diags(SM);
  Diags.setNodeName(A.Node);
  EnvironmentConfig Config;
  CompileOptions Opts;
  Opts.NodeName = A.Node;
  LocalCompileSettings Settings;
  Settings.Manifest = A.Manifest;
  Settings.ModulePath = A.ModulePath;
  Settings.HieraConfig = A.HieraConfig;
  Settings.Environment = A.Environment;
  Settings.Strict = A.Strict;
  configureLocalCompile(Settings, Config, Opts);
  Opts.RichData = A.RichData;
  if (!A.Facts.empty()) {
    if (!readFactsFile(A.Facts, Opts.Facts))
      return 1;
  } else {
    Opts.Facts = localFacts();
  }

  // The compile phase as Puppet times it ("Compiled catalog ... in N
  // seconds"): loading the environment's code and evaluating it.
  auto Start = std::chrono::steady_clock::now();
  Environment Env(Config, SM);
  llvm::Expected<catalog::Catalog> Cat = compileCatalog(Env, Opts, Diags);
  if (Cat && A.Verbose)
    llvm::errs() << llvm::format(
        "Notice: Compiled catalog for %s in environment %s in %.4f seconds\n",
        A.Node.c_str(), A.Environment.c_str(),
        std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
            .count());
  for (const Diagnostic &D : Diags.getDiagnostics())
    if (D.Level != Severity::Error)
      Diags.render(llvm::errs(), D, DiagnosticStyle::OneLine);
  if (!Cat) {
    llvm::consumeError(Cat.takeError());
    for (const Diagnostic &D : Diags.getDiagnostics())
      if (D.Level == Severity::Error)
        Diags.render(llvm::errs(), D, DiagnosticStyle::CodeFrame);
    return 1;
  }
  Cat->writeJson(llvm::outs(), A.Compact ? -1 : 2);
  llvm::outs() << "\n";
  llvm::outs().flush();
  // Like clang's -disable-free: the process ends here, so skip tearing down
  // the ASTs, scopes and catalog (a quarter of a large compile's time).
  std::_Exit(llvm::outs().has_error() ? 1 : 0);
}

CommandRunner cppetc::registerCompileCommand(CLI::App &App) {
  auto Args = std::make_shared<CompileArgs>();
  App.add_option("--node", Args->Node, "the certname to compile for")
      ->required();
  App.add_option("--manifest", Args->Manifest,
                 "main manifest file or directory (default manifests/site.pp)");
  App.add_option("--modulepath", Args->ModulePath,
                 "colon-separated module directories (default modules)");
  App.add_option("--facts", Args->Facts,
                 "facts as a JSON object (default: this machine's)");
  App.add_option("--hiera-config", Args->HieraConfig, "global hiera.yaml");
  App.add_option("--environment", Args->Environment, "environment name");
  App.add_flag("--strict", Args->Strict,
               "Puppet 7's rules: reject import and node inheritance");
  App.add_flag("--compact", Args->Compact, "print the catalog on one line");
  App.add_flag("--rich-data", Args->RichData,
               "encode values as Puppet's rich data catalog does (what the "
               "master sends to agents that accept it): Deferred calls, "
               "Timestamps, ... as {\"__ptype\": ...} objects");
  App.add_flag("-v,--verbose", Args->Verbose,
               "say how long the compile took, as Puppet does");
  return [Args] { return runCompile(*Args); };
}
