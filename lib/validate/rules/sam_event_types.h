// The event source types of SAM functions and state machines, with the translator's property
// table of each.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "validate/rules/sam_util.h"

namespace sls::validate::sam {

// What an event source is, for the checks its transform makes.
enum class EventKind : uint8_t {
  kSchedule,
  kCloudWatchEvent,  // also EventBridgeRule
  kScheduleV2,
  kS3,
  kSns,
  kApi,
  kHttpApi,
  kCognito,
  kPull,  // Kinesis, DynamoDB, SQS, MSK, MQ, SelfManagedKafka, DocumentDB
  kOther,
};

struct EventType {
  EventKind kind;
  std::span<const PropSpec> props;
};

// The function event source called `name` (its Type), or nullopt when the translator has none.
std::optional<EventType> function_event_type(std::string_view name);
// The same for state machine events.
std::optional<EventType> state_machine_event_type(std::string_view name);

}  // namespace sls::validate::sam
