//===- PackageApt.h - dpkg/apt output parsing and commands ------*- C++ -*-===//
//
// The pure parts of the package type's apt and dpkg providers: parsing
// dpkg-query, apt-cache policy and apt-cache madison output, Debian version
// ordering and Puppet's version ranges (">1.0 <2.0"), and the argument
// vectors of the apt-get/dpkg commands, as Puppet 7's apt.rb and dpkg.rb
// build them. Nothing here runs a program; Package.cpp does.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_LIB_APPLY_PACKAGEAPT_H
#define CPPET_LIB_APPLY_PACKAGEAPT_H

#include "cppet/Catalog/Catalog.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cppet::apply::pkg {

/// The --showformat of every dpkg-query call (Puppet's, without the quotes
/// Puppet passes literally).
inline constexpr const char *DpkgQueryFormat =
    "${Status} ${Package} ${Version}\\n";

/// One package as dpkg knows it.
struct DpkgState {
  std::string Desired; // install, hold, deinstall, purge, unknown
  std::string Error;   // ok, reinstreq
  std::string Status;  // installed, config-files, not-installed, ...
  std::string Name;
  std::string Version; // empty when not installed

  /// Puppet's ensure value: the version when installed, "absent" when only
  /// configuration files (or a broken unpack) remain, "purged" when dpkg
  /// has no trace of it.
  std::string ensure() const;
  bool held() const { return Desired == "hold"; }
};

/// One line of `dpkg-query -W --showformat '${Status} ${Package}
/// ${Version}\n'`; std::nullopt when it does not have that shape.
std::optional<DpkgState> parseDpkgQueryLine(llvm::StringRef Line);
/// Every well-formed line of the output.
std::vector<DpkgState> parseDpkgQuery(llvm::StringRef Output);

/// `apt-cache policy NAME...`: the candidate version of each package that
/// apt knows ("" when its candidate is "(none)"). Packages apt does not know
/// are missing from the map. Names keep a ":arch" suffix when apt prints one.
std::map<std::string, std::string> parseAptCachePolicy(llvm::StringRef Output);

/// `apt-cache madison NAME`: the available versions, in the order printed.
std::vector<std::string> parseAptCacheMadison(llvm::StringRef Output);

/// A Debian version: [epoch:]upstream[-revision].
struct DebianVersion {
  unsigned long Epoch = 0;
  std::string Upstream;
  std::optional<std::string> Revision;

  /// Puppet's Debian version syntax; std::nullopt when V does not match it.
  static std::optional<DebianVersion> parse(llvm::StringRef V);
  /// Same epoch, upstream and revision (Puppet's eql?).
  bool operator==(const DebianVersion &O) const {
    return Epoch == O.Epoch && Upstream == O.Upstream && Revision == O.Revision;
  }
};

/// dpkg's ordering (dpkg --compare-versions): negative, zero or positive.
/// Text that is not a valid version is compared as an upstream version.
int compareDebianVersions(llvm::StringRef A, llvm::StringRef B);

/// Puppet's version ranges for apt: "1.0" (exactly), ">1.0", ">=1.0",
/// "<2.0", "<=2.0", or two of them separated by blanks (both must hold).
class VersionRange {
public:
  /// Fails when Text is not a range of Debian versions.
  static llvm::Expected<VersionRange> parse(llvm::StringRef Text);
  /// A single version without an operator.
  bool exact() const { return Bounds.size() == 1 && Bounds[0].Op.empty(); }
  bool includes(llvm::StringRef Version) const;

private:
  struct Bound {
    std::string Op; // "", ">", ">=", "<", "<="
    std::string Version;
    DebianVersion Parsed;
  };
  std::vector<Bound> Bounds;
};

/// The highest of Versions that Range includes; std::nullopt when none is.
std::optional<std::string>
bestVersion(const VersionRange &Range,
            const std::vector<std::string> &Versions);

/// install_options/uninstall_options as arguments: strings as they are,
/// hashes as KEY=VALUE. Fails on anything else (Puppet's wording).
llvm::Expected<std::vector<std::string>> packageOptions(const catalog::Json &V);

/// What an install needs to know.
struct InstallRequest {
  std::string Name;
  /// A version to pin (NAME=VERSION); empty installs the candidate.
  std::string Version;
  /// A .deb file (apt installs it instead of NAME; dpkg needs it).
  std::string Source;
  /// configfiles => replace (--force-confnew) instead of keep.
  bool ReplaceConfigFiles = false;
  std::vector<std::string> Options;
};

/// /usr/bin/apt-get -q -y -o DPkg::Options::=--force-confold
/// [--allow-downgrades] [OPTIONS] install NAME[=VERSION]|SOURCE
std::vector<std::string> aptInstallArgv(const InstallRequest &Req);
/// /usr/bin/apt-get -y -q [--allow-change-held-packages] remove [--purge]
/// NAME
std::vector<std::string> aptRemoveArgv(llvm::StringRef Name, bool Purge,
                                       bool Held);
/// /usr/bin/dpkg --force-confold|--force-confnew -i SOURCE
std::vector<std::string> dpkgInstallArgv(const InstallRequest &Req);
/// /usr/bin/dpkg-query -W --showformat FORMAT [NAME...]
std::vector<std::string> dpkgQueryArgv(const std::vector<std::string> &Names);

/// The environment of apt and dpkg commands: this process's environment
/// with DEBIAN_FRONTEND=noninteractive, APT_LISTBUGS_FRONTEND=none,
/// APT_LISTCHANGES_FRONTEND=none and the C locale (Puppet's
/// override_locale), so output is parseable and nothing prompts.
std::vector<std::string> aptEnvironment();

} // namespace cppet::apply::pkg

#endif // CPPET_LIB_APPLY_PACKAGEAPT_H
