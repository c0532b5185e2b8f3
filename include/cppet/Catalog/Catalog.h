//===- Catalog.h - The catalog IR and Puppet's catalog JSON ---------------===//
//
// The catalog is what the compiler produces and the agent applies: resources
// with plain-JSON parameters, containment edges, classes and tags. It is
// Puppet 7's catalog format (catalog_format 2); see
// shared/docs/puppet-wire-protocol.md section 3.1.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_CATALOG_CATALOG_H
#define CPPET_CATALOG_CATALOG_H

#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace cppet {
namespace catalog {

/// JSON with insertion-ordered objects: Puppet keeps hash key order.
using Json = nlohmann::ordered_json;

/// Puppet's resource `kind`: what the agent makes of the resource. With
/// catalog_format 2 Puppet's agent applies only compilable_type resources
/// as types and turns the others into containers.
enum class ResourceKind : uint8_t {
  None,           // not given (left out of the JSON)
  CompilableType, // a type implemented in Ruby (core or a module's)
  DefinedType,    // an instance of a defined type
  Unknown,        // classes, nodes
};

struct Resource {
  std::string Type; // capitalized: "File", "Class", "Mymod::Thing"
  std::string Title;
  std::vector<std::string> Tags; // lowercase, unique, in insertion order
  std::string File;              // empty for classes/stages
  unsigned Line = 0;
  bool Exported = false;
  Json Parameters = Json::object();
  std::vector<std::string> SensitiveParameters;
  ResourceKind Kind = ResourceKind::None;

  std::string ref() const { return Type + "[" + Title + "]"; }
};

struct Edge {
  std::string Source;
  std::string Target;
};

struct Catalog {
  std::string Name;
  std::string Environment = "production";
  int64_t Version = 0;
  std::string CodeId; // empty -> null
  std::string CatalogUuid;
  std::vector<std::string> Tags;
  std::vector<std::string> Classes;
  std::vector<Resource> Resources;
  std::vector<Edge> Edges;

  /// Puppet's catalog JSON (catalog_format 2).
  Json toJson() const;
  /// Writes the same JSON straight to OS without building a tree (large
  /// catalogs: no second copy in memory). Indent < 0 writes one line.
  void writeJson(llvm::raw_ostream &OS, int Indent = -1) const;
  /// Reads a catalog as the agent receives it.
  static llvm::Expected<Catalog> fromJson(const Json &J);
};

/// Undoes Puppet's rich-data encoding (`{"__ptype": ...}`) in the resource
/// parameters of a catalog read from rich JSON, in place: Sensitive values
/// are unwrapped and their parameters listed in sensitive_parameters,
/// hashes with non-string keys get string keys, Binary becomes its bytes,
/// Default "default", Regexp "/source/", Timestamp, Timespan, SemVer, Type,
/// Symbol, ... their string forms, other Objects hashes of their
/// attributes. Deferred objects stay, their arguments decoded, for
/// cppet::resolveDeferred (lib/Compile).
void decodeRichData(Catalog &C);

/// "compilable_type", "defined_type", "unknown" ("" for None).
const char *resourceKindName(ResourceKind K);

/// Puppet's tag rule: lowercase letters, digits, underscore, colon, period
/// and hyphen, not starting with a hyphen or period...
/// (`\A[[:alnum:]_][[:alnum:]_:.-]*\z`).
bool isValidTag(const std::string &Tag);

/// Writes J as JSON (UTF-8 passed through, control characters escaped).
void writeJsonValue(llvm::raw_ostream &OS, const Json &J, int Indent = -1,
                    int Depth = 0);

} // namespace catalog
} // namespace cppet

#endif
