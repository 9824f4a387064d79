// The logical ids and condition names the SAM transform adds to a template, so the reference
// rules accept a Ref/GetAtt/Sub/DependsOn to them. Every name samtranslator generates for a SAM
// resource starts with that resource's logical id (<F>Role, <F>Alias<name>, <F>Version<hash>,
// <F><Event>Permission, <A><Stage>Stage, <A>Deployment<hash>, <L><hash>, <F>Url, "F.Alias",
// "A.Stage", ...), so we accept any name with such a prefix; the few shared names (implicit
// APIs, CodeDeploy, shared usage plans, custom domains) are listed. Accepting too much only
// misses an error; rejecting a generated name would be a false error.
// Thread safety: immutable after construction.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "template/template.h"

namespace sls::validate::defs {

class GeneratedNames {
 public:
  explicit GeneratedNames(const tmpl::App& app);

  // True when the SAM transform of this template may create a resource with this logical id.
  bool resource(std::string_view id) const;
  // True when the SAM transform may add a condition of this name.
  bool condition(std::string_view name) const;

 private:
  // Logical ids of the resources the transform expands (AWS::Serverless::* and any resource
  // with embedded Connectors).
  std::vector<std::string> expanded_;
  bool sam_ = false;  // the template has something for the transform to expand
};

// True for the SAM resource types (AWS::Serverless::*).
bool is_sam_type(std::string_view type);

}  // namespace sls::validate::defs
