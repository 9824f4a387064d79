// A thin RAII layer over the SQLite C API for the engine: connections that cache their prepared
// statements by SQL text, and statements that reset themselves when a use ends.
// Thread safety: a Connection (and its statements) is used by one thread at a time; the Store
// decides which thread that is.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace sls::table::engine {

class Connection;

// One prepared statement. Bind parameters are 1-based, columns 0-based (SQLite's convention).
class Statement {
 public:
  Statement(Connection& conn, sqlite3_stmt* stmt) : conn_(conn), stmt_(stmt) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::string_view blob);  // as BLOB (keys and items)
  Statement& bind_text(int index, std::string_view text);
  Statement& bind(int index, int64_t value);
  Statement& bind_null(int index);
  // Steps once: true when a row is available. Throws Error{kInternal} on SQLite errors.
  bool step();
  void run();  // steps to completion, for statements that return no rows
  void reset();
  std::string_view column_blob(int index) const;
  int64_t column_int(int index) const;
  double column_double(int index) const;
  bool column_is_null(int index) const;

 private:
  Connection& conn_;
  sqlite3_stmt* stmt_;
};

// Resets the statement (and clears its bindings) when the scope ends, so a cached statement is
// always ready for its next use even when an exception left it mid-step.
class StatementUse {
 public:
  explicit StatementUse(Statement& s) : s_(s) {}
  ~StatementUse() { s_.reset(); }
  StatementUse(const StatementUse&) = delete;
  StatementUse& operator=(const StatementUse&) = delete;
  Statement* operator->() { return &s_; }
  Statement& operator*() { return s_; }

 private:
  Statement& s_;
};

class Connection {
 public:
  // Opens `path` (":memory:" for a private in-memory database). Throws Error{kIo}.
  explicit Connection(const std::string& path, bool read_only = false);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void exec(const std::string& sql);  // one or more statements, no results
  // The cached statement for `sql`, prepared on first use.
  StatementUse prepare(const std::string& sql);
  // Drops cached statements whose SQL mentions `fragment` (a dropped table's name).
  void forget(std::string_view fragment);
  [[noreturn]] void fail(std::string_view what) const;
  sqlite3* handle() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

}  // namespace sls::table::engine
