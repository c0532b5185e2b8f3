//===- Run.cpp - One agent run around applyCatalog ------------------------===//
#include "cppet/Apply/Run.h"

#include "cppet/Support/FileSystem.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"

#include <chrono>
#include <ctime>
#include <fcntl.h>
#include <unistd.h>

using namespace cppet;
using namespace cppet::apply;

std::string apply::newUuid() {
  unsigned char B[16] = {0};
  int Fd = ::open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (Fd >= 0) {
    (void)!::read(Fd, B, sizeof(B));
    ::close(Fd);
  }
  B[6] = (B[6] & 0x0f) | 0x40;
  B[8] = (B[8] & 0x3f) | 0x80;
  std::string H = llvm::toHex(llvm::ArrayRef<uint8_t>(B, 16), true);
  return H.substr(0, 8) + "-" + H.substr(8, 4) + "-" + H.substr(12, 4) + "-" +
         H.substr(16, 4) + "-" + H.substr(20);
}

void apply::logRun(Report &R,
                   const std::function<void(const LogEntry &)> &OnLog,
                   const std::string &Level, const std::string &Message,
                   bool KeepDebug) {
  LogEntry E;
  E.Level = Level;
  E.Message = Message;
  E.Source = "Puppet";
  E.Tags = {Level};
  if (OnLog)
    OnLog(E);
  if (Level != "debug" || KeepDebug)
    R.Logs.push_back(std::move(E));
}

void apply::applyRun(Report &R,
                     const std::shared_ptr<const catalog::Catalog> &Cat,
                     const ApplyOptions &Options, const std::string &StateDir) {
  std::string StorePath = StateDir + "/transactionstore";
  TransactionStore Previous = TransactionStore::load(StorePath);
  TransactionStore Next;
  ApplyOptions AO = Options;
  AO.Previous = &Previous;
  AO.Next = Options.Noop ? nullptr : &Next;
  auto Start = std::chrono::steady_clock::now();
  Report Applied = applyCatalog(Cat, AO);
  // Merge: the earlier phases' logs and times come first.
  for (LogEntry &E : Applied.Logs)
    R.Logs.push_back(std::move(E));
  R.ResourceStatuses = std::move(Applied.ResourceStatuses);
  R.Catalog = Applied.Catalog;
  for (auto &[K, V] : Applied.Times)
    R.addTime(K, V);
  R.TransactionCompleted = Applied.TransactionCompleted;
  R.ConfigurationVersion = Cat->Version;
  R.CatalogUuid = Cat->CatalogUuid;
  double Secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
          .count();
  R.addTime("catalog_application", Secs);
  if (R.TransactionCompleted)
    logRun(R, Options.OnLog, "notice",
           "Applied catalog in " + llvm::formatv("{0:F2}", Secs).str() +
               " seconds");
  if (Options.Noop || !R.TransactionCompleted)
    return;
  if (std::error_code EC = llvm::sys::fs::create_directories(StateDir))
    return; // writeRunFiles reports the directory
  if (llvm::Error E = Next.save(StorePath))
    logRun(R, Options.OnLog, "warning", llvm::toString(std::move(E)));
}

std::vector<std::string> apply::writeRunFiles(const Report &R,
                                              const std::string &StateDir) {
  std::vector<std::string> Problems;
  if (std::error_code EC = llvm::sys::fs::create_directories(StateDir)) {
    Problems.push_back("could not create " + StateDir + ": " + EC.message());
    return Problems;
  }
  if (llvm::Error E = writeFileAtomically(
          StateDir + "/last_run_summary.yaml",
          R.lastRunSummaryYaml(static_cast<int64_t>(std::time(nullptr))), 0644))
    Problems.push_back(llvm::toString(std::move(E)));
  if (llvm::Error E =
          writeFileAtomically(StateDir + "/last_run_report.yaml", 0640,
                              [&](llvm::raw_ostream &OS) { R.writeYaml(OS); }))
    Problems.push_back(llvm::toString(std::move(E)));
  return Problems;
}

int apply::runExitCode(const Report &R, bool DetailedExitcodes) {
  if (!R.TransactionCompleted)
    return 1;
  if (DetailedExitcodes)
    return (R.hasChanges() ? 2 : 0) | (R.hasFailures() ? 4 : 0);
  return 0;
}
