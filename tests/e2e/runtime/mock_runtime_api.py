#!/usr/bin/env python3
"""A Lambda Runtime API (2018-06-01) stand-in for testing runtime processes.

    mock_runtime_api.py --events EVENTS.json --out DIR [--timeout S] -- COMMAND [ARG...]

Listens on 127.0.0.1 (a free port), starts COMMAND with AWS_LAMBDA_RUNTIME_API pointing at
it (cwd and other variables inherited), hands out the events of EVENTS.json one per
`GET /runtime/invocation/next`, and records what the runtime sends back. When every event has
been answered and the runtime asks for the next one, or the process exits, or S seconds pass
(default 20), it stops the process and writes DIR:

    DIR/stdout, DIR/stderr        the process's output
    DIR/exit                      its exit status (`signal N` if killed, `timeout` on timeout)
    DIR/log                       one line per request: `GET /2018-06-01/runtime/invocation/next`
    DIR/init_error.body/.headers  a POST /runtime/init/error, when there is one
    DIR/N.kind                    `response` or `error` for event N (0-based)
    DIR/N.body, DIR/N.headers     its body (bytes as sent, chunked bodies joined) and headers
    DIR/N.trailers                trailers of a chunked body; DIR/N.chunks the chunk count
    DIR/N.error_body              a Lambda-Runtime-Function-Error-Body trailer, base64-decoded
    DIR/N.elapsed_ms              time from handing out the event to receiving its result

Headers files hold `lower-case-name: value` lines, sorted. EVENTS.json is a list of objects:
    {"event": <any JSON>}  or  {"body": "<raw text>"}
    optional: "request_id", "deadline_ms" (from now; default 30000), "content_type",
              "headers" (extra response headers for this event, e.g. Lambda-Runtime-Trace-Id)
"""

import argparse
import base64
import json
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PREFIX = "/2018-06-01/runtime"
DEFAULT_DEADLINE_MS = 30000
DEFAULT_TIMEOUT_S = 20
FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:test-fn"
STOP_GRACE_S = 2
# How often the server loop notices a shutdown request.
POLL_S = 0.02


def request_id_for(index):
    return "00000000-0000-4000-8000-%012d" % (index + 1)


class State(object):
    def __init__(self, events, out):
        self.events = events
        self.out = out
        self.lock = threading.Lock()
        self.next_index = 0
        self.dispatched = {}  # request id -> (index, time handed out)
        self.answered = set()
        self.done = threading.Event()
        self.log = []

    def write(self, name, data):
        mode = "wb" if isinstance(data, bytes) else "w"
        with open(os.path.join(self.out, name), mode) as f:
            f.write(data)


def headers_text(headers):
    lines = sorted("%s: %s" % (k.lower(), v) for k, v in headers.items())
    return "".join(line + "\n" for line in lines)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    state = None

    def log_message(self, *args):
        pass

    def reply(self, status, document):
        body = json.dumps(document, separators=(",", ":")).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def read_body(self):
        """Returns (body, trailers, chunk count); chunk count is None for Content-Length bodies."""
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            body, trailers, chunks = b"", {}, 0
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    break
                body += self.rfile.read(size)
                self.rfile.readline()
                chunks += 1
            while True:
                line = self.rfile.readline().decode("latin-1").rstrip("\r\n")
                if not line:
                    break
                name, _, value = line.partition(":")
                trailers[name.strip()] = value.strip()
            return body, trailers, chunks
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length), {}, None

    def do_GET(self):
        st = self.state
        with st.lock:
            st.log.append("GET " + self.path)
        if self.path != PREFIX + "/invocation/next":
            self.reply(404, {"errorType": "NotFound", "errorMessage": "Not Found"})
            return
        with st.lock:
            index = st.next_index
            if index >= len(st.events):
                st.done.set()
                event = None
            else:
                st.next_index += 1
                event = st.events[index]
                rid = event.get("request_id", request_id_for(index))
                st.dispatched[rid] = (index, time.monotonic())
        if event is None:
            # No more work: hold the request open, as Lambda does between invocations.
            time.sleep(3600)
            return
        if "body" in event:
            body = event["body"].encode()
        else:
            body = json.dumps(event.get("event", {})).encode()
        deadline = int(time.time() * 1000) + event.get("deadline_ms", DEFAULT_DEADLINE_MS)
        self.send_response(200)
        self.send_header("Content-Type", event.get("content_type", "application/json"))
        self.send_header("Lambda-Runtime-Aws-Request-Id", rid)
        self.send_header("Lambda-Runtime-Deadline-Ms", str(deadline))
        self.send_header("Lambda-Runtime-Invoked-Function-Arn", FUNCTION_ARN)
        for name, value in event.get("headers", {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        st = self.state
        with st.lock:
            st.log.append("POST " + self.path)
        body, trailers, chunks = self.read_body()
        headers = dict(self.headers.items())
        if self.path == PREFIX + "/init/error":
            st.write("init_error.body", body)
            st.write("init_error.headers", headers_text(headers))
            self.reply(202, {"status": "OK"})
            return
        parts = self.path[len(PREFIX) + 1:].split("/")
        if len(parts) != 3 or parts[0] != "invocation" or parts[2] not in ("response", "error"):
            self.reply(404, {"errorType": "NotFound", "errorMessage": "Not Found"})
            return
        rid, kind = parts[1], parts[2]
        with st.lock:
            known = rid in st.dispatched and rid not in st.answered
            if known:
                st.answered.add(rid)
                index, started = st.dispatched[rid]
        if not known:
            self.reply(400, {"errorMessage": "Invalid request ID", "errorType": "InvalidRequestID"})
            return
        elapsed = int((time.monotonic() - started) * 1000)
        st.write("%d.kind" % index, kind + "\n")
        st.write("%d.body" % index, body)
        st.write("%d.headers" % index, headers_text(headers))
        st.write("%d.elapsed_ms" % index, "%d\n" % elapsed)
        if chunks is not None:
            st.write("%d.trailers" % index, headers_text(trailers))
            st.write("%d.chunks" % index, "%d\n" % chunks)
            for name, value in trailers.items():
                if name.lower() == "lambda-runtime-function-error-body":
                    st.write("%d.error_body" % index, base64.b64decode(value))
        self.reply(202, {"status": "OK"})


def stop(process):
    """SIGTERM, then SIGKILL after a grace period; returns the exit description."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(STOP_GRACE_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        return None
    code = process.returncode
    return "signal %d" % -code if code < 0 else str(code)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    with open(args.events) as f:
        events = json.load(f)
    os.makedirs(args.out, exist_ok=True)

    state = State(events, args.out)
    Handler.state = state
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(POLL_S,), daemon=True).start()

    env = dict(os.environ)
    env["AWS_LAMBDA_RUNTIME_API"] = "127.0.0.1:%d" % server.server_address[1]
    with open(os.path.join(args.out, "stdout"), "wb") as out, open(
        os.path.join(args.out, "stderr"), "wb"
    ) as err:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=err)
        limit = time.monotonic() + args.timeout
        exit_text = None
        while time.monotonic() < limit:
            if state.done.wait(0.02):
                # Let a late write to stdout land before stopping the process.
                time.sleep(0.1)
                exit_text = stop(process) or "running"
                break
            if process.poll() is not None:
                exit_text = stop(process)
                break
        else:
            stop(process)
            exit_text = "timeout"
    server.shutdown()
    state.write("exit", exit_text + "\n")
    state.write("log", "".join(line + "\n" for line in state.log))
    return 0


if __name__ == "__main__":
    sys.exit(main())
