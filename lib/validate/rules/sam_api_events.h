// Api and HttpApi events of functions and state machines as the SAM translator checks them:
// the implicit API plugins, the link to the API, and the method's integration, auth, models
// and parameters.
#pragma once

#include <string_view>

#include "validate/rules/sam_util.h"

namespace sls::validate::sam {

// The implicit API plugins (implicit_rest_api_plugin.py, implicit_http_api_plugin.py), which
// run before anything else is transformed: each Api/HttpApi event's Properties, Path, Method
// and API reference. Returns false after reporting.
bool check_implicit_api_events(const Reporter& rep);

// Api.resources_to_link: RestApiId names a resource of the template with a usable StageName.
bool check_api_event_link(const Reporter& rep, std::string_view id, const tmpl::Node& props);

// Api.to_cloudformation for a function's event, or a state machine's (`state_machine`).
bool check_api_event(const Reporter& rep, std::string_view id, const tmpl::Node& props,
                     bool state_machine);
// HttpApi.to_cloudformation.
bool check_http_api_event(const Reporter& rep, std::string_view id, const tmpl::Node& props);

}  // namespace sls::validate::sam
