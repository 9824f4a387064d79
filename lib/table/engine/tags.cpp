// TagResource, UntagResource and ListTagsOfResource on table ARNs, and the tag checks CreateTable
// shares (spec/dynamodb-api.md 3.18; limits.md "Tags"). Tags live in the table's metadata, so
// they persist with it and disappear with it.
#include "table/engine/tags.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "core/limits.h"
#include "table/engine/context.h"
#include "table/engine/request.h"
#include "table/messages.h"

namespace sls::table::engine {
namespace {

using nlohmann::json;

constexpr size_t kMaxTags = 50;  // per resource (DynamoDB developer guide, "Tagging restrictions")
const size_t kKeyMax = static_cast<size_t>(limits::kTagKeyMaxChars.value);
const size_t kValueMax = static_cast<size_t>(limits::kTagValueMaxChars.value);
constexpr size_t kResourceArnMax = 1283;
constexpr std::string_view kReservedPrefix = "aws:";
constexpr std::string_view kTagPunctuation = "+-=._:/@";

// Characters, not bytes: AWS counts Unicode characters (a UTF-8 continuation byte is not one).
size_t char_count(std::string_view s) {
  return static_cast<size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// Letters, digits, white space and + - = . _ : / @ (non-ASCII letters pass as UTF-8 bytes).
bool allowed_chars(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || std::isalnum(u) || std::isspace(u) ||
           kTagPunctuation.find(c) != std::string_view::npos;
  });
}

void check_key(const std::string& key) {
  const size_t n = char_count(key);
  if (n < 1 || n > kKeyMax || !allowed_chars(key))
    fail_validation(fmt::format(msg::kTagKeyInvalid, key));
  if (key.starts_with(kReservedPrefix)) fail_validation(fmt::format(msg::kTagKeyAwsPrefix, key));
}

void check_tag_members(const json& request) {
  if (const json* tags = get_member(request, "Tags"))
    for (const json& t : *tags) {
      check_structure_member(t);
      check_members(t, {{"Key", Member::kString}, {"Value", Member::kString}});
    }
}

[[noreturn]] void access_denied(const Context& ctx, std::string_view op, std::string_view arn) {
  throw ServiceError(Errc::kValidation, "AccessDeniedException",
                     fmt::format(msg::kAccessDenied, ctx.options.account_id, op, arn));
}

bool valid_table_name(std::string_view name) {
  const auto min = static_cast<size_t>(limits::kDynamoTableNameMinChars.value);
  const auto max = static_cast<size_t>(limits::kDynamoTableNameMaxChars.value);
  return name.size() >= min && name.size() <= max &&
         std::all_of(name.begin(), name.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
         });
}

// The table a ResourceArn names, with AWS's answers for everything else (spec 3.18).
std::shared_ptr<const Table> resource_table(const Context& ctx, const json& request,
                                            std::string_view op) {
  const std::string* arn_ptr = get_string(request, "ResourceArn");
  if (arn_ptr == nullptr) fail_validation(std::string(msg::kArnMissing));
  const std::string& arn = *arn_ptr;
  if (arn.size() > kResourceArnMax) fail_validation(fmt::format(msg::kArnInvalid, arn));
  if (!arn.starts_with("arn:")) fail_validation(fmt::format(msg::kArnNotArn, arn));
  // arn:<partition>:<service>:<region>:<account>:<resource>
  std::vector<std::string_view> parts;
  std::string_view rest = arn;
  for (int i = 0; i < 5; ++i) {
    const size_t colon = rest.find(':');
    if (colon == std::string_view::npos) fail_validation(fmt::format(msg::kArnNotDynamoDb, arn));
    parts.push_back(rest.substr(0, colon));
    rest.remove_prefix(colon + 1);
  }
  if (parts[1] != "aws" || parts[2] != "dynamodb")
    fail_validation(fmt::format(msg::kArnNotDynamoDb, arn));
  if (parts[4] != ctx.options.account_id) access_denied(ctx, op, arn);
  if (parts[3] != ctx.options.region) fail_validation(fmt::format(msg::kArnInvalid, arn));
  if (!rest.starts_with("table/")) fail_validation(fmt::format(msg::kArnNotTable, arn));
  const std::string_view name = rest.substr(std::string_view("table/").size());
  if (name.find('/') != std::string_view::npos)
    fail_validation(fmt::format(msg::kArnNotTable, arn));
  if (!valid_table_name(name)) fail_validation(fmt::format(msg::kArnInvalid, arn));
  std::shared_ptr<const Table> table = ctx.find_table(name);
  if (!table) throw Error(Errc::kNotFound, fmt::format(msg::kResourceArnNotFound, arn));
  return table;
}

void save(Context& ctx, WriteTxn& txn, TableMeta meta) {
  auto table = std::make_shared<const Table>(std::move(meta));
  ctx.store.save_table(txn, table->meta);
  txn.commit();
  ctx.publish(table);
}

void check_resource_members(const json& request, const char* list, Member list_type) {
  check_members(request, {{"ResourceArn", Member::kString}, {list, list_type}});
}

}  // namespace

std::vector<std::pair<std::string, std::string>> parse_tags(const json& tags) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const json& t : tags) {
    const std::string key = t.value("Key", "");
    check_key(key);
    const json* value = get_member(t, "Value");
    if (value == nullptr) fail_validation(fmt::format(msg::kTagValueInvalid, "null"));
    const std::string& v = value->get_ref<const std::string&>();
    if (char_count(v) > kValueMax || !allowed_chars(v))
      fail_validation(fmt::format(msg::kTagValueInvalid, v));
    const bool seen =
        std::any_of(out.begin(), out.end(), [&](const auto& p) { return p.first == key; });
    if (seen) fail_validation(fmt::format(msg::kTagKeyDuplicate, key));
    out.emplace_back(key, v);
  }
  if (out.size() > kMaxTags) fail_validation(std::string(msg::kTooManyTags));
  return out;
}

json tag_resource(Context& ctx, const json& request) {
  check_resource_members(request, "Tags", Member::kList);
  check_tag_members(request);
  if (!get_member(request, "ResourceArn")) fail_validation(std::string(msg::kArnMissing));
  const json* tags = get_member(request, "Tags");
  if (tags == nullptr || tags->empty()) fail_validation(std::string(msg::kNoTags));
  const auto wanted = parse_tags(*tags);
  WriteTxn txn(ctx.store);
  TableMeta m = resource_table(ctx, request, "TagResource")->meta;
  for (const auto& tag : wanted) {  // not a structured binding: clang 14 cannot capture one
    const auto it = std::find_if(m.tags.begin(), m.tags.end(),
                                 [&](const auto& p) { return p.first == tag.first; });
    if (it == m.tags.end()) {
      m.tags.push_back(tag);
    } else {
      it->second = tag.second;
    }
  }
  if (m.tags.size() > kMaxTags) fail_validation(std::string(msg::kTooManyTags));
  save(ctx, txn, std::move(m));
  return nullptr;  // an empty body (spec 1.3)
}

json untag_resource(Context& ctx, const json& request) {
  check_resource_members(request, "TagKeys", Member::kStringList);
  if (!get_member(request, "ResourceArn")) fail_validation(std::string(msg::kArnMissing));
  const json* keys = get_member(request, "TagKeys");
  if (keys == nullptr || keys->empty()) fail_validation(std::string(msg::kNoTagKeys));
  if (keys->size() > kMaxTags) fail_validation(std::string(msg::kTooManyTags));
  for (const json& k : *keys) check_key(k.get<std::string>());
  WriteTxn txn(ctx.store);
  TableMeta m = resource_table(ctx, request, "UntagResource")->meta;
  std::erase_if(m.tags, [&](const auto& p) {
    return std::any_of(keys->begin(), keys->end(), [&](const json& k) { return k == p.first; });
  });
  save(ctx, txn, std::move(m));
  return nullptr;
}

json list_tags_of_resource(Context& ctx, const json& request) {
  check_members(request, {{"ResourceArn", Member::kString}, {"NextToken", Member::kString}});
  const auto table = resource_table(ctx, request, "ListTagsOfResource");
  json tags = json::array();
  for (const auto& [key, value] : table->meta.tags)
    tags.push_back({{"Key", key}, {"Value", value}});
  return {{"Tags", tags}};
}

}  // namespace sls::table::engine
