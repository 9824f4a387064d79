// AWS::Serverless::Connector and the Connectors attribute of other resources, as the SAM
// translator checks them (model/sam_resources.py SamConnector, model/connector/connector.py,
// translator.py _get_embedded_connectors). The checks that depend on the connector profiles
// (which source/destination pairs and permissions exist) are not made.
#include <algorithm>
#include <set>

#include "validate/rules/sam_checks.h"
#include "validate/rules/sam_connector_profiles.h"

namespace sls::validate::sam {

namespace {

constexpr std::string_view kType = "AWS::Serverless::Connector";

constexpr PropSpec kProps[] = {
    {"Source", true, Check::kDictOfAny},
    {"Destination", true, Check::kDictOrListOfDict},
    {"Permissions", true, Check::kListOfStr},
};

bool nonblank_str(const tmpl::Node* n) { return n && is_str(*n) && !n->scalar.empty(); }

// get_resource_reference: "" when the reference is usable.
std::string reference_error(const Context& ctx, const tmpl::Node& ref) {
  if (!ref.is_map()) return "";
  const bool id_given = ref.get("Id") != nullptr;
  bool others = false;
  for (const tmpl::MapEntry& e : ref.entries)
    others = others || (e.key != "Id" && e.key != "Qualifier");
  if (id_given == others) {
    return "Must provide 'Id' (with optional 'Qualifier') or a supported combination of other "
           "properties.";
  }
  const tmpl::Node* id = ref.get("Id");
  if (!truthy(id)) {
    if (!nonblank_str(ref.get("Type"))) return "'Type' is missing or not a string.";
    return "";
  }
  if (!nonblank_str(id)) return "'Id' is missing or not a string.";
  const tmpl::Resource* r = ctx.app.resource(id->scalar);
  if (!r) return "Unable to find resource with logical ID '" + id->scalar + "'.";
  if (r->type.empty()) return "'Type' is missing or not a string.";
  return "";
}

// The CloudFormation type a reference names, as the connector profiles key it: the transformed
// type of a template resource, or the Type given.
std::string reference_type(const Context& ctx, const tmpl::Node& ref) {
  constexpr std::pair<std::string_view, std::string_view> kSamToCfn[] = {
      {"AWS::Serverless::Function", "AWS::Lambda::Function"},
      {"AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine"},
      {"AWS::Serverless::Api", "AWS::ApiGateway::RestApi"},
      {"AWS::Serverless::HttpApi", "AWS::ApiGatewayV2::Api"},
      {"AWS::Serverless::SimpleTable", "AWS::DynamoDB::Table"},
      {"AWS::Serverless::WebSocketApi", "AWS::ApiGatewayV2::Api"},
      {"AWS::Serverless::LayerVersion", "AWS::Lambda::LayerVersion"},
      {"AWS::Serverless::Application", "AWS::CloudFormation::Stack"},
  };
  const tmpl::Node* id = ref.get("Id");
  std::string type = truthy(id) ? ctx.app.resource(id->scalar)->type : ref.get("Type")->scalar;
  for (const auto& [sam, cfn] : kSamToCfn) {
    if (type == sam) return std::string(cfn);
  }
  return type;
}

// generate_resources: a supported connection, with permissions its profile allows.
std::string permissions_error(const std::string& from, const std::string& to,
                              const tmpl::Node& permissions) {
  const ConnectorProfile* profile = find_connector_profile(from, to);
  if (!profile) {
    return "Unable to create connector from " + from + " to " + to +
           "; it's not supported or the template is invalid.";
  }
  std::string valid;
  for (std::string_view c : profile->categories) {
    if (!c.empty()) valid += (valid.empty() ? "" : ", ") + std::string(c);
  }
  std::set<std::string> given;
  for (const tmpl::Node& p : permissions.items) given.insert(p.scalar);
  if (given.empty()) return "'Permissions' cannot be empty; valid values are: " + valid + ".";
  for (const std::string& p : given) {
    if (std::find(profile->categories.begin(), profile->categories.end(), p) !=
        profile->categories.end()) {
      continue;
    }
    return "Unsupported 'Permissions' provided for connector from " + from + " to " + to +
           "; valid values are: " + valid + ".";
  }
  if (profile->combos[0][0].empty()) return "";
  std::string combos;
  bool allowed = false;
  for (const auto& combo : profile->combos) {
    std::vector<std::string> sorted;
    for (std::string_view c : combo) {
      if (!c.empty()) sorted.emplace_back(c);
    }
    if (sorted.empty()) continue;
    std::sort(sorted.begin(), sorted.end());
    allowed = allowed || std::set<std::string>(sorted.begin(), sorted.end()) == given;
    std::string text;
    for (const std::string& c : sorted) text += (text.empty() ? "" : " + ") + c;
    combos += (combos.empty() ? "" : ", ") + text;
  }
  if (allowed) return "";
  return "Unsupported 'Permissions' provided for connector from " + from + " to " + to +
         "; valid combinations are: " + combos + ".";
}

// SamConnector's table and to_cloudformation, for a connector whose id is `logical_id`.
void check_connector_properties(const Reporter& rep, const std::string& logical_id,
                                const tmpl::Node& props, tmpl::Pos at) {
  if (!check_property_table(rep, logical_id, props, kType, kProps, at)) return;
  const tmpl::Node* source = props.get("Source");
  const tmpl::Node* dest = props.get("Destination");
  std::vector<const tmpl::Node*> dests;
  if (dest->is_seq()) {
    for (const tmpl::Node& d : dest->items) dests.push_back(&d);
  } else {
    dests.push_back(dest);
  }
  for (const tmpl::Node* d : dests) {
    std::string e = reference_error(rep.ctx(), *d);
    if (e.empty()) e = reference_error(rep.ctx(), *source);
    if (e.empty() && d->is_map() && source->is_map()) {
      e = permissions_error(reference_type(rep.ctx(), *source), reference_type(rep.ctx(), *d),
                            *props.get("Permissions"));
    }
    if (e.empty()) continue;
    rep.generated_error(logical_id, rep.at(d), e);
    return;
  }
  if (dests.empty())
    rep.generated_error(logical_id, rep.at(dest), "'Destination' is an empty list");
}

// One entry of a resource's Connectors attribute.
void check_embedded(const Reporter& rep, const tmpl::MapEntry& c) {
  const std::string& source = rep.resource().id;
  const std::string full_id = source + c.key;
  if (!c.value.is_map()) {
    rep.generated_error(full_id, rep.at(&c.value), source + "." + full_id + " should be a map.");
    return;
  }
  const tmpl::Node* props = c.value.get("Properties");
  if (!props || !props->is_map()) {
    rep.resource_error(rep.at(props ? props : &c.value),
                       "Attribute 'Connectors." + c.key + ".Properties' should be a map.");
    return;
  }
  tmpl::Node generated = *props;
  tmpl::Node source_ref = tmpl::Node::make_map(c.key_pos);
  source_ref.set("Id", tmpl::Node::make_scalar(source, c.key_pos));
  if (const tmpl::Node* ref = props->get("SourceReference")) {
    if (!ref->is_map()) {
      rep.resource_error(rep.at(ref), "Property 'Connectors." + c.key +
                                          ".Properties.SourceReference' should be a map.");
      return;
    }
    if (ref->get("Id")) {
      rep.generated_error(c.key, rep.at(ref), "'Id' shouldn't be defined in 'SourceReference'.");
      return;
    }
    for (const tmpl::MapEntry& e : ref->entries) source_ref.set(e.key, e.value);
    generated.erase("SourceReference");
  }
  generated.set("Source", source_ref);
  if (rep.ctx().app.resource(full_id)) {
    rep.raw(c.key_pos, "Transforming resource with id [" + source +
                           "] attempts to create a new resource with id [" + full_id +
                           "] and type \"" + std::string(kType) +
                           "\". A resource with that id already exists within this template. "
                           "Please use a different id for that resource.");
    return;
  }
  check_connector_properties(rep, full_id, generated, c.key_pos);
}

}  // namespace

void check_connector(const Reporter& rep) {
  check_connector_properties(rep, rep.resource().id, rep.props(), rep.resource().pos);
}

void check_embedded_connectors(const Context& ctx, TransformState& state) {
  for (const tmpl::Resource& r : ctx.app.resources()) {
    const tmpl::MapEntry* connectors = r.raw ? r.raw->entry("Connectors") : nullptr;
    if (!connectors) continue;
    const Reporter rep(ctx, r, r.properties, state);
    if (!connectors->value.is_map()) {
      rep.resource_error(pos_or(&connectors->value, connectors->key_pos),
                         "Attribute '" + r.id + ".Connectors' should be a map.");
      continue;
    }
    for (const tmpl::MapEntry& c : connectors->value.entries) check_embedded(rep, c);
  }
}

}  // namespace sls::validate::sam
