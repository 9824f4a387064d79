// I3903: memory above the 3008 MB that new accounts start with (spec/limits.md §1 "Memory, new
// accounts"). Off unless included: it only bites on accounts whose quota was not raised yet.
#include "validate/rules/limit_util.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{
    "I3903", Severity::kInfo, "Memory fits a new account's quota",
    "New accounts start with a lower memory quota (3008 MB) that Lambda raises with usage; "
    "a larger MemorySize fails there until then.",
    "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html"};

void check(const Context& ctx) {
  for_each_of(ctx, kFunctionTypes, [&](const tmpl::Resource& r) {
    const tmpl::Node* n = r.properties.get("MemorySize");
    const std::optional<int64_t> mb = n ? known_int(ctx, *n) : std::nullopt;
    if (!mb || *mb <= limits::kLambdaMemoryNewAccountMb.value ||
        *mb > limits::kLambdaMemoryMaxMb.value) {
      return;
    }
    report_at(ctx, kInfo, r, "MemorySize", *n,
              "MemorySize " + std::to_string(*mb) + " MB is above the " +
                  std::to_string(limits::kLambdaMemoryNewAccountMb.value) +
                  " MB a new account may start with");
  });
}

}  // namespace

extern const Rule kI3903{kInfo, check};

}  // namespace sls::validate::defs
