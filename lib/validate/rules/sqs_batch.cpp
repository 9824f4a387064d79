// E3705 / E3940: SQS batch sizes (spec/limits.md §8 "SQS"): at most 10 messages from a FIFO
// queue (cfn-lint's E3705), and a batching window of at least 1 s above 10 messages (E3940).
#include "validate/rules/sqs_mappings.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kE3705Info{"E3705", Severity::kError, "FIFO queue batches of at most 10",
                              "Lambda reads at most 10 messages at once from a FIFO queue.",
                              "https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html"};
constexpr RuleInfo kE3940Info{
    "E3940", Severity::kError, "SQS batches above 10 need a batching window",
    "For a BatchSize above 10, Lambda needs MaximumBatchingWindowInSeconds of at least 1.",
    "https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html"};

struct Batch {
  const tmpl::Node* node;
  int64_t size;
  std::string sub;
};

std::optional<Batch> batch_of(const Context& ctx, const SqsMapping& m) {
  const tmpl::Node* n = m.props->get("BatchSize");
  const std::optional<int64_t> size = n ? known_int(ctx, *n) : std::nullopt;
  if (!size) return std::nullopt;
  return Batch{n, *size, path_join(m.sub, "BatchSize")};
}

void check_fifo(const Context& ctx) {
  for_each_sqs_mapping(ctx, [&](const SqsMapping& m) {
    const std::optional<Batch> b = batch_of(ctx, m);
    if (!b || b->size <= limits::kSqsFifoBatchSizeMax.value || reads_fifo(ctx, m) != true) return;
    report_at(ctx, kE3705Info, *m.owner, b->sub, *b->node,
              "BatchSize " + std::to_string(b->size) + " is above " +
                  std::to_string(limits::kSqsFifoBatchSizeMax.value) +
                  ", the most Lambda reads at once from a FIFO queue");
  });
}

void check_window(const Context& ctx) {
  for_each_sqs_mapping(ctx, [&](const SqsMapping& m) {
    const std::optional<Batch> b = batch_of(ctx, m);
    if (!b || b->size <= limits::kSqsBatchSizeNoWindowMax.value) return;
    const tmpl::Node* w = m.props->get("MaximumBatchingWindowInSeconds");
    const std::optional<int64_t> window = w ? known_int(ctx, *w) : std::optional<int64_t>(0);
    if (!window || *window >= limits::kSqsBatchWindowNeededS.value) return;
    report_at(ctx, kE3940Info, *m.owner, b->sub, *b->node,
              "Maximum batch window in seconds must be greater than 0 if maximum batch size is "
              "greater than 10");
  });
}

}  // namespace

extern const Rule kE3705{kE3705Info, check_fifo};
extern const Rule kE3940{kE3940Info, check_window};

}  // namespace sls::validate::defs
