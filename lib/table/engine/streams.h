// DynamoDB Streams storage (spec/dynamodb-api.md 3.19, 7): the catalog of streams, one open
// shard each, and the records written inside the item change's own SQLite transaction.
//   sls_streams(id, arn UNIQUE, table_name, label, view_type, created, key_schema JSON,
//               start_seq, end_seq NULL = open, disabled_at NULL = enabled, trimmed_through)
//   sls_stream_records(seq AUTOINCREMENT, stream -> sls_streams.id, at, record JSON)
// `seq` is one counter for every stream, so a shard's sequence numbers strictly increase and a
// number is never reused, even after trimming. A record's JSON lacks SequenceNumber (it is the
// row's seq, added when read).
// Thread safety: functions taking a WriteTxn require the writer mutex (held by the txn); the
// others open their own read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "table/engine/context.h"
#include "table/engine/schema.h"
#include "table/engine/store.h"

namespace sls::table::engine {

// How long records (and disabled streams) stay readable; GetShardIterator iterators live 15 min.
inline constexpr double kStreamRetentionSeconds = 24 * 60 * 60;
inline constexpr double kIteratorLifetimeSeconds = 15 * 60;

struct StreamInfo {
  int64_t id = 0;
  std::string arn;
  std::string table_name;
  std::string label;
  std::string view_type;
  double created = 0;
  nlohmann::json key_schema;  // the table's KeySchema, as DescribeTable reports it
  int64_t start_seq = 0;
  std::optional<int64_t> end_seq;     // set when the stream was disabled: the shard is closed
  std::optional<double> disabled_at;  // epoch seconds
  int64_t trimmed_through = 0;        // records up to this seq were deleted by trimming

  std::string shard_id() const;  // shardId-<20 digits>-<8 hex>
};

// Creates the stream tables (idempotent), in the engine's opening transaction.
void create_stream_storage(Connection& conn);

std::string stream_arn(const Context& ctx, const std::string& table_name, const std::string& label);

// Keeps the catalog in step with a table's stream setting. `before` / `after` are the table's
// metadata before and after a control-plane change (nullptr: the table did not / no longer
// exist). Enabling opens a stream; disabling, or deleting the table, closes it.
void sync_stream_catalog(Context& ctx, WriteTxn& txn, const TableMeta* before,
                         const TableMeta* after);

// Appends one record to the table's current stream. Requires: the table's stream is enabled.
void append_stream_record(Context& ctx, WriteTxn& txn, const TableMeta& table,
                          const nlohmann::json& record);

// --- Reads (Requires: `c` belongs to a live ReadTxn or WriteTxn) ---------------------------

// Streams visible at `now`: enabled ones, and disabled ones for 24 h after they were disabled;
// in ARN order.
std::vector<StreamInfo> list_streams(Connection& c, double now);
std::optional<StreamInfo> find_stream(Connection& c, const std::string& arn, double now);

struct StoredRecord {
  int64_t seq = 0;
  double at = 0;  // epoch seconds of the change
  std::string json;
};
// Records of a stream with seq > after_seq, oldest first: at most `limit`, and no more once
// `max_bytes` of record JSON were collected (at least one record is returned).
std::vector<StoredRecord> read_stream_records(Connection& c, int64_t stream_id, int64_t after_seq,
                                              size_t limit, size_t max_bytes);
// The newest seq ever issued (0 when none).
int64_t last_sequence_number(Connection& c);
// The newest seq of a stream's records older than `cutoff` (0 when none).
int64_t last_seq_before(Connection& c, int64_t stream_id, double cutoff);
// The newest seq of a stream (0 when none).
int64_t last_seq_of_stream(Connection& c, int64_t stream_id);

// Deletes records older than 24 h and streams disabled more than 24 h ago.
void trim_streams(WriteTxn& txn, double now);

// Zero-padded, 21 digits (botocore checks 21-40 characters client-side).
std::string format_sequence_number(int64_t seq);

}  // namespace sls::table::engine
