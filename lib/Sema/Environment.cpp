//===- Environment.cpp ----------------------------------------------------===//
#include "cppet/Sema/Environment.h"

#include "cppet/Parse/Parser.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <glob.h>

using namespace cppet;
namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

Environment::Environment(EnvironmentConfig C, SourceManager &SM)
    : Config(std::move(C)), SM(SM) {}
Environment::~Environment() = default;

bool cppet::isCoreResourceType(llvm::StringRef Name) {
  static const char *const Core[] = {
      "component", "exec",    "file",      "filebucket", "group",
      "notify",    "package", "resources", "schedule",   "service",
      "stage",     "tidy",    "user",      "whit"};
  for (const char *C : Core)
    if (Name == C)
      return true;
  return false;
}

std::string Environment::normalizeName(llvm::StringRef Name) {
  Name.consume_front("::");
  return Name.lower();
}

void Environment::releaseParsedCode() {
  MainPrograms.clear();
  Nodes.clear();
  Classes.clear();
  Defines.clear();
  Functions.clear();
  TypeAliases.clear();
  TriedFiles.clear();
  EppTemplates.clear();
  InlineEppTemplates.clear();
  Programs.clear();
  Programs.shrink_to_fit();
  ProgramsByFile.clear();
  Released = true;
}

const ast::Program *Environment::parseFile(const std::string &Path,
                                           DiagnosticEngine &Diags,
                                           bool IsMain) {
  auto IdOrErr = SM.loadFile(Path);
  if (!IdOrErr) {
    Diags.error({}, "io", llvm::toString(IdOrErr.takeError()));
    return nullptr;
  }
  unsigned ErrorsBefore = Diags.getNumErrors();
  std::unique_ptr<ast::Program> P = parseManifest(SM, *IdOrErr, Diags);
  if (!P || Diags.getNumErrors() != ErrorsBefore)
    return nullptr;
  const ast::Program *Raw = P.get();
  keep(std::move(P));
  return Raw;
}

static std::vector<std::string> globFiles(const std::string &Pattern) {
  std::vector<std::string> Out;
  glob_t G{};
  if (::glob(Pattern.c_str(), 0, nullptr, &G) == 0)
    for (size_t I = 0; I < G.gl_pathc; ++I)
      Out.emplace_back(G.gl_pathv[I]);
  globfree(&G);
  std::sort(Out.begin(), Out.end());
  return Out;
}

void Environment::loadMainFile(const std::string &Path,
                               DiagnosticEngine &Diags) {
  if (SM.findFile(Path))
    return; // each file once
  const ast::Program *P = parseFile(Path, Diags, /*IsMain=*/true);
  if (!P) {
    MainOk = false;
    return;
  }
  MainPrograms.push_back(P);
  indexProgram(*P, Diags, /*IsMain=*/true, path::parent_path(Path).str());
}

bool Environment::loadMain(DiagnosticEngine &Diags) {
  if (MainLoaded)
    return MainOk;
  MainLoaded = true;
  const std::string &M = Config.Manifest;
  if (fs::is_directory(M)) {
    std::vector<std::string> Files;
    std::error_code EC;
    for (fs::recursive_directory_iterator It(M, EC), End; It != End && !EC;
         It.increment(EC))
      if (path::extension(It->path()) == ".pp" && !fs::is_directory(It->path()))
        Files.push_back(It->path());
    std::sort(Files.begin(), Files.end());
    for (const std::string &F : Files)
      loadMainFile(F, Diags);
  } else if (fs::exists(M)) {
    loadMainFile(M, Diags);
  } else {
    Diags.error({}, "io", "Could not find the main manifest '" + M + "'");
    MainOk = false;
  }
  return MainOk && !Diags.hasErrors();
}

bool Environment::addMainCode(std::string Name, std::string Code,
                              DiagnosticEngine &Diags) {
  uint32_t Id = SM.addBuffer(std::move(Name), std::move(Code));
  unsigned ErrorsBefore = Diags.getNumErrors();
  std::unique_ptr<ast::Program> P = parseManifest(SM, Id, Diags);
  if (!P || Diags.getNumErrors() != ErrorsBefore)
    return false;
  MainPrograms.push_back(P.get());
  indexProgram(*P, Diags, true, ".");
  keep(std::move(P));
  MainLoaded = true;
  return true;
}

void Environment::indexProgram(const ast::Program &P, DiagnosticEngine &Diags,
                               bool IsMain, const std::string &ImportDir) {
  if (P.Body)
    indexBlock(*P.Body, "", Diags, IsMain, ImportDir);
}

static std::string qualify(llvm::StringRef Namespace, llvm::StringRef Name) {
  std::string N = Environment::normalizeName(Name);
  if (Namespace.empty() || llvm::StringRef(Name).startswith("::"))
    return N;
  return (Namespace + "::" + N).str();
}

void Environment::indexBlock(const ast::Block &B, llvm::StringRef Namespace,
                             DiagnosticEngine &Diags, bool IsMain,
                             const std::string &ImportDir) {
  for (const ast::ExprPtr &S : B.Statements) {
    if (!S)
      continue;
    if (auto *C = llvm::dyn_cast<ast::ClassDef>(S.get())) {
      std::string Name = qualify(Namespace, C->Name);
      Classes.try_emplace(Name, C);
      if (auto *Body = llvm::dyn_cast_or_null<ast::Block>(C->Body.get()))
        indexBlock(*Body, Name, Diags, IsMain, ImportDir);
    } else if (auto *D = llvm::dyn_cast<ast::DefineDef>(S.get())) {
      Defines.try_emplace(qualify(Namespace, D->Name), D);
    } else if (auto *F = llvm::dyn_cast<ast::FunctionDef>(S.get())) {
      Functions.try_emplace(normalizeName(F->Name), F);
    } else if (auto *T = llvm::dyn_cast<ast::TypeAlias>(S.get())) {
      TypeAliases.try_emplace(llvm::StringRef(T->Name).lower(), T);
    } else if (auto *N = llvm::dyn_cast<ast::NodeDef>(S.get())) {
      if (!N->Parent.empty() && Config.Strict)
        Diags.error(N->ParentRange.isValid() ? N->ParentRange : N->Range,
                    "node-inheritance",
                    "Node inheritance is not supported in Puppet >= 4.0.0. "
                    "See http://links.puppet.com/puppet-node-inheritance-"
                    "deprecation");
      Nodes.push_back(N);
    } else if (auto *I = llvm::dyn_cast<ast::Import>(S.get())) {
      if (Config.Strict) {
        Diags.error(I->Range, "import",
                    "'import' has been discontinued in favor of a manifest "
                    "directory. See http://links.puppet.com/puppet-import-"
                    "deprecation");
        continue;
      }
      for (const std::string &Pattern : I->Patterns) {
        llvm::SmallString<256> Full;
        if (path::is_absolute(Pattern)) {
          Full = Pattern;
        } else {
          Full = ImportDir;
          path::append(Full, Pattern);
        }
        std::string Pat = Full.str().str();
        if (!llvm::StringRef(Pat).endswith(".pp") &&
            Pat.find('*') == std::string::npos && !fs::exists(Pat))
          Pat += ".pp";
        std::vector<std::string> Files = globFiles(Pat);
        if (Files.empty())
          Diags.warning(I->Range, "import",
                        "No file(s) found for import of '" + Pattern + "'");
        for (const std::string &F : Files)
          loadMainFile(F, Diags);
      }
    }
  }
}

std::optional<std::string>
Environment::findModuleDir(llvm::StringRef Name) const {
  for (const std::string &Dir : Config.ModulePath) {
    llvm::SmallString<256> P(Dir);
    path::append(P, Name);
    if (fs::is_directory(P))
      return P.str().str();
  }
  return std::nullopt;
}

const ast::Program *Environment::getProgram(uint32_t FileId) const {
  auto It = ProgramsByFile.find(FileId);
  return It == ProgramsByFile.end() ? nullptr : It->second;
}

void Environment::keep(std::unique_ptr<ast::Program> P) {
  ProgramsByFile[P->FileId] = P.get();
  Programs.push_back(std::move(P));
}

std::string Environment::getModuleOfFile(uint32_t FileId) const {
  auto It = FileModules.find(SM.getName(FileId));
  return It == FileModules.end() ? std::string() : It->second;
}

void Environment::autoload(llvm::StringRef Name, llvm::StringRef SubDir,
                           DiagnosticEngine &Diags) {
  std::string N = normalizeName(Name);
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  llvm::StringRef(N).split(Parts, "::");
  if (Parts.empty() || Parts[0].empty())
    return;
  std::optional<std::string> ModDir = findModuleDir(Parts[0]);
  if (!ModDir)
    return;
  llvm::SmallString<256> File(*ModDir);
  path::append(File, SubDir);
  if (Parts.size() == 1) {
    if (SubDir != "manifests")
      return;
    path::append(File, "init.pp");
  } else {
    for (size_t I = 1; I < Parts.size(); ++I)
      path::append(File, Parts[I]);
    File += ".pp";
  }
  std::string F = File.str().str();
  if (TriedFiles.count(F))
    return;
  TriedFiles[F] = true;
  if (!fs::exists(F))
    return;
  FileModules[F] = Parts[0].str();
  if (const ast::Program *P = parseFile(F, Diags, /*IsMain=*/false))
    indexProgram(*P, Diags, /*IsMain=*/false, path::parent_path(F).str());
}

const ast::ClassDef *Environment::findClass(llvm::StringRef Name,
                                            DiagnosticEngine &Diags) {
  std::string N = normalizeName(Name);
  if (auto It = Classes.find(N); It != Classes.end())
    return It->second;
  autoload(N, "manifests", Diags);
  auto It = Classes.find(N);
  return It == Classes.end() ? nullptr : It->second;
}

const ast::DefineDef *Environment::findDefine(llvm::StringRef Name,
                                              DiagnosticEngine &Diags) {
  std::string N = normalizeName(Name);
  if (auto It = Defines.find(N); It != Defines.end())
    return It->second;
  autoload(N, "manifests", Diags);
  auto It = Defines.find(N);
  return It == Defines.end() ? nullptr : It->second;
}

const ast::FunctionDef *Environment::findFunction(llvm::StringRef Name,
                                                  DiagnosticEngine &Diags) {
  std::string N = normalizeName(Name);
  if (auto It = Functions.find(N); It != Functions.end())
    return It->second;
  if (N.find("::") == std::string::npos)
    return nullptr;
  autoload(N, "functions", Diags);
  auto It = Functions.find(N);
  return It == Functions.end() ? nullptr : It->second;
}

const ast::TypeAlias *Environment::findTypeAlias(llvm::StringRef Name,
                                                 DiagnosticEngine &Diags) {
  std::string N = llvm::StringRef(Name).lower();
  if (auto It = TypeAliases.find(N); It != TypeAliases.end())
    return It->second;
  if (N.find("::") == std::string::npos)
    return nullptr;
  autoload(N, "types", Diags);
  auto It = TypeAliases.find(N);
  return It == TypeAliases.end() ? nullptr : It->second;
}

const ast::Program *Environment::loadEpp(llvm::StringRef Path,
                                         DiagnosticEngine &Diags) {
  if (auto It = EppTemplates.find(Path); It != EppTemplates.end())
    return It->second;
  auto IdOrErr = SM.loadFile(Path);
  if (!IdOrErr) {
    Diags.error({}, "io", llvm::toString(IdOrErr.takeError()));
    return nullptr;
  }
  unsigned ErrorsBefore = Diags.getNumErrors();
  std::unique_ptr<ast::Program> P = parseEpp(SM, *IdOrErr, Diags);
  if (!P || Diags.getNumErrors() != ErrorsBefore)
    return nullptr;
  const ast::Program *Raw = P.get();
  keep(std::move(P));
  EppTemplates[Path] = Raw;
  return Raw;
}

const ast::Program *Environment::loadEppText(const std::string &Text,
                                             DiagnosticEngine &Diags) {
  if (auto It = InlineEppTemplates.find(Text); It != InlineEppTemplates.end())
    return It->second;
  uint32_t Id = SM.addBuffer("inline_epp", Text);
  unsigned ErrorsBefore = Diags.getNumErrors();
  std::unique_ptr<ast::Program> P = parseEpp(SM, Id, Diags);
  if (!P || Diags.getNumErrors() != ErrorsBefore)
    return nullptr;
  const ast::Program *Raw = P.get();
  keep(std::move(P));
  InlineEppTemplates[Text] = Raw;
  return Raw;
}
