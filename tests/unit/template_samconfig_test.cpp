// samconfig.toml / .yaml / .yml read for command defaults the way SAM CLI reads them.
#include <filesystem>
#include <fstream>
#include <string>

#include <doctest/doctest.h>
#include <unistd.h>

#include "template/template.h"
#include "template_test_util.h"

namespace sls::tmpl {

namespace {

using Config = std::map<std::string, std::string>;

struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& name)
      : path(std::filesystem::temp_directory_path() / ("sls_samconfig_test_" + name)) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string dir() const { return path.string(); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
    return (path / name).string();
  }
};

Error read_error(const TempDir& d, std::string_view command = "validate",
                 const std::string& file = "") {
  try {
    (void)read_samconfig(d.dir(), "default", command, file);
  } catch (const Error& e) {
    return e;
  }
  FAIL("no throw");
  return Error(Errc::kInternal, "");
}

constexpr std::string_view kToml =
    "version = 0.1\n"
    "[default.global.parameters]\n"
    "stack_name = \"app\"\n"
    "region = \"us-east-1\"\n"
    "[default.validate.parameters]\n"
    "region = \"eu-west-1\"\n"
    "lint = true\n"
    "parameter_overrides = \"Env=dev Name=\\\"a b\\\"\"\n"
    "[default.local_start_api.parameters]\n"
    "port = 3001\n"
    "[prod.validate.parameters]\n"
    "parameter_overrides = [\"Env=prod\", \"ParameterKey=Size,ParameterValue=3\"]\n"
    "capabilities = [\"CAPABILITY_IAM\", \"CAPABILITY_NAMED_IAM\"]\n";

}  // namespace

TEST_CASE("No samconfig file gives no defaults") {
  const TempDir d("none");
  CHECK(read_samconfig(d.dir(), "default", "validate").empty());
}

TEST_CASE("The command's parameters win over the environment's global ones") {
  const TempDir d("toml");
  d.write("samconfig.toml", std::string(kToml));
  CHECK(read_samconfig(d.dir(), "default", "validate") ==
        Config{{"lint", "true"},
               {"parameter_overrides", "Env=dev Name=\"a b\""},
               {"region", "eu-west-1"},
               {"stack_name", "app"}});
  CHECK(read_samconfig(d.dir(), "", "validate").at("region") == "eu-west-1");  // "" = default
  CHECK(read_samconfig(d.dir(), "default", "local start-api") ==
        Config{{"port", "3001"}, {"region", "us-east-1"}, {"stack_name", "app"}});
  CHECK(read_samconfig(d.dir(), "default", "build") ==
        Config{{"region", "us-east-1"}, {"stack_name", "app"}});
  CHECK(read_samconfig(d.dir(), "missing-env", "validate").empty());
}

TEST_CASE("parameter_overrides as a list reads each item as SAM does") {
  const TempDir d("list");
  d.write("samconfig.toml", std::string(kToml));
  const Config c = read_samconfig(d.dir(), "prod", "validate");
  CHECK(c.at("parameter_overrides") == "Env=\"prod\" Size=\"3\"");
  CHECK(c.at("capabilities") == "CAPABILITY_IAM CAPABILITY_NAMED_IAM");
  const std::vector<std::string> args{c.at("parameter_overrides")};
  CHECK(parse_parameter_overrides(args) ==
        std::map<std::string, std::string>{{"Env", "prod"}, {"Size", "3"}});
}

TEST_CASE("samconfig.yaml is read when there is no samconfig.toml, with maps of overrides") {
  const TempDir d("yaml");
  d.write("samconfig.yaml",
          "version: 0.1\n"
          "default:\n"
          "  validate:\n"
          "    parameters:\n"
          "      parameter_overrides:\n"
          "        Env: prod\n"
          "        Quote: 'say \"hi\"'\n"
          "        Zones: [a, b]\n");
  const Config c = read_samconfig(d.dir(), "default", "validate");
  CHECK(c.at("parameter_overrides") == R"(Env="prod" Quote="say \"hi\"" Zones="a,b")");
  const std::vector<std::string> args{c.at("parameter_overrides")};
  CHECK(parse_parameter_overrides(args) ==
        std::map<std::string, std::string>{
            {"Env", "prod"}, {"Quote", "say \"hi\""}, {"Zones", "a,b"}});
  d.write("samconfig.yml", "version: 0.1\ndefault: {validate: {parameters: {region: yml}}}\n");
  CHECK(read_samconfig(d.dir(), "default", "validate").count("region") == 0);  // .yaml first
  std::filesystem::remove(d.path / "samconfig.yaml");
  CHECK(read_samconfig(d.dir(), "default", "validate").at("region") == "yml");
  d.write("samconfig.toml", "version = 0.1\n[default.validate.parameters]\nregion = \"toml\"\n");
  CHECK(read_samconfig(d.dir(), "default", "validate").at("region") == "toml");  // .toml first
}

TEST_CASE("An explicit config file wins and is found relative to the template's folder") {
  const TempDir d("explicit");
  d.write("samconfig.toml", "version = 0.1\n[default.validate.parameters]\nregion = \"a\"\n");
  d.write("other.toml", "version = 0.1\n[default.validate.parameters]\nregion = \"b\"\n");
  CHECK(read_samconfig(d.dir(), "default", "validate", "other.toml").at("region") == "b");
  CHECK(read_samconfig("/", "default", "validate", (d.path / "other.toml").string()).at("region") ==
        "b");
  SUBCASE("a missing explicit file is an error") {
    const Error e = read_error(d, "validate", "nope.toml");
    CHECK(e.code() == Errc::kNotFound);
    CHECK(e.message() == "Config file nope.toml does not exist or could not be read!");
  }
  SUBCASE("except SAM's own default name") {
    const TempDir empty("explicit_default");
    CHECK(read_samconfig(empty.dir(), "default", "validate", "samconfig.toml").empty());
  }
  SUBCASE("an extension SAM does not read") {
    d.write("conf.json", "{}");
    const Error e = read_error(d, "validate", "conf.json");
    CHECK(e.code() == Errc::kUsage);
    CHECK(e.message() == "The config file " + (d.path / "conf.json").string() +
                             " uses an unsupported extension, and cannot be read.");
  }
}

TEST_CASE("A malformed samconfig is a located syntax error") {
  const TempDir d("bad");
  SUBCASE("TOML") {
    const std::string path = d.write("samconfig.toml", "version = 0.1\n[default\nx = 1\n");
    const Error e = read_error(d);
    CHECK(e.code() == Errc::kTemplateSyntax);
    CHECK(e.where().file == path);
    CHECK(e.where().line == 2);
    CHECK(e.message().starts_with("Error reading configuration: "));
  }
  SUBCASE("YAML") {
    const std::string path = d.write("samconfig.yaml", "version: 0.1\ndefault: [1,\n");
    const Error e = read_error(d);
    CHECK(e.code() == Errc::kTemplateSyntax);
    CHECK(e.where().file == path);
    CHECK(e.where().line == 3);
    CHECK(e.message() == "Error reading configuration: end of sequence flow not found");
  }
  SUBCASE("no version") {
    const std::string path = d.write("samconfig.toml", "[default.validate.parameters]\nx = 1\n");
    const Error e = read_error(d);
    CHECK(e.code() == Errc::kTemplateSyntax);
    CHECK(e.message() ==
          "Error reading configuration: 'version' key is not present or is in unrecognized "
          "format. ");
    CHECK(e.where() == SourceLoc{path, 0, 0});
  }
  SUBCASE("an integer version") {
    const std::string path = d.write("samconfig.toml", "version = 1\n");
    CHECK(read_error(d).where() == SourceLoc{path, 1, 1});
  }
  SUBCASE("a section that is not a table") {
    const std::string path = d.write("samconfig.toml", "version = 0.1\ndefault = 5\n");
    const Error e = read_error(d);
    CHECK(e.message() == "Error reading configuration: [default] is not a table");
    CHECK(e.where() == SourceLoc{path, 2, 1});
    d.write("samconfig.toml", "version = 0.1\n[default.validate]\nparameters = [1]\n");
    CHECK(read_error(d).message() ==
          "Error reading configuration: [default.validate.parameters] is not a table");
  }
  SUBCASE("a YAML file that is not a map") {
    d.write("samconfig.yaml", "- 1\n");
    CHECK(read_error(d).message() == "Error reading configuration: the file is not a table");
  }
}

TEST_CASE("An empty samconfig gives no defaults") {
  const TempDir d("empty");
  d.write("samconfig.toml", "");
  CHECK(read_samconfig(d.dir(), "default", "validate").empty());
  std::filesystem::remove(d.path / "samconfig.toml");
  d.write("samconfig.yaml", "# nothing\n");
  CHECK(read_samconfig(d.dir(), "default", "validate").empty());
}

TEST_CASE("A samconfig that is a directory is not read") {
  const TempDir d("directory");
  std::filesystem::create_directory(d.path / "samconfig.toml");
  CHECK(read_samconfig(d.dir(), "default", "validate").empty());
}

TEST_CASE("An unreadable samconfig is an I/O error naming it") {
  const TempDir d("unreadable");
  const std::string path = d.write("samconfig.toml", "version = 0.1\n");
  std::filesystem::permissions(path, std::filesystem::perms::none);
  if (::geteuid() == 0) {
    MESSAGE("running as root: every file is readable, nothing to test");
    return;
  }
  const Error e = read_error(d);
  CHECK(e.code() == Errc::kIo);
  CHECK(e.message() == "cannot read " + path);
}

}  // namespace sls::tmpl
