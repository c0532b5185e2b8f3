//===- MasterCompile.cpp - Node classification and catalog compiles -------===//
//
// `plain` classification is the request's name and environment. `exec`
// runs the external node classifier with the certname (argv, no shell, a
// timeout) and reads its YAML: classes (a list, or class -> parameters),
// parameters (top-scope variables) and environment (authoritative). Empty
// output means the classifier does not know the node.
//
//===----------------------------------------------------------------------===//
#include "cppet/Net/Master.h"

#include "cppet/Compile/Compiler.h"
#include "cppet/Facts/Facts.h"
#include "cppet/Support/Diagnostics.h"
#include "cppet/Support/Process.h"

#include "llvm/Support/raw_ostream.h"

using namespace cppet;
using namespace cppet::net;
using catalog::Json;

namespace {

llvm::Error classifierError(llvm::StringRef Certname, const llvm::Twine &Why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "Failed to find " + Certname +
                                     " via exec: " + Why);
}

} // namespace

llvm::Expected<std::optional<NodeData>>
NodeClassifier::classify(llvm::StringRef Certname,
                         llvm::StringRef RequestedEnvironment) {
  NodeData Node;
  Node.Name = Certname.str();
  Node.Environment = RequestedEnvironment.str();
  if (Settings.Terminus != "exec")
    return Node;
  if (Settings.ExternalNodes.empty() || Settings.ExternalNodes == "none")
    return classifierError(Certname,
                           "node_terminus is exec but external_nodes is not "
                           "set");
  llvm::Expected<std::vector<std::string>> Argv =
      splitCommandLine(Settings.ExternalNodes);
  if (!Argv)
    return classifierError(Certname, llvm::toString(Argv.takeError()));
  if (Argv->empty() || !llvm::StringRef(Argv->front()).startswith("/"))
    return classifierError(Certname,
                           "external_nodes must be an absolute path: " +
                               Settings.ExternalNodes);
  ProcessSpec Spec;
  Spec.Argv = std::move(*Argv);
  Spec.Argv.push_back(Certname.str());
  Spec.MergeStderr = false;
  Spec.Timeout = std::chrono::seconds(Settings.TimeoutSeconds);
  llvm::Expected<ProcessResult> R = runProcess(Spec);
  if (!R)
    return classifierError(Certname, llvm::toString(R.takeError()));
  if (R->TimedOut)
    return classifierError(Certname, "the classifier timed out after " +
                                         llvm::Twine(Settings.TimeoutSeconds) +
                                         " s");
  if (!R->succeeded())
    return classifierError(
        Certname, "the classifier exited with " + llvm::Twine(R->ExitCode) +
                      (R->Errors.empty() ? "" : ": " + R->Errors));
  if (llvm::StringRef(R->Output).trim().empty())
    return std::nullopt;
  llvm::Expected<Json> Doc = facts::parseYamlMapping(R->Output);
  if (!Doc)
    return classifierError(Certname, "Could not load external node results "
                                     "for " +
                                         Certname + ": " +
                                         llvm::toString(Doc.takeError()));
  if (auto It = Doc->find("classes"); It != Doc->end()) {
    if (It->is_array()) {
      for (const Json &C : *It)
        if (C.is_string())
          Node.Classes.emplace_back(C.get<std::string>(), nullptr);
    } else if (It->is_object()) {
      for (const auto &[Name, Params] : It->items())
        Node.Classes.emplace_back(Name, Params);
    } else if (!It->is_null()) {
      return classifierError(Certname,
                             "classes must be a list or a hash of classes");
    }
  }
  if (auto It = Doc->find("parameters"); It != Doc->end()) {
    if (It->is_object())
      Node.Parameters = *It;
    else if (!It->is_null())
      return classifierError(Certname, "parameters must be a hash");
  }
  if (auto It = Doc->find("environment");
      It != Doc->end() && It->is_string() && !It->get<std::string>().empty()) {
    Node.Environment = It->get<std::string>();
    Node.EnvironmentFromClassifier = true;
  }
  return Node;
}

Json cppet::net::nodeToJson(const NodeData &Node, const Json &Facts) {
  Json J = Json::object();
  J["name"] = Node.Name;
  J["environment"] = Node.Environment;
  if (!Node.Classes.empty()) {
    Json Classes = Json::object();
    for (const auto &[Name, Params] : Node.Classes)
      Classes[Name] = Params.is_object() ? Params : Json::object();
    J["classes"] = std::move(Classes);
  }
  // Parameters win over facts (Puppet's Node#merge).
  Json Params = Facts.is_object() ? Facts : Json::object();
  for (const auto &[K, V] : Node.Parameters.items())
    Params[K] = V;
  if (!Params.empty())
    J["parameters"] = std::move(Params);
  return J;
}

CatalogResult CatalogCompiler::compile(const CatalogRequest &Request,
                                       const NodeData &Node) {
  CatalogResult Result;
  llvm::Expected<Environments::Lease> Lease = Envs.acquire(Node.Environment);
  if (!Lease) {
    Result.Errors = llvm::toString(Lease.takeError());
    return Result;
  }
  const EnvironmentLayout &Layout = Lease->layout();
  CompileOptions Opts;
  Opts.NodeName = Request.Certname;
  Opts.Facts = Request.Facts;
  Opts.Authenticated = Request.Authenticated ? "remote" : "false";
  Opts.HieraConfig = Envs.settings().HieraConfig;
  Opts.EnvironmentDir = Layout.Directory;
  Opts.NodeParameters = Node.Parameters;
  Opts.NodeClasses = Node.Classes;
  Opts.RichData = Request.RichData;
  DiagnosticEngine Diags(Lease->environment().getSourceManager());
  Diags.setNodeName(Request.Certname);
  llvm::Expected<catalog::Catalog> Catalog =
      compileCatalog(Lease->environment(), Opts, Diags);
  if (!Catalog || Diags.hasErrors()) {
    if (!Catalog)
      llvm::consumeError(Catalog.takeError());
    // Puppet's one-line shape without its "Error: " prefix: the HTTP body
    // says "Server Error: ..." (puppetserver's wording).
    for (const Diagnostic &D : Diags.getDiagnostics()) {
      if (D.Level != Severity::Error)
        continue;
      std::string Line;
      llvm::raw_string_ostream OS(Line);
      Diags.render(OS, D, DiagnosticStyle::OneLine);
      OS.flush();
      llvm::StringRef Text(Line);
      Text.consume_front("Error: ");
      Result.Errors += Text.str();
    }
    if (Result.Errors.empty())
      Result.Errors = "Compilation failed on node " + Request.Certname;
    while (!Result.Errors.empty() && Result.Errors.back() == '\n')
      Result.Errors.pop_back();
    // The fix may be in a file this instance never read.
    Lease->discard();
    return Result;
  }
  Catalog->Environment = Layout.Name;
  llvm::raw_string_ostream OS(Result.Json);
  OS.SetBuffered(); // a megabyte written in small pieces
  Catalog->writeJson(OS);
  OS.flush();
  return Result;
}
