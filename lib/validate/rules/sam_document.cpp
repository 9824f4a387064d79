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

// The properties each Globals section may hold, in the translator's order (its messages list
// them so).
struct GlobalsSection {
  std::string_view name;
  std::span<const std::string_view> properties;
};

constexpr std::array<std::string_view, 39> kFunctionGlobals{"Handler",
                                                            "Runtime",
                                                            "CodeUri",
                                                            "DeadLetterQueue",
                                                            "Description",
                                                            "MemorySize",
                                                            "Timeout",
                                                            "VpcConfig",
                                                            "Environment",
                                                            "Tags",
                                                            "PropagateTags",
                                                            "Tracing",
                                                            "KmsKeyArn",
                                                            "AutoPublishAlias",
                                                            "AutoPublishAliasAllProperties",
                                                            "Layers",
                                                            "DeploymentPreference",
                                                            "RolePath",
                                                            "PermissionsBoundary",
                                                            "ReservedConcurrentExecutions",
                                                            "ProvisionedConcurrencyConfig",
                                                            "AssumeRolePolicyDocument",
                                                            "EventInvokeConfig",
                                                            "FileSystemConfigs",
                                                            "CodeSigningConfigArn",
                                                            "Architectures",
                                                            "SnapStart",
                                                            "EphemeralStorage",
                                                            "FunctionUrlConfig",
                                                            "RuntimeManagementConfig",
                                                            "LoggingConfig",
                                                            "RecursiveLoop",
                                                            "SourceKMSKeyArn",
                                                            "TenancyConfig",
                                                            "DurableConfig",
                                                            "CapacityProviderConfig",
                                                            "FunctionScalingConfig",
                                                            "PublishToLatestPublished",
                                                            "VersionDeletionPolicy"};
constexpr std::array<std::string_view, 22> kApiGlobals{"Auth",
                                                       "Name",
                                                       "DefinitionUri",
                                                       "CacheClusterEnabled",
                                                       "CacheClusterSize",
                                                       "MergeDefinitions",
                                                       "Variables",
                                                       "EndpointConfiguration",
                                                       "MethodSettings",
                                                       "BinaryMediaTypes",
                                                       "MinimumCompressionSize",
                                                       "Cors",
                                                       "GatewayResponses",
                                                       "AccessLogSetting",
                                                       "CanarySetting",
                                                       "TracingEnabled",
                                                       "OpenApiVersion",
                                                       "Domain",
                                                       "AlwaysDeploy",
                                                       "PropagateTags",
                                                       "SecurityPolicy",
                                                       "EndpointAccessMode"};
constexpr std::array<std::string_view, 10> kHttpApiGlobals{
    "Auth",         "AccessLogSettings", "StageVariables",
    "Tags",         "CorsConfiguration", "DefaultRouteSettings",
    "Domain",       "RouteSettings",     "FailOnWarnings",
    "PropagateTags"};
constexpr std::array<std::string_view, 1> kSimpleTableGlobals{"SSESpecification"};
constexpr std::array<std::string_view, 1> kStateMachineGlobals{"PropagateTags"};
constexpr std::array<std::string_view, 1> kLayerGlobals{"PublishLambdaVersion"};
constexpr std::array<std::string_view, 7> kCapacityProviderGlobals{
    "VpcConfig",     "OperatorRole", "Tags",         "InstanceRequirements",
    "ScalingConfig", "KmsKeyArn",    "PropagateTags"};
constexpr std::array<std::string_view, 13> kWebSocketGlobals{"AccessLogSettings",
                                                             "ApiKeySelectionExpression",
                                                             "DefaultRouteSettings",
                                                             "DisableExecuteApiEndpoint",
                                                             "DisableSchemaValidation",
                                                             "Domain",
                                                             "FailOnWarnings",
                                                             "IpAddressType",
                                                             "PropagateTags",
                                                             "RouteSelectionExpression",
                                                             "RouteSettings",
                                                             "StageVariables",
                                                             "Tags"};

// Sorted by name, as the translator lists the section names.
constexpr std::array<GlobalsSection, 8> kGlobalsSections{{
    {"Api", kApiGlobals},
    {"CapacityProvider", kCapacityProviderGlobals},
    {"Function", kFunctionGlobals},
    {"HttpApi", kHttpApiGlobals},
    {"LayerVersion", kLayerGlobals},
    {"SimpleTable", kSimpleTableGlobals},
    {"StateMachine", kStateMachineGlobals},
    {"WebSocketApi", kWebSocketGlobals},
}};

const GlobalsSection* globals_section(std::string_view name) {
  for (const GlobalsSection& s : kGlobalsSections) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

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

std::string globals_error(std::string_view text) {
  return "'Globals' section is invalid. " + std::string(text);
}

// globals.py _parse: known sections, each a map of the properties Globals may hold.
bool check_globals_section(const Context& ctx) {
  const tmpl::MapEntry* g = ctx.tpl.root.entry("Globals");
  if (!g) return true;
  if (!g->value.is_map()) {
    report_document(ctx, pos_or(&g->value, g->key_pos),
                    globals_error("It must be a non-empty dictionary"));
    return false;
  }
  for (const tmpl::MapEntry& s : g->value.entries) {
    const GlobalsSection* section = globals_section(s.key);
    if (!section) {
      std::array<std::string_view, kGlobalsSections.size()> names{};
      for (size_t i = 0; i < names.size(); ++i) names[i] = kGlobalsSections[i].name;
      report_document(ctx, s.key_pos,
                      globals_error("'" + s.key +
                                    "' is not supported. Must be one of the "
                                    "following values - " +
                                    py_list_repr(names)));
      return false;
    }
    if (!s.value.is_map()) {
      // The translator's text really says "${section}": it is not a formatted string.
      report_document(ctx, pos_or(&s.value, s.key_pos),
                      globals_error("Value of ${section} must be a dictionary"));
      return false;
    }
    for (const tmpl::MapEntry& p : s.value.entries) {
      bool known = false;
      for (std::string_view name : section->properties) known = known || name == p.key;
      if (known) continue;
      report_document(ctx, p.key_pos,
                      globals_error("'" + p.key + "' is not a supported property of '" + s.key +
                                    "'. Must be one of the following values - " +
                                    py_list_repr(section->properties)));
      return false;
    }
  }
  return true;
}

// globals.py get_template_globals: IgnoreGlobals is "*" or a list of properties the resource
// type's Globals section sets. Checked only where such a section exists.
bool check_ignore_globals(const Context& ctx) {
  const tmpl::Node* globals = ctx.tpl.section("Globals");
  for (const tmpl::Resource& r : ctx.app.resources()) {
    const tmpl::MapEntry* ig = r.raw ? r.raw->entry("IgnoreGlobals") : nullptr;
    if (!ig || !truthy(&ig->value)) continue;
    const auto section_name = tmpl::globals_section_for(r.type);
    const tmpl::Node* section = section_name ? get(globals, *section_name) : nullptr;
    if (!section) continue;
    const std::string prefix = "Resource with id [" + r.id + "] is invalid. Resource " + r.id +
                               " has invalid resource attribute 'IgnoreGlobals'";
    if (is_str(ig->value) && ig->value.scalar == "*") continue;
    if (!ig->value.is_seq()) {
      report_document(ctx, pos_or(&ig->value, ig->key_pos), prefix + ".");
      return false;
    }
    for (const tmpl::Node& item : ig->value.items) {
      if (is_str(item) && section->get(item.scalar)) continue;
      report_document(ctx, pos_or(&item, ig->key_pos), prefix + " on item '" + py_str(item) + "'.");
      return false;
    }
  }
  return true;
}

}  // namespace

bool check_parser(const Context& ctx) {
  return check_resources_section(ctx) && check_resource_attributes(ctx);
}

bool check_globals(const Context& ctx) {
  return check_globals_section(ctx) && check_ignore_globals(ctx);
}

}  // namespace sls::validate::sam
