// The tag checks TagResource and CreateTable share (spec/dynamodb-api.md 3.18).
// Thread safety: pure functions.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace sls::table::engine {

// A Tags list ([{Key, Value}]) checked as AWS checks it: key 1-128 characters, value 0-256,
// letters, digits, white space and + - = . _ : / @ only, no `aws:` prefix, no repeated key, at
// most 50. Throws Error{kValidation} with AWS's message. Requires: member types were checked.
std::vector<std::pair<std::string, std::string>> parse_tags(const nlohmann::json& tags);

}  // namespace sls::table::engine
