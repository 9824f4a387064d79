// The sam rule family: the rules it owns, in id order.
#include "validate/rules/families.h"

namespace sls::validate::defs {



void append_sam_rules(std::vector<const Rule*>& out) {
  (void)out;
}

}  // namespace sls::validate::defs
