// The stream catalog and records in SQLite (see streams.h for the layout). Times are stored as
// integer milliseconds since the epoch.
#include <cmath>
#include <cstdint>

#include <fmt/format.h>

#include "table/engine/streams.h"

namespace sls::table::engine {
namespace {

using nlohmann::json;

constexpr double kMillis = 1000;
constexpr int kSequenceDigits = 21;
constexpr int kShardTimeDigits = 20;
constexpr uint32_t kFnvOffset32 = 2166136261U;
constexpr uint32_t kFnvPrime32 = 16777619U;

const char* const kStreamTables =
    "CREATE TABLE IF NOT EXISTS sls_streams(id INTEGER PRIMARY KEY AUTOINCREMENT, "
    "arn TEXT NOT NULL UNIQUE, table_name TEXT NOT NULL, label TEXT NOT NULL, "
    "view_type TEXT NOT NULL, created_ms INTEGER NOT NULL, key_schema TEXT NOT NULL, "
    "start_seq INTEGER NOT NULL, end_seq INTEGER, disabled_ms INTEGER, "
    "trimmed_through INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE IF NOT EXISTS sls_stream_records(seq INTEGER PRIMARY KEY AUTOINCREMENT, "
    "stream INTEGER NOT NULL, at_ms INTEGER NOT NULL, record TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS sls_stream_records_by_stream ON sls_stream_records(stream, seq);"
    "CREATE INDEX IF NOT EXISTS sls_stream_records_by_age ON sls_stream_records(at_ms);";

const char* const kStreamColumns =
    "id, arn, table_name, label, view_type, created_ms, key_schema, start_seq, end_seq, "
    "disabled_ms, trimmed_through";

int64_t to_ms(double seconds) { return std::llround(seconds * kMillis); }
double from_ms(int64_t ms) { return static_cast<double>(ms) / kMillis; }

StreamInfo stream_from_row(Statement& s) {
  StreamInfo info;
  info.id = s.column_int(0);
  info.arn = std::string(s.column_blob(1));
  info.table_name = std::string(s.column_blob(2));
  info.label = std::string(s.column_blob(3));
  info.view_type = std::string(s.column_blob(4));
  info.created = from_ms(s.column_int(5));
  info.key_schema = json::parse(s.column_blob(6));
  info.start_seq = s.column_int(7);
  if (!s.column_is_null(8)) info.end_seq = s.column_int(8);
  if (!s.column_is_null(9)) info.disabled_at = from_ms(s.column_int(9));
  info.trimmed_through = s.column_int(10);
  return info;
}

json key_schema_of(const TableMeta& m) {
  json ks = json::array({{{"AttributeName", m.hash.name}, {"KeyType", "HASH"}}});
  if (m.range) ks.push_back({{"AttributeName", m.range->name}, {"KeyType", "RANGE"}});
  return ks;
}

// Opens the stream of `m` (its label names it). A stream of the same ARN can exist only when a
// clock repeats a millisecond (tests' fixed clocks): the old one is replaced.
void open_stream(Context& ctx, WriteTxn& txn, const TableMeta& m) {
  Connection& c = txn.conn();
  const std::string arn = stream_arn(ctx, m.name, m.stream.label);
  {
    auto old = c.prepare(
        "DELETE FROM sls_stream_records WHERE stream IN (SELECT id FROM sls_streams WHERE arn = "
        "?)");
    old->bind_text(1, arn);
    old->run();
  }
  {
    auto old = c.prepare("DELETE FROM sls_streams WHERE arn = ?");
    old->bind_text(1, arn);
    old->run();
  }
  auto s = c.prepare(
      "INSERT INTO sls_streams(arn, table_name, label, view_type, created_ms, key_schema, "
      "start_seq) VALUES(?, ?, ?, ?, ?, ?, ?)");
  s->bind_text(1, arn).bind_text(2, m.name).bind_text(3, m.stream.label);
  s->bind_text(4, m.stream.view_type).bind(5, ctx.now_ms());
  s->bind_text(6, key_schema_of(m).dump()).bind(7, last_sequence_number(c) + 1);
  s->run();
}

// Closes the shard: its last record (or its start, when it has none) ends it.
void close_stream(Context& ctx, WriteTxn& txn, const std::string& arn) {
  Connection& c = txn.conn();
  auto s = c.prepare(
      "UPDATE sls_streams SET disabled_ms = ?, end_seq = max(start_seq, coalesce((SELECT "
      "max(seq) FROM sls_stream_records WHERE stream = sls_streams.id), 0)) WHERE arn = ? AND "
      "disabled_ms IS NULL");
  s->bind(1, ctx.now_ms()).bind_text(2, arn);
  s->run();
}

}  // namespace

std::string StreamInfo::shard_id() const {
  uint32_t h = kFnvOffset32;
  for (const char ch : arn) h = (h ^ static_cast<uint8_t>(ch)) * kFnvPrime32;
  return fmt::format("shardId-{:0{}}-{:08x}", to_ms(created), kShardTimeDigits, h);
}

void create_stream_storage(Connection& conn) { conn.exec(kStreamTables); }

std::string stream_arn(const Context& ctx, const std::string& table_name,
                       const std::string& label) {
  return fmt::format("{}/stream/{}", ctx.table_arn(table_name), label);
}

void sync_stream_catalog(Context& ctx, WriteTxn& txn, const TableMeta* before,
                         const TableMeta* after) {
  const bool was = before && before->stream.enabled;
  const bool is = after && after->stream.enabled;
  if (was && (!is || before->stream.label != after->stream.label))
    close_stream(ctx, txn, stream_arn(ctx, before->name, before->stream.label));
  if (is && (!was || before->stream.label != after->stream.label)) open_stream(ctx, txn, *after);
}

void append_stream_record(Context& ctx, WriteTxn& txn, const TableMeta& table, const json& record) {
  Connection& c = txn.conn();
  auto s = c.prepare(
      "INSERT INTO sls_stream_records(stream, at_ms, record) SELECT id, ?, ? FROM sls_streams "
      "WHERE arn = ?");
  s->bind(1, ctx.now_ms()).bind_text(2, record.dump());
  s->bind_text(3, stream_arn(ctx, table.name, table.stream.label));
  s->run();
}

std::vector<StreamInfo> list_streams(Connection& c, double now) {
  auto s = c.prepare(fmt::format(
      "SELECT {} FROM sls_streams WHERE disabled_ms IS NULL OR disabled_ms >= ? ORDER BY arn",
      kStreamColumns));
  s->bind(1, to_ms(now - kStreamRetentionSeconds));
  std::vector<StreamInfo> out;
  while (s->step()) out.push_back(stream_from_row(*s));
  return out;
}

std::optional<StreamInfo> find_stream(Connection& c, const std::string& arn, double now) {
  auto s = c.prepare(fmt::format(
      "SELECT {} FROM sls_streams WHERE arn = ? AND (disabled_ms IS NULL OR disabled_ms >= ?)",
      kStreamColumns));
  s->bind_text(1, arn).bind(2, to_ms(now - kStreamRetentionSeconds));
  if (!s->step()) return std::nullopt;
  return stream_from_row(*s);
}

std::vector<StoredRecord> read_stream_records(Connection& c, int64_t stream_id, int64_t after_seq,
                                              size_t limit, size_t max_bytes) {
  auto s = c.prepare(
      "SELECT seq, at_ms, record FROM sls_stream_records WHERE stream = ? AND seq > ? ORDER BY "
      "seq LIMIT ?");
  s->bind(1, stream_id).bind(2, after_seq).bind(3, static_cast<int64_t>(limit));
  std::vector<StoredRecord> out;
  size_t bytes = 0;
  while (s->step()) {
    StoredRecord r{s->column_int(0), from_ms(s->column_int(1)), std::string(s->column_blob(2))};
    bytes += r.json.size();
    if (!out.empty() && bytes > max_bytes) break;
    out.push_back(std::move(r));
  }
  return out;
}

int64_t last_sequence_number(Connection& c) {
  auto s = c.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'sls_stream_records'");
  return s->step() ? s->column_int(0) : 0;
}

int64_t last_seq_before(Connection& c, int64_t stream_id, double cutoff) {
  auto s = c.prepare(
      "SELECT coalesce(max(seq), 0) FROM sls_stream_records WHERE stream = ? AND at_ms < ?");
  s->bind(1, stream_id).bind(2, to_ms(cutoff));
  s->step();
  return s->column_int(0);
}

int64_t last_seq_of_stream(Connection& c, int64_t stream_id) {
  auto s = c.prepare("SELECT coalesce(max(seq), 0) FROM sls_stream_records WHERE stream = ?");
  s->bind(1, stream_id);
  s->step();
  return s->column_int(0);
}

void trim_streams(WriteTxn& txn, double now) {
  Connection& c = txn.conn();
  const int64_t cutoff = to_ms(now - kStreamRetentionSeconds);
  bool stale = false;
  {
    // The common case (nothing old enough) costs one probe of the age index.
    auto s = c.prepare(
        "SELECT EXISTS(SELECT 1 FROM sls_stream_records WHERE at_ms < ?) OR EXISTS(SELECT 1 FROM "
        "sls_streams WHERE disabled_ms < ?)");
    s->bind(1, cutoff).bind(2, cutoff);
    stale = s->step() && s->column_int(0) != 0;
  }
  if (!stale) return;
  {
    auto s = c.prepare(
        "UPDATE sls_streams SET trimmed_through = max(trimmed_through, (SELECT max(seq) FROM "
        "sls_stream_records WHERE stream = sls_streams.id AND at_ms < ?)) WHERE EXISTS (SELECT 1 "
        "FROM sls_stream_records WHERE stream = sls_streams.id AND at_ms < ?)");
    s->bind(1, cutoff).bind(2, cutoff);
    s->run();
  }
  {
    auto s = c.prepare("DELETE FROM sls_stream_records WHERE at_ms < ?");
    s->bind(1, cutoff);
    s->run();
  }
  {
    auto s = c.prepare(
        "DELETE FROM sls_stream_records WHERE stream IN (SELECT id FROM sls_streams WHERE "
        "disabled_ms < ?)");
    s->bind(1, cutoff);
    s->run();
  }
  auto s = c.prepare("DELETE FROM sls_streams WHERE disabled_ms < ?");
  s->bind(1, cutoff);
  s->run();
}

std::string format_sequence_number(int64_t seq) {
  return fmt::format("{:0{}}", seq, kSequenceDigits);
}

}  // namespace sls::table::engine
