//===- Routes.h - The master's HTTP routes ----------------------*- C++ -*-===//
//
// What the master answers, independent of the transport: a request (method,
// decoded path, body, the client's certname when it showed a verified
// certificate) in, a response (status, content type, body) out. For now the
// CA bootstrap endpoints of /puppet-ca/v1 and /status/v1/simple, open to
// unauthenticated clients as in Puppet's default auth.conf; everything else
// is refused with a plain-text body.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_NET_ROUTES_H
#define CPPET_NET_ROUTES_H

#include "llvm/ADT/StringRef.h"

#include <ctime>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

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
  /// The If-Modified-Since header (an HTTP date), or empty.
  std::string IfModifiedSince;
};

struct HttpResponse {
  int Status = 200;
  std::string ContentType = "text/plain";
  std::string Body;
};

/// An HTTP date (If-Modified-Since) as seconds since the epoch.
std::optional<time_t> parseHttpDate(llvm::StringRef Date);

/// The Puppet version the master claims in X-Puppet-Version.
constexpr const char *PuppetVersion = "7.23.0";

class MasterRoutes {
public:
  explicit MasterRoutes(pki::CertificateAuthority &CA) : CA(CA) {}

  /// Answers one request; safe to call from several threads (CA access is
  /// serialized).
  HttpResponse handle(const HttpRequest &Request);

private:
  HttpResponse handleCA(const HttpRequest &Request, llvm::StringRef Rest);
  pki::CertificateAuthority &CA;
  std::mutex CAMutex;
};

} // namespace cppet::net

#endif // CPPET_NET_ROUTES_H
