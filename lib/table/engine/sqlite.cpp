// The SQLite wrapper: every SQLite error becomes sls::Error here, with SQLite's own message.
#include "table/engine/sqlite.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include "core/error.h"

namespace sls::table::engine {
namespace {

// Writers wait for one another only inside one process (the Store serializes them); this
// bounds the wait when another process holds the file (e.g. a second `sls` on the same path).
constexpr int kBusyTimeoutMs = 5000;

}  // namespace

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, std::string_view blob) {
  // An empty blob must stay a blob (X''), not NULL: sort keys of hash-only tables are X''.
  const char* data = blob.empty() ? "" : blob.data();
  if (sqlite3_bind_blob64(stmt_, index, data, blob.size(), SQLITE_TRANSIENT) != SQLITE_OK)
    conn_.fail("bind");
  return *this;
}

Statement& Statement::bind_text(int index, std::string_view text) {
  if (sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8) !=
      SQLITE_OK)
    conn_.fail("bind");
  return *this;
}

Statement& Statement::bind(int index, int64_t value) {
  if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) conn_.fail("bind");
  return *this;
}

Statement& Statement::bind_null(int index) {
  if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) conn_.fail("bind");
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  conn_.fail("step");
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string_view Statement::column_blob(int index) const {
  const void* data = sqlite3_column_blob(stmt_, index);
  const int size = sqlite3_column_bytes(stmt_, index);
  if (data == nullptr) return {};
  return {static_cast<const char*>(data), static_cast<size_t>(size)};
}

int64_t Statement::column_int(int index) const { return sqlite3_column_int64(stmt_, index); }
double Statement::column_double(int index) const { return sqlite3_column_double(stmt_, index); }
bool Statement::column_is_null(int index) const {
  return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
}

Connection::Connection(const std::string& path, bool read_only) {
  const int flags =
      (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
      SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error(Errc::kIo, fmt::format("{}: {}", path, message));
  }
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
}

Connection::~Connection() {
  cache_.clear();  // statements first: sqlite3_close refuses while statements are alive
  sqlite3_close(db_);
}

void Connection::exec(const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error ? error : sqlite3_errmsg(db_);
    sqlite3_free(error);
    throw Error(Errc::kInternal, fmt::format("SQLite: {} ({})", message, sql));
  }
}

StatementUse Connection::prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                           SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK)
      fail(sql);
    it = cache_.emplace(sql, std::make_unique<Statement>(*this, stmt)).first;
  }
  return StatementUse(*it->second);
}

void Connection::forget(std::string_view fragment) {
  std::erase_if(cache_,
                [&](const auto& entry) { return entry.first.find(fragment) != std::string::npos; });
}

void Connection::fail(std::string_view what) const {
  throw Error(Errc::kInternal, fmt::format("SQLite: {} ({})", sqlite3_errmsg(db_), what));
}

}  // namespace sls::table::engine
