//===- CompileBench.cpp - In-process repeat benchmark of compileCatalog ---===//
//
// cppet-compile-bench --manifest M --modulepath P --facts-dir DIR --repeat N
//                     [--nodes a,b,...] [--bench-root PATH] [--hiera-config F]
//                     [--serialize] [--json OUT] [--quiet]
//
// Creates ONE SourceManager and ONE Environment (plus one shared Hiera) and
// compiles every node N times in this process, the way a long-running
// server would. Facts come from DIR/<node>.json (a plain facts object or
// Puppet's wire form {"name":..,"values":{..}}); a node without a facts
// file gets generated minimal facts (Debian, bench_root, networking, ...).
//
// Prints per-round and per-node timings, the number of files parsed after
// the first round and after the last (they must be equal: every file is
// parsed once per environment), the peak RSS (getrusage) and the number of
// resources per catalog. Exit status: 0 ok, 1 a compile failed, 2 files
// were reparsed, 3 usage error.
//
// A benchmark tool, not part of the test suite (see scripts/bench.sh).
//
//===----------------------------------------------------------------------===//
#include "cppet/Catalog/Catalog.h"
#include "cppet/Compile/Compiler.h"
#include "cppet/Compile/Hiera.h"
#include "cppet/Sema/Environment.h"
#include "cppet/Support/Diagnostics.h"
#include "cppet/Support/SourceManager.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

using namespace cppet;
using Clock = std::chrono::steady_clock;

namespace {

struct Args {
  std::string Manifest = "manifests/site.pp";
  std::string ModulePath = "modules";
  std::string FactsDir;
  std::string HieraConfig;
  std::string BenchRoot = "/tmp/cppet-bench/root";
  std::string JsonOut;
  std::vector<std::string> Nodes;
  unsigned Repeat = 10;
  bool Serialize = false;
  bool Quiet = false;
};

struct NodeStats {
  std::string Name;
  catalog::Json Facts;
  bool FactsFromFile = false;
  std::vector<double> Ms;     // compile wall time per round
  std::vector<double> JsonMs; // serialization time per round (--serialize)
  size_t Resources = 0;       // of the last successful compile
  size_t Edges = 0;
  size_t JsonBytes = 0;
  unsigned Failures = 0;
  bool ResourceCountStable = true;
};

double msSince(Clock::time_point T0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - T0).count();
}

long peakRssKb() {
  struct rusage RU;
  getrusage(RUSAGE_SELF, &RU);
  return RU.ru_maxrss; // kilobytes on Linux
}

long currentRssKb() {
  std::ifstream In("/proc/self/statm");
  long Size = 0, Resident = 0;
  if (!(In >> Size >> Resident))
    return -1;
  return Resident * (sysconf(_SC_PAGESIZE) / 1024);
}

double median(std::vector<double> V) {
  if (V.empty())
    return 0;
  std::sort(V.begin(), V.end());
  size_t N = V.size();
  return N % 2 ? V[N / 2] : (V[N / 2 - 1] + V[N / 2]) / 2;
}

double minOf(const std::vector<double> &V) {
  return V.empty() ? 0 : *std::min_element(V.begin(), V.end());
}

void usage() {
  llvm::errs() << "usage: cppet-compile-bench --manifest M --modulepath P "
                  "--facts-dir DIR --repeat N [--nodes a,b,...]\n"
                  "       [--bench-root PATH] [--hiera-config F] [--serialize] "
                  "[--json OUT] [--quiet]\n";
}

bool parseArgs(int Argc, char **Argv, Args &A) {
  for (int I = 1; I < Argc; ++I) {
    llvm::StringRef Opt = Argv[I];
    std::string Val;
    // --opt=value or --opt value
    auto Take = [&](llvm::StringRef Name) -> bool {
      if (Opt == Name) {
        if (I + 1 >= Argc) {
          llvm::errs() << "error: " << Name << " needs a value\n";
          std::exit(3);
        }
        Val = Argv[++I];
        return true;
      }
      if (Opt.startswith(Name) && Opt.size() > Name.size() &&
          Opt[Name.size()] == '=') {
        Val = Opt.substr(Name.size() + 1).str();
        return true;
      }
      return false;
    };
    if (Take("--manifest"))
      A.Manifest = Val;
    else if (Take("--modulepath"))
      A.ModulePath = Val;
    else if (Take("--facts-dir"))
      A.FactsDir = Val;
    else if (Take("--hiera-config"))
      A.HieraConfig = Val;
    else if (Take("--bench-root"))
      A.BenchRoot = Val;
    else if (Take("--json"))
      A.JsonOut = Val;
    else if (Take("--repeat")) {
      char *End = nullptr;
      long N = std::strtol(Val.c_str(), &End, 10);
      if (!End || *End || N < 1) {
        llvm::errs() << "error: --repeat needs a positive integer\n";
        return false;
      }
      A.Repeat = static_cast<unsigned>(N);
    } else if (Take("--nodes")) {
      llvm::SmallVector<llvm::StringRef, 16> Parts;
      llvm::StringRef(Val).split(Parts, ',', -1, false);
      for (llvm::StringRef P : Parts)
        A.Nodes.push_back(P.trim().str());
    } else if (Opt == "--serialize")
      A.Serialize = true;
    else if (Opt == "--quiet")
      A.Quiet = true;
    else if (Opt == "-h" || Opt == "--help") {
      usage();
      std::exit(0);
    } else {
      llvm::errs() << "error: unknown argument '" << Opt << "'\n";
      return false;
    }
  }
  return true;
}

/// Generated minimal facts: what the benchmark site reads, shaped like
/// facter 4's output on a Debian 12 box.
catalog::Json minimalFacts(const std::string &Node, const std::string &Root) {
  std::string Short = Node.substr(0, Node.find('.'));
  std::string Domain = Node.find('.') == std::string::npos
                           ? ""
                           : Node.substr(Node.find('.') + 1);
  catalog::Json F = catalog::Json::object();
  F["bench_root"] = Root;
  F["hostname"] = Short;
  F["fqdn"] = Node;
  F["domain"] = Domain;
  F["kernel"] = "Linux";
  F["osfamily"] = "Debian";
  F["operatingsystem"] = "Debian";
  F["os"] = {{"name", "Debian"},
             {"family", "Debian"},
             {"release", {{"full", "12.0"}, {"major", "12"}, {"minor", "0"}}},
             {"architecture", "amd64"},
             {"hardware", "x86_64"}};
  F["processors"] = {{"count", 2}, {"physicalcount", 1}};
  F["networking"] = {{"hostname", Short},
                     {"fqdn", Node},
                     {"domain", Domain},
                     {"ip", "127.0.0.1"}};
  return F;
}

/// Reads DIR/<node>.json; returns false (and leaves F alone) if absent.
bool readFacts(const std::string &Path, catalog::Json &F) {
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  if (!Buf)
    return false;
  catalog::Json J = catalog::Json::parse((*Buf)->getBuffer().begin(),
                                         (*Buf)->getBuffer().end(), nullptr,
                                         /*allow_exceptions=*/false);
  if (J.is_discarded() || !J.is_object()) {
    llvm::errs() << "warning: facts file '" << Path
                 << "' is not a JSON object; using generated facts\n";
    return false;
  }
  if (J.contains("values") && J["values"].is_object())
    J = J["values"];
  F = std::move(J);
  return true;
}

/// Nodes named by DIR/*.json, sorted.
std::vector<std::string> nodesInFactsDir(const std::string &Dir) {
  std::vector<std::string> Out;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    llvm::StringRef P = It->path();
    if (llvm::sys::path::extension(P) == ".json")
      Out.push_back(llvm::sys::path::stem(P).str());
  }
  std::sort(Out.begin(), Out.end());
  return Out;
}

/// The environment directory, as cppetc compile derives it: ENV for a
/// manifest ENV/manifests/site.pp (or ENV/manifests/).
std::string environmentDir(const std::string &Manifest) {
  llvm::SmallString<256> Dir(Manifest);
  llvm::sys::fs::make_absolute(Dir);
  if (!llvm::sys::fs::is_directory(Dir))
    llvm::sys::path::remove_filename(Dir);
  if (llvm::sys::path::filename(Dir) != "manifests")
    return "";
  llvm::sys::path::remove_filename(Dir);
  return Dir.str().str();
}

} // namespace

int main(int Argc, char **Argv) {
  Args A;
  if (!parseArgs(Argc, Argv, A)) {
    usage();
    return 3;
  }
  if (A.Nodes.empty() && !A.FactsDir.empty())
    A.Nodes = nodesInFactsDir(A.FactsDir);
  if (A.Nodes.empty())
    A.Nodes.push_back("web01.test.com");

  llvm::raw_ostream &OS = llvm::outs();
  std::vector<NodeStats> Stats;
  for (const std::string &N : A.Nodes) {
    NodeStats S;
    S.Name = N;
    S.FactsFromFile = !A.FactsDir.empty() &&
                      readFacts(A.FactsDir + "/" + N + ".json", S.Facts);
    if (!S.FactsFromFile)
      S.Facts = minimalFacts(N, A.BenchRoot);
    Stats.push_back(std::move(S));
  }

  long RssStart = peakRssKb();
  auto TSetup = Clock::now();
  SourceManager SM;
  EnvironmentConfig Config;
  Config.Manifest = A.Manifest;
  llvm::SmallVector<llvm::StringRef, 4> Dirs;
  llvm::StringRef(A.ModulePath).split(Dirs, ':', -1, false);
  for (llvm::StringRef D : Dirs)
    Config.ModulePath.push_back(D.str());
  Environment Env(Config, SM);
  std::string EnvDir = environmentDir(A.Manifest);
  Hiera SharedHiera(A.HieraConfig, EnvDir, [&Env](llvm::StringRef Name) {
    return Env.findModuleDir(Name);
  });
  bool MainOk;
  {
    DiagnosticEngine Diags(SM);
    MainOk = Env.loadMain(Diags);
    if (!MainOk)
      Diags.renderAll(llvm::errs(), DiagnosticStyle::CodeFrame);
  }
  double SetupMs = msSince(TSetup);
  unsigned FilesAfterMain = Env.getNumParsedFiles();

  OS << "cppet-compile-bench: " << Stats.size() << " node(s) x " << A.Repeat
     << " round(s); manifest " << A.Manifest << "; modulepath " << A.ModulePath
     << "\n";
  OS << "environment setup (loadMain): " << llvm::format("%.2f", SetupMs)
     << " ms, " << FilesAfterMain << " file(s) parsed"
     << (MainOk ? "" : " (with errors)") << "\n";
  for (const NodeStats &S : Stats)
    if (!S.FactsFromFile)
      OS << "note: no facts file for " << S.Name
         << "; using generated minimal facts\n";

  std::vector<double> RoundMs;
  unsigned FilesAfterFirst = 0;
  long RssAfterFirst = 0;
  unsigned TotalFailures = 0;
  auto TAll = Clock::now();
  for (unsigned R = 0; R < A.Repeat; ++R) {
    auto TRound = Clock::now();
    size_t RoundResources = 0;
    unsigned RoundFailures = 0;
    for (NodeStats &S : Stats) {
      DiagnosticEngine Diags(SM);
      Diags.setNodeName(S.Name);
      CompileOptions Opts;
      Opts.NodeName = S.Name;
      Opts.Facts = S.Facts;
      Opts.HieraConfig = A.HieraConfig;
      Opts.EnvironmentDir = EnvDir;
      Opts.HieraData = &SharedHiera;
      auto T0 = Clock::now();
      llvm::Expected<catalog::Catalog> Cat = compileCatalog(Env, Opts, Diags);
      double Ms = msSince(T0);
      if (!Cat) {
        llvm::consumeError(Cat.takeError());
        ++S.Failures;
        ++RoundFailures;
        if (S.Failures == 1) { // show each node's first failure only
          llvm::errs() << "compile of " << S.Name << " failed (round " << R + 1
                       << "):\n";
          unsigned Shown = 0;
          for (const Diagnostic &D : Diags.getDiagnostics())
            if (D.Level == Severity::Error && Shown++ < 5)
              Diags.render(llvm::errs(), D, DiagnosticStyle::OneLine);
        }
        continue;
      }
      S.Ms.push_back(Ms);
      if (!S.Ms.empty() && S.Resources && S.Resources != Cat->Resources.size())
        S.ResourceCountStable = false;
      S.Resources = Cat->Resources.size();
      S.Edges = Cat->Edges.size();
      RoundResources += S.Resources;
      if (A.Serialize) {
        auto TJ = Clock::now();
        std::string Text = Cat->toJson().dump();
        S.JsonMs.push_back(msSince(TJ));
        S.JsonBytes = Text.size();
      }
    }
    double Ms = msSince(TRound);
    RoundMs.push_back(Ms);
    TotalFailures += RoundFailures;
    if (R == 0) {
      FilesAfterFirst = Env.getNumParsedFiles();
      RssAfterFirst = peakRssKb();
    }
    if (!A.Quiet || R == 0 || R + 1 == A.Repeat)
      OS << "round " << llvm::format("%3u", R + 1) << ": "
         << llvm::format("%9.2f", Ms) << " ms  (" << Stats.size() << " nodes, "
         << RoundResources << " resources"
         << (RoundFailures ? ", " + std::to_string(RoundFailures) + " FAILED"
                           : std::string())
         << "; files parsed so far " << Env.getNumParsedFiles() << "; peak RSS "
         << peakRssKb() / 1024 << " MB)\n";
  }
  double AllMs = msSince(TAll);
  unsigned FilesAfterLast = Env.getNumParsedFiles();
  long RssPeak = peakRssKb();
  long RssNow = currentRssKb();

  // Per-node table.
  OS << "\n| node | resources | edges | first compile ms | median ms (rounds "
        "2..N) | min ms |"
     << (A.Serialize ? " json ms (median) | json bytes |" : "")
     << " failures | facts |\n";
  OS << "|---|---|---|---|---|---|" << (A.Serialize ? "---|---|" : "")
     << "---|---|\n";
  std::vector<double> AllWarm;
  size_t SumResources = 0;
  for (const NodeStats &S : Stats) {
    std::vector<double> Warm;
    if (S.Ms.size() > 1)
      Warm.assign(S.Ms.begin() + 1, S.Ms.end());
    AllWarm.insert(AllWarm.end(), Warm.begin(), Warm.end());
    SumResources += S.Resources;
    OS << "| " << S.Name << " | " << S.Resources << " | " << S.Edges << " | "
       << (S.Ms.empty() ? std::string("-")
                        : llvm::formatv("{0:f2}", S.Ms.front()).str())
       << " | "
       << (Warm.empty() ? std::string("-")
                        : llvm::formatv("{0:f2}", median(Warm)).str())
       << " | "
       << (S.Ms.empty() ? std::string("-")
                        : llvm::formatv("{0:f2}", minOf(S.Ms)).str())
       << " |";
    if (A.Serialize)
      OS << " "
         << (S.JsonMs.empty() ? std::string("-")
                              : llvm::formatv("{0:f2}", median(S.JsonMs)).str())
         << " | " << S.JsonBytes << " |";
    OS << " " << S.Failures << " | " << (S.FactsFromFile ? "file" : "generated")
       << " |\n";
  }

  bool Reparsed = FilesAfterFirst != FilesAfterLast;
  OS << "\nfiles parsed: " << FilesAfterMain << " after loadMain, "
     << FilesAfterFirst << " after round 1, " << FilesAfterLast
     << " after round " << A.Repeat
     << (Reparsed ? "  <-- MISMATCH: files were parsed again"
                  : "  (equal: parsed once per environment)")
     << "\n";
  OS << "total: " << llvm::format("%.2f", AllMs) << " ms for "
     << Stats.size() * A.Repeat << " compiles (" << TotalFailures
     << " failed); median round " << llvm::format("%.2f", median(RoundMs))
     << " ms; first round "
     << llvm::format("%.2f", RoundMs.empty() ? 0.0 : RoundMs.front())
     << " ms; median warm compile per node "
     << (AllWarm.empty() ? std::string("-")
                         : llvm::formatv("{0:f2}", median(AllWarm)).str())
     << " ms\n";
  OS << "peak RSS: " << RssPeak / 1024 << " MB (" << RssPeak
     << " kB); at start " << RssStart << " kB, after round 1 " << RssAfterFirst
     << " kB, current at exit " << RssNow << " kB\n";
  OS.flush();

  if (!A.JsonOut.empty()) {
    catalog::Json J = catalog::Json::object();
    J["manifest"] = A.Manifest;
    J["modulepath"] = A.ModulePath;
    J["repeat"] = A.Repeat;
    J["setup_ms"] = SetupMs;
    J["files_after_main"] = FilesAfterMain;
    J["files_after_first_round"] = FilesAfterFirst;
    J["files_after_last_round"] = FilesAfterLast;
    J["round_ms"] = RoundMs;
    J["total_ms"] = AllMs;
    J["median_round_ms"] = median(RoundMs);
    J["median_warm_compile_ms"] = median(AllWarm);
    J["compiles"] = Stats.size() * A.Repeat;
    J["failures"] = TotalFailures;
    J["peak_rss_kb"] = RssPeak;
    J["rss_after_first_round_kb"] = RssAfterFirst;
    J["resources_all_nodes"] = SumResources;
    catalog::Json Nodes = catalog::Json::array();
    for (const NodeStats &S : Stats) {
      std::vector<double> Warm;
      if (S.Ms.size() > 1)
        Warm.assign(S.Ms.begin() + 1, S.Ms.end());
      catalog::Json N = catalog::Json::object();
      N["node"] = S.Name;
      N["resources"] = S.Resources;
      N["edges"] = S.Edges;
      N["ms"] = S.Ms;
      N["first_ms"] = S.Ms.empty() ? catalog::Json() : catalog::Json(S.Ms[0]);
      N["median_warm_ms"] =
          Warm.empty() ? catalog::Json() : catalog::Json(median(Warm));
      N["min_ms"] = S.Ms.empty() ? catalog::Json() : catalog::Json(minOf(S.Ms));
      if (A.Serialize) {
        N["json_median_ms"] = median(S.JsonMs);
        N["json_bytes"] = S.JsonBytes;
      }
      N["failures"] = S.Failures;
      N["resource_count_stable"] = S.ResourceCountStable;
      N["facts"] = S.FactsFromFile ? "file" : "generated";
      Nodes.push_back(std::move(N));
    }
    J["nodes"] = std::move(Nodes);
    std::error_code EC;
    llvm::raw_fd_ostream Out(A.JsonOut, EC);
    if (EC) {
      llvm::errs() << "error: cannot write " << A.JsonOut << ": "
                   << EC.message() << "\n";
    } else {
      Out << J.dump(2) << "\n";
    }
  }

  if (TotalFailures)
    return 1;
  if (Reparsed)
    return 2;
  return 0;
}
