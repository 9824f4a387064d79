// An API resource as the events that attach to it see it: its merged properties, and whether
// the transform builds its definition itself. Covers the implicit APIs the transform creates
// for events that name no API.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "validate/rules/sam_util.h"

namespace sls::validate::sam {

// The logical ids of the implicit APIs.
inline constexpr std::string_view kImplicitRestApi = "ServerlessRestApi";
inline constexpr std::string_view kImplicitHttpApi = "ServerlessHttpApi";

struct ApiView {
  std::string id;
  tmpl::Node props;  // Globals merged
  // The template gives no DefinitionBody/DefinitionUri, so the transform writes the definition
  // from the events (DefaultDefinitionBodyPlugin's __MANAGE_SWAGGER).
  bool managed = false;
};

// What an Api/HttpApi event says about its route, with the implicit plugins' defaults filled
// in (no API: the implicit one; an HttpApi event without Path and Method: $default, ANY).
struct Route {
  std::string api_id;
  std::string path;
  std::string method;  // lower case, as the transform's messages print it
};
inline constexpr std::string_view kAnyMethod = "x-amazon-apigateway-any-method";
// nullopt when the event's API reference, Path or Method is not a string.
std::optional<Route> route_of(const tmpl::Node& props, bool http);
// Api.get_rest_api_id_string: the Ref's target, or the value itself.
const tmpl::Node* api_reference(const tmpl::Node& props, std::string_view key);

// The API `id` (a REST API, or an HTTP API when `http`), or nullopt when the template has no
// such resource.
std::optional<ApiView> api_view(const Context& ctx, std::string_view id, bool http);

}  // namespace sls::validate::sam
