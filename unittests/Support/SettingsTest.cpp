//===- SettingsTest.cpp - Puppet-compatible settings ----------------------===//
#include "cppet/Support/Settings.h"

#include "gtest/gtest.h"

using namespace cppet;

namespace {

std::string mustGet(const Settings &S, llvm::StringRef Name,
                    llvm::StringRef Section = "") {
  auto V = S.get(Name, Section);
  EXPECT_TRUE(static_cast<bool>(V)) << llvm::toString(V.takeError());
  return V ? *V : std::string("<error>");
}

void mustParse(Settings &S, llvm::StringRef Text,
               std::vector<std::string> *Warnings = nullptr) {
  std::vector<std::string> Ignored;
  llvm::Error E = S.parse(Text, "cppet.conf", Warnings ? *Warnings : Ignored);
  EXPECT_FALSE(static_cast<bool>(E)) << llvm::toString(std::move(E));
}

std::string parseError(llvm::StringRef Text) {
  Settings S(RunMode::Agent);
  std::vector<std::string> Warnings;
  llvm::Error E = S.parse(Text, "/etc/cppet/cppet.conf", Warnings);
  return E ? llvm::toString(std::move(E)) : std::string("<no error>");
}

TEST(Settings, DefaultsAreCppetPaths) {
  Settings S(RunMode::Agent);
  EXPECT_EQ(mustGet(S, "confdir"), "/etc/cppet");
  EXPECT_EQ(mustGet(S, "ssldir"), "/etc/cppet/ssl");
  EXPECT_EQ(mustGet(S, "statedir"), "/var/lib/cppet/state");
  EXPECT_EQ(mustGet(S, "serverport"), "8140");
  EXPECT_EQ(mustGet(S, "certname"), hostFqdn());
}

TEST(Settings, EveryDefaultInterpolates) {
  for (RunMode Mode : {RunMode::Agent, RunMode::Server, RunMode::User}) {
    Settings S(Mode);
    for (const SettingDefinition &D : settingDefinitions()) {
      auto V = S.get(D.Name);
      ASSERT_TRUE(static_cast<bool>(V))
          << D.Name << ": " << llvm::toString(V.takeError());
      EXPECT_EQ(V->find('$'), std::string::npos) << D.Name << " = " << *V;
    }
  }
}

TEST(Settings, PrecedenceCommandLineThenRunModeSectionThenMain) {
  Settings S(RunMode::Server);
  mustParse(S, "[main]\nserver = main.example\nenvironment = fromMain\n"
               "[server]\nserver = server.example\n"
               "[agent]\nserver = agent.example\n");
  EXPECT_EQ(mustGet(S, "server"), "server.example");
  EXPECT_EQ(mustGet(S, "server", "agent"), "agent.example");
  EXPECT_EQ(mustGet(S, "server", "main"), "main.example");
  EXPECT_EQ(mustGet(S, "environment"), "fromMain");
  EXPECT_FALSE(static_cast<bool>(S.setCommandLine("server", "cli.example")));
  EXPECT_EQ(mustGet(S, "server"), "cli.example");
  EXPECT_EQ(mustGet(S, "server", "main"), "cli.example");

  Settings Agent(RunMode::Agent);
  mustParse(Agent, "[server]\nserver = server.example\n");
  EXPECT_EQ(mustGet(Agent, "server"), "puppet");
}

TEST(Settings, InterpolationFollowsOverrides) {
  Settings S(RunMode::Agent);
  mustParse(S, "[main]\nvardir = /srv/var\n[agent]\nrundir = ${vardir}/run\n");
  EXPECT_FALSE(static_cast<bool>(S.setCommandLine("confdir", "/tmp/conf")));
  EXPECT_EQ(mustGet(S, "ssldir"), "/tmp/conf/ssl");
  EXPECT_EQ(mustGet(S, "statedir"), "/srv/var/state");
  EXPECT_EQ(mustGet(S, "lastrunfile"), "/srv/var/state/last_run_summary.yaml");
  EXPECT_EQ(mustGet(S, "pidfile"), "/srv/var/run/agent.pid");
  EXPECT_EQ(mustGet(S, "pidfile", "main"), "/run/cppet/agent.pid");
  EXPECT_EQ(mustGet(Settings(RunMode::Server), "pidfile"),
            "/run/cppet/server.pid");
}

TEST(Settings, InterpolationCycleIsAnError) {
  Settings S(RunMode::Agent);
  mustParse(S, "vardir = $statedir/x\n");
  auto V = S.get("ssldir");
  ASSERT_TRUE(static_cast<bool>(V)) << llvm::toString(V.takeError());
  auto Cycle = S.get("statedir");
  ASSERT_FALSE(static_cast<bool>(Cycle));
  EXPECT_NE(llvm::toString(Cycle.takeError()).find("refers to itself"),
            std::string::npos);
}

TEST(Settings, MasterportIsServerport) {
  Settings S(RunMode::Server);
  mustParse(S, "[master]\nmasterport = 8141\n");
  EXPECT_EQ(mustGet(S, "serverport"), "8141");
  EXPECT_EQ(mustGet(S, "masterport"), "8141");
  EXPECT_EQ(mustGet(S, "ca_port"), "8141");
  EXPECT_FALSE(static_cast<bool>(S.setCommandLine("masterport", "9000")));
  EXPECT_EQ(mustGet(S, "serverport"), "9000");
}

TEST(Settings, ReadsAStockPuppetConf) {
  Settings S(RunMode::Agent);
  std::vector<std::string> Warnings;
  mustParse(S,
            "# This file can be used to override the default puppet settings.\n"
            "[main]\n"
            "ssldir = /var/lib/puppet/ssl { mode = 0771 }\n"
            "\n"
            "[master]\n"
            "vardir = /var/lib/puppet\n"
            "cadir  = /var/lib/puppet/ssl/ca\n"
            "  [agent]  \n"
            "\tserver=puppet.example.com\n"
            "runinterval = 30m\n",
            &Warnings);
  EXPECT_EQ(mustGet(S, "ssldir"), "/var/lib/puppet/ssl");
  EXPECT_EQ(mustGet(S, "server"), "puppet.example.com");
  EXPECT_EQ(mustGet(S, "runinterval"), "30m");
  EXPECT_EQ(mustGet(S, "vardir"), "/var/lib/cppet");
  EXPECT_EQ(mustGet(S, "vardir", "server"), "/var/lib/puppet");
  ASSERT_EQ(Warnings.size(), 1u);
  EXPECT_EQ(Warnings[0], "cppet.conf:7: unknown setting 'cadir'");
}

TEST(Settings, ErrorsNameFileAndLine) {
  EXPECT_EQ(parseError("[main]\nserver = a\njust words\n"),
            "/etc/cppet/cppet.conf:3: expected 'name = value', got 'just "
            "words'");
  EXPECT_EQ(parseError("# x\n[production]\nserver = a\n"),
            "/etc/cppet/cppet.conf:2: unknown section [production]");
  EXPECT_EQ(parseError("[main\n"),
            "/etc/cppet/cppet.conf:1: malformed section header '[main'");
  EXPECT_EQ(parseError("[agent]\nnoop = yes\n"),
            "/etc/cppet/cppet.conf:2: invalid value 'yes' for boolean "
            "setting 'noop' (true or false)");
  EXPECT_EQ(parseError("= value\n"),
            "/etc/cppet/cppet.conf:1: expected 'name = value', got '= value'");
}

TEST(Settings, UnknownNamesOnTheCommandLineFail) {
  Settings S(RunMode::Agent);
  llvm::Error E = S.setCommandLine("nosuch", "x");
  ASSERT_TRUE(static_cast<bool>(E));
  EXPECT_EQ(llvm::toString(std::move(E)), "unknown setting 'nosuch'");
  auto V = S.get("nosuch");
  ASSERT_FALSE(static_cast<bool>(V));
  EXPECT_EQ(llvm::toString(V.takeError()), "unknown setting 'nosuch'");
}

TEST(Settings, PrintOneValueOrLines) {
  Settings S(RunMode::Agent);
  mustParse(S, "server = a.example\n");
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  EXPECT_FALSE(static_cast<bool>(S.print(OS, {"server"})));
  EXPECT_FALSE(static_cast<bool>(S.print(OS, {"server", "serverport"})));
  EXPECT_EQ(OS.str(), "a.example\nserver = a.example\nserverport = 8140\n");
}

TEST(Settings, DefaultConfigReadsBackAsTheDefaults) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  writeDefaultConfig(OS);
  Settings Read(RunMode::Server);
  std::vector<std::string> Warnings;
  mustParse(Read, OS.str(), &Warnings);
  EXPECT_TRUE(Warnings.empty());
  Settings Defaults(RunMode::Server);
  for (const SettingDefinition &D : settingDefinitions()) {
    EXPECT_NE(OS.str().find(std::string(D.Name) + " = "), std::string::npos)
        << D.Name;
    EXPECT_EQ(mustGet(Read, D.Name), mustGet(Defaults, D.Name)) << D.Name;
  }
}

} // namespace
