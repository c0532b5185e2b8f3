//===- Routes.cpp - The master's HTTP routes ------------------------------===//
#include "cppet/Net/Routes.h"

#include "cppet/PKI/CertificateAuthority.h"

#include "llvm/ADT/StringExtras.h"

#include <ctime>
#include <sys/stat.h>
#include <tuple>
#include <variant>

using namespace cppet;
using namespace cppet::net;

namespace {

HttpResponse text(int Status, std::string Body) {
  HttpResponse R;
  R.Status = Status;
  R.Body = std::move(Body);
  return R;
}

/// Puppet's auth.conf denial: "(method :get)".
HttpResponse forbidden(const HttpRequest &Request) {
  return text(403, "Forbidden request: " + Request.Path +
                       " (method :" + llvm::StringRef(Request.Method).lower() +
                       "). Please see the server logs for details.");
}

HttpResponse notFound(const HttpRequest &Request) {
  return text(404,
              "Not Found: no route for " + Request.Method + " " + Request.Path);
}

/// The last path segment as a certname, or nothing when it cannot be one
/// (empty, or with a slash or a parent reference that would leave the CA
/// directory).
bool isSafeName(llvm::StringRef Name) {
  return !Name.empty() && !Name.contains('/') && !Name.contains('\\') &&
         Name != "." && Name != ".." && !Name.contains('\0');
}

/// A plain-text answer of puppetserver's liberator resources
/// (certificate_status): "text/plain; charset=UTF-8".
HttpResponse plain(int Status, std::string Body) {
  HttpResponse R = text(Status, std::move(Body));
  R.ContentType = "text/plain;charset=utf-8";
  return R;
}

/// What certificate_status(es) answer in for Accept: liberator's choice
/// among application/json, text/pson and pson (JSON either way); empty when
/// none is acceptable (406). No Accept means JSON.
std::string caMediaType(llvm::StringRef Accept) {
  if (Accept.trim().empty())
    return "application/json";
  llvm::SmallVector<llvm::StringRef, 4> Ranges;
  Accept.split(Ranges, ',');
  std::string Best;
  double BestQ = 0;
  for (llvm::StringRef Range : Ranges) {
    auto [Type, Params] = Range.split(';');
    Type = Type.trim();
    double Q = 1;
    llvm::SmallVector<llvm::StringRef, 2> Parameters;
    Params.split(Parameters, ';');
    for (llvm::StringRef P : Parameters) {
      P = P.trim();
      if (P.consume_front("q=") && P.trim().getAsDouble(Q))
        Q = 1;
    }
    std::string Media;
    if (Type == "application/json" || Type == "application/*" || Type == "*/*")
      Media = "application/json";
    else if (Type == "text/pson" || Type == "text/*")
      Media = "text/pson";
    else if (Type == "pson")
      Media = "pson";
    if (!Media.empty() && Q > BestQ) {
      Best = Media;
      BestQ = Q;
    }
  }
  return Best;
}

HttpResponse jsonAnswer(const catalog::Json &J, const std::string &Media) {
  HttpResponse R;
  R.ContentType = Media + ";charset=utf-8";
  R.Body = J.dump(-1, ' ', false, catalog::Json::error_handler_t::replace);
  return R;
}

/// Clojure's printing of a vector of strings: ["a" "b"].
std::string clojureVector(llvm::ArrayRef<std::string> Items) {
  std::string Out = "[";
  for (size_t I = 0; I < Items.size(); ++I)
    Out += (I ? " \"" : "\"") + Items[I] + "\"";
  return Out + "]";
}

/// PUT certificate_status/NAME's body checks (puppetserver's malformed?):
/// the desired state, or a 400 answer.
struct DesiredState {
  std::string State;
  std::optional<int64_t> TtlSeconds;
};
std::variant<DesiredState, HttpResponse>
parseDesiredState(llvm::StringRef Body, llvm::StringRef Name) {
  catalog::Json J =
      catalog::Json::parse(Body.begin(), Body.end(), nullptr, false);
  if (J.is_discarded())
    return plain(400, "Request body is not JSON.");
  DesiredState Out;
  auto State = J.is_object() ? J.find("desired_state") : J.end();
  if (!J.is_object() || State == J.end() || State->is_null())
    return plain(400, "Missing required parameter \"desired_state\"");
  Out.State = State->is_string() ? State->get<std::string>() : State->dump();
  if (Out.State != "signed" && Out.State != "revoked")
    return plain(400, "State " + Out.State +
                          " invalid; Must specify desired state of 'signed' "
                          "or 'revoked' for host " +
                          Name.str() + ".");
  auto Ttl = J.find("cert_ttl");
  if (Ttl != J.end() && !Ttl->is_null()) {
    if (!Ttl->is_number_integer())
      return plain(
          400, "cert_ttl specified for host " + Name.str() +
                   " must be an integer, not \"" +
                   (Ttl->is_string() ? Ttl->get<std::string>() : Ttl->dump()) +
                   "\"");
    Out.TtlSeconds = Ttl->get<int64_t>();
  }
  return Out;
}

/// The Content-Types certificate_status accepts on a PUT (none is fine).
bool isCAMediaType(llvm::StringRef ContentType) {
  llvm::StringRef Type = ContentType.split(';').first.trim();
  return Type.empty() || Type.equals_insensitive("application/json") ||
         Type.equals_insensitive("text/pson") ||
         Type.equals_insensitive("pson");
}

/// 200 with the PEM, or 404 with puppetserver's "Could not find" body.
HttpResponse pemOrNotFound(llvm::Expected<std::string> Pem,
                           llvm::StringRef What, llvm::StringRef Name) {
  if (Pem)
    return text(200, std::move(*Pem));
  llvm::consumeError(Pem.takeError());
  return text(404, ("Could not find " + What + " " + Name).str());
}

/// /puppet-ca/v1/certificate_status/NAME: GET the status, PUT a desired
/// state (sign or revoke), DELETE the certificate and the request (not
/// revoked). Checks in puppetserver's (liberator's) order: method, body,
/// Content-Type, Accept, existence, conflict.
HttpResponse certificateStatus(pki::CertificateAuthority &CA,
                               const HttpRequest &Request,
                               llvm::StringRef Name) {
  if (!isSafeName(Name))
    return text(404, "Not Found");
  const std::string &M = Request.Method;
  if (M != "GET" && M != "PUT" && M != "DELETE")
    return plain(405, "Method not allowed.");
  DesiredState Desired;
  if (M == "PUT") {
    auto Parsed = parseDesiredState(Request.Body, Name);
    if (auto *Refusal = std::get_if<HttpResponse>(&Parsed))
      return *Refusal;
    Desired = std::get<DesiredState>(Parsed);
    if (!isCAMediaType(Request.ContentType))
      return plain(415, "Unsupported media type.");
  }
  std::string Media = caMediaType(Request.Accept);
  if (Media.empty())
    return plain(406, "No acceptable resource available.");
  const bool HasCert = CA.hasCertificate(Name),
             HasRequest = CA.hasRequest(Name);
  if (!HasCert && !HasRequest)
    return plain(404, M == "PUT" ? "Invalid certificate subject."
                                 : "Resource not found.");

  if (M == "GET") {
    llvm::Expected<pki::CertStatus> St = CA.status(Name);
    if (!St)
      return plain(500, llvm::toString(St.takeError()));
    return jsonAnswer(St->toJson(), Media);
  }
  if (M == "DELETE") {
    if (llvm::Error E = CA.discard(Name))
      return plain(500, llvm::toString(std::move(E)));
    return text(204, "");
  }
  if (Desired.State == "revoked") {
    if (!HasCert)
      return plain(409, "Cannot revoke certificate for host " + Name.str() +
                            " without a signed certificate");
    llvm::Expected<pki::CertStatus> St = CA.status(Name);
    if (!St)
      return plain(500, llvm::toString(St.takeError()));
    // Revoking a revoked certificate changes nothing (puppetserver filters
    // the serials already in the CRL).
    if (St->State == pki::CertState::Signed)
      if (llvm::Error E = CA.revoke(Name))
        return plain(500, llvm::toString(std::move(E)));
    return text(204, "");
  }
  if (!HasRequest)
    return plain(409, "Cannot sign certificate for host " + Name.str() +
                          " without a certificate request");
  if (llvm::Error E = CA.checkRequest(Name))
    return plain(409, llvm::toString(std::move(E)));
  if (llvm::Error E = CA.sign(Name, Desired.TtlSeconds))
    return plain(500, llvm::toString(std::move(E)));
  return text(204, "");
}

/// PUT /puppet-ca/v1/clean {"certnames":[...]}: each name with a signed
/// certificate is revoked (unless it is already) and its files deleted; the
/// others are named in the answer.
HttpResponse cleanCertificates(pki::CertificateAuthority &CA,
                               llvm::StringRef Body) {
  catalog::Json J =
      catalog::Json::parse(Body.begin(), Body.end(), nullptr, false);
  if (J.is_discarded())
    return text(400, "Request body is not JSON.");
  auto Async = J.is_object() ? J.find("async") : J.end();
  if (Async != J.end() && Async->is_boolean() && Async->get<bool>())
    return text(400, "Async mode is not currently supported.");
  auto Names = J.is_object() ? J.find("certnames") : J.end();
  if (!J.is_object() || Names == J.end() || !Names->is_array())
    return text(400, "Missing required key: 'certnames'. Please supply the "
                     "list of certs you want to clean.");
  std::vector<std::string> Existing, Missing;
  for (const catalog::Json &N : *Names) {
    std::string Name = N.is_string() ? N.get<std::string>() : N.dump();
    if (isSafeName(Name) && CA.hasCertificate(Name))
      Existing.push_back(Name);
    else
      Missing.push_back(Name);
  }
  for (const std::string &Name : Existing)
    if (llvm::Error E = CA.clean(Name))
      return text(500, "Error while cleaning certs: " +
                           llvm::toString(std::move(E)));
  if (!Missing.empty())
    return text(200,
                "The following certs do not exist and cannot be revoked: " +
                    clojureVector(Missing));
  return text(200, "Successfully cleaned all certs.");
}

} // namespace

std::optional<time_t> cppet::net::parseHttpDate(llvm::StringRef Date) {
  if (Date.empty())
    return std::nullopt;
  std::string Text = Date.str();
  // RFC 7231's preferred form, then RFC 850's and asctime's.
  for (const char *Format :
       {"%a, %d %b %Y %H:%M:%S GMT", "%A, %d-%b-%y %H:%M:%S GMT",
        "%a %b %e %H:%M:%S %Y"}) {
    struct tm Tm = {};
    const char *End = strptime(Text.c_str(), Format, &Tm);
    if (End && *End == '\0')
      return timegm(&Tm);
  }
  return std::nullopt;
}

const std::string *HttpRequest::query(llvm::StringRef Key) const {
  for (const auto &[K, V] : Query)
    if (K == Key)
      return &V;
  return nullptr;
}

std::string cppet::net::percentDecode(llvm::StringRef Text, bool PlusIsSpace) {
  std::string Out;
  Out.reserve(Text.size());
  for (size_t I = 0; I < Text.size(); ++I) {
    char C = Text[I];
    if (C == '+' && PlusIsSpace) {
      Out += ' ';
    } else if (C == '%' && I + 2 < Text.size() &&
               llvm::isHexDigit(Text[I + 1]) && llvm::isHexDigit(Text[I + 2])) {
      Out += static_cast<char>(llvm::hexFromNibbles(Text[I + 1], Text[I + 2]));
      I += 2;
    } else {
      Out += C;
    }
  }
  return Out;
}

std::vector<std::pair<std::string, std::string>>
cppet::net::parseForm(llvm::StringRef Body) {
  std::vector<std::pair<std::string, std::string>> Out;
  while (!Body.empty()) {
    llvm::StringRef Pair;
    std::tie(Pair, Body) = Body.split('&');
    if (Pair.empty())
      continue;
    auto [K, V] = Pair.split('=');
    Out.emplace_back(percentDecode(K, true), percentDecode(V, true));
  }
  return Out;
}

bool cppet::net::isAuthorized(const HttpRequest &Request) {
  llvm::StringRef Path = Request.Path;
  llvm::StringRef M = Request.Method;
  const bool Get = M == "GET", Put = M == "PUT", Post = M == "POST";
  const std::string &Who = Request.PeerCertname;
  // The rules open to everyone (allow-unauthenticated).
  if (Get && Path.startswith("/puppet-ca/v1/certificate/"))
    return true;
  if (Get && Path == "/puppet-ca/v1/certificate_revocation_list/ca")
    return true;
  if ((Get || Put) && Path.startswith("/puppet-ca/v1/certificate_request"))
    return true;
  if (Get && (Path.startswith("/status/v1/simple") ||
              Path.startswith("/status/v1/services")))
    return true;
  if (Who.empty())
    return false;
  // `allow: {extensions: {pp_cli_auth: "true"}}`: the CA's administrators.
  if ((Get || Put || M == "DELETE") &&
      Path.startswith("/puppet-ca/v1/certificate_status"))
    return Request.PeerIsAdmin;
  if (Put && (Path == "/puppet-ca/v1/certificate_revocation_list" ||
              Path.startswith("/puppet-ca/v1/clean")))
    return Request.PeerIsAdmin;
  // `allow: $1`: the node named in the path is the certificate's.
  auto Own = [&](llvm::StringRef Prefix) {
    llvm::StringRef Rest = Path;
    return Rest.consume_front(Prefix) && !Rest.empty() && !Rest.contains('/') &&
           Rest == Who;
  };
  if ((Get || Post) && Path.startswith("/puppet/v3/catalog/"))
    return Own("/puppet/v3/catalog/");
  if (Get && Path.startswith("/puppet/v3/node/"))
    return Own("/puppet/v3/node/");
  if (Put && Path.startswith("/puppet/v3/report/"))
    return Own("/puppet/v3/report/");
  if (Put && Path.startswith("/puppet/v3/facts/"))
    return Own("/puppet/v3/facts/");
  // `allow: *`: any node.
  if (Get && Path.startswith("/puppet-ca/v1/expirations"))
    return true;
  if (Get && Path.startswith("/puppet/v3/environments"))
    return true;
  if ((Get || Post) && (Path.startswith("/puppet/v3/file_content") ||
                        Path.startswith("/puppet/v3/file_metadata")))
    return true;
  if (Get && Path.startswith("/puppet/v3/static_file_content"))
    return true;
  if (Path.startswith("/puppet/v3/file_bucket_file") &&
      (Get || Put || Post || M == "HEAD"))
    return true;
  return false;
}

HttpResponse MasterRoutes::handle(const HttpRequest &Request) {
  llvm::StringRef Path = Request.Path;
  if (!isAuthorized(Request))
    return forbidden(Request);
  if (Path == "/status/v1/simple" || Path.startswith("/status/v1/simple/"))
    return text(200, "running");
  if (Path.consume_front("/puppet-ca/v1/"))
    return handleCA(Request, Path);
  if (Path.consume_front("/puppet/v3/"))
    return handleV3(Request, Path);
  return notFound(Request);
}

HttpResponse MasterRoutes::handleCA(const HttpRequest &Request,
                                    llvm::StringRef Rest) {
  auto [Endpoint, Name] = Rest.split('/');
  const bool Get = Request.Method == "GET";
  std::lock_guard<std::mutex> Lock(CAMutex);

  if (Endpoint == "certificate" && Get) {
    if (Name == "ca") {
      llvm::Expected<std::string> Pem = CA.caCertificatePem();
      if (!Pem)
        return text(500, llvm::toString(Pem.takeError()));
      return text(200, std::move(*Pem));
    }
    if (!isSafeName(Name))
      return text(404, ("Could not find certificate " + Name).str());
    return pemOrNotFound(CA.certificatePem(Name), "certificate", Name);
  }

  if (Endpoint == "certificate_revocation_list" && Get && !Name.empty()) {
    // The agent's crl_refresh_interval: 304 unless the CRL file is newer
    // than the date it has (puppetserver compares with the file's mtime).
    struct stat St;
    std::optional<time_t> Since = parseHttpDate(Request.IfModifiedSince);
    if (Since && stat((CA.cadir() + "/ca_crl.pem").c_str(), &St) == 0 &&
        St.st_mtime <= *Since)
      return text(304, "");
    llvm::Expected<std::string> Pem = CA.crlPem();
    if (!Pem)
      return text(500, llvm::toString(Pem.takeError()));
    return text(200, std::move(*Pem));
  }

  if (Endpoint == "certificate_request" && Get) {
    if (!isSafeName(Name))
      return text(404, ("Could not find certificate_request " + Name).str());
    return pemOrNotFound(CA.requestPem(Name), "certificate_request", Name);
  }

  if (Endpoint == "certificate_request" && Request.Method == "PUT") {
    if (!isSafeName(Name))
      return text(400, "Subject hostname format is invalid");
    llvm::Expected<pki::SubmitOutcome> Outcome =
        CA.submitRequest(Name, Request.Body);
    if (!Outcome) {
      HttpResponse R = text(400, llvm::toString(Outcome.takeError()));
      R.ContentType = "text/plain;charset=utf-8";
      return R;
    }
    return text(200, "");
  }

  if (Endpoint == "certificate_status")
    return certificateStatus(CA, Request, Name);
  if (Endpoint == "certificate_statuses" && Get) {
    if (Name.empty())
      return text(400, "Missing URL Segment");
    if (Name.contains('/'))
      return text(404, "Not Found");
    std::string Media = caMediaType(Request.Accept);
    if (Media.empty())
      return plain(406, "No acceptable resource available.");
    llvm::Expected<std::vector<pki::CertStatus>> All = CA.statuses();
    if (!All)
      return plain(500, llvm::toString(All.takeError()));
    const std::string *State = Request.query("state");
    const bool Filter = State && (*State == "requested" || *State == "signed" ||
                                  *State == "revoked");
    catalog::Json Out = catalog::Json::array();
    for (const pki::CertStatus &S : *All)
      if (!Filter || *State == pki::certStateName(S.State))
        Out.push_back(S.toJson());
    return jsonAnswer(Out, Media);
  }
  if (Endpoint == "clean" && Name.empty() && Request.Method == "PUT")
    return cleanCertificates(CA, Request.Body);
  if (Endpoint == "expirations" && Name.empty() && Get) {
    llvm::Expected<pki::Expirations> Dates = CA.expirations();
    if (!Dates)
      return text(500, llvm::toString(Dates.takeError()));
    catalog::Json Out = catalog::Json::object();
    Out["ca-certs"] = Dates->CACerts;
    Out["crls"] = Dates->Crls;
    HttpResponse R = jsonAnswer(Out, "application/json");
    R.ContentType = "application/json";
    return R;
  }
  // What auth.conf lets through without a route here (PUT
  // certificate_revocation_list is not implemented): compojure's answer.
  return text(404, "Not Found");
}
