// The areas of the SAM transform checks (rule E0001), one entry point each; sam_family.cpp
// runs them in the translator's order. Included only from lib/validate/rules/sam_*.cpp.
#pragma once

#include "validate/rules/sam_util.h"

namespace sls::validate::sam {

// sam_document.cpp: what the translator's parser rejects before anything else, and what its
// Globals plugin rejects. Each returns false when the transform would stop there.
bool check_parser(const Context& ctx);
bool check_globals(const Context& ctx);

// sam_function.cpp: AWS::Serverless::Function, its events included.
void check_function(const Reporter& rep);
// sam_statemachine.cpp: AWS::Serverless::StateMachine, its events included.
void check_state_machine(const Reporter& rep);
// sam_api.cpp: AWS::Serverless::Api.
void check_api(const Reporter& rep);
// sam_httpapi.cpp: AWS::Serverless::HttpApi.
void check_http_api(const Reporter& rep);
// sam_websocket.cpp: AWS::Serverless::WebSocketApi.
void check_websocket_api(const Reporter& rep);
// sam_resources.cpp: SimpleTable, Application, LayerVersion, CapacityProvider.
void check_simple_table(const Reporter& rep);
void check_application(const Reporter& rep);
void check_layer_version(const Reporter& rep);
void check_capacity_provider(const Reporter& rep);
// sam_connector.cpp: AWS::Serverless::Connector and embedded Connectors attributes.
void check_connector(const Reporter& rep);
void check_embedded_connectors(const Context& ctx, TransformState& state);
// sam_logical_ids.cpp: resources the transform would generate for a function or state machine
// (that passed its other checks) under ids the template already uses.
void check_generated_ids(const Reporter& rep);

}  // namespace sls::validate::sam
