// The list of every rule. A new rule file adds its `extern` here and one line to the list.
#include "validate/rule.h"

namespace sls::validate::defs {
extern const Rule kE1001;
}  // namespace sls::validate::defs

namespace sls::validate {

const std::vector<const Rule*>& registry() {
  static const std::vector<const Rule*> kRules{
      &defs::kE1001,
  };
  return kRules;
}

}  // namespace sls::validate
