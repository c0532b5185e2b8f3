//===- LookupCommand.cpp - cppetc lookup ----------------------------------===//
//
// `cppetc lookup KEY... --node NODE [--facts FILE] [--merge ...]
// [--explain]`: Hiera data of a node as `puppet lookup` shows it, without a
// compile: the first key with a value, as YAML (or --render-as json / s);
// --explain prints which layers, hierarchy levels and files were searched
// and which answered. Exit 1 when no key has a value (and no --default)
// unless explaining.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"

#include "cppet/Compile/Compiler.h"

#include "llvm/Support/raw_ostream.h"

using namespace cppet;
using namespace cppetc;

namespace {

struct LookupArgs {
  std::vector<std::string> Keys;
  std::string Node;
  std::string Facts;
  std::string Manifest = "manifests/site.pp";
  std::string ModulePath = "modules";
  std::string HieraConfig;
  std::string Environment = "production";
  std::string Merge;
  std::string KnockoutPrefix;
  bool SortMergedArrays = false;
  bool MergeHashArrays = false;
  bool Explain = false;
  std::string RenderAs = "yaml";
  std::optional<std::string> Default;
};

int runLookup(const LookupArgs &A) {
  catalog::Json Facts = catalog::Json::object();
  if (!A.Facts.empty() && !readFactsFile(A.Facts, Facts))
    return 1;
  MergeStrategy Merge;
  if (!A.Merge.empty()) {
    std::optional<MergeStrategy> M = Hiera::parseMerge(Value(A.Merge));
    if (!M) {
      llvm::errs() << "error: unknown merge strategy '" << A.Merge
                   << "' (first, unique, hash or deep)\n";
      return 2;
    }
    Merge = *M;
    Merge.Explicit = true;
  }
  if (Merge.K == MergeStrategy::Deep) {
    // As `puppet lookup` passes them (and --explain shows them).
    Merge.SortMergedArrays = A.SortMergedArrays;
    Merge.MergeHashArrays = A.MergeHashArrays;
    Merge.KnockoutPrefix = A.KnockoutPrefix;
    Merge.GivenOptions = {{"sort_merged_arrays", Value(A.SortMergedArrays)},
                          {"merge_hash_arrays", Value(A.MergeHashArrays)}};
    if (!A.KnockoutPrefix.empty())
      Merge.GivenOptions.emplace_back("knockout_prefix",
                                      Value(A.KnockoutPrefix));
  }

  LocalCompileSettings Settings;
  Settings.Manifest = A.Manifest;
  Settings.ModulePath = A.ModulePath;
  Settings.HieraConfig = A.HieraConfig;
  Settings.Environment = A.Environment;
  std::string Explanation, Error;
  std::optional<Value> Found =
      lookupLocal(Settings, A.Node, Facts, A.Keys, Merge,
                  A.Explain ? &Explanation : nullptr, Error);
  llvm::outs() << Explanation;
  if (!Error.empty()) {
    // As `puppet lookup`: the explanation ends with why the lookup failed;
    // without --explain the failure is the exit code (and a message here).
    if (A.Explain) {
      llvm::outs() << Error << "\n";
      return 0;
    }
    llvm::errs() << "Error: " << Error << "\n";
    return 1;
  }
  if (!Found && A.Default)
    Found = Value(*A.Default);
  if (!Found) {
    // With --explain, not finding a value is an answer (exit 0).
    if (A.Explain) {
      if (A.Keys.size() == 1) {
        llvm::outs() << "Function lookup() did not find a value for the name '"
                     << A.Keys[0] << "'\n";
      } else {
        llvm::outs() << "Function lookup() did not find a value for any of "
                        "the names [";
        for (size_t I = 0; I < A.Keys.size(); ++I)
          llvm::outs() << (I ? ", " : "") << "'" << A.Keys[I] << "'";
        llvm::outs() << "]\n";
      }
    }
    return A.Explain ? 0 : 1;
  }
  if (!A.Explain) {
    std::string Out = renderLookupValue(*Found, A.RenderAs);
    llvm::outs() << Out;
    if (Out.empty() || Out.back() != '\n')
      llvm::outs() << "\n";
  }
  return 0;
}

} // namespace

CommandRunner cppetc::registerLookupCommand(CLI::App &App) {
  auto A = std::make_shared<LookupArgs>();
  App.add_option("keys", A->Keys, "the keys to look up (the first found wins)")
      ->required();
  App.add_option("--node", A->Node, "the node's certname")->required();
  App.add_option("--facts", A->Facts, "the node's facts (a JSON file)");
  App.add_option("--manifest", A->Manifest,
                 "the main manifest; in ENV/manifests/, ENV/hiera.yaml is the "
                 "environment layer (default manifests/site.pp)");
  App.add_option("--modulepath", A->ModulePath,
                 "colon-separated module directories (default modules)");
  App.add_option("--hiera-config", A->HieraConfig, "the global hiera.yaml");
  App.add_option("--environment", A->Environment,
                 "the environment name (default production)");
  App.add_option("--merge", A->Merge,
                 "merge strategy: first, unique, hash or deep");
  App.add_option("--knock-out-prefix", A->KnockoutPrefix,
                 "deep merge: the prefix that removes a value");
  App.add_flag("--sort-merged-arrays", A->SortMergedArrays,
               "deep merge: sort merged arrays");
  App.add_flag("--merge-hash-arrays", A->MergeHashArrays,
               "deep merge: merge hashes inside arrays");
  App.add_flag("--explain", A->Explain,
               "explain which layers, hierarchy levels and files were "
               "searched and which answered");
  App.add_option("--render-as", A->RenderAs,
                 "how to print the value: yaml (default), json or s")
      ->check(CLI::IsMember({"yaml", "json", "s"}));
  App.add_option_function<std::string>(
      "--default", [A](const std::string &V) { A->Default = V; },
      "the value when no key has one");
  return [A] { return runLookup(*A); };
}
