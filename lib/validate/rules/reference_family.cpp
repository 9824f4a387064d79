// The reference rule family: references (Ref, Fn::GetAtt, Fn::Sub, DependsOn, Condition
// names), intrinsic function shapes, the Conditions, Outputs and Parameters sections. In id
// order.
#include "validate/rules/families.h"

namespace sls::validate::defs {

extern const Rule kE1010, kE1011, kE1015, kE1016, kE1017, kE1018, kE1019, kE1020, kE1021, kE1022,
    kE1024, kE1028;
extern const Rule kE2001, kE2002;
extern const Rule kE3004, kE3005;
extern const Rule kE6001, kE6002, kE6003, kE6005, kE6101, kE6102;
extern const Rule kE8001, kE8002, kE8003, kE8004, kE8005, kE8006, kE8007;
extern const Rule kW1001, kW2001, kW8001;

void append_reference_rules(std::vector<const Rule*>& out) {
  out.insert(out.end(), {&kE1010, &kE1011, &kE1015, &kE1016, &kE1017, &kE1018, &kE1019, &kE1020,
                         &kE1021, &kE1022, &kE1024, &kE1028, &kE2001, &kE2002, &kE3004, &kE3005,
                         &kE6001, &kE6002, &kE6003, &kE6005, &kE6101, &kE6102, &kE8001, &kE8002,
                         &kE8003, &kE8004, &kE8005, &kE8006, &kE8007, &kW1001, &kW2001, &kW8001});
}

}  // namespace sls::validate::defs
