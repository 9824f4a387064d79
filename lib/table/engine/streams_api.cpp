// The DynamoDB Streams API (DynamoDBStreams_20120810.*, spec/dynamodb-api.md 3.19): ListStreams,
// DescribeStream, GetShardIterator and GetRecords over the catalog of streams.h. Every stream
// has one shard for its life; disabling the stream closes the shard.
#include <algorithm>
#include <cmath>
#include <ctime>
#include <string_view>

#include <fmt/format.h>

#include "core/utc.h"
#include "table/base64.h"
#include "table/engine/request.h"
#include "table/engine/streams.h"
#include "table/messages.h"

namespace sls::table::engine {
namespace {

using nlohmann::json;

// Model constraints of the Streams API (botocore checks the minimums client-side).
constexpr size_t kStreamArnMin = 37;
constexpr size_t kStreamArnMax = 1024;
constexpr size_t kShardIdMin = 28;
constexpr size_t kShardIdMax = 65;
constexpr size_t kSequenceMin = 21;
constexpr size_t kSequenceMax = 40;
constexpr size_t kIteratorMax = 2048;
constexpr int64_t kListLimitMax = 100;
constexpr int64_t kRecordsLimitMax = 1000;
constexpr size_t kRecordsMaxBytes = 1024 * 1024;  // GetRecords returns at most 1 MB
constexpr double kMillis = 1000;
constexpr std::string_view kIteratorVersion = "1";

[[noreturn]] void fail(std::string_view type, std::string message) {
  throw ServiceError(Errc::kValidation, std::string(type), std::move(message));
}

// arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>
bool well_formed_stream_arn(std::string_view arn) {
  if (!arn.starts_with("arn:aws:dynamodb:")) return false;
  const size_t table = arn.find(":table/");
  const size_t stream = arn.find("/stream/");
  return table != std::string_view::npos && stream != std::string_view::npos &&
         stream > table + 7 && stream + 8 < arn.size();
}

StreamInfo require_stream(Connection& c, const std::string& arn, double now) {
  if (!well_formed_stream_arn(arn)) fail_validation(fmt::format(msg::kInvalidStreamArn, arn));
  std::optional<StreamInfo> s = find_stream(c, arn, now);
  if (!s) throw Error(Errc::kNotFound, fmt::format(msg::kStreamNotFound, arn));
  return std::move(*s);
}

// The shard's read position: records with seq > this are still readable.
int64_t trim_point(Connection& c, const StreamInfo& s, double now) {
  return std::max({s.trimmed_through, last_seq_before(c, s.id, now - kStreamRetentionSeconds),
                   s.start_seq - 1});
}

// --- Iterators: "<stream arn>|1|base64(<after seq>:<issued ms>)" ----------------------------

std::string make_iterator(const StreamInfo& s, int64_t after_seq, double now) {
  const std::string payload = fmt::format("{}:{}", after_seq, std::llround(now * kMillis));
  return fmt::format("{}|{}|{}", s.arn, kIteratorVersion, base64_encode(payload));
}

struct Iterator {
  std::string arn;
  int64_t after_seq = 0;
  int64_t issued_ms = 0;
};

std::optional<int64_t> parse_int(std::string_view text) {
  if (text.empty() || text.size() > kSequenceMax) return std::nullopt;
  int64_t v = 0;
  for (const char ch : text) {
    if (ch < '0' || ch > '9') return std::nullopt;
    if (v > (INT64_MAX - (ch - '0')) / 10) return std::nullopt;
    v = v * 10 + (ch - '0');
  }
  return v;
}

Iterator parse_iterator(std::string_view text) {
  const size_t last = text.rfind('|');
  const size_t first = last == std::string_view::npos ? last : text.rfind('|', last - 1);
  if (first == std::string_view::npos ||
      text.substr(first + 1, last - first - 1) != kIteratorVersion)
    fail_validation(std::string(msg::kInvalidShardIterator));
  std::string payload;
  char bad = 0;
  if (base64_decode(text.substr(last + 1), payload, bad) != Base64Error::kOk)
    fail_validation(std::string(msg::kInvalidShardIterator));
  const size_t colon = payload.find(':');
  const std::optional<int64_t> after =
      colon == std::string::npos ? std::nullopt : parse_int(payload.substr(0, colon));
  const std::optional<int64_t> issued =
      colon == std::string::npos ? std::nullopt : parse_int(payload.substr(colon + 1));
  if (!after || !issued) fail_validation(std::string(msg::kInvalidShardIterator));
  return {std::string(text.substr(0, first)), *after, *issued};
}

std::string utc_time(int64_t ms) {
  const UtcTime t = utc_time_of_seconds(ms / static_cast<int64_t>(kMillis));
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", t.year, t.month, t.day, t.hour,
                     t.minute, t.second);
}

json shard_json(const StreamInfo& s) {
  json range = {{"StartingSequenceNumber", format_sequence_number(s.start_seq)}};
  if (s.end_seq) range["EndingSequenceNumber"] = format_sequence_number(*s.end_seq);
  return {{"ShardId", s.shard_id()}, {"SequenceNumberRange", range}};
}

void arn_length(ShapeErrors& errors, const json& request, std::string_view member,
                std::string_view path) {
  errors.length(request, member, path, kStreamArnMin, kStreamArnMax);
}

// The position an AT/AFTER_SEQUENCE_NUMBER iterator starts after.
int64_t sequence_position(Connection& c, const StreamInfo& s, const std::string& type,
                          const std::string& text, double now) {
  const std::optional<int64_t> seq = parse_int(text);
  const int64_t last = s.end_seq ? *s.end_seq : last_sequence_number(c);
  if (!seq || *seq < s.start_seq || *seq > last)
    fail_validation(fmt::format(msg::kSequenceNumberInvalid, text, s.shard_id()));
  if (*seq <= trim_point(c, s, now))
    fail("TrimmedDataAccessException", std::string(msg::kTrimmedData));
  return type == "AT_SEQUENCE_NUMBER" ? *seq - 1 : *seq;
}

}  // namespace

json stream_list_streams(Context& ctx, const json& request) {
  check_members(request, {{"TableName", Member::kString},
                          {"Limit", Member::kInteger},
                          {"ExclusiveStartStreamArn", Member::kString}});
  ShapeErrors errors;
  if (get_member(request, "TableName")) errors.table_name(request);
  errors.range(request, "Limit", "limit", 1, kListLimitMax);
  arn_length(errors, request, "ExclusiveStartStreamArn", "exclusiveStartStreamArn");
  errors.throw_if_any();
  const std::string* table = get_string(request, "TableName");
  const std::string start = get_string_or(request, "ExclusiveStartStreamArn", "");
  const auto limit = static_cast<size_t>(get_int(request, "Limit").value_or(kListLimitMax));
  std::vector<StreamInfo> streams;
  {
    ReadTxn read(ctx.store, /*snapshot=*/false);
    streams = list_streams(read.conn(), ctx.now());
  }
  if (table) {
    std::erase_if(streams, [&](const StreamInfo& s) { return s.table_name != *table; });
    if (streams.empty() && !ctx.find_table(*table))
      throw Error(Errc::kNotFound, fmt::format(msg::kTableNotFound, *table));
  }
  json list = json::array();
  bool more = false;
  for (const StreamInfo& s : streams) {
    if (!start.empty() && s.arn <= start) continue;
    if (list.size() == limit) {
      more = true;
      break;
    }
    list.push_back({{"StreamArn", s.arn}, {"TableName", s.table_name}, {"StreamLabel", s.label}});
  }
  json out = {{"Streams", list}};
  if (more) out["LastEvaluatedStreamArn"] = list.back()["StreamArn"];
  return out;
}

json stream_describe_stream(Context& ctx, const json& request) {
  check_members(request, {{"StreamArn", Member::kString},
                          {"Limit", Member::kInteger},
                          {"ExclusiveStartShardId", Member::kString}});
  ShapeErrors errors;
  errors.required(request, "StreamArn", "streamArn");
  arn_length(errors, request, "StreamArn", "streamArn");
  errors.range(request, "Limit", "limit", 1, kListLimitMax);
  errors.length(request, "ExclusiveStartShardId", "exclusiveStartShardId", kShardIdMin,
                kShardIdMax);
  errors.throw_if_any();
  ReadTxn read(ctx.store, /*snapshot=*/false);
  const StreamInfo s = require_stream(read.conn(), *get_string(request, "StreamArn"), ctx.now());
  json shards = json::array();
  if (get_string_or(request, "ExclusiveStartShardId", "") != s.shard_id())
    shards.push_back(shard_json(s));
  return {{"StreamDescription",
           {{"StreamArn", s.arn},
            {"StreamLabel", s.label},
            {"StreamStatus", s.disabled_at ? "DISABLED" : "ENABLED"},
            {"StreamViewType", s.view_type},
            {"CreationRequestDateTime", s.created},
            {"TableName", s.table_name},
            {"KeySchema", s.key_schema},
            {"Shards", shards}}}};
}

json stream_get_shard_iterator(Context& ctx, const json& request) {
  check_members(request, {{"StreamArn", Member::kString},
                          {"ShardId", Member::kString},
                          {"ShardIteratorType", Member::kString},
                          {"SequenceNumber", Member::kString}});
  ShapeErrors errors;
  errors.required(request, "StreamArn", "streamArn");
  arn_length(errors, request, "StreamArn", "streamArn");
  errors.required(request, "ShardId", "shardId");
  errors.length(request, "ShardId", "shardId", kShardIdMin, kShardIdMax);
  errors.required(request, "ShardIteratorType", "shardIteratorType");
  errors.enumeration(request, "ShardIteratorType", "shardIteratorType",
                     {"TRIM_HORIZON", "LATEST", "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER"});
  errors.length(request, "SequenceNumber", "sequenceNumber", kSequenceMin, kSequenceMax);
  errors.throw_if_any();
  const std::string& type = *get_string(request, "ShardIteratorType");
  const std::string* seq = get_string(request, "SequenceNumber");
  const bool by_sequence = type == "AT_SEQUENCE_NUMBER" || type == "AFTER_SEQUENCE_NUMBER";
  if (by_sequence && !seq) fail_validation(fmt::format(msg::kSequenceNumberRequired, type));
  if (!by_sequence && seq) fail_validation(fmt::format(msg::kSequenceNumberNotAllowed, type));
  const double now = ctx.now();
  ReadTxn read(ctx.store, /*snapshot=*/true);
  Connection& c = read.conn();
  const StreamInfo s = require_stream(c, *get_string(request, "StreamArn"), now);
  const std::string& shard = *get_string(request, "ShardId");
  if (shard != s.shard_id())
    throw Error(Errc::kNotFound, fmt::format(msg::kShardNotFound, shard, s.arn));
  int64_t after = 0;
  if (type == "TRIM_HORIZON") {
    after = trim_point(c, s, now);
  } else if (type == "LATEST") {
    after = std::max(s.start_seq - 1, s.end_seq ? *s.end_seq : last_sequence_number(c));
  } else {
    after = sequence_position(c, s, type, *seq, now);
  }
  return {{"ShardIterator", make_iterator(s, after, now)}};
}

json stream_get_records(Context& ctx, const json& request) {
  check_members(request, {{"ShardIterator", Member::kString}, {"Limit", Member::kInteger}});
  ShapeErrors errors;
  errors.required(request, "ShardIterator", "shardIterator");
  errors.length(request, "ShardIterator", "shardIterator", 1, kIteratorMax);
  errors.range(request, "Limit", "limit", 1, kRecordsLimitMax);
  errors.throw_if_any();
  const double now = ctx.now();
  const Iterator it = parse_iterator(*get_string(request, "ShardIterator"));
  const auto now_ms = std::llround(now * kMillis);
  if (now_ms - it.issued_ms > std::llround(kIteratorLifetimeSeconds * kMillis))
    fail("ExpiredIteratorException",
         fmt::format(msg::kIteratorExpired, utc_time(it.issued_ms), utc_time(now_ms)));
  ReadTxn read(ctx.store, /*snapshot=*/true);
  Connection& c = read.conn();
  const StreamInfo s = require_stream(c, it.arn, now);
  if (it.after_seq < trim_point(c, s, now))
    fail("TrimmedDataAccessException", std::string(msg::kTrimmedData));
  const auto limit = static_cast<size_t>(get_int(request, "Limit").value_or(kRecordsLimitMax));
  json records = json::array();
  int64_t after = it.after_seq;
  for (const StoredRecord& r : read_stream_records(c, s.id, after, limit, kRecordsMaxBytes)) {
    json record = json::parse(r.json);
    record["dynamodb"]["SequenceNumber"] = format_sequence_number(r.seq);
    records.push_back(std::move(record));
    after = r.seq;
  }
  json out = {{"Records", records}};
  // A closed shard read to its end has no next iterator: the consumer moves on (spec 3.19).
  if (!(s.end_seq && after >= last_seq_of_stream(c, s.id)))
    out["NextShardIterator"] = make_iterator(s, after, now);
  return out;
}

}  // namespace sls::table::engine
