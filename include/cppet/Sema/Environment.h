//===- Environment.h - Manifests, imports, modules and definitions --------===//
//
// An Environment owns every file parsed for one Puppet environment: the main
// manifest (a file or a directory of .pp files), what it imports (Puppet 3),
// and the module files autoloaded on demand. Files are parsed once and kept,
// so compiling many nodes against one Environment never reparses.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_SEMA_ENVIRONMENT_H
#define CPPET_SEMA_ENVIRONMENT_H

#include "cppet/AST/AST.h"
#include "cppet/Support/Diagnostics.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cppet {

/// Puppet 7's core resource types (lib/puppet/type/*.rb): component exec
/// file filebucket group notify package resources schedule service stage
/// tidy user whit. Name is lowercase.
bool isCoreResourceType(llvm::StringRef Name);

struct EnvironmentConfig {
  std::string Name = "production";
  /// The main manifest: a file, or a directory whose .pp files are loaded
  /// in alphabetical order.
  std::string Manifest;
  std::vector<std::string> ModulePath;
  /// Puppet 7's rules: `import` and node inheritance are errors.
  bool Strict = false;
};

/// A definition found in the environment, with the file that held it.
template <typename T> struct Definition {
  const T *Def = nullptr;
  uint32_t FileId = 0;
  explicit operator bool() const { return Def != nullptr; }
};

class Environment {
public:
  Environment(EnvironmentConfig Config, SourceManager &SM);
  ~Environment();
  Environment(const Environment &) = delete;
  Environment &operator=(const Environment &) = delete;

  /// Parses the main manifest and its imports; indexes their definitions.
  /// Reports every problem to Diags; returns false if any was an error.
  /// Calling it again does nothing.
  bool loadMain(DiagnosticEngine &Diags);

  /// Top-level programs of the main manifest, in evaluation order
  /// (imported files follow the file that imports them).
  const std::vector<const ast::Program *> &getMainPrograms() const {
    return MainPrograms;
  }
  /// Node definitions in definition order.
  const std::vector<const ast::NodeDef *> &getNodes() const { return Nodes; }

  /// Finds a class, autoloading it from the modulepath if needed
  /// (`a::b::c` -> a/manifests/b/c.pp, `a` -> a/manifests/init.pp).
  /// Parse errors of autoloaded files go to Diags.
  const ast::ClassDef *findClass(llvm::StringRef Name, DiagnosticEngine &Diags);
  const ast::DefineDef *findDefine(llvm::StringRef Name,
                                   DiagnosticEngine &Diags);
  /// Functions written in Puppet (`mod::fn` -> mod/functions/fn.pp).
  const ast::FunctionDef *findFunction(llvm::StringRef Name,
                                       DiagnosticEngine &Diags);
  /// Type aliases (`Mod::T` -> mod/types/t.pp).
  const ast::TypeAlias *findTypeAlias(llvm::StringRef Name,
                                      DiagnosticEngine &Diags);

  /// The directory of module Name on the modulepath, if any.
  std::optional<std::string> findModuleDir(llvm::StringRef Name) const;
  /// Parses an EPP template file once and caches it.
  const ast::Program *loadEpp(llvm::StringRef Path, DiagnosticEngine &Diags);
  /// Parses an inline EPP template (inline_epp) once per distinct text.
  const ast::Program *loadEppText(const std::string &Text,
                                  DiagnosticEngine &Diags);
  /// Parses a manifest given as text (`-e CODE`) as part of the main code.
  bool addMainCode(std::string Name, std::string Code, DiagnosticEngine &Diags);

  /// The module a file belongs to ("" when not in a module).
  std::string getModuleOfFile(uint32_t FileId) const;
  /// The parsed manifest of a file, or null.
  const ast::Program *getProgram(uint32_t FileId) const;

  const EnvironmentConfig &getConfig() const { return Config; }
  SourceManager &getSourceManager() { return SM; }
  /// Number of files parsed so far (for benchmarks and tests).
  /// Frees every parsed file and index of this environment (for one-shot
  /// compiles such as `cppet-agent apply`, once evaluation is over: the
  /// catalog is then built without the code in memory). The environment
  /// must not be used for another compile afterwards.
  void releaseParsedCode();
  bool isReleased() const { return Released; }

  unsigned getNumParsedFiles() const {
    return static_cast<unsigned>(Programs.size());
  }

  /// Lowercases and strips a leading "::".
  static std::string normalizeName(llvm::StringRef Name);

private:
  EnvironmentConfig Config;
  SourceManager &SM;
  bool MainLoaded = false;
  bool MainOk = true;
  std::vector<std::unique_ptr<ast::Program>> Programs;
  llvm::DenseMap<uint32_t, const ast::Program *> ProgramsByFile;
  bool Released = false;
  std::vector<const ast::Program *> MainPrograms;
  std::vector<const ast::NodeDef *> Nodes;
  llvm::StringMap<const ast::ClassDef *> Classes;
  llvm::StringMap<const ast::DefineDef *> Defines;
  llvm::StringMap<const ast::FunctionDef *> Functions;
  llvm::StringMap<const ast::TypeAlias *> TypeAliases;
  llvm::StringMap<bool> TriedFiles; // autoload attempts, by path
  llvm::StringMap<const ast::Program *> EppTemplates;
  llvm::StringMap<const ast::Program *> InlineEppTemplates;
  llvm::StringMap<std::string> FileModules; // path -> module name

  /// Owns a parsed file and indexes it by FileId (getProgram).
  void keep(std::unique_ptr<ast::Program> P);
  const ast::Program *parseFile(const std::string &Path,
                                DiagnosticEngine &Diags, bool IsMain);
  void loadMainFile(const std::string &Path, DiagnosticEngine &Diags);
  void indexProgram(const ast::Program &P, DiagnosticEngine &Diags, bool IsMain,
                    const std::string &ImportDir);
  void indexBlock(const ast::Block &B, llvm::StringRef Namespace,
                  DiagnosticEngine &Diags, bool IsMain,
                  const std::string &ImportDir);
  void autoload(llvm::StringRef Name, llvm::StringRef SubDir,
                DiagnosticEngine &Diags);
};

} // namespace cppet

#endif
