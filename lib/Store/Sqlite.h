//===- Sqlite.h - RAII over the SQLite C API (private) ----------*- C++ -*-===//
//
// Owning handles for sqlite3 and sqlite3_stmt, a prepared statement that
// binds parameters by position and resets itself after use, and a
// transaction that rolls back unless committed. SQLite stays inside
// lib/Store: no public header includes sqlite3.h.
//
//===----------------------------------------------------------------------===//
#ifndef CPPET_LIB_STORE_SQLITE_H
#define CPPET_LIB_STORE_SQLITE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>

namespace cppet::store::sql {

struct DatabaseCloser {
  void operator()(sqlite3 *Db) const { sqlite3_close_v2(Db); }
};
using Database = std::unique_ptr<sqlite3, DatabaseCloser>;

struct StatementFinalizer {
  void operator()(sqlite3_stmt *S) const { sqlite3_finalize(S); }
};
using StatementHandle = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

/// An error carrying SQLite's message for \p Db, after \p What.
inline llvm::Error failure(sqlite3 *Db, const llvm::Twine &What) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 (What + ": " + sqlite3_errmsg(Db)).str());
}

/// A prepared statement. Parameters are bound by position (1-based); step()
/// runs it; the statement is reset and its bindings cleared when this
/// object goes away, so a cached statement can be reused.
class Statement {
public:
  static llvm::Expected<Statement> prepare(sqlite3 *Db, llvm::StringRef Sql) {
    sqlite3_stmt *S = nullptr;
    if (sqlite3_prepare_v2(Db, Sql.data(), static_cast<int>(Sql.size()), &S,
                           nullptr) != SQLITE_OK)
      return failure(Db, "cannot prepare a statement");
    return Statement(Db, StatementHandle(S));
  }

  Statement(Statement &&) noexcept = default;
  Statement &operator=(Statement &&) noexcept = default;
  ~Statement() {
    if (Stmt) {
      sqlite3_reset(Stmt.get());
      sqlite3_clear_bindings(Stmt.get());
    }
  }

  Statement &bind(int Index, llvm::StringRef Text) {
    sqlite3_bind_text64(Stmt.get(), Index, Text.data(), Text.size(),
                        SQLITE_TRANSIENT, SQLITE_UTF8);
    return *this;
  }
  Statement &bind(int Index, int64_t Value) {
    sqlite3_bind_int64(Stmt.get(), Index, Value);
    return *this;
  }

  /// True while there is a row to read; false when done.
  llvm::Expected<bool> step() {
    int Rc = sqlite3_step(Stmt.get());
    if (Rc == SQLITE_ROW)
      return true;
    if (Rc == SQLITE_DONE)
      return false;
    return failure(Db, "database error");
  }

  /// Runs a statement that returns no rows.
  llvm::Error run() {
    llvm::Expected<bool> Row = step();
    if (!Row)
      return Row.takeError();
    return llvm::Error::success();
  }

  bool isNull(int Column) const {
    return sqlite3_column_type(Stmt.get(), Column) == SQLITE_NULL;
  }
  int64_t integer(int Column) const {
    return sqlite3_column_int64(Stmt.get(), Column);
  }
  std::string text(int Column) const {
    const unsigned char *T = sqlite3_column_text(Stmt.get(), Column);
    if (!T)
      return "";
    return std::string(
        reinterpret_cast<const char *>(T),
        static_cast<size_t>(sqlite3_column_bytes(Stmt.get(), Column)));
  }

private:
  Statement(sqlite3 *Db, StatementHandle Stmt)
      : Db(Db), Stmt(std::move(Stmt)) {}

  sqlite3 *Db;
  StatementHandle Stmt;
};

/// Runs \p Sql (one or more statements without parameters).
inline llvm::Error execute(sqlite3 *Db, const char *Sql,
                           const llvm::Twine &What) {
  char *Message = nullptr;
  if (sqlite3_exec(Db, Sql, nullptr, nullptr, &Message) == SQLITE_OK)
    return llvm::Error::success();
  std::string Text = Message ? Message : sqlite3_errmsg(Db);
  sqlite3_free(Message);
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 (What + ": " + Text).str());
}

/// BEGIN IMMEDIATE (the write lock now, waiting up to the busy timeout);
/// ROLLBACK when destroyed without commit().
class Transaction {
public:
  static llvm::Expected<Transaction> begin(sqlite3 *Db) {
    if (llvm::Error E = execute(Db, "BEGIN IMMEDIATE", "cannot start a write"))
      return E;
    return Transaction(Db);
  }
  Transaction(Transaction &&Other) noexcept : Db(Other.Db) {
    Other.Db = nullptr;
  }
  Transaction &operator=(Transaction &&) = delete;
  ~Transaction() {
    if (Db)
      sqlite3_exec(Db, "ROLLBACK", nullptr, nullptr, nullptr);
  }

  llvm::Error commit() {
    sqlite3 *D = Db;
    Db = nullptr;
    if (llvm::Error E = execute(D, "COMMIT", "cannot commit")) {
      sqlite3_exec(D, "ROLLBACK", nullptr, nullptr, nullptr);
      return E;
    }
    return llvm::Error::success();
  }

private:
  explicit Transaction(sqlite3 *Db) : Db(Db) {}
  sqlite3 *Db;
};

} // namespace cppet::store::sql

#endif // CPPET_LIB_STORE_SQLITE_H
