//===- ApplyCommand.cpp - `cppet-agent apply` -----------------------------===//
//
// Masterless runs: collect facts, compile FILE.pp / -e CODE locally (or
// read a compiled catalog), apply it, print Puppet-shaped log lines, write
// last_run_summary.yaml and last_run_report.yaml into the state directory.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"
#include "Console.h"

#include "cppet/Apply/Report.h"
#include "cppet/Apply/Run.h"
#include "cppet/Apply/Transaction.h"
#include "cppet/Compile/Compiler.h"
#include "cppet/Facts/Facts.h"
#include "cppet/Parse/Parser.h"
#include "cppet/Sema/Environment.h"
#include "cppet/Support/FileSystem.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <cstdio>
#include <ctime>
#include <fcntl.h>
#include <memory>
#include <unistd.h>

using namespace cppet;
using cppet_agent::Console;

namespace {

struct ApplyArgs {
  std::string File;
  std::string Code;
  std::string CatalogFile;
  bool Noop = false;
  std::string Certname;
  /// As Debian's Puppet: the environment's modules, the site's, then the
  /// modules Debian packages (cron_core, host_core, stdlib, ...).
  std::string ModulePath = "/etc/cppet/code/environments/production/modules:"
                           "/etc/cppet/code/modules:/usr/share/puppet/modules";
  std::string HieraConfig;
  std::string Environment = "production";
  std::string Tags;
  bool Verbose = false;
  bool Debug = false;
  bool DetailedExitcodes = false;
  std::string Vardir = "/var/lib/cppet";
  std::string Color = "auto";
};

double since(std::chrono::steady_clock::time_point T) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - T)
      .count();
}

void logTo(apply::Report &R, const Console &C, const std::string &Level,
           const std::string &Message) {
  apply::logRun(
      R, [&](const apply::LogEntry &E) { C.print(E); }, Level, Message,
      C.shows("debug"));
}

/// Compiles the manifest for Certname with Facts.
llvm::Expected<catalog::Catalog> compileLocally(const ApplyArgs &A,
                                                const std::string &Manifest,
                                                const std::string &Certname,
                                                catalog::Json Facts,
                                                std::string &Errors) {
  SourceManager SM;
  DiagnosticEngine Diags(SM);
  Diags.setNodeName(Certname);
  EnvironmentConfig Config;
  CompileOptions Opts;
  Opts.NodeName = Certname;
  Opts.Facts = std::move(Facts);
  Opts.ReleaseParsedCode = true; // one compile per process
  Opts.RichData = true;          // Deferred values reach resolveLocally
  LocalCompileSettings Settings;
  Settings.Manifest = Manifest;
  Settings.ModulePath = A.ModulePath;
  Settings.HieraConfig = A.HieraConfig;
  Settings.Environment = A.Environment;
  configureLocalCompile(Settings, Config, Opts);
  Environment Env(Config, SM);
  auto Cat = compileCatalog(Env, Opts, Diags);
  llvm::raw_string_ostream OS(Errors);
  for (const Diagnostic &D : Diags.getDiagnostics())
    Diags.render(OS, D, DiagnosticStyle::OneLine);
  return Cat;
}

/// Decodes the catalog's rich data and calls its Deferred values, as
/// Puppet's agent does before applying; the functions are the built-in ones
/// and those of the modulepath's modules.
llvm::Error resolveLocally(const ApplyArgs &A, catalog::Catalog &Cat,
                           const std::string &Certname,
                           const catalog::Json &Facts, apply::Report &R,
                           const Console &Out) {
  catalog::decodeRichData(Cat);
  SourceManager SM;
  DiagnosticEngine Diags(SM);
  Diags.setNodeName(Certname);
  EnvironmentConfig Config;
  CompileOptions Opts;
  LocalCompileSettings Settings;
  Settings.ModulePath = A.ModulePath;
  Settings.HieraConfig = A.HieraConfig;
  Settings.Environment = A.Environment;
  configureLocalCompile(Settings, Config, Opts);
  Opts.NodeName = Certname;
  Opts.Facts = Facts;
  Environment Env(Config, SM);
  llvm::Error E = resolveDeferred(Cat, Env, Opts, Diags);
  for (const Diagnostic &D : Diags.getDiagnostics())
    logTo(R, Out, D.Level == Severity::Warning ? "warning" : D.Id, D.Message);
  return E;
}

llvm::Expected<catalog::Catalog> readCatalog(const std::string &Path) {
  auto Buf = llvm::MemoryBuffer::getFileOrSTDIN(Path);
  if (!Buf)
    return llvm::createStringError(Buf.getError(),
                                   "Could not read catalog " + Path + ": " +
                                       Buf.getError().message());
  catalog::Json J = catalog::Json::parse((*Buf)->getBuffer().begin(),
                                         (*Buf)->getBuffer().end(), nullptr,
                                         /*allow_exceptions=*/false);
  if (J.is_discarded())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "Could not parse catalog " + Path +
                                       ": not JSON");
  return catalog::Catalog::fromJson(J);
}

int runApply(ApplyArgs &A) {
  auto Start = std::chrono::steady_clock::now();
  Console Out(A.Verbose, A.Debug, A.Color);
  apply::Report R;
  R.PuppetVersion = "7.23.0";
  R.TransactionUuid = apply::newUuid();
  R.Environment = A.Environment;
  R.Noop = A.Noop;

  int Sources = !A.File.empty() + !A.Code.empty() + !A.CatalogFile.empty();
  if (Sources != 1) {
    llvm::errs() << "Error: give exactly one of FILE, -e CODE or --catalog "
                    "FILE\n";
    return 1;
  }

  // Facts first: they name the node and feed the compile.
  auto FactStart = std::chrono::steady_clock::now();
  facts::FactOptions FO;
  std::vector<std::string> Warnings;
  auto Facts = facts::collectFacts(FO, &Warnings);
  for (const std::string &W : Warnings)
    logTo(R, Out, "warning", W);
  if (!Facts) {
    logTo(R, Out, "err",
          "Could not retrieve local facts: " +
              llvm::toString(Facts.takeError()));
    return 1;
  }
  R.addTime("fact_generation", since(FactStart));
  std::string Certname = A.Certname;
  if (Certname.empty()) {
    const catalog::Json *Fqdn = facts::lookupFact(*Facts, "networking.fqdn");
    Certname =
        Fqdn && Fqdn->is_string() ? Fqdn->get<std::string>() : "localhost";
  }
  R.Host = Certname;
  // What Puppet's agent adds to facter's facts before compiling.
  (*Facts)["puppetversion"] = R.PuppetVersion;
  (*Facts)["clientcert"] = Certname;
  (*Facts)["clientversion"] = R.PuppetVersion;
  (*Facts)["clientnoop"] = A.Noop;

  catalog::Catalog Cat;
  auto CompileStart = std::chrono::steady_clock::now();
  if (!A.CatalogFile.empty()) {
    auto C = readCatalog(A.CatalogFile);
    if (!C) {
      logTo(R, Out, "err", llvm::toString(C.takeError()));
      return 1;
    }
    Cat = std::move(*C);
  } else {
    std::string Manifest = A.File;
    std::string TempPath;
    if (!A.Code.empty()) {
      // -e CODE: compiled from a private temporary file.
      llvm::SmallString<128> Tmp;
      int Fd;
      if (std::error_code EC = llvm::sys::fs::createTemporaryFile(
              "cppet-apply", "pp", Fd, Tmp)) {
        logTo(R, Out, "err",
              "Could not create a temporary file: " + EC.message());
        return 1;
      }
      llvm::raw_fd_ostream OS(Fd, /*shouldClose=*/true);
      OS << A.Code << "\n";
      OS.close();
      TempPath = Tmp.str().str();
      Manifest = TempPath;
    } else if (!llvm::sys::fs::exists(Manifest)) {
      logTo(R, Out, "err", "Could not find file " + Manifest);
      return 1;
    }
    std::string Errors;
    auto C = compileLocally(A, Manifest, Certname, *Facts, Errors);
    if (!TempPath.empty()) {
      llvm::sys::fs::remove(TempPath);
      // Code given with -e has no file, as in Puppet: "(line: 1, ...)".
      for (const std::string &Frame : {"file: " + TempPath + ", ", TempPath})
        for (size_t Pos; (Pos = Errors.find(Frame)) != std::string::npos;)
          Errors.erase(Pos, Frame.size());
    }
    llvm::errs() << Errors;
    if (!C) {
      llvm::consumeError(C.takeError());
      return 1;
    }
    Cat = std::move(*C);
    if (!TempPath.empty())
      for (catalog::Resource &Res : Cat.Resources)
        if (Res.File == TempPath)
          Res.File.clear();
    logTo(R, Out, "notice",
          "Compiled catalog for " + Certname + " in environment " +
              A.Environment + " in " +
              llvm::formatv("{0:F2}", since(CompileStart)).str() + " seconds");
  }
  R.addTime("config_retrieval", since(CompileStart));
  releaseParserCaches();
#ifdef __GLIBC__
  // The compiler's memory (ASTs, scopes) is free now: give its pages back
  // before the apply allocates, so the run's peak is the larger of the two
  // phases, not their sum.
  malloc_trim(0);
#endif
  if (Cat.Name.empty())
    Cat.Name = Certname;
  if (llvm::Error E = resolveLocally(A, Cat, Certname, *Facts, R, Out)) {
    logTo(R, Out, "err",
          "Failed to apply catalog: " + llvm::toString(std::move(E)));
    return 1;
  }

  logTo(R, Out, "info",
        "Applying configuration version '" + std::to_string(Cat.Version) + "'");
  apply::ModuleFileFetcher Fetcher([&] {
    std::vector<std::string> Dirs;
    llvm::SmallVector<llvm::StringRef, 4> Parts;
    llvm::StringRef(A.ModulePath).split(Parts, ':', -1, false);
    for (llvm::StringRef P : Parts)
      Dirs.push_back(P.str());
    return Dirs;
  }());
  apply::ApplyOptions AO;
  AO.Noop = A.Noop;
  llvm::SmallVector<llvm::StringRef, 4> TagParts;
  llvm::StringRef(A.Tags).split(TagParts, ',', -1, false);
  for (llvm::StringRef P : TagParts)
    AO.Tags.push_back(P.trim().str());
  AO.Debug = A.Debug;
  AO.BucketDir = A.Vardir + "/clientbucket";
  AO.Fetcher = &Fetcher;
  AO.OnLog = [&](const apply::LogEntry &E) { Out.print(E); };
  auto Shared = std::make_shared<const catalog::Catalog>(std::move(Cat));
  apply::applyRun(R, Shared, AO, A.Vardir + "/state");
  (void)Start;
  // State files; failures are warnings, not a failed run.
  for (const std::string &W : apply::writeRunFiles(R, A.Vardir + "/state"))
    llvm::errs() << "Warning: " << W << "\n";
  return apply::runExitCode(R, A.DetailedExitcodes);
}

} // namespace

namespace cppet_agent {
CommandRunner registerApplyCommand(CLI::App &Sub) {
  auto A = std::make_shared<ApplyArgs>();
  Sub.add_option("file", A->File, "the manifest to apply");
  Sub.add_option("-e,--execute", A->Code, "Puppet code to apply");
  Sub.add_option("--catalog", A->CatalogFile,
                 "apply a compiled catalog (JSON, `cppetc compile` output; - "
                 "for stdin)");
  Sub.add_flag("--noop", A->Noop, "report what would change, change nothing");
  Sub.add_option("--certname", A->Certname,
                 "the node name to compile for (default: the fqdn)");
  Sub.add_option("--modulepath", A->ModulePath,
                 "colon-separated module directories");
  Sub.add_option("--hiera-config,--hiera_config", A->HieraConfig,
                 "global hiera.yaml");
  Sub.add_option("--environment", A->Environment, "environment name");
  Sub.add_option("--tags", A->Tags,
                 "apply only resources with these tags (comma-separated)");
  Sub.add_flag("-v,--verbose", A->Verbose, "also print info messages");
  Sub.add_flag("-d,--debug", A->Debug, "also print debug messages");
  Sub.add_flag("--detailed-exitcodes", A->DetailedExitcodes,
               "exit 2 on changes, 4 on failures, 6 on both");
  Sub.add_option("--vardir", A->Vardir,
                 "state, clientbucket (default /var/lib/cppet)");
  Sub.add_option("--color", A->Color, "true, false or auto");
  return [A] { return runApply(*A); };
}

CommandRunner registerResourceCommand(CLI::App &Sub) {
  auto Type = std::make_shared<std::string>();
  auto Title = std::make_shared<std::string>();
  auto Debug = std::make_shared<bool>(false);
  Sub.add_option("type", *Type, "resource type")->required();
  Sub.add_option("title", *Title, "resource title (default: all)");
  Sub.add_flag("-d,--debug", *Debug, "print the commands run");
  return [Type, Title, Debug] {
    auto Code = apply::describeResources(*Type, *Title, *Debug);
    if (!Code) {
      llvm::errs() << "Error: " << llvm::toString(Code.takeError()) << "\n";
      return 1;
    }
    llvm::outs() << *Code;
    return 0;
  };
}
} // namespace cppet_agent
