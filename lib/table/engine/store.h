// The SQLite store: one writer connection behind a mutex, WAL reader connections for a file
// database, and the layout of spec/dynamodb-api.md 7 (one WITHOUT ROWID table per DynamoDB table
// and per index, keyed so that SQLite's order is DynamoDB's order).
//   t<N>      (h INTEGER, pk BLOB, sk BLOB, item BLOB, size INTEGER, PRIMARY KEY(h, pk, sk))
//   t<N>_x<M> (h INTEGER, ipk BLOB, isk BLOB, pk BLOB, sk BLOB, item BLOB, size INTEGER,
//              PRIMARY KEY(h, ipk, isk, pk, sk))
// h = partition_hash(pk or ipk): a partition's rows are contiguous and sorted by sort key, a
// Scan walks the table in hash order, and a parallel-scan segment is a range of h.
// Thread safety: Store is safe from many threads. A WriteTxn holds the writer mutex for its
// life (writes are serialized); a ReadTxn holds a reader connection of its own (file) or the
// writer mutex (memory: one connection serves all).
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "table/engine/schema.h"
#include "table/engine/sqlite.h"

namespace sls::table::engine {

class Store;

// A write transaction (BEGIN IMMEDIATE). Rolls back unless commit() was called.
class WriteTxn {
 public:
  explicit WriteTxn(Store& store);
  ~WriteTxn();
  WriteTxn(const WriteTxn&) = delete;
  WriteTxn& operator=(const WriteTxn&) = delete;
  Connection& conn() { return conn_; }
  void commit();

 private:
  std::unique_lock<std::mutex> lock_;
  Connection& conn_;
  bool done_ = false;
};

// A read: one connection for the duration (a snapshot when `snapshot` opened a transaction).
class ReadTxn {
 public:
  ReadTxn(Store& store, bool snapshot);
  ~ReadTxn();
  ReadTxn(const ReadTxn&) = delete;
  ReadTxn& operator=(const ReadTxn&) = delete;
  Connection& conn() { return *conn_; }

 private:
  Store& store_;
  std::unique_lock<std::mutex> lock_;  // memory mode only
  std::unique_ptr<Connection> owned_;  // file mode: borrowed from the pool, returned at the end
  Connection* conn_ = nullptr;
  bool snapshot_ = false;
};

class Store {
 public:
  // "" = a private in-memory database. Throws Error{kIo} when the file cannot be opened or
  // holds something other than an sls database.
  explicit Store(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Every persisted table, as (metadata JSON text).
  std::vector<std::string> load_tables();
  // Persisted ids for SQLite table names; never reused, so a cached statement of a dropped
  // table can never address a newer one.
  int64_t next_id(WriteTxn& txn);
  void save_table(WriteTxn& txn, const TableMeta& meta);
  void create_table_storage(WriteTxn& txn, const Table& table);
  void create_index_storage(WriteTxn& txn, const std::string& index_sql);
  void drop_table_storage(WriteTxn& txn, const Table& table);
  void drop_index_storage(WriteTxn& txn, const std::string& index_sql);
  void delete_table_meta(WriteTxn& txn, const std::string& name);

  // Key-value state of features that live beside the tables (idempotency tokens, streams...).
  bool in_memory() const { return path_.empty(); }

 private:
  friend class WriteTxn;
  friend class ReadTxn;
  std::unique_ptr<Connection> open_reader();

  const std::string path_;
  std::mutex write_mu_;  // guards writer_ (and, in memory mode, every use of it)
  std::unique_ptr<Connection> writer_;
  std::mutex pool_mu_;  // guards pool_
  std::vector<std::unique_ptr<Connection>> pool_;
};

// --- Row access (Requires: the connection belongs to a live transaction or read) -------------

std::optional<std::string> get_row(Connection& c, const std::string& sql, const EncodedKey& k);
void put_row(Connection& c, const std::string& sql, const EncodedKey& k, std::string_view item,
             int64_t size);
void delete_row(Connection& c, const std::string& sql, const EncodedKey& k);
void put_index_row(Connection& c, const std::string& sql, const EncodedKey& ik, const EncodedKey& k,
                   std::string_view item, int64_t size);
void delete_index_row(Connection& c, const std::string& sql, const EncodedKey& ik,
                      const EncodedKey& k);
// (row count, Σ size) of a table or index.
std::pair<int64_t, int64_t> count_rows(Connection& c, const std::string& sql);

}  // namespace sls::table::engine
