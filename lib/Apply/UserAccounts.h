//===- UserAccounts.h - Account files and the shadow tools ------*- C++ -*-===//
//
// What the user and group types (useradd and groupadd providers) share: the
// account files they read the current state from (/etc/passwd, /etc/group,
// /etc/shadow, parsed rather than asked through getpwnam, so that a chroot
// or a test host is read as it is, without NSS caches), and the argument
// vectors of the shadow tools that change them. The types never edit the
// account files themselves.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_LIB_APPLY_USERACCOUNTS_H
#define CPPET_LIB_APPLY_USERACCOUNTS_H

#include "cppet/Apply/ResourceType.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cppet::apply {

/// One line of /etc/passwd.
struct PasswdEntry {
  std::string Name;
  std::string Password; // usually "x": the hash is in /etc/shadow
  int64_t Uid = 0;
  int64_t Gid = 0;
  std::string Gecos;
  std::string Home;
  std::string Shell;
};

/// One line of /etc/group.
struct GroupEntry {
  std::string Name;
  std::string Password;
  int64_t Gid = 0;
  std::vector<std::string> Members;
};

/// One line of /etc/shadow. Empty numeric fields are -1, as getspnam(3)
/// reports them (and Puppet shows them).
struct ShadowEntry {
  std::string Name;
  std::string Password;
  int64_t LastChange = -1;
  int64_t MinAge = -1;
  int64_t MaxAge = -1;
  int64_t WarnDays = -1;
  int64_t Inactive = -1;
  int64_t Expire = -1; // days since 1970-01-01
};

/// Parsers of the account files. Lines that do not have the file's shape
/// (wrong field count, a non-numeric id, NIS "+"/"-" entries, comments) are
/// skipped: one odd line must not make every account unreadable.
std::vector<PasswdEntry> parsePasswd(llvm::StringRef Text);
std::vector<GroupEntry> parseGroup(llvm::StringRef Text);
std::vector<ShadowEntry> parseShadow(llvm::StringRef Text);

/// Where the account files are; tests point them at fixtures.
struct AccountFiles {
  std::string Passwd = "/etc/passwd";
  std::string Group = "/etc/group";
  std::string Shadow = "/etc/shadow";
};

/// The parsed account files at one moment.
class AccountDatabase {
public:
  /// Reads the files. A missing passwd or group file is an error; a missing
  /// or unreadable shadow file reads as empty (no passwords known).
  static llvm::Expected<AccountDatabase> load(const AccountFiles &Files);
  static AccountDatabase fromText(llvm::StringRef Passwd, llvm::StringRef Group,
                                  llvm::StringRef Shadow);

  const PasswdEntry *user(llvm::StringRef Name) const;
  const GroupEntry *group(llvm::StringRef Name) const;
  const ShadowEntry *shadow(llvm::StringRef Name) const;
  /// The groups listing User as a member, in file order (the supplementary
  /// groups; the primary group only when it lists the user too).
  std::vector<std::string> groupsOf(llvm::StringRef User) const;
  /// A group given by number (returned as it is) or by name (its gid);
  /// std::nullopt when no group has that name.
  std::optional<int64_t> resolveGid(llvm::StringRef NameOrId) const;

  const std::vector<PasswdEntry> &users() const { return Users; }
  const std::vector<GroupEntry> &groups() const { return Groups; }

private:
  std::vector<PasswdEntry> Users;
  std::vector<GroupEntry> Groups;
  std::vector<ShadowEntry> Shadows;
};

/// "YYYY-MM-DD" of a count of days since 1970-01-01 (shadow's expiry).
std::string daysToDate(int64_t Days);

/// Name resolved to the absolute path of the tool in PATH or the usual
/// sbin/bin directories (Name itself when not found: running it then fails
/// with "could not find command").
std::string toolPath(llvm::StringRef Name);

/// Runs Argv through Ctx (never a shell), feeding Stdin. A program that
/// cannot start or exits non-zero is an error, worded as Puppet words it:
/// "Execution of 'useradd -u 1500 alice' returned 9: useradd: ...".
llvm::Error runTool(Context &Ctx, const std::vector<std::string> &Argv,
                    const std::string &Stdin = "");

//===--------------------------------------------------------------------===//
// Command lines of the useradd and groupadd providers (argv[0] is the bare
// tool name; the types resolve it with toolPath()).
//===--------------------------------------------------------------------===//

/// useradd for a user resource, as Puppet builds it: "-g NAME" when no gid
/// is given and a group named like the user exists, then the properties in
/// Puppet's (alphabetical) order: -c comment, -e expiry, -g gid, -G groups,
/// -d home, -s shell, -u uid; then -o (allowdupe), -m or -M (managehome), -r
/// (system) and the name. The password is never on a command line (it is
/// set with chpasswd through stdin), nor are the password ages (chage).
std::vector<std::string> useraddArgv(const ResourceView &R,
                                     const AccountDatabase &Db,
                                     llvm::StringRef Groups);
/// usermod FLAG VALUE [-o] NAME (-o after -u when allowdupe is set).
std::vector<std::string>
usermodArgv(const ResourceView &R, llvm::StringRef Flag, llvm::StringRef Value);
/// userdel [-r] NAME (-r when managehome is set).
std::vector<std::string> userdelArgv(const ResourceView &R);
/// chpasswd -e, and the line it reads from stdin: "NAME:HASH\n".
std::vector<std::string> chpasswdArgv();
std::string chpasswdInput(llvm::StringRef User, llvm::StringRef Hash);
/// chage with the password ages the resource sets (-m, -M, -W); empty when
/// it sets none.
std::vector<std::string> chageArgv(const ResourceView &R);

/// groupadd [-g GID] [-o] [-r] NAME.
std::vector<std::string> groupaddArgv(const ResourceView &R);
/// groupmod -g GID [-o] NAME.
std::vector<std::string> groupmodGidArgv(const ResourceView &R,
                                         llvm::StringRef Gid);
/// groupdel NAME.
std::vector<std::string> groupdelArgv(const ResourceView &R);
/// gpasswd -M a,b,c NAME: sets the member list.
std::vector<std::string>
gpasswdMembersArgv(const ResourceView &R,
                   const std::vector<std::string> &Members);

/// The user and group types reading the given files (tests use fixtures;
/// makeUserType()/makeGroupType() read /etc).
std::unique_ptr<ResourceType> makeUserType(const AccountFiles &Files);
std::unique_ptr<ResourceType> makeGroupType(const AccountFiles &Files);

} // namespace cppet::apply

#endif // CPPET_LIB_APPLY_USERACCOUNTS_H
