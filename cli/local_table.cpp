// `sls local-table`: serve the DynamoDB API (the engine alone, like DynamoDB Local) on loopback,
// with the template's tables created first. Prints one "Listening on" line when it accepts
// connections; stops cleanly on Ctrl-C or SIGTERM.
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/common.h"
#include "cli/tables.h"
#include "core/log.h"
#include "http/http.h"
#include "table/table.h"
#include "template/template.h"

namespace sls::cli {

namespace {

constexpr uint16_t kDefaultPort = 8000;  // DynamoDB Local's, so SDK configs work unchanged
constexpr std::string_view kDefaultDbFile = ".sls/tables.db";

struct LocalTableFlags {
  TemplateOptions t;
  uint16_t port = kDefaultPort;
  std::string host = "127.0.0.1";
  std::string db;
  bool in_memory = false;
  bool strict_auth = false;
};

// The template to serve: -t, else samconfig's template_file, else template.yaml|yml|json here
// when one exists. "" = no template.
std::string template_path(const LocalTableFlags& f, const std::map<std::string, std::string>& cfg) {
  if (!f.t.templates.empty()) return f.t.templates.front();
  if (const auto it = cfg.find("template_file"); it != cfg.end()) return it->second;
  const std::string found = default_template();
  std::error_code ec;
  return std::filesystem::exists(found, ec) ? found : "";
}

std::string db_path(const LocalTableFlags& f, const std::string& tpl) {
  return table_db_path(f.db, f.in_memory, tpl);
}

}  // namespace

std::string table_db_path(const std::string& db, bool in_memory, const std::string& tpl) {
  if (in_memory) return "";
  if (!db.empty()) return db;
  std::filesystem::path dir = tpl.empty() ? "." : std::filesystem::path(tpl).parent_path();
  if (dir.empty()) dir = ".";
  const std::filesystem::path path = dir / kDefaultDbFile;
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) {
    throw Error(Errc::kIo, "cannot create " + path.parent_path().string() + ": " + ec.message());
  }
  return path.string();
}

namespace {

// TTL is its own call after CreateTable (spec 3.17). On a restart the table keeps its setting,
// and DynamoDB refuses to "change" TTL to what it already is, so an unchanged one is skipped.
void apply_time_to_live(table::Engine& engine, const nlohmann::json& request) {
  const std::string name = request["TableName"];
  const nlohmann::json& want = request["TimeToLiveSpecification"];
  const table::Reply now =
      engine.call(table::Api::kDynamoDb, "DescribeTimeToLive", {{"TableName", name}});
  if (now.ok()) {
    const nlohmann::json& d = now.body.value("TimeToLiveDescription", nlohmann::json::object());
    const std::string status = d.value("TimeToLiveStatus", "");
    const bool enabled = status == "ENABLED" || status == "ENABLING";
    const bool want_enabled = want.value("Enabled", false);
    if (enabled == want_enabled &&
        (!enabled || d.value("AttributeName", "") == want.value("AttributeName", ""))) {
      return;
    }
  }
  const table::Reply r = engine.call(table::Api::kDynamoDb, "UpdateTimeToLive", request);
  if (!r.ok()) {
    sls::log::warn("table {}: TimeToLiveSpecification not applied: {}", name,
                   r.body.value("message", r.error_type));
  }
}

}  // namespace

size_t create_tables(table::Engine& engine, const tmpl::App& app) {
  const nlohmann::json requests = tmpl::table_requests(app);
  for (const nlohmann::json& r : requests) {
    try {
      engine.ensure_table(r["CreateTable"]);
    } catch (const Error& e) {
      const SourceLoc where{app.tpl().path, r["Line"].get<int>(), r["Column"].get<int>()};
      throw Error(Errc::kTemplateInvalid,
                  "table " + r["LogicalId"].get<std::string>() + ": " + e.message(), where);
    }
    if (r.contains("UpdateTimeToLive")) apply_time_to_live(engine, r["UpdateTimeToLive"]);
  }
  return requests.size();
}

namespace {

// An in-memory store has one SQLite connection that every request takes in turn, so a second
// io thread only adds hand-offs: measured under wrk, GetItem cost 26 µs of server CPU with one
// thread against 30-31 µs with two, at the same or better throughput. A file store reads on
// several WAL connections at once and keeps the default.
int io_threads(const LocalTableFlags& f) {
  return f.in_memory ? 1 : http::EventLoop::kDefaultThreads;
}

int serve(table::Engine& engine, const LocalTableFlags& f, const table::WireOptions& wire) {
  http::EventLoop loop(io_threads(f));
  http::ServerOptions options;
  options.body_limit_bytes = table::max_request_bytes();
  http::Server server(loop, f.host, f.port,
                      http::sync_handler([&engine, wire](const http::Request& r) {
                        return table::serve(engine, r, wire);
                      }),
                      options);
  loop.catch_stop_signals();  // before the line others wait for, so their Ctrl-C is caught
  std::printf("Listening on http://%s:%u\n", f.host.c_str(), static_cast<unsigned>(server.port()));
  std::fflush(stdout);
  const int signal = loop.wait_for_stop_signal();
  sls::log::info("signal {}: stopping", signal);
  server.stop();
  loop.stop();
  return kExitOk;
}

int run(const GlobalOptions& g, const LocalTableFlags& f) {
  const std::string probe = f.t.templates.empty() ? default_template() : f.t.templates.front();
  const auto cfg = samconfig_for(g, probe, "local-table");
  const std::string tpl = template_path(f, cfg);
  std::optional<tmpl::App> app;
  if (!tpl.empty()) {
    std::vector<std::string> overrides = f.t.parameter_overrides;
    if (overrides.empty()) {
      if (auto it = cfg.find("parameter_overrides"); it != cfg.end())
        overrides.push_back(it->second);
    }
    tmpl::Bindings bindings;
    bindings.overrides = tmpl::parse_parameter_overrides(overrides);
    try {
      app = tmpl::App::build(tmpl::load_file(tpl), bindings);
    } catch (const Error& e) {
      print_error(g, e);
      return kExitTemplateError;
    }
  }
  table::EngineOptions engine_options;
  engine_options.db_path = db_path(f, tpl);
  table::Engine engine(engine_options);
  size_t tables = 0;
  if (app) {
    try {
      tables = create_tables(engine, *app);
    } catch (const Error& e) {
      print_error(g, e);
      return kExitTemplateError;
    }
  }
  sls::log::info("{} template table{}; data in {}", tables, tables == 1 ? "" : "s",
                 engine_options.db_path.empty() ? "memory" : engine_options.db_path);
  return serve(engine, f,
               table::WireOptions{.region = engine_options.region, .strict_auth = f.strict_auth});
}

}  // namespace

Command add_local_table(CLI::App& root, GlobalOptions& g) {
  auto flags = std::make_shared<LocalTableFlags>();  // lives as long as the callback
  CLI::App* cmd = root.add_subcommand(
      "local-table", "Serve the DynamoDB API locally, with the template's tables created");
  add_template_option(*cmd, flags->t, false);
  add_parameter_overrides(*cmd, flags->t);
  cmd->add_option("-p,--port", flags->port, "Port to listen on (0 picks a free port)")
      ->capture_default_str();
  cmd->add_option("--host", flags->host, "Address to listen on")->capture_default_str();
  CLI::Option* db = cmd->add_option(
      "--db", flags->db, "SQLite database file (default: .sls/tables.db next to the template)");
  cmd->add_flag("--in-memory", flags->in_memory, "Keep the data in memory only")->excludes(db);
  cmd->add_flag("--strict-auth", flags->strict_auth,
                "Refuse requests without SigV4 credentials (signatures are never checked)");
  return Command{cmd, [&g, flags] { return run(g, *flags); }};
}

}  // namespace sls::cli
