// The schema rule family: the rules it owns, in id order. E3001 checks resource attributes;
// E3002 walks each resource's Properties against schemas/resources/ and reports for the other
// ids, which carry their metadata here so they can be listed, ignored and documented.
#include "validate/rules/families.h"

namespace sls::validate::defs {

extern const Rule kE3001;
extern const Rule kE3002;
extern const Rule kE3003;
extern const Rule kE3012;
extern const Rule kE3014;
extern const Rule kE3017;
extern const Rule kE3018;
extern const Rule kE3020;
extern const Rule kE3021;
extern const Rule kE3030;

void append_schema_rules(std::vector<const Rule*>& out) {
  for (const Rule* r :
       {&kE3001, &kE3002, &kE3003, &kE3012, &kE3014, &kE3017, &kE3018, &kE3020, &kE3021, &kE3030}) {
    out.push_back(r);
  }
}

}  // namespace sls::validate::defs
