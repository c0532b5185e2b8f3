//===- Regex.h - Ruby-compatible regular expressions ----------------------===//
//
// A small RAII wrapper around Oniguruma configured with Ruby syntax and
// UTF-8 encoding, so `\A`, `\z`, `\h`, `(?<name>...)` and friends behave as
// they do in Puppet (which runs on Ruby).
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_COMPILE_REGEX_H
#define CPPET_COMPILE_REGEX_H

#include "llvm/ADT/StringRef.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cppet {

/// One successful match: the whole match, its byte offsets, and the capture
/// groups (index 0 is the whole match; groups that did not take part in the
/// match are nullopt).
struct RegexMatch {
  size_t Begin = 0;
  size_t End = 0;
  std::vector<std::optional<std::string>> Groups;
  const std::string &matched() const { return *Groups[0]; }
};

class Regex {
public:
  /// Compiles Pattern with Ruby syntax. On failure returns null and sets
  /// ErrorMessage (if given) to Oniguruma's description.
  static std::shared_ptr<const Regex>
  compile(llvm::StringRef Pattern, std::string *ErrorMessage = nullptr);
  ~Regex();
  Regex(const Regex &) = delete;
  Regex &operator=(const Regex &) = delete;

  const std::string &source() const { return Source; }
  /// Number of capture groups (not counting the whole match).
  unsigned numGroups() const;
  /// Names of named groups with their group numbers.
  std::vector<std::pair<std::string, unsigned>> groupNames() const;

  /// Searches Subject starting at byte offset Start.
  std::optional<RegexMatch> search(llvm::StringRef Subject,
                                   size_t Start = 0) const;
  bool matches(llvm::StringRef Subject) const {
    return search(Subject).has_value();
  }
  /// All non-overlapping matches, left to right (Ruby's scan).
  std::vector<RegexMatch> matchAll(llvm::StringRef Subject) const;
  /// Ruby's sub/gsub with a replacement string: `\0` / `\&` whole match,
  /// `\1`..`\9` groups, `\k<name>`, `\\` a backslash, `` \` `` pre-match,
  /// `\'` post-match.
  std::string substitute(llvm::StringRef Subject, llvm::StringRef Replacement,
                         bool Global) const;
  /// sub/gsub with a callback computing each replacement.
  std::string
  substitute(llvm::StringRef Subject,
             const std::function<std::string(const RegexMatch &)> &Replace,
             bool Global) const;
  /// Ruby's String#split(regexp): captures are included in the result and
  /// trailing empty fields removed.
  std::vector<std::string> split(llvm::StringRef Subject) const;

private:
  Regex() = default;
  std::string Source;
  void *Impl = nullptr; // OnigRegex
};

} // namespace cppet

#endif
