// The push event sources' transforms as the SAM translator checks them: Schedule,
// CloudWatchEvent/EventBridgeRule, ScheduleV2, S3, SNS and Cognito
// (model/eventsources/push.py, scheduler.py, model/eventbridge_utils.py,
// model/stepfunctions/events.py).
#include "validate/rules/sam_events.h"

namespace sls::validate::sam {

namespace {

// EventBridgeRuleUtils.validate_dlq_config and the queue the transform creates. Errors carry
// the event's generated logical id (resource id + event id).
bool check_dead_letter_config(const Reporter& rep, std::string_view id, const tmpl::Node& props,
                              bool bare) {
  const tmpl::Node* dlq = props.get("DeadLetterConfig");
  if (is_none(dlq) || !dlq->is_map() || is_intrinsic(*dlq)) return true;
  const std::string logical_id = rep.resource().id + std::string(id);
  const tmpl::Node* type = dlq->get("Type");
  const bool has_arn = dlq->get("Arn") != nullptr;
  if (has_arn && type) {
    event_error(rep, bare, logical_id, rep.at(dlq),
                "You can either define 'Arn' or 'Type' property of DeadLetterConfig.");
    return false;
  }
  if (type && !(is_str(*type) && type->scalar == "SQS")) {
    event_error(rep, bare, logical_id, rep.at(type),
                "The only valid value for 'Type' property of DeadLetterConfig is 'SQS'.");
    return false;
  }
  if (!has_arn && !type) {
    event_error(rep, bare, logical_id, rep.at(dlq),
                "No 'Arn' or 'Type' property provided for DeadLetterConfig.");
    return false;
  }
  const tmpl::Node* queue_id = dlq->get("QueueLogicalId");
  if (!has_arn && !is_none(queue_id) && !is_str(*queue_id)) {
    event_error(rep, bare, logical_id, rep.at(queue_id), "QueueLogicalId must be a string");
    return false;
  }
  return true;
}

bool check_state_and_enabled(const Reporter& rep, std::string_view id, const tmpl::Node& props,
                             bool bare) {
  const tmpl::Node* enabled = props.get("Enabled");
  if (!truthy(props.get("State")) || is_none(enabled)) return true;
  event_error(rep, bare, id, rep.at(enabled),
              "State and Enabled Properties cannot both be specified.");
  return false;
}

}  // namespace

void event_error(const Reporter& rep, bool bare, std::string_view event_id, tmpl::Pos at,
                 std::string_view text) {
  if (bare) {
    rep.bare_event_error(event_id, at, text);
  } else {
    rep.event_error(event_id, at, text);
  }
}

bool check_schedule_event(const Reporter& rep, std::string_view id, const tmpl::Node& props,
                          bool bare) {
  return check_state_and_enabled(rep, id, props, bare) &&
         check_dead_letter_config(rep, id, props, bare);
}

bool check_cloudwatch_event(const Reporter& rep, std::string_view id, const tmpl::Node& props,
                            bool bare) {
  if (!check_dead_letter_config(rep, id, props, bare)) return false;
  // State machine rules have no Enabled property to clash with.
  return bare || check_state_and_enabled(rep, id, props, bare);
}

bool check_schedule_v2_event(const Reporter& rep, std::string_view id, const tmpl::Node& props,
                             bool bare) {
  const tmpl::Node* omit = props.get("OmitName");
  if (truthy(omit) && truthy(props.get("Name"))) {
    event_error(rep, bare, rep.resource().id + std::string(id), rep.at(props.get("Name")),
                "Name cannot be set when OmitName is True");
    return false;
  }
  return check_dead_letter_config(rep, id, props, bare);
}

bool check_s3_event(const Reporter& rep, std::string_view id, const tmpl::Node& props) {
  const tmpl::Node* bucket_ref = get(props.get("Bucket"), "Ref");
  const tmpl::Resource* bucket = bucket_ref ? rep.ctx().app.resource(bucket_ref->scalar) : nullptr;
  if (!bucket || !bucket->raw) return true;
  // A conditional function depends on the bucket through a tag instead of DependsOn.
  if (rep.resource().raw && rep.resource().raw->get("Condition")) return true;
  const tmpl::MapEntry* depends = bucket->raw->entry("DependsOn");
  if (!depends) return true;
  bool ok = is_str(depends->value);
  if (depends->value.is_seq()) {
    ok = true;
    for (const tmpl::Node& d : depends->value.items) ok = ok && d.is_scalar();
  }
  if (ok) return true;
  rep.generated_error(rep.resource().id + std::string(id),
                      pos_or(&depends->value, depends->key_pos),
                      "Invalid type for field 'DependsOn'. Expected a string or list of strings.");
  return false;
}

bool check_sns_event(const Reporter& rep, std::string_view id, const tmpl::Node& props) {
  const tmpl::Node* sub = props.get("SqsSubscription");
  if (!truthy(sub) || is_bool(*sub)) return true;
  if (!sub->is_map()) {
    rep.event_error(id, rep.at(sub), "Property 'SqsSubscription' should be a map.");
    return false;
  }
  if (truthy(sub->get("QueueArn")) && truthy(sub->get("QueueUrl"))) return true;
  rep.event_error(id, rep.at(sub), "No QueueARN or QueueURL provided.");
  return false;
}

bool check_cognito_event(const Reporter& rep, std::string_view id, const tmpl::Node& props) {
  const tmpl::Node* pool_ref = get(props.get("UserPool"), "Ref");
  const tmpl::Node* trigger = props.get("Trigger");
  if (!pool_ref || !is_str(*pool_ref) || !trigger) return true;
  const tmpl::Resource* pool = rep.ctx().app.resource(pool_ref->scalar);
  const tmpl::Node* config =
      pool && pool->raw ? get(pool->raw->get("Properties"), "LambdaConfig") : nullptr;
  if (config && !config->is_map()) {
    rep.generated_error(pool_ref->scalar, rep.at(config),
                        "Property 'LambdaConfig' should be a map.");
    return false;
  }
  std::set<std::string>& set = rep.state().cognito_triggers[pool_ref->scalar];
  if (set.empty() && config) {
    for (const tmpl::MapEntry& e : config->entries) set.insert(e.key);
  }
  std::vector<const tmpl::Node*> triggers;
  if (trigger->is_seq()) {
    for (const tmpl::Node& t : trigger->items) triggers.push_back(&t);
  } else {
    triggers.push_back(trigger);
  }
  for (const tmpl::Node* t : triggers) {
    if (!is_str(*t)) continue;
    if (set.insert(t->scalar).second) continue;
    rep.event_error(id, rep.at(t),
                    "Cognito trigger \"" + py_str(*trigger) + "\" defined multiple times.");
    return false;
  }
  return true;
}

}  // namespace sls::validate::sam
