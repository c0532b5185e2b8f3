//===- Settings.h - Puppet-compatible settings ------------------*- C++ -*-===//
//
// A model of Puppet's settings as cppet uses them: a table of definitions
// (name, section, default, description), an INI reader for cppet.conf and
// puppet.conf, and lookup with Puppet's precedence: the command line, then
// the run mode's section ([server] or [agent]), then [main], then the
// default. Values interpolate other settings as `$name` or `${name}`.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_SUPPORT_SETTINGS_H
#define CPPET_SUPPORT_SETTINGS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <utility>
#include <vector>

namespace cppet {

/// Which program reads the settings; picks the section searched after the
/// command line: [agent], [server] or [user].
enum class RunMode { User, Agent, Server };

/// "user", "agent" or "server": the section name and `$run_mode`.
llvm::StringRef runModeName(RunMode Mode);

struct SettingDefinition {
  const char *Name;
  /// The section the setting belongs to in a generated configuration:
  /// "main", "server" or "agent".
  const char *Section;
  /// The default, before interpolation; computed defaults (certname) are
  /// empty here and filled in by Settings.
  const char *Default;
  const char *Description;
};

/// Every setting cppet knows, in a stable order.
llvm::ArrayRef<SettingDefinition> settingDefinitions();

/// The definition of \p Name, after resolving aliases (masterport is
/// serverport); null if unknown.
const SettingDefinition *findSetting(llvm::StringRef Name);

/// Whether \p Def takes only `true` or `false` (its default is one of them);
/// the tools make these flags (`--noop`, `--no-noop`).
bool isBooleanSetting(const SettingDefinition &Def);

/// This host's fully qualified name, lower-cased (certname's default).
std::string hostFqdn();

class Settings {
public:
  explicit Settings(RunMode Mode);

  RunMode mode() const { return Mode; }

  /// Reads cppet.conf / puppet.conf text. Sections: [main], [server] (and
  /// its old name [master]), [agent], [user]. A line that is not
  /// `name = value`, a comment or a section header, and an unknown section,
  /// are errors naming \p FileName:line. Unknown setting names are kept out
  /// and reported in \p Warnings.
  llvm::Error parse(llvm::StringRef Text, llvm::StringRef FileName,
                    std::vector<std::string> &Warnings);

  /// Reads the file at \p Path with parse().
  llvm::Error readFile(llvm::StringRef Path,
                       std::vector<std::string> &Warnings);

  /// A `--NAME VALUE` from the command line: wins over every file section.
  /// Fails for an unknown name.
  llvm::Error setCommandLine(llvm::StringRef Name, llvm::StringRef Value);

  /// The interpolated value of \p Name as seen from \p Section ("main",
  /// "agent", "server", "user"; empty: the run mode's section).
  llvm::Expected<std::string> get(llvm::StringRef Name,
                                  llvm::StringRef Section = "") const;

  /// Whether \p Name was given on the command line or in the file (in
  /// \p Section or [main]), rather than left at its default.
  bool isSet(llvm::StringRef Name, llvm::StringRef Section = "") const;

  /// Prints `name = value` lines for \p Names (every setting, sorted, if
  /// empty), or just the value when one name is asked for, as
  /// `puppet config print` does.
  llvm::Error print(llvm::raw_ostream &OS, llvm::ArrayRef<std::string> Names,
                    llvm::StringRef Section = "") const;

  /// The path of the configuration file: the `config` setting
  /// ($confdir/cppet.conf unless given), as set on the command line.
  llvm::Expected<std::string> configFile() const;

private:
  llvm::Expected<std::string> lookup(llvm::StringRef Name,
                                     llvm::StringRef Section,
                                     std::vector<std::string> &Resolving) const;
  llvm::Expected<std::string>
  interpolate(llvm::StringRef Raw, llvm::StringRef Section,
              std::vector<std::string> &Resolving) const;

  RunMode Mode;
  llvm::StringMap<std::string> CommandLine;
  /// Section name -> setting name -> raw value.
  llvm::StringMap<llvm::StringMap<std::string>> Sections;
};

/// The settings of a program run in \p Mode: the command-line values
/// (name, value) first, then the configuration file they name (`config`,
/// default $confdir/cppet.conf). A missing file is fine unless `config` was
/// given explicitly.
llvm::Expected<Settings>
loadSettings(RunMode Mode,
             llvm::ArrayRef<std::pair<std::string, std::string>> CommandLine,
             std::vector<std::string> &Warnings);

/// A complete configuration file: every setting with its description and
/// default, grouped by section; the certname line, computed per host, is
/// commented out. Reading it back gives the defaults.
void writeDefaultConfig(llvm::raw_ostream &OS);

} // namespace cppet

#endif // CPPET_SUPPORT_SETTINGS_H
