// The one error type of sls: a code that says which edge mapping applies (exit status,
// HTTP status, AWS error type), a message, and where in the input the problem is.
// Thread safety: Error is an immutable value; copies may be used from any thread.
#pragma once

#include <cstdint>
#include <exception>
#include <string>

namespace sls {

enum class Errc : uint8_t {
  kUsage,            // bad command-line flags or arguments
  kTemplateSyntax,   // the template is not well-formed YAML/JSON
  kTemplateInvalid,  // well-formed, but not a usable template (wrong shapes, bad refs)
  kValidation,       // a request or value breaks a documented constraint
  kSerialization,    // a request member has the wrong JSON type (DynamoDB SerializationException)
  kNotFound,         // a named thing (file, function, table) does not exist
  kConflict,         // a named thing already exists or is busy (DynamoDB ResourceInUseException)
  kConditionFailed,  // a conditional write's condition was false
  kLimitExceeded,    // an AWS service limit was crossed
  kTimeout,          // a deadline passed
  kIo,               // reading or writing a file or socket failed
  kInternal,         // a bug of ours
};

// 1-based line and column; line 0 means "no location".
struct SourceLoc {
  std::string file;
  int line = 0;
  int col = 0;
  bool operator==(const SourceLoc&) const = default;
};

class Error : public std::exception {
 public:
  Error(Errc code, std::string message, SourceLoc where = {});
  Errc code() const noexcept { return code_; }
  const SourceLoc& where() const noexcept { return where_; }
  const std::string& message() const noexcept { return message_; }
  const char* what() const noexcept override { return message_.c_str(); }

 private:
  Errc code_;
  std::string message_;
  SourceLoc where_;
};

// "file:line:col" (or "file" alone when line is 0; "" when there is no file either).
std::string format_loc(const SourceLoc& loc);

// A short stable name for the code ("usage", "template-syntax", ...), for JSON output.
const char* errc_name(Errc code);

}  // namespace sls
