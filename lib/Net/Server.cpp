//===- Server.cpp - The master's HTTPS listener ---------------------------===//
//
// cpp-httplib (Debian's libcpp-httplib, built with OpenSSL) over an SSL_CTX
// set up here: the server's certificate and the CA as its chain, client
// certificates requested (SSL_VERIFY_PEER without FAIL_IF_NO_PEER_CERT, as
// Jetty's `client-auth: want`), verified against the CA with the CRL. The
// CRL is re-read when ca_crl.pem changes, so a revocation made while the
// server runs takes effect on the next handshake.
//
//===----------------------------------------------------------------------===//
#include "cppet/Net/Server.h"

#include "cppet/Net/Routes.h"
#include "cppet/PKI/CertificateAuthority.h"

#include <httplib.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <fstream>
#include <sys/socket.h>
#include <sys/stat.h>
#include <thread>

using namespace cppet;
using namespace cppet::net;

namespace {

struct X509Free {
  void operator()(X509 *P) const { X509_free(P); }
};
struct X509CrlFree {
  void operator()(X509_CRL *P) const { X509_CRL_free(P); }
};
struct EvpPkeyFree {
  void operator()(EVP_PKEY *P) const { EVP_PKEY_free(P); }
};
struct BioFree {
  void operator()(BIO *P) const { BIO_free(P); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;
using X509CrlPtr = std::unique_ptr<X509_CRL, X509CrlFree>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyFree>;
using BioPtr = std::unique_ptr<BIO, BioFree>;

std::string openSSLError() {
  unsigned long Code = ERR_get_error();
  if (Code == 0)
    return "unknown OpenSSL error";
  char Buffer[256];
  ERR_error_string_n(Code, Buffer, sizeof(Buffer));
  ERR_clear_error();
  return Buffer;
}

BioPtr memoryBio(const std::string &Text) {
  return BioPtr(BIO_new_mem_buf(Text.data(), static_cast<int>(Text.size())));
}

X509Ptr parseCertificate(const std::string &Pem) {
  BioPtr Bio = memoryBio(Pem);
  return X509Ptr(Bio ? PEM_read_bio_X509(Bio.get(), nullptr, nullptr, nullptr)
                     : nullptr);
}

X509CrlPtr parseCrl(const std::string &Pem) {
  BioPtr Bio = memoryBio(Pem);
  return X509CrlPtr(
      Bio ? PEM_read_bio_X509_CRL(Bio.get(), nullptr, nullptr, nullptr)
          : nullptr);
}

std::string commonName(const X509 *Cert) {
  const X509_NAME *Subject = X509_get_subject_name(Cert);
  int Index = X509_NAME_get_index_by_NID(Subject, NID_commonName, -1);
  if (Index < 0)
    return "";
  const ASN1_STRING *Data =
      X509_NAME_ENTRY_get_data(X509_NAME_get_entry(Subject, Index));
  unsigned char *Utf8 = nullptr;
  int Length = ASN1_STRING_to_UTF8(&Utf8, Data);
  if (Length < 0)
    return "";
  std::string Name(reinterpret_cast<char *>(Utf8), Length);
  OPENSSL_free(Utf8);
  return Name;
}

/// The client's certname: the CN of a certificate that passed verification.
std::string peerCertname(const SSL *Ssl) {
  if (!Ssl || SSL_get_verify_result(Ssl) != X509_V_OK)
    return "";
  const X509 *Peer = SSL_get0_peer_certificate(Ssl);
  return Peer ? commonName(Peer) : "";
}

/// Whether the client's verified certificate carries pp_cli_auth "true"
/// (1.3.6.1.4.1.34380.1.3.39), the extension auth.conf's CA admin rules ask
/// for. Puppet encodes its extensions as a DER UTF8String; any ASN.1 string
/// holding "true" counts.
bool peerIsAdmin(const SSL *Ssl) {
  if (!Ssl || SSL_get_verify_result(Ssl) != X509_V_OK)
    return false;
  const X509 *Peer = SSL_get0_peer_certificate(Ssl);
  if (!Peer)
    return false;
  std::unique_ptr<ASN1_OBJECT, void (*)(ASN1_OBJECT *)> Oid(
      OBJ_txt2obj("1.3.6.1.4.1.34380.1.3.39", /*no_name=*/1), ASN1_OBJECT_free);
  const int Index = Oid ? X509_get_ext_by_OBJ(Peer, Oid.get(), -1) : -1;
  if (Index < 0)
    return false;
  const ASN1_OCTET_STRING *Data =
      X509_EXTENSION_get_data(X509_get_ext(Peer, Index));
  const unsigned char *Der = ASN1_STRING_get0_data(Data);
  const long Length = ASN1_STRING_length(Data);
  std::unique_ptr<ASN1_TYPE, void (*)(ASN1_TYPE *)> Value(
      d2i_ASN1_TYPE(nullptr, &Der, Length), ASN1_TYPE_free);
  ERR_clear_error();
  if (!Value || Der != ASN1_STRING_get0_data(Data) + Length)
    return false;
  switch (Value->type) {
  case V_ASN1_UTF8STRING:
  case V_ASN1_PRINTABLESTRING:
  case V_ASN1_IA5STRING:
  case V_ASN1_VISIBLESTRING: {
    const ASN1_STRING *Str = Value->value.asn1_string;
    return llvm::StringRef(
               reinterpret_cast<const char *>(ASN1_STRING_get0_data(Str)),
               ASN1_STRING_length(Str)) == "true";
  }
  default:
    return false;
  }
}

/// The CRL as of the last handshake: re-read when ca_crl.pem changes (a
/// new one is used only when the CA signed it).
struct RevocationList {
  EvpPkeyPtr CAKey;
  std::string Path;
  std::mutex Mutex;
  X509CrlPtr Crl;
  struct timespec Mtime = {};
  off_t Size = -1;

  void refresh();
  bool isRevoked(X509 *Cert);
};

void RevocationList::refresh() {
  struct stat St;
  if (stat(Path.c_str(), &St) != 0)
    return;
  if (St.st_mtim.tv_sec == Mtime.tv_sec &&
      St.st_mtim.tv_nsec == Mtime.tv_nsec && St.st_size == Size)
    return;
  std::ifstream In(Path);
  std::string Pem((std::istreambuf_iterator<char>(In)),
                  std::istreambuf_iterator<char>());
  X509CrlPtr Fresh = parseCrl(Pem);
  if (!Fresh || X509_CRL_verify(Fresh.get(), CAKey.get()) != 1) {
    ERR_clear_error();
    return;
  }
  Crl = std::move(Fresh);
  Mtime = St.st_mtim;
  Size = St.st_size;
}

bool RevocationList::isRevoked(X509 *Cert) {
  std::lock_guard<std::mutex> Lock(Mutex);
  refresh();
  X509_REVOKED *Entry = nullptr;
  return Crl && X509_CRL_get0_by_cert(Crl.get(), &Entry, Cert) == 1;
}

int verifyPeer(int PreverifyOk, X509_STORE_CTX *Store) {
  if (!PreverifyOk)
    return 0;
  if (X509_STORE_CTX_get_error_depth(Store) != 0)
    return 1;
  auto *Ssl = static_cast<SSL *>(
      X509_STORE_CTX_get_ex_data(Store, SSL_get_ex_data_X509_STORE_CTX_idx()));
  auto *Revocations = Ssl ? static_cast<RevocationList *>(
                                SSL_CTX_get_app_data(SSL_get_SSL_CTX(Ssl)))
                          : nullptr;
  if (Revocations &&
      Revocations->isRevoked(X509_STORE_CTX_get_current_cert(Store))) {
    X509_STORE_CTX_set_error(Store, X509_V_ERR_CERT_REVOKED);
    return 0;
  }
  return 1;
}

const char *statusText(int Status) {
  switch (Status) {
  case 400:
    return "Bad Request";
  case 403:
    return "Forbidden";
  case 404:
    return "Not Found";
  case 405:
    return "Method Not Allowed";
  case 413:
    return "Payload Too Large";
  case 414:
    return "URI Too Long";
  case 416:
    return "Range Not Satisfiable";
  case 500:
    return "Internal Server Error";
  default:
    return "Request refused";
  }
}

/// httplib's ThreadPool with a bound on the connections waiting for a
/// worker: when MaxQueued are waiting, the accept loop blocks, so further
/// clients wait in the kernel's listen backlog instead of in memory.
class BoundedThreadPool final : public httplib::TaskQueue {
public:
  BoundedThreadPool(unsigned Threads, size_t MaxQueued) : MaxQueued(MaxQueued) {
    for (unsigned N = 0; N < Threads; ++N)
      Workers.emplace_back([this] { work(); });
  }

  void enqueue(std::function<void()> Job) override {
    {
      std::unique_lock<std::mutex> Lock(Mutex);
      Space.wait(Lock, [&] { return Jobs.size() < MaxQueued || ShuttingDown; });
      Jobs.push_back(std::move(Job));
    }
    Ready.notify_one();
  }

  void shutdown() override {
    {
      std::lock_guard<std::mutex> Lock(Mutex);
      ShuttingDown = true;
    }
    Ready.notify_all();
    Space.notify_all();
    for (std::thread &T : Workers)
      T.join();
  }

private:
  void work() {
    for (;;) {
      std::function<void()> Job;
      {
        std::unique_lock<std::mutex> Lock(Mutex);
        Ready.wait(Lock, [&] { return !Jobs.empty() || ShuttingDown; });
        // Queued connections are still served (and closed) at shutdown.
        if (Jobs.empty())
          return;
        Job = std::move(Jobs.front());
        Jobs.pop_front();
      }
      Space.notify_one();
      Job();
    }
  }

  const size_t MaxQueued;
  std::vector<std::thread> Workers;
  std::deque<std::function<void()>> Jobs;
  std::mutex Mutex;
  std::condition_variable Ready, Space;
  bool ShuttingDown = false;
};

} // namespace

struct Server::Impl {
  Impl(pki::CertificateAuthority &CA, const ServerOptions &Options,
       MasterServices Services)
      : Routes(CA, std::move(Services)), Options(Options) {
    Revocations.Path = CA.cadir() + "/ca_crl.pem";
  }

  MasterRoutes Routes;
  ServerOptions Options;
  std::unique_ptr<httplib::SSLServer> Http;
  int Port = 0;
  std::string SetupError;
  std::atomic<bool> StopRequested{false}, Returned{false};

  RevocationList Revocations;

  bool setupContext(SSL_CTX &Ctx, const std::string &CertPath,
                    const std::string &KeyPath, X509 *CACert, X509_CRL *Crl);
  void handle(const httplib::Request &Req, httplib::Response &Res,
              std::string Body);
};

bool Server::Impl::setupContext(SSL_CTX &Ctx, const std::string &CertPath,
                                const std::string &KeyPath, X509 *CACert,
                                X509_CRL *InitialCrl) {
  auto Fail = [&](const std::string &What) {
    SetupError = What + ": " + openSSLError();
    return false;
  };
  SSL_CTX_set_min_proto_version(&Ctx, TLS1_2_VERSION);
  SSL_CTX_set_options(&Ctx, SSL_OP_NO_RENEGOTIATION);
  if (SSL_CTX_use_certificate_file(&Ctx, CertPath.c_str(), SSL_FILETYPE_PEM) !=
      1)
    return Fail("cannot use the server certificate " + CertPath);
  if (SSL_CTX_add1_chain_cert(&Ctx, CACert) != 1)
    return Fail("cannot add the CA certificate to the chain");
  if (SSL_CTX_use_PrivateKey_file(&Ctx, KeyPath.c_str(), SSL_FILETYPE_PEM) != 1)
    return Fail("cannot use the server key " + KeyPath);
  if (SSL_CTX_check_private_key(&Ctx) != 1)
    return Fail("the server key does not match its certificate");

  X509_STORE *Store = SSL_CTX_get_cert_store(&Ctx);
  if (X509_STORE_add_cert(Store, CACert) != 1 ||
      X509_STORE_add_crl(Store, InitialCrl) != 1)
    return Fail("cannot set up client verification");
  X509_STORE_set_flags(Store, X509_V_FLAG_CRL_CHECK);
  if (SSL_CTX_add_client_CA(&Ctx, CACert) != 1)
    return Fail("cannot name the CA to clients");
  static const unsigned char SessionContext[] = "cppet-master";
  SSL_CTX_set_session_id_context(&Ctx, SessionContext,
                                 sizeof(SessionContext) - 1);
  SSL_CTX_set_app_data(&Ctx, &Revocations);
  // Requested, not required: unauthenticated agents bootstrap over the CA
  // endpoints; a certificate shown must verify.
  SSL_CTX_set_verify(&Ctx, SSL_VERIFY_PEER, verifyPeer);
  return true;
}

void Server::Impl::handle(const httplib::Request &Req, httplib::Response &Res,
                          std::string Body) {
  HttpRequest Request;
  Request.Method = Req.method;
  Request.Path = Req.path;
  Request.Body = std::move(Body);
  Request.PeerCertname = peerCertname(Req.ssl);
  Request.PeerIsAdmin = !Request.PeerCertname.empty() && peerIsAdmin(Req.ssl);
  Request.IfModifiedSince = Req.get_header_value("If-Modified-Since");
  Request.Accept = Req.get_header_value("Accept");
  Request.ContentType = Req.get_header_value("Content-Type");
  Request.Query.assign(Req.params.begin(), Req.params.end());
  HttpResponse Response = Routes.handle(Request);
  Res.status = Response.Status;
  Res.set_content(Response.Body, Response.ContentType.c_str());
}

llvm::Expected<std::unique_ptr<Server>>
Server::create(pki::CertificateAuthority &CA, const std::string &Certname,
               const ServerOptions &Options, MasterServices Services) {
  auto I = std::make_unique<Impl>(CA, Options, std::move(Services));
  auto Err = [](const llvm::Twine &Message) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
  };

  llvm::Expected<std::string> CAPem = CA.caCertificatePem();
  if (!CAPem)
    return CAPem.takeError();
  X509Ptr CACert = parseCertificate(*CAPem);
  if (!CACert)
    return Err("cannot read the CA certificate: " + openSSLError());
  I->Revocations.CAKey.reset(X509_get_pubkey(CACert.get()));
  llvm::Expected<std::string> CrlPem = CA.crlPem();
  if (!CrlPem)
    return CrlPem.takeError();
  X509CrlPtr InitialCrl = parseCrl(*CrlPem);
  if (!InitialCrl)
    return Err("cannot read the CA's CRL: " + openSSLError());
  I->Revocations.refresh();

  const std::string CertPath = CA.ssldir() + "/certs/" + Certname + ".pem";
  const std::string KeyPath =
      CA.ssldir() + "/private_keys/" + Certname + ".pem";
  Impl *Raw = I.get();
  I->Http = std::make_unique<httplib::SSLServer>([&](SSL_CTX &Ctx) {
    return Raw->setupContext(Ctx, CertPath, KeyPath, CACert.get(),
                             InitialCrl.get());
  });
  if (!I->Http->is_valid())
    return Err("cannot set up TLS: " + I->SetupError);

  httplib::SSLServer &Http = *I->Http;
  const unsigned Threads = std::max(1U, Options.Threads);
  const size_t MaxQueued = std::max<size_t>(1, Options.MaxQueuedConnections);
  Http.new_task_queue = [Threads, MaxQueued] {
    return new BoundedThreadPool(Threads, MaxQueued);
  };
  Http.set_payload_max_length(Options.PayloadMaxLength);
  Http.set_read_timeout(Options.ReadTimeoutSeconds, 0);
  Http.set_write_timeout(Options.WriteTimeoutSeconds, 0);
  Http.set_keep_alive_timeout(Options.KeepAliveTimeoutSeconds);
  Http.set_keep_alive_max_count(100);
  // Answers go out at once on kept connections (no Nagle wait for the
  // client's delayed ACK).
  Http.set_tcp_nodelay(true);
  // httplib's default is SO_REUSEPORT, which would let a second master
  // share the port silently; SO_REUSEADDR only allows a quick restart.
  Http.set_socket_options([](socket_t Sock) {
    int Yes = 1;
    setsockopt(Sock, SOL_SOCKET, SO_REUSEADDR, &Yes, sizeof(Yes));
  });
  Http.set_default_headers({{"X-Puppet-Version", PuppetVersion}});
  auto Handle = [Raw](const httplib::Request &Req, httplib::Response &Res) {
    Raw->handle(Req, Res, Req.body);
  };
  // Bodies are read through a content reader: httplib would otherwise
  // parse an application/x-www-form-urlencoded body itself and refuse one
  // over 8 KiB (the catalog POST's facts are larger); the payload limit
  // still applies.
  auto HandleBody = [Raw](const httplib::Request &Req, httplib::Response &Res,
                          const httplib::ContentReader &Read) {
    std::string Body;
    // httplib checks the limit against Content-Length only: a chunked body
    // is cut off here.
    const size_t Limit = Raw->Options.PayloadMaxLength;
    bool TooLarge = false;
    const bool Complete =
        Read([&Body, &TooLarge, Limit](const char *Data, size_t Length) {
          if (Body.size() + Length > Limit) {
            TooLarge = true;
            return false;
          }
          Body.append(Data, Length);
          return true;
        });
    if (TooLarge)
      Res.status = 413;
    if (TooLarge || !Complete) {
      // httplib refused the body (over the payload limit: 413) or the
      // client went away; never answer from a partial body.
      if (Res.status < 400)
        Res.status = 400;
      Res.set_content(statusText(Res.status), "text/plain");
      return;
    }
    Raw->handle(Req, Res, std::move(Body));
  };
  Http.Get(".*", Handle);
  Http.Put(".*", HandleBody);
  Http.Post(".*", HandleBody);
  Http.Delete(".*", HandleBody);
  Http.Patch(".*", HandleBody);
  // Whatever httplib refuses itself (413, 400, 405...) gets a text body.
  Http.set_error_handler([](const httplib::Request &, httplib::Response &Res) {
    if (Res.body.empty())
      Res.set_content(statusText(Res.status), "text/plain");
  });
  // Logged just before the answer is written (httplib's post-routing hook;
  // its logger runs after the write), so the line is there once a client
  // has its answer.
  if (Options.OnRequest)
    Http.set_post_routing_handler(
        [Raw](const httplib::Request &Req, httplib::Response &Res) {
          std::string Who = peerCertname(Req.ssl);
          Raw->Options.OnRequest(Req.method + " " + Req.path + " " +
                                 std::to_string(Res.status) + " (" +
                                 (Who.empty() ? "unauthenticated" : Who) + ")");
        });

  if (Options.Port == 0) {
    I->Port = Http.bind_to_any_port(Options.BindAddress);
    if (I->Port < 0)
      return Err("cannot listen on " + Options.BindAddress);
  } else {
    if (!Http.bind_to_port(Options.BindAddress, Options.Port))
      return Err("cannot listen on " + Options.BindAddress + ":" +
                 llvm::Twine(Options.Port) + ": " + std::strerror(errno));
    I->Port = Options.Port;
  }
  return std::unique_ptr<Server>(new Server(std::move(I)));
}

Server::Server(std::unique_ptr<Impl> I) : I(std::move(I)) {}
Server::~Server() = default;

llvm::Error Server::run() {
  bool Ok = true;
  if (!I->StopRequested)
    Ok = I->Http->listen_after_bind();
  const bool Stopped = I->StopRequested;
  I->Returned = true;
  if (!Ok && !Stopped)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "the listener failed");
  return llvm::Error::success();
}

void Server::stop() {
  // httplib's stop() only acts on a running listener: a stop that comes
  // while run() is starting waits until it listens (or saw the request).
  I->StopRequested = true;
  while (!I->Returned) {
    if (I->Http->is_running()) {
      I->Http->stop();
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

int Server::port() const { return I->Port; }
