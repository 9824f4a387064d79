// Tests of core's data tables: the AWS limits table and the Lambda runtime lifecycle, checked
// against spec/limits.md itself where the spec states the dates.
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "core/limits.h"
#include "core/runtimes.h"

namespace {

using sls::runtimes::Date;
using sls::runtimes::Stage;

Stage stage(std::string_view id, Date day) {
  const auto rt = sls::runtimes::find(id);
  REQUIRE(rt.has_value());
  return sls::runtimes::stage_on(*rt, day);
}

std::string trim(std::string s) {
  s.erase(0, s.find_first_not_of(" \t"));
  s.erase(s.find_last_not_of(" \t") + 1);
  return s;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string part; std::getline(in, part, sep);) out.push_back(trim(part));
  return out;
}

// "2028‑04‑30" (the spec writes non-breaking hyphens) as 20280430; "—" or "none" as 0;
// -1 when the cell is not one date ("≤ 2023‑03‑31", "a / b").
Date spec_date(const std::string& cell) {
  std::string digits;
  for (const char c : cell) {
    if (c >= '0' && c <= '9') digits += c;
  }
  if (cell.starts_with("—") || cell == "none") return 0;
  if (digits.size() != 8 || cell.find('/') != std::string::npos ||
      cell.find("≤") != std::string::npos) {
    return -1;
  }
  return std::stoi(digits);
}

}  // namespace

TEST_CASE("Every limit has a unique id, a unit and its section of limits.md") {
  std::set<std::string_view> ids;
  for (const sls::limits::Limit& l : sls::limits::all()) {
    CAPTURE(l.id);
    CHECK(ids.insert(l.id).second);
    CHECK(!l.unit.empty());
    CHECK(l.source.starts_with("limits.md#"));
    // Only exponents may be negative (DynamoDB's smallest number is 1E-130).
    if (l.unit != "exponent") CHECK(l.value >= 0);
  }
  CHECK(ids.size() == sls::limits::all().size());
}

TEST_CASE("A limit is found by its id, and an unknown id finds nothing") {
  const sls::limits::Limit* memory = sls::limits::find("lambda.memory.max");
  REQUIRE(memory != nullptr);
  CHECK(memory->value == 10240);
  CHECK(memory->unit == "MB");
  CHECK(sls::limits::find("lambda.env.bytes")->value == 4096);
  CHECK(sls::limits::find("cfn.resources.max")->value == 500);
  CHECK(sls::limits::find("no.such.limit") == nullptr);
}

TEST_CASE("Runtimes are found by id with their lifecycle dates") {
  const auto py = sls::runtimes::find("python3.12");
  REQUIRE(py.has_value());
  CHECK(py->deprecated == 20281031);
  CHECK(py->block_create == 20281130);
  CHECK(py->block_update == 20290110);
  CHECK(py->successor == "python3.14");
  CHECK(sls::runtimes::find("python9.9") == std::nullopt);
  CHECK(sls::runtimes::find("") == std::nullopt);
}

TEST_CASE("The runtime table agrees with every single date limits.md section 3 states") {
  std::ifstream in(std::string(SLS_SHARED_DIR) + "/spec/limits.md");
  REQUIRE(in.good());
  int compared = 0;
  bool in_section = false;
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("## ")) in_section = line.starts_with("## 3.");
    if (!in_section || !line.starts_with("| ") || line.find("Runtime id") != std::string::npos) {
      continue;
    }
    const std::vector<std::string> cells = split(line, '|');  // "", id, OS, arch, 3 dates, status
    if (cells.size() < 8) continue;
    const Date deprecated = spec_date(cells[4]);
    const Date create = spec_date(cells[5]);
    const Date update = spec_date(cells[6]);
    if (deprecated < 0 || create < 0 || update < 0) continue;  // ranges and bounds
    for (const std::string& named : split(cells[1], ',')) {
      const std::string id = named.substr(0, named.find(' '));
      CAPTURE(id);
      const auto rt = sls::runtimes::find(id);
      REQUIRE(rt.has_value());
      CHECK(rt->deprecated == deprecated);
      CHECK(rt->block_create == create);
      CHECK(rt->block_update == update);
      ++compared;
    }
  }
  CHECK(compared >= 35);
}

TEST_CASE("Old runtimes that limits.md bounds with ≤ are blocked within those bounds") {
  for (const sls::runtimes::Runtime& rt : sls::runtimes::all()) {
    CAPTURE(rt.id);
    if (rt.block_create != 0 && rt.block_update != 0) CHECK(rt.block_create <= rt.block_update);
    const auto successor = sls::runtimes::find(rt.successor);
    REQUIRE(successor.has_value());
    CHECK(!successor->preview);
    const bool same_family = successor->family == rt.family;
    const bool go_to_provided =
        rt.family == sls::runtimes::Family::kGo && rt.successor == "provided.al2023";
    CHECK((same_family || go_to_provided));
  }
  CHECK(sls::runtimes::find("nodejs10.x")->block_update <= 20230430);
  CHECK(sls::runtimes::find("dotnetcore1.0")->block_update <= 20230503);
}

TEST_CASE("A runtime's stage follows its dates, each day inclusive") {
  SUBCASE("nodejs20.x through its lifecycle") {
    CHECK(stage("nodejs20.x", 20251031) == Stage::kSupported);
    CHECK(stage("nodejs20.x", 20251101) == Stage::kDeprecationSoon);  // 180 days before
    CHECK(stage("nodejs20.x", 20260429) == Stage::kDeprecationSoon);
    CHECK(stage("nodejs20.x", 20260430) == Stage::kDeprecated);
    CHECK(stage("nodejs20.x", 20270131) == Stage::kDeprecated);
    CHECK(stage("nodejs20.x", 20270201) == Stage::kCreateBlocked);
    CHECK(stage("nodejs20.x", 20270302) == Stage::kCreateBlocked);
    CHECK(stage("nodejs20.x", 20270303) == Stage::kBlocked);
  }
  SUBCASE("on the day the tests use") {
    constexpr Date kDay = 20261123;
    CHECK(stage("python3.14", kDay) == Stage::kSupported);
    CHECK(stage("nodejs22.x", kDay) == Stage::kDeprecationSoon);
    CHECK(stage("python3.10", kDay) == Stage::kDeprecated);
    CHECK(stage("dotnet8", kDay) == Stage::kDeprecated);
    CHECK(stage("nodejs14.x", kDay) == Stage::kCreateBlocked);
    CHECK(stage("go1.x", kDay) == Stage::kCreateBlocked);
    CHECK(stage("nodejs12.x", kDay) == Stage::kBlocked);
    CHECK(stage("python3.15", kDay) == Stage::kPreview);
  }
  SUBCASE("runtimes without published block dates are never blocked") {
    CHECK(stage("dotnet9", 20991231) == Stage::kDeprecated);
    CHECK(stage("java17.al2023", 20290701) == Stage::kDeprecated);
    CHECK(stage("java17.al2023", 20290831) == Stage::kBlocked);
  }
}

TEST_CASE("Dates add days across months, years and leap days, and print as yyyy-mm-dd") {
  CHECK(sls::runtimes::add_days(20280228, 1) == 20280229);
  CHECK(sls::runtimes::add_days(20270228, 1) == 20270301);
  CHECK(sls::runtimes::add_days(20261231, 1) == 20270101);
  CHECK(sls::runtimes::add_days(20270301, -1) == 20270228);
  CHECK(sls::runtimes::add_days(20261002, 180) == 20270331);
  CHECK(sls::runtimes::format_date(20260430) == "2026-04-30");
  CHECK(sls::runtimes::format_date(20270101) == "2027-01-01");
}

TEST_CASE("Today is SLS_TODAY when it is set") {
  const char* saved = std::getenv("SLS_TODAY");
  const std::string restore = saved ? saved : "";
  setenv("SLS_TODAY", "2026-11-23", 1);
  CHECK(sls::runtimes::today() == 20261123);
  setenv("SLS_TODAY", "2027-02-01", 1);
  CHECK(sls::runtimes::today() == 20270201);
  setenv("SLS_TODAY", "garbage", 1);
  CHECK(sls::runtimes::today() > 20250101);  // falls back to the clock
  if (saved) {
    setenv("SLS_TODAY", restore.c_str(), 1);
  } else {
    unsetenv("SLS_TODAY");
  }
}
