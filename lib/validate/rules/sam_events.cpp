// A function's events as the SAM translator checks them: each event's type and property table
// (from_dict), what it must reference (resources_to_link), and what its transform rejects
// (to_cloudformation). Api and HttpApi specifics are in sam_api_events.cpp, pull sources in
// sam_pull_events.cpp.
#include "validate/rules/sam_events.h"

#include <algorithm>

#include "validate/rules/sam_api_events.h"
#include "validate/rules/sam_api_view.h"
#include "validate/rules/sam_event_types.h"

namespace sls::validate::sam {

namespace {

struct Event {
  const tmpl::MapEntry* entry;  // the event's id and its {Type, Properties} map
  EventType type;
  tmpl::Node props;  // a map (an empty one when absent), with the implicit plugins' defaults
};

// What the implicit API plugins add before events are read: the implicit API as the target of
// an event that names none, and HttpApi's $default route.
tmpl::Node with_plugin_defaults(const tmpl::Node& props, EventKind kind, tmpl::Pos at) {
  tmpl::Node out = props;
  auto ref_to = [&](std::string_view id) {
    tmpl::Node ref = tmpl::Node::make_map(at);
    ref.set("Ref", tmpl::Node::make_scalar(std::string(id), at));
    return ref;
  };
  if (kind == EventKind::kApi && truthy(&props) && !props.get("RestApiId")) {
    out.set("RestApiId", ref_to(kImplicitRestApi));
  }
  if (kind != EventKind::kHttpApi) return out;
  if (!props.get("ApiId")) out.set("ApiId", ref_to(kImplicitHttpApi));
  if (!truthy(props.get("Path")) && !truthy(props.get("Method"))) {
    out.set("Path", tmpl::Node::make_scalar("$default", at));
    out.set("Method", tmpl::Node::make_scalar(std::string(kAnyMethod), at));
  }
  return out;
}

const tmpl::Node* events_of(const Reporter& rep) {
  const tmpl::Node* events = rep.props().get("Events");
  if (!events || !events->is_map() || is_intrinsic(*events)) return nullptr;
  return events;
}

using TypeOf = std::optional<EventType> (*)(std::string_view);

// ResourceTypeResolver.resolve_resource_type and Resource.from_dict for one event.
std::optional<Event> parse_event(const Reporter& rep, const tmpl::MapEntry& e, TypeOf type_of) {
  const tmpl::Node* type = e.value.get("Type");
  const auto et = type && is_str(*type) ? type_of(type->scalar) : std::nullopt;
  if (!e.value.is_map() || !et) {
    rep.event_error(e.key, rep.at(type ? type : &e.value),
                    "Resource dict has missing or invalid value for key Type. Event Type is: " +
                        (type ? py_str(*type) : "None") + ".");
    return std::nullopt;
  }
  const std::string logical_id = rep.resource().id + e.key;
  const tmpl::MapEntry* props = e.value.entry("Properties");
  if (props && !props->value.is_map()) {
    rep.generated_error(logical_id, rep.at(&props->value),
                        "Properties of a resource must be an object.");
    return std::nullopt;
  }
  const tmpl::Node p = with_plugin_defaults(props ? props->value : tmpl::Node::make_map(e.key_pos),
                                            et->kind, e.key_pos);
  if (!check_property_table(rep, logical_id, p, type->scalar, et->props, e.key_pos)) {
    return std::nullopt;
  }
  return Event{&e, *et, p};
}

// S3 and Cognito events must name a bucket / user pool of this template with a Ref.
bool check_reference(const Reporter& rep, const Event& ev, std::string_view prop,
                     std::string_view not_string, bool not_string_by_logical_id,
                     std::string_view missing) {
  const tmpl::Node* v = ev.props.get(prop);
  const tmpl::Node* ref = v && v->is_map() ? v->get("Ref") : nullptr;
  if (ref && !is_str(*ref)) {
    if (not_string_by_logical_id) {
      rep.event_error(rep.resource().id + ev.entry->key, rep.at(ref), not_string);
    } else {
      rep.event_error(ev.entry->key, rep.at(ref), not_string);
    }
    return false;
  }
  if (ref && rep.ctx().app.resource(ref->scalar)) return true;
  rep.event_error(ev.entry->key, rep.at(v ? v : &ev.entry->value), missing);
  return false;
}

// resources_to_link of each event.
bool link_event(const Reporter& rep, const Event& ev) {
  switch (ev.type.kind) {
    case EventKind::kS3:
      return check_reference(rep, ev, "Bucket", "'Ref' value in S3 events is not a valid string.",
                             false, "S3 events must reference an S3 bucket in the same template.");
    case EventKind::kCognito:
      return check_reference(rep, ev, "UserPool", "Ref in Userpool is not a string.", true,
                             "Cognito events must reference a Cognito UserPool in the same "
                             "template.");
    case EventKind::kApi:
      return check_api_event_link(rep, ev.entry->key, ev.props);
    default:
      return true;
  }
}

// The events in the order the translator transforms them (by Path, else by id).
std::vector<Event> transform_order(std::vector<Event> events) {
  auto key = [](const Event& e) {
    const tmpl::Node* path = e.props.get("Path");
    return path && is_str(*path) ? path->scalar : e.entry->key;
  };
  std::stable_sort(events.begin(), events.end(),
                   [&](const Event& a, const Event& b) { return key(a) < key(b); });
  return events;
}

// The events that passed the early checks, kept for the late ones.
std::vector<Event> parse_events(const Reporter& rep, bool report, TypeOf type_of) {
  std::vector<Event> out;
  const tmpl::Node* events = events_of(rep);
  if (!events) return out;
  for (const tmpl::MapEntry& e : events->entries) {
    if (!report) {
      const tmpl::Node* type = e.value.get("Type");
      const auto et = type && is_str(*type) ? type_of(type->scalar) : std::nullopt;
      const tmpl::Node* p = e.value.get("Properties");
      const tmpl::Node props = p && p->is_map() ? *p : tmpl::Node::make_map(e.key_pos);
      if (et) out.push_back(Event{&e, *et, with_plugin_defaults(props, et->kind, e.key_pos)});
      continue;
    }
    auto ev = parse_event(rep, e, type_of);
    if (!ev) return {};
    out.push_back(*ev);
  }
  return out;
}

bool check_events_early(const Reporter& rep, TypeOf type_of) {
  const int before = rep.count();
  const std::vector<Event> events = parse_events(rep, true, type_of);
  if (rep.count() != before) return false;
  for (const Event& ev : events) {
    if (!link_event(rep, ev)) return false;
  }
  return true;
}

}  // namespace

bool check_function_events_early(const Reporter& rep) {
  return check_events_early(rep, function_event_type);
}

bool check_state_machine_events_early(const Reporter& rep) {
  return check_events_early(rep, state_machine_event_type);
}

void check_state_machine_events(const Reporter& rep) {
  for (const Event& ev : parse_events(rep, false, state_machine_event_type)) {
    const std::string& id = ev.entry->key;
    bool ok = true;
    switch (ev.type.kind) {
      case EventKind::kSchedule:
        ok = check_schedule_event(rep, id, ev.props, true);
        break;
      case EventKind::kCloudWatchEvent:
        ok = check_cloudwatch_event(rep, id, ev.props, true);
        break;
      case EventKind::kScheduleV2:
        ok = check_schedule_v2_event(rep, id, ev.props, true);
        break;
      case EventKind::kApi:
        ok = check_api_event(rep, id, ev.props, true);
        break;
      default:
        break;
    }
    if (!ok) return;
  }
}

void check_function_events(const Reporter& rep) {
  for (const Event& ev : transform_order(parse_events(rep, false, function_event_type))) {
    const std::string& id = ev.entry->key;
    bool ok = true;
    switch (ev.type.kind) {
      case EventKind::kSchedule:
        ok = check_schedule_event(rep, id, ev.props, false);
        break;
      case EventKind::kCloudWatchEvent:
        ok = check_cloudwatch_event(rep, id, ev.props, false);
        break;
      case EventKind::kScheduleV2:
        ok = check_schedule_v2_event(rep, id, ev.props, false);
        break;
      case EventKind::kS3:
        ok = check_s3_event(rep, id, ev.props);
        break;
      case EventKind::kSns:
        ok = check_sns_event(rep, id, ev.props);
        break;
      case EventKind::kCognito:
        ok = check_cognito_event(rep, id, ev.props);
        break;
      case EventKind::kApi:
        ok = check_api_event(rep, id, ev.props, false);
        break;
      case EventKind::kHttpApi:
        ok = check_http_api_event(rep, id, ev.props);
        break;
      case EventKind::kPull:
        ok = check_pull_event(rep, id, ev.entry->value.get("Type")->scalar, ev.props);
        break;
      case EventKind::kOther:
        break;
    }
    if (!ok) return;
  }
}

}  // namespace sls::validate::sam
