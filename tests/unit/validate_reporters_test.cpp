// The validate reporters: every format of each case against its golden files under
// tests/fixtures/validate/reporters/<case>/, plus the properties goldens cannot show.
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "golden.h"
#include "validate/validate.h"

namespace {

using sls::validate::FileReport;
using sls::validate::Finding;
using sls::validate::Format;
using sls::validate::Severity;

Finding finding(std::string rule, Severity sev, std::string file, int line, int col,
                std::string message, std::string path = {}, std::string resource = {}) {
  return Finding{std::move(rule),    sev,
                 std::move(message), {std::move(file), line, col},
                 std::move(path),    std::move(resource)};
}

// The SARIF driver's version is SLS_VERSION; the goldens hold a placeholder so that a release
// does not rewrite them.
std::string without_version(std::string sarif) {
  const std::string actual = std::string("\"version\": \"") + SLS_VERSION + "\"";
  const std::string placeholder = "\"version\": \"@SLS_VERSION@\"";
  for (size_t at = sarif.find(actual); at != std::string::npos; at = sarif.find(actual, at)) {
    sarif.replace(at, actual.size(), placeholder);
  }
  return sarif;
}

void check_all_formats(const std::string& name, const std::vector<FileReport>& reports) {
  const std::string dir = "validate/reporters/" + name + "/";
  sls::test::check_golden(dir + "expected.txt", render(Format::kText, reports));
  sls::test::check_golden(dir + "expected.json", render(Format::kJson, reports));
  sls::test::check_golden(dir + "expected.sarif", without_version(render(Format::kSarif, reports)));
  sls::test::check_golden(dir + "expected.xml", render(Format::kJunit, reports));
}

// Two templates: one with errors (a registered rule, E1001, twice), a warning and an info
// finding (ids no rule owns, so only the finding's own data is shown); one clean.
std::vector<FileReport> mixed_reports() {
  const std::string app = "templates/app.yaml";
  return {
      FileReport{
          app,
          {finding("E1001", Severity::kError, app, 1, 1, "'Resources' is a required property"),
           finding("E1001", Severity::kError, app, 4, 1,
                   "Additional properties are not allowed ('Foo' was unexpected)", "Foo"),
           finding("W9001", Severity::kWarning, app, 6, 7, "Layer version is not pinned",
                   "Resources/Fn/Properties/Layers/0", "Fn"),
           finding("I9001", Severity::kInfo, app, 8, 3, "Consider a dead-letter queue",
                   "Resources/Fn/Properties", "Fn")}},
      FileReport{"clean.yaml", {}},
  };
}

// Text every format must escape: quotes, markup, a tab and a newline, non-ASCII, a byte that
// is not UTF-8 and a control character XML forbids; a path with spaces and markup; numeric
// path segments that are keys, not list indexes.
std::vector<FileReport> escaping_reports() {
  const std::string path = "dir with space/a&b <c>.yaml";
  return {FileReport{
      path,
      {finding("E1001", Severity::kError, path, 2, 3,
               "'Fo\"o' <b>&amp; caf\xC3\xA9\tbad \xFF byte \x01 csi \xC2\x9B end\nsecond line",
               "Mappings/123456789012/007/12")}}};
}

}  // namespace

TEST_CASE(
    "A clean template renders as no text, an empty JSON list, a SARIF run without results "
    "and one passing JUnit test") {
  check_all_formats("clean", {FileReport{"template.yaml", {}}});
}

TEST_CASE("Errors, warnings and info findings of two files render in every format") {
  check_all_formats("errors_and_warnings", mixed_reports());
}

TEST_CASE("Quotes, markup, control characters and bad UTF-8 are escaped in every format") {
  check_all_formats("escaping", escaping_reports());
}

TEST_CASE("An unreadable absolute path renders without a region and as a file URI") {
  const std::vector<FileReport> reports = {
      sls::validate::validate_file("/nonexistent/sls-reporters-test/template.yaml", {})};
  REQUIRE(reports[0].findings.size() == 1);
  check_all_formats("unreadable", reports);
}

TEST_CASE("Colour text wraps the location in bold and the severity in gcc's colours") {
  const std::vector<FileReport> reports = {
      FileReport{"t.yaml",
                 {finding("E1001", Severity::kError, "t.yaml", 1, 2, "bad"),
                  finding("W9001", Severity::kWarning, "t.yaml", 3, 4, "meh")}}};
  CHECK(render(Format::kText, reports, {.color = true}) ==
        "\x1b[1mt.yaml:1:2:\x1b[0m \x1b[1;31merror\x1b[0m E1001 bad\n"
        "\x1b[1mt.yaml:3:4:\x1b[0m \x1b[1;35mwarning\x1b[0m W9001 meh\n");
}

TEST_CASE("Every SARIF result's ruleIndex points at the rule with its ruleId") {
  const nlohmann::json log = nlohmann::json::parse(render(Format::kSarif, mixed_reports()));
  const nlohmann::json& run = log["runs"][0];
  REQUIRE(run["results"].size() == 4);
  for (const nlohmann::json& result : run["results"]) {
    const size_t index = result["ruleIndex"].get<size_t>();
    REQUIRE(index < run["tool"]["driver"]["rules"].size());
    CHECK(run["tool"]["driver"]["rules"][index]["id"] == result["ruleId"]);
  }
  CHECK(run["tool"]["driver"]["version"] == SLS_VERSION);
}

TEST_CASE("JSON finding ids are stable across runs and differ between findings") {
  const auto ids = [] {
    const nlohmann::json list = nlohmann::json::parse(render(Format::kJson, mixed_reports()));
    std::vector<std::string> out;
    for (const nlohmann::json& f : list) out.push_back(f["Id"].get<std::string>());
    return out;
  };
  const std::vector<std::string> first = ids();
  CHECK(first == ids());
  REQUIRE(first.size() == 4);
  CHECK(first[0] != first[1]);
  CHECK(first[0].size() == 36);
}

TEST_CASE("No reports render as empty documents of each format") {
  CHECK(render(Format::kText, {}) == "");
  CHECK(render(Format::kJson, {}) == "[]\n");
  CHECK(render(Format::kJunit, {}) ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<testsuites name=\"sls validate\" tests=\"0\" failures=\"0\" errors=\"0\">\n"
        "</testsuites>\n");
}
