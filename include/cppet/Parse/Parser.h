//===- Parser.h - Parse manifests and EPP templates into the AST ----------===//
#ifndef CPPET_PARSE_PARSER_H
#define CPPET_PARSE_PARSER_H

#include "cppet/AST/AST.h"
#include "cppet/Support/Diagnostics.h"

#include <memory>

namespace cppet {

/// Parses the manifest held by FileId in SM. Every syntax error in the file
/// is reported to Diags (id "syntax", message in Puppet's wording, e.g.
/// "Syntax error at 'message'", with the range of the offending token). On
/// errors the returned Program may be partial or null; callers check
/// Diags.hasErrors(). Never throws, never crashes on any input.
std::unique_ptr<ast::Program> parseManifest(const SourceManager &SM,
                                            uint32_t FileId,
                                            DiagnosticEngine &Diags);

/// Parses an EPP template: text, `<% %>` code, `<%= %>` renders, `<%# %>`
/// comments, `<%-`/`-%>` trimming, and an optional leading `<%- |$a, $b| -%>`
/// parameter list (Program::HasEppParams/EppParams). The body is a Block of
/// EppText / EppRender / ordinary statements.
std::unique_ptr<ast::Program> parseEpp(const SourceManager &SM, uint32_t FileId,
                                       DiagnosticEngine &Diags);

/// Drops the parser's prediction cache (ANTLR's DFA, shared by every parse
/// in the process and grown by each new input): for a process that has
/// parsed everything it will (a one-shot compile), or a long-running one
/// reloading its code. Later parses rebuild it as they go.
void releaseParserCaches();

/// Whether the parser answers the decisions a few tokens settle from its
/// build-time tables (the default) or leaves every decision to ANTLR's
/// adaptive prediction. Both parse alike; tests compare them.
void setTablePrediction(bool Enabled);

} // namespace cppet

#endif
