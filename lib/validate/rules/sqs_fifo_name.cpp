// E3501: a FIFO queue's name ends in ".fifo" and only a FIFO queue's does (spec/limits.md §8
// "SQS"), under cfn-lint's id for SQS properties that depend on the queue type.
#include "validate/rules/limit_util.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{
    "E3501", Severity::kError, "SQS queue names agree with FifoQueue",
    "FIFO queues (FifoQueue: true) have names ending in .fifo; standard queues do not.",
    "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sqs-queue.html"};

constexpr std::string_view kQueue[] = {"AWS::SQS::Queue"};
constexpr std::string_view kFifoSuffix = ".fifo";

void check(const Context& ctx) {
  for_each_of(ctx, kQueue, [&](const tmpl::Resource& r) {
    const tmpl::Node* name = r.properties.get("QueueName");
    const tmpl::Node* fifo_node = r.properties.get("FifoQueue");
    const std::optional<std::string> n = name ? known_string(ctx, *name) : std::nullopt;
    const std::optional<tmpl::Node> f =
        fifo_node ? known(ctx, *fifo_node)
                  : std::optional<tmpl::Node>(tmpl::Node::make_scalar("false"));
    const std::optional<bool> fifo = f ? f->as_bool() : std::nullopt;
    if (!n || !fifo || n->ends_with(kFifoSuffix) == *fifo) return;
    report_at(ctx, kInfo, r, "QueueName", *name,
              *fifo ? "The name of a FIFO queue can only include alphanumeric characters, "
                      "hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in "
                      "length"
                    : "Queue name '" + *n + "' ends in .fifo, but FifoQueue is not true");
  });
}

}  // namespace

extern const Rule kE3501{kInfo, check};

}  // namespace sls::validate::defs
