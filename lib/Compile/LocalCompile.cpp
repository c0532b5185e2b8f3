//===- LocalCompile.cpp - Compile settings of the command-line tools ------===//
#include "cppet/Compile/Compiler.h"
#include "cppet/Support/FileSystem.h"

#include "FnStdlibSupport.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

namespace cppet {

std::string resolveModuleDir(llvm::StringRef Entry) {
  llvm::sys::fs::file_status St;
  if (llvm::sys::fs::status(Entry, St) ||
      St.type() != llvm::sys::fs::file_type::regular_file ||
      St.getSize() > 4096)
    return Entry.str();
  auto Buf = llvm::MemoryBuffer::getFile(Entry);
  if (!Buf)
    return Entry.str();
  llvm::StringRef Target = (*Buf)->getBuffer().trim();
  if (Target.empty() || Target.contains('\n'))
    return Entry.str();
  llvm::SmallString<256> Dir(Target);
  if (!llvm::sys::path::is_absolute(Target)) {
    Dir = llvm::sys::path::parent_path(Entry);
    llvm::sys::path::append(Dir, Target);
  }
  if (!llvm::sys::fs::is_directory(Dir))
    return Entry.str();
  return Dir.str().str();
}

void configureLocalCompile(const LocalCompileSettings &Settings,
                           EnvironmentConfig &Config, CompileOptions &Opts) {
  Config.Name = Settings.Environment;
  Config.Manifest = Settings.Manifest;
  Config.Strict = Settings.Strict;
  for (const std::string &D : splitSearchPath(Settings.ModulePath))
    Config.ModulePath.push_back(resolveModuleDir(D));
  Opts.HieraConfig = Settings.HieraConfig;
  // An environment laid out as ENV/manifests/site.pp has ENV/hiera.yaml as
  // its environment layer (unless that is the global config itself).
  llvm::SmallString<256> Dir(Settings.Manifest);
  llvm::sys::fs::make_absolute(Dir);
  if (!llvm::sys::fs::is_directory(Dir))
    llvm::sys::path::remove_filename(Dir);
  if (llvm::sys::path::filename(Dir) != "manifests")
    return;
  llvm::sys::path::remove_filename(Dir);
  llvm::SmallString<256> EnvHiera(Dir);
  llvm::sys::path::append(EnvHiera, "hiera.yaml");
  llvm::SmallString<256> Global(Settings.HieraConfig);
  if (!Global.empty())
    llvm::sys::fs::make_absolute(Global);
  if (!llvm::sys::fs::equivalent(EnvHiera, Global))
    Opts.EnvironmentDir = Dir.str().str();
}

std::optional<Value> lookupLocal(const LocalCompileSettings &Settings,
                                 const std::string &Node,
                                 const catalog::Json &Facts,
                                 const std::vector<std::string> &Keys,
                                 const MergeStrategy &Merge,
                                 std::string *Explain, std::string &Error) {
  EnvironmentConfig Config;
  CompileOptions Opts;
  configureLocalCompile(Settings, Config, Opts);
  SourceManager SM;
  Environment Env(Config, SM);
  Hiera Data(Opts.HieraConfig, Opts.EnvironmentDir,
             [&Env](llvm::StringRef Mod) { return Env.findModuleDir(Mod); });
  const Value FactsValue = jsonToValue(Facts);
  HashData T;
  T.set(Value("authenticated"), Value("local"));
  T.set(Value("certname"), Value(Node));
  const size_t Dot = Node.find('.');
  T.set(Value("domain"),
        Dot == std::string::npos ? Value() : Value(Node.substr(Dot + 1)));
  T.set(Value("extensions"), Value(HashData()));
  T.set(Value("hostname"), Value(Node.substr(0, Dot)));
  const Value Trusted(std::move(T));
  const HieraScope Scope = [&](llvm::StringRef Var) -> Value {
    Var.consume_front("::");
    llvm::SmallVector<llvm::StringRef, 4> Parts;
    Var.split(Parts, '.');
    Value Cur;
    if (Parts[0] == "facts")
      Cur = FactsValue;
    else if (Parts[0] == "trusted")
      Cur = Trusted;
    else if (Parts[0] == "environment")
      Cur = Value(Settings.Environment);
    else if (const Value *F = FactsValue.isHash()
                                  ? FactsValue.asHash().find(Parts[0])
                                  : nullptr)
      Cur = *F;
    else
      return Value();
    return digHieraPath(std::move(Cur),
                        llvm::ArrayRef<llvm::StringRef>(Parts).drop_front());
  };
  for (const std::string &Key : Keys) {
    std::optional<HieraError> Err;
    std::optional<Value> V = Data.lookup(Key, Merge, Scope, Err, Explain);
    if (Err) {
      Error = Err->Message;
      return std::nullopt;
    }
    if (V)
      return V;
  }
  return std::nullopt;
}

static catalog::Json valueToJson(const Value &V) {
  if (V.isUndef())
    return nullptr;
  if (V.isBoolean())
    return V.asBoolean();
  if (V.isInteger())
    return V.asInteger();
  if (V.isFloat())
    return V.asFloat();
  if (V.isArray()) {
    catalog::Json A = catalog::Json::array();
    for (const Value &E : V.asArray())
      A.push_back(valueToJson(E));
    return A;
  }
  if (V.isHash()) {
    catalog::Json H = catalog::Json::object();
    for (const auto &[K, E] : V.asHash())
      H[K.toString()] = valueToJson(E);
    return H;
  }
  return V.toString();
}

std::string renderLookupValue(const Value &V, llvm::StringRef Format) {
  if (V.isUndef() && Format == "yaml")
    return "---\n"; // what `puppet lookup` prints for a nil value
  if (Format == "json")
    return valueToJson(V).dump();
  if (Format == "s")
    return V.toString();
  std::string Doc = stdlibfn::toYamlDocument(V);
  if (Doc.empty() || Doc.back() != '\n')
    Doc += '\n';
  return Doc;
}

} // namespace cppet
