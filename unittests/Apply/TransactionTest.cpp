//===- TransactionTest.cpp - ordering, cycles, failures, refresh, noop ----===//
#include "cppet/Apply/Transaction.h"

#include "gtest/gtest.h"

using namespace cppet;
using namespace cppet::apply;
using catalog::Json;

namespace {

/// A catalog of Stage[main] > Class[main] > the given resources.
catalog::Catalog makeCatalog(std::vector<catalog::Resource> Resources) {
  catalog::Catalog C;
  C.Name = "test";
  catalog::Resource Stage{"Stage", "main", {"stage"},      "",
                          0,       false,  Json::object(), {}};
  catalog::Resource Main{"Class", "main", {"class"},      "",
                         0,       false,  Json::object(), {}};
  C.Resources = {Stage, Main};
  C.Edges.push_back({"Stage[main]", "Class[main]"});
  for (catalog::Resource &R : Resources) {
    C.Edges.push_back({"Class[main]", R.ref()});
    C.Resources.push_back(std::move(R));
  }
  return C;
}

catalog::Resource notify(const std::string &Title,
                         Json Params = Json::object()) {
  return {"Notify", Title, {"notify", Title}, "site.pp",
          1,        false, std::move(Params), {}};
}

catalog::Resource exec(const std::string &Title, Json Params) {
  return {"Exec", Title, {"exec"}, "site.pp", 1, false, std::move(Params), {}};
}

/// The order in which resources produced events.
std::vector<std::string> evaluated(const Report &R) {
  std::vector<std::string> Out;
  for (const ResourceStatus &S : R.ResourceStatuses)
    if (!S.Events.empty())
      Out.push_back(S.title());
  return Out;
}

const ResourceStatus *status(const Report &R, const std::string &Ref) {
  for (const ResourceStatus &S : R.ResourceStatuses)
    if (S.ref() == Ref)
      return &S;
  return nullptr;
}

TEST(Transaction, DependencyOrderThenManifestOrder) {
  Report R = applyCatalog(
      makeCatalog({notify("c", {{"require", "Notify[b]"}}), notify("a"),
                   notify("b", {{"require", Json::array({"Notify[a]"})}}),
                   notify("d", {{"before", "Notify[a]"}})}),
      ApplyOptions());
  EXPECT_EQ(evaluated(R), (std::vector<std::string>{"d", "a", "b", "c"}));
  EXPECT_EQ(R.status(), "changed");
}

TEST(Transaction, CycleFailsBeforeAnyChange) {
  Report R = applyCatalog(
      makeCatalog({notify("x"), notify("a", {{"require", "Notify[b]"}}),
                   notify("b", {{"require", "Notify[a]"}})}),
      ApplyOptions());
  EXPECT_FALSE(R.TransactionCompleted);
  EXPECT_EQ(R.status(), "failed");
  EXPECT_TRUE(R.ResourceStatuses.empty());
  bool Named = false;
  for (const LogEntry &L : R.Logs)
    Named |= L.Message.find("(Notify[a] => Notify[b] => Notify[a])") !=
                 std::string::npos ||
             L.Message.find("(Notify[b] => Notify[a] => Notify[b])") !=
                 std::string::npos;
  EXPECT_TRUE(Named);
}

TEST(Transaction, FailureSkipsDependentsTransitively) {
  Report R =
      applyCatalog(makeCatalog({exec("fail", {{"command", "/bin/false"}}),
                                notify("dep", {{"require", "Exec[fail]"}}),
                                notify("dep2", {{"require", "Notify[dep]"}}),
                                notify("free")}),
                   ApplyOptions());
  EXPECT_TRUE(status(R, "Exec[fail]")->Failed);
  EXPECT_TRUE(status(R, "Notify[dep]")->Skipped);
  EXPECT_TRUE(status(R, "Notify[dep2]")->Skipped);
  EXPECT_TRUE(status(R, "Notify[free]")->Changed);
  EXPECT_EQ(R.status(), "failed");
}

TEST(Transaction, RefreshOnceFromManyEvents) {
  Report R = applyCatalog(makeCatalog({notify("a", {{"notify", "Exec[r]"}}),
                                       notify("b", {{"notify", "Exec[r]"}}),
                                       exec("r", {{"command", "/bin/true"},
                                                  {"refreshonly", true}})}),
                          ApplyOptions());
  const ResourceStatus *S = status(R, "Exec[r]");
  ASSERT_NE(S, nullptr);
  EXPECT_TRUE(S->Restarted);
  int Triggered = 0;
  for (const LogEntry &L : R.Logs)
    Triggered += L.Message == "Triggered 'refresh' from 2 events";
  EXPECT_EQ(Triggered, 1);
}

TEST(Transaction, NoopChangesNothingAndReportsPending) {
  ApplyOptions O;
  O.Noop = true;
  Report R = applyCatalog(
      makeCatalog({exec("touch", {{"command", "/bin/false"}})}), O);
  const ResourceStatus *S = status(R, "Exec[touch]");
  ASSERT_EQ(S->Events.size(), 1u);
  EXPECT_EQ(S->Events[0].Status, "noop");
  EXPECT_FALSE(S->Failed); // /bin/false never ran
  EXPECT_TRUE(R.noopPending());
  EXPECT_EQ(R.status(), "unchanged");
}

TEST(Transaction, TagsSelectResources) {
  ApplyOptions O;
  O.Tags = {"wanted"};
  catalog::Resource Tagged = notify("t");
  Tagged.Tags.push_back("wanted");
  Report R = applyCatalog(makeCatalog({Tagged, notify("u")}), O);
  EXPECT_TRUE(status(R, "Notify[t]")->Changed);
  EXPECT_TRUE(status(R, "Notify[u]")->Skipped);
}

TEST(Transaction, MissingRelationshipTargetFailsTheResource) {
  Report R =
      applyCatalog(makeCatalog({notify("a", {{"require", "Notify[nope]"}})}),
                   ApplyOptions());
  EXPECT_TRUE(status(R, "Notify[a]")->Failed);
}

TEST(Report, JsonShapeAndMetrics) {
  Report R = applyCatalog(makeCatalog({notify("a")}), ApplyOptions());
  Json J = R.toJson();
  EXPECT_EQ(J["report_format"], 12);
  EXPECT_EQ(J["status"], "changed");
  EXPECT_TRUE(J["resource_statuses"].contains("Notify[a]"));
  EXPECT_EQ(J["resource_statuses"]["Notify[a]"]["events"][0]["name"],
            "message_changed");
  std::string Streamed;
  llvm::raw_string_ostream OS(Streamed);
  R.writeJson(OS);
  OS.flush();
  EXPECT_EQ(Json::parse(Streamed), J);
}

} // namespace
