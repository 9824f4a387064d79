// Query and Scan: key conditions become range bounds on the encoded keys, pages stop at Limit
// or 1 MB read, and parallel scans split the partition-hash space (spec/dynamodb-api.md 3.11,
// 3.12, 7).
#include <fmt/format.h>

#include "table/engine/item_codec.h"
#include "table/engine/item_common.h"
#include "table/engine/legacy.h"
#include "table/engine/read_source.h"
#include "table/key_codec.h"
#include "table/messages.h"

namespace sls::table::engine {
namespace {

using nlohmann::json;

constexpr int64_t kMaxSegment = 999'999;
constexpr int64_t kMaxTotalSegments = 1'000'000;

void check_read_members(const json& request, bool scan) {
  check_members(request, {{"TableName", Member::kString},
                          {"IndexName", Member::kString},
                          {"Select", Member::kString},
                          {"AttributesToGet", Member::kStringList},
                          {"Limit", Member::kInteger},
                          {"ConsistentRead", Member::kBool},
                          {"KeyConditions", Member::kMap},
                          {"QueryFilter", Member::kMap},
                          {"ScanFilter", Member::kMap},
                          {"ConditionalOperator", Member::kString},
                          {"ScanIndexForward", Member::kBool},
                          {"ExclusiveStartKey", Member::kItem},
                          {"ReturnConsumedCapacity", Member::kString},
                          {"TotalSegments", Member::kInteger},
                          {"Segment", Member::kInteger},
                          {"ProjectionExpression", Member::kString},
                          {"FilterExpression", Member::kString},
                          {"KeyConditionExpression", Member::kString},
                          {"ExpressionAttributeNames", Member::kNames},
                          {"ExpressionAttributeValues", Member::kValues}});
  ShapeErrors errors;
  errors.table_name(request);
  errors.index_name(request, "IndexName", "indexName");
  errors.enumeration(
      request, "Select", "select",
      {"SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES"});
  errors.length(request, "AttributesToGet", "attributesToGet", 1, SIZE_MAX);
  if (scan) {
    errors.range(request, "Limit", "limit", 1, INT64_MAX);
    errors.range(request, "Segment", "segment", 0, kMaxSegment);
    errors.range(request, "TotalSegments", "totalSegments", 1, kMaxTotalSegments);
  } else if (get_int(request, "Limit").value_or(1) < 1) {
    errors.add_text(std::string(msg::kQueryLimitBelowOne));
  }
  errors.enumeration(request, "ConditionalOperator", "conditionalOperator", {"AND", "OR"});
  check_capacity_enum(errors, request);
  errors.throw_if_any();
}

// A filter may not name the key attributes of what a Query reads (spec 3.11).
void check_filter_keys(const expr::Condition& c, const expr::KeySchema& keys, bool legacy) {
  for (const expr::Operand& o : c.operands) {
    if (o.kind != expr::Operand::Kind::kPath) continue;
    const std::string& name = std::get<std::string>(o.path.elements.front());
    if (name == keys.hash_name || (keys.range_name && name == *keys.range_name))
      fail_validation(legacy ? fmt::format(msg::kLegacyFilterOnKey, "QueryFilter", name)
                             : fmt::format(msg::kFilterOnKey, name));
  }
  for (const expr::Condition& child : c.children) check_filter_keys(child, keys, legacy);
}

expr::KeyCondition key_condition(const json& request, const ReadSource& src,
                                 const expr::Placeholders& placeholders, expr::Usage& usage) {
  if (const std::string* text = get_string(request, "KeyConditionExpression")) {
    const expr::Condition c =
        expr::parse_condition(*text, expr::ExpressionKind::kKeyCondition, placeholders, usage);
    return expr::to_key_condition(c, src.key_schema);
  }
  const json* legacy = get_member(request, "KeyConditions");
  if (legacy == nullptr) fail_validation(std::string(msg::kNoKeyCondition));
  if (legacy->empty() || legacy->size() > 2)
    fail_validation(std::string(msg::kLegacyConditionCount));
  return expr::to_key_condition(legacy_condition(*legacy, false, LegacyKind::kKeyConditions),
                                src.key_schema);
}

}  // namespace

Body query(Context& ctx, const json& request) {
  check_read_members(request, false);
  // KeyConditions may come with FilterExpression/ProjectionExpression, but not with
  // KeyConditionExpression (spec 4.7).
  if (get_member(request, "KeyConditionExpression"))
    check_no_mixing(request,
                    {"AttributesToGet", "KeyConditions", "QueryFilter", "ConditionalOperator"},
                    {"ProjectionExpression", "FilterExpression", "KeyConditionExpression"});
  else
    check_no_mixing(request, {"AttributesToGet", "QueryFilter", "ConditionalOperator"},
                    {"ProjectionExpression", "FilterExpression"});
  check_placeholders_used(request,
                          {"ProjectionExpression", "FilterExpression", "KeyConditionExpression"},
                          {"FilterExpression", "KeyConditionExpression"},
                          "FilterExpression and KeyConditionExpression are null");
  const expr::Placeholders placeholders = parse_placeholders(request);
  const std::string& name = *get_string(request, "TableName");
  const auto table = ctx.require_table(name, msg::kResourceNotFound);
  PageRequest page;
  expr::Usage usage;
  page.projection = read_projection(request, placeholders, usage);
  page.select =
      parse_select(request, page.projection.has_value(), get_member(request, "IndexName"));
  const ReadSource src = read_source(*table, request, page.select);
  const expr::KeyCondition kc = key_condition(request, src, placeholders, usage);
  page.filter = read_filter(request, "QueryFilter", placeholders, usage);
  if (page.filter)
    check_filter_keys(*page.filter, src.key_schema, !get_member(request, "FilterExpression"));
  expr::check_unused(placeholders, usage);
  page.limit = get_int(request, "Limit");
  page.consistent = get_bool(request, "ConsistentRead", false);
  const bool forward = get_bool(request, "ScanIndexForward", true);

  const std::string pk = encode_key(kc.hash);
  const KeyBounds bounds = key_bounds(kc.range);
  const std::optional<StartKey> start = parse_start_key(request, src, false);
  if (start) {
    const EncodedKey& k = src.index ? start->ikey : start->key;
    if (k.pk != pk) fail_validation(std::string(msg::kStartKeyOutside));
    if (!within(bounds, k.sk)) fail_validation(std::string(msg::kStartKeyNotInRange));
  }
  Capacity cap(name);
  std::vector<Row> rows;
  ReadTxn read(ctx.store, /*snapshot=*/src.fetch_from_table);
  const bool stopped = read_partition(read.conn(), src, pk, bounds, forward,
                                      start ? &*start : nullptr, page.limit, rows);
  Body out = render_page(src, page, read.conn(), rows, stopped, cap);
  const CapacityMode mode = capacity_mode(request);
  if (mode != CapacityMode::kNone) out.set("ConsumedCapacity", capacity_json(cap, mode));
  return out;
}

Body scan(Context& ctx, const json& request) {
  check_read_members(request, true);
  const std::optional<int64_t> segment = get_int(request, "Segment");
  const std::optional<int64_t> total = get_int(request, "TotalSegments");
  if (segment && !total) fail_validation(std::string(msg::kSegmentWithoutTotal));
  if (total && !segment) fail_validation(std::string(msg::kTotalWithoutSegment));
  if (segment && *segment >= *total)
    fail_validation(fmt::format(msg::kSegmentTooLarge, *segment, *total));
  check_no_mixing(request, {"AttributesToGet", "ScanFilter", "ConditionalOperator"},
                  {"ProjectionExpression", "FilterExpression"});
  check_placeholders_used(request, {"ProjectionExpression", "FilterExpression"},
                          {"FilterExpression"}, "FilterExpression is null");
  const expr::Placeholders placeholders = parse_placeholders(request);
  const std::string& name = *get_string(request, "TableName");
  const auto table = ctx.require_table(name, msg::kResourceNotFound);
  PageRequest page;
  expr::Usage usage;
  page.projection = read_projection(request, placeholders, usage);
  page.select =
      parse_select(request, page.projection.has_value(), get_member(request, "IndexName"));
  const ReadSource src = read_source(*table, request, page.select);
  page.filter = read_filter(request, "ScanFilter", placeholders, usage);
  expr::check_unused(placeholders, usage);
  page.limit = get_int(request, "Limit");
  page.consistent = get_bool(request, "ConsistentRead", false);

  const int64_t lo = segment ? segment_start(*segment, *total) : INT64_MIN;
  const bool bounded_above = segment && *segment + 1 < *total;
  const int64_t hi = bounded_above ? segment_start(*segment + 1, *total) : INT64_MAX;
  const std::optional<StartKey> start = parse_start_key(request, src, true);
  if (start && segment) {
    const int64_t h = src.index ? start->ikey.hash : start->key.hash;
    if (h < lo || (bounded_above && h >= hi))
      fail_validation(fmt::format(msg::kStartKeyWrongSegment, *total, *segment));
  }
  Capacity cap(name);
  std::vector<Row> rows;
  ReadTxn read(ctx.store, /*snapshot=*/src.fetch_from_table);
  const bool stopped = read_hash_range(read.conn(), src, lo,
                                       bounded_above ? std::optional<int64_t>(hi) : std::nullopt,
                                       start ? &*start : nullptr, page.limit, rows);
  Body out = render_page(src, page, read.conn(), rows, stopped, cap);
  const CapacityMode mode = capacity_mode(request);
  if (mode != CapacityMode::kNone) out.set("ConsumedCapacity", capacity_json(cap, mode));
  return out;
}

}  // namespace sls::table::engine
