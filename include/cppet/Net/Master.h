//===- Master.h - What the master serves under /puppet/v3 -------*- C++ -*-===//
//
// The master's services behind the HTTP routes, each independent of HTTP:
//   - Environments: finds environments on the environmentpath (or one fixed
//     manifest + modulepath), keeps parsed code per environment in a small
//     pool of Environment instances (one compile per instance at a time),
//     and drops an environment when its files change (environment_timeout);
//   - NodeClassifier: node data from the request (`plain`) or an external
//     node classifier (`exec`);
//   - CatalogCompiler: compiles one node's catalog to Puppet's JSON, with
//     the compile errors in Puppet's one-line shape;
//   - FileServer: the `modules`, `plugins` and `pluginfacts` mounts, file
//     metadata as Puppet's file_metadata(s) and file content, confined to
//     the mount's directories.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_NET_MASTER_H
#define CPPET_NET_MASTER_H

#include "cppet/Catalog/Catalog.h"
#include "cppet/Sema/Environment.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace cppet {
class SourceManager;
}

namespace cppet::net {

struct EnvironmentSettings {
  /// Directories holding one directory per environment.
  std::vector<std::string> EnvironmentPath;
  /// Modules shared by every environment (after the environment's own).
  std::vector<std::string> BaseModulePath;
  /// When set, every environment uses this main manifest and modulepath
  /// (`--manifest`/`--modulepath`), and the default environment exists
  /// even without a directory.
  std::string Manifest;
  std::vector<std::string> ModulePath;
  std::string DefaultEnvironment = "production";
  /// The global hiera.yaml (may not exist).
  std::string HieraConfig;
  /// Seconds an environment is trusted without looking at its files; 0
  /// checks before every compile; a negative value never checks.
  int TimeoutSeconds = 0;
  /// Environment instances kept per environment: compiles of one
  /// environment run in parallel up to this many.
  unsigned PoolSize = 2;
  bool Strict = false;
};

/// Where an environment's code lives.
struct EnvironmentLayout {
  std::string Name;
  /// The environment's directory (empty for a fixed manifest without one).
  std::string Directory;
  std::string Manifest;
  std::vector<std::string> ModulePath;
  /// environment.conf's config_version script, if any.
  std::string ConfigVersion;
};

class Environments {
public:
  explicit Environments(EnvironmentSettings Settings);
  ~Environments();

  /// The environment's layout, or nullopt when it does not exist (a name
  /// that is not a plain directory name never exists).
  std::optional<EnvironmentLayout> find(llvm::StringRef Name) const;
  /// Every environment, sorted by name.
  std::vector<EnvironmentLayout> list() const;
  const EnvironmentSettings &settings() const { return Settings; }

  struct Instance;
  /// One environment instance, checked out for one compile; returned to
  /// the pool when the lease ends.
  class Lease {
  public:
    Lease(Environments &Owner, std::shared_ptr<Instance> I);
    Lease(Lease &&) = default;
    ~Lease();
    Environment &environment();
    const EnvironmentLayout &layout() const;
    /// Keeps the instance from being reused (after a failed compile: the
    /// operator's fix may be a file the instance never looked at).
    void discard() { Discard = true; }

  private:
    Environments *Owner;
    std::shared_ptr<Instance> I;
    bool Discard = false;
  };

  /// Waits for a free instance of environment Name (making one if the pool
  /// is not full); an error if the environment does not exist.
  llvm::Expected<Lease> acquire(llvm::StringRef Name);

  /// Drops every cached instance (SIGHUP).
  void clear();
  /// Instances created so far (tests and logs).
  unsigned instancesCreated() const;

private:
  void release(std::shared_ptr<Instance> I, bool Discard);
  EnvironmentSettings Settings;
  struct Pool;
  mutable std::mutex Mutex;
  std::condition_variable Returned;
  std::map<std::string, std::unique_ptr<Pool>> Pools;
  unsigned Created = 0;
  uint64_t Generation = 0;
};

/// What the classifier knows of a node (Puppet's Node: name, environment,
/// classes, parameters).
struct NodeData {
  std::string Name;
  std::string Environment;
  /// Whether the classifier set the environment (then it is authoritative).
  bool EnvironmentFromClassifier = false;
  /// Class name -> parameters (object or null), in the classifier's order.
  std::vector<std::pair<std::string, catalog::Json>> Classes;
  catalog::Json Parameters = catalog::Json::object();
};

struct ClassifierSettings {
  /// "plain" or "exec".
  std::string Terminus = "plain";
  /// The command of `exec` (an absolute path, then arguments separated by
  /// spaces); run with the certname as its last argument, never through a
  /// shell.
  std::string ExternalNodes;
  int TimeoutSeconds = 30;
};

class NodeClassifier {
public:
  explicit NodeClassifier(ClassifierSettings Settings)
      : Settings(std::move(Settings)) {}
  /// The node's data; nullopt when the classifier does not know the node
  /// (an ENC printing nothing); an error when the classifier failed.
  llvm::Expected<std::optional<NodeData>>
  classify(llvm::StringRef Certname, llvm::StringRef RequestedEnvironment);

private:
  ClassifierSettings Settings;
};

/// The node's classification as Puppet's node JSON (name, environment,
/// classes, parameters).
catalog::Json nodeToJson(const NodeData &Node, const catalog::Json &Facts);

struct CatalogRequest {
  std::string Certname;
  std::string Environment;
  /// The facts' values (an object).
  catalog::Json Facts = catalog::Json::object();
  std::string TransactionUuid;
  /// Whether the request came with a verified client certificate.
  bool Authenticated = true;
  /// Whether the agent accepts Puppet's rich data catalog
  /// (application/vnd.puppet.rich+json): Deferred values then reach it as
  /// objects it resolves, otherwise as strings.
  bool RichData = false;
};

/// A compiled catalog or the compile's errors.
struct CatalogResult {
  /// The catalog in Puppet's JSON when the compile succeeded.
  std::string Json;
  /// One line per error ("Error: ... (file: F, line: L, column: C) on node
  /// N") when it failed.
  std::string Errors;
  bool ok() const { return Errors.empty(); }
};

class CatalogCompiler {
public:
  explicit CatalogCompiler(Environments &Envs) : Envs(Envs) {}
  /// Compiles in Node's environment (the classifier's, else the request's).
  CatalogResult compile(const CatalogRequest &Request, const NodeData &Node);

private:
  Environments &Envs;
};

/// The file serving mounts of one environment.
class FileServer {
public:
  struct Options {
    std::string Links = "manage"; // or follow
    std::string ChecksumType = "sha256";
    bool SourcePermissionsUse = false;
    bool Recurse = false;
    int RecurseLimit = -1;
    std::vector<std::string> Ignore;
    long MaxFiles = 0;
  };
  /// A Puppet file path under /puppet/v3/file_metadata(s)|file_content:
  /// MOUNT/REST with MOUNT one of modules (REST = MODULE/PATH), plugins,
  /// pluginfacts. A path leaving the mount (`..`, absolute parts) is refused
  /// (nullopt as if missing).
  struct Located {
    /// The absolute paths of the mount's roots holding the path, first
    /// one first (several for plugins and pluginfacts).
    std::vector<std::string> Roots;
    std::string RelativePath;
    /// A merged mount no module has: only its "." entry is listed.
    bool Placeholder = false;
  };

  explicit FileServer(EnvironmentLayout Layout) : Layout(std::move(Layout)) {}
  /// Metadata of one file (Puppet's file_metadata object); nullopt when
  /// missing.
  std::optional<catalog::Json> metadata(llvm::StringRef MountPath,
                                        const Options &O) const;
  /// file_metadatas: the base and, with Recurse, what is below it.
  std::optional<catalog::Json> search(llvm::StringRef MountPath,
                                      const Options &O) const;
  /// The bytes of a file; nullopt when missing or not a file.
  std::optional<std::string> content(llvm::StringRef MountPath) const;

private:
  std::optional<Located> locate(llvm::StringRef MountPath,
                                bool AllowMissingMount) const;
  EnvironmentLayout Layout;
};

/// Splits a MOUNT/PATH into safe parts; false for `..`, `.`, empty or NUL
/// components (a path traversal).
bool isSafeRelativePath(llvm::StringRef Path);

} // namespace cppet::net

#endif // CPPET_NET_MASTER_H
