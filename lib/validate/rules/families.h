// One function per rule family; each lives in rules/<family>_family.cpp beside its rules.
#pragma once

#include <vector>

#include "validate/rule.h"

namespace sls::validate::defs {

void append_structure_rules(std::vector<const Rule*>& out);  // E1001 ... template sections
void append_schema_rules(std::vector<const Rule*>& out);     // E3002/E3003/E3012 ... schemas/
void append_sam_rules(std::vector<const Rule*>& out);        // E0001 ... SAM transform checks
void append_limit_rules(std::vector<const Rule*>& out);      // spec/limits.md rows, runtimes
void append_reference_rules(std::vector<const Rule*>& out);  // Ref/GetAtt/Sub/DependsOn, fns

}  // namespace sls::validate::defs
