//===- Client.cpp - The agent's HTTPS client ------------------------------===//
//
// httplib::SSLClient over an SSL_CTX whose store holds only the Puppet CA
// bundle (never the system's roots) and, when asked, the CRLs with
// X509_V_FLAG_CRL_CHECK (leaf) or CRL_CHECK_ALL (chain). httplib checks the
// verification result and the host name after the handshake; the failures
// are worded here with OpenSSL's reason.
//
//===----------------------------------------------------------------------===//
#include "cppet/Net/Client.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <chrono>
#include <ctime>
#include <thread>

using namespace cppet;
using namespace cppet::net;

char HttpError::ID;

void HttpError::log(llvm::raw_ostream &OS) const { OS << Message; }

std::error_code HttpError::convertToErrorCode() const {
  return llvm::inconvertibleErrorCode();
}

int net::httpStatusOf(llvm::Error &E) {
  int Status = 0;
  E = llvm::handleErrors(std::move(E),
                         [&](std::unique_ptr<HttpError> H) -> llvm::Error {
                           Status = H->status();
                           return llvm::Error(std::move(H));
                         });
  return Status;
}

static const char *reasonPhrase(int Status) {
  switch (Status) {
  case 400:
    return "Bad Request";
  case 401:
    return "Unauthorized";
  case 403:
    return "Forbidden";
  case 404:
    return "Not Found";
  case 405:
    return "Method Not Allowed";
  case 406:
    return "Not Acceptable";
  case 409:
    return "Conflict";
  case 413:
    return "Payload Too Large";
  case 415:
    return "Unsupported Media Type";
  case 429:
    return "Too Many Requests";
  case 500:
    return "Internal Server Error";
  case 503:
    return "Service Unavailable";
  default:
    return "Unexpected response";
  }
}

std::string Response::header(llvm::StringRef Name) const {
  for (const auto &[K, V] : Headers)
    if (llvm::StringRef(K).equals_insensitive(Name))
      return V;
  return "";
}

llvm::Error net::responseError(const Response &R) {
  std::string Text = llvm::StringRef(R.Body).trim().str();
  if (R.ContentType == "application/json" ||
      llvm::StringRef(Text).startswith("{")) {
    auto J = nlohmann::json::parse(R.Body, nullptr, /*allow_exceptions=*/false);
    if (J.is_object() && J.contains("message") && J["message"].is_string())
      Text = J["message"].get<std::string>();
  }
  if (Text.empty())
    Text = reasonPhrase(R.Status);
  return llvm::make_error<HttpError>(
      R.Status, "Error " + std::to_string(R.Status) + " on SERVER: " + Text);
}

llvm::Expected<Response> net::expectOk(llvm::Expected<Response> R) {
  if (!R)
    return R.takeError();
  if (!R->ok())
    return responseError(*R);
  return R;
}

static bool isUnreserved(unsigned char C, llvm::StringRef Extra) {
  return llvm::isAlnum(C) || Extra.contains(static_cast<char>(C));
}

static std::string percentEncode(llvm::StringRef Value, llvm::StringRef Keep,
                                 bool SpaceAsPlus) {
  std::string Out;
  Out.reserve(Value.size() * 3 / 2);
  for (unsigned char C : Value) {
    if (isUnreserved(C, Keep)) {
      Out += static_cast<char>(C);
    } else if (C == ' ' && SpaceAsPlus) {
      Out += '+';
    } else {
      Out += '%';
      Out += llvm::hexdigit(C >> 4, /*LowerCase=*/false);
      Out += llvm::hexdigit(C & 15, /*LowerCase=*/false);
    }
  }
  return Out;
}

std::string net::formEncode(llvm::StringRef Value) {
  return percentEncode(Value, "*-._", /*SpaceAsPlus=*/true);
}

std::string net::uriEncode(llvm::StringRef Value) {
  return percentEncode(Value, "-._~", /*SpaceAsPlus=*/false);
}

std::string net::pathEncode(llvm::StringRef Path) {
  return percentEncode(Path, "-._~/:@!$&'()*+,;=", /*SpaceAsPlus=*/false);
}

std::string
net::formBody(llvm::ArrayRef<std::pair<std::string, std::string>> Fields) {
  std::string Out;
  for (const auto &[Name, Value] : Fields) {
    if (!Out.empty())
      Out += '&';
    Out += formEncode(Name);
    Out += '=';
    Out += formEncode(Value);
  }
  return Out;
}

std::string net::formDecode(llvm::StringRef Value) {
  std::string Out;
  Out.reserve(Value.size());
  for (size_t I = 0; I < Value.size(); ++I) {
    char C = Value[I];
    if (C == '+') {
      Out += ' ';
    } else if (C == '%' && I + 2 < Value.size() &&
               llvm::isHexDigit(Value[I + 1]) &&
               llvm::isHexDigit(Value[I + 2])) {
      Out +=
          static_cast<char>(llvm::hexFromNibbles(Value[I + 1], Value[I + 2]));
      I += 2;
    } else {
      Out += C;
    }
  }
  return Out;
}

struct Client::Impl {
  ClientOptions Options;
  std::unique_ptr<httplib::SSLClient> Http;
  /// When the kept connection was last used.
  std::chrono::steady_clock::time_point LastUse;

  /// Sends one request on the kept connection: a connection idle for
  /// longer than Puppet's http_keepalive_timeout (4 s; the master closes
  /// its side after 5 s) is closed first, and a request that fails in the
  /// TLS write or read of a kept connection (closed by the master meanwhile)
  /// is sent once more on a new connection.
  httplib::Result send(llvm::function_ref<httplib::Result()> Request) {
    const auto Now = std::chrono::steady_clock::now();
    if (Now - LastUse > std::chrono::seconds(4))
      Http->stop();
    httplib::Result R = Request();
    if (!R && (R.error() == httplib::Error::Write ||
               R.error() == httplib::Error::Read ||
               R.error() == httplib::Error::SSLConnection)) {
      Http->stop();
      ERR_clear_error();
      R = Request();
    }
    LastUse = std::chrono::steady_clock::now();
    return R;
  }

  /// One request: Puppet's Retry-After handling around a send on the kept
  /// connection, the result in Puppet's words.
  llvm::Expected<Response> call(const char *Method, const std::string &Path,
                                llvm::function_ref<httplib::Result()> Request);
};

Client::Client(std::unique_ptr<Impl> I) : I(std::move(I)) {}
Client::~Client() = default;

static llvm::Error clientError(const llvm::Twine &Message) {
  return llvm::make_error<HttpError>(0, Message.str());
}

llvm::Expected<std::unique_ptr<Client>>
Client::create(const ClientOptions &Options) {
  auto I = std::make_unique<Impl>();
  I->Options = Options;
  bool WithCert = !Options.Insecure && !Options.CertFile.empty() &&
                  !Options.KeyFile.empty();
  if (WithCert)
    I->Http = std::make_unique<httplib::SSLClient>(
        Options.Host, Options.Port, Options.CertFile, Options.KeyFile);
  else
    I->Http = std::make_unique<httplib::SSLClient>(Options.Host, Options.Port);
  if (!I->Http->is_valid())
    return clientError(WithCert ? "Could not load the client certificate " +
                                      Options.CertFile + " with its key " +
                                      Options.KeyFile
                                : "Could not set up TLS");
  httplib::SSLClient &H = *I->Http;
  H.set_connection_timeout(Options.ConnectTimeoutSeconds, 0);
  H.set_read_timeout(Options.ReadTimeoutSeconds, 0);
  H.set_write_timeout(Options.ReadTimeoutSeconds, 0);
  H.set_follow_location(true);
  // One connection for the whole run, as Puppet's agent pools them: a TLS
  // handshake per request would cost the master a private-key operation
  // per file_metadata.
  H.set_keep_alive(true);
  // Small requests on a kept connection: without TCP_NODELAY each waits
  // for the delayed ACK of the previous one (about 40 ms).
  H.set_tcp_nodelay(true);
  H.set_default_headers(
      {{"X-Puppet-Version", AgentPuppetVersion},
       {"User-Agent", std::string("Puppet/") + AgentPuppetVersion +
                          " cppet (x86_64-linux-gnu)"},
       {"Accept-Encoding", "gzip;q=1.0,deflate;q=0.6,identity;q=0.3"}});
  if (Options.Insecure) {
    H.enable_server_certificate_verification(false);
    return std::unique_ptr<Client>(new Client(std::move(I)));
  }
  if (Options.CAFile.empty() || !llvm::sys::fs::exists(Options.CAFile))
    return clientError("The CA certificates " + Options.CAFile +
                       " are missing");
  H.enable_server_certificate_verification(true);
  // httplib loads this file into the context's store on first connect; it
  // never adds the system's roots then.
  H.set_ca_cert_path(Options.CAFile);
  if (Options.Revocation != RevocationCheck::None && !Options.CrlFile.empty()) {
    X509_STORE *Store = SSL_CTX_get_cert_store(H.ssl_context());
    X509_LOOKUP *Lookup = X509_STORE_add_lookup(Store, X509_LOOKUP_file());
    if (!Lookup || X509_load_cert_crl_file(Lookup, Options.CrlFile.c_str(),
                                           X509_FILETYPE_PEM) <= 0) {
      ERR_clear_error();
      return clientError("Could not load the CRL " + Options.CrlFile);
    }
    unsigned long Flags = X509_V_FLAG_CRL_CHECK;
    if (Options.Revocation == RevocationCheck::Chain)
      Flags |= X509_V_FLAG_CRL_CHECK_ALL;
    X509_STORE_set_flags(Store, Flags);
  }
  return std::unique_ptr<Client>(new Client(std::move(I)));
}

std::string Client::baseUrl() const {
  return "https://" + I->Options.Host + ":" + std::to_string(I->Options.Port);
}

const ClientOptions &Client::options() const { return I->Options; }

namespace {
/// The reason of this thread's OpenSSL errors: an alert the server sent
/// ("sslv3 alert certificate revoked") if there is one, since what follows
/// it in the queue (a shutdown during the handshake) says less; else the
/// last error. The queue is emptied.
std::string lastOpenSSLError() {
  unsigned long Last = 0, Alert = 0;
  while (unsigned long Code = ERR_get_error()) {
    Last = Code;
    if (!Alert && ERR_GET_LIB(Code) == ERR_LIB_SSL &&
        ERR_GET_REASON(Code) >= SSL_AD_REASON_OFFSET)
      Alert = Code;
  }
  unsigned long Code = Alert ? Alert : Last;
  if (Code == 0)
    return "";
  const char *Reason = ERR_reason_error_string(Code);
  return Reason ? Reason : "";
}

Response toResponse(const httplib::Response &R) {
  Response Out;
  Out.Status = R.status;
  Out.Body = R.body;
  for (const auto &[K, V] : R.headers)
    Out.Headers.emplace_back(K, V);
  // header() returns a copy: keep it alive while it is split.
  std::string Type = Out.header("Content-Type");
  Out.ContentType = llvm::StringRef(Type).split(';').first.trim().lower();
  return Out;
}
} // namespace

static llvm::Expected<Response>
finish(const ClientOptions &O, httplib::SSLClient &H, httplib::Result Result,
       const std::string &Method, const std::string &Path) {
  if (Result)
    return toResponse(*Result);
  httplib::Error E = Result.error();
  std::string Where = "https://" + O.Host + ":" + std::to_string(O.Port) +
                      Path.substr(0, Path.find('?'));
  std::string Reason = lastOpenSSLError();
  std::string Message;
  switch (E) {
  case httplib::Error::SSLServerVerification: {
    long V = H.get_openssl_verify_result();
    if (V != X509_V_OK)
      Message = std::string("certificate verify failed [") +
                X509_verify_cert_error_string(V) + "]";
    else
      Message =
          "Server hostname '" + O.Host + "' did not match server certificate";
    break;
  }
  case httplib::Error::Connection:
  case httplib::Error::ConnectionTimeout:
    Message = "Failed to open TCP connection to " + O.Host + ":" +
              std::to_string(O.Port) + " (" + httplib::to_string(E) + ")";
    break;
  case httplib::Error::Read:
  case httplib::Error::Write:
  case httplib::Error::SSLConnection:
    // With TLS 1.3 a refused client certificate shows only as a closed
    // connection on the next read or write.
    Message = "the connection was closed during the TLS exchange (" +
              httplib::to_string(E) + (Reason.empty() ? "" : ": " + Reason) +
              ")";
    if (!O.CertFile.empty())
      Message += "; the server may have refused this agent's certificate "
                 "(revoked, or signed by another CA)";
    break;
  default:
    Message = httplib::to_string(E);
    if (!Reason.empty())
      Message += ": " + Reason;
    break;
  }
  return clientError("Request to " + Where + " failed (" + Method +
                     "): " + Message);
}

static httplib::Headers
headersWith(llvm::StringRef Accept,
            llvm::ArrayRef<std::pair<std::string, std::string>> Extra = {}) {
  httplib::Headers H;
  H.emplace("Accept", Accept.str());
  for (const auto &[K, V] : Extra)
    H.emplace(K, V);
  return H;
}

std::optional<int64_t> net::retryAfterSeconds(llvm::StringRef Header,
                                              int64_t Now) {
  llvm::StringRef H = Header.trim();
  if (H.empty())
    return std::nullopt;
  int64_t Seconds = 0;
  if (!H.getAsInteger(10, Seconds))
    return Seconds < 0 ? std::nullopt : std::optional<int64_t>(Seconds);
  // An HTTP date: "Wed, 21 Oct 2015 07:28:00 GMT".
  struct tm Tm = {};
  std::string Text = H.str();
  const char *End = ::strptime(Text.c_str(), "%a, %d %b %Y %H:%M:%S", &Tm);
  if (!End)
    return std::nullopt;
  int64_t At = static_cast<int64_t>(::timegm(&Tm));
  return std::max<int64_t>(0, At - Now);
}

/// Sends a request; on 429 or 503 with a Retry-After the server is asked
/// again after min(Retry-After, MaxRetryAfterSeconds), up to 100 times, as
/// Puppet's agent does.
static llvm::Expected<Response>
withRetries(const ClientOptions &O,
            llvm::function_ref<llvm::Expected<Response>()> Send) {
  for (int Attempt = 0;; ++Attempt) {
    llvm::Expected<Response> R = Send();
    if (!R || (R->Status != 429 && R->Status != 503) || Attempt >= 100 ||
        O.MaxRetryAfterSeconds <= 0)
      return R;
    std::optional<int64_t> Wait =
        retryAfterSeconds(R->header("Retry-After"), std::time(nullptr));
    if (!Wait)
      return R;
    std::this_thread::sleep_for(
        std::chrono::seconds(std::min<int64_t>(*Wait, O.MaxRetryAfterSeconds)));
  }
}

llvm::Expected<Response>
Client::Impl::call(const char *Method, const std::string &Path,
                   llvm::function_ref<httplib::Result()> Request) {
  return withRetries(Options, [&] {
    ERR_clear_error();
    return finish(Options, *Http, send(Request), Method, Path);
  });
}

llvm::Expected<Response>
Client::get(const std::string &Path, llvm::StringRef Accept,
            llvm::ArrayRef<std::pair<std::string, std::string>> Headers) {
  return I->call("GET", Path, [&] {
    return I->Http->Get(Path.c_str(), headersWith(Accept, Headers));
  });
}

llvm::Expected<Response> Client::put(const std::string &Path,
                                     llvm::StringRef Body,
                                     llvm::StringRef ContentType,
                                     llvm::StringRef Accept) {
  return I->call("PUT", Path, [&] {
    return I->Http->Put(Path.c_str(), headersWith(Accept), Body.data(),
                        Body.size(), ContentType.str().c_str());
  });
}

llvm::Expected<Response> Client::post(const std::string &Path,
                                      llvm::StringRef Body,
                                      llvm::StringRef ContentType,
                                      llvm::StringRef Accept) {
  return I->call("POST", Path, [&] {
    return I->Http->Post(Path.c_str(), headersWith(Accept), Body.data(),
                         Body.size(), ContentType.str().c_str());
  });
}

llvm::Expected<Response> Client::del(const std::string &Path,
                                     llvm::StringRef Accept) {
  return I->call("DELETE", Path, [&] {
    return I->Http->Delete(Path.c_str(), headersWith(Accept));
  });
}
