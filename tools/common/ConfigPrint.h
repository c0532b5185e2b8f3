//===- ConfigPrint.h - `config print`, shared by the tools -------*- C++
//-*-===//
#ifndef CPPET_TOOLS_COMMON_CONFIGPRINT_H
#define CPPET_TOOLS_COMMON_CONFIGPRINT_H

#include "cppet/Support/Settings.h"

#include <CLI/CLI.hpp>

#include <functional>

namespace cppet_tools {
/// Adds `print [NAME...] [--section S] [--SETTING VALUE...]` to Sub (the
/// `config` subcommand) for the settings of Mode; returns its runner.
std::function<int()> registerConfigPrint(CLI::App &Sub, cppet::RunMode Mode,
                                         const char *Tool,
                                         const char *SectionHelp);
} // namespace cppet_tools

#endif // CPPET_TOOLS_COMMON_CONFIGPRINT_H
