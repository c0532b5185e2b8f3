//===- AgentTest.cpp - the agent's internals ------------------------------===//
//
// What no tool shows directly: the encodings of the catalog request (facts
// URL-encoded twice, as puppetserver decodes them), Puppet-worded HTTP
// errors, the report spool's order, the lock file.
//
//===----------------------------------------------------------------------===//
#include "cppet/Net/Agent.h"
#include "cppet/Net/Client.h"
#include "cppet/Support/FileSystem.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"

#include "gtest/gtest.h"

#include <map>

using namespace cppet;
using namespace cppet::net;
using catalog::Json;

namespace {

std::map<std::string, std::string> parseForm(llvm::StringRef Body) {
  std::map<std::string, std::string> Out;
  llvm::SmallVector<llvm::StringRef, 16> Pairs;
  Body.split(Pairs, '&');
  for (llvm::StringRef P : Pairs) {
    auto [K, V] = P.split('=');
    Out[formDecode(K)] = formDecode(V);
  }
  return Out;
}

TEST(AgentEncoding, FormAndUriEncoding) {
  EXPECT_EQ(formEncode("a b*c-d._~/:"), "a+b*c-d._%7E%2F%3A");
  EXPECT_EQ(uriEncode("a b*c-d._~/:"), "a%20b%2Ac-d._~%2F%3A");
  EXPECT_EQ(pathEncode("modules/demo/f x.txt"), "modules/demo/f%20x.txt");
  EXPECT_EQ(formDecode("a+b%2Fc%zz%4"), "a b/c%zz%4");
  EXPECT_EQ(formBody({{"a", "1 2"}, {"b", ""}}), "a=1+2&b=");
}

TEST(AgentEncoding, FactsAreEncodedTwice) {
  Json Facts = {{"name", "agent1.test"},
                {"values", {{"os", {{"family", "Debian"}}}, {"x", "a b&c"}}}};
  std::string Body =
      catalogRequestBody(Facts, "production", "production", "u-1");
  // What Puppet sends: `facts=%257B%2522name%2522%253A...`.
  EXPECT_NE(Body.find("facts=%257B%2522name%2522%253A"), std::string::npos)
      << Body;
  auto Form = parseForm(Body);
  EXPECT_EQ(Form["facts_format"], "application/json");
  EXPECT_EQ(Form["environment"], "production");
  EXPECT_EQ(Form["configured_environment"], "production");
  EXPECT_EQ(Form["check_environment"], "true");
  EXPECT_EQ(Form["transaction_uuid"], "u-1");
  EXPECT_EQ(Form["job_uuid"], "");
  EXPECT_EQ(Form["static_catalog"], "true");
  EXPECT_EQ(Form["checksum_type"], "sha256.sha384.sha512.sha224.md5");
  // The server's second decode (CGI.unescape) gives the JSON back.
  Json Back = Json::parse(formDecode(Form["facts"]));
  EXPECT_EQ(Back, Facts);
  // Key order as Puppet sends it.
  EXPECT_EQ(Body.rfind("facts_format=", 0), 0u);
}

TEST(AgentEncoding, FactsDocument) {
  Json D = factsDocument("agent1.test", {{"a", 1}}, 1800);
  EXPECT_EQ(D["name"], "agent1.test");
  EXPECT_EQ(D["values"]["a"], 1);
  ASSERT_TRUE(D["timestamp"].is_string());
  ASSERT_TRUE(D["expiration"].is_string());
  EXPECT_LT(D["timestamp"].get<std::string>(),
            D["expiration"].get<std::string>());
}

TEST(AgentHttp, ErrorsArePuppetWorded) {
  Response R;
  R.Status = 500;
  R.ContentType = "application/json";
  R.Body =
      R"({"message":"Server Error: Could not find node 'x'","issue_kind":"RUNTIME_ERROR"})";
  llvm::Error E = responseError(R);
  EXPECT_EQ(httpStatusOf(E), 500);
  EXPECT_EQ(llvm::toString(std::move(E)),
            "Error 500 on SERVER: Server Error: Could not find node 'x'");
  Response Denied;
  Denied.Status = 403;
  Denied.Body = "Forbidden request: /puppet/v3/node/other (method :get). "
                "Please see the server logs for details.";
  EXPECT_EQ(llvm::toString(responseError(Denied)),
            "Error 403 on SERVER: Forbidden request: /puppet/v3/node/other "
            "(method :get). Please see the server logs for details.");
  Response Empty;
  Empty.Status = 404;
  EXPECT_EQ(llvm::toString(responseError(Empty)),
            "Error 404 on SERVER: Not Found");
  llvm::Error Other =
      llvm::createStringError(llvm::inconvertibleErrorCode(), "x");
  EXPECT_EQ(httpStatusOf(Other), 0);
  llvm::consumeError(std::move(Other));
}

TEST(AgentHttp, RetryAfter) {
  EXPECT_EQ(retryAfterSeconds("120", 0), 120);
  EXPECT_EQ(retryAfterSeconds(" 0 ", 0), 0);
  // 2015-10-21 07:28:00 UTC is 1445412480.
  EXPECT_EQ(retryAfterSeconds("Wed, 21 Oct 2015 07:28:00 GMT", 1445412400), 80);
  EXPECT_EQ(retryAfterSeconds("Wed, 21 Oct 2015 07:28:00 GMT", 1445412500), 0);
  EXPECT_FALSE(retryAfterSeconds("", 0));
  EXPECT_FALSE(retryAfterSeconds("soon", 0));
  EXPECT_FALSE(retryAfterSeconds("-5", 0));
}

class AgentFiles : public ::testing::Test {
protected:
  void SetUp() override {
    llvm::SmallString<128> Dir;
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("cppet-agent", Dir));
    Root = std::string(Dir);
  }
  void TearDown() override { llvm::sys::fs::remove_directories(Root); }
  std::string Root;
};

TEST_F(AgentFiles, SpoolKeepsOrder) {
  std::string Spool = Root + "/state/spool";
  EXPECT_TRUE(spooledReports(Spool).empty());
  ASSERT_FALSE(bool(spoolReport(Spool, "{\"n\":1}", "u1")));
  ASSERT_FALSE(bool(spoolReport(Spool, "{\"n\":2}", "u2")));
  ASSERT_FALSE(bool(spoolReport(Spool, "{\"n\":3}", "u0")));
  std::vector<std::string> Files = spooledReports(Spool);
  ASSERT_EQ(Files.size(), 3u);
  for (size_t I = 0; I < Files.size(); ++I) {
    auto Text = readFile(Files[I]);
    ASSERT_TRUE(bool(Text));
    EXPECT_EQ(*Text, "{\"n\":" + std::to_string(I + 1) + "}");
  }
  // Temporary files of an interrupted write are not reports.
  ASSERT_FALSE(bool(writeFileAtomically(Spool + "/.tmp-x.json", "{}", 0600)));
  EXPECT_EQ(spooledReports(Spool).size(), 3u);
}

TEST_F(AgentFiles, LockIsExclusive) {
  std::string Path = Root + "/state/agent_catalog_run.lock";
  {
    auto First = LockFile::acquire(Path);
    ASSERT_TRUE(bool(First)) << llvm::toString(First.takeError());
    auto Second = LockFile::acquire(Path);
    ASSERT_FALSE(bool(Second));
    std::string Message = llvm::toString(Second.takeError());
    EXPECT_NE(Message.find("locked by pid"), std::string::npos) << Message;
  }
  EXPECT_FALSE(llvm::sys::fs::exists(Path));
  auto Again = LockFile::acquire(Path);
  EXPECT_TRUE(bool(Again));
  if (!Again)
    llvm::consumeError(Again.takeError());
}

TEST(AgentPaths, PuppetLayout) {
  SslPaths P = SslPaths::of("/s", "a.test");
  EXPECT_EQ(P.CACert, "/s/certs/ca.pem");
  EXPECT_EQ(P.Crl, "/s/crl.pem");
  EXPECT_EQ(P.PrivateKey, "/s/private_keys/a.test.pem");
  EXPECT_EQ(P.Certificate, "/s/certs/a.test.pem");
  EXPECT_EQ(P.Request, "/s/certificate_requests/a.test.pem");
  EXPECT_EQ(P.Lock, "/s/ssl.lock");
}

} // namespace
