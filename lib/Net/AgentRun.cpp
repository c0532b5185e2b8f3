//===- AgentRun.cpp - One agent run against a master ----------------------===//
//
// shared/docs/puppet-wire-protocol.md sections 1.3-1.6: node request (for
// the server's environment; a failure is a warning), facts, the catalog
// POST with double-encoded facts (refetched when the server names another
// environment, at most 4 times), the apply with sources fetched from the
// server, the report PUT. The last good catalog is cached (not in noop) and
// used when the catalog request fails and usecacheonfailure is on. A report
// that cannot be delivered is spooled atomically and delivered, oldest
// first, before the report of the next run that reaches the server.
//
//===----------------------------------------------------------------------===//
#include "cppet/Net/Agent.h"

#include "cppet/Apply/Run.h"
#include "cppet/Apply/Transaction.h"
#include "cppet/Compile/Compiler.h"
#include "cppet/Facts/Facts.h"
#include "cppet/Support/FileSystem.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>
#include <sys/stat.h>

using namespace cppet;
using namespace cppet::net;
using catalog::Json;

namespace {

llvm::Error failure(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

double since(std::chrono::steady_clock::time_point T) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - T)
      .count();
}

void log(apply::Report &R, const AgentConfig &C, const std::string &Level,
         const std::string &Message) {
  apply::logRun(R, C.OnLog, Level, Message, C.Debug);
}

std::string
query(std::initializer_list<std::pair<const char *, std::string>> Params) {
  std::string Q;
  for (const auto &[K, V] : Params) {
    Q += Q.empty() ? '?' : '&';
    Q += K;
    Q += '=';
    Q += formEncode(V);
  }
  return Q;
}

/// The catalog from a response body or the cache: rich data decoded, then
/// read as `cppet-agent apply --catalog` reads a file.
llvm::Expected<catalog::Catalog> parseCatalog(llvm::StringRef Body,
                                              llvm::StringRef What) {
  Json J = Json::parse(Body.begin(), Body.end(), nullptr,
                       /*allow_exceptions=*/false);
  if (J.is_discarded())
    return failure("Could not parse " + What + ": not JSON");
  auto C = catalog::Catalog::fromJson(J);
  if (C)
    catalog::decodeRichData(*C);
  return C;
}

std::string cachePath(const AgentConfig &C) {
  return C.Vardir + "/client_data/catalog/" + C.Certname + ".json";
}

std::string spoolDir(const AgentConfig &C) { return C.Statedir + "/spool"; }

llvm::Expected<Response> putReport(Client &Cli, const std::string &Host,
                                   const std::string &Environment,
                                   llvm::StringRef Json) {
  return expectOk(Cli.put("/puppet/v3/report/" + pathEncode(Host) +
                              query({{"environment", Environment}}),
                          Json, "application/json", AcceptJson));
}

/// Delivers the spooled reports, oldest first; stops at the first that
/// cannot be sent (it stays). Returns whether the spool is empty now.
bool deliverSpool(Client &Cli, const AgentConfig &C, apply::Report &R) {
  for (const std::string &Path : spooledReports(spoolDir(C))) {
    auto Text = readFile(Path);
    if (!Text) {
      log(R, C, "warning", llvm::toString(Text.takeError()));
      continue;
    }
    Json J = Json::parse(*Text, nullptr, false);
    if (!J.is_object()) {
      log(R, C, "warning", "Removing the unreadable spooled report " + Path);
      llvm::sys::fs::remove(Path);
      continue;
    }
    std::string Host = J.value("host", C.Certname);
    std::string Env = J.value("environment", C.Environment);
    auto Sent = putReport(Cli, Host, Env, *Text);
    if (!Sent) {
      llvm::Error E = Sent.takeError();
      int Status = httpStatusOf(E);
      std::string Message = llvm::toString(std::move(E));
      if (Status == 400) {
        // The server will never take it.
        log(R, C, "warning",
            (llvm::Twine("The server refused the spooled report ") + Path +
             ", removing it: " + Message)
                .str());
        llvm::sys::fs::remove(Path);
        continue;
      }
      log(R, C, "warning",
          (llvm::Twine("Could not send the spooled report ") + Path + ": " +
           Message)
              .str());
      return false;
    }
    log(R, C, "notice",
        "Sent the spooled report of transaction " +
            J.value("transaction_uuid", std::string("?")));
    llvm::sys::fs::remove(Path);
  }
  return true;
}

/// The end of every run: state files, then the report (after the spooled
/// ones), spooled itself when it cannot be delivered.
void finishRun(const AgentConfig &C, Client *Cli, apply::Report &R,
               std::chrono::steady_clock::time_point Start) {
  (void)Start;
  for (const std::string &W : apply::writeRunFiles(R, C.Statedir))
    log(R, C, "warning", W);
  if (!C.SendReport)
    return;
  std::string Text;
  {
    llvm::raw_string_ostream OS(Text);
    R.writeJson(OS);
  }
  std::string Problem;
  if (!Cli) {
    Problem = "no connection to the server";
  } else if (!deliverSpool(*Cli, C, R)) {
    Problem = "the spooled reports could not be delivered first";
  } else if (auto Sent = putReport(*Cli, R.Host, R.Environment, Text); !Sent) {
    Problem = llvm::toString(Sent.takeError());
    log(R, C, "err", "Could not send report: " + Problem);
  } else {
    return;
  }
  if (llvm::Error E = spoolReport(spoolDir(C), Text, R.TransactionUuid))
    log(R, C, "err",
        "Could not spool the report: " + llvm::toString(std::move(E)));
  else
    log(R, C, "notice",
        "The report was spooled in " + spoolDir(C) +
            "; it is sent at the next run that reaches the server");
}

/// Pluginsync of the pluginfacts mount (modules' facts.d: external facts)
/// into Dest, as Puppet's downloader does it: a recursive file_metadatas
/// search, file_content for what differs, modes as the server has them
/// (source_permissions=use), local files the server does not list purged.
/// The plugins mount (Ruby) is only probed: its 404 says the environment
/// does not exist. Failures are warnings; the run goes on.
void pluginsync(Client &Cli, const AgentConfig &C, const std::string &Env,
                const std::string &Dest, apply::Report &R) {
  auto Probe = Cli.get("/puppet/v3/file_metadatas/plugins" +
                           query({{"recurse", "false"},
                                  {"links", "manage"},
                                  {"checksum_type", "sha256"},
                                  {"source_permissions", "ignore"},
                                  {"environment", Env}}),
                       AcceptJson);
  if (!Probe) {
    log(R, C, "warning",
        "Skipping pluginsync: " + llvm::toString(Probe.takeError()));
    return;
  }
  if (Probe->Status == 404) {
    log(R, C, "notice",
        "Environment '" + Env +
            "' not found on server, skipping initial pluginsync.");
    return;
  }
  log(R, C, "info", "Retrieving pluginfacts");
  auto Listing = expectOk(Cli.get("/puppet/v3/file_metadatas/pluginfacts" +
                                      query({{"recurse", "true"},
                                             {"max_files", "-1"},
                                             {"ignore", ".svn"},
                                             {"ignore", "CVS"},
                                             {"ignore", ".git"},
                                             {"ignore", ".hg"},
                                             {"links", "follow"},
                                             {"checksum_type", "sha256"},
                                             {"source_permissions", "use"},
                                             {"environment", Env}}),
                                  AcceptJson));
  if (!Listing) {
    llvm::Error Err = Listing.takeError();
    if (httpStatusOf(Err) == 404) {
      // puppetserver lists at least "." even when no module has facts.d;
      // a master that answers 404 has nothing to sync either.
      log(R, C, "debug",
          "No pluginfacts on the server: " + llvm::toString(std::move(Err)));
      return;
    }
    log(R, C, "warning",
        "Could not retrieve pluginfacts: " + llvm::toString(std::move(Err)));
    return;
  }
  Json Entries = Json::parse(Listing->Body, nullptr, false);
  if (!Entries.is_array()) {
    log(R, C, "warning", "Could not retrieve pluginfacts: not a JSON array");
    return;
  }
  if (std::error_code EC = llvm::sys::fs::create_directories(Dest)) {
    log(R, C, "warning", "Could not create " + Dest + ": " + EC.message());
    return;
  }
  std::set<std::string> Listed;
  for (const Json &E : Entries) {
    if (!E.is_object() || !E.contains("relative_path") ||
        !E["relative_path"].is_string())
      continue;
    std::string Rel = E["relative_path"].get<std::string>();
    if (Rel == ".")
      continue;
    if (!isRelativeInsideTree(Rel))
      continue; // never outside Dest
    std::string Path = Dest + "/";
    Path += Rel;
    Listed.insert(Path);
    std::string Type = E.value("type", std::string("file"));
    unsigned Mode = E.value("mode", 0644U) & 07777;
    if (Type == "directory") {
      if (!llvm::sys::fs::is_directory(Path)) {
        llvm::sys::fs::remove(Path);
        if (!llvm::sys::fs::create_directories(Path))
          log(R, C, "notice", "/File[" + Path + "]/ensure: created");
      }
      ::chmod(Path.c_str(), Mode);
      continue;
    }
    std::string Want;
    if (E.contains("checksum") && E["checksum"].is_object())
      Want = E["checksum"].value("value", std::string());
    if (llvm::StringRef(Want).startswith("{sha256}"))
      Want = Want.substr(8);
    auto Have = readFile(Path);
    bool Exists = static_cast<bool>(Have);
    if (!Have)
      llvm::consumeError(Have.takeError());
    if (Exists && !Want.empty() && sha256Hex(*Have) == Want) {
      ::chmod(Path.c_str(), Mode);
      continue;
    }
    auto Body =
        expectOk(Cli.get("/puppet/v3/file_content/pluginfacts/" +
                             pathEncode(Rel) + query({{"environment", Env}}),
                         AcceptBinary));
    if (!Body) {
      log(R, C, "warning",
          "Could not retrieve pluginfacts/" + Rel + ": " +
              llvm::toString(Body.takeError()));
      continue;
    }
    if (llvm::Error Err = writeFileAtomically(Path, Body->Body, Mode)) {
      log(R, C, "warning", llvm::toString(std::move(Err)));
      continue;
    }
    log(R, C, "notice",
        "/File[" + Path + "]/" +
            (Exists ? "content: content changed to '{sha256}"
                    : "ensure: defined content as '{sha256}") +
            sha256Hex(Body->Body) + "'");
  }
  // Purge what the server no longer has (deepest first).
  std::vector<std::string> Local;
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(Dest, EC), End;
       !EC && It != End; It.increment(EC))
    Local.push_back(It->path());
  std::sort(Local.rbegin(), Local.rend());
  for (const std::string &Path : Local) {
    if (Listed.count(Path))
      continue;
    if (llvm::sys::fs::is_directory(Path))
      llvm::sys::fs::remove_directories(Path);
    else
      llvm::sys::fs::remove(Path);
    log(R, C, "notice", "/File[" + Path + "]/ensure: removed");
  }
}

/// The environment the master places the node in (the node request), or
/// Env when it cannot say; a failure is a warning, as in Puppet.
std::string nodeEnvironment(Client &Cli, const AgentConfig &C,
                            const std::string &Env, apply::Report &R) {
  auto Node =
      expectOk(Cli.get("/puppet/v3/node/" + pathEncode(C.Certname) +
                           query({{"environment", Env},
                                  {"configured_environment", C.Environment},
                                  {"transaction_uuid", R.TransactionUuid}}),
                       AcceptJson));
  if (!Node) {
    log(R, C, "warning",
        "Unable to fetch my node definition, but the agent run will "
        "continue:");
    log(R, C, "warning", llvm::toString(Node.takeError()));
    return Env;
  }
  Json J = Json::parse(Node->Body, nullptr, false);
  if (!J.is_object() || !J.contains("environment") ||
      !J["environment"].is_string() || J["environment"] == Env)
    return Env;
  std::string Server = J["environment"].get<std::string>();
  log(R, C, "notice",
      "Local environment: '" + Env +
          "' doesn't match server specified node environment '" + Server +
          "', switching agent to '" + Server + "'.");
  return Server;
}

/// Facter's facts plus what Puppet's agent adds.
llvm::Expected<Json> agentFacts(const AgentConfig &C, const std::string &FactsD,
                                apply::Report &R) {
  log(R, C, "info", "Loading facts");
  facts::FactOptions FO;
  FO.ExternalDirs.push_back(FactsD);
  std::vector<std::string> Warnings;
  auto Facts = facts::collectFacts(FO, &Warnings);
  for (const std::string &W : Warnings)
    log(R, C, "warning", W);
  if (!Facts)
    return Facts.takeError();
  (*Facts)["puppetversion"] = AgentPuppetVersion;
  (*Facts)["clientcert"] = C.Certname;
  (*Facts)["clientversion"] = AgentPuppetVersion;
  (*Facts)["clientnoop"] = C.Noop;
  if (C.EnvironmentFromCommandLine)
    (*Facts)["agent_specified_environment"] = C.Environment;
  return Facts;
}

/// A catalog and its body as received (what the cache keeps).
struct Retrieved {
  catalog::Catalog Catalog;
  std::string Body;
};

/// The catalog POST, again in the environment the master names when it
/// answers for another one (at most 4 fetches, as Puppet). Env becomes the
/// environment the catalog is for.
llvm::Expected<Retrieved> retrieveCatalog(Client &Cli, const AgentConfig &C,
                                          const Json &Facts, std::string &Env,
                                          apply::Report &R) {
  for (int Fetch = 0; Fetch < 4; ++Fetch) {
    Json Doc = factsDocument(C.Certname, Facts, C.RunIntervalSeconds);
    auto Resp = expectOk(
        Cli.post("/puppet/v3/catalog/" + pathEncode(C.Certname) +
                     query({{"environment", Env}}),
                 catalogRequestBody(Doc, Env, C.Environment, R.TransactionUuid),
                 "application/x-www-form-urlencoded", AcceptCatalog));
    if (!Resp)
      return Resp.takeError();
    auto Parsed = parseCatalog(Resp->Body, "the catalog");
    if (!Parsed)
      return Parsed.takeError();
    if (Parsed->Environment == Env)
      return Retrieved{std::move(*Parsed), std::move(Resp->Body)};
    log(R, C, "notice",
        "Local environment: '" + Env +
            "' doesn't match server specified environment '" +
            Parsed->Environment + "', restarting agent run with environment '" +
            Parsed->Environment + "'");
    Env = Parsed->Environment;
  }
  return failure("Catalog environment didn't stabilize after 4 fetches, "
                 "aborting run");
}

/// Calls the catalog's Deferred values with the node's facts, as Puppet's
/// agent does before applying (preprocess_deferred); the functions' log
/// lines go to the run's log. The functions are the built-in ones: an
/// agent has no manifests.
llvm::Error resolveDeferredValues(catalog::Catalog &Cat, const Json &Facts,
                                  const AgentConfig &C, apply::Report &R) {
  SourceManager SM;
  DiagnosticEngine Diags(SM);
  Diags.setNodeName(C.Certname);
  EnvironmentConfig Config;
  Config.Name = Cat.Environment;
  Environment Env(Config, SM);
  CompileOptions Opts;
  Opts.NodeName = C.Certname;
  Opts.Facts = Facts;
  llvm::Error E = resolveDeferred(Cat, Env, Opts, Diags);
  for (const Diagnostic &D : Diags.getDiagnostics())
    log(R, C, D.Level == Severity::Warning ? "warning" : D.Id, D.Message);
  return E;
}

/// Keeps the catalog body for runs whose catalog request fails.
void cacheCatalog(const AgentConfig &C, llvm::StringRef Body,
                  apply::Report &R) {
  log(R, C, "info", "Caching catalog for " + C.Certname);
  std::string Path = cachePath(C);
  std::error_code EC =
      llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path));
  llvm::Error E = EC ? failure("Could not create the directory of " + Path +
                               ": " + EC.message())
                     : writeFileAtomically(Path, Body, 0640);
  if (E)
    log(R, C, "warning",
        "Could not cache the catalog: " + llvm::toString(std::move(E)));
}

/// The cached catalog, when there is one for Env (usecacheonfailure).
std::optional<catalog::Catalog>
cachedCatalog(const AgentConfig &C, const std::string &Env, apply::Report &R) {
  if (!llvm::sys::fs::exists(cachePath(C)))
    return std::nullopt;
  auto Text = readFile(cachePath(C));
  auto Cached = Text ? parseCatalog(*Text, "the cached catalog")
                     : llvm::Expected<catalog::Catalog>(Text.takeError());
  if (!Cached) {
    log(R, C, "err",
        "Could not read the cached catalog: " +
            llvm::toString(Cached.takeError()));
    return std::nullopt;
  }
  if (Cached->Environment != Env) {
    log(R, C, "err",
        "Not using cached catalog because its environment '" +
            Cached->Environment + "' does not match '" + Env + "'");
    return std::nullopt;
  }
  log(R, C, "notice",
      "Using cached catalog from environment '" + Cached->Environment + "'");
  return std::move(*Cached);
}

} // namespace

std::string net::catalogRequestBody(const Json &Facts,
                                    const std::string &Environment,
                                    const std::string &ConfiguredEnvironment,
                                    const std::string &TransactionUuid) {
  return formBody({{"facts_format", "application/json"},
                   {"facts", uriEncode(Facts.dump())},
                   {"environment", Environment},
                   {"configured_environment", ConfiguredEnvironment},
                   {"check_environment", "true"},
                   {"transaction_uuid", TransactionUuid},
                   {"job_uuid", ""},
                   {"static_catalog", "true"},
                   {"checksum_type", "sha256.sha384.sha512.sha224.md5"}});
}

Json net::factsDocument(const std::string &Certname, Json Values,
                        int ExpirationSeconds) {
  int64_t Now = apply::nowNanoseconds();
  Json J = Json::object();
  J["name"] = Certname;
  J["values"] = std::move(Values);
  J["timestamp"] = apply::formatTimestamp(Now);
  J["expiration"] = apply::formatTimestamp(
      Now + static_cast<int64_t>(ExpirationSeconds) * 1000000000);
  return J;
}

llvm::Error net::spoolReport(const std::string &SpoolDir, llvm::StringRef Json,
                             const std::string &TransactionUuid) {
  if (std::error_code EC = llvm::sys::fs::create_directories(SpoolDir))
    return failure("Could not create " + SpoolDir + ": " + EC.message());
  // Names sort by time: delivery goes oldest first.
  char Stamp[32];
  std::snprintf(Stamp, sizeof(Stamp), "%019lld",
                static_cast<long long>(apply::nowNanoseconds()));
  std::string Name = std::string(Stamp) + "-" + TransactionUuid + ".json";
  return writeFileAtomically(SpoolDir + "/" + Name, Json, 0640);
}

std::vector<std::string> net::spooledReports(const std::string &SpoolDir) {
  std::vector<std::string> Out;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(SpoolDir, EC), End;
       !EC && It != End; It.increment(EC)) {
    llvm::StringRef Name = llvm::sys::path::filename(It->path());
    if (Name.endswith(".json") && !Name.startswith("."))
      Out.push_back(It->path());
  }
  std::sort(Out.begin(), Out.end());
  return Out;
}

llvm::Expected<RunOutcome> net::runAgentOnce(const AgentConfig &C) {
  auto Start = std::chrono::steady_clock::now();
  // One run at a time.
  std::string LockPath = C.Statedir + "/agent_catalog_run.lock";
  auto Lock = LockFile::acquire(LockPath);
  if (!Lock) {
    llvm::consumeError(Lock.takeError());
    return failure("Run of Puppet configuration client already in progress; "
                   "skipping  (" +
                   LockPath + " exists)");
  }
  auto Cli = agentClient(C, C.Server, C.Port);
  if (!Cli)
    return Cli.takeError();
  Client &Master = **Cli;

  RunOutcome Out;
  apply::Report &R = Out.Report;
  R.Host = C.Certname;
  R.PuppetVersion = AgentPuppetVersion;
  R.TransactionUuid = apply::newUuid();
  R.Noop = C.Noop;
  std::string Env = C.Environment;
  R.Environment = Env;
  log(R, C, "info", "Using environment '" + Env + "'");

  // The node request: the master (ENC) may place the node elsewhere; not
  // asked when the environment was given on the command line.
  if (!C.EnvironmentFromCommandLine) {
    auto NodeStart = std::chrono::steady_clock::now();
    Env = nodeEnvironment(Master, C, Env, R);
    R.addTime("node_retrieval", since(NodeStart));
  }

  // Pluginsync (external facts only), then the facts.
  std::string FactsD = C.Vardir + "/facts.d";
  if (C.PluginSync) {
    auto SyncStart = std::chrono::steady_clock::now();
    pluginsync(Master, C, Env, FactsD, R);
    R.addTime("plugin_sync", since(SyncStart));
  }
  auto FactStart = std::chrono::steady_clock::now();
  auto Facts = agentFacts(C, FactsD, R);
  if (!Facts) {
    log(R, C, "err",
        "Could not retrieve local facts: " + llvm::toString(Facts.takeError()));
    finishRun(C, &Master, R, Start);
    return Out;
  }
  R.addTime("fact_generation", since(FactStart));

  // The catalog, or the cached one when it cannot be had.
  auto CatalogStart = std::chrono::steady_clock::now();
  std::optional<catalog::Catalog> Cat;
  if (auto Got = retrieveCatalog(Master, C, *Facts, Env, R)) {
    if (!C.Noop)
      cacheCatalog(C, Got->Body, R);
    Cat = std::move(Got->Catalog);
  } else {
    log(R, C, "err",
        "Could not retrieve catalog from remote server: " +
            llvm::toString(Got.takeError()));
    if (C.UseCacheOnFailure)
      if ((Cat = cachedCatalog(C, Env, R)))
        R.CachedCatalogStatus = "on_failure";
  }
  R.Environment = Env;
  R.addTime("config_retrieval", since(CatalogStart));
  if (!Cat) {
    log(R, C, "err", "Could not retrieve catalog; skipping run");
    finishRun(C, &Master, R, Start);
    return Out;
  }
  if (Cat->Name.empty())
    Cat->Name = C.Certname;
  // The cache keeps them unresolved: no resolved secret is written there.
  if (llvm::Error E = resolveDeferredValues(*Cat, *Facts, C, R)) {
    log(R, C, "err",
        "Failed to apply catalog: " + llvm::toString(std::move(E)));
    finishRun(C, &Master, R, Start);
    return Out;
  }

  log(R, C, "info",
      "Applying configuration version '" + std::to_string(Cat->Version) + "'");
  RemoteFileFetcher Fetcher(C, Master, Env,
                            C.Vardir + "/client_data/file_content");
  apply::ApplyOptions AO;
  AO.Noop = C.Noop;
  AO.Tags = C.Tags;
  AO.Debug = C.Debug;
  AO.BucketDir = C.ClientBucketDir;
  AO.Fetcher = &Fetcher;
  AO.OnLog = C.OnLog;
  apply::applyRun(R, std::make_shared<const catalog::Catalog>(std::move(*Cat)),
                  AO, C.Statedir);
  Fetcher.prune();
  Out.Applied = true;
  finishRun(C, &Master, R, Start);
  return Out;
}
