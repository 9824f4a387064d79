// Fuzzes the expression parser and evaluator: the first byte picks the expression parameter,
// the rest is its text. Any input must parse and evaluate or fail with sls::Error, never crash.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "table/table.h"

namespace {

using sls::table::expr::ExpressionKind;

// AWS caps an expression at 4 KB; longer inputs only slow the search down.
constexpr size_t kMaxExpressionBytes = 4096;

const sls::table::expr::Placeholders& placeholders() {
  static const sls::table::expr::Placeholders p = [] {
    sls::table::expr::Placeholders out;
    out.names = sls::table::parse_expression_names(
        nlohmann::json::parse(R"({"#a":"a","#b":"b","#n":"name","#d":"a.b","#k":"pk","#r":"sk"})"));
    out.values = sls::table::parse_expression_values(nlohmann::json::parse(
        R"({":s":{"S":"ab"},":n":{"N":"-1.5"},":big":{"N":"9e125"},":b":{"B":"AQI="},)"
        R"(":l":{"L":[{"S":"x"},{"N":"1"}]},":m":{"M":{"c":{"S":"y"}}},":ss":{"SS":["a","b"]},)"
        R"(":ns":{"NS":["1","2"]},":bs":{"BS":["AQ=="]},":t":{"S":"SS"},":null":{"NULL":true},)"
        R"(":bool":{"BOOL":false},":e":{"L":[]}})"));
    return out;
  }();
  return p;
}

const sls::table::Item& item() {
  static const sls::table::Item i = sls::table::parse_item(nlohmann::json::parse(
      R"({"pk":{"S":"k"},"sk":{"N":"3"},"a":{"M":{"b":{"L":[{"N":"1"},{"M":{"c":{"S":"z"}}}]}}},)"
      R"("s":{"S":"abc"},"n":{"N":"10"},"l":{"L":[{"S":"x"},{"S":"y"},{"S":"z"}]},)"
      R"("ss":{"SS":["a","c"]},"ns":{"NS":["2","3"]},"bs":{"BS":["AQ=="]},"z":{"NULL":true}})"));
  return i;
}

void run(ExpressionKind kind, std::string_view text) {
  namespace expr = sls::table::expr;
  expr::Usage usage;
  switch (kind) {
    case ExpressionKind::kCondition:
    case ExpressionKind::kFilter:
      (void)expr::evaluate(expr::parse_condition(text, kind, placeholders(), usage), item());
      break;
    case ExpressionKind::kKeyCondition: {
      const expr::KeySchema schema{.hash_name = "pk",
                                   .hash_type = sls::table::ValueType::kS,
                                   .range_name = "sk",
                                   .range_type = sls::table::ValueType::kN};
      (void)expr::to_key_condition(expr::parse_condition(text, kind, placeholders(), usage),
                                   schema);
      break;
    }
    case ExpressionKind::kProjection:
      (void)sls::table::render_item(
          expr::project(item(), expr::parse_projection(text, placeholders(), usage)));
      break;
    case ExpressionKind::kUpdate: {
      const expr::Update u = expr::parse_update(text, placeholders(), usage);
      (void)sls::table::render_item(expr::apply_update(u, item()));
      break;
    }
  }
  expr::check_unused(placeholders(), usage);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > kMaxExpressionBytes + 1) return 0;
  constexpr int kKinds = 5;
  const auto kind = static_cast<ExpressionKind>(data[0] % kKinds);
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    run(kind, text);
  } catch (const sls::Error&) {
    // Expected for most inputs: a ValidationException with AWS's message, never a crash.
  }
  return 0;
}
