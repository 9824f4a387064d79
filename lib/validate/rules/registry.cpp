// The list of every rule, gathered family by family. Each family file (one per area, owning
// its rules' files) appends its rules; a new family adds one line here.
#include "validate/rules/families.h"

namespace sls::validate {

const std::vector<const Rule*>& registry() {
  static const std::vector<const Rule*> kRules = [] {
    std::vector<const Rule*> v;
    defs::append_structure_rules(v);
    defs::append_schema_rules(v);
    defs::append_sam_rules(v);
    defs::append_limit_rules(v);
    defs::append_reference_rules(v);
    return v;
  }();
  return kRules;
}

}  // namespace sls::validate
