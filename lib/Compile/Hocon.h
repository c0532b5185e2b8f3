//===- Hocon.h - HOCON configuration files as Puppet values -----*- C++ -*-===//
//
// Private to lib/Compile: HOCON (Typesafe Config's format) read as the Ruby
// hocon gem (1.3) reads it for Puppet's hocon_data Hiera backend and stdlib's
// parsehocon: `Hocon::ConfigFactory.parse_string(text).resolve.root.unwrapped`.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_LIB_COMPILE_HOCON_H
#define CPPET_LIB_COMPILE_HOCON_H

#include "cppet/Compile/Value.h"

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace cppet {

/// Parses and resolves a HOCON document into a Hash: objects (the root's
/// braces optional), dotted keys, duplicate keys merging objects, arrays,
/// quoted, triple-quoted and unquoted strings, value concatenation,
/// numbers, booleans, null (undef), comments, `+=`, `${path}` and `${?path}`
/// substitutions (falling back to environment variables). `include` is not
/// supported. On failure returns nullopt and sets Error to the gem's
/// message ("String: 3: Expecting a value but got wrong token: '}' ...");
/// IsParseError (if given) tells whether the gem raises a ConfigParseError
/// (syntax, unresolved substitution) rather than another ConfigError.
std::optional<Value> parseHocon(llvm::StringRef Text, std::string &Error,
                                bool *IsParseError = nullptr);

} // namespace cppet

#endif
