// ExecuteStatement (spec/dynamodb-api.md 3.20): one PartiQL statement. A SELECT answers a page
// of Items with a NextToken while more may follow; a write answers an empty Items list, or the
// item its RETURNING clause asks for.
#include "table/engine/partiql.h"

#include <fmt/format.h>

#include "core/limits.h"
#include "table/base64.h"
#include "table/engine/item_common.h"
#include "table/engine/request.h"
#include "table/json_text.h"
#include "table/messages.h"

namespace sls::table::engine {
namespace {

using nlohmann::json;

const size_t kStatementMax = static_cast<size_t>(limits::kDynamoStatementMaxChars.value);
// NextToken's length constraint in the service model.
constexpr size_t kNextTokenMax = 32768;

void check_request(const json& request) {
  check_members(request, {{"Statement", Member::kString},
                          {"Parameters", Member::kList},
                          {"ConsistentRead", Member::kBool},
                          {"NextToken", Member::kString},
                          {"ReturnConsumedCapacity", Member::kString},
                          {"Limit", Member::kInteger},
                          {"ReturnValuesOnConditionCheckFailure", Member::kString}});
  if (const json* p = get_member(request, "Parameters"))
    for (const json& v : *p) check_member(v, Member::kValue);
  ShapeErrors errors;
  errors.required(request, "Statement", "statement");
  errors.length(request, "Statement", "statement", 1, kStatementMax);
  errors.length(request, "Parameters", "parameters", 1, SIZE_MAX);
  errors.length(request, "NextToken", "nextToken", 1, kNextTokenMax);
  errors.range(request, "Limit", "limit", 1, INT64_MAX);
  check_capacity_enum(errors, request);
  errors.enumeration(request, "ReturnValuesOnConditionCheckFailure",
                     "returnValuesOnConditionCheckFailure", {"ALL_OLD", "NONE"});
  errors.throw_if_any();
}

// FNV-1a over the statement and its parameters: a NextToken continues only the read it came
// from.
std::string fingerprint(const json& request) {
  uint64_t h = 14695981039346656037ULL;
  const auto mix = [&h](std::string_view bytes) {
    for (const char c : bytes) {
      h ^= static_cast<unsigned char>(c);
      h *= 1099511628211ULL;
    }
    h ^= 0xff;  // a separator no UTF-8 text holds
    h *= 1099511628211ULL;
  };
  mix(*get_string(request, "Statement"));
  const json* params = get_member(request, "Parameters");
  mix(params ? params->dump() : "");
  return fmt::format("{:016x}", h);
}

std::string encode_next_token(const json& request, const Item& last_key) {
  const json token = {{"f", fingerprint(request)}, {"k", render_item(last_key)}};
  return base64_encode(token.dump());
}

// The key a NextToken resumes after (spec: "Invalid NextToken" for a token that cannot be
// read, "NextToken does not match request" for one of another statement).
Item decode_next_token(const json& request, const std::string& token) {
  std::string text;
  char bad = 0;
  if (base64_decode(token, text, bad) != Base64Error::kOk)
    fail_validation(std::string(msg::kPartiqlInvalidNextToken));
  const json j = parse_json(text);
  const bool shaped = j.is_object() && j.contains("f") && j["f"].is_string() && j.contains("k") &&
                      j["k"].is_object();
  if (!shaped) fail_validation(std::string(msg::kPartiqlInvalidNextToken));
  if (j["f"].get<std::string>() != fingerprint(request))
    fail_validation(std::string(msg::kPartiqlNextTokenMismatch));
  try {
    return parse_item(j["k"]);
  } catch (const Error&) {
    fail_validation(std::string(msg::kPartiqlInvalidNextToken));
  }
}

json items_json(const std::vector<Item>& items) {
  json out = json::array();
  for (const Item& item : items) out.push_back(render_item(item));
  return out;
}

}  // namespace

std::vector<AttributeValue> parse_parameters(const json& entry) {
  std::vector<AttributeValue> out;
  if (const json* p = get_member(entry, "Parameters"))
    for (const json& v : *p) out.push_back(parse_value(v));
  return out;
}

json execute_statement(Context& ctx, const json& request) {
  check_request(request);
  const std::vector<AttributeValue> parameters = parse_parameters(request);
  const partiql::Statement st = partiql::parse(*get_string(request, "Statement"), parameters);
  const std::string* token = get_string(request, "NextToken");
  json out = json::object();
  Capacity capacity;
  if (st.kind == partiql::StatementKind::kSelect) {
    SelectOptions options;
    options.consistent = get_bool(request, "ConsistentRead", false);
    options.limit = get_int(request, "Limit");
    if (token) options.start = decode_next_token(request, *token);
    SelectPage page = run_select(ctx, st, options);
    out["Items"] = items_json(page.items);
    if (page.last_key) out["NextToken"] = encode_next_token(request, *page.last_key);
    capacity = std::move(page.capacity);
  } else {
    if (token) fail_validation(std::string(msg::kPartiqlNextTokenNotSelect));
    WriteOutcome w = run_write(ctx, st, old_item_on_failure(request));
    std::vector<Item> items;
    if (w.returned && !w.returned->empty()) items.push_back(std::move(*w.returned));
    out["Items"] = items_json(items);
    capacity = std::move(w.capacity);
  }
  const CapacityMode mode = capacity_mode(request);
  if (mode != CapacityMode::kNone) out["ConsumedCapacity"] = capacity_json(capacity, mode);
  return out;
}

}  // namespace sls::table::engine
