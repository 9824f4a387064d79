// W3921: at most 10 authorizers per API (spec/limits.md §6 "Authorizers per API"), counted in
// a SAM API's Auth.Authorizers and over AWS::ApiGateway(V2)::Authorizer resources of one API.
// The quota can be raised, so this is a warning.
#include <map>

#include "validate/rules/limit_util.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{
    "W3921", Severity::kWarning, "At most 10 authorizers per API",
    "API Gateway allows 10 authorizers per API unless the account's quota was raised.",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html"};

constexpr std::string_view kSamApis[] = {"AWS::Serverless::Api", "AWS::Serverless::HttpApi"};
constexpr std::string_view kAuthorizers[] = {"AWS::ApiGateway::Authorizer",
                                             "AWS::ApiGatewayV2::Authorizer"};

std::string message(size_t count) {
  return "The API has " + std::to_string(count) + " authorizers; API Gateway allows " +
         std::to_string(limits::kApiAuthorizersMax.value) + " per API";
}

void check(const Context& ctx) {
  const auto max = static_cast<size_t>(limits::kApiAuthorizersMax.value);
  for_each_of(ctx, kSamApis, [&](const tmpl::Resource& r) {
    const tmpl::Node* auth = r.properties.get("Auth");
    const tmpl::Node* list = auth ? auth->get("Authorizers") : nullptr;
    if (!list || !list->is_map() || tmpl::is_intrinsic(*list) || list->entries.size() <= max) {
      return;
    }
    const tmpl::MapEntry& extra = list->entries[max];
    report_at(ctx, kInfo, r, "Auth/Authorizers/" + extra.key,
              tmpl::Node::make_scalar(extra.key, extra.key_pos), message(list->entries.size()));
  });
  // Authorizer resources, grouped by the API they name.
  std::map<std::string, std::vector<const tmpl::Resource*>> by_api;
  for_each_of(ctx, kAuthorizers, [&](const tmpl::Resource& r) {
    const tmpl::Node* api = r.properties.get("RestApiId");
    if (!api) api = r.properties.get("ApiId");
    if (const std::optional<std::string> id = api ? referenced_id(*api) : std::nullopt) {
      by_api[*id].push_back(&r);
    }
  });
  for (const auto& [api, list] : by_api) {
    if (list.size() <= max) continue;
    const tmpl::Resource& extra = *list[max];
    ctx.report(kInfo, message(list.size()), extra.pos, "Resources/" + extra.id, extra.id);
  }
}

}  // namespace

extern const Rule kW3921{kInfo, check};

}  // namespace sls::validate::defs
