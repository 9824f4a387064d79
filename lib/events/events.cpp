// The catalog of services and events, and generate(): flags -> values -> rendered sample.
#include "events/events.h"

#include <algorithm>

#include "core/error.h"
#include "events/checks.h"
#include "events/sample.h"

namespace sls::events {

namespace {

using detail::EventDef;
using detail::Json;
using detail::ServiceDef;
using detail::Values;

constexpr int kIndent = 2;  // SAM CLI prints events with json.dumps(indent=2)

const std::vector<ServiceDef>& service_defs() {
  static const std::vector<ServiceDef> defs = [] {
    std::vector<ServiceDef> d = {
        detail::apigateway_service(),  detail::cloudwatch_service(), detail::dynamodb_service(),
        detail::eventbridge_service(), detail::kinesis_service(),    detail::s3_service(),
        detail::sns_service(),         detail::sqs_service(),
    };
    std::sort(d.begin(), d.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    for (ServiceDef& s : d) {
      std::sort(s.events.begin(), s.events.end(),
                [](const auto& a, const auto& b) { return a.name < b.name; });
    }
    return d;
  }();
  return defs;
}

template <typename T>
std::string names_of(const std::vector<T>& items, std::string_view prefix = "") {
  std::string out;
  for (const T& item : items) {
    if (!out.empty()) out += ", ";
    out += prefix;
    out += item.name;
  }
  return out;
}

const EventDef& find_event(const std::string& service, const std::string& event) {
  const auto& defs = service_defs();
  const auto s = std::find_if(defs.begin(), defs.end(),
                              [&](const ServiceDef& d) { return d.name == service; });
  if (s == defs.end()) {
    throw Error(Errc::kUsage,
                "unknown service " + Json(service).dump() + "; services: " + names_of(defs));
  }
  const auto e = std::find_if(s->events.begin(), s->events.end(),
                              [&](const EventDef& d) { return d.name == event; });
  if (e == s->events.end()) {
    throw Error(Errc::kUsage, "unknown event " + Json(event).dump() + " for service " + service +
                                  "; events: " + names_of(s->events));
  }
  return *e;
}

// Every flag of `def`, given or default. Refuses unknown flags and values that are not UTF-8
// (JSON strings cannot hold them).
Values flag_values(const std::string& service, const EventDef& def,
                   const std::map<std::string, std::string>& flags) {
  for (const auto& [name, value] : flags) {
    // (clang 14 cannot capture a structured binding in a lambda)
    const bool known =
        std::any_of(def.flags.begin(), def.flags.end(),
                    [&key = name](const detail::FlagDef& f) { return f.name == key; });
    if (!known) {
      throw Error(Errc::kUsage, "unknown flag --" + name + " for " + service + " " +
                                    std::string(def.name) +
                                    "; flags: " + names_of(def.flags, "--"));
    }
    try {
      (void)Json(value).dump();
    } catch (const Json::type_error&) {
      throw Error(Errc::kUsage, "invalid --" + name + ": the value is not valid UTF-8");
    }
  }
  Values v;
  for (const detail::FlagDef& f : def.flags) {
    const auto given = flags.find(std::string(f.name));
    v.emplace(std::string(f.name),
              given != flags.end() ? given->second : std::string(f.default_value));
  }
  return v;
}

}  // namespace

const std::vector<Service>& catalog() {
  static const std::vector<Service> services = [] {
    std::vector<Service> out;
    for (const ServiceDef& s : service_defs()) {
      Service service{std::string(s.name), std::string(s.help), {}};
      for (const EventDef& e : s.events) {
        Event event{std::string(e.name), std::string(e.help), {}};
        for (const detail::FlagDef& f : e.flags) {
          event.flags.push_back(
              Flag{std::string(f.name), std::string(f.help), std::string(f.default_value)});
        }
        service.events.push_back(std::move(event));
      }
      out.push_back(std::move(service));
    }
    return out;
  }();
  return services;
}

std::string generate(const std::string& service, const std::string& event,
                     const std::map<std::string, std::string>& flags) {
  const EventDef& def = find_event(service, event);
  Values v = flag_values(service, def, flags);
  if (def.derive != nullptr) def.derive(v);
  return detail::render(def.sample, v).dump(kIndent);
}

}  // namespace sls::events
