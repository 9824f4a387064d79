// API Gateway list sizes (spec/limits.md §6), the API part of the generic E3032: at most 100
// stage variables per stage.
#include "validate/rules/limit_util.h"

namespace sls::validate::defs {

namespace {

struct VariablesProperty {
  std::string_view type;
  std::string_view property;
  std::string_view field;  // AWS's member name
};

constexpr VariablesProperty kVariables[] = {
    {"AWS::Serverless::Api", "Variables", "variables"},
    {"AWS::ApiGateway::Stage", "Variables", "variables"},
    {"AWS::Serverless::HttpApi", "StageVariables", "stageVariables"},
    {"AWS::ApiGatewayV2::Stage", "StageVariables", "stageVariables"},
};

}  // namespace

void apigw_counts(const Context& ctx, const RuleInfo& info) {
  const auto max = static_cast<size_t>(limits::kApiStageVariablesMax.value);
  for (const VariablesProperty& v : kVariables) {
    const std::string_view types[] = {v.type};
    for_each_of(ctx, types, [&](const tmpl::Resource& r) {
      const tmpl::Node* vars = r.properties.get(v.property);
      if (!vars || !vars->is_map() || tmpl::is_intrinsic(*vars) || vars->entries.size() <= max) {
        return;
      }
      const tmpl::MapEntry& extra = vars->entries[max];
      report_at(ctx, info, r, std::string(v.property) + "/" + extra.key,
                tmpl::Node::make_scalar(extra.key, extra.key_pos),
                aws_constraint("{" + std::to_string(vars->entries.size()) + " variables}", v.field,
                               max_length_rule(limits::kApiStageVariablesMax.value)));
    });
  }
}

}  // namespace sls::validate::defs
