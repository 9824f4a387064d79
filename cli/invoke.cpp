// `sls invoke`: run one function of the template once, the way `sam local invoke` does but
// without Docker (spec/lambda-runtime-api.md §9): the result on stdout, the function's logs and
// the START/END/REPORT lines on stderr. Exit status 0 when the function succeeded, 3 when it
// failed (handler error, timeout, crash), 1 for a usage or template problem. When the template
// declares tables they are served while the function runs (from the store `sls local-table`
// and `sls local-lambda` use) and AWS_ENDPOINT_URL_DYNAMODB points the function at them.
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "cli/common.h"
#include "cli/functions.h"
#include "cli/tables.h"
#include "core/limits.h"
#include "core/log.h"
#include "http/http.h"
#include "runtime/head_start.h"
#include "runtime/runtime.h"
#include "template/template.h"

namespace sls::cli {

namespace {

// One loop thread is plenty: it only carries one function's Runtime API traffic.
constexpr int kLoopThreads = 1;

struct InvokeFlags {
  TemplateOptions t;
  std::string function;
  std::string event;     // file, "-" for stdin, "" for {}
  std::string env_vars;  // SAM's -n file
  FunctionTableFlags tables;
  bool no_sandbox = false;
};

std::string read_event(const std::string& source) {
  if (source.empty()) return "{}";
  if (source == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  std::ifstream in(source, std::ios::binary);
  if (!in) throw Error(Errc::kNotFound, fmt::format("cannot read event file {}", source));
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The function FUNCTION names (logical id or FunctionName); without one, the template's only
// function. Messages as SAM CLI words them.
tmpl::Function pick(std::vector<tmpl::Function> fns, const std::string& wanted) {
  if (wanted.empty()) {
    if (fns.size() == 1) return std::move(fns.front());
    if (fns.empty()) throw Error(Errc::kNotFound, "No functions found in template");
    std::string names;
    for (const auto& f : fns) names += (names.empty() ? "" : ", ") + f.logical_id;
    throw Error(Errc::kUsage,
                fmt::format("You must provide a function logical ID when there are more than one "
                            "functions in your template. Possible options in your template: [{}]",
                            names));
  }
  for (auto& f : fns) {
    if (f.logical_id == wanted || f.name == wanted) return std::move(f);
  }
  throw Error(Errc::kNotFound, fmt::format("Function {} not found in template", wanted));
}

// Prints a streamed response (spec §2.3) on stdout as the function writes it. The pieces arrive
// on a loop thread that holds the environment's lock, so they are handed to the main thread,
// which writes them. Past kHoldBytes not yet written the function is held back (its writes
// block, as in Lambda when the client reads slowly) until stdout took them.
class StreamPrinter {
 public:
  static constexpr size_t kHoldBytes = 1024 * 1024;

  runtime::ChunkWait piece(std::string_view p) {
    std::lock_guard lock(mu_);
    pending_.append(p);
    cv_.notify_one();
    if (pending_.size() <= kHoldBytes) return {};
    return [this](runtime::ChunkResume resume) {
      {
        std::lock_guard held(mu_);
        if (pending_.size() > kHoldBytes && !result_) {
          held_ = std::move(resume);
          return;
        }
      }
      resume();  // written meanwhile, or over
    };
  }
  void done(runtime::InvokeResult r) {
    std::lock_guard lock(mu_);
    result_ = std::move(r);
    cv_.notify_one();
  }
  // Writes pieces as they come until the result is in; returns it.
  runtime::InvokeResult print_until_done() {
    std::unique_lock lock(mu_);
    for (;;) {
      cv_.wait(lock, [this] { return !pending_.empty() || result_.has_value(); });
      std::string out = std::exchange(pending_, {});
      runtime::ChunkResume resume = std::exchange(held_, {});
      const bool finished = result_.has_value();
      lock.unlock();
      if (!out.empty()) {
        printed_ = true;
        std::fwrite(out.data(), 1, out.size(), stdout);
        std::fflush(stdout);
      }
      if (resume) resume();
      lock.lock();
      if (finished && pending_.empty()) return std::move(*result_);
    }
  }
  bool printed_any() const { return printed_; }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::string pending_;
  runtime::ChunkResume held_;  // the function's body, held until pending_ is written
  std::optional<runtime::InvokeResult> result_;
  bool printed_ = false;  // main thread only
};

int run(const GlobalOptions& g, const InvokeFlags& f) {
  const tmpl::App app = load_app(g, f.t, "local-invoke");
  tmpl::Function fn = pick(tmpl::functions(app), f.function);
  const auto shell = process_environment();
  if (!f.env_vars.empty()) {
    tmpl::apply_env_overrides(fn, tmpl::read_env_overrides(f.env_vars), shell);
  }
  runtime::FunctionConfig config = to_config(fn);
  runtime::InvokeRequest request;
  request.payload = read_event(f.event);
  const auto limit = static_cast<size_t>(limits::kInvokeSyncRequestBytes.value);
  if (request.payload.size() > limit) {
    throw Error(
        Errc::kLimitExceeded,
        fmt::format("Request must be smaller than {} bytes for the InvokeFunction operation",
                    limit));
  }
  runtime::ServiceOptions options;
  options.sandbox = !f.no_sandbox;
  options.region = region_from(shell);
  options.default_concurrency = 1;
  // One invocation, then the process exits: nothing to freeze between invocations, and the
  // runtime is ended as Lambda ends one without extensions (SIGKILL), not waited for.
  options.freeze_idle = false;
  options.graceful_stop = false;
  sls::log::info("Invoking {} ({})", config.handler.empty() ? "bootstrap" : config.handler,
                 config.runtime);
  // The interpreter takes tens of milliseconds to start: it starts first, and the event loop and
  // the Service are built meanwhile. Not when a table server is to run, whose port the function
  // must be told at its start.
  runtime::Prelaunch early;
  const bool serving_tables = FunctionTables::serves(app, f.tables);
  if (!serving_tables) {
    if (!f.tables.dynamodb_endpoint.empty()) {
      options.extra_environment["AWS_ENDPOINT_URL_DYNAMODB"] = f.tables.dynamodb_endpoint;
    }
    early = runtime::Prelaunch::start(config, options);
  } else {
    runtime::forget_launch();
  }
  StreamPrinter printer;  // before the loop and the Service: their threads may still call it
  http::EventLoop loop(kLoopThreads);
  FunctionTables tables(loop, app, f.tables, options.region);
  if (!tables.endpoint().empty()) {
    options.extra_environment["AWS_ENDPOINT_URL_DYNAMODB"] = tables.endpoint();
  }
  runtime::Service service(loop, {config}, options);
  service.adopt(std::move(early));
  request.on_chunk = [&printer](std::string_view piece) { return printer.piece(piece); };
  service.invoke(config.name, std::move(request),
                 [&printer](runtime::InvokeResult r) { printer.done(std::move(r)); });
  const runtime::InvokeResult result = printer.print_until_done();
  // A streamed response's bytes went out as they came; an error document (or a buffered
  // response) comes whole.
  if (printer.printed_any() && !result.payload.empty()) std::fputc('\n', stdout);
  std::fwrite(result.payload.data(), 1, result.payload.size(), stdout);
  std::fputc('\n', stdout);
  std::fflush(stdout);
  const int status = result.function_error ? kExitFunctionError : kExitOk;
  // Nothing is left to do but end the runtime and remove its /tmp: the threads, servers and
  // memory go with the process. Not with tables served, whose store is closed properly.
  if (!serving_tables) {
    // The loop's threads end before the runtime is killed (see Service::kill_for_exit()).
    loop.stop();
    service.kill_for_exit();
    std::fflush(stderr);
    std::_Exit(status);
  }
  service.stop();
  tables.stop();
  return status;
}

}  // namespace

Command add_invoke(CLI::App& root, GlobalOptions& g) {
  auto flags = std::make_shared<InvokeFlags>();  // lives as long as the callback
  CLI::App* cmd = root.add_subcommand(
      "invoke", "Run a function of the template once, locally, as Lambda would (no Docker)");
  cmd->add_option("function", flags->function,
                  "Logical id or FunctionName (default: the template's only function)");
  add_template_option(*cmd, flags->t, false);
  add_parameter_overrides(*cmd, flags->t);
  cmd->add_option("-e,--event", flags->event,
                  "Event file, or - to read it from stdin (default: {})");
  cmd->add_option("-n,--env-vars", flags->env_vars,
                  "Environment variable values: a JSON file as SAM's, or a .env file");
  add_function_table_options(*cmd, flags->tables);
  cmd->add_flag("--no-sandbox", flags->no_sandbox,
                "Run without a sandbox (the code directory stays writable, /tmp is shared)");
  return Command{cmd, [&g, flags] { return run(g, *flags); }};
}

}  // namespace sls::cli
