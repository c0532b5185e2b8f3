//===- NodeCommand.cpp - `cppet-master node list` -------------------------===//
//
// The nodes the master knows (from their reports, facts and catalogs in
// lib/Store): certname, time of the last run, its status (changed,
// unchanged, failed; unreported without a report) and environment. Also
// where `node` and `report` find the database.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"

#include "cppet/Store/Store.h"
#include "cppet/Support/Settings.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <ctime>

using namespace cppet;

namespace {

int fail(const llvm::Twine &Message) {
  llvm::WithColor::error(llvm::errs(), "cppet-master") << Message << "\n";
  return 1;
}

struct NodeArgs {
  cppet_master::StoreLocation Where;
  bool Json = false;
};

int runNodeList(const NodeArgs &Args) {
  llvm::Expected<std::string> Path = cppet_master::storePath(Args.Where);
  if (!Path)
    return fail(llvm::toString(Path.takeError()));
  std::vector<store::NodeSummary> Nodes;
  // No database yet: no node has reported.
  if (llvm::sys::fs::exists(*Path)) {
    auto S = store::Store::open(*Path);
    if (!S)
      return fail(llvm::toString(S.takeError()));
    auto All = (*S)->nodes();
    if (!All)
      return fail(llvm::toString(All.takeError()));
    Nodes = std::move(*All);
  }
  if (Args.Json) {
    nlohmann::ordered_json Out = nlohmann::ordered_json::array();
    for (const store::NodeSummary &N : Nodes) {
      nlohmann::ordered_json J;
      J["certname"] = N.Certname;
      J["status"] = N.Status;
      J["environment"] = N.Environment;
      J["report_time"] = N.LastReportTime.empty()
                             ? nlohmann::ordered_json()
                             : nlohmann::ordered_json(N.LastReportTime);
      J["last_run"] = N.LastReportTime.empty()
                          ? nlohmann::ordered_json()
                          : nlohmann::ordered_json(N.LastRun);
      Out.push_back(std::move(J));
    }
    llvm::outs() << Out.dump(2) << "\n";
    return 0;
  }
  if (Nodes.empty()) {
    llvm::outs() << "No nodes known\n";
    return 0;
  }
  std::vector<std::array<std::string, 4>> Rows;
  Rows.push_back({"CERTNAME", "LAST RUN", "STATUS", "ENVIRONMENT"});
  for (const store::NodeSummary &N : Nodes)
    Rows.push_back({N.Certname,
                    N.LastReportTime.empty()
                        ? "-"
                        : cppet_master::formatRunTime(N.LastRun),
                    N.Status, N.Environment.empty() ? "-" : N.Environment});
  std::array<size_t, 4> Width = {};
  for (const auto &Row : Rows)
    for (size_t C = 0; C < Row.size(); ++C)
      Width[C] = std::max(Width[C], Row[C].size());
  for (const auto &Row : Rows) {
    for (size_t C = 0; C + 1 < Row.size(); ++C)
      llvm::outs() << llvm::left_justify(Row[C], Width[C]) << "  ";
    llvm::outs() << Row.back() << "\n";
  }
  return 0;
}

} // namespace

void cppet_master::addStoreOptions(CLI::App &Sub, StoreLocation &Where) {
  Sub.add_option("--db", Where.Db, "the database (default $vardir/cppet.db)");
  auto AddSetting = [&](const std::string &Flags, const char *Name,
                        const char *Help) {
    Where.Options[Name] =
        Sub.add_option(Flags, Where.Values[Name], Help)->group("Settings");
  };
  AddSetting("--confdir", "confdir",
             "the directory of cppet.conf (default /etc/cppet)");
  AddSetting("--config", "config",
             "the configuration file (default $confdir/cppet.conf)");
  AddSetting("--vardir", "vardir",
             "the server's data directory (default /var/lib/cppet)");
}

llvm::Expected<std::string>
cppet_master::storePath(const StoreLocation &Where) {
  if (!Where.Db.empty())
    return Where.Db;
  std::vector<std::pair<std::string, std::string>> CommandLine;
  for (const auto &[Name, Opt] : Where.Options)
    if (Opt->count())
      CommandLine.emplace_back(Name, Where.Values.at(Name));
  std::vector<std::string> Warnings;
  llvm::Expected<Settings> S =
      loadSettings(RunMode::Server, CommandLine, Warnings);
  for (const std::string &W : Warnings)
    llvm::WithColor::warning(llvm::errs(), "cppet-master") << W << '\n';
  if (!S)
    return S.takeError();
  llvm::Expected<std::string> Vardir = S->get("vardir");
  if (!Vardir)
    return Vardir.takeError();
  return *Vardir + "/cppet.db";
}

std::string cppet_master::formatRunTime(int64_t Epoch) {
  if (Epoch == 0)
    return "-";
  std::time_t T = static_cast<std::time_t>(Epoch);
  struct tm Tm;
  ::gmtime_r(&T, &Tm);
  char Buf[64];
  std::strftime(Buf, sizeof(Buf), "%Y-%m-%d %H:%M:%S UTC", &Tm);
  return Buf;
}

cppet_master::CommandRunner cppet_master::registerNodeCommand(CLI::App &Sub) {
  auto Args = std::make_shared<NodeArgs>();
  Sub.require_subcommand(1);
  addStoreOptions(Sub, Args->Where);
  CLI::App *List = Sub.add_subcommand(
      "list", "certname, last run, status and environment of each node");
  List->fallthrough();
  List->add_flag("--json", Args->Json, "print JSON");
  return [Args] { return runNodeList(*Args); };
}
