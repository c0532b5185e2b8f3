//===- MasterRoutes.cpp - The /puppet/v3 routes ---------------------------===//
//
// node, catalog (GET and POST, facts double-encoded in the form body as the
// stock agent sends them), file_metadata(s), file_content, report, facts
// and environments. Errors are Puppet's JSON bodies:
// {"message":"Not Found: ...","issue_kind":"RUNTIME_ERROR"}.
//
//===----------------------------------------------------------------------===//
#include "cppet/Net/Master.h"
#include "cppet/Net/Routes.h"

#include "llvm/ADT/StringExtras.h"

#include <ctime>

using namespace cppet;
using namespace cppet::net;
using catalog::Json;

namespace {

constexpr const char *JsonType = "application/json;charset=utf-8";
constexpr const char *RichType =
    "application/vnd.puppet.rich+json; charset=utf-8";

/// Puppet's HTTP error body, its message prefixed as the status says.
HttpResponse jsonError(int Status, const std::string &Message,
                       const char *Kind = "RUNTIME_ERROR") {
  const char *Prefix = "Server Error";
  switch (Status) {
  case 400:
    Prefix = "Bad Request";
    break;
  case 403:
    Prefix = "Not Authorized";
    break;
  case 404:
    Prefix = "Not Found";
    break;
  case 405:
    Prefix = "Method Not Allowed";
    break;
  case 406:
    Prefix = "Not Acceptable";
    break;
  case 415:
    Prefix = "Unsupported Media Type";
    break;
  case 503:
    Prefix = "Service Unavailable";
    break;
  default:
    break;
  }
  Json J = Json::object();
  J["message"] = std::string(Prefix) + ": " + Message;
  J["issue_kind"] = Kind;
  HttpResponse R;
  R.Status = Status;
  R.ContentType = JsonType;
  R.Body = J.dump(-1, ' ', false, Json::error_handler_t::replace);
  return R;
}

HttpResponse jsonOk(const Json &J) {
  HttpResponse R;
  R.ContentType = JsonType;
  R.Body = J.dump(-1, ' ', false, Json::error_handler_t::replace);
  return R;
}

HttpResponse methodNotAllowed(const HttpRequest &Request) {
  return jsonError(
      405, "Unsupported method " + Request.Method + " for " + Request.Path,
      "UNSUPPORTED_METHOD");
}

/// The parameters of a request: the query, then (POST) the form body.
std::vector<std::pair<std::string, std::string>>
parametersOf(const HttpRequest &Request) {
  std::vector<std::pair<std::string, std::string>> P = Request.Query;
  if (Request.Method == "POST" &&
      llvm::StringRef(Request.ContentType)
          .startswith("application/x-www-form-urlencoded")) {
    auto Form = parseForm(Request.Body);
    // The body wins over the query (it is what the agent means; the query
    // repeats the environment "for legacy reasons").
    Form.insert(Form.end(), P.begin(), P.end());
    return Form;
  }
  return P;
}

const std::string *
param(const std::vector<std::pair<std::string, std::string>> &P,
      llvm::StringRef Key) {
  for (const auto &[K, V] : P)
    if (K == Key)
      return &V;
  return nullptr;
}

/// JSON nested deeper than this is refused before it is parsed, as Ruby's
/// JSON.parse (max_nesting 100) refuses it for Puppet; the compiler and the
/// report renderer walk values recursively.
constexpr unsigned MaxJsonDepth = 100;

std::string tooDeep() {
  return "Could not intern from json: nesting of " +
         std::to_string(MaxJsonDepth + 1) + " is too deep";
}

/// Whether the arrays and objects of Text (JSON, possibly malformed) nest at
/// most MaxJsonDepth deep; brackets inside strings do not count.
bool nestingWithinLimit(llvm::StringRef Text) {
  unsigned Depth = 0;
  bool InString = false;
  for (size_t I = 0; I < Text.size(); ++I) {
    const char C = Text[I];
    if (InString) {
      if (C == '\\')
        ++I;
      else if (C == '"')
        InString = false;
    } else if (C == '"') {
      InString = true;
    } else if (C == '[' || C == '{') {
      if (++Depth > MaxJsonDepth)
        return false;
    } else if ((C == ']' || C == '}') && Depth > 0) {
      --Depth;
    }
  }
  return true;
}

bool acceptsRich(const HttpRequest &Request) {
  return llvm::StringRef(Request.Accept)
      .contains("application/vnd.puppet.rich+json");
}

/// The catalog Puppet answers when check_environment finds the node in
/// another environment: no resources, the node's environment.
std::string emptyCatalog(const std::string &Name, const std::string &Env) {
  catalog::Catalog C;
  C.Name = Name;
  C.Environment = Env;
  C.Version = static_cast<int64_t>(std::time(nullptr));
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  C.writeJson(OS);
  OS.flush();
  return Out;
}

} // namespace

HttpResponse MasterRoutes::handleV3(const HttpRequest &Request,
                                    llvm::StringRef Rest) {
  auto [Endpoint, Name] = Rest.split('/');
  if (Endpoint == "catalog") {
    if (Request.Method != "GET" && Request.Method != "POST")
      return methodNotAllowed(Request);
    return catalog(Request, Name);
  }
  if (Endpoint == "node") {
    if (Request.Method != "GET")
      return methodNotAllowed(Request);
    return node(Request, Name);
  }
  if (Endpoint == "file_metadata" || Endpoint == "file_metadatas" ||
      Endpoint == "file_content") {
    if (Request.Method != "GET" && Request.Method != "POST")
      return methodNotAllowed(Request);
    return files(Request, Endpoint, Name);
  }
  if (Endpoint == "report") {
    if (Request.Method != "PUT")
      return methodNotAllowed(Request);
    return report(Request, Name);
  }
  if (Endpoint == "facts") {
    if (Request.Method != "PUT")
      return methodNotAllowed(Request);
    return facts(Request, Name);
  }
  if (Endpoint == "environments" && Name.empty()) {
    if (Request.Method != "GET")
      return methodNotAllowed(Request);
    return environments(Request);
  }
  return jsonError(404, "No route for " + Request.Method + " " + Request.Path,
                   "HANDLER_NOT_FOUND");
}

HttpResponse MasterRoutes::catalog(const HttpRequest &Request,
                                   llvm::StringRef NameRef) {
  if (!Services.Envs || !Services.Classifier || !Services.Compiler)
    return jsonError(503, "this server does not compile catalogs");
  const std::string Name = NameRef.str();
  const auto Params = parametersOf(Request);
  const std::string *Env = param(Params, "environment");
  if (!Env || Env->empty())
    return jsonError(400, "An environment parameter must be specified");
  if (!Services.Envs->find(*Env))
    return jsonError(404, "Could not find environment '" + *Env + "'");

  // Facts: form-decoded, then unescaped once more (the agent encodes them
  // twice), then parsed in facts_format.
  Json Values = Json::object();
  std::string FactsText;
  if (const std::string *Facts = param(Params, "facts")) {
    const std::string *Format = param(Params, "facts_format");
    llvm::StringRef Fmt =
        Format ? llvm::StringRef(*Format) : "application/json";
    if (Fmt != "application/json" && Fmt != "json" && Fmt != "pson" &&
        Fmt != "text/pson")
      return jsonError(400, "Unsupported facts format " + Fmt.str());
    FactsText = percentDecode(*Facts, true);
    if (!nestingWithinLimit(FactsText))
      return jsonError(500, tooDeep());
    Json Doc = Json::parse(FactsText, nullptr, /*allow_exceptions=*/false);
    if (Doc.is_discarded() || !Doc.is_object()) {
      std::string Shown = FactsText.substr(0, 64);
      return jsonError(500, "Could not intern from json: unexpected token "
                            "at '" +
                                Shown + "'");
    }
    if (auto It = Doc.find("name");
        It != Doc.end() && It->is_string() && *It != Name)
      return jsonError(500, "Catalog for " + Name +
                                " was requested with fact definition for the "
                                "wrong node");
    if (auto It = Doc.find("values"); It != Doc.end() && It->is_object())
      Values = *It;
    else
      return jsonError(400, "The facts of " + Name + " have no values");
  }

  llvm::Expected<std::optional<NodeData>> Node =
      Services.Classifier->classify(Name, *Env);
  if (!Node)
    return jsonError(500, llvm::toString(Node.takeError()));
  if (!*Node)
    return jsonError(500, "Could not find node '" + Name + "'; cannot compile");
  NodeData &N = **Node;
  if (N.EnvironmentFromClassifier && N.Environment != *Env) {
    const std::string *Check = param(Params, "check_environment");
    if (Check && *Check == "true") {
      HttpResponse R;
      R.ContentType = acceptsRich(Request) ? RichType : JsonType;
      R.Body = emptyCatalog(Name, N.Environment);
      return R;
    }
  }
  if (!FactsText.empty() && Services.StoreFacts)
    Services.StoreFacts(Name, N.Environment, FactsText);

  CatalogRequest CR;
  CR.Certname = Name;
  CR.Environment = N.Environment;
  CR.Facts = std::move(Values);
  if (const std::string *T = param(Params, "transaction_uuid"))
    CR.TransactionUuid = *T;
  CR.Authenticated = !Request.PeerCertname.empty();
  CR.RichData = acceptsRich(Request);
  CatalogResult Result = Services.Compiler->compile(CR, N);
  if (!Result.ok()) {
    if (Services.Log)
      Services.Log("err", Result.Errors);
    return jsonError(500, Result.Errors);
  }
  if (Services.StoreCatalog)
    Services.StoreCatalog(Name, N.Environment, Result.Json);
  HttpResponse R;
  R.ContentType = acceptsRich(Request) ? RichType : JsonType;
  R.Body = std::move(Result.Json);
  return R;
}

HttpResponse MasterRoutes::node(const HttpRequest &Request,
                                llvm::StringRef Name) {
  if (!Services.Envs || !Services.Classifier)
    return jsonError(503, "this server does not classify nodes");
  const std::string *Env = Request.query("environment");
  if (!Env || Env->empty())
    return jsonError(400, "An environment parameter must be specified");
  if (!Services.Envs->find(*Env))
    return jsonError(404, "Could not find environment '" + *Env + "'");
  llvm::Expected<std::optional<NodeData>> Node =
      Services.Classifier->classify(Name, *Env);
  if (!Node)
    return jsonError(500, llvm::toString(Node.takeError()));
  if (!*Node)
    return jsonError(404, "Could not find node " + Name.str(),
                     "RESOURCE_NOT_FOUND");
  return jsonOk(nodeToJson(**Node, Json::object()));
}

HttpResponse MasterRoutes::files(const HttpRequest &Request,
                                 llvm::StringRef Endpoint,
                                 llvm::StringRef Path) {
  if (!Services.Envs)
    return jsonError(503, "this server does not serve files");
  const auto Params = parametersOf(Request);
  const std::string *Env = param(Params, "environment");
  if (!Env || Env->empty())
    return jsonError(400, "An environment parameter must be specified");
  std::optional<EnvironmentLayout> Layout = Services.Envs->find(*Env);
  if (!Layout)
    return jsonError(404, "Could not find environment '" + *Env + "'");
  FileServer Server(std::move(*Layout));
  auto Missing = [&] {
    return jsonError(404, "Could not find " + Endpoint.str() + " " + Path.str(),
                     "RESOURCE_NOT_FOUND");
  };
  if (Endpoint == "file_content") {
    std::optional<std::string> Bytes = Server.content(Path);
    if (!Bytes)
      return Missing();
    HttpResponse R;
    R.ContentType = "application/octet-stream";
    R.Body = std::move(*Bytes);
    return R;
  }
  FileServer::Options O;
  if (const std::string *L = param(Params, "links"))
    O.Links = *L == "follow" ? "follow" : "manage";
  if (const std::string *C = param(Params, "checksum_type"))
    O.ChecksumType = *C;
  if (const std::string *S = param(Params, "source_permissions"))
    O.SourcePermissionsUse = *S == "use";
  if (const std::string *Rc = param(Params, "recurse"))
    O.Recurse = *Rc == "true" || *Rc == "remote" || *Rc == "inf";
  if (const std::string *RL = param(Params, "recurselimit")) {
    int Limit = -1;
    if (!llvm::StringRef(*RL).getAsInteger(10, Limit))
      O.RecurseLimit = Limit;
  }
  if (const std::string *MF = param(Params, "max_files")) {
    long Max = 0;
    if (!llvm::StringRef(*MF).getAsInteger(10, Max))
      O.MaxFiles = Max;
  }
  for (const auto &[K, V] : Params)
    if (K == "ignore")
      O.Ignore.push_back(V);
  std::optional<Json> J = Endpoint == "file_metadata" ? Server.metadata(Path, O)
                                                      : Server.search(Path, O);
  if (!J)
    return Missing();
  return jsonOk(*J);
}

HttpResponse MasterRoutes::report(const HttpRequest &Request,
                                  llvm::StringRef Name) {
  if (!nestingWithinLimit(Request.Body))
    return jsonError(400, "The request body is invalid: " + tooDeep());
  Json Doc = Json::parse(Request.Body, nullptr, /*allow_exceptions=*/false);
  if (Doc.is_discarded() || !Doc.is_object())
    return jsonError(400, "The request body is invalid: Could not intern "
                          "from json: the report is not a JSON object");
  for (const char *Key : {"host", "time", "status"})
    if (!Doc.contains(Key))
      return jsonError(400, std::string("The request body is invalid: the "
                                        "report has no '") +
                                Key + "'");
  if (Services.StoreReport)
    if (llvm::Error E = Services.StoreReport(Name.str(), Request.Body))
      return jsonError(400, "The request body is invalid: " +
                                llvm::toString(std::move(E)));
  if (Services.Log)
    Services.Log("info", "Stored the report of " + Name.str() + " (" +
                             Doc.value("status", std::string("?")) + ")");
  return jsonOk(Json::array({"store"}));
}

HttpResponse MasterRoutes::facts(const HttpRequest &Request,
                                 llvm::StringRef Name) {
  if (!nestingWithinLimit(Request.Body))
    return jsonError(400, "The request body is invalid: " + tooDeep());
  Json Doc = Json::parse(Request.Body, nullptr, /*allow_exceptions=*/false);
  if (Doc.is_discarded() || !Doc.is_object() || !Doc.contains("values"))
    return jsonError(400, "The request body is invalid: Could not intern "
                          "from json: the facts are not a facts object");
  const std::string *Env = Request.query("environment");
  if (Services.StoreFacts)
    Services.StoreFacts(Name.str(), Env ? *Env : "", Request.Body);
  HttpResponse R = jsonOk(Json(0));
  return R;
}

HttpResponse MasterRoutes::environments(const HttpRequest &) {
  if (!Services.Envs)
    return jsonError(503, "this server has no environments");
  Json Paths = Json::array();
  for (const std::string &P : Services.Envs->settings().EnvironmentPath)
    Paths.push_back(P);
  Json Envs = Json::object();
  for (const EnvironmentLayout &L : Services.Envs->list()) {
    Json Settings = Json::object();
    Settings["modulepath"] = L.ModulePath;
    Settings["manifest"] = L.Manifest;
    const int Timeout = Services.Envs->settings().TimeoutSeconds;
    Settings["environment_timeout"] =
        Timeout < 0 ? Json("unlimited") : Json(Timeout);
    Settings["config_version"] = L.ConfigVersion;
    Envs[L.Name] = Json{{"settings", std::move(Settings)}};
  }
  Json J = Json::object();
  J["search_paths"] = std::move(Paths);
  J["environments"] = std::move(Envs);
  return jsonOk(J);
}
