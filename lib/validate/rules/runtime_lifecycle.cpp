// Lambda runtime lifecycle (spec/limits.md §3), judged on runtimes::today() (SLS_TODAY in
// tests). cfn-lint's ids and split: W2531 deprecated (or, here, deprecated within 180 days)
// while create and update still work, E2531 create blocked, E2533 create and update blocked.
// W3902 flags preview runtimes. One file because the four share one judgement.
#include <algorithm>
#include <initializer_list>

#include "core/runtimes.h"
#include "validate/rules/limit_util.h"

namespace sls::validate::defs {

namespace {

constexpr std::string_view kSource =
    "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html";

constexpr RuleInfo kW2531Info{
    "W2531", Severity::kWarning, "Lambda runtime not deprecated (or soon to be)",
    "The runtime is deprecated (or will be within 180 days): no more patches, and creating "
    "or updating functions with it will be blocked on the dates AWS published.",
    kSource};
constexpr RuleInfo kE2531Info{
    "E2531", Severity::kError, "Lambda runtime can still create functions",
    "The runtime's block-create date has passed: new functions with it are rejected.", kSource};
constexpr RuleInfo kE2533Info{
    "E2533", Severity::kError, "Lambda runtime can still update functions",
    "The runtime's block-update date has passed: functions with it can be neither created "
    "nor updated.",
    kSource};
constexpr RuleInfo kW3902Info{
    "W3902", Severity::kWarning, "Lambda runtime is not a preview",
    "The Lambda API lists the runtime, but as a preview that is not for production.", kSource};

// Lambda's own text for a blocked runtime (spec/limits.md §1 "Runtime").
std::string blocked_message(const runtimes::Runtime& rt) {
  return "The runtime parameter of " + std::string(rt.id) +
         " is no longer supported for creating or updating AWS Lambda functions. We recommend "
         "you use a supported runtime while creating or updating functions.";
}

// "; creating functions with it is blocked from D and updating them from D" with the dates
// AWS published (some runtimes have none).
std::string block_dates(const runtimes::Runtime& rt) {
  std::string out;
  if (rt.block_create != 0) {
    out += "; creating functions with it is blocked from " + runtimes::format_date(rt.block_create);
  }
  if (rt.block_update != 0) {
    out +=
        out.empty() ? "; updating functions with it is blocked from " : " and updating them from ";
    out += runtimes::format_date(rt.block_update);
  }
  return out;
}

std::string successor(const runtimes::Runtime& rt) {
  if (rt.successor == rt.id || rt.successor.empty()) return {};
  return ". Consider " + std::string(rt.successor);
}

std::string message(const runtimes::Runtime& rt, runtimes::Stage stage) {
  const std::string id(rt.id);
  const std::string deprecated = runtimes::format_date(rt.deprecated);
  switch (stage) {
    case runtimes::Stage::kPreview:
      return "Runtime '" + id + "' is a preview runtime, not for production use";
    case runtimes::Stage::kDeprecationSoon:
      return "Runtime '" + id + "' will be deprecated on " + deprecated + block_dates(rt) +
             successor(rt);
    case runtimes::Stage::kDeprecated:
      return "Runtime '" + id + "' was deprecated on " + deprecated + block_dates(rt) +
             successor(rt);
    case runtimes::Stage::kCreateBlocked:
    case runtimes::Stage::kBlocked:
      return blocked_message(rt) + " (" + id + " was deprecated on " + deprecated +
             block_dates(rt) + successor(rt) + ".)";
    case runtimes::Stage::kSupported:
      return {};
  }
  return {};
}

// Reports, under `info`, each function whose runtime is at one of `stages` today.
void check_stages(const Context& ctx, const RuleInfo& info,
                  std::initializer_list<runtimes::Stage> stages) {
  const runtimes::Date today = runtimes::today();
  for_each_of(ctx, kFunctionTypes, [&](const tmpl::Resource& r) {
    const tmpl::Node* n = r.properties.get("Runtime");
    const std::optional<std::string> id = n ? known_string(ctx, *n) : std::nullopt;
    const std::optional<runtimes::Runtime> rt = id ? runtimes::find(*id) : std::nullopt;
    if (!rt) return;  // unknown ids are the schema's E3030
    const runtimes::Stage stage = runtimes::stage_on(*rt, today);
    if (std::find(stages.begin(), stages.end(), stage) == stages.end()) return;
    report_at(ctx, info, r, "Runtime", *n, message(*rt, stage));
  });
}

void check_w2531(const Context& ctx) {
  check_stages(ctx, kW2531Info, {runtimes::Stage::kDeprecationSoon, runtimes::Stage::kDeprecated});
}
void check_e2531(const Context& ctx) {
  check_stages(ctx, kE2531Info, {runtimes::Stage::kCreateBlocked});
}
void check_e2533(const Context& ctx) { check_stages(ctx, kE2533Info, {runtimes::Stage::kBlocked}); }
void check_w3902(const Context& ctx) { check_stages(ctx, kW3902Info, {runtimes::Stage::kPreview}); }

}  // namespace

extern const Rule kW2531{kW2531Info, check_w2531};
extern const Rule kE2531{kE2531Info, check_e2531};
extern const Rule kE2533{kE2533Info, check_e2533};
extern const Rule kW3902{kW3902Info, check_w3902};

}  // namespace sls::validate::defs
