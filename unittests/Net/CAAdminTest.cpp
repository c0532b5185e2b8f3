//===- CAAdminTest.cpp - the CA's admin API without a transport -----------===//
//
// certificate_status(es), clean and expirations as puppetserver answers
// them: who may call them (pp_cli_auth), the JSON, and the status codes and
// plain-text bodies of each refusal.
//
//===----------------------------------------------------------------------===//
#include "ScratchCA.h"
#include "cppet/Net/Routes.h"
#include "cppet/PKI/CertificateAuthority.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"

#include "gtest/gtest.h"

using namespace cppet;
using namespace cppet::net;

namespace {

constexpr const char *Admin = "puppet.test";

class CAAdminTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(nettest::makeScratchCA("cppet-ca-admin", CA, Root,
                                                   Admin, {pki::KeyType::EC}));
    Routes = std::make_unique<MasterRoutes>(*CA);
  }
  void TearDown() override {
    Routes.reset();
    CA.reset();
    llvm::sys::fs::remove_directories(Root);
  }

  /// A CSR for Name waiting in the CA.
  void submit(const std::string &Name, pki::RequestSpec Spec = {}) {
    pki::KeySpec Key;
    Key.Type = pki::KeyType::EC;
    auto KeyPem = pki::generatePrivateKey(Key);
    ASSERT_TRUE(bool(KeyPem)) << llvm::toString(KeyPem.takeError());
    Spec.Certname = Name;
    auto Csr = pki::makeRequest(*KeyPem, Spec);
    ASSERT_TRUE(bool(Csr)) << llvm::toString(Csr.takeError());
    auto Outcome = CA->submitRequest(Name, *Csr);
    ASSERT_TRUE(bool(Outcome)) << llvm::toString(Outcome.takeError());
  }

  HttpResponse request(const std::string &Method, const std::string &Path,
                       const std::string &Body = "",
                       const std::string &ContentType = "application/json") {
    HttpRequest R;
    R.Method = Method;
    R.Path = Path;
    R.Body = Body;
    R.ContentType = ContentType;
    R.Accept = "application/json";
    R.PeerCertname = Admin;
    R.PeerIsAdmin = true;
    return Routes->handle(R);
  }
  HttpResponse status(const std::string &Name) {
    return request("GET", "/puppet-ca/v1/certificate_status/" + Name);
  }
  HttpResponse setState(const std::string &Name, const std::string &Body) {
    return request("PUT", "/puppet-ca/v1/certificate_status/" + Name, Body);
  }
  catalog::Json json(const HttpResponse &R) {
    return catalog::Json::parse(R.Body, nullptr, false);
  }

  std::string Root;
  std::unique_ptr<pki::CertificateAuthority> CA;
  std::unique_ptr<MasterRoutes> Routes;
};

TEST(CAAdminAuthorizationTest, AdminRulesNeedPpCliAuth) {
  auto Allowed = [](const char *Method, const char *Path, const char *Peer,
                    bool IsAdmin) {
    HttpRequest R;
    R.Method = Method;
    R.Path = Path;
    R.PeerCertname = Peer;
    R.PeerIsAdmin = IsAdmin;
    return isAuthorized(R);
  };
  for (const char *Method : {"GET", "PUT", "DELETE"}) {
    EXPECT_TRUE(
        Allowed(Method, "/puppet-ca/v1/certificate_status/a", "adm", true));
    EXPECT_FALSE(
        Allowed(Method, "/puppet-ca/v1/certificate_status/a", "a", false));
    EXPECT_FALSE(
        Allowed(Method, "/puppet-ca/v1/certificate_status/a", "", false));
  }
  EXPECT_FALSE(
      Allowed("POST", "/puppet-ca/v1/certificate_status/a", "adm", true));
  EXPECT_TRUE(
      Allowed("GET", "/puppet-ca/v1/certificate_statuses/x", "adm", true));
  EXPECT_FALSE(
      Allowed("GET", "/puppet-ca/v1/certificate_statuses/x", "a", false));
  EXPECT_TRUE(Allowed("PUT", "/puppet-ca/v1/clean", "adm", true));
  EXPECT_FALSE(Allowed("PUT", "/puppet-ca/v1/clean", "a", false));
  EXPECT_FALSE(Allowed("GET", "/puppet-ca/v1/clean", "adm", true));
  EXPECT_TRUE(
      Allowed("PUT", "/puppet-ca/v1/certificate_revocation_list", "adm", true));
  EXPECT_FALSE(
      Allowed("PUT", "/puppet-ca/v1/certificate_revocation_list", "a", false));
  EXPECT_FALSE(Allowed("PUT", "/puppet-ca/v1/certificate_revocation_list/ca",
                       "adm", true));
  // expirations: any authenticated node.
  EXPECT_TRUE(Allowed("GET", "/puppet-ca/v1/expirations", "a", false));
  EXPECT_FALSE(Allowed("GET", "/puppet-ca/v1/expirations", "", false));
  // The admin extension grants nothing beyond the CA rules.
  EXPECT_FALSE(Allowed("GET", "/puppet/v3/node/other", "adm", true));
  EXPECT_FALSE(
      Allowed("DELETE", "/puppet-ca/v1/certificate_request/a", "adm", true));
}

TEST_F(CAAdminTest, StatusIsTheCAsJson) {
  HttpResponse R = status(Admin);
  EXPECT_EQ(R.Status, 200);
  EXPECT_EQ(R.ContentType, "application/json;charset=utf-8");
  catalog::Json J = json(R);
  EXPECT_EQ(J, CA->status(Admin)->toJson());
  EXPECT_EQ(J["state"], "signed");
  EXPECT_EQ(J["authorization_extensions"]["pp_cli_auth"], "true");
  EXPECT_TRUE(J.contains("serial_number"));

  submit("agent1.test");
  J = json(status("agent1.test"));
  EXPECT_EQ(J["state"], "requested");
  EXPECT_FALSE(J.contains("not_after"));

  R = status("nobody.test");
  EXPECT_EQ(R.Status, 404);
  EXPECT_EQ(R.Body, "Resource not found.");
  EXPECT_EQ(status("..").Status, 404);
}

TEST_F(CAAdminTest, StatusFollowsAccept) {
  HttpRequest R;
  R.Method = "GET";
  R.Path = std::string("/puppet-ca/v1/certificate_status/") + Admin;
  R.PeerCertname = Admin;
  R.PeerIsAdmin = true;
  R.Accept = "text/pson";
  EXPECT_EQ(Routes->handle(R).ContentType, "text/pson;charset=utf-8");
  R.Accept = "text/html, */*;q=0.1";
  EXPECT_EQ(Routes->handle(R).ContentType, "application/json;charset=utf-8");
  R.Accept = "text/plain";
  HttpResponse Refused = Routes->handle(R);
  EXPECT_EQ(Refused.Status, 406);
  EXPECT_EQ(Refused.Body, "No acceptable resource available.");
  R.Accept = "";
  EXPECT_EQ(Routes->handle(R).Status, 200);
}

TEST_F(CAAdminTest, StatusesFilterByState) {
  submit("agent1.test");
  submit("agent2.test");
  ASSERT_FALSE(bool(CA->sign("agent2.test")));
  ASSERT_FALSE(bool(CA->revoke("agent2.test")));
  auto Names = [&](const std::string &Query) {
    HttpRequest R;
    R.Method = "GET";
    R.Path = "/puppet-ca/v1/certificate_statuses/any_key";
    R.PeerCertname = Admin;
    R.PeerIsAdmin = true;
    if (!Query.empty())
      R.Query.emplace_back("state", Query);
    HttpResponse Out = Routes->handle(R);
    EXPECT_EQ(Out.Status, 200);
    std::vector<std::string> List;
    for (const catalog::Json &S : json(Out))
      List.push_back(S["name"].get<std::string>() + "=" +
                     S["state"].get<std::string>());
    return List;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(Names(""), (V{"agent1.test=requested", "agent2.test=revoked",
                          "puppet.test=signed"}));
  EXPECT_EQ(Names("requested"), V{"agent1.test=requested"});
  EXPECT_EQ(Names("signed"), V{"puppet.test=signed"});
  EXPECT_EQ(Names("revoked"), V{"agent2.test=revoked"});
  // An unknown state lists everything, as puppetserver does.
  EXPECT_EQ(Names("bogus").size(), 3U);

  HttpResponse R = request("GET", "/puppet-ca/v1/certificate_statuses/");
  EXPECT_EQ(R.Status, 400);
  EXPECT_EQ(R.Body, "Missing URL Segment");
}

TEST_F(CAAdminTest, SignThroughStatus) {
  submit("agent1.test");
  HttpResponse R = setState("agent1.test", R"({"desired_state":"signed"})");
  EXPECT_EQ(R.Status, 204);
  EXPECT_EQ(R.Body, "");
  EXPECT_EQ(json(status("agent1.test"))["state"], "signed");
  EXPECT_FALSE(CA->hasRequest("agent1.test"));

  // Signed already: no request left.
  R = setState("agent1.test", R"({"desired_state":"signed"})");
  EXPECT_EQ(R.Status, 409);
  EXPECT_EQ(R.Body, "Cannot sign certificate for host agent1.test without a "
                    "certificate request");
  R = setState("ghost.test", R"({"desired_state":"signed"})");
  EXPECT_EQ(R.Status, 404);
  EXPECT_EQ(R.Body, "Invalid certificate subject.");
}

TEST_F(CAAdminTest, SignWithTtl) {
  submit("agent1.test");
  EXPECT_EQ(
      setState("agent1.test", R"({"desired_state":"signed","cert_ttl":86400})")
          .Status,
      204);
  // A day instead of the CA's five years.
  std::string Short = json(status("agent1.test"))["not_after"];
  std::string Long = json(status(Admin))["not_after"];
  EXPECT_LT(Short.substr(0, 4), Long.substr(0, 4));
  HttpResponse R =
      setState("agent1.test", R"({"desired_state":"signed","cert_ttl":"1d"})");
  EXPECT_EQ(R.Status, 400);
  EXPECT_EQ(R.Body, "cert_ttl specified for host agent1.test must be an "
                    "integer, not \"1d\"");
}

TEST_F(CAAdminTest, SignRefusesWhatTheCARefuses) {
  pki::RequestSpec Spec;
  Spec.DnsAltNames = {"other.test"};
  submit("agent1.test", Spec);
  HttpResponse R = setState("agent1.test", R"({"desired_state":"signed"})");
  EXPECT_EQ(R.Status, 409);
  EXPECT_EQ(llvm::StringRef(R.Body).startswith(
                "CSR 'agent1.test' contains subject alternative names"),
            true)
      << R.Body;
  EXPECT_TRUE(CA->hasRequest("agent1.test"));
}

TEST_F(CAAdminTest, MalformedPuts) {
  submit("agent1.test");
  struct Case {
    const char *Body;
    int Status;
    const char *Message;
  } Cases[] = {
      {"", 400, "Request body is not JSON."},
      {"not json", 400, "Request body is not JSON."},
      {"{}", 400, "Missing required parameter \"desired_state\""},
      {"[1]", 400, "Missing required parameter \"desired_state\""},
      {R"({"desired_state":"bogus"})", 400,
       "State bogus invalid; Must specify desired state of 'signed' or "
       "'revoked' for host agent1.test."},
  };
  for (const Case &C : Cases) {
    HttpResponse R = setState("agent1.test", C.Body);
    EXPECT_EQ(R.Status, C.Status) << C.Body;
    EXPECT_EQ(R.Body, C.Message) << C.Body;
    EXPECT_EQ(R.ContentType, "text/plain;charset=utf-8");
  }
  // The body is checked first, even for an unknown name.
  EXPECT_EQ(setState("ghost.test", "{}").Status, 400);
  HttpResponse R =
      request("PUT", "/puppet-ca/v1/certificate_status/agent1.test",
              R"({"desired_state":"signed"})", "text/plain");
  EXPECT_EQ(R.Status, 415);
  EXPECT_EQ(R.Body, "Unsupported media type.");
  for (const char *Type : {"", "text/pson", "application/json; charset=UTF-8"})
    EXPECT_NE(request("PUT", "/puppet-ca/v1/certificate_status/x.test",
                      R"({"desired_state":"signed"})", Type)
                  .Status,
              415)
        << Type;
  EXPECT_TRUE(CA->hasRequest("agent1.test"));
}

TEST_F(CAAdminTest, RevokeThroughStatus) {
  submit("agent1.test");
  HttpResponse R = setState("agent1.test", R"({"desired_state":"revoked"})");
  EXPECT_EQ(R.Status, 409);
  EXPECT_EQ(R.Body, "Cannot revoke certificate for host agent1.test without "
                    "a signed certificate");
  ASSERT_FALSE(bool(CA->sign("agent1.test")));
  std::string CrlBefore = *CA->crlPem();
  EXPECT_EQ(setState("agent1.test", R"({"desired_state":"revoked"})").Status,
            204);
  EXPECT_EQ(json(status("agent1.test"))["state"], "revoked");
  std::string CrlAfter = *CA->crlPem();
  EXPECT_NE(CrlBefore, CrlAfter);
  // Again: nothing changes, no error.
  EXPECT_EQ(setState("agent1.test", R"({"desired_state":"revoked"})").Status,
            204);
  EXPECT_EQ(*CA->crlPem(), CrlAfter);
}

TEST_F(CAAdminTest, DeleteRemovesFilesWithoutRevoking) {
  submit("agent1.test");
  ASSERT_FALSE(bool(CA->sign("agent1.test")));
  submit("agent2.test");
  std::string Crl = *CA->crlPem();
  HttpResponse R =
      request("DELETE", "/puppet-ca/v1/certificate_status/agent1.test");
  EXPECT_EQ(R.Status, 204);
  EXPECT_FALSE(CA->hasCertificate("agent1.test"));
  EXPECT_EQ(*CA->crlPem(), Crl);
  EXPECT_EQ(
      request("DELETE", "/puppet-ca/v1/certificate_status/agent2.test").Status,
      204);
  EXPECT_FALSE(CA->hasRequest("agent2.test"));
  R = request("DELETE", "/puppet-ca/v1/certificate_status/agent1.test");
  EXPECT_EQ(R.Status, 404);
  EXPECT_EQ(R.Body, "Resource not found.");
}

TEST_F(CAAdminTest, CleanRevokesAndDeletes) {
  submit("agent1.test");
  ASSERT_FALSE(bool(CA->sign("agent1.test")));
  submit("agent2.test");
  ASSERT_FALSE(bool(CA->sign("agent2.test")));
  ASSERT_FALSE(bool(CA->revoke("agent2.test")));
  submit("waiting.test");

  HttpResponse R = request("PUT", "/puppet-ca/v1/clean",
                           R"({"certnames":["agent1.test","agent2.test"]})");
  EXPECT_EQ(R.Status, 200);
  EXPECT_EQ(R.Body, "Successfully cleaned all certs.");
  EXPECT_FALSE(CA->hasCertificate("agent1.test"));
  EXPECT_FALSE(CA->hasCertificate("agent2.test"));

  R = request("PUT", "/puppet-ca/v1/clean",
              R"({"certnames":["ghost.test","waiting.test"]})");
  EXPECT_EQ(R.Status, 200);
  EXPECT_EQ(R.Body, "The following certs do not exist and cannot be revoked: "
                    "[\"ghost.test\" \"waiting.test\"]");
  EXPECT_TRUE(CA->hasRequest("waiting.test"));

  R = request("PUT", "/puppet-ca/v1/clean", "{}");
  EXPECT_EQ(R.Status, 400);
  EXPECT_EQ(R.Body, "Missing required key: 'certnames'. Please supply the "
                    "list of certs you want to clean.");
  R = request("PUT", "/puppet-ca/v1/clean", "x");
  EXPECT_EQ(R.Status, 400);
  EXPECT_EQ(R.Body, "Request body is not JSON.");
  R = request("PUT", "/puppet-ca/v1/clean",
              R"({"certnames":["a.test"],"async":true})");
  EXPECT_EQ(R.Status, 400);
  EXPECT_EQ(R.Body, "Async mode is not currently supported.");
}

TEST_F(CAAdminTest, Expirations) {
  HttpRequest Request;
  Request.Method = "GET";
  Request.Path = "/puppet-ca/v1/expirations";
  Request.PeerCertname = "agent1.test";
  HttpResponse R = Routes->handle(Request);
  EXPECT_EQ(R.Status, 200);
  EXPECT_EQ(R.ContentType, "application/json");
  catalog::Json J = json(R);
  ASSERT_TRUE(J.is_object());
  std::string CaName = "Puppet CA: " + std::string(Admin);
  ASSERT_TRUE(J["ca-certs"].contains(CaName)) << R.Body;
  ASSERT_TRUE(J["crls"].contains(CaName)) << R.Body;
  std::string Date = J["ca-certs"][CaName];
  EXPECT_EQ(Date.size(), std::string("2031-11-25T17:45:08UTC").size()) << Date;
  EXPECT_EQ(llvm::StringRef(Date).endswith("UTC"), true);
}

TEST(CertStatusJsonTest, RoundTrips) {
  pki::CertStatus S;
  S.Name = "agent1.test";
  S.State = pki::CertState::Revoked;
  S.Fingerprint = "AA:BB";
  S.Fingerprints = {{"SHA1", "11"}, {"SHA256", "AA:BB"}, {"default", "AA:BB"}};
  S.DnsAltNames = {"DNS:agent1.test"};
  S.SubjectAltNames = {"DNS:agent1.test", "IP:10.0.0.1"};
  S.AuthorizationExtensions = {{"pp_cli_auth", "true"}};
  S.Serial = 7;
  S.NotBefore = "2026-11-25T17:45:43UTC";
  S.NotAfter = "2031-11-25T17:45:43UTC";
  catalog::Json J = catalog::Json::parse(S.toJson().dump());
  auto Back = pki::CertStatus::fromJson(J);
  ASSERT_TRUE(bool(Back)) << llvm::toString(Back.takeError());
  EXPECT_EQ(Back->toJson(), S.toJson());
  EXPECT_FALSE(bool(pki::CertStatus::fromJson(catalog::Json::array())));
  auto Bad = pki::CertStatus::fromJson(
      catalog::Json::parse(R"({"name":"a","state":"lost"})"));
  ASSERT_FALSE(bool(Bad));
  EXPECT_EQ(llvm::toString(Bad.takeError()),
            "invalid certificate status: state 'lost' of a");
}

} // namespace
