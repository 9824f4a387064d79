// Function and state machine events as the SAM translator checks them.
#pragma once

#include <string_view>

#include "validate/rules/sam_util.h"

namespace sls::validate::sam {

// What the translator checks before it transforms the function: each event's type and property
// table, and what it must reference. Returns false after reporting.
bool check_function_events_early(const Reporter& rep);
// The events' own transforms (to_cloudformation of each event source).
void check_function_events(const Reporter& rep);

// The same for a state machine's events.
bool check_state_machine_events_early(const Reporter& rep);
void check_state_machine_events(const Reporter& rep);

// Reports an event's error. A function's events are wrapped in the function's error; a state
// machine's are not (`bare`).
void event_error(const Reporter& rep, bool bare, std::string_view event_id, tmpl::Pos at,
                 std::string_view text);

// --- each event source's transform; `id` is the event's id, `props` its Properties map -------
// sam_push_events.cpp
bool check_schedule_event(const Reporter& rep, std::string_view id, const tmpl::Node& props,
                          bool bare);
bool check_cloudwatch_event(const Reporter& rep, std::string_view id, const tmpl::Node& props,
                            bool bare);
bool check_schedule_v2_event(const Reporter& rep, std::string_view id, const tmpl::Node& props,
                             bool bare);
bool check_s3_event(const Reporter& rep, std::string_view id, const tmpl::Node& props);
bool check_sns_event(const Reporter& rep, std::string_view id, const tmpl::Node& props);
bool check_cognito_event(const Reporter& rep, std::string_view id, const tmpl::Node& props);
// sam_pull_events.cpp; `type` is the event's Type (Kinesis, SQS, MSK...).
bool check_pull_event(const Reporter& rep, std::string_view id, std::string_view type,
                      const tmpl::Node& props);

}  // namespace sls::validate::sam
