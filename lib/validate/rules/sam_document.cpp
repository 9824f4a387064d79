// What the SAM translator rejects before it transforms any resource: the Resources section's
// shape (parser.py), Condition attributes and Properties maps (sdk/resource.py), and the
// Globals section (plugins/globals/globals.py). Each of these stops the whole transform.
#include <array>

#include "validate/rules/sam_checks.h"

namespace sls::validate::sam {

namespace {

constexpr std::array<std::string_view, 9> kSamTypes{"AWS::Serverless::Api",
                                                    "AWS::Serverless::Function",
                                                    "AWS::Serverless::SimpleTable",
                                                    "AWS::Serverless::Application",
                                                    "AWS::Serverless::LayerVersion",
                                                    "AWS::Serverless::HttpApi",
                                                    "AWS::Serverless::WebSocketApi",
                                                    "AWS::Serverless::StateMachine",
                                                    "AWS::Serverless::CapacityProvider"};

bool is_sam_type(const tmpl::Node& type) {
  if (!is_str(type)) return false;
  for (std::string_view t : kSamTypes) {
    if (type.scalar == t) return true;
  }
  return false;
}

// parser.py validate_datatypes: a non-empty Resources map of maps.
bool check_resources_section(const Context& ctx) {
  const tmpl::MapEntry* res = ctx.tpl.root.entry("Resources");
  if (!res || !res->value.is_map() || res->value.entries.empty()) {
    report_document(ctx, res ? res->key_pos : ctx.tpl.root.pos,
                    "Structure of the SAM template is invalid. 'Resources' section is required");
    return false;
  }
  const bool extensions = has_language_extensions(ctx.tpl);
  for (const tmpl::MapEntry& e : res->value.entries) {
    if (e.value.is_map()) continue;
    // AWS::LanguageExtensions expands Fn::ForEach loops before the SAM transform runs.
    if (extensions && e.key.starts_with("Fn::ForEach::")) continue;
    report_document(ctx, e.key_pos,
                    "Structure of the SAM template is invalid. All 'Resources' must be Objects. "
                    "If you're using YAML, this may be an indentation issue.");
    return false;
  }
  return true;
}

// sdk/resource.py valid() and parser.py: a Condition attribute is a string; a SAM resource's
// Properties, when present, a map.
bool check_resource_attributes(const Context& ctx) {
  for (const tmpl::MapEntry& e : ctx.tpl.section("Resources")->entries) {
    const tmpl::MapEntry* cond = e.value.entry("Condition");
    if (cond && truthy(&cond->value) && !is_str(cond->value)) {
      report_document(ctx, pos_or(&cond->value, cond->key_pos),
                      "Structure of the SAM template is invalid. Every Condition member must be "
                      "a string.");
      return false;
    }
    const tmpl::Node* type = e.value.get("Type");
    if (!type || !is_sam_type(*type)) continue;
    const tmpl::MapEntry* props = e.value.entry("Properties");
    if (props && !props->value.is_map()) {
      report_document(
          ctx, pos_or(&props->value, props->key_pos),
          "Resource with id [" + e.key + "] is invalid. Attribute 'Properties' should be a map.");
      return false;
    }
  }
  return true;
}

}  // namespace

bool check_parser(const Context& ctx) {
  return check_resources_section(ctx) && check_resource_attributes(ctx);
}

// globals.py: the Globals section and IgnoreGlobals are checked (with the translator's words)
// where the model merges them, lib/template/globals.cpp; the App reports them as E0001 and the
// transform stops there, so the SAM checks stop too.
bool check_globals(const Context& ctx) {
  for (const tmpl::Diagnostic& d : ctx.app.diagnostics()) {
    if (d.id == "E0001") return false;
  }
  return true;
}

}  // namespace sls::validate::sam
