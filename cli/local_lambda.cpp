// `sls local-lambda`: serve the Lambda Invoke API for the template's functions on loopback (like
// `sam local start-lambda`, without Docker), so `aws lambda invoke --endpoint-url` and the SDKs
// call them. Environments stay warm between invocations. When the template declares tables,
// they are served too (from the same store `sls local-table` uses) and every function gets
// AWS_ENDPOINT_URL_DYNAMODB pointing at them. Prints one "Listening on" line when ready; stops
// every child on Ctrl-C or SIGTERM.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cli/common.h"
#include "cli/functions.h"
#include "cli/tables.h"
#include "core/log.h"
#include "http/http.h"
#include "runtime/invoke_api.h"
#include "runtime/runtime.h"
#include "template/template.h"

namespace sls::cli {

namespace {

constexpr uint16_t kDefaultPort = 3001;  // sam local start-lambda's
constexpr int kDefaultConcurrency = 4;

struct LocalLambdaFlags {
  TemplateOptions t;
  uint16_t port = kDefaultPort;
  std::string host = "127.0.0.1";
  std::string env_vars;
  int concurrency = kDefaultConcurrency;
  FunctionTableFlags tables;
  bool no_sandbox = false;
  bool no_freeze = false;
};

int run(const GlobalOptions& g, const LocalLambdaFlags& f) {
  tmpl::App app;
  try {
    app = load_app(g, f.t, "local-start-lambda");
  } catch (const Error& e) {
    print_error(g, e);
    return kExitTemplateError;
  }
  std::vector<runtime::FunctionConfig> functions = local_functions(app, f.env_vars);
  if (functions.empty()) throw Error(Errc::kNotFound, "No functions found in template");
  const std::string region = region_from(process_environment());

  // One loop thread: an invoke crosses the loop four times (the caller's request, the event to
  // the runtime, its response, the answer), and with two threads each crossing could be a
  // hand-off between them. Measured with bench/invoke-warm.sh, one thread took the noop
  // function's p50 from 0.57-0.71 ms to 0.37 ms, and raised the 2-instance throughput.
  http::EventLoop loop(1);
  std::unique_ptr<FunctionTables> tables;
  try {
    tables = std::make_unique<FunctionTables>(loop, app, f.tables, region);
  } catch (const Error& e) {
    print_error(g, e);
    return kExitTemplateError;
  }
  runtime::ServiceOptions options;
  options.region = region;
  options.sandbox = !f.no_sandbox;
  options.freeze_idle = !f.no_freeze;
  options.default_concurrency = f.concurrency;
  if (!tables->endpoint().empty()) {
    options.extra_environment["AWS_ENDPOINT_URL_DYNAMODB"] = tables->endpoint();
  }
  runtime::Service service(loop, std::move(functions), options);
  runtime::InvokeApiOptions api_options;
  api_options.region = region;
  runtime::InvokeApi api(service, api_options);
  http::Server server(loop, f.host, f.port, api.handler());
  loop.catch_stop_signals();  // before the line others wait for, so their Ctrl-C is caught
  for (const runtime::FunctionConfig& fn : service.functions()) {
    sls::log::info("function {} ({}, {})", fn.name, fn.runtime, fn.handler);
  }
  std::printf("Listening on http://%s:%u\n", f.host.c_str(), static_cast<unsigned>(server.port()));
  std::fflush(stdout);
  const int signal = loop.wait_for_stop_signal();
  sls::log::info("signal {}: stopping", signal);
  server.stop();
  api.stop();
  service.stop();
  tables->stop();
  loop.stop();
  return kExitOk;
}

}  // namespace

Command add_local_lambda(CLI::App& root, GlobalOptions& g) {
  auto flags = std::make_shared<LocalLambdaFlags>();  // lives as long as the callback
  CLI::App* cmd = root.add_subcommand(
      "local-lambda", "Serve the Lambda Invoke API for the template's functions, locally");
  add_template_option(*cmd, flags->t, false);
  add_parameter_overrides(*cmd, flags->t);
  cmd->add_option("-p,--port", flags->port, "Port to listen on (0 picks a free port)")
      ->capture_default_str();
  cmd->add_option("--host", flags->host, "Address to listen on")->capture_default_str();
  cmd->add_option("-n,--env-vars", flags->env_vars,
                  "Environment variable values: a JSON file as SAM's, or a .env file");
  cmd->add_option("--concurrency", flags->concurrency,
                  "Environments per function without ReservedConcurrentExecutions")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  add_function_table_options(*cmd, flags->tables);
  cmd->add_flag("--no-sandbox", flags->no_sandbox,
                "Run without a sandbox (the code directory stays writable, /tmp is shared)");
  cmd->add_flag("--no-freeze", flags->no_freeze,
                "Let idle environments run between invocations (Lambda freezes them)");
  return Command{cmd, [&g, flags] { return run(g, *flags); }};
}

}  // namespace sls::cli
