//===- ServiceInit.h - The service type's providers, pure parts -*- C++ -*-===//
//
// What the service type decides without running anything: which provider
// a host uses (Puppet's confines: systemd when PID 1 is systemd, else the
// debian init-script provider), where an init script is, how systemctl
// is-enabled and invoke-rc.d --query answers read as Puppet's enable
// values, the rc links of a SysV service, the process table search of
// services without a status command, and the systemd unit list.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_LIB_APPLY_SERVICEINIT_H
#define CPPET_LIB_APPLY_SERVICEINIT_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace cppet::apply {
class ResourceType;
}

namespace cppet::apply::svc {

/// The service type of a host whose PID 1 is named Pid1Comm (what
/// makeServiceType() uses with /proc/1/comm; tests pass "systemd").
std::unique_ptr<ResourceType> makeServiceTypeFor(llvm::StringRef Pid1Comm);

enum class Provider {
  Systemd, // systemctl
  Debian,  // /etc/init.d scripts, `service NAME status`, update-rc.d
  Init,    // /etc/init.d scripts, no enable
  Base,    // start/stop/status commands or `binary` and a pattern
};

std::optional<Provider> parseProvider(llvm::StringRef Name);
llvm::StringRef providerName(Provider P);
/// Puppet's confine of the systemd provider: /proc/1/comm (Pid1Comm)
/// contains "systemd"; every other host gets the debian provider.
Provider defaultProvider(llvm::StringRef Pid1Comm);
/// Whether P may run on a host whose PID 1 is Pid1Comm ("Provider systemd
/// is not functional on this host" otherwise).
bool providerSuitable(Provider P, llvm::StringRef Pid1Comm);
/// Can enable/disable services (Puppet's enableable feature).
bool canEnable(Provider P);

/// The init script of Name: Name, then Name.sh, in the first directory of
/// Paths that has one (Puppet's init provider search).
llvm::Expected<std::string> findInitScript(llvm::ArrayRef<std::string> Paths,
                                           llvm::StringRef Name);

/// Puppet's systemd enabled?: `systemctl is-enabled` printed Output and
/// exited with Exit. Returns "true", "false" or "mask"; std::nullopt when
/// the answer is empty and failed, where Puppet asks invoke-rc.d instead.
std::optional<std::string> systemdEnabled(llvm::StringRef Output, int Exit,
                                          bool WantMask);
/// Puppet's systemd enabled_insync?: static units are in sync unless mask
/// is wanted, indirect ones always.
bool systemdEnableInSync(llvm::StringRef Output, llvm::StringRef Current,
                         llvm::StringRef Want);
/// Puppet's debian enabled?: invoke-rc.d --query NAME start exited with
/// QueryExit; StartLinks is the count of /etc/rc*.d/S??NAME.
std::string debianEnabled(int QueryExit, unsigned StartLinks);
/// The number of Etc/rc*.d/S??Name links (Etc is "/etc" on a host).
unsigned countStartLinks(llvm::StringRef Etc, llvm::StringRef Name);

/// The first process under ProcDir ("/proc") other than Self whose command
/// line (arguments joined by spaces) matches Pattern, a POSIX extended
/// regular expression. Fails when Pattern does not compile.
llvm::Expected<std::optional<pid_t>>
findProcess(llvm::StringRef ProcDir, llvm::StringRef Pattern, pid_t Self);

/// Unit names of `systemctl list-unit-files --type service --full --all
/// --no-pager` (Puppet's systemd instances).
std::vector<std::string> parseUnitFiles(llvm::StringRef Output);
/// Service names in Dirs (Puppet's init instances): executable files that
/// are not in Puppet's exclude list nor upstart-job links.
std::vector<std::string> initScripts(llvm::ArrayRef<std::string> Dirs);

} // namespace cppet::apply::svc

#endif // CPPET_LIB_APPLY_SERVICEINIT_H
