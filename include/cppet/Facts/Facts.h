//===- Facts.h - facter-compatible fact collection --------------*- C++ -*-===//
//
// collectFacts() gathers Facter 4's core structured facts (os, kernel,
// networking, processors, memory, disks, mountpoints, ...), the legacy flat
// facts Puppet 7 agents still send, external facts from facts.d folders and
// FACTER_<name> environment overrides, in that order of precedence (later
// wins). The parsers are exposed for unit tests over fixture text.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_FACTS_FACTS_H
#define CPPET_FACTS_FACTS_H

#include "cppet/Catalog/Catalog.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace cppet::facts {

using catalog::Json;

/// The facter version cppet's facts are compatible with.
inline constexpr const char *FacterVersion = "4.3.0";

struct FactOptions {
  /// facts.d folders read in order; a missing folder is not an error.
  /// cppet's, then facter 4's for root (Debian's packages drop external
  /// facts in /etc/facter/facts.d, e.g. openstacklib's os_service_default).
  std::vector<std::string> ExternalDirs = {
      "/etc/cppet/facts.d", "/etc/puppetlabs/facter/facts.d",
      "/etc/facter/facts.d", "/opt/puppetlabs/facter/facts.d"};
  /// Apply FACTER_<name> environment variables.
  bool UseEnvironment = true;
  /// Add the legacy flat facts (hostname, ipaddress, osfamily, ...).
  bool Legacy = true;
  /// How long an executable external fact may run before it is killed.
  std::chrono::milliseconds ExecTimeout{std::chrono::seconds(30)};
};

/// Collects all facts. Problems with a single source (an unreadable file, a
/// failing external fact) never lose the other facts: they are appended to
/// \p Warnings when given.
llvm::Expected<Json> collectFacts(const FactOptions &Options,
                                  std::vector<std::string> *Warnings = nullptr);

/// Looks up a dotted fact name (`os.release.major`; array elements by index).
/// Returns nullptr when it does not exist.
const Json *lookupFact(const Json &Facts, llvm::StringRef DottedName);

//===--- Parsers (pure functions over file contents) ----------------------===//

/// KEY=value lines of /etc/os-release (quotes and escapes removed).
std::map<std::string, std::string> parseOsRelease(llvm::StringRef Text);

struct MemInfo {
  uint64_t TotalBytes = 0;
  uint64_t AvailableBytes = 0;
  uint64_t SwapTotalBytes = 0;
  uint64_t SwapFreeBytes = 0;
};
/// /proc/meminfo (MemAvailable, or MemFree+Buffers+Cached on old kernels).
MemInfo parseMeminfo(llvm::StringRef Text);

struct CpuInfo {
  unsigned Count = 0;
  unsigned PhysicalCount = 0;
  /// Cores per socket and threads per core (0 when cpuinfo does not say).
  unsigned Cores = 0;
  unsigned Threads = 0;
  std::vector<std::string> Models;
  uint64_t SpeedHz = 0;
};
/// /proc/cpuinfo as Facter reads it.
CpuInfo parseCpuinfo(llvm::StringRef Text);

/// The domain of /etc/resolv.conf: its `domain` line, else the first
/// `search` entry; empty when neither exists.
std::string parseResolvConfDomain(llvm::StringRef Text);

/// key=value lines (external .txt facts and executable output). Blank lines
/// and lines without '=' are skipped; names are lowercased.
Json parseKeyValueFacts(llvm::StringRef Text);
/// A JSON object of facts.
llvm::Expected<Json> parseJsonFacts(llvm::StringRef Text);
/// A YAML mapping as JSON, scalars typed as YAML 1.2 core schema (keys kept
/// as written).
llvm::Expected<Json> parseYamlMapping(llvm::StringRef Text);
/// A YAML mapping of facts (parseYamlMapping, names lowercased).
llvm::Expected<Json> parseYamlFacts(llvm::StringRef Text);

/// Facter's human-readable byte size: "512 bytes", "1.50 KiB", "23.54 GiB".
std::string formatBytes(uint64_t Bytes);
/// Facter's hertz rendering: "2.60 GHz".
std::string formatHertz(uint64_t Hz);
/// Facter's used/total percentage: "1.93%", "0%", "100%".
std::string formatCapacity(uint64_t Used, uint64_t Total);
/// Facter's system_uptime hash for a number of seconds.
Json uptimeFacts(uint64_t Seconds);

//===--- Output -----------------------------------------------------------===//

/// Facts sorted by key at every level, as facter prints them.
Json sortedFacts(const Json &Facts);
/// YAML rendering of facts (`facter --yaml`).
std::string toYaml(const Json &Facts);
/// facter's plain rendering of one value: strings bare at top level, hashes
/// and arrays as `key => value` blocks.
std::string formatFactValue(const Json &Value);

} // namespace cppet::facts

#endif // CPPET_FACTS_FACTS_H
