// W3920: REST API integrations answer within 29 s (spec/limits.md §6 "Integration timeout").
// Regional and private APIs may raise it by a quota request, so longer is a warning.
#include "validate/rules/limit_util.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{
    "W3920", Severity::kWarning, "REST API integration timeout within 29 seconds",
    "REST API integrations time out after at most 29,000 ms unless the account's quota was "
    "raised (Regional and private APIs only).",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html"};

constexpr std::string_view kMethod[] = {"AWS::ApiGateway::Method"};
constexpr std::string_view kFunction[] = {"AWS::Serverless::Function"};
constexpr std::string_view kApiEvent[] = {"Api"};

std::string message(int64_t ms) {
  return "Integration timeout " + std::to_string(ms) + " ms is above the " +
         std::to_string(limits::kApiIntegrationTimeoutMaxMs.value) +
         " ms REST APIs allow without a quota increase";
}

void report_if_long(const Context& ctx, const tmpl::Resource& r, const std::string& sub,
                    const tmpl::Node* n) {
  const std::optional<int64_t> ms = n ? known_int(ctx, *n) : std::nullopt;
  if (ms && *ms > limits::kApiIntegrationTimeoutMaxMs.value) {
    report_at(ctx, kInfo, r, sub, *n, message(*ms));
  }
}

void check(const Context& ctx) {
  for_each_of(ctx, kMethod, [&](const tmpl::Resource& r) {
    const tmpl::Node* integration = r.properties.get("Integration");
    if (!integration) return;
    report_if_long(ctx, r, "Integration/TimeoutInMillis", integration->get("TimeoutInMillis"));
  });
  for_each_of(ctx, kFunction, [&](const tmpl::Resource& r) {
    for_each_event(r, kApiEvent, [&](const SamEvent& ev) {
      report_if_long(ctx, r, ev.sub + "/TimeoutInMillis", ev.properties->get("TimeoutInMillis"));
    });
  });
}

}  // namespace

extern const Rule kW3920{kInfo, check};

}  // namespace sls::validate::defs
