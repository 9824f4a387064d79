// PutItem, GetItem, UpdateItem and DeleteItem (spec/dynamodb-api.md 3.6-3.10).
#include <fmt/format.h>

#include "table/engine/item_codec.h"
#include "table/engine/item_common.h"
#include "table/engine/item_writes.h"
#include "table/engine/legacy.h"
#include "table/json_text.h"
#include "table/messages.h"

namespace sls::table::engine {
namespace {

using nlohmann::json;

// The members every single-item write shares, in the model's order.
void check_write_members(const json& request, const char* item_member) {
  check_members(request, {{"TableName", Member::kString},
                          {item_member, Member::kItem},
                          {"AttributeUpdates", Member::kMap},
                          {"Expected", Member::kMap},
                          {"ConditionalOperator", Member::kString},
                          {"ReturnValues", Member::kString},
                          {"ReturnConsumedCapacity", Member::kString},
                          {"ReturnItemCollectionMetrics", Member::kString},
                          {"UpdateExpression", Member::kString},
                          {"ConditionExpression", Member::kString},
                          {"ExpressionAttributeNames", Member::kNames},
                          {"ExpressionAttributeValues", Member::kValues},
                          {"ReturnValuesOnConditionCheckFailure", Member::kString}});
}

void write_shape(const json& request, const char* item_member, const char* item_path) {
  ShapeErrors errors;
  errors.table_name(request);
  if (!get_member(request, item_member)) errors.add(nullptr, item_path, msg::kRuleNotNull);
  check_return_values_enums(errors, request);
  errors.throw_if_any();
}

void only_all_old(ReturnValues rv) {
  if (rv != ReturnValues::kNone && rv != ReturnValues::kAllOld)
    fail_validation(std::string(msg::kReturnValuesPutDelete));
}

Body write_reply(const Table& table, const json& request, Capacity& cap,
                 const std::optional<Item>& attributes, const Item* collection_item) {
  Body out = json::object();
  if (attributes && !attributes->empty()) {
    std::string text;
    write_item(text, *attributes);
    out.set_rendered("Attributes", std::move(text));
  }
  const CapacityMode mode = capacity_mode(request);
  if (mode != CapacityMode::kNone) out.set("ConsumedCapacity", capacity_json(cap, mode));
  if (collection_metrics(request) && table.meta.has_lsi() && collection_item)
    out.set("ItemCollectionMetrics", collection_metrics_json(table, *collection_item));
  return out;
}

// The paths an update names, REMOVE included: UPDATED_OLD is the old item and UPDATED_NEW the
// new item projected on them (spec 3.10). Projecting the new item gives AWS's quirks: a SET of
// `a.c[100]` past the end appended the value at a lower index, so `a.c[100]` shows nothing; after
// `REMOVE a.c[1]` the element that shifted into `a.c[1]` shows; a removed attribute shows nothing.
std::vector<expr::Path> updated_paths(const expr::Update& u) {
  std::vector<expr::Path> paths;
  for (const expr::UpdateAction& a : u.actions) paths.push_back(a.path);
  return paths;
}

}  // namespace

Body put_item(Context& ctx, const json& request) {
  check_write_members(request, "Item");
  write_shape(request, "Item", "item");
  Item item = parse_item(request["Item"]);
  const ReturnValues rv = parse_return_values(request);
  only_all_old(rv);
  check_no_mixing(request, {"Expected", "ConditionalOperator"}, {"ConditionExpression"});
  check_placeholders_used(request, {"ConditionExpression"}, {"ConditionExpression"},
                          "ConditionExpression is null");
  const expr::Placeholders placeholders = parse_placeholders(request);
  expr::Usage usage;
  const std::optional<expr::Condition> condition = write_condition(request, placeholders, usage);
  expr::check_unused(placeholders, usage);

  const std::string& name = *get_string(request, "TableName");
  WriteTxn txn(ctx.store);
  const auto table = ctx.require_table(name, msg::kResourceNotFound);
  WriteResult r = put_item_in(ctx, txn, *table, item, condition, old_item_on_failure(request),
                              PutMode::kReplace);
  txn.commit();
  Capacity cap{name};
  cap.table = r.units;
  cap.add_indexes(r.index_units);
  return write_reply(*table, request, cap, rv == ReturnValues::kAllOld ? r.old : std::nullopt,
                     &item);
}

Body delete_item(Context& ctx, const json& request) {
  check_write_members(request, "Key");
  write_shape(request, "Key", "key");
  const ReturnValues rv = parse_return_values(request);
  only_all_old(rv);
  check_no_mixing(request, {"Expected", "ConditionalOperator"}, {"ConditionExpression"});
  check_placeholders_used(request, {"ConditionExpression"}, {"ConditionExpression"},
                          "ConditionExpression is null");
  const expr::Placeholders placeholders = parse_placeholders(request);
  expr::Usage usage;
  const std::optional<expr::Condition> condition = write_condition(request, placeholders, usage);
  expr::check_unused(placeholders, usage);
  const Item key_item = parse_item(request["Key"]);

  const std::string& name = *get_string(request, "TableName");
  WriteTxn txn(ctx.store);
  const auto table = ctx.require_table(name, msg::kResourceNotFound);
  WriteResult r =
      delete_item_in(ctx, txn, *table, key_item, condition, old_item_on_failure(request));
  txn.commit();
  Capacity cap{name};
  cap.table = r.units;
  cap.add_indexes(r.index_units);
  return write_reply(*table, request, cap, rv == ReturnValues::kAllOld ? r.old : std::nullopt,
                     r.old ? &*r.old : &key_item);
}

Body update_item(Context& ctx, const json& request) {
  check_write_members(request, "Key");
  write_shape(request, "Key", "key");
  const ReturnValues rv = parse_return_values(request);
  check_no_mixing(request, {"AttributeUpdates", "Expected", "ConditionalOperator"},
                  {"UpdateExpression", "ConditionExpression"});
  check_placeholders_used(request, {"UpdateExpression", "ConditionExpression"},
                          {"UpdateExpression", "ConditionExpression"},
                          "UpdateExpression and ConditionExpression are null");
  const expr::Placeholders placeholders = parse_placeholders(request);
  expr::Usage usage;
  expr::Update update;
  if (const std::string* text = get_string(request, "UpdateExpression"))
    update = expr::parse_update(*text, placeholders, usage);
  else if (const json* updates = get_member(request, "AttributeUpdates"))
    update = legacy_update(*updates);
  const std::optional<expr::Condition> condition = write_condition(request, placeholders, usage);
  expr::check_unused(placeholders, usage);
  const Item key_item = parse_item(request["Key"]);

  const std::string& name = *get_string(request, "TableName");
  WriteTxn txn(ctx.store);
  const auto table = ctx.require_table(name, msg::kResourceNotFound);
  WriteResult r = update_item_in(ctx, txn, *table, key_item, update, condition,
                                 old_item_on_failure(request), UpdateMode::kUpsert);
  txn.commit();
  Capacity cap{name};
  cap.table = r.units;
  cap.add_indexes(r.index_units);
  std::optional<Item> attributes;
  switch (rv) {
    case ReturnValues::kNone:
      break;
    case ReturnValues::kAllOld:
      attributes = r.old;
      break;
    case ReturnValues::kAllNew:
      attributes = r.next;
      break;
    case ReturnValues::kUpdatedOld:
      if (r.old) attributes = expr::project(*r.old, updated_paths(update));
      break;
    case ReturnValues::kUpdatedNew:
      if (r.next) attributes = expr::project(*r.next, updated_paths(update));
      break;
  }
  return write_reply(*table, request, cap, attributes, r.next ? &*r.next : &key_item);
}

Body get_item(Context& ctx, const json& request) {
  check_members(request, {{"TableName", Member::kString},
                          {"Key", Member::kItem},
                          {"AttributesToGet", Member::kStringList},
                          {"ConsistentRead", Member::kBool},
                          {"ReturnConsumedCapacity", Member::kString},
                          {"ProjectionExpression", Member::kString},
                          {"ExpressionAttributeNames", Member::kNames}});
  ShapeErrors errors;
  errors.table_name(request);
  if (!get_member(request, "Key")) errors.add(nullptr, "key", msg::kRuleNotNull);
  errors.length(request, "AttributesToGet", "attributesToGet", 1, SIZE_MAX);
  check_capacity_enum(errors, request);
  errors.throw_if_any();
  check_no_mixing(request, {"AttributesToGet"}, {"ProjectionExpression"});
  check_placeholders_used(request, {"ProjectionExpression"}, {}, "");
  expr::Placeholders placeholders;
  if (const json* names = get_member(request, "ExpressionAttributeNames"))
    placeholders.names = parse_expression_names(*names);
  expr::Usage usage;
  const auto projection = read_projection(request, placeholders, usage);
  expr::check_unused(placeholders, usage);
  const Item key_item = parse_item(request["Key"]);

  const std::string& name = *get_string(request, "TableName");
  const auto table = ctx.require_table(name, msg::kResourceNotFound);
  check_key(key_item, *table);
  const EncodedKey key = encode_primary_key(key_item, table->meta.hash, table->meta.range);
  const CapacityMode mode = capacity_mode(request);
  std::optional<std::string> row;
  {
    ReadTxn read(ctx.store, /*snapshot=*/false);
    row = get_row(read.conn(), table->sql, key);
  }
  Body out = json::object();
  size_t size = 0;
  if (row) {
    std::string text;
    if (projection || mode != CapacityMode::kNone) {
      const Item item = decode_item(*row);
      size = item_size(item);
      write_item(text, projection ? expr::project(item, *projection) : item);
    } else {
      write_item_json(text, *row);  // the common case: the stored bytes, straight to text
    }
    out.set_rendered("Item", std::move(text));
  }
  if (mode != CapacityMode::kNone) {
    Capacity cap{name};
    cap.table = read_units(size, get_bool(request, "ConsistentRead", false));
    out.set("ConsumedCapacity", capacity_json(cap, mode));
  }
  return out;
}

}  // namespace sls::table::engine
