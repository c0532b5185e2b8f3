//===- Client.h - The agent's HTTPS client ----------------------*- C++ -*-===//
//
// One server (host, port) over HTTPS as Puppet 7's agent talks to it
// (shared/docs/puppet-wire-protocol.md section 0): the server verified
// against the Puppet CA bundle and, when given, its CRL, with the host name
// checked against the certificate; the client certificate shown when there
// is one; Puppet's headers on every request. An insecure mode (nothing
// verified, no client certificate) is for the very first CA download. The
// HTTP library stays in Client.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_NET_CLIENT_H
#define CPPET_NET_CLIENT_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cppet::net {

/// The Puppet version the agent speaks as (X-Puppet-Version, reports).
inline constexpr const char *AgentPuppetVersion = "7.23.0";

/// The Accept lists Puppet's agent sends.
inline constexpr const char *AcceptText = "text/plain";
inline constexpr const char *AcceptJson = "application/json, text/pson";
inline constexpr const char *AcceptCatalog =
    "application/vnd.puppet.rich+json, application/json, text/pson";
inline constexpr const char *AcceptBinary = "application/octet-stream";

enum class RevocationCheck { None, Leaf, Chain };

struct ClientOptions {
  std::string Host;
  int Port = 8140;
  /// PEM bundle of the CA certificates the server must chain to. Required
  /// unless Insecure.
  std::string CAFile;
  /// PEM CRL bundle; checked as Revocation says when not empty.
  std::string CrlFile;
  RevocationCheck Revocation = RevocationCheck::Chain;
  /// The client certificate and key (PEM files), shown when both are set.
  std::string CertFile;
  std::string KeyFile;
  /// Verify nothing (the first CA download, as Puppet's NeedCACerts).
  bool Insecure = false;
  int ConnectTimeoutSeconds = 120;
  int ReadTimeoutSeconds = 600;
  /// On 429/503 with Retry-After, wait at most this long before asking
  /// again (Puppet: runinterval); 0 never retries.
  int64_t MaxRetryAfterSeconds = 1800;
};

struct Response {
  int Status = 0;
  std::string Body;
  /// Without parameters (";charset=..." removed), lower case.
  std::string ContentType;
  std::vector<std::pair<std::string, std::string>> Headers;

  bool ok() const { return Status >= 200 && Status < 300; }
  /// The first header named Name (case-insensitive), or "".
  std::string header(llvm::StringRef Name) const;
};

/// A failed request: Status is 0 when no response arrived (connection,
/// TLS), else the HTTP status. The message is Puppet's: "Error 404 on
/// SERVER: Not Found: ..." (the JSON body's "message", or the text body).
class HttpError : public llvm::ErrorInfo<HttpError> {
public:
  static char ID;
  HttpError(int Status, std::string Message)
      : Status(Status), Message(std::move(Message)) {}
  int status() const { return Status; }
  const std::string &text() const { return Message; }
  void log(llvm::raw_ostream &OS) const override;
  std::error_code convertToErrorCode() const override;

private:
  int Status;
  std::string Message;
};

/// The status of an HttpError (0 for transport errors and other errors);
/// E keeps its payload.
int httpStatusOf(llvm::Error &E);

/// The error for a non-2xx response, Puppet-worded.
llvm::Error responseError(const Response &R);

/// The wait a Retry-After header asks for (seconds, or an HTTP date
/// relative to Now, never negative); nothing when it is neither.
std::optional<int64_t> retryAfterSeconds(llvm::StringRef Header, int64_t Now);

/// Ruby's URI.encode_www_form_component: unreserved characters (letters,
/// digits, `*-._`) stay, space becomes `+`, the rest is %XX.
std::string formEncode(llvm::StringRef Value);
/// Puppet::Util.uri_query_encode: %XX except unreserved characters
/// (`-._~`, letters and digits); space becomes %20.
std::string uriEncode(llvm::StringRef Value);
/// Percent-encodes a URL path (keeps `/`).
std::string pathEncode(llvm::StringRef Path);
/// name=value pairs joined with `&`, values form-encoded.
std::string
formBody(llvm::ArrayRef<std::pair<std::string, std::string>> Fields);
/// Decodes %XX and `+` (form values).
std::string formDecode(llvm::StringRef Value);

class Client {
public:
  static llvm::Expected<std::unique_ptr<Client>>
  create(const ClientOptions &Options);
  ~Client();

  /// A request; any HTTP status is a Response, only transport failures
  /// are errors. Path includes the query string.
  llvm::Expected<Response>
  get(const std::string &Path, llvm::StringRef Accept,
      llvm::ArrayRef<std::pair<std::string, std::string>> Headers = {});
  llvm::Expected<Response> put(const std::string &Path, llvm::StringRef Body,
                               llvm::StringRef ContentType,
                               llvm::StringRef Accept);
  llvm::Expected<Response> post(const std::string &Path, llvm::StringRef Body,
                                llvm::StringRef ContentType,
                                llvm::StringRef Accept);
  /// DELETE (the CA API's certificate_status, for `cppet-master cert`).
  llvm::Expected<Response> del(const std::string &Path, llvm::StringRef Accept);

  /// https://host:port
  std::string baseUrl() const;
  const ClientOptions &options() const;

private:
  struct Impl;
  explicit Client(std::unique_ptr<Impl> I);
  std::unique_ptr<Impl> I;
};

/// The same request, with non-2xx responses turned into responseError().
llvm::Expected<Response> expectOk(llvm::Expected<Response> R);

} // namespace cppet::net

#endif // CPPET_NET_CLIENT_H
