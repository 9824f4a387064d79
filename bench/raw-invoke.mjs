#!/usr/bin/env node
// raw-invoke: Lambda Invoke calls (POST /2015-03-31/functions/NAME/invocations) over kept-alive
// HTTP/1.1 connections with node:http and nothing else, so the latency it reports is the
// server's plus the loopback's, without the AWS SDK's own cost (signing, middleware).
//   node bench/raw-invoke.mjs --endpoint http://127.0.0.1:PORT --function NAME
//        [--invokes 5000] [--concurrency 1] [--warmup 200] [--max-seconds 30]
//        [--payload '{}'] [--dry-run] [--expect TEXT]
// --dry-run sends X-Amz-Invocation-Type: DryRun: the server checks the call and answers 204
// without running the function, which measures the HTTP path alone.
// Every answer is checked (200, or 204 for --dry-run; no X-Amz-Function-Error; --expect text
// in the body). Prints one line of JSON: count, errors, seconds, ops_per_s, p50/p90/p99/mean ms.
import http from "node:http";

const flags = {
  endpoint: "", function: "", invokes: 5000, concurrency: 1, warmup: 200, "max-seconds": 30,
  payload: "{}", "dry-run": false, expect: "",
};
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const name = argv[i].replace(/^--/, "");
  if (!(name in flags)) throw new Error(`unknown flag ${argv[i]}`);
  if (typeof flags[name] === "boolean") flags[name] = true;
  else flags[name] = typeof flags[name] === "number" ? Number(argv[++i]) : argv[++i];
}
if (!flags.endpoint || !flags.function) {
  console.error("usage: raw-invoke.mjs --endpoint URL --function NAME [options]");
  process.exit(2);
}

const url = new URL(`/2015-03-31/functions/${encodeURIComponent(flags.function)}/invocations`,
  flags.endpoint);
const agent = new http.Agent({ keepAlive: true, maxSockets: flags.concurrency });
const body = Buffer.from(flags.payload);
const headers = { "content-type": "application/json", "content-length": body.length };
if (flags["dry-run"]) headers["x-amz-invocation-type"] = "DryRun";
const wantStatus = flags["dry-run"] ? 204 : 200;

function invokeOnce() {
  return new Promise((resolve) => {
    const req = http.request(url, { method: "POST", agent, headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString();
        resolve(res.statusCode === wantStatus && !res.headers["x-amz-function-error"] &&
          (!flags.expect || text.includes(flags.expect)));
      });
      res.on("error", () => resolve(false));
    });
    req.on("error", () => resolve(false));
    req.end(body);
  });
}

// n calls, `concurrency` at a time; stops early past the deadline. Returns per-call ms.
async function run(n, deadline) {
  const times = [];
  let next = 0, errors = 0;
  const worker = async () => {
    while (next < n && performance.now() < deadline) {
      next++;
      const t0 = performance.now();
      const ok = await invokeOnce();
      times.push(performance.now() - t0);
      if (!ok) errors++;
    }
  };
  await Promise.all(Array.from({ length: flags.concurrency }, worker));
  return { times, errors };
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const deadline = performance.now() + flags["max-seconds"] * 1000;
const warm = await run(flags.warmup, deadline);
const start = performance.now();
const { times, errors } = await run(flags.invokes, deadline);
const seconds = (performance.now() - start) / 1000;
agent.destroy();
const sorted = [...times].sort((a, b) => a - b);
const mean = times.reduce((a, b) => a + b, 0) / Math.max(1, times.length);
const r3 = (x) => +x.toFixed(3);
console.log(JSON.stringify({
  function: flags.function, dry_run: flags["dry-run"], concurrency: flags.concurrency,
  count: times.length, errors: errors + warm.errors, seconds: r3(seconds),
  ops_per_s: +(times.length / seconds).toFixed(1), mean_ms: r3(mean), p50_ms: r3(pct(sorted, 50)),
  p90_ms: r3(pct(sorted, 90)), p99_ms: r3(pct(sorted, 99)),
}));
process.exitCode = errors + warm.errors || times.length < flags.invokes ? 1 : 0;
