//===- RoutesTest.cpp - the master's routes without a transport -----------===//
//
// What no lit test over curl reaches easily: names that would leave the CA
// directory, methods per route, HTTP dates.
//
//===----------------------------------------------------------------------===//
#include "cppet/Net/Routes.h"
#include "ScratchCA.h"
#include "cppet/PKI/CertificateAuthority.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"

#include "gtest/gtest.h"

using namespace cppet;
using namespace cppet::net;

namespace {

class RoutesTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(nettest::makeScratchCA("cppet-net", CA, Root));
    Routes = std::make_unique<MasterRoutes>(*CA);
  }
  void TearDown() override {
    Routes.reset();
    CA.reset();
    llvm::sys::fs::remove_directories(Root);
  }

  HttpResponse request(const std::string &Method, const std::string &Path,
                       const std::string &Peer = "") {
    HttpRequest R;
    R.Method = Method;
    R.Path = Path;
    R.PeerCertname = Peer;
    return Routes->handle(R);
  }
  HttpResponse get(const std::string &Path) { return request("GET", Path); }

  std::string Root;
  std::unique_ptr<pki::CertificateAuthority> CA;
  std::unique_ptr<MasterRoutes> Routes;
};

TEST_F(RoutesTest, StatusIsRunning) {
  HttpResponse R = get("/status/v1/simple");
  EXPECT_EQ(R.Status, 200);
  EXPECT_EQ(R.Body, "running");
  EXPECT_EQ(R.ContentType, "text/plain");
  EXPECT_EQ(request("POST", "/status/v1/simple").Status, 403);
}

TEST_F(RoutesTest, CACertificateIsTheCA) {
  HttpResponse R = get("/puppet-ca/v1/certificate/ca");
  EXPECT_EQ(R.Status, 200);
  EXPECT_EQ(R.Body, *CA->caCertificatePem());
  // The server's own certificate is public too.
  EXPECT_EQ(get("/puppet-ca/v1/certificate/puppet.test").Body,
            *CA->certificatePem("puppet.test"));
}

TEST_F(RoutesTest, NamesThatLeaveTheCADirectoryAreNotFound) {
  for (const char *Path :
       {"/puppet-ca/v1/certificate/../ca_key", "/puppet-ca/v1/certificate/..",
        "/puppet-ca/v1/certificate/", "/puppet-ca/v1/certificate_request/..",
        "/puppet-ca/v1/certificate_request/../../private_keys/puppet.test"}) {
    HttpResponse R = get(Path);
    EXPECT_EQ(R.Status, 404) << Path;
    EXPECT_EQ(llvm::StringRef(R.Body).startswith("Could not find"), true)
        << Path;
    EXPECT_EQ(R.Body.find("BEGIN"), std::string::npos) << Path;
  }
  HttpResponse Put = request("PUT", "/puppet-ca/v1/certificate_request/../x");
  EXPECT_EQ(Put.Status, 400);
  EXPECT_EQ(Put.Body, "Subject hostname format is invalid");
}

TEST_F(RoutesTest, OtherMethodsAndEndpointsAreRefused) {
  EXPECT_EQ(
      request("DELETE", "/puppet-ca/v1/certificate_request/a.test").Status,
      403);
  EXPECT_EQ(request("PUT", "/puppet-ca/v1/certificate/a.test").Status, 403);
  EXPECT_EQ(get("/puppet-ca/v1/certificate_statuses/any").Status, 403);
  EXPECT_EQ(get("/puppet-ca/v1/certificate_revocation_list/").Status, 403);
  HttpResponse R = get("/puppet/v3/node/a.test");
  EXPECT_EQ(R.Status, 403);
  EXPECT_EQ(R.Body, "Forbidden request: /puppet/v3/node/a.test (method :get). "
                    "Please see the server logs for details.");
  // Authenticated, but no compiler behind this CA-only router.
  R = request("GET", "/puppet/v3/node/a.test", "a.test");
  EXPECT_EQ(R.Status, 503);
  EXPECT_EQ(request("GET", "/nowhere", "a.test").Status, 403);
}

TEST(FormTest, DecodesTwiceEncodedFacts) {
  // What the stock agent sends: the facts URL-encoded, then form-encoded.
  auto Form = parseForm("facts_format=application%2Fjson&facts=%257B%2522a%2522"
                        "%253A%2522b+c%2522%257D&job_uuid=&x");
  ASSERT_EQ(Form.size(), 4U);
  EXPECT_EQ(Form[0].second, "application/json");
  EXPECT_EQ(Form[1].second, "%7B%22a%22%3A%22b c%22%7D");
  EXPECT_EQ(percentDecode(Form[1].second, true), "{\"a\":\"b c\"}");
  EXPECT_EQ(Form[2], std::make_pair(std::string("job_uuid"), std::string()));
  EXPECT_EQ(Form[3].first, "x");
  // Malformed escapes stay as written.
  EXPECT_EQ(percentDecode("100%", false), "100%");
  EXPECT_EQ(percentDecode("%zz%4", false), "%zz%4");
  EXPECT_EQ(percentDecode("a+b", false), "a+b");
}

TEST(AuthorizationTest, DefaultAuthConf) {
  auto Allowed = [](const char *Method, const char *Path, const char *Peer) {
    HttpRequest R;
    R.Method = Method;
    R.Path = Path;
    R.PeerCertname = Peer;
    return isAuthorized(R);
  };
  EXPECT_TRUE(Allowed("GET", "/puppet-ca/v1/certificate/ca", ""));
  EXPECT_TRUE(Allowed("PUT", "/puppet-ca/v1/certificate_request/a", ""));
  EXPECT_FALSE(Allowed("DELETE", "/puppet-ca/v1/certificate_request/a", "a"));
  EXPECT_FALSE(Allowed("GET", "/puppet-ca/v1/certificate_statuses/x", "a"));
  EXPECT_TRUE(Allowed("POST", "/puppet/v3/catalog/a", "a"));
  EXPECT_FALSE(Allowed("POST", "/puppet/v3/catalog/b", "a"));
  EXPECT_FALSE(Allowed("POST", "/puppet/v3/catalog/a/x", "a"));
  EXPECT_FALSE(Allowed("POST", "/puppet/v3/catalog/a", ""));
  EXPECT_FALSE(Allowed("PUT", "/puppet/v3/catalog/a", "a"));
  EXPECT_TRUE(Allowed("PUT", "/puppet/v3/report/a", "a"));
  EXPECT_FALSE(Allowed("PUT", "/puppet/v3/report/b", "a"));
  EXPECT_TRUE(Allowed("GET", "/puppet/v3/file_content/modules/m/f", "a"));
  EXPECT_FALSE(Allowed("GET", "/puppet/v3/file_content/modules/m/f", ""));
  EXPECT_FALSE(Allowed("DELETE", "/puppet/v3/file_content/modules/m/f", "a"));
  EXPECT_FALSE(Allowed("POST", "/puppet/v4/catalog", "a"));
}

TEST_F(RoutesTest, CrlHonoursIfModifiedSince) {
  HttpRequest Request;
  Request.Method = "GET";
  Request.Path = "/puppet-ca/v1/certificate_revocation_list/ca";
  EXPECT_EQ(Routes->handle(Request).Status, 200);
  Request.IfModifiedSince = "Sat, 01 Jan 2000 00:00:00 GMT";
  EXPECT_EQ(Routes->handle(Request).Status, 200);
  Request.IfModifiedSince = "Fri, 01 Jan 2100 00:00:00 GMT";
  HttpResponse R = Routes->handle(Request);
  EXPECT_EQ(R.Status, 304);
  EXPECT_EQ(R.Body, "");
  Request.IfModifiedSince = "not a date";
  EXPECT_EQ(Routes->handle(Request).Status, 200);
}

TEST(HttpDateTest, Formats) {
  EXPECT_EQ(parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT"), 784111777);
  EXPECT_EQ(parseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT"), 784111777);
  EXPECT_EQ(parseHttpDate("Sun Nov  6 08:49:37 1994"), 784111777);
  EXPECT_EQ(parseHttpDate(""), std::nullopt);
  EXPECT_EQ(parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT trailing"),
            std::nullopt);
}

} // namespace
