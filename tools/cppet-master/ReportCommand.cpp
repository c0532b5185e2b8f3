//===- ReportCommand.cpp - `cppet-master report ...` ----------------------===//
//
// The reports the master stored (lib/Store): `list [NODE]` (newest first),
// `show NODE|ID` (the latest report of NODE, or report ID, as text or the
// stored JSON) and `import FILE` (stores a report JSON file as PUT
// /puppet/v3/report does: for operators moving reports and for tests).
//
//===----------------------------------------------------------------------===//
#include "Commands.h"

#include "cppet/Store/Store.h"
#include "cppet/Support/FileSystem.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>

using namespace cppet;

namespace {

using Json = nlohmann::ordered_json;

int fail(const llvm::Twine &Message) {
  llvm::WithColor::error(llvm::errs(), "cppet-master") << Message << "\n";
  return 1;
}

int fail(llvm::Error E) { return fail(llvm::toString(std::move(E))); }

struct ReportArgs {
  cppet_master::StoreLocation Where;
  bool Json = false;
  unsigned Limit = 0;
  std::string Node;
  std::string File;
};

/// The store, when its database exists (nothing stored yet otherwise).
llvm::Expected<std::unique_ptr<store::Store>>
openExisting(const std::string &Path) {
  if (!llvm::sys::fs::exists(Path))
    return nullptr;
  return store::Store::open(Path);
}

int runList(const ReportArgs &Args, const std::string &Path) {
  auto S = openExisting(Path);
  if (!S)
    return fail(S.takeError());
  std::vector<store::ReportSummary> Reports;
  if (*S) {
    auto All = (*S)->reports(Args.Node, Args.Limit);
    if (!All)
      return fail(All.takeError());
    Reports = std::move(*All);
  }
  if (Args.Json) {
    Json Out = Json::array();
    for (const store::ReportSummary &R : Reports)
      Out.push_back({{"id", R.Id},
                     {"certname", R.Certname},
                     {"time", R.Time},
                     {"status", R.Status},
                     {"environment", R.Environment},
                     {"configuration_version", R.ConfigurationVersion},
                     {"transaction_uuid", R.TransactionUuid},
                     {"noop", R.Noop},
                     {"changed", R.Changed},
                     {"failed", R.Failed},
                     {"out_of_sync", R.OutOfSync},
                     {"total", R.Total}});
    llvm::outs() << Out.dump(2) << "\n";
    return 0;
  }
  if (Reports.empty()) {
    if (Args.Node.empty())
      llvm::outs() << "No reports\n";
    else
      llvm::outs() << "No reports for " << Args.Node << "\n";
    return 0;
  }
  std::vector<std::array<std::string, 7>> Rows;
  Rows.push_back(
      {"ID", "CERTNAME", "TIME", "STATUS", "CHANGED", "FAILED", "NOOP"});
  for (const store::ReportSummary &R : Reports) {
    std::optional<int64_t> Epoch = store::parseTimestamp(R.Time);
    Rows.push_back({std::to_string(R.Id), R.Certname,
                    Epoch ? cppet_master::formatRunTime(*Epoch) : R.Time,
                    R.Status, std::to_string(R.Changed),
                    std::to_string(R.Failed), R.Noop ? "true" : "false"});
  }
  std::array<size_t, 7> Width = {};
  for (const auto &Row : Rows)
    for (size_t C = 0; C < Row.size(); ++C)
      Width[C] = std::max(Width[C], Row[C].size());
  for (const auto &Row : Rows) {
    for (size_t C = 0; C + 1 < Row.size(); ++C) {
      // Numbers right-aligned, text left-aligned.
      if (C == 0 || C == 4 || C == 5)
        llvm::outs() << llvm::right_justify(Row[C], Width[C]) << "  ";
      else
        llvm::outs() << llvm::left_justify(Row[C], Width[C]) << "  ";
    }
    llvm::outs() << Row.back() << "\n";
  }
  return 0;
}

int runShow(const ReportArgs &Args, const std::string &Path) {
  const std::string &Which = Args.Node;
  auto S = openExisting(Path);
  if (!S)
    return fail(S.takeError());
  int64_t Id = 0;
  const bool ById =
      !Which.empty() && llvm::all_of(Which, llvm::isDigit) && Which.size() < 19;
  if (ById) {
    Id = std::stoll(Which);
  } else {
    std::optional<int64_t> Latest;
    if (*S) {
      auto Found = (*S)->latestReportId(Which);
      if (!Found)
        return fail(Found.takeError());
      Latest = *Found;
    }
    if (!Latest)
      return fail("no report for node '" + Which + "'");
    Id = *Latest;
  }
  if (!*S)
    return fail("no report with id " + llvm::Twine(Id));
  auto Text = (*S)->reportJson(Id);
  if (!Text)
    return fail(Text.takeError());
  if (Args.Json) {
    llvm::outs() << *Text;
    if (!llvm::StringRef(*Text).endswith("\n"))
      llvm::outs() << "\n";
    return 0;
  }
  llvm::outs() << store::renderReport(*Text);
  return 0;
}

int runImport(const ReportArgs &Args, const std::string &Path) {
  llvm::Expected<std::string> Text = readFile(Args.File);
  if (!Text)
    return fail(Text.takeError());
  std::string Node = Args.Node;
  if (Node.empty()) {
    // The report's own host, when it has one; addReport checks the rest.
    Json J = Json::parse(*Text, nullptr, /*allow_exceptions=*/false);
    if (J.is_object() && J.contains("host") && J["host"].is_string())
      Node = J["host"].get<std::string>();
  }
  auto S = store::Store::open(Path);
  if (!S)
    return fail(S.takeError());
  llvm::Expected<int64_t> Id = (*S)->addReport(Node, *Text);
  if (!Id)
    return fail(Args.File + ": " + llvm::toString(Id.takeError()));
  llvm::outs() << "Stored report " << *Id << " for " << Node << "\n";
  return 0;
}

int runReport(const std::string &Action, const ReportArgs &Args) {
  llvm::Expected<std::string> Path = cppet_master::storePath(Args.Where);
  if (!Path)
    return fail(Path.takeError());
  if (Action == "list")
    return runList(Args, *Path);
  if (Action == "show")
    return runShow(Args, *Path);
  return runImport(Args, *Path);
}

} // namespace

cppet_master::CommandRunner cppet_master::registerReportCommand(CLI::App &Sub) {
  auto Args = std::make_shared<ReportArgs>();
  auto Action = std::make_shared<std::string>();
  Sub.require_subcommand(1);
  addStoreOptions(Sub, Args->Where);
  auto AddAction = [&](const char *Name, const char *Help) {
    CLI::App *A = Sub.add_subcommand(Name, Help);
    A->fallthrough();
    A->callback([Action, Name] { *Action = Name; });
    return A;
  };
  CLI::App *List = AddAction("list", "the stored reports, newest first");
  List->add_option("node", Args->Node, "only this node's reports");
  List->add_flag("--json", Args->Json, "print JSON");
  List->add_option("--limit", Args->Limit,
                   "only the newest N reports (default: all)");
  CLI::App *Show =
      AddAction("show", "the latest report of NODE, or report ID, as text");
  Show->add_option("which", Args->Node, "a certname or a report id")
      ->required();
  Show->add_flag("--json", Args->Json, "print the stored report JSON");
  CLI::App *Import =
      AddAction("import", "store a report JSON file (as an agent's PUT would)");
  Import->add_option("file", Args->File, "the report (report_format 12 JSON)")
      ->required();
  Import->add_option("--node", Args->Node,
                     "the node it belongs to (default: its 'host')");
  return [Args, Action] { return runReport(*Action, *Args); };
}
