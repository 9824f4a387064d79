// SAM's Globals (samtranslator/plugins/globals/globals.py): which section applies to which
// resource type, which properties each section accepts, how IgnoreGlobals removes them, and how
// values merge (GlobalProperties._do_merge).
#include <algorithm>
#include <array>
#include <unordered_map>

#include "template/internal.h"

namespace sls::tmpl {

namespace {

constexpr std::string_view kServerlessPrefix = "AWS::Serverless::";
// Maps from this size up are merged through a key index (a hostile Globals map may hold
// thousands of keys, merged into every resource).
constexpr size_t kIndexKeysAt = 16;

// Properties SAM accepts per Globals section, in SAM's order (its messages print them so).
constexpr std::array<std::string_view, 39> kFunction = {
    "Handler",
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
    "VersionDeletionPolicy",
};
// DefinitionBody and StageName are left out by SAM on purpose (Swagger merges; implicit APIs).
constexpr std::array<std::string_view, 22> kApi = {
    "Auth",
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
    "EndpointAccessMode",
};
constexpr std::array<std::string_view, 10> kHttpApi = {
    "Auth",          "AccessLogSettings", "StageVariables",
    "Tags",          "CorsConfiguration", "DefaultRouteSettings",
    "Domain",        "RouteSettings",     "FailOnWarnings",
    "PropagateTags",
};
constexpr std::array<std::string_view, 1> kSimpleTable = {"SSESpecification"};
constexpr std::array<std::string_view, 1> kStateMachine = {"PropagateTags"};
constexpr std::array<std::string_view, 1> kLayerVersion = {"PublishLambdaVersion"};
constexpr std::array<std::string_view, 7> kCapacityProvider = {
    "VpcConfig",     "OperatorRole", "Tags",          "InstanceRequirements",
    "ScalingConfig", "KmsKeyArn",    "PropagateTags",
};
constexpr std::array<std::string_view, 13> kWebSocketApi = {
    "AccessLogSettings",
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
    "Tags",
};

struct Section {
  std::string_view name;
  std::span<const std::string_view> properties;
};

// Sorted by name: SAM lists the section names sorted in its message.
constexpr std::array<Section, 8> kSections = {{
    {"Api", kApi},
    {"CapacityProvider", kCapacityProvider},
    {"Function", kFunction},
    {"HttpApi", kHttpApi},
    {"LayerVersion", kLayerVersion},
    {"SimpleTable", kSimpleTable},
    {"StateMachine", kStateMachine},
    {"WebSocketApi", kWebSocketApi},
}};

const Section* find_section(std::string_view name) {
  for (const Section& s : kSections) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

constexpr std::string_view kInvalid = "'Globals' section is invalid. ";

std::string section_names() {
  std::array<std::string_view, kSections.size()> names;
  for (size_t i = 0; i < kSections.size(); ++i) names[i] = kSections[i].name;
  return detail::py_list(names);
}

// Python's truth of an attribute value: None, "", 0, False, [] and {} are false.
bool falsy(const Node& n) {
  switch (n.kind) {
    case Kind::kNull:
      return true;
    case Kind::kScalar:
      return n.scalar.empty() || (n.plain_is_bool() && !*n.as_bool()) ||
             (n.plain_is_number() && n.as_number() == 0.0);
    case Kind::kSequence:
      return n.items.empty();
    case Kind::kMap:
      return n.entries.empty();
  }
  return true;
}

// The properties of one valid section that SAM accepts; each other one is an E0001.
Node supported_part(const MapEntry& section, const Section& spec, std::vector<Diagnostic>& diags) {
  Node kept = Node::make_map(section.value.pos);
  for (const MapEntry& p : section.value.entries) {
    if (std::find(spec.properties.begin(), spec.properties.end(), p.key) != spec.properties.end()) {
      kept.entries.push_back(p);
      continue;
    }
    diags.push_back(Diagnostic{
        "E0001",
        std::string(kInvalid) + "'" + p.key + "' is not a supported property of '" + section.key +
            "'. Must be one of the following values - " + detail::py_list(spec.properties),
        p.key_pos});
  }
  return kept;
}

}  // namespace

std::optional<std::string_view> globals_section_for(std::string_view type) {
  if (!type.starts_with(kServerlessPrefix)) return std::nullopt;
  const Section* s = find_section(type.substr(kServerlessPrefix.size()));
  return s ? std::optional<std::string_view>(s->name) : std::nullopt;
}

std::span<const std::string_view> globals_supported_properties(std::string_view section) {
  const Section* s = find_section(section);
  return s ? s->properties : std::span<const std::string_view>{};
}

Node merge_globals(const Node& globals, const Node& local) {
  if (globals.is_map() && local.is_map() && !is_intrinsic(globals) && !is_intrinsic(local)) {
    Node out = globals;
    // Large maps look keys up by index (keys point into `globals`, which does not move); out's
    // first entries are globals' entries in the same order, and local's new keys go after them.
    std::unordered_map<std::string_view, size_t> index;
    if (globals.entries.size() >= kIndexKeysAt) {
      for (size_t i = 0; i < globals.entries.size(); ++i) index.emplace(globals.entries[i].key, i);
    }
    for (const MapEntry& e : local.entries) {
      size_t at = globals.entries.size();
      if (!index.empty()) {
        if (const auto it = index.find(e.key); it != index.end()) at = it->second;
      } else {
        for (size_t i = 0; i < globals.entries.size(); ++i) {
          if (globals.entries[i].key == e.key) at = i;
        }
      }
      if (at < globals.entries.size()) {
        out.entries[at].value = merge_globals(globals.entries[at].value, e.value);
      } else {
        out.entries.push_back(e);
      }
    }
    out.pos = local.pos;
    return out;
  }
  if (globals.is_seq() && local.is_seq()) {
    Node out = globals;
    out.items.insert(out.items.end(), local.items.begin(), local.items.end());
    out.pos = local.pos;
    return out;
  }
  return local;
}

namespace detail {

std::map<std::string, Node, std::less<>> read_globals(const Template& tpl,
                                                      std::vector<Diagnostic>& diags) {
  std::map<std::string, Node, std::less<>> out;
  const MapEntry* globals = tpl.root.entry("Globals");
  if (!globals) return out;
  if (!globals->value.is_map()) {
    diags.push_back(Diagnostic{"E0001", std::string(kInvalid) + "It must be a non-empty dictionary",
                               globals->key_pos});
    return out;
  }
  for (const MapEntry& section : globals->value.entries) {
    const Section* spec = find_section(section.key);
    if (!spec) {
      diags.push_back(Diagnostic{"E0001",
                                 std::string(kInvalid) + "'" + section.key +
                                     "' is not supported. Must be one of the following values - " +
                                     section_names(),
                                 section.key_pos});
      continue;
    }
    if (!section.value.is_map()) {
      // SAM's message prints "${section}" literally (its format string lacks the f prefix).
      diags.push_back(Diagnostic{"E0001",
                                 std::string(kInvalid) + "Value of ${section} must be a dictionary",
                                 section.key_pos});
      continue;
    }
    out.insert_or_assign(section.key, supported_part(section, *spec, diags));
  }
  return out;
}

Node globals_for_resource(const std::string& id, const Node& resource, const Node& section_globals,
                          std::vector<Diagnostic>& diags) {
  const MapEntry* ig = resource.entry("IgnoreGlobals");
  if (!ig || falsy(ig->value)) return section_globals;
  const std::string invalid = "Resource with id [" + id + "] is invalid. Resource " + id +
                              " has invalid resource attribute 'IgnoreGlobals'";
  if (ig->value.is_scalar() && ig->value.scalar == "*") return Node::make_map(section_globals.pos);
  if (!ig->value.is_seq()) {
    diags.push_back(Diagnostic{"E0001", invalid + ".", ig->key_pos});
    return section_globals;
  }
  Node kept = section_globals;
  for (const Node& item : ig->value.items) {
    if (item.is_scalar() && kept.erase(item.scalar)) continue;
    const std::string name = item.is_scalar() ? detail::py_str(item) : to_json(item);
    diags.push_back(Diagnostic{"E0001", invalid + " on item '" + name + "'.",
                               item.pos.line ? item.pos : ig->key_pos});
  }
  return kept;
}

}  // namespace detail

}  // namespace sls::tmpl
