// E3505: a queue's visibility timeout is at least the timeout of the function it feeds
// (spec/limits.md §8 "SQS"); Lambda rejects the event source mapping otherwise.
#include "validate/rules/sqs_mappings.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{
    "E3505", Severity::kError, "SQS visibility timeout covers the function timeout",
    "Lambda rejects an SQS event source mapping whose queue's visibility timeout (default 30 s) "
    "is shorter than the function's timeout (default 3 s).",
    "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/"
    "sqs-visibility-timeout.html"};

// The value of `key` in `props`, its default when absent, nullopt when unknown.
std::optional<int64_t> value_or_default(const Context& ctx, const tmpl::Node& props,
                                        std::string_view key, const limits::Limit& dflt) {
  const tmpl::Node* n = props.get(key);
  return n ? known_int(ctx, *n) : std::optional<int64_t>(dflt.value);
}

void check(const Context& ctx) {
  for_each_sqs_mapping(ctx, [&](const SqsMapping& m) {
    if (!m.queue || !m.function || !m.queue_ref) return;
    const auto visibility = value_or_default(ctx, m.queue->properties, "VisibilityTimeout",
                                             limits::kSqsVisibilityDefaultS);
    const auto timeout =
        value_or_default(ctx, m.function->properties, "Timeout", limits::kLambdaTimeoutDefaultS);
    if (!visibility || !timeout || *visibility >= *timeout) return;
    const std::string sub = m.sub.empty() ? "EventSourceArn" : m.sub + "/Queue";
    report_at(ctx, kInfo, *m.owner, sub, *m.queue_ref,
              "Queue visibility timeout (" + std::to_string(*visibility) +
                  " s) is less than the function timeout (" + std::to_string(*timeout) +
                  " s): Lambda rejects the event source mapping");
  });
}

}  // namespace

extern const Rule kE3505{kInfo, check};

}  // namespace sls::validate::defs
