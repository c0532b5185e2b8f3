//===- FactsCommand.cpp - `cppet-agent facts` -----------------------------===//
#include "Commands.h"

#include "cppet/Catalog/Catalog.h"
#include "cppet/Facts/Facts.h"

#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>

using namespace cppet;

namespace {
struct FactsArgs {
  bool Json = false;
  bool Yaml = false;
  bool NoExternal = false;
  std::vector<std::string> ExternalDirs;
  std::vector<std::string> Names;
};

int runFacts(const FactsArgs &Args) {
  facts::FactOptions Options;
  if (!Args.ExternalDirs.empty() || Args.NoExternal)
    Options.ExternalDirs = Args.ExternalDirs;
  std::vector<std::string> Warnings;
  auto Facts = facts::collectFacts(Options, &Warnings);
  for (const std::string &W : Warnings)
    llvm::WithColor::warning(llvm::errs(), "cppet-agent") << W << "\n";
  if (!Facts) {
    llvm::WithColor::error(llvm::errs(), "cppet-agent")
        << llvm::toString(Facts.takeError()) << "\n";
    return 1;
  }
  catalog::Json Out = catalog::Json::object();
  if (Args.Names.empty()) {
    Out = std::move(*Facts);
  } else {
    for (const std::string &Name : Args.Names) {
      const catalog::Json *V = facts::lookupFact(*Facts, Name);
      Out[Name] = V ? *V : catalog::Json();
    }
  }
  llvm::raw_ostream &OS = llvm::outs();
  if (Args.Json) {
    OS << Out.dump(2) << "\n";
  } else if (Args.Yaml) {
    OS << facts::toYaml(Out);
  } else if (Args.Names.size() == 1) {
    OS << facts::formatFactValue(Out.begin().value()) << "\n";
  } else if (!Args.Names.empty()) {
    for (auto It = Out.begin(); It != Out.end(); ++It)
      OS << It.key() << " => " << facts::formatFactValue(It.value()) << "\n";
  } else {
    // Without a format, the whole set prints like `facter`: name => value.
    for (auto It = Out.begin(); It != Out.end(); ++It)
      OS << It.key() << " => " << facts::formatFactValue(It.value()) << "\n";
  }
  return 0;
}
} // namespace

namespace cppet_agent {
CommandRunner registerFactsCommand(CLI::App &Sub) {
  auto Args = std::make_shared<FactsArgs>();
  auto *Json = Sub.add_flag("--json", Args->Json, "print the facts as JSON");
  Sub.add_flag("--yaml", Args->Yaml, "print the facts as YAML")->excludes(Json);
  Sub.add_option("--external-dir", Args->ExternalDirs,
                 "a facts.d folder of external facts (repeatable; replaces "
                 "the default folders)")
      ->allow_extra_args(false);
  Sub.add_flag("--no-external-facts", Args->NoExternal,
               "do not read external facts");
  Sub.add_option("names", Args->Names,
                 "facts to print; dotted names dig into structured facts");
  return [Args] {
    if (Args->NoExternal)
      Args->ExternalDirs.clear();
    return runFacts(*Args);
  };
}
} // namespace cppet_agent
