// E3697: a function's environment variables, as Lambda measures them, fit in 4 KB
// (spec/limits.md §1 "Env var total size").
#include "validate/rules/limit_util.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{
    "E3697", Severity::kError, "Lambda environment variables fit in 4 KB",
    "Lambda measures the variables (Globals merged) as the compact JSON object "
    "{\"K1\":\"V1\",\"K2\":\"V2\"} in UTF-8 bytes and rejects more than 4096. Variables whose "
    "value is unknown until deploy are not measured.",
    "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html"};

// JSON string escaping as Lambda's measurement sees it: quotes, backslashes and control
// characters escaped; other characters stay raw UTF-8 (spec/limits.md: non-ASCII counts as
// its UTF-8 bytes).
void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (u < 0x20) {
      out += "\\u00";
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
    } else {
      out += c;
    }
  }
  out += '"';
}

// The text Lambda measures, or nullopt when a value is unknown.
std::optional<std::string> measured(const Context& ctx, const tmpl::Node& vars) {
  std::string out = "{";
  for (const tmpl::MapEntry& e : vars.entries) {
    std::optional<std::string> v = known_string(ctx, e.value);
    if (!v) return std::nullopt;
    // CloudFormation turns YAML booleans into "true"/"false" strings.
    if (e.value.plain_is_bool()) v = *e.value.as_bool() ? "true" : "false";
    if (out.size() > 1) out += ',';
    append_json_string(out, e.key);
    out += ':';
    append_json_string(out, *v);
  }
  out += '}';
  return out;
}

void check(const Context& ctx) {
  for_each_of(ctx, kFunctionTypes, [&](const tmpl::Resource& r) {
    const tmpl::Node* env = r.properties.get("Environment");
    const tmpl::Node* vars = env ? env->get("Variables") : nullptr;
    if (!vars || !vars->is_map() || tmpl::is_intrinsic(*vars)) return;
    const std::optional<std::string> text = measured(ctx, *vars);
    if (!text || static_cast<int64_t>(text->size()) <= limits::kLambdaEnvBytes.value) return;
    report_at(ctx, kInfo, r, "Environment/Variables", *vars,
              "Lambda was unable to configure your environment variables because the "
              "environment variables you have provided exceeded the 4KB limit. String "
              "measured: " +
                  *text);
  });
}

}  // namespace

extern const Rule kE3697{kInfo, check};

}  // namespace sls::validate::defs
