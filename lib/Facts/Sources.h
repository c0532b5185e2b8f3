//===- Sources.h - the fact sources of lib/Facts (private) ------*- C++ -*-===//
#ifndef CPPET_LIB_FACTS_SOURCES_H
#define CPPET_LIB_FACTS_SOURCES_H

#include "cppet/Facts/Facts.h"

#include <optional>
#include <string>
#include <vector>

namespace cppet::facts::detail {

using Warnings = std::vector<std::string>;

/// The whole content of a (possibly /proc or /sys) file; nullopt when it
/// cannot be read.
std::optional<std::string> readFile(const std::string &Path);

/// Facter's release hash {full, major, minor?} of a dotted version.
Json releaseHash(const std::string &Version);

void addSystemFacts(Json &Facts, Warnings &W);
void addStorageFacts(Json &Facts, Warnings &W);
void addNetworkingFacts(Json &Facts, Warnings &W);
void addExternalFacts(Json &Facts, const FactOptions &Options, Warnings &W);

} // namespace cppet::facts::detail

#endif // CPPET_LIB_FACTS_SOURCES_H
