// Error construction and the location/code renderings every edge shares.
#include "core/error.h"

#include <utility>

namespace sls {

Error::Error(Errc code, std::string message, SourceLoc where)
    : code_(code), message_(std::move(message)), where_(std::move(where)) {}

std::string format_loc(const SourceLoc& loc) {
  if (loc.line <= 0) return loc.file;
  std::string out = loc.file;
  out += ':';
  out += std::to_string(loc.line);
  out += ':';
  out += std::to_string(loc.col > 0 ? loc.col : 1);
  return out;
}

const char* errc_name(Errc code) {
  switch (code) {
    case Errc::kUsage:
      return "usage";
    case Errc::kTemplateSyntax:
      return "template-syntax";
    case Errc::kTemplateInvalid:
      return "template-invalid";
    case Errc::kValidation:
      return "validation";
    case Errc::kSerialization:
      return "serialization";
    case Errc::kNotFound:
      return "not-found";
    case Errc::kConflict:
      return "conflict";
    case Errc::kConditionFailed:
      return "condition-failed";
    case Errc::kLimitExceeded:
      return "limit-exceeded";
    case Errc::kTimeout:
      return "timeout";
    case Errc::kIo:
      return "io";
    case Errc::kInternal:
      return "internal";
  }
  return "internal";
}

}  // namespace sls
