// Areas not written yet.
#include "validate/rules/sam_checks.h"
#include "validate/rules/sam_events.h"

namespace sls::validate::sam {

void check_connector(const Reporter&) {}
void check_embedded_connectors(const Context&) {}
void check_generated_ids(const Context&) {}

}  // namespace sls::validate::sam
