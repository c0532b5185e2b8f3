//===- StoreTest.cpp - reports, facts and catalogs in SQLite --------------===//
#include "cppet/Store/Store.h"
#include "cppet/Store/DocumentWriter.h"
#include "cppet/Support/FileSystem.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include "gtest/gtest.h"

#include <sqlite3.h>

#include <atomic>
#include <memory>
#include <sys/stat.h>
#include <thread>

using namespace cppet;
using namespace cppet::store;

namespace {

template <typename T> T must(llvm::Expected<T> V) {
  if (!V) {
    ADD_FAILURE() << llvm::toString(V.takeError());
    return T();
  }
  return std::move(*V);
}

template <typename T> std::string errorOf(llvm::Expected<T> V) {
  return V ? std::string() : llvm::toString(V.takeError());
}
std::string errorOf(llvm::Error E) {
  return E ? llvm::toString(std::move(E)) : std::string();
}

unsigned modeOf(const std::string &Path) {
  struct stat St;
  if (::stat(Path.c_str(), &St) != 0)
    return 0;
  return St.st_mode & 07777;
}

/// The sample report (Puppet 7.23's agent), next to the lit tests.
std::string sampleReport() {
  llvm::SmallString<256> Path(__FILE__);
  llvm::sys::path::remove_filename(Path);
  llvm::sys::path::append(Path, "../../test/Store/Inputs/sample-report.json");
  return must(readFile(Path));
}

/// A small report of \p Host with \p Status.
std::string report(const std::string &Host, const std::string &Status,
                   const std::string &Time = "2026-11-26T10:00:00.5+00:00",
                   const std::string &Environment = "production") {
  return R"({"host":")" + Host + R"(","time":")" + Time +
         R"(","configuration_version":1700000000,"transaction_uuid":"u-1",)"
         R"("report_format":12,"status":")" +
         Status + R"(","noop":false,"environment":")" + Environment +
         R"(","logs":[],"metrics":{"resources":{"name":"resources",)"
         R"("label":"Resources","values":[["total","Total",4],)"
         R"(["failed","Failed",)" +
         (Status == "failed" ? "1" : "0") + R"(],["changed","Changed",)" +
         (Status == "changed" ? "2" : "0") +
         R"(],["out_of_sync","Out of sync",3]]}},"resource_statuses":{}})";
}

class StoreTest : public ::testing::Test {
protected:
  void SetUp() override {
    llvm::SmallString<128> Dir;
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("cppet-store", Dir));
    TempDir = std::string(Dir);
  }
  void TearDown() override { llvm::sys::fs::remove_directories(TempDir); }

  std::unique_ptr<Store> open(StoreOptions Options = {}) {
    return must(Store::open(TempDir + "/var/cppet.db", Options));
  }

  std::string TempDir;
};

TEST_F(StoreTest, OpenCreatesDirectoryAndPrivateFile) {
  const std::string Path = TempDir + "/a/b/cppet.db";
  {
    std::unique_ptr<Store> S = must(Store::open(Path));
    ASSERT_TRUE(S);
    EXPECT_TRUE(must(S->nodes()).empty());
    EXPECT_TRUE(must(S->reports()).empty());
  }
  EXPECT_EQ(modeOf(Path), 0600u);
  EXPECT_EQ(modeOf(TempDir + "/a/b"), 0750u);
  EXPECT_EQ(modeOf(TempDir + "/a"), 0750u);
  // A second open finds the tables made by the first.
  std::unique_ptr<Store> Again = must(Store::open(Path));
  ASSERT_TRUE(Again);
  EXPECT_TRUE(must(Again->nodes()).empty());
}

TEST_F(StoreTest, OpenFailsClearly) {
  EXPECT_EQ(errorOf(Store::open("")), "no database path given");
  // A directory is not a database.
  std::string Error = errorOf(Store::open(TempDir));
  EXPECT_NE(Error.find(TempDir), std::string::npos) << Error;
  // Neither is a text file.
  ASSERT_FALSE(errorOf(writeFileAtomically(TempDir + "/text.db",
                                           std::string(4096, 'x'), 0600))
                   .size());
  Error = errorOf(Store::open(TempDir + "/text.db"));
  EXPECT_NE(Error.find("text.db"), std::string::npos) << Error;
}

TEST_F(StoreTest, NewerSchemaIsRefused) {
  const std::string Path = TempDir + "/var/cppet.db";
  ASSERT_TRUE(open());
  sqlite3 *Db = nullptr;
  ASSERT_EQ(sqlite3_open(Path.c_str(), &Db), SQLITE_OK);
  EXPECT_EQ(
      sqlite3_exec(Db, "PRAGMA user_version = 7", nullptr, nullptr, nullptr),
      SQLITE_OK);
  sqlite3_close(Db);
  EXPECT_EQ(errorOf(Store::open(Path)),
            Path +
                ": database schema version 7 is newer than this cppet's (1)");
}

TEST_F(StoreTest, SampleReportIsStoredWhole) {
  std::unique_ptr<Store> S = open();
  const std::string Sample = sampleReport();
  int64_t Id = must(S->addReport("agent1.example.test", Sample));
  EXPECT_GT(Id, 0);
  EXPECT_EQ(must(S->reportJson(Id)), Sample);

  std::vector<ReportSummary> Reports = must(S->reports());
  ASSERT_EQ(Reports.size(), 1u);
  const ReportSummary &R = Reports[0];
  EXPECT_EQ(R.Id, Id);
  EXPECT_EQ(R.Certname, "agent1.example.test");
  EXPECT_EQ(R.Time, "2026-11-26T17:45:37.981614648+00:00");
  EXPECT_EQ(R.Status, "changed");
  EXPECT_EQ(R.Environment, "production");
  EXPECT_EQ(R.ConfigurationVersion, "1795715175");
  EXPECT_EQ(R.TransactionUuid, "1d6d2ae0-5ce9-43eb-ab24-eac965455240");
  EXPECT_FALSE(R.Noop);
  EXPECT_EQ(R.Changed, 6u);
  EXPECT_EQ(R.Failed, 0u);
  EXPECT_EQ(R.OutOfSync, 6u);
  EXPECT_EQ(R.Total, 13u);

  std::vector<NodeSummary> Nodes = must(S->nodes());
  ASSERT_EQ(Nodes.size(), 1u);
  EXPECT_EQ(Nodes[0].Certname, "agent1.example.test");
  EXPECT_EQ(Nodes[0].Status, "changed");
  EXPECT_EQ(Nodes[0].Environment, "production");
  EXPECT_EQ(Nodes[0].LastRun, 1795715137);
  EXPECT_EQ(Nodes[0].LastReportTime, "2026-11-26T17:45:37.981614648+00:00");
  EXPECT_EQ(must(S->latestReportId("agent1.example.test")), Id);
  EXPECT_EQ(must(S->latestReportId("other")), std::nullopt);
}

TEST_F(StoreTest, UnknownReportIdIsAnError) {
  std::unique_ptr<Store> S = open();
  EXPECT_EQ(errorOf(S->reportJson(42)), "no report with id 42");
}

TEST_F(StoreTest, NodeStatusComesFromTheLatestReport) {
  std::unique_ptr<Store> S = open();
  ASSERT_EQ(errorOf(S->putFacts("a.test", "staging", R"({"values":{}})")), "");
  must(S->addReport("b.test", report("b.test", "unchanged")));
  must(S->addReport("c.test", report("c.test", "failed")));
  must(S->addReport("d.test", report("d.test", "failed")));
  must(S->addReport("d.test", report("d.test", "changed",
                                     "2026-11-26T11:00:00+01:00", "dev")));
  ASSERT_EQ(errorOf(S->putCatalog("e.test", "prod2", R"({"resources":[]})")),
            "");

  std::vector<NodeSummary> Nodes = must(S->nodes());
  ASSERT_EQ(Nodes.size(), 5u);
  EXPECT_EQ(Nodes[0].Certname, "a.test");
  EXPECT_EQ(Nodes[0].Status, "unreported");
  EXPECT_EQ(Nodes[0].Environment, "staging");
  EXPECT_EQ(Nodes[0].LastRun, 0);
  EXPECT_EQ(Nodes[0].LastReportTime, "");
  EXPECT_EQ(Nodes[1].Status, "unchanged");
  EXPECT_EQ(Nodes[2].Status, "failed");
  EXPECT_EQ(Nodes[3].Certname, "d.test");
  EXPECT_EQ(Nodes[3].Status, "changed");
  EXPECT_EQ(Nodes[3].Environment, "dev");
  // 11:00 at +01:00 is 10:00 UTC.
  EXPECT_EQ(Nodes[3].LastRun, *parseTimestamp("2026-11-26T10:00:00Z"));
  EXPECT_EQ(Nodes[4].Certname, "e.test");
  EXPECT_EQ(Nodes[4].Status, "unreported");
  EXPECT_EQ(Nodes[4].Environment, "prod2");

  std::vector<ReportSummary> OfD = must(S->reports("d.test"));
  ASSERT_EQ(OfD.size(), 2u);
  EXPECT_EQ(OfD[0].Status, "changed"); // newest first
  EXPECT_EQ(OfD[0].Changed, 2u);
  EXPECT_EQ(OfD[1].Status, "failed");
  EXPECT_EQ(OfD[1].Failed, 1u);
  EXPECT_EQ(must(S->reports()).size(), 4u);
  std::vector<ReportSummary> Newest = must(S->reports("", 2));
  ASSERT_EQ(Newest.size(), 2u);
  EXPECT_EQ(Newest[0].Id, OfD[0].Id);
  EXPECT_EQ(Newest[1].Id, OfD[1].Id);
  EXPECT_EQ(must(S->reports("d.test", 1)).size(), 1u);
}

TEST_F(StoreTest, OldReportsArePrunedPerNode) {
  StoreOptions O;
  O.MaxReportsPerNode = 3;
  std::unique_ptr<Store> S = open(O);
  std::vector<int64_t> Ids;
  for (int I = 0; I < 5; ++I)
    Ids.push_back(must(S->addReport("x.test", report("x.test", "changed"))));
  must(S->addReport("y.test", report("y.test", "changed")));
  must(S->addReport("y.test", report("y.test", "changed")));

  std::vector<ReportSummary> OfX = must(S->reports("x.test"));
  ASSERT_EQ(OfX.size(), 3u);
  EXPECT_EQ(OfX[0].Id, Ids[4]);
  EXPECT_EQ(OfX[2].Id, Ids[2]);
  EXPECT_EQ(errorOf(S->reportJson(Ids[0])),
            "no report with id " + std::to_string(Ids[0]));
  EXPECT_EQ(must(S->reports("y.test")).size(), 2u);

  // Ids of pruned reports are never given again.
  int64_t Next = must(S->addReport("x.test", report("x.test", "changed")));
  EXPECT_GT(Next, Ids[4] + 1);
  EXPECT_EQ(must(S->reports("x.test")).size(), 3u);
}

TEST_F(StoreTest, BadReportsAreRejectedWithTheReason) {
  std::unique_ptr<Store> S = open();
  std::string E = errorOf(S->addReport("n", "{not json"));
  EXPECT_EQ(E.rfind("report is not valid JSON: parse error at line 1", 0), 0u)
      << E;
  EXPECT_EQ(errorOf(S->addReport("n", "[1]")),
            "report must be a JSON object, not array");
  EXPECT_EQ(errorOf(S->addReport("n", R"({"time":"2026-11-26T10:00:00Z",)"
                                      R"("status":"changed"})")),
            "report has no 'host'");
  EXPECT_EQ(errorOf(S->addReport("n", R"({"host":"n","status":"changed"})")),
            "report has no 'time'");
  EXPECT_EQ(errorOf(S->addReport(
                "n", R"({"host":"n","time":"2026-11-26T10:00:00Z"})")),
            "report has no 'status'");
  EXPECT_EQ(errorOf(S->addReport("n", R"({"host":5,"time":"x"})")),
            "report 'host' must be a string, not number");
  EXPECT_EQ(errorOf(S->addReport("n", R"({"host":"n","time":"yesterday",)"
                                      R"("status":"changed"})")),
            "report 'time' is not an ISO 8601 timestamp: 'yesterday'");
  EXPECT_EQ(errorOf(S->addReport("n", report("n", "great"))),
            "report 'status' must be changed, unchanged or failed, not "
            "'great'");
  EXPECT_EQ(errorOf(S->addReport("", report("n", "changed"))),
            "a report needs a certname");
  // Nothing was stored; a minimal report is fine.
  EXPECT_TRUE(must(S->reports()).empty());
  int64_t Id = must(S->addReport(
      "n", R"({"host":"n","time":"2026-11-26T10:00:00Z","status":"failed"})"));
  std::vector<ReportSummary> Reports = must(S->reports());
  ASSERT_EQ(Reports.size(), 1u);
  EXPECT_EQ(Reports[0].Id, Id);
  EXPECT_EQ(Reports[0].ConfigurationVersion, "");
  EXPECT_EQ(Reports[0].Total, 0u);
}

TEST_F(StoreTest, FactsAndCatalogKeepTheLatest) {
  std::unique_ptr<Store> S = open();
  EXPECT_EQ(must(S->latestFacts("n.test")), std::nullopt);
  EXPECT_EQ(must(S->latestCatalog("n.test")), std::nullopt);
  ASSERT_EQ(errorOf(S->putFacts("n.test", "production", R"({"v":1})")), "");
  ASSERT_EQ(errorOf(S->putFacts("n.test", "production", R"({"v":2})")), "");
  ASSERT_EQ(errorOf(S->putCatalog("n.test", "production", R"({"c":1})")), "");
  EXPECT_EQ(must(S->latestFacts("n.test")), std::string(R"({"v":2})"));
  EXPECT_EQ(must(S->latestCatalog("n.test")), std::string(R"({"c":1})"));
  EXPECT_EQ(must(S->nodes()).size(), 1u);
  EXPECT_EQ(errorOf(S->putFacts("n.test", "production", "nope"))
                .rfind("facts is not valid JSON", 0),
            0u);
  EXPECT_EQ(errorOf(S->putCatalog("n.test", "production", "\"s\"")),
            "catalog must be a JSON object, not string");
  EXPECT_EQ(must(S->latestFacts("n.test")), std::string(R"({"v":2})"));
}

TEST_F(StoreTest, DocumentsAreCheckedWhateverTheirFirstByte) {
  std::unique_ptr<Store> S = open();
  ASSERT_EQ(errorOf(S->putFacts("n.test", "production", " \n{\"v\":1}")), "");
  EXPECT_EQ(errorOf(S->putFacts("n.test", "production", "{\"v\":1} x"))
                .rfind("facts is not valid JSON", 0),
            0u);
  EXPECT_EQ(errorOf(S->putCatalog("n.test", "production", "{\"c\":")),
            std::string("catalog is not valid JSON: parse error at line 1, "
                        "column 6: syntax error while parsing value - "
                        "unexpected end of input; expected '[', '{', or a "
                        "literal"));
  EXPECT_EQ(errorOf(S->putCatalog("n.test", "production", "[{}]")),
            "catalog must be a JSON object, not array");
  EXPECT_EQ(must(S->latestFacts("n.test")), std::string(" \n{\"v\":1}"));
  EXPECT_EQ(must(S->latestCatalog("n.test")), std::nullopt);
}

TEST_F(StoreTest, DocumentWriterKeepsTheNewestOfEachNode) {
  std::unique_ptr<Store> S = open();
  std::vector<std::string> Errors;
  {
    DocumentWriter W(*S, [&](const std::string &Kind,
                             const std::string &Certname, llvm::Error E) {
      Errors.push_back(Kind + " " + Certname + ": " +
                       llvm::toString(std::move(E)));
    });
    W.putFacts("a.test", "production", R"({"v":1})");
    W.putCatalog("a.test", "production", R"({"c":1})");
    W.putFacts("a.test", "production", R"({"v":2})");
    W.flush();
    EXPECT_EQ(must(S->latestFacts("a.test")), std::string(R"({"v":2})"));
    EXPECT_EQ(must(S->latestCatalog("a.test")), std::string(R"({"c":1})"));
    EXPECT_EQ(must(S->nodes()).size(), 1u);

    // A bad document is reported with its kind and node; the stored one
    // stays.
    W.putCatalog("a.test", "production", "nope");
    W.flush();
    ASSERT_EQ(Errors.size(), 1u);
    EXPECT_EQ(Errors[0].rfind("catalog a.test: catalog is not valid JSON", 0),
              0u);
    EXPECT_EQ(must(S->latestCatalog("a.test")), std::string(R"({"c":1})"));

    // Whatever is queued when the writer goes is written.
    for (int I = 0; I < 50; ++I)
      W.putCatalog("n" + std::to_string(I) + ".test", "production",
                   "{\"i\":" + std::to_string(I) + "}");
  }
  EXPECT_EQ(must(S->latestCatalog("n49.test")), std::string(R"({"i":49})"));
  EXPECT_EQ(must(S->nodes()).size(), 51u);
  EXPECT_EQ(Errors.size(), 1u);
}

TEST_F(StoreTest, ConcurrentWritersAndReaders) {
  std::unique_ptr<Store> S = open();
  // A second connection to the same file, as another process would have.
  std::unique_ptr<Store> Other = open();
  constexpr int Threads = 6, PerThread = 20;
  std::atomic<int> Failures{0};
  std::vector<std::thread> Workers;
  for (int T = 0; T < Threads; ++T)
    Workers.emplace_back([&, T] {
      Store &Target = T % 2 ? *Other : *S;
      const std::string Node = "node" + std::to_string(T) + ".test";
      for (int I = 0; I < PerThread; ++I) {
        llvm::Expected<int64_t> Id =
            Target.addReport(Node, report(Node, "changed"));
        if (!Id) {
          ADD_FAILURE() << llvm::toString(Id.takeError());
          ++Failures;
        }
        if (llvm::Error E = Target.putFacts(Node, "production", "{}")) {
          ADD_FAILURE() << llvm::toString(std::move(E));
          ++Failures;
        }
      }
    });
  std::thread Reader([&] {
    for (int I = 0; I < 50; ++I) {
      llvm::Expected<std::vector<NodeSummary>> Nodes = S->nodes();
      if (!Nodes) {
        ADD_FAILURE() << llvm::toString(Nodes.takeError());
        ++Failures;
      }
    }
  });
  for (std::thread &W : Workers)
    W.join();
  Reader.join();
  EXPECT_EQ(Failures, 0);
  EXPECT_EQ(must(S->reports()).size(), size_t(Threads * PerThread));
  EXPECT_EQ(must(Other->nodes()).size(), size_t(Threads));
}

TEST_F(StoreTest, ReadersDoNotWaitForAWriter) {
  StoreOptions O;
  O.BusyTimeoutMs = 200;
  std::unique_ptr<Store> S = open(O);
  must(S->addReport("a.test", report("a.test", "changed")));
  // Another process in the middle of a write.
  sqlite3 *Db = nullptr;
  ASSERT_EQ(sqlite3_open((TempDir + "/var/cppet.db").c_str(), &Db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(Db, "BEGIN IMMEDIATE; DELETE FROM reports;", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  // WAL: readers see the last commit.
  EXPECT_EQ(must(S->nodes()).size(), 1u);
  EXPECT_EQ(must(S->reports()).size(), 1u);
  // A second writer waits for the busy timeout, then fails clearly.
  std::string E = errorOf(S->addReport("b.test", report("b.test", "failed")));
  EXPECT_NE(E.find("database is locked"), std::string::npos) << E;
  EXPECT_EQ(sqlite3_exec(Db, "ROLLBACK", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(Db);
  must(S->addReport("b.test", report("b.test", "failed")));
  EXPECT_EQ(must(S->reports()).size(), 2u);
}

TEST(Timestamp, ParsesIso8601) {
  EXPECT_EQ(parseTimestamp("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parseTimestamp("2026-11-26T17:45:37.981614648+00:00"), 1795715137);
  EXPECT_EQ(parseTimestamp("2026-11-26T18:45:37+0100"), 1795715137);
  EXPECT_EQ(parseTimestamp("2026-11-26T12:45:37-05:00"), 1795715137);
  EXPECT_EQ(parseTimestamp("2026-11-26 17:45:37"), 1795715137);
  EXPECT_EQ(parseTimestamp("2000-02-29T00:00:00Z"), 951782400);
  EXPECT_EQ(parseTimestamp(""), std::nullopt);
  EXPECT_EQ(parseTimestamp("2026-13-01T00:00:00Z"), std::nullopt);
  EXPECT_EQ(parseTimestamp("2026-11-26T17:45"), std::nullopt);
  EXPECT_EQ(parseTimestamp("2026-11-26T17:45:37.Z"), std::nullopt);
  EXPECT_EQ(parseTimestamp("2026-11-26T17:45:37 UTC"), std::nullopt);
}

TEST(Render, SampleReport) {
  const std::string Text = renderReport(sampleReport());
  for (const char *Expected : {
           "Host:                   agent1.example.test\n",
           "Status:                 changed\n",
           "Configuration version:  1795715175\n",
           "Noop:                   false\n",
           "\nEvents:\nNotice: /Stage[main]/Main/Node[default]/Notify[hello]/"
           "message: defined 'message' as 'hi agent1.example.test'\n",
           "Info: Using environment 'production'\n",
           "Error: Facter: Permission denied @ rb_sysopen - /proc/1/environ\n",
           "Notice: Applied catalog in 0.28 seconds\n",
           "\nMetrics:\nChanges:\n            Total: 6\n",
           "Resources:\n          Changed: 6\n      Out of sync: 6\n"
           "            Total: 13\nTime:\n",
       })
    EXPECT_NE(Text.find(Expected), std::string::npos)
        << "missing: " << Expected << "\nin:\n"
        << Text;
  EXPECT_EQ(renderReport("]"),
            "(not a report: the stored text is not a JSON object)\n");
}

TEST(Render, FailedAndNoopEvents) {
  const std::string Text = renderReport(R"J({"host":"h","status":"failed",
    "resource_statuses":{"File[/x]":{"containment_path":["Stage[main]","Main",
      "File[/x]"],"events":[{"property":"content","status":"failure",
      "message":"change from 'a' to 'b' failed: denied"},
      {"property":"mode","status":"noop",
      "message":"current_value '0644', should be '0600' (noop)"}]},
    "Exec[y]":{"events":[{"property":null,"status":"success",
      "message":"Triggered 'refresh' from 1 event"}]}}})J");
  EXPECT_NE(Text.find("Error: /Stage[main]/Main/File[/x]/content: change "
                      "from 'a' to 'b' failed: denied\n"),
            std::string::npos)
      << Text;
  EXPECT_NE(Text.find("Notice: /Stage[main]/Main/File[/x]/mode: current_value "
                      "'0644', should be '0600' (noop)\n"),
            std::string::npos)
      << Text;
  EXPECT_NE(Text.find("Notice: /Exec[y]: Triggered 'refresh' from 1 event\n"),
            std::string::npos)
      << Text;
}

} // namespace
