//===- Routes.cpp - The master's HTTP routes ------------------------------===//
#include "cppet/Net/Routes.h"

#include "cppet/PKI/CertificateAuthority.h"

#include <ctime>
#include <sys/stat.h>

using namespace cppet;
using namespace cppet::net;

namespace {

HttpResponse text(int Status, std::string Body) {
  HttpResponse R;
  R.Status = Status;
  R.Body = std::move(Body);
  return R;
}

/// Puppet's auth.conf denial.
HttpResponse forbidden(const HttpRequest &Request) {
  return text(403, "Forbidden request: " + Request.Path + " (method " +
                       Request.Method +
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

HttpResponse MasterRoutes::handle(const HttpRequest &Request) {
  llvm::StringRef Path = Request.Path;
  if (Path == "/status/v1/simple" || Path == "/status/v1/simple/") {
    if (Request.Method != "GET")
      return forbidden(Request);
    return text(200, "running");
  }
  if (Path.consume_front("/puppet-ca/v1/"))
    return handleCA(Request, Path);
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
