//===- HostsFile.h - /etc/hosts as Puppet's parsed provider sees it -*- C++
//-*-===//
//
// A hosts file is a sequence of lines; a line "IP NAME [ALIASES...] [#
// COMMENT]" is an entry (Puppet's host_core pattern), every other line is
// kept as text. Puppet's "# HEADER:" lines are dropped on reading and
// written anew. Lines nobody changes are written back exactly as read;
// changed and new entries are written in Puppet's format:
// "IP<TAB>NAME<TAB>ALIAS ALIAS<TAB># COMMENT".
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_LIB_APPLY_HOSTSFILE_H
#define CPPET_LIB_APPLY_HOSTSFILE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace cppet::apply {

struct HostEntry {
  std::string Ip;
  std::string Name;
  std::vector<std::string> Aliases;
  std::string Comment; // empty: none
};

struct HostsLine {
  std::optional<HostEntry> Entry;
  std::string Text; // the line as read
  bool Modified = false;
};

class HostsFile {
public:
  static HostsFile parse(llvm::StringRef Text);
  /// The file with Puppet's header (Now is its timestamp).
  std::string render(llvm::StringRef Now) const;

  /// The first line whose entry is named Name; null when none.
  HostsLine *find(llvm::StringRef Name);
  void append(HostEntry Entry);
  void remove(const HostsLine *Line);

  std::vector<HostsLine> Lines;
};

/// One entry in Puppet's format, without the newline.
std::string renderHostEntry(const HostEntry &E);
/// An entry line, or std::nullopt for comments, blank and other lines.
std::optional<HostEntry> parseHostLine(llvm::StringRef Line);

/// Puppet's checks: an IPv4 address (four numbers up to 255) or an IPv6
/// address (with an optional %zone), without newlines.
bool isValidHostIp(llvm::StringRef Ip);
/// Every dot-separated label is word characters, or word characters and
/// dashes that neither start nor end with a dash.
bool isValidHostName(llvm::StringRef Name);

/// Writes Text to Path the safe way: a temporary file in the same
/// directory, fsynced and renamed over Path, keeping the old file's mode and
/// owner (0644 root for a new file). When Path cannot be replaced because
/// it is a mount point (a bind-mounted /etc/hosts in a container), it is
/// rewritten in place instead.
llvm::Error writeHostsFile(llvm::StringRef Path, llvm::StringRef Text);

} // namespace cppet::apply

#endif // CPPET_LIB_APPLY_HOSTSFILE_H
