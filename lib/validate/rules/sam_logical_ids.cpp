// Resources the SAM transform generates under ids of its own making (<Function>Role,
// <Function><Event>Permission, ...): a template resource already using such an id is an error
// (translator.py verify_unique_logical_id). Only ids built without hashing are known here.
#include <vector>

#include "validate/rules/sam_checks.h"
#include "validate/rules/sam_event_types.h"

namespace sls::validate::sam {

namespace {

struct Generated {
  std::string id;
  std::string_view type;
};

// Template types a generated type may replace without conflict (the resource being
// transformed itself, or a resource an event edits in place).
bool may_replace(std::string_view generated, std::string_view existing) {
  constexpr std::pair<std::string_view, std::string_view> kAllowed[] = {
      {"AWS::Lambda::Function", "AWS::Serverless::Function"},
      {"AWS::StepFunctions::StateMachine", "AWS::Serverless::StateMachine"},
  };
  for (const auto& [g, e] : kAllowed) {
    if (g == generated && e == existing) return true;
  }
  return false;
}

bool alnum(std::string_view s) {
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  }
  return !s.empty();
}

// The ids an event of `fn` generates (event sources' to_cloudformation).
void event_ids(const std::string& fn, const tmpl::MapEntry& e, std::vector<Generated>& out) {
  const tmpl::Node* type = e.value.get("Type");
  if (!type || !is_str(*type)) return;
  const std::string& t = type->scalar;
  const std::string base = fn + e.key;
  if (t == "Cognito") {
    out.push_back({fn + "CognitoPermission", "AWS::Lambda::Permission"});
    return;
  }
  if (t == "Api" || t == "HttpApi") return;  // permission ids depend on the stage
  if (t == "Schedule" || t == "CloudWatchEvent" || t == "EventBridgeRule") {
    out.push_back({base, "AWS::Events::Rule"});
  } else if (t == "SNS") {
    out.push_back({base, "AWS::SNS::Subscription"});
  } else if (t == "IoTRule") {
    out.push_back({base, "AWS::IoT::TopicRule"});
  } else if (t == "CloudWatchLogs") {
    out.push_back({base, "AWS::Logs::SubscriptionFilter"});
  } else if (function_event_type(t) && function_event_type(t)->kind == EventKind::kPull) {
    out.push_back({base, "AWS::Lambda::EventSourceMapping"});
    return;
  }
  if (t != "ScheduleV2" && function_event_type(t)) {
    out.push_back({base + "Permission", "AWS::Lambda::Permission"});
  }
}

std::vector<Generated> function_ids(const Reporter& rep) {
  std::vector<Generated> out;
  const std::string& fn = rep.resource().id;
  if (!rep.props().get("Role")) out.push_back({fn + "Role", "AWS::IAM::Role"});
  const tmpl::Node* alias = rep.props().get("AutoPublishAlias");
  if (alias && is_str(*alias) && alnum(alias->scalar)) {
    out.push_back({fn + "Alias" + alias->scalar, "AWS::Lambda::Alias"});
  }
  if (truthy(rep.props().get("FunctionUrlConfig"))) out.push_back({fn + "Url", "AWS::Lambda::Url"});
  if (truthy(rep.props().get("EventInvokeConfig"))) {
    out.push_back({fn + "EventInvokeConfig", "AWS::Lambda::EventInvokeConfig"});
  }
  const tmpl::Node* events = rep.props().get("Events");
  if (events && events->is_map() && !is_intrinsic(*events)) {
    for (const tmpl::MapEntry& e : events->entries) event_ids(fn, e, out);
  }
  return out;
}

}  // namespace

void check_generated_ids(const Reporter& rep) {
  std::vector<Generated> ids;
  if (rep.resource().type == "AWS::Serverless::Function") {
    ids = function_ids(rep);
  } else if (rep.resource().type == "AWS::Serverless::StateMachine" && !rep.props().get("Role")) {
    ids.push_back({rep.resource().id + "Role", "AWS::IAM::Role"});
  }
  for (const Generated& g : ids) {
    const tmpl::Resource* existing = rep.ctx().app.resource(g.id);
    if (!existing || may_replace(g.type, existing->type)) continue;
    rep.raw(existing->pos, "Transforming resource with id [" + rep.resource().id +
                               "] attempts to create a new resource with id [" + g.id +
                               "] and type \"" + std::string(g.type) +
                               "\". A resource with that id already exists within this "
                               "template. Please use a different id for that resource.");
  }
}

}  // namespace sls::validate::sam
