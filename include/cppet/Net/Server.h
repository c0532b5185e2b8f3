//===- Server.h - The master's HTTPS listener -------------------*- C++ -*-===//
//
// HTTPS over the CA's credentials: the server certificate and key of the
// CA's certname from the ssldir, client certificates requested but optional
// (verified against the CA and its CRL when shown; a revoked one fails the
// handshake, and the CRL is re-read when its file changes), explicit limits
// (body size, timeouts, a fixed worker pool with a bounded queue). The HTTP
// library stays in Server.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_NET_SERVER_H
#define CPPET_NET_SERVER_H

#include "cppet/Net/Routes.h"

#include "llvm/Support/Error.h"

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

namespace cppet::pki {
class CertificateAuthority;
}

namespace cppet::net {

struct ServerOptions {
  std::string BindAddress = "0.0.0.0";
  int Port = 8140;
  /// Request bodies above this are refused with 413.
  size_t PayloadMaxLength = size_t{16} * 1024 * 1024;
  int ReadTimeoutSeconds = 30;
  int WriteTimeoutSeconds = 30;
  int KeepAliveTimeoutSeconds = 5;
  /// Worker threads serving connections.
  unsigned Threads = 8;
  /// Accepted connections waiting for a worker; beyond this the listener
  /// stops accepting until a worker is free.
  size_t MaxQueuedConnections = 64;
  /// One line per request ("GET /path 200 (agent1.test)"), when set.
  std::function<void(const std::string &)> OnRequest;
};

class Server {
public:
  /// Sets up TLS from the CA's ssldir and binds the listening socket.
  /// Services are what the /puppet/v3 routes use (none: a CA-only
  /// server).
  static llvm::Expected<std::unique_ptr<Server>>
  create(pki::CertificateAuthority &CA, const std::string &Certname,
         const ServerOptions &Options, MasterServices Services = {});
  ~Server();

  /// Serves until stop(); returns an error if the listener failed.
  llvm::Error run();
  /// Makes run() return (also when called just before run() listens);
  /// safe from another thread, while run() is running or about to.
  void stop();
  /// The bound port (useful with Port = 0).
  int port() const;

private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> I);
  std::unique_ptr<Impl> I;
};

} // namespace cppet::net

#endif // CPPET_NET_SERVER_H
