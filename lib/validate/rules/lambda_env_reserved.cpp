// E3663: a function sets none of the environment variable names Lambda reserves
// (spec/limits.md §1 "Env var reserved keys").
#include <algorithm>
#include <array>

#include "validate/rules/limit_util.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{
    "E3663", Severity::kError, "Lambda environment variable names are not reserved",
    "Lambda sets these variables itself and rejects a function that sets any of them.",
    "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html"};

// cfn-lint's list, plus the three names the Lambda documentation added later.
constexpr std::array<std::string_view, 21> kReserved{
    "_HANDLER",
    "_X_AMZN_TRACE_ID",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_EXECUTION_ENV",
    "AWS_LAMBDA_FUNCTION_NAME",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
    "AWS_LAMBDA_FUNCTION_VERSION",
    "AWS_LAMBDA_INITIALIZATION_TYPE",
    "AWS_LAMBDA_LOG_GROUP_NAME",
    "AWS_LAMBDA_LOG_STREAM_NAME",
    "AWS_ACCESS_KEY",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_LAMBDA_RUNTIME_API",
    "LAMBDA_TASK_ROOT",
    "LAMBDA_RUNTIME_DIR",
    "AWS_LAMBDA_MAX_CONCURRENCY",
    "AWS_LAMBDA_METADATA_API",
    "AWS_LAMBDA_METADATA_TOKEN",
};

bool reserved(std::string_view key) {
  return std::find(kReserved.begin(), kReserved.end(), key) != kReserved.end();
}

void check(const Context& ctx) {
  for_each_of(ctx, kFunctionTypes, [&](const tmpl::Resource& r) {
    const tmpl::Node* env = r.properties.get("Environment");
    const tmpl::Node* vars = env ? env->get("Variables") : nullptr;
    if (!vars || !vars->is_map() || tmpl::is_intrinsic(*vars)) return;
    const tmpl::MapEntry* first = nullptr;
    std::string used;
    for (const tmpl::MapEntry& e : vars->entries) {
      if (!reserved(e.key)) continue;
      if (!first) first = &e;
      if (!used.empty()) used += ", ";
      used += e.key;
    }
    if (!first) return;
    // One finding per function, at its first reserved name, listing them all as Lambda does.
    const tmpl::Node key = tmpl::Node::make_scalar(first->key, first->key_pos);
    report_at(ctx, kInfo, r, "Environment/Variables/" + first->key, key,
              "Lambda was unable to configure your environment variables because the "
              "environment variables you have provided contains reserved keys that are "
              "currently not supported for modification. Reserved keys used in this request: " +
                  used);
  });
}

}  // namespace

extern const Rule kE3663{kInfo, check};

}  // namespace sls::validate::defs
