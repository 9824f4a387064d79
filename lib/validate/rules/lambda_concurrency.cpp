// W3901: reserved concurrency leaves the account its 100 unreserved executions
// (spec/limits.md §1 "Reserved concurrency"), per function and summed over the template.
#include "validate/rules/limit_util.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{
    "W3901", Severity::kWarning, "Reserved concurrency leaves 100 unreserved",
    "Lambda keeps at least 100 executions unreserved in an account; with the default account "
    "limit of 1000, reservations above 900 in total fail (accounts with a raised limit can "
    "reserve more, so this is a warning).",
    "https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html"};

constexpr std::string_view kAwsMessage =
    "Specified ReservedConcurrentExecutions for function decreases account's "
    "UnreservedConcurrentExecution below its minimum value of [";

std::string message(int64_t total) {
  return std::string(kAwsMessage) + std::to_string(limits::kLambdaUnreservedMin.value) +
         "]. (This template reserves " + std::to_string(total) + " of the default " +
         std::to_string(limits::kLambdaAccountConcurrency.value) + ".)";
}

void check(const Context& ctx) {
  const int64_t reservable =
      limits::kLambdaAccountConcurrency.value - limits::kLambdaUnreservedMin.value;
  int64_t total = 0;
  bool reported_total = false;
  for_each_of(ctx, kFunctionTypes, [&](const tmpl::Resource& r) {
    const tmpl::Node* n = r.properties.get("ReservedConcurrentExecutions");
    const std::optional<int64_t> v = n ? known_int(ctx, *n) : std::nullopt;
    if (!v || *v <= 0) return;
    total += *v;
    // A function over the limit on its own is reported; otherwise the one that tips the sum.
    if (*v > reservable || (total > reservable && !reported_total)) {
      report_at(ctx, kInfo, r, "ReservedConcurrentExecutions", *n,
                message(*v > reservable ? *v : total));
      reported_total = reported_total || total > reservable;
    }
  });
}

}  // namespace

extern const Rule kW3901{kInfo, check};

}  // namespace sls::validate::defs
