//===- Hiera.h - Hiera 5 data lookup --------------------------------------===//
//
// Hiera 5 as Puppet 7 does it: three layers (global hiera.yaml, the
// environment's hiera.yaml, and each module's own hiera.yaml/data for keys
// in the module's namespace), hierarchies with path/paths/glob/globs/
// mapped_paths, yaml and json backends, %{...} interpolation, merge
// strategies (first, unique, hash, deep) and lookup_options.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_COMPILE_HIERA_H
#define CPPET_COMPILE_HIERA_H

#include "cppet/Compile/Value.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cppet {

/// How a lookup merges values found at several hierarchy levels.
struct MergeStrategy {
  enum Kind { First, Unique, Hash, Deep } K = First;
  /// deep merge options
  bool MergeHashArrays = false;
  bool SortMergedArrays = false;
  std::string KnockoutPrefix;
  /// True when the caller gave a strategy (it overrides lookup_options).
  bool Explicit = false;
  /// The options as given (in their order), for --explain.
  std::vector<std::pair<std::string, Value>> GivenOptions;
};

/// Resolves the variables Hiera interpolates: `%{facts.os.family}`,
/// `%{trusted.certname}`, `%{::role}`, `%{environment}`, `%{role}` — the
/// argument is the expression inside %{...} with any leading "::"
/// stripped; dotted keys dig into hashes (`facts.os.family`). Returns
/// undef for unknown variables.
using HieraScope = std::function<Value(llvm::StringRef Variable)>;

/// Parses YAML text the way Puppet's YAML loader reads data (what is a
/// String, a Boolean, a number); on failure sets Error ("Unable to parse
/// (Path): ...") and returns nullopt.
std::optional<Value> parseYaml(const std::string &Text, const std::string &Path,
                               std::string &Error);

/// What a HieraScope answers for the rest of a dotted variable once its
/// root is known: hashes dug by key, arrays by index; undef when missing.
Value digHieraPath(Value Root, llvm::ArrayRef<llvm::StringRef> Path);

/// Why a lookup failed (as Puppet words it).
struct HieraError {
  std::string Message;
};

class Hiera {
public:
  /// GlobalConfig: path of the global hiera.yaml ("" for none).
  /// EnvironmentDir: the environment's directory (its hiera.yaml is the
  /// environment layer, if present; "" for none).
  /// ModuleDir: returns the directory of a module by name, or nullopt.
  Hiera(std::string GlobalConfig, std::string EnvironmentDir,
        std::function<std::optional<std::string>(llvm::StringRef)> ModuleDir);
  ~Hiera();

  /// Looks Key up through the layers. Returns nullopt when no value is
  /// found; sets Err (and returns nullopt) on bad configuration or data.
  /// Strategy applies unless lookup_options for the key say otherwise
  /// and Strategy.Explicit is false.
  /// With Explain, appends what the lookup did, line by line, as `puppet
  /// lookup --explain` shows it (the layers, hierarchy entries and paths
  /// searched, what each found, merges).
  std::optional<Value> lookup(llvm::StringRef Key,
                              const MergeStrategy &Strategy,
                              const HieraScope &Scope,
                              std::optional<HieraError> &Err,
                              std::string *Explain = nullptr);

  /// Starts a compile: forgets the lookup_options (which depend on the
  /// node's facts and, as in Puppet, are computed once per compile and
  /// module). Parsed configurations and data files stay cached.
  void beginCompile();

  /// Parses a merge argument as lookup() takes it: 'first', 'unique',
  /// 'hash', 'deep', or a Hash {'strategy' => 'deep',
  /// 'merge_hash_arrays' => true, ...}.
  static std::optional<MergeStrategy> parseMerge(const Value &V);

private:
  struct Impl;
  std::unique_ptr<Impl> P;
};

} // namespace cppet

#endif
