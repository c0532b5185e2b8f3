//===- Routes.cpp - The master's HTTP routes ------------------------------===//
#include "cppet/Net/Routes.h"

#include "cppet/PKI/CertificateAuthority.h"

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
    if (!Outcome)
      return text(400, llvm::toString(Outcome.takeError()));
    return text(200, "");
  }

  // certificate_status(es), clean, expirations, DELETE certificate_request:
  // admin or authenticated rules in Puppet's auth.conf, not granted yet.
  return forbidden(Request);
}
