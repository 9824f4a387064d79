// Fuzzes the PartiQL parser and binder (table/partiql): the input is a statement's text, bound
// with a fixed set of parameters of every type; a bound statement's WHERE clause is evaluated
// and its update applied to a sample item. Any input must parse or fail with sls::Error, never
// crash or hang (the parser caps nesting; the statement is at most 8 KB, as DynamoDB's is).
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "table/partiql/partiql.h"
#include "table/table.h"

namespace {

constexpr size_t kMaxStatementBytes = 8192;

// The parameters a statement's `?` bind to, in order; a statement with another number of `?`
// is refused, which the fuzzer learns quickly.
const std::vector<sls::table::AttributeValue>& parameters(size_t count) {
  static const std::vector<sls::table::AttributeValue> all = [] {
    std::vector<sls::table::AttributeValue> out;
    for (const nlohmann::json& v : nlohmann::json::parse(
             R"([{"S":"a"},{"N":"-1.5"},{"SS":["x","y"]},{"L":[{"S":"x"},{"N":"1"}]},)"
             R"({"M":{"c":{"BOOL":true}}},{"B":"AQI="},{"NULL":true},{"NS":["1","2"]}])"))
      out.push_back(sls::table::parse_value(v));
    return out;
  }();
  static std::vector<sls::table::AttributeValue> some;
  some.assign(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(count % (all.size() + 1)));
  return some;
}

const sls::table::Item& item() {
  static const sls::table::Item i = sls::table::parse_item(nlohmann::json::parse(
      R"({"pk":{"S":"a"},"sk":{"N":"3"},"a":{"M":{"b":{"L":[{"N":"1"},{"M":{"c":{"S":"z"}}}]}}},)"
      R"("s":{"S":"abc"},"n":{"N":"10"},"l":{"L":[{"S":"x"},{"S":"y"}]},"ss":{"SS":["a","c"]}})"));
  return i;
}

void run(std::string_view text, size_t count) {
  namespace expr = sls::table::expr;
  const sls::table::partiql::Statement st = sls::table::partiql::parse(text, parameters(count));
  if (st.where) (void)expr::evaluate(*st.where, item());
  if (!st.update.actions.empty())
    (void)sls::table::render_item(expr::apply_update(st.update, item()));
  (void)sls::table::render_item(st.item);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > kMaxStatementBytes + 1) return 0;
  // The first byte picks how many parameters are supplied; the rest is the statement.
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    run(text, data[0]);
  } catch (const sls::Error&) {
    // Expected for most inputs: a ValidationException with DynamoDB's message, never a crash.
  }
  return 0;
}
