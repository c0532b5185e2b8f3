//===- Routes.cpp - The master's HTTP routes ------------------------------===//
#include "cppet/Net/Routes.h"

#include "cppet/PKI/CertificateAuthority.h"

#include "llvm/ADT/StringExtras.h"

#include <ctime>
#include <sys/stat.h>
#include <tuple>

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

/// 200 with the PEM, or 404 with puppetserver's "Could not find" body.
HttpResponse pemOrNotFound(llvm::Expected<std::string> Pem,
                           llvm::StringRef What, llvm::StringRef Name) {
  if (Pem)
    return text(200, std::move(*Pem));
  llvm::consumeError(Pem.takeError());
  return text(404, ("Could not find " + What + " " + Name).str());
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

  // certificate_status(es), clean, expirations, DELETE certificate_request:
  // admin or authenticated rules in Puppet's auth.conf, not granted yet.
  return forbidden(Request);
}
