// Tests of validate's limit family (spec/limits.md). One table-driven case runs every fixture
// directory under tests/fixtures/validate/limits/: good.yaml sits just inside a limit and must
// give no finding; bad.yaml sits just outside and must print exactly bad.expected
// (SLS_UPDATE_GOLDEN=1 rewrites those). The cases after it pin down behaviour the fixtures
// cannot show: unknown values, Metadata ignores, sizes too large to keep as files.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "validate/validate.h"

namespace {

namespace fs = std::filesystem;
namespace v = sls::validate;

const fs::path kFixtures = fs::path(SLS_SOURCE_DIR) / "tests/fixtures/validate/limits";
// Runtime findings depend on the day; every test judges them on this one.
constexpr const char* kToday = "2026-11-23";

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}

// What `sls validate NAME` prints for `text` (text format, no colour).
std::string lint(std::string_view text, const std::string& name = "template.yaml",
                 const v::Options& opts = {}) {
  setenv("SLS_TODAY", kToday, 1);
  return v::render(v::Format::kText, {v::validate_text(text, name, opts)});
}

constexpr std::string_view kTransform = "Transform: AWS::Serverless-2016-10-31\n";

// A template of one SAM function with `props` (indented 6) added to its Properties.
std::string function_with(std::string_view props) {
  return std::string(kTransform) +
         "Resources:\n"
         "  Fn:\n"
         "    Type: AWS::Serverless::Function\n"
         "    Properties:\n"
         "      CodeUri: s3://bucket/key.zip\n"
         "      Handler: index.handler\n"
         "      Runtime: python3.13\n" +
         std::string(props);
}

// A function with one Schedule (or ScheduleV2) event holding `expr`; the expression is on
// line 13, column 23 (Schedule) or 33 (ScheduleV2).
std::string schedule(std::string_view expr, bool v2 = false) {
  return function_with(std::string("      Events:\n") +
                       "        Tick:\n"
                       "          Type: " +
                       (v2 ? "ScheduleV2" : "Schedule") +
                       "\n"
                       "          Properties:\n"
                       "            " +
                       (v2 ? "ScheduleExpression" : "Schedule") + ": \"" + std::string(expr) +
                       "\"\n");
}

}  // namespace

TEST_CASE("Every limit fixture passes just inside its limit and fails as recorded just outside") {
  const bool update = std::getenv("SLS_UPDATE_GOLDEN") != nullptr;
  std::vector<fs::path> dirs;
  for (const fs::directory_entry& e : fs::directory_iterator(kFixtures)) {
    if (e.is_directory()) dirs.push_back(e.path());
  }
  std::sort(dirs.begin(), dirs.end());
  REQUIRE(dirs.size() >= 50);
  for (const fs::path& dir : dirs) {
    CAPTURE(dir.filename().string());
    CHECK(lint(read_file(dir / "good.yaml"), "good.yaml") == "");
    const std::string got = lint(read_file(dir / "bad.yaml"), "bad.yaml");
    CHECK(!got.empty());
    if (update) {
      write_file(dir / "bad.expected", got);
    } else {
      CHECK(got == read_file(dir / "bad.expected"));
    }
  }
}

TEST_CASE("Values unknown until deploy are not checked") {
  // These templates name resources and conditions they do not declare; the reference rules
  // would say so, and that is not what this case is about.
  v::Options refs_off;
  refs_off.ignore_checks = {"E1010,E1020,E1028"};
  SUBCASE("intrinsics that cannot be resolved") {
    CHECK(lint(function_with("      MemorySize: !GetAtt Config.Memory\n"
                             "      Timeout: !ImportValue shared-timeout\n"
                             "      Environment:\n"
                             "        Variables:\n"
                             "          TABLE: !Ref Table\n"
                             "          BIG: " +
                             std::string(4090, 'x') + "\n"),
               "template.yaml", refs_off) == "");
  }
  SUBCASE("dynamic references") {
    CHECK(lint(function_with("      FunctionName: '{{resolve:ssm:/names/fn}}'\n"
                             "      Description: '{{resolve:ssm:/d}}'\n")) == "");
  }
  SUBCASE("a key schema written with an intrinsic") {
    CHECK(lint(std::string(kTransform) +
                   "Resources:\n"
                   "  T:\n"
                   "    Type: AWS::DynamoDB::Table\n"
                   "    Properties:\n"
                   "      BillingMode: PAY_PER_REQUEST\n"
                   "      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]\n"
                   "      KeySchema: !If [Cond, [{AttributeName: pk, KeyType: HASH}], []]\n",
               "template.yaml", refs_off) == "");
  }
}

TEST_CASE("Environment variables are measured as Lambda's compact JSON in UTF-8 bytes") {
  // {"KK":"v...v"} is 9 bytes plus the value; a quote in the value is escaped to two bytes and
  // 'é' is two UTF-8 bytes.
  const auto env = [](const std::string& value) {
    return function_with("      Environment:\n        Variables:\n          KK: '" + value + "'\n");
  };
  CHECK(lint(env(std::string(4087, 'x'))) == "");
  CHECK(lint(env(std::string(4086, 'x') + "\"")).find("E3697") != std::string::npos);
  CHECK(lint(env(std::string(4085, 'x') + "é")) == "");
  CHECK(lint(env(std::string(4086, 'x') + "é")).find("E3697") != std::string::npos);
}

TEST_CASE("A resource's Metadata ignores its own limit findings but not those from Globals") {
  const std::string text = std::string(kTransform) +
                           "Globals:\n"
                           "  Function:\n"
                           "    Timeout: 901\n"
                           "Resources:\n"
                           "  Fn:\n"
                           "    Type: AWS::Serverless::Function\n"
                           "    Metadata:\n"
                           "      cfn-lint:\n"
                           "        config:\n"
                           "          ignore_checks: [E3034]\n"
                           "    Properties:\n"
                           "      CodeUri: s3://bucket/key.zip\n"
                           "      Handler: index.handler\n"
                           "      Runtime: python3.13\n"
                           "      MemorySize: 10241\n";
  CHECK(lint(text) ==
        "template.yaml:4:14: error E3034 1 validation error detected: Value '901' at 'timeout' "
        "failed to satisfy constraint: Member must have value less than or equal to 900\n");
}

TEST_CASE("Schedule expressions are judged field by field") {
  struct Case {
    std::string_view expr;
    std::string_view problem;  // "" = valid
  };
  const Case cases[] = {
      {"rate(1 minute)", ""},
      {"rate(15 minutes)", ""},
      {"cron(0 18 ? * MON-FRI *)", ""},
      {"cron(0/5 * * * ? *)", ""},
      {"cron(0 0 LW * ? *)", ""},
      {"cron(0 0 ? JAN-MAR,DEC 1,7 2030)", ""},
      {"rate(1 minutes)", "a rate of 1 takes a singular unit (minute, hour, day)"},
      {"rate(-5 minutes)", "the rate value '-5' is not a whole number"},
      {"rate(5 weeks)", "the rate unit must be minute(s), hour(s) or day(s), not 'weeks'"},
      {"rate(5  minutes)", "rate() takes a value and a unit, as in rate(5 minutes)"},
      {"cron(0 10 * * ?)",
       "cron() needs 6 fields (minutes hours day-of-month month day-of-week year), not 5"},
      {"cron(0 10 ? * MON-FRI 1969)", "the year field allows 1970-2199, not 1969"},
      {"cron(0 10 ? FOO * *)", "'FOO' is not a value of the month field"},
      {"cron(0 10 ? * 1/2 *)", "the day-of-week field does not allow '/'"},
      {"cron(0 10 L? * ? *)", "'?' must stand alone in its field"},
      {"cron(0 10 1 * 2 *)", "one of day-of-month and day-of-week must be '?'"},
      {"cron(0 10 1,,2 * ? *)", "the day-of-month field has an empty list item"},
      {"cron(0 10 ? * 1#0 *)", "'1#0' must be one <day>#<1-5> expression alone"},
      {"cron(0 10 ? * MON *) ", "it must be rate(...) or cron(...)"},
      {"at(2030-01-01T00:00:00)", "it must be rate(...) or cron(...)"},
      {"", "it is empty"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.expr);
    const std::string got = lint(schedule(c.expr));
    if (c.problem.empty()) {
      CHECK(got == "");
    } else {
      CHECK(got == "template.yaml:13:23: error E3027 Schedule expression '" + std::string(c.expr) +
                       "' is not valid: " + std::string(c.problem) + "\n");
    }
  }
  CHECK(lint(schedule(std::string(247, ' ') + "rate(1 day)")).find("longer than 256") !=
        std::string::npos);
}

TEST_CASE("EventBridge Scheduler takes at() and either form of a rate unit") {
  CHECK(lint(schedule("at(2030-02-28T12:30:00)", true)) == "");
  CHECK(lint(schedule("rate(1 minutes)", true)) == "");
  CHECK(lint(schedule("rate(5 minute)", true)) == "");
  CHECK(lint(schedule("at(2030-02-30T25:00:00)", true)) ==
        "template.yaml:13:33: error E3027 Schedule expression 'at(2030-02-30T25:00:00)' is not "
        "valid: at() holds a date or time that does not exist\n");
}

TEST_CASE("The template's size is checked against the S3 limit and the inline limit") {
  // A Metadata string pads the template to an exact size.
  const auto sized = [](size_t bytes) {
    const std::string head = std::string(kTransform) + "Metadata:\n  Pad: ";
    const std::string tail = "\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n";
    return head + std::string(bytes - head.size() - tail.size(), 'x') + tail;
  };
  CHECK(sized(51200).size() == 51200);
  CHECK(lint(sized(51200)) == "");
  CHECK(lint(sized(51201)) ==
        "template.yaml:1:1: warning W3930 1 validation error detected: Value '...' at "
        "'templateBody' failed to satisfy constraint: Member must have length less than or equal "
        "to 51200 (the template is 51201 bytes: upload it to S3 instead of sending it inline)\n");
  CHECK(lint(sized(1000000)).find("W3930") != std::string::npos);
  CHECK(lint(sized(1000001)) ==
        "template.yaml:1:1: error E1002 The template file size (1000001 bytes) exceeds the limit "
        "(1000000 bytes)\n");
}

TEST_CASE("Every limit rule is listed once with its metadata") {
  const std::vector<v::RuleInfo>& rules = v::rules();
  for (const std::string_view id :
       {"E1002", "E1003", "E2010", "E2531", "E2533", "E3010", "E3027", "E3031", "E3032",
        "E3033", "E3034", "E3039", "E3501", "E3505", "E3638", "E3639", "E3663", "E3697",
        "E3705", "E3900", "E3910", "E3911", "E3931", "E3940", "E6010", "E7010", "I3903",
        "W2531", "W3901", "W3902", "W3920", "W3921", "W3930"}) {
    CAPTURE(id);
    const auto n =
        std::count_if(rules.begin(), rules.end(), [&](const v::RuleInfo& r) { return r.id == id; });
    CHECK(n == 1);
  }
  for (const v::RuleInfo& r : rules) {
    CAPTURE(r.id);
    CHECK(!r.shortdesc.empty());
    CHECK(!r.description.empty());
  }
}

TEST_CASE("Info rules stay off unless included") {
  const std::string text = function_with("      MemorySize: 4096\n");
  CHECK(lint(text) == "");
  v::Options opts;
  opts.include_checks = {"I3903"};
  CHECK(lint(text, "template.yaml", opts) ==
        "template.yaml:9:19: info I3903 MemorySize 4096 MB is above the 3008 MB a new account may "
        "start with\n");
}
