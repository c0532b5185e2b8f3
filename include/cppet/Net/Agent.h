//===- Agent.h - The agent's run mode ---------------------------*- C++ -*-===//
//
// Puppet 7's agent against a master (shared/docs/puppet-wire-protocol.md
// sections 1.1-1.6): the SSL bootstrap state machine (CA certificate, CRL,
// key, CSR, signed certificate, all in a Puppet-shaped ssldir), then a run:
// node request, facts, catalog POST (double-encoded facts), apply with
// `puppet:///` sources fetched from the server, report PUT. The catalog is
// cached for runs whose catalog request fails; reports that cannot be sent
// are spooled and sent at the next contact.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_NET_AGENT_H
#define CPPET_NET_AGENT_H

#include "cppet/Apply/Report.h"
#include "cppet/Apply/ResourceType.h"
#include "cppet/Net/Client.h"

#include "llvm/Support/Error.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace cppet::net {

/// The settings a run reads (from cppet.conf/puppet.conf and the command
/// line; see tools/cppet-agent/AgentCommand.cpp).
struct AgentConfig {
  std::string Server = "puppet";
  int Port = 8140;
  std::string CAServer;
  int CAPort = 0;
  std::string Certname;
  std::string Ssldir;
  std::string Vardir;
  std::string Statedir;
  std::string ClientBucketDir;
  /// The environment asked for, and whether it came from the command line
  /// (then the node request is skipped, as Puppet does).
  std::string Environment = "production";
  bool EnvironmentFromCommandLine = false;
  /// The SHA256 of the CA bundle the first download must match (hex,
  /// colons and case ignored); empty: trusted on first use.
  std::string CAFingerprint;
  std::string CsrAttributesFile;
  std::vector<std::string> DnsAltNames;
  unsigned KeyLength = 4096;
  /// Seconds between certificate polls; 0: give up at once.
  int WaitForCertSeconds = 120;
  /// Give up waiting for the certificate after this many seconds (<= 0:
  /// never).
  int MaxWaitForCertSeconds = 0;
  RevocationCheck Revocation = RevocationCheck::Chain;
  bool Noop = false;
  bool UseCacheOnFailure = true;
  bool SendReport = true;
  /// Pluginsync of the pluginfacts mount into $vardir/facts.d (read as
  /// external facts).
  bool PluginSync = true;
  int RunIntervalSeconds = 1800;
  int ConnectTimeoutSeconds = 120;
  int ReadTimeoutSeconds = 600;
  std::vector<std::string> Tags;
  bool Debug = false;
  /// Called for every log line (the console); the run also keeps them in
  /// its report.
  std::function<void(const apply::LogEntry &)> OnLog;
  /// Sleeps between certificate polls (tests and the daemon can interrupt
  /// it: return false to stop waiting).
  std::function<bool(int Seconds)> Sleep;
};

/// Where the agent keeps its credentials (Puppet's ssldir layout, §2.5).
struct SslPaths {
  std::string CACert;      // certs/ca.pem
  std::string Crl;         // crl.pem
  std::string PrivateKey;  // private_keys/<certname>.pem (0600)
  std::string PublicKey;   // public_keys/<certname>.pem
  std::string Certificate; // certs/<certname>.pem
  std::string Request;     // certificate_requests/<certname>.pem
  std::string Lock;        // ssl.lock
  static SslPaths of(const std::string &Ssldir, const std::string &Certname);
};

/// Puppet's SSL state machine (§1.2): returns once the agent has a CA
/// bundle, a CRL (unless revocation checking is off), a key and a signed
/// certificate that matches it. While the certificate is not signed it
/// polls every WaitForCertSeconds; with 0 it fails with "Exiting now
/// because the waitforcert setting is set to 0.".
llvm::Error bootstrapSsl(const AgentConfig &Config);

/// A client for Host:Port with the agent's credentials (mTLS, CRL).
llvm::Expected<std::unique_ptr<Client>>
agentClient(const AgentConfig &Config, const std::string &Host, int Port);

/// Lower-case hex SHA256 of Data.
std::string sha256Hex(llvm::StringRef Data);

/// Whether a file_metadatas entry's relative_path names something inside
/// the tree it was listed for: not absolute, no empty, `.` or `..` part.
bool isRelativeInsideTree(llvm::StringRef Rel);

/// Reads `puppet:///MOUNT/PATH` (and `puppet://HOST[:PORT]/...`) from the
/// server's file_metadata and file_content endpoints. A file source is
/// kept in CacheDir under its SHA256, so file_content is fetched only when
/// the server's checksum is new; a directory source (recurse) is mirrored
/// from file_metadatas into CacheDir/trees/ for the file type to walk.
/// What a run did not use is removed by prune().
class RemoteFileFetcher final : public apply::FileFetcher {
public:
  RemoteFileFetcher(const AgentConfig &Config, Client &Default,
                    std::string Environment, std::string CacheDir);
  ~RemoteFileFetcher() override;
  /// The cached copy of a file source (fetched first when needed); nothing
  /// for a source that is missing on the server, not a file, or cannot be
  /// had (content() then says why).
  std::optional<std::string> localPath(llvm::StringRef Source) override;
  llvm::Expected<std::string> content(llvm::StringRef Source) override;
  /// The file_metadata of Source (404 is an error with status 404).
  llvm::Expected<catalog::Json> metadata(llvm::StringRef Source);
  /// Removes the cached files this fetcher did not use.
  void prune();

private:
  struct Location {
    Client *Server;
    std::string Path; // mount path, without the leading slash
  };
  llvm::Expected<Location> locate(llvm::StringRef Source);
  llvm::Expected<std::string> fetch(llvm::StringRef Source);
  /// The cached copy of the file whose SHA256 is Hex (fetched from Source
  /// when the cache does not have it).
  llvm::Expected<std::string> blob(llvm::StringRef Source,
                                   const std::string &Hex);
  llvm::Expected<std::string> mirror(llvm::StringRef Source);
  const AgentConfig &Config;
  Client &Default;
  std::string Environment;
  std::string CacheDir;
  std::map<std::string, std::unique_ptr<Client>> Others;
  /// Source -> cached path (or nothing), once per run.
  std::map<std::string, std::optional<std::string>, std::less<>> Resolved;
  std::set<std::string> Used;
};

/// The catalog POST body (§1.4): facts URL-encoded twice.
std::string catalogRequestBody(const catalog::Json &Facts,
                               const std::string &Environment,
                               const std::string &ConfiguredEnvironment,
                               const std::string &TransactionUuid);

/// The facts document (§3.2): name, values, timestamp, expiration.
catalog::Json factsDocument(const std::string &Certname, catalog::Json Values,
                            int ExpirationSeconds);

/// Spooled reports (§1.6 plus cppet's rule that no report is lost):
/// StateDir/spool/<time>-<uuid>.json.
llvm::Error spoolReport(const std::string &SpoolDir, llvm::StringRef Json,
                        const std::string &TransactionUuid);
/// The spooled reports, oldest first.
std::vector<std::string> spooledReports(const std::string &SpoolDir);

/// What one run ended with.
struct RunOutcome {
  /// The report (also when the run failed before applying anything).
  apply::Report Report;
  /// Whether a catalog was applied at all.
  bool Applied = false;
};

/// One agent run (§1.3-1.6). Fails only when the run could not start (no
/// certificate); everything else ends up in the report.
llvm::Expected<RunOutcome> runAgentOnce(const AgentConfig &Config);

/// An exclusive lock on a file (flock), held while the object lives. The
/// file holds the pid of the holder.
class LockFile {
public:
  /// Fails with "... is locked by pid N" when another process holds it.
  static llvm::Expected<LockFile> acquire(const std::string &Path,
                                          bool Wait = false);
  LockFile(LockFile &&O) noexcept : Fd(O.Fd), Path(std::move(O.Path)) {
    O.Fd = -1;
  }
  LockFile &operator=(LockFile &&) = delete;
  ~LockFile();

private:
  LockFile(int Fd, std::string Path) : Fd(Fd), Path(std::move(Path)) {}
  int Fd;
  std::string Path;
};

} // namespace cppet::net

#endif // CPPET_NET_AGENT_H
