//===- ParserFuzzer.cpp - libFuzzer entry point for the parsers -----------===//
//
// Feeds arbitrary bytes to parseManifest and parseEpp. Both must return
// (with diagnostics) on any input: no crash, no hang, no exception.
//
//===----------------------------------------------------------------------===//
#include "cppet/Parse/Parser.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Text(reinterpret_cast<const char *>(Data), Size);
  cppet::SourceManager SM;
  uint32_t Manifest = SM.addBuffer("fuzz.pp", Text);
  uint32_t Template = SM.addBuffer("fuzz.epp", Text);
  cppet::DiagnosticEngine Diags(SM);
  cppet::parseManifest(SM, Manifest, Diags);
  cppet::parseEpp(SM, Template, Diags);
  return 0;
}
