// DynamoDB name bounds (spec/limits.md §5) as rows for the generic rules: table and index
// names 3-255 characters of [a-zA-Z0-9_.-], key and TTL attribute names at most 255 bytes.
// Applies to AWS::DynamoDB::Table and AWS::Serverless::SimpleTable.
#include <algorithm>
#include <array>
#include <cctype>

#include "validate/rules/limit_util.h"

namespace sls::validate::defs {

namespace {

constexpr std::string_view kTableTypes[] = {"AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable"};
constexpr std::string_view kCfnTable[] = {"AWS::DynamoDB::Table"};
constexpr std::string_view kSimpleTable[] = {"AWS::Serverless::SimpleTable"};

constexpr std::string_view kNamePattern = "[a-zA-Z0-9_.-]+";

bool table_name(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
  });
}

constexpr ValueRule name_row(std::span<const std::string_view> types, std::string_view path,
                             Bound bound, const limits::Limit* limit, std::string_view field) {
  return ValueRule{.types = types, .path = path, .bound = bound, .limit = limit, .field = field};
}

constexpr ValueRule pattern_row(std::span<const std::string_view> types, std::string_view path,
                                std::string_view field) {
  return ValueRule{.types = types,
                   .path = path,
                   .bound = Bound::kPattern,
                   .field = field,
                   .matches = table_name,
                   .pattern = kNamePattern};
}

constexpr std::array kRows{
    name_row(kTableTypes, "TableName", Bound::kMinLength, &limits::kDynamoTableNameMinChars,
             "tableName"),
    name_row(kTableTypes, "TableName", Bound::kMaxLength, &limits::kDynamoTableNameMaxChars,
             "tableName"),
    pattern_row(kTableTypes, "TableName", "tableName"),
    name_row(kCfnTable, "GlobalSecondaryIndexes/*/IndexName", Bound::kMinLength,
             &limits::kDynamoTableNameMinChars, "indexName"),
    name_row(kCfnTable, "GlobalSecondaryIndexes/*/IndexName", Bound::kMaxLength,
             &limits::kDynamoTableNameMaxChars, "indexName"),
    pattern_row(kCfnTable, "GlobalSecondaryIndexes/*/IndexName", "indexName"),
    name_row(kCfnTable, "LocalSecondaryIndexes/*/IndexName", Bound::kMinLength,
             &limits::kDynamoTableNameMinChars, "indexName"),
    name_row(kCfnTable, "LocalSecondaryIndexes/*/IndexName", Bound::kMaxLength,
             &limits::kDynamoTableNameMaxChars, "indexName"),
    pattern_row(kCfnTable, "LocalSecondaryIndexes/*/IndexName", "indexName"),
    name_row(kCfnTable, "AttributeDefinitions/*/AttributeName", Bound::kMaxBytes,
             &limits::kDynamoKeyAttrNameMaxBytes, "attributeName"),
    name_row(kCfnTable, "KeySchema/*/AttributeName", Bound::kMaxBytes,
             &limits::kDynamoKeyAttrNameMaxBytes, "attributeName"),
    name_row(kCfnTable, "GlobalSecondaryIndexes/*/KeySchema/*/AttributeName", Bound::kMaxBytes,
             &limits::kDynamoKeyAttrNameMaxBytes, "attributeName"),
    name_row(kCfnTable, "LocalSecondaryIndexes/*/KeySchema/*/AttributeName", Bound::kMaxBytes,
             &limits::kDynamoKeyAttrNameMaxBytes, "attributeName"),
    name_row(kCfnTable, "LocalSecondaryIndexes/*/Projection/NonKeyAttributes/*", Bound::kMaxBytes,
             &limits::kDynamoKeyAttrNameMaxBytes, "nonKeyAttributes"),
    name_row(kCfnTable, "TimeToLiveSpecification/AttributeName", Bound::kMaxBytes,
             &limits::kDynamoKeyAttrNameMaxBytes, "attributeName"),
    name_row(kSimpleTable, "PrimaryKey/Name", Bound::kMaxBytes, &limits::kDynamoKeyAttrNameMaxBytes,
             "attributeName"),
};

}  // namespace

std::span<const ValueRule> dynamodb_value_rules() { return kRows; }

}  // namespace sls::validate::defs
