//===- ConfigPrint.cpp - `config print`, shared by the tools --------------===//
//
// Prints settings as `puppet config print` does: every setting, the named
// ones as `name = value` lines, or one value alone.
//
//===----------------------------------------------------------------------===//
#include "ConfigPrint.h"

#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <memory>

using namespace cppet;

namespace {

struct ConfigArgs {
  std::vector<std::string> Names;
  std::string Section;
  /// One entry per setting (and alias); filled by `--NAME VALUE`.
  std::map<std::string, std::string> Values;
  /// Boolean settings are flags, as in Puppet: `--noop`, `--no-noop`.
  std::map<std::string, bool> Flags;
  std::map<std::string, CLI::Option *> Options;
};

/// `--NAME VALUE` for every setting and alias; `--NAME` / `--no-NAME` for
/// the boolean ones.
void addSettingOptions(CLI::App &Sub, ConfigArgs &Args) {
  auto Add = [&](const std::string &Name, const char *Help) {
    if (isBooleanSetting(*findSetting(Name))) {
      Args.Options[Name] =
          Sub.add_flag("--" + Name + ",!--no-" + Name, Args.Flags[Name], Help)
              ->group("Settings");
      return;
    }
    Args.Options[Name] =
        Sub.add_option("--" + Name, Args.Values[Name], Help)->group("Settings");
  };
  for (const SettingDefinition &D : settingDefinitions())
    Add(D.Name, D.Description);
  Add("masterport", "the old name of serverport");
}

int runPrint(const ConfigArgs &Args, RunMode Mode, const char *Tool) {
  std::vector<std::pair<std::string, std::string>> CommandLine;
  for (const auto &[Name, Opt] : Args.Options)
    if (Opt->count())
      CommandLine.emplace_back(Name,
                               Args.Flags.count(Name)
                                   ? (Args.Flags.at(Name) ? "true" : "false")
                                   : Args.Values.at(Name));
  std::vector<std::string> Warnings;
  auto S = loadSettings(Mode, CommandLine, Warnings);
  for (const std::string &W : Warnings)
    llvm::WithColor::warning(llvm::errs(), Tool) << W << '\n';
  if (!S) {
    llvm::WithColor::error(llvm::errs(), Tool)
        << llvm::toString(S.takeError()) << '\n';
    return 1;
  }
  if (llvm::Error E = S->print(llvm::outs(), Args.Names, Args.Section)) {
    llvm::WithColor::error(llvm::errs(), Tool)
        << llvm::toString(std::move(E)) << '\n';
    return 1;
  }
  return 0;
}

} // namespace

std::function<int()> cppet_tools::registerConfigPrint(CLI::App &Sub,
                                                      RunMode Mode,
                                                      const char *Tool,
                                                      const char *SectionHelp) {
  auto Args = std::make_shared<ConfigArgs>();
  Sub.require_subcommand(1);
  CLI::App *Print = Sub.add_subcommand(
      "print", "print settings (all, or the named ones) as name = value");
  Print->add_option("names", Args->Names, "the settings to print");
  Print->add_option("--section", Args->Section, SectionHelp)
      ->check(CLI::IsMember({"main", "agent", "server", "master", "user"}));
  addSettingOptions(*Print, *Args);
  return [Args, Mode, Tool] { return runPrint(*Args, Mode, Tool); };
}
