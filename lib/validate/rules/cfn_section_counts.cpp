// E2010 / E6010 / E7010: at most 200 parameters, outputs and mappings, and 200 attributes per
// mapping (spec/limits.md §7). cfn-lint's ids, CloudFormation's text.
#include "validate/rules/limit_util.h"

namespace sls::validate::defs {

namespace {

constexpr std::string_view kSource =
    "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html";

constexpr RuleInfo kE2010Info{"E2010", Severity::kError, "At most 200 parameters",
                              "A template has at most 200 parameters.", kSource};
constexpr RuleInfo kE6010Info{"E6010", Severity::kError, "At most 200 outputs",
                              "A template has at most 200 outputs.", kSource};
constexpr RuleInfo kE7010Info{"E7010", Severity::kError, "At most 200 mappings of 200 attributes",
                              "A template has at most 200 mappings, each with at most 200 "
                              "attributes (top-level keys).",
                              kSource};

// "Template format error: Number of parameters, 201, is greater than maximum allowed, 200".
std::string too_many(std::string_view what, size_t n, int64_t max) {
  return "Template format error: Number of " + std::string(what) + ", " + std::to_string(n) +
         ", is greater than maximum allowed, " + std::to_string(max);
}

// Reports at the first entry of `map` past `limit`; returns whether it did.
bool check_map(const Context& ctx, const RuleInfo& info, const tmpl::Node* map,
               const limits::Limit& limit, std::string_view what, const std::string& path) {
  const auto max = static_cast<size_t>(limit.value);
  if (!map || !map->is_map() || map->entries.size() <= max) return false;
  const tmpl::MapEntry& extra = map->entries[max];
  ctx.report(info, too_many(what, map->entries.size(), limit.value), extra.key_pos,
             path_join(path, extra.key));
  return true;
}

void check_parameters(const Context& ctx) {
  check_map(ctx, kE2010Info, ctx.tpl.section("Parameters"), limits::kCfnParametersMax, "parameters",
            "Parameters");
}

void check_outputs(const Context& ctx) {
  check_map(ctx, kE6010Info, ctx.tpl.section("Outputs"), limits::kCfnOutputsMax, "outputs",
            "Outputs");
}

void check_mappings(const Context& ctx) {
  const tmpl::Node* mappings = ctx.tpl.section("Mappings");
  check_map(ctx, kE7010Info, mappings, limits::kCfnMappingsMax, "mappings", "Mappings");
  if (!mappings || !mappings->is_map()) return;
  for (const tmpl::MapEntry& m : mappings->entries) {
    check_map(ctx, kE7010Info, &m.value, limits::kCfnMappingAttributesMax,
              "attributes in mapping " + m.key, "Mappings/" + m.key);
  }
}

}  // namespace

extern const Rule kE2010{kE2010Info, check_parameters};
extern const Rule kE6010{kE6010Info, check_outputs};
extern const Rule kE7010{kE7010Info, check_mappings};

}  // namespace sls::validate::defs
