// The connections AWS::Serverless::Connector supports (SAM's connector profiles).
#pragma once

#include <array>
#include <string_view>

namespace sls::validate::sam {

// The most access categories, and allowed combinations, any profile has.
inline constexpr size_t kMaxAccessCategories = 2;
inline constexpr size_t kMaxCategoryCombinations = 2;

struct ConnectorProfile {
  std::string_view source;       // CloudFormation resource type
  std::string_view destination;  // CloudFormation resource type
  // In the profile's order; unused slots are "".
  std::array<std::string_view, kMaxAccessCategories> categories;
  // The allowed combinations when restricted (ValidAccessCategories); unused slots are empty.
  std::array<std::array<std::string_view, kMaxAccessCategories>, kMaxCategoryCombinations> combos;
};

// The profile connecting `source` to `dest`, or nullptr when the transform supports none.
const ConnectorProfile* find_connector_profile(std::string_view source, std::string_view dest);

}  // namespace sls::validate::sam
