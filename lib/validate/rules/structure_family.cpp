// The structure rule family: the rules it owns, in id order.
#include "validate/rules/families.h"

namespace sls::validate::defs {

extern const Rule kE1001;

void append_structure_rules(std::vector<const Rule*>& out) { out.push_back(&kE1001); }

}  // namespace sls::validate::defs
