//===- ParsersTest.cpp - lib/Facts parsers over fixture text --------------===//
#include "cppet/Facts/Facts.h"

#include <gtest/gtest.h>

using namespace cppet::facts;

namespace {

TEST(OsReleaseTest, ParsesQuotedAndBareValues) {
  auto R = parseOsRelease("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"
                          "NAME=\"Debian GNU/Linux\"\n"
                          "VERSION_ID=\"12\"\n"
                          "VERSION_CODENAME=bookworm\n"
                          "# a comment\n"
                          "ID=debian\n"
                          "HOME_URL='https://www.debian.org/'\n"
                          "ESCAPED=\"say \\\"hi\\\"\"\n"
                          "garbage line\n");
  EXPECT_EQ(R["PRETTY_NAME"], "Debian GNU/Linux 12 (bookworm)");
  EXPECT_EQ(R["NAME"], "Debian GNU/Linux");
  EXPECT_EQ(R["VERSION_ID"], "12");
  EXPECT_EQ(R["VERSION_CODENAME"], "bookworm");
  EXPECT_EQ(R["ID"], "debian");
  EXPECT_EQ(R["HOME_URL"], "https://www.debian.org/");
  EXPECT_EQ(R["ESCAPED"], "say \"hi\"");
  EXPECT_EQ(R.count("garbage line"), 0u);
}

TEST(MeminfoTest, UsesMemAvailable) {
  MemInfo M = parseMeminfo("MemTotal:       24684092 kB\n"
                           "MemFree:        23000000 kB\n"
                           "MemAvailable:   24206596 kB\n"
                           "Buffers:            1000 kB\n"
                           "Cached:           200000 kB\n"
                           "SwapTotal:       2097148 kB\n"
                           "SwapFree:        1048574 kB\n");
  EXPECT_EQ(M.TotalBytes, 24684092ull * 1024);
  EXPECT_EQ(M.AvailableBytes, 24206596ull * 1024);
  EXPECT_EQ(M.SwapTotalBytes, 2097148ull * 1024);
  EXPECT_EQ(M.SwapFreeBytes, 1048574ull * 1024);
}

TEST(MeminfoTest, OldKernelsWithoutMemAvailable) {
  MemInfo M = parseMeminfo("MemTotal: 1000 kB\nMemFree: 100 kB\n"
                           "Buffers: 20 kB\nCached: 30 kB\n");
  EXPECT_EQ(M.AvailableBytes, 150ull * 1024);
  EXPECT_EQ(M.SwapTotalBytes, 0u);
}

TEST(CpuinfoTest, CountsProcessorsSocketsAndModels) {
  CpuInfo C = parseCpuinfo("processor\t: 0\n"
                           "model name\t: AMD EPYC\n"
                           "cpu MHz\t\t: 2600.000\n"
                           "physical id\t: 0\n"
                           "siblings\t: 4\n"
                           "cpu cores\t: 2\n"
                           "\n"
                           "processor\t: 1\n"
                           "model name\t: AMD EPYC\n"
                           "physical id\t: 1\n");
  EXPECT_EQ(C.Count, 2u);
  EXPECT_EQ(C.PhysicalCount, 2u);
  ASSERT_EQ(C.Models.size(), 2u);
  EXPECT_EQ(C.Models[0], "AMD EPYC");
  EXPECT_EQ(C.SpeedHz, 2600000000ull);
  EXPECT_EQ(C.Cores, 2u);
  EXPECT_EQ(C.Threads, 2u);
  EXPECT_EQ(formatHertz(C.SpeedHz), "2.60 GHz");
}

TEST(ResolvConfTest, DomainBeatsSearch) {
  EXPECT_EQ(parseResolvConfDomain("search a.example b.example\n"
                                  "domain test.com\nnameserver 1.1.1.1\n"),
            "test.com");
  EXPECT_EQ(parseResolvConfDomain("nameserver 1.1.1.1\n"
                                  "search corp.example other.example\n"),
            "corp.example");
  EXPECT_EQ(parseResolvConfDomain("nameserver 10.0.0.1\n"), "");
}

TEST(KeyValueFactsTest, LowercasesNamesAndSkipsJunk) {
  Json J = parseKeyValueFacts("Role=web\n  datacenter = ams1 \n"
                              "no equals sign\n=novalue\nempty=\n"
                              "url=http://x/?a=b\n");
  EXPECT_EQ(J.size(), 4u);
  EXPECT_EQ(J["role"], "web");
  EXPECT_EQ(J["datacenter"], "ams1");
  EXPECT_EQ(J["empty"], "");
  EXPECT_EQ(J["url"], "http://x/?a=b");
}

TEST(JsonFactsTest, ObjectsOnly) {
  auto J = parseJsonFacts(R"({"App": {"port": 80}, "on": true})");
  ASSERT_TRUE(static_cast<bool>(J));
  EXPECT_EQ((*J)["app"]["port"], 80);
  EXPECT_EQ((*J)["on"], true);
  auto NotObject = parseJsonFacts("[1, 2]");
  EXPECT_FALSE(static_cast<bool>(NotObject));
  llvm::consumeError(NotObject.takeError());
  auto Broken = parseJsonFacts("{\"a\": ");
  EXPECT_FALSE(static_cast<bool>(Broken));
  llvm::consumeError(Broken.takeError());
}

TEST(YamlFactsTest, TypesPlainScalarsOnly) {
  auto Y = parseYamlFacts("count: 3\nratio: 1.5\nquoted: '12'\nflag: true\n"
                          "nothing: ~\nname: web\nlist: [a, 2]\n");
  ASSERT_TRUE(static_cast<bool>(Y));
  EXPECT_EQ((*Y)["count"], 3);
  EXPECT_EQ((*Y)["ratio"], 1.5);
  EXPECT_EQ((*Y)["quoted"], "12");
  EXPECT_EQ((*Y)["flag"], true);
  EXPECT_TRUE((*Y)["nothing"].is_null());
  EXPECT_EQ((*Y)["name"], "web");
  EXPECT_EQ((*Y)["list"][1], 2);
}

TEST(YamlFactsTest, ErrorsAreValuesNotExceptions) {
  auto Broken = parseYamlFacts("a: [unclosed\n");
  EXPECT_FALSE(static_cast<bool>(Broken));
  llvm::consumeError(Broken.takeError());
  auto Scalar = parseYamlFacts("just a string\n");
  EXPECT_FALSE(static_cast<bool>(Scalar));
  llvm::consumeError(Scalar.takeError());
  auto Empty = parseYamlFacts("");
  ASSERT_TRUE(static_cast<bool>(Empty));
  EXPECT_TRUE(Empty->empty());
}

TEST(FormatTest, BytesLikeFacter) {
  EXPECT_EQ(formatBytes(0), "0 bytes");
  EXPECT_EQ(formatBytes(1023), "1023 bytes");
  EXPECT_EQ(formatBytes(1024), "1.00 KiB");
  EXPECT_EQ(formatBytes(1536), "1.50 KiB");
  EXPECT_EQ(formatBytes(25276510208ull), "23.54 GiB");
  EXPECT_EQ(formatBytes(488955904ull), "466.30 MiB");
  EXPECT_EQ(formatBytes(1024ull * 1024 - 1), "1.00 MiB");
}

TEST(FormatTest, CapacityLikeFacter) {
  EXPECT_EQ(formatCapacity(0, 100), "0%");
  EXPECT_EQ(formatCapacity(100, 100), "100%");
  EXPECT_EQ(formatCapacity(488955904ull, 25276510208ull), "1.93%");
}

TEST(FormatTest, UptimeText) {
  EXPECT_EQ(uptimeFacts(59)["uptime"], "0:00 hours");
  EXPECT_EQ(uptimeFacts(3 * 3600 + 5 * 60)["uptime"], "3:05 hours");
  EXPECT_EQ(uptimeFacts(30 * 3600)["uptime"], "1 day");
  Json U = uptimeFacts(3 * 86400 + 10);
  EXPECT_EQ(U["uptime"], "3 days");
  EXPECT_EQ(U["days"], 3);
  EXPECT_EQ(U["hours"], 72);
  EXPECT_EQ(U["seconds"], 3 * 86400 + 10);
}

TEST(LookupTest, DottedNamesAndIndexes) {
  Json F = Json::parse(R"({"os": {"release": {"major": "12"}},
                           "list": [{"a": 1}], "a.b": "whole"})");
  ASSERT_NE(lookupFact(F, "os.release.major"), nullptr);
  EXPECT_EQ(*lookupFact(F, "os.release.major"), "12");
  EXPECT_EQ(*lookupFact(F, "list.0.a"), 1);
  EXPECT_EQ(*lookupFact(F, "a.b"), "whole");
  EXPECT_EQ(lookupFact(F, "os.nope"), nullptr);
  EXPECT_EQ(lookupFact(F, "list.5"), nullptr);
  EXPECT_EQ(lookupFact(F, "os.release.major.x"), nullptr);
}

TEST(OutputTest, YamlQuotesAmbiguousStrings) {
  Json F = Json::parse(R"({"v": "12.11", "b": "true", "s": "web", "n": 3})");
  EXPECT_EQ(toYaml(F), "v: \"12.11\"\nb: \"true\"\ns: web\nn: 3\n");
}

TEST(OutputTest, FacterPlainFormat) {
  EXPECT_EQ(formatFactValue(Json("bare")), "bare");
  EXPECT_EQ(formatFactValue(Json(3)), "3");
  Json H = Json::parse(R"({"full": "12.11", "list": [1, "x"]})");
  EXPECT_EQ(formatFactValue(H), "{\n  full => \"12.11\",\n  list => [\n"
                                "    1,\n    \"x\"\n  ]\n}");
}

TEST(OutputTest, SortedFactsSortsEveryLevel) {
  Json F = Json::parse(R"({"b": {"z": 1, "a": 2}, "a": [{"y": 1, "x": 2}]})");
  EXPECT_EQ(sortedFacts(F).dump(),
            R"({"a":[{"x":2,"y":1}],"b":{"a":2,"z":1}})");
}

} // namespace
