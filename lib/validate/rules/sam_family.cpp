// The sam rule family: E0001, everything the AWS SAM transform (AWS::Serverless-2016-10-31)
// would reject, worded as the transform words it. The checks live in rules/sam_*.cpp, one
// file per area; this file runs them in the translator's order.
#include "validate/rules/families.h"
#include "validate/rules/sam_api_events.h"
#include "validate/rules/sam_checks.h"

namespace sls::validate::defs {

namespace {

using CheckFn = void (*)(const sam::Reporter&);

struct TypeCheck {
  std::string_view type;
  CheckFn check;
};

// The translator transforms functions and state machines first (their API events change the
// APIs), then APIs, then the rest, connectors last.
constexpr TypeCheck kByType[] = {
    {"AWS::Serverless::Function", sam::check_function},
    {"AWS::Serverless::StateMachine", sam::check_state_machine},
    {"AWS::Serverless::Api", sam::check_api},
    {"AWS::Serverless::HttpApi", sam::check_http_api},
    {"AWS::Serverless::WebSocketApi", sam::check_websocket_api},
    {"AWS::Serverless::SimpleTable", sam::check_simple_table},
    {"AWS::Serverless::Application", sam::check_application},
    {"AWS::Serverless::LayerVersion", sam::check_layer_version},
    {"AWS::Serverless::CapacityProvider", sam::check_capacity_provider},
    {"AWS::Serverless::Connector", sam::check_connector},
};

// The implicit API plugins check every function's and state machine's Api/HttpApi events
// before the Globals plugin runs; any error there ends the transform.
bool check_implicit_apis(const Context& ctx, sam::TransformState& state) {
  bool ok = true;
  for (const tmpl::Resource& r : ctx.app.resources()) {
    if (r.type != "AWS::Serverless::Function" && r.type != "AWS::Serverless::StateMachine") {
      continue;
    }
    if (!r.properties.is_map()) continue;
    ok = sam::check_implicit_api_events(sam::Reporter(ctx, r, r.properties, state)) && ok;
  }
  return ok;
}

void check(const Context& ctx) {
  if (!sam::has_sam_transform(ctx.tpl)) return;
  if (!sam::check_parser(ctx)) return;
  sam::TransformState state;
  state.language_extensions = sam::has_language_extensions(ctx.tpl);
  if (!check_implicit_apis(ctx, state)) return;
  if (!sam::check_globals(ctx)) return;
  for (const TypeCheck& tc : kByType) {
    for (const tmpl::Resource& r : ctx.app.resources()) {
      if (r.type != tc.type || !r.properties.is_map()) continue;
      const tmpl::Node props = sam::effective_properties(ctx, r);
      tc.check(sam::Reporter(ctx, r, props, state));
    }
  }
  sam::check_embedded_connectors(ctx, state);
}

}  // namespace

extern const Rule kE0001{sam::kTransformRule, check};

void append_sam_rules(std::vector<const Rule*>& out) { out.push_back(&kE0001); }

}  // namespace sls::validate::defs
