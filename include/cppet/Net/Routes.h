//===- Routes.h - The master's HTTP routes ----------------------*- C++ -*-===//
//
// What the master answers, independent of the transport: a request (method,
// decoded path, query, headers, body, the client's certname when it showed
// a verified certificate) in, a response (status, content type, body) out.
// Authorization follows Puppet's default auth.conf: unauthenticated clients
// reach only the CA bootstrap endpoints and the simple status; a node gets
// only its own node data and catalog and submits only its own report and
// facts; any authenticated node may read served files and list
// environments; everything else is refused with 403 and a plain-text body.
// /puppet/v3 errors are Puppet's JSON error bodies.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_NET_ROUTES_H
#define CPPET_NET_ROUTES_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <ctime>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cppet::pki {
class CertificateAuthority;
}

namespace cppet::net {

struct HttpRequest {
  std::string Method;
  /// The URL-decoded path, without the query string.
  std::string Path;
  std::string Body;
  /// The CN of the client's verified certificate; empty when none was shown.
  std::string PeerCertname;
  /// The verified certificate carries pp_cli_auth "true"
  /// (1.3.6.1.4.1.34380.1.3.39): auth.conf's admin rules (certificate_status).
  bool PeerIsAdmin = false;
  /// The If-Modified-Since header (an HTTP date), or empty.
  std::string IfModifiedSince;
  /// The decoded query parameters, in order (a key may repeat).
  std::vector<std::pair<std::string, std::string>> Query;
  std::string Accept;
  std::string ContentType;

  /// The first value of query parameter Key, if present.
  const std::string *query(llvm::StringRef Key) const;
};

struct HttpResponse {
  int Status = 200;
  std::string ContentType = "text/plain";
  std::string Body;
};

/// Decodes %XX escapes (and '+' as a space when PlusIsSpace); malformed
/// escapes are kept as written.
std::string percentDecode(llvm::StringRef Text, bool PlusIsSpace);
/// An application/x-www-form-urlencoded body as decoded key/value pairs.
std::vector<std::pair<std::string, std::string>>
parseForm(llvm::StringRef Body);

/// An HTTP date (If-Modified-Since) as seconds since the epoch.
std::optional<time_t> parseHttpDate(llvm::StringRef Date);

/// The Puppet version the master claims in X-Puppet-Version.
constexpr const char *PuppetVersion = "7.23.0";

class Environments;
class NodeClassifier;
class CatalogCompiler;

/// What the /puppet/v3 routes use; any may be null (the route then answers
/// 404 or 503), so a CA-only server needs none of them.
struct MasterServices {
  Environments *Envs = nullptr;
  NodeClassifier *Classifier = nullptr;
  CatalogCompiler *Compiler = nullptr;
  /// Keeps a report (Puppet's report JSON as the agent sent it); an error
  /// is answered with 400 and its message.
  std::function<llvm::Error(const std::string &Certname,
                            const std::string &ReportJson)>
      StoreReport;
  /// Keeps a node's latest facts (the facts document) and catalog.
  std::function<void(const std::string &Certname,
                     const std::string &Environment, const std::string &Json)>
      StoreFacts, StoreCatalog;
  /// Log lines for the operator (compile errors, stored reports).
  std::function<void(const std::string &Level, const std::string &Message)> Log;
};

class MasterRoutes {
public:
  explicit MasterRoutes(pki::CertificateAuthority &CA,
                        MasterServices Services = {})
      : CA(CA), Services(std::move(Services)) {}

  /// Answers one request; safe to call from several threads (CA access is
  /// serialized; compiles run in parallel).
  HttpResponse handle(const HttpRequest &Request);

private:
  HttpResponse handleCA(const HttpRequest &Request, llvm::StringRef Rest);
  HttpResponse handleV3(const HttpRequest &Request, llvm::StringRef Rest);
  HttpResponse catalog(const HttpRequest &Request, llvm::StringRef Name);
  HttpResponse node(const HttpRequest &Request, llvm::StringRef Name);
  HttpResponse files(const HttpRequest &Request, llvm::StringRef Endpoint,
                     llvm::StringRef Path);
  HttpResponse report(const HttpRequest &Request, llvm::StringRef Name);
  HttpResponse facts(const HttpRequest &Request, llvm::StringRef Name);
  HttpResponse environments(const HttpRequest &Request);
  pki::CertificateAuthority &CA;
  MasterServices Services;
  std::mutex CAMutex;
};

/// Puppet's default auth.conf for Request: true when allowed.
bool isAuthorized(const HttpRequest &Request);

} // namespace cppet::net

#endif // CPPET_NET_ROUTES_H
