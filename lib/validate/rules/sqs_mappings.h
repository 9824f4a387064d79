// SQS event source mappings for the sqs_* rule files of the limit family: SAM SQS events and
// AWS::Lambda::EventSourceMapping resources reading from a queue, with the queue and function
// they join when both are in the template.
#pragma once

#include "validate/rules/limit_util.h"

namespace sls::validate::defs {

struct SqsMapping {
  const tmpl::Resource* owner;     // the SAM function or the EventSourceMapping resource
  std::string sub;                 // the mapping's properties, below owner's Properties ("")
  const tmpl::Node* props;         // the mapping's properties
  const tmpl::Node* queue_ref;     // Queue / EventSourceArn as written
  const tmpl::Resource* queue;     // the AWS::SQS::Queue named, or nullptr
  const tmpl::Resource* function;  // the function fed, or nullptr
};

void for_each_sqs_mapping(const Context& ctx, const std::function<void(const SqsMapping&)>& fn);

// Whether the mapping reads a FIFO queue: the queue says FifoQueue: true or its name (or the
// ARN written) ends in ".fifo". nullopt when that is unknown.
std::optional<bool> reads_fifo(const Context& ctx, const SqsMapping& m);

}  // namespace sls::validate::defs
