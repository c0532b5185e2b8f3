//===- SemVer.h - Semantic versions and version ranges ----------*- C++ -*-===//
//
// Private to lib/Compile: the values behind Puppet's SemVer and SemVerRange
// types, with SemanticPuppet's rules (semver 2.0 precedence; ranges as
// `>=1.0.0 <2.0.0`, `1.x`, `~> 1.2`, `^1.2.3`, `1.0 - 2.0`, `a || b`).
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_LIB_COMPILE_SEMVER_H
#define CPPET_LIB_COMPILE_SEMVER_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cppet {
namespace semver {

struct Version {
  int64_t Major = 0, Minor = 0, Patch = 0;
  std::vector<std::string> Prerelease; // dot-separated identifiers
  std::string Build;

  /// "1.2.3-rc.1+b5".
  std::string toString() const;
};

/// Parses a full version "MAJOR.MINOR.PATCH[-PRE][+BUILD]".
std::optional<Version> parseVersion(llvm::StringRef Text);
/// semver 2.0 precedence (the build is ignored): -1, 0 or 1.
int compare(const Version &A, const Version &B);

/// A union of intervals of versions.
class Range {
public:
  /// Parses SemanticPuppet's range syntax; nullopt when it is not one.
  static std::optional<Range> parse(llvm::StringRef Text);
  bool includes(const Version &V) const;

private:
  struct Bound {
    Version V;
    bool Inclusive = true;
  };
  struct Interval {
    std::optional<Bound> Min, Max;
  };
  std::vector<Interval> Alternatives; // each: the intersection of its bounds
};

} // namespace semver
} // namespace cppet

#endif
