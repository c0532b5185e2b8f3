//===- Store.cpp - Reports, facts and catalogs in SQLite ------------------===//
//
// Schema (PRAGMA user_version 1):
//
//   reports(id INTEGER PRIMARY KEY AUTOINCREMENT, certname, time, run_time,
//           received, status, environment, configuration_version,
//           transaction_uuid, noop, changed, failed, out_of_sync, total,
//           body)                      index reports_by_node(certname, id)
//   facts(certname PRIMARY KEY, environment, received, body)
//   catalogs(certname PRIMARY KEY, environment, received, body)
//
// `time` is the report's own field, `run_time` the same in epoch seconds,
// `received` when the master stored it. AUTOINCREMENT keeps ids of pruned
// reports from being reused, so an id always names the same report. Every
// statement binds its data as parameters.
//
//===----------------------------------------------------------------------===//
#include "cppet/Store/Store.h"

#include "Sqlite.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <mutex>
#include <unistd.h>

namespace cppet::store {

namespace {

using Json = nlohmann::ordered_json;

constexpr int64_t SchemaVersion = 1;

constexpr const char *Schema = R"sql(
CREATE TABLE IF NOT EXISTS reports (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  certname TEXT NOT NULL,
  time TEXT NOT NULL,
  run_time INTEGER NOT NULL,
  received INTEGER NOT NULL,
  status TEXT NOT NULL,
  environment TEXT NOT NULL,
  configuration_version TEXT NOT NULL,
  transaction_uuid TEXT NOT NULL,
  noop INTEGER NOT NULL,
  changed INTEGER NOT NULL,
  failed INTEGER NOT NULL,
  out_of_sync INTEGER NOT NULL,
  total INTEGER NOT NULL,
  body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS reports_by_node ON reports (certname, id);
CREATE TABLE IF NOT EXISTS facts (
  certname TEXT PRIMARY KEY,
  environment TEXT NOT NULL,
  received INTEGER NOT NULL,
  body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS catalogs (
  certname TEXT PRIMARY KEY,
  environment TEXT NOT NULL,
  received INTEGER NOT NULL,
  body TEXT NOT NULL);
PRAGMA user_version = 1;
)sql";

llvm::Error failure(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message.str());
}

int64_t now() { return static_cast<int64_t>(std::time(nullptr)); }

/// Parses \p Text as a JSON object; \p What names it in errors.
llvm::Expected<Json> parseObject(llvm::StringRef Text, llvm::StringRef What) {
  Json J;
  try {
    J = Json::parse(Text.begin(), Text.end());
  } catch (const Json::parse_error &E) {
    llvm::StringRef Message = E.what();
    // "[json.exception.parse_error.101] parse error at ..."
    if (Message.startswith("[json.exception."))
      Message = Message.split("] ").second;
    return failure(What + " is not valid JSON: " + Message);
  }
  if (!J.is_object())
    return failure(What + " must be a JSON object, not " + J.type_name());
  return J;
}

/// The indexed columns of a report, checked.
struct ReportColumns {
  std::string Time, Status, Environment, ConfigurationVersion, TransactionUuid;
  int64_t RunTime = 0;
  bool Noop = false;
  int64_t Changed = 0, Failed = 0, OutOfSync = 0, Total = 0;
};

llvm::Expected<std::string> requiredString(const Json &Report,
                                           const char *Key) {
  auto It = Report.find(Key);
  if (It == Report.end() || It->is_null())
    return failure(llvm::Twine("report has no '") + Key + "'");
  if (!It->is_string())
    return failure(llvm::Twine("report '") + Key + "' must be a string, not " +
                   It->type_name());
  if (It->get_ref<const std::string &>().empty())
    return failure(llvm::Twine("report '") + Key + "' is empty");
  return It->get<std::string>();
}

std::string optionalString(const Json &Report, const char *Key) {
  auto It = Report.find(Key);
  if (It == Report.end() || It->is_null())
    return "";
  if (It->is_string())
    return It->get<std::string>();
  return It->dump();
}

/// The "resources" metric \p Name (total, changed, ...); 0 if absent.
int64_t resourceMetric(const Json &Report, llvm::StringRef Name) {
  auto Metrics = Report.find("metrics");
  if (Metrics == Report.end() || !Metrics->is_object())
    return 0;
  auto Resources = Metrics->find("resources");
  if (Resources == Metrics->end() || !Resources->is_object())
    return 0;
  auto Values = Resources->find("values");
  if (Values == Resources->end() || !Values->is_array())
    return 0;
  for (const Json &V : *Values)
    if (V.is_array() && V.size() >= 3 && V[0].is_string() &&
        V[0].get_ref<const std::string &>() == Name && V[2].is_number())
      return V[2].is_number_float() ? static_cast<int64_t>(V[2].get<double>())
                                    : V[2].get<int64_t>();
  return 0;
}

llvm::Expected<ReportColumns> checkReport(llvm::StringRef Text) {
  llvm::Expected<Json> Report = parseObject(Text, "report");
  if (!Report)
    return Report.takeError();
  ReportColumns C;
  if (llvm::Expected<std::string> Host = requiredString(*Report, "host"); !Host)
    return Host.takeError();
  llvm::Expected<std::string> Time = requiredString(*Report, "time");
  if (!Time)
    return Time.takeError();
  std::optional<int64_t> RunTime = parseTimestamp(*Time);
  if (!RunTime)
    return failure("report 'time' is not an ISO 8601 timestamp: '" + *Time +
                   "'");
  llvm::Expected<std::string> Status = requiredString(*Report, "status");
  if (!Status)
    return Status.takeError();
  if (*Status != "changed" && *Status != "unchanged" && *Status != "failed")
    return failure("report 'status' must be changed, unchanged or failed, "
                   "not '" +
                   *Status + "'");
  C.Time = std::move(*Time);
  C.RunTime = *RunTime;
  C.Status = std::move(*Status);
  C.Environment = optionalString(*Report, "environment");
  C.ConfigurationVersion = optionalString(*Report, "configuration_version");
  C.TransactionUuid = optionalString(*Report, "transaction_uuid");
  auto Noop = Report->find("noop");
  C.Noop = Noop != Report->end() && Noop->is_boolean() && Noop->get<bool>();
  C.Changed = resourceMetric(*Report, "changed");
  C.Failed = resourceMetric(*Report, "failed");
  C.OutOfSync = resourceMetric(*Report, "out_of_sync");
  C.Total = resourceMetric(*Report, "total");
  return C;
}

unsigned count(int64_t V) {
  return V < 0 ? 0 : static_cast<unsigned>(std::min<int64_t>(V, UINT32_MAX));
}

/// Creates \p Path's directory (0750) and the file itself (0600) when
/// missing, so SQLite (which would use 0644) opens an existing file.
llvm::Error createDatabaseFile(const std::string &Path) {
  llvm::StringRef Parent = llvm::sys::path::parent_path(Path);
  if (!Parent.empty() && !llvm::sys::fs::exists(Parent))
    if (std::error_code EC = llvm::sys::fs::create_directories(
            Parent, /*IgnoreExisting=*/true,
            static_cast<llvm::sys::fs::perms>(0750)))
      return failure("cannot create " + Parent + ": " + EC.message());
  int Fd = ::open(Path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (Fd < 0) {
    if (errno == EEXIST)
      return llvm::Error::success();
    return failure("cannot create " + Path + ": " + std::strerror(errno));
  }
  ::close(Fd);
  return llvm::Error::success();
}

} // namespace

struct Store::Impl {
  std::string Path;
  StoreOptions Options;
  /// One connection for every thread of this process, one at a time.
  std::mutex Mutex;
  sql::Database Db;

  llvm::Error error(llvm::Error E) const {
    return failure(Path + ": " + llvm::toString(std::move(E)));
  }

  llvm::Expected<sql::Statement> prepare(llvm::StringRef Sql) {
    return sql::Statement::prepare(Db.get(), Sql);
  }

  llvm::Error putDocument(const char *Table, llvm::StringRef What,
                          llvm::StringRef Certname, llvm::StringRef Environment,
                          llvm::StringRef Text);
  llvm::Expected<std::optional<std::string>> document(const char *Table,
                                                      llvm::StringRef Certname);
};

Store::Store(std::unique_ptr<Impl> I) : I(std::move(I)) {}
Store::~Store() = default;

llvm::Expected<std::unique_ptr<Store>> Store::open(const std::string &Path,
                                                   StoreOptions Options) {
  if (Path.empty())
    return failure("no database path given");
  if (llvm::Error E = createDatabaseFile(Path))
    return E;
  auto I = std::make_unique<Impl>();
  I->Path = Path;
  I->Options = Options;
  sqlite3 *Raw = nullptr;
  int Rc = sqlite3_open_v2(
      Path.c_str(), &Raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
  I->Db.reset(Raw);
  if (Rc != SQLITE_OK)
    return failure(Path + ": cannot open the database: " +
                   (Raw ? sqlite3_errmsg(Raw) : sqlite3_errstr(Rc)));
  sqlite3 *Db = I->Db.get();
  sqlite3_extended_result_codes(Db, 1);
  sqlite3_busy_timeout(Db, static_cast<int>(Options.BusyTimeoutMs));
  // WAL: readers (the command line) never block the writer (the server).
  if (llvm::Error E = sql::execute(Db,
                                   "PRAGMA journal_mode = WAL;"
                                   "PRAGMA synchronous = NORMAL;",
                                   "cannot set up the database"))
    return I->error(std::move(E));
  int64_t Found = 0;
  {
    llvm::Expected<sql::Statement> Version = I->prepare("PRAGMA user_version");
    if (!Version)
      return I->error(Version.takeError());
    llvm::Expected<bool> Row = Version->step();
    if (!Row)
      return I->error(Row.takeError());
    if (*Row)
      Found = Version->integer(0);
  }
  if (Found > SchemaVersion)
    return failure(Path + ": database schema version " + llvm::Twine(Found) +
                   " is newer than this cppet's (" +
                   llvm::Twine(SchemaVersion) + ")");
  if (Found < SchemaVersion) {
    llvm::Expected<sql::Transaction> T = sql::Transaction::begin(Db);
    if (!T)
      return I->error(T.takeError());
    if (llvm::Error E =
            sql::execute(Db, Schema, "cannot create the database tables"))
      return I->error(std::move(E));
    if (llvm::Error E = T->commit())
      return I->error(std::move(E));
  }
  return std::unique_ptr<Store>(new Store(std::move(I)));
}

llvm::Expected<int64_t> Store::addReport(llvm::StringRef Certname,
                                         llvm::StringRef ReportJson) {
  llvm::Expected<ReportColumns> C = checkReport(ReportJson);
  if (!C)
    return C.takeError();
  if (Certname.empty())
    return failure("a report needs a certname");
  std::lock_guard<std::mutex> Lock(I->Mutex);
  llvm::Expected<sql::Transaction> T = sql::Transaction::begin(I->Db.get());
  if (!T)
    return I->error(T.takeError());
  int64_t Id = 0;
  {
    llvm::Expected<sql::Statement> Insert = I->prepare(
        "INSERT INTO reports (certname, time, run_time, received, status, "
        "environment, configuration_version, transaction_uuid, noop, changed, "
        "failed, out_of_sync, total, body) VALUES "
        "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
    if (!Insert)
      return I->error(Insert.takeError());
    Insert->bind(1, Certname)
        .bind(2, C->Time)
        .bind(3, C->RunTime)
        .bind(4, now())
        .bind(5, C->Status)
        .bind(6, C->Environment)
        .bind(7, C->ConfigurationVersion)
        .bind(8, C->TransactionUuid)
        .bind(9, int64_t(C->Noop))
        .bind(10, C->Changed)
        .bind(11, C->Failed)
        .bind(12, C->OutOfSync)
        .bind(13, C->Total)
        .bind(14, ReportJson);
    if (llvm::Error E = Insert->run())
      return I->error(std::move(E));
    Id = sqlite3_last_insert_rowid(I->Db.get());
  }
  {
    // Keep the newest MaxReportsPerNode reports of this node.
    llvm::Expected<sql::Statement> Prune =
        I->prepare("DELETE FROM reports WHERE certname = ?1 AND id <= "
                   "(SELECT id FROM reports WHERE certname = ?1 "
                   "ORDER BY id DESC LIMIT 1 OFFSET ?2)");
    if (!Prune)
      return I->error(Prune.takeError());
    Prune->bind(1, Certname)
        .bind(2, int64_t(std::max(1U, I->Options.MaxReportsPerNode)));
    if (llvm::Error E = Prune->run())
      return I->error(std::move(E));
  }
  if (llvm::Error E = T->commit())
    return I->error(std::move(E));
  return Id;
}

llvm::Error Store::Impl::putDocument(const char *Table, llvm::StringRef What,
                                     llvm::StringRef Certname,
                                     llvm::StringRef Environment,
                                     llvm::StringRef Text) {
  if (Certname.empty())
    return failure("storing " + What + " needs a certname");
  // Checked without building a document: a catalog is a megabyte of JSON
  // stored on every catalog request, and only its validity matters here.
  if (!Text.ltrim(" \t\r\n").startswith("{") ||
      !Json::accept(Text.begin(), Text.end()))
    if (llvm::Expected<Json> J = parseObject(Text, What); !J)
      return J.takeError();
  std::lock_guard<std::mutex> Lock(Mutex);
  // The table name is one of two constants, never data.
  std::string Sql =
      std::string("INSERT INTO ") + Table +
      " (certname, environment, received, body) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (certname) DO UPDATE SET environment = excluded.environment,"
      " received = excluded.received, body = excluded.body";
  llvm::Expected<sql::Statement> Put = prepare(Sql);
  if (!Put)
    return error(Put.takeError());
  Put->bind(1, Certname).bind(2, Environment).bind(3, now()).bind(4, Text);
  if (llvm::Error E = Put->run())
    return error(std::move(E));
  return llvm::Error::success();
}

llvm::Expected<std::optional<std::string>>
Store::Impl::document(const char *Table, llvm::StringRef Certname) {
  std::lock_guard<std::mutex> Lock(Mutex);
  llvm::Expected<sql::Statement> Get = prepare(
      std::string("SELECT body FROM ") + Table + " WHERE certname = ?1");
  if (!Get)
    return error(Get.takeError());
  Get->bind(1, Certname);
  llvm::Expected<bool> Row = Get->step();
  if (!Row)
    return error(Row.takeError());
  if (!*Row)
    return std::nullopt;
  return Get->text(0);
}

llvm::Error Store::putFacts(llvm::StringRef Certname,
                            llvm::StringRef Environment,
                            llvm::StringRef FactsJson) {
  return I->putDocument("facts", "facts", Certname, Environment, FactsJson);
}

llvm::Error Store::putCatalog(llvm::StringRef Certname,
                              llvm::StringRef Environment,
                              llvm::StringRef CatalogJson) {
  return I->putDocument("catalogs", "catalog", Certname, Environment,
                        CatalogJson);
}

llvm::Expected<std::optional<std::string>>
Store::latestFacts(llvm::StringRef Certname) {
  return I->document("facts", Certname);
}

llvm::Expected<std::optional<std::string>>
Store::latestCatalog(llvm::StringRef Certname) {
  return I->document("catalogs", Certname);
}

llvm::Expected<std::vector<NodeSummary>> Store::nodes() {
  std::lock_guard<std::mutex> Lock(I->Mutex);
  llvm::Expected<sql::Statement> Q = I->prepare(R"sql(
WITH names AS (SELECT certname FROM facts
               UNION SELECT certname FROM catalogs
               UNION SELECT certname FROM reports)
SELECT n.certname,
       r.status, r.environment, r.run_time, r.time, r.received,
       c.environment, c.received,
       f.environment, f.received
FROM names AS n
LEFT JOIN reports AS r
  ON r.id = (SELECT max(id) FROM reports WHERE certname = n.certname)
LEFT JOIN catalogs AS c ON c.certname = n.certname
LEFT JOIN facts AS f ON f.certname = n.certname
ORDER BY n.certname)sql");
  if (!Q)
    return I->error(Q.takeError());
  std::vector<NodeSummary> Nodes;
  while (true) {
    llvm::Expected<bool> Row = Q->step();
    if (!Row)
      return I->error(Row.takeError());
    if (!*Row)
      break;
    NodeSummary N;
    N.Certname = Q->text(0);
    N.Status = "unreported";
    // The environment of the newest document; on a tie the report's, then
    // the catalog's.
    int64_t Newest = INT64_MIN;
    auto Consider = [&](int EnvColumn, int ReceivedColumn) {
      if (Q->isNull(ReceivedColumn) || Q->integer(ReceivedColumn) <= Newest)
        return;
      Newest = Q->integer(ReceivedColumn);
      N.Environment = Q->text(EnvColumn);
    };
    if (!Q->isNull(1)) {
      N.Status = Q->text(1);
      N.LastRun = Q->integer(3);
      N.LastReportTime = Q->text(4);
      Consider(2, 5);
    }
    Consider(6, 7);
    Consider(8, 9);
    Nodes.push_back(std::move(N));
  }
  return Nodes;
}

llvm::Expected<std::vector<ReportSummary>>
Store::reports(llvm::StringRef Certname, unsigned Limit) {
  std::lock_guard<std::mutex> Lock(I->Mutex);
  // Two statements, so that a node's reports come from the index.
  llvm::Expected<sql::Statement> Q = I->prepare(
      std::string("SELECT id, certname, time, status, environment, "
                  "configuration_version, transaction_uuid, noop, changed, "
                  "failed, out_of_sync, total FROM reports ") +
      (Certname.empty() ? "" : "WHERE certname = ?2 ") +
      "ORDER BY id DESC LIMIT ?1");
  if (!Q)
    return I->error(Q.takeError());
  // A negative LIMIT is no limit.
  Q->bind(1, Limit ? int64_t(Limit) : int64_t(-1));
  if (!Certname.empty())
    Q->bind(2, Certname);
  std::vector<ReportSummary> Reports;
  while (true) {
    llvm::Expected<bool> Row = Q->step();
    if (!Row)
      return I->error(Row.takeError());
    if (!*Row)
      break;
    ReportSummary R;
    R.Id = Q->integer(0);
    R.Certname = Q->text(1);
    R.Time = Q->text(2);
    R.Status = Q->text(3);
    R.Environment = Q->text(4);
    R.ConfigurationVersion = Q->text(5);
    R.TransactionUuid = Q->text(6);
    R.Noop = Q->integer(7) != 0;
    R.Changed = count(Q->integer(8));
    R.Failed = count(Q->integer(9));
    R.OutOfSync = count(Q->integer(10));
    R.Total = count(Q->integer(11));
    Reports.push_back(std::move(R));
  }
  return Reports;
}

llvm::Expected<std::optional<int64_t>>
Store::latestReportId(llvm::StringRef Certname) {
  std::lock_guard<std::mutex> Lock(I->Mutex);
  llvm::Expected<sql::Statement> Q =
      I->prepare("SELECT max(id) FROM reports WHERE certname = ?1");
  if (!Q)
    return I->error(Q.takeError());
  Q->bind(1, Certname);
  llvm::Expected<bool> Row = Q->step();
  if (!Row)
    return I->error(Row.takeError());
  if (!*Row || Q->isNull(0))
    return std::nullopt;
  return Q->integer(0);
}

llvm::Expected<std::string> Store::reportJson(int64_t Id) {
  std::lock_guard<std::mutex> Lock(I->Mutex);
  llvm::Expected<sql::Statement> Q =
      I->prepare("SELECT body FROM reports WHERE id = ?1");
  if (!Q)
    return I->error(Q.takeError());
  Q->bind(1, Id);
  llvm::Expected<bool> Row = Q->step();
  if (!Row)
    return I->error(Row.takeError());
  if (!*Row)
    return failure("no report with id " + llvm::Twine(Id));
  return Q->text(0);
}

std::optional<int64_t> parseTimestamp(llvm::StringRef Text) {
  // YYYY-MM-DDTHH:MM:SS[.fraction][Z|+HH:MM|+HHMM]
  auto Digits = [&](size_t N, int &Out) {
    if (Text.size() < N)
      return false;
    unsigned V = 0;
    if (!llvm::all_of(Text.take_front(N), llvm::isDigit) ||
        Text.take_front(N).getAsInteger(10, V))
      return false;
    Out = static_cast<int>(V);
    Text = Text.drop_front(N);
    return true;
  };
  auto Expect = [&](llvm::StringRef Chars) {
    if (Text.empty() || !Chars.contains(Text.front()))
      return false;
    Text = Text.drop_front();
    return true;
  };
  int Year, Month, Day, Hour, Minute, Second;
  if (!Digits(4, Year) || !Expect("-") || !Digits(2, Month) || !Expect("-") ||
      !Digits(2, Day) || !Expect("T ") || !Digits(2, Hour) || !Expect(":") ||
      !Digits(2, Minute) || !Expect(":") || !Digits(2, Second))
    return std::nullopt;
  if (Month < 1 || Month > 12 || Day < 1 || Day > 31 || Hour > 23 ||
      Minute > 59 || Second > 60)
    return std::nullopt;
  if (Text.consume_front(".")) {
    size_t N = 0;
    while (N < Text.size() && llvm::isDigit(Text[N]))
      ++N;
    if (N == 0)
      return std::nullopt;
    Text = Text.drop_front(N);
  }
  int64_t Offset = 0;
  if (!Text.empty() && !Text.consume_front("Z")) {
    const int Sign = Text.front() == '-' ? -1 : 1;
    int OffHours = 0, OffMinutes = 0;
    if (!Expect("+-") || !Digits(2, OffHours))
      return std::nullopt;
    Text.consume_front(":");
    if (!Digits(2, OffMinutes) || OffHours > 23 || OffMinutes > 59)
      return std::nullopt;
    Offset = int64_t(Sign) * (OffHours * 3600 + OffMinutes * 60);
  }
  if (!Text.empty())
    return std::nullopt;
  // Days from the civil date (Howard Hinnant's algorithm).
  const int Y = Year - (Month <= 2);
  const int Era = Y / 400;
  const unsigned YearOfEra = static_cast<unsigned>(Y - Era * 400);
  const unsigned DayOfYear =
      (153 * (Month + (Month > 2 ? -3 : 9)) + 2) / 5 + Day - 1;
  const unsigned DayOfEra =
      YearOfEra * 365 + YearOfEra / 4 - YearOfEra / 100 + DayOfYear;
  const int64_t Days = int64_t(Era) * 146097 + DayOfEra - 719468;
  return Days * 86400 + int64_t(Hour) * 3600 + int64_t(Minute) * 60 + Second -
         Offset;
}

} // namespace cppet::store
