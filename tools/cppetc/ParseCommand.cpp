//===- ParseCommand.cpp - cppetc parse / check ----------------------------===//
#include "Commands.h"

using namespace cppetc;

CommandRunner cppetc::registerParseCommand(CLI::App &App) {
  return [] { return 1; };
}
CommandRunner cppetc::registerCheckCommand(CLI::App &App) {
  return [] { return 1; };
}
