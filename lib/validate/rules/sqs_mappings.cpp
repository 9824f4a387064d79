// Finding SQS event source mappings and what they join.
#include "validate/rules/sqs_mappings.h"

#include <algorithm>

namespace sls::validate::defs {

namespace {

constexpr std::string_view kFunction[] = {"AWS::Serverless::Function"};
constexpr std::string_view kSqsEvent[] = {"SQS"};
constexpr std::string_view kMapping[] = {"AWS::Lambda::EventSourceMapping"};
constexpr std::string_view kFifoSuffix = ".fifo";

const tmpl::Resource* resource_of(const Context& ctx, const tmpl::Node* ref,
                                  std::span<const std::string_view> types) {
  const std::optional<std::string> id = ref ? referenced_id(*ref) : std::nullopt;
  const tmpl::Resource* r = id ? ctx.app.resource(*id) : nullptr;
  if (!r) return nullptr;
  return std::find(types.begin(), types.end(), r->type) != types.end() ? r : nullptr;
}

constexpr std::string_view kQueueType[] = {"AWS::SQS::Queue"};

}  // namespace

void for_each_sqs_mapping(const Context& ctx, const std::function<void(const SqsMapping&)>& fn) {
  for_each_of(ctx, kFunction, [&](const tmpl::Resource& r) {
    for_each_event(r, kSqsEvent, [&](const SamEvent& ev) {
      const tmpl::Node* queue = ev.properties->get("Queue");
      fn(SqsMapping{&r, ev.sub, ev.properties, queue, resource_of(ctx, queue, kQueueType), &r});
    });
  });
  for_each_of(ctx, kMapping, [&](const tmpl::Resource& r) {
    const tmpl::Node* source = r.properties.get("EventSourceArn");
    const tmpl::Resource* queue = resource_of(ctx, source, kQueueType);
    const std::optional<std::string> arn = source ? known_string(ctx, *source) : std::nullopt;
    if (!queue && !(arn && arn->find(":sqs:") != std::string::npos)) return;
    const tmpl::Resource* function =
        resource_of(ctx, r.properties.get("FunctionName"), kFunctionTypes);
    fn(SqsMapping{&r, "", &r.properties, source, queue, function});
  });
}

std::optional<bool> reads_fifo(const Context& ctx, const SqsMapping& m) {
  if (m.queue) {
    const tmpl::Node* fifo = m.queue->properties.get("FifoQueue");
    const tmpl::Node* name = m.queue->properties.get("QueueName");
    const std::optional<std::string> n = name ? known_string(ctx, *name) : std::nullopt;
    if (n && n->ends_with(kFifoSuffix)) return true;
    if (!fifo) return false;
    const std::optional<tmpl::Node> v = known(ctx, *fifo);
    return v ? v->as_bool() : std::nullopt;
  }
  const std::optional<std::string> arn =
      m.queue_ref ? known_string(ctx, *m.queue_ref) : std::nullopt;
  if (!arn) return std::nullopt;
  return arn->ends_with(kFifoSuffix);
}

}  // namespace sls::validate::defs
