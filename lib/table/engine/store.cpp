// SQLite store: connections, the catalog of tables, row access (see store.h for the layout).
#include "table/engine/store.h"

#include <filesystem>

#include <fmt/format.h>

#include "core/error.h"

namespace sls::table::engine {
namespace {

// PRAGMA application_id marks a file as an sls database ("SLS1").
constexpr int64_t kApplicationId = 0x534c5331;
// Reader connections kept open for reuse; more may exist while many reads run at once.
constexpr size_t kMaxPooledReaders = 8;
// The page size of a new database. A WITHOUT ROWID row larger than about a quarter of a page
// spills into overflow pages, which every read of the row then follows; at SQLite's default
// 4 KiB that is any item over ~1 KB. 8 KiB pages keep items up to ~2 KB in their leaf page
// (16 KiB measured no faster for reads and slower for durable writes, which log whole pages).
// SQLite ignores the pragma for an existing file, which keeps its own size.
constexpr const char* kPageSize = "PRAGMA page_size=8192";

const char* const kCatalog =
    "CREATE TABLE IF NOT EXISTS sls_tables(name TEXT PRIMARY KEY, meta TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS sls_ids(id INTEGER PRIMARY KEY AUTOINCREMENT, unused INTEGER);";

void check_sls_file(Connection& c, const std::string& path) {
  auto id = c.prepare("PRAGMA application_id");
  const int64_t app = id->step() ? id->column_int(0) : 0;
  if (app == kApplicationId) return;
  auto count = c.prepare("SELECT count(*) FROM sqlite_master");
  const int64_t objects = count->step() ? count->column_int(0) : 0;
  if (app != 0 || objects != 0)
    throw Error(Errc::kIo, fmt::format("{}: not an sls table database", path));
  c.exec(fmt::format("PRAGMA application_id={}", kApplicationId));
}

void configure(Connection& c) {
  // WAL: readers never block the writer; NORMAL: an acknowledged commit survives a crash of the
  // process (not of the machine), which is all a local emulator promises.
  c.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY;");
}

}  // namespace

WriteTxn::WriteTxn(Store& store) : lock_(store.write_mu_), conn_(*store.writer_) {
  conn_.prepare("BEGIN IMMEDIATE")->run();
}

WriteTxn::~WriteTxn() {
  if (!done_) conn_.prepare("ROLLBACK")->run();
}

void WriteTxn::commit() {
  conn_.prepare("COMMIT")->run();
  done_ = true;
}

ReadTxn::ReadTxn(Store& store, bool snapshot) : store_(store), snapshot_(snapshot) {
  if (store.in_memory()) {
    lock_ = std::unique_lock(store.write_mu_);
    conn_ = store.writer_.get();
  } else {
    owned_ = store.open_reader();
    conn_ = owned_.get();
  }
  if (snapshot_) conn_->prepare("BEGIN")->run();
}

ReadTxn::~ReadTxn() {
  try {
    if (snapshot_) conn_->prepare("COMMIT")->run();
  } catch (const Error&) {
    owned_.reset();  // a connection in an unknown state is not returned to the pool
  }
  if (owned_) {
    const std::lock_guard guard(store_.pool_mu_);
    if (store_.pool_.size() < kMaxPooledReaders) store_.pool_.push_back(std::move(owned_));
  }
}

Store::Store(const std::string& path) : path_(path) {
  if (path_.empty()) {
    writer_ = std::make_unique<Connection>(":memory:");
    writer_->exec(kPageSize);
  } else {
    const std::filesystem::path parent = std::filesystem::path(path_).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    writer_ = std::make_unique<Connection>(path_);
    try {
      writer_->exec(kPageSize);  // before check_sls_file writes the header of a new file
      check_sls_file(*writer_, path_);
      configure(*writer_);
    } catch (const Error& e) {
      if (e.code() == Errc::kIo) throw;
      throw Error(Errc::kIo, fmt::format("{}: {}", path_, e.message()));
    }
  }
  writer_->exec(kCatalog);
}

Store::~Store() = default;

std::unique_ptr<Connection> Store::open_reader() {
  {
    const std::lock_guard guard(pool_mu_);
    if (!pool_.empty()) {
      std::unique_ptr<Connection> c = std::move(pool_.back());
      pool_.pop_back();
      return c;
    }
  }
  return std::make_unique<Connection>(path_, /*read_only=*/true);
}

std::vector<std::string> Store::load_tables() {
  const std::lock_guard guard(write_mu_);
  std::vector<std::string> out;
  auto s = writer_->prepare("SELECT meta FROM sls_tables ORDER BY name");
  while (s->step()) out.emplace_back(s->column_blob(0));
  return out;
}

int64_t Store::next_id(WriteTxn& txn) {
  auto s = txn.conn().prepare("INSERT INTO sls_ids(unused) VALUES(NULL) RETURNING id");
  s->step();
  return s->column_int(0);
}

void Store::save_table(WriteTxn& txn, const TableMeta& meta) {
  auto s = txn.conn().prepare("INSERT OR REPLACE INTO sls_tables(name, meta) VALUES(?, ?)");
  s->bind_text(1, meta.name).bind_text(2, meta_to_json(meta).dump());
  s->run();
}

void Store::create_table_storage(WriteTxn& txn, const Table& table) {
  txn.conn().exec(fmt::format(
      "CREATE TABLE {}(h INTEGER NOT NULL, pk BLOB NOT NULL, sk BLOB NOT NULL, item BLOB NOT "
      "NULL, size INTEGER NOT NULL, PRIMARY KEY(h, pk, sk)) WITHOUT ROWID",
      table.sql));
  for (const std::string& ix : table.index_sql) create_index_storage(txn, ix);
}

void Store::create_index_storage(WriteTxn& txn, const std::string& index_sql) {
  txn.conn().exec(fmt::format(
      "CREATE TABLE {}(h INTEGER NOT NULL, ipk BLOB NOT NULL, isk BLOB NOT NULL, pk BLOB NOT "
      "NULL, sk BLOB NOT NULL, item BLOB NOT NULL, size INTEGER NOT NULL, "
      "PRIMARY KEY(h, ipk, isk, pk, sk)) WITHOUT ROWID",
      index_sql));
}

void Store::drop_index_storage(WriteTxn& txn, const std::string& index_sql) {
  txn.conn().forget(index_sql);
  txn.conn().exec(fmt::format("DROP TABLE IF EXISTS {}", index_sql));
}

void Store::drop_table_storage(WriteTxn& txn, const Table& table) {
  for (const std::string& ix : table.index_sql) drop_index_storage(txn, ix);
  txn.conn().forget(table.sql);
  txn.conn().exec(fmt::format("DROP TABLE IF EXISTS {}", table.sql));
}

void Store::delete_table_meta(WriteTxn& txn, const std::string& name) {
  auto s = txn.conn().prepare("DELETE FROM sls_tables WHERE name = ?");
  s->bind_text(1, name);
  s->run();
}

std::optional<std::string> get_row(Connection& c, const std::string& sql, const EncodedKey& k) {
  auto s = c.prepare(fmt::format("SELECT item FROM {} WHERE h = ? AND pk = ? AND sk = ?", sql));
  s->bind(1, k.hash).bind(2, k.pk).bind(3, k.sk);
  if (!s->step()) return std::nullopt;
  return std::string(s->column_blob(0));
}

void put_row(Connection& c, const std::string& sql, const EncodedKey& k, std::string_view item,
             int64_t size) {
  auto s = c.prepare(
      fmt::format("INSERT OR REPLACE INTO {}(h, pk, sk, item, size) VALUES(?, ?, ?, ?, ?)", sql));
  s->bind(1, k.hash).bind(2, k.pk).bind(3, k.sk).bind(4, item).bind(5, size);
  s->run();
}

void delete_row(Connection& c, const std::string& sql, const EncodedKey& k) {
  auto s = c.prepare(fmt::format("DELETE FROM {} WHERE h = ? AND pk = ? AND sk = ?", sql));
  s->bind(1, k.hash).bind(2, k.pk).bind(3, k.sk);
  s->run();
}

void put_index_row(Connection& c, const std::string& sql, const EncodedKey& ik, const EncodedKey& k,
                   std::string_view item, int64_t size) {
  auto s = c.prepare(fmt::format(
      "INSERT OR REPLACE INTO {}(h, ipk, isk, pk, sk, item, size) VALUES(?, ?, ?, ?, ?, ?, ?)",
      sql));
  s->bind(1, ik.hash).bind(2, ik.pk).bind(3, ik.sk).bind(4, k.pk).bind(5, k.sk).bind(6, item);
  s->bind(7, size);
  s->run();
}

void delete_index_row(Connection& c, const std::string& sql, const EncodedKey& ik,
                      const EncodedKey& k) {
  auto s = c.prepare(
      fmt::format("DELETE FROM {} WHERE h = ? AND ipk = ? AND isk = ? AND pk = ? AND sk = ?", sql));
  s->bind(1, ik.hash).bind(2, ik.pk).bind(3, ik.sk).bind(4, k.pk).bind(5, k.sk);
  s->run();
}

std::pair<int64_t, int64_t> count_rows(Connection& c, const std::string& sql) {
  auto s = c.prepare(fmt::format("SELECT count(*), coalesce(sum(size), 0) FROM {}", sql));
  s->step();
  return {s->column_int(0), s->column_int(1)};
}

}  // namespace sls::table::engine
