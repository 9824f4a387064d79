"""A Runtime API that answers in every HTTP/1.1 shape a server may use, for a bootstrap's client.

Usage: python3 wire_runtime_api.py --out DIR [--timeout S] -- COMMAND...
Runs COMMAND with AWS_LAMBDA_RUNTIME_API pointing at a raw-socket server on 127.0.0.1 that
answers the runtime's requests in turn as follows, then writes DIR/log (one line per request:
method, path and body) and DIR/exit (the command's exit status, or "running" when it had to be
killed at the timeout):
  1. GET next:  200, body in two chunks (one with a chunk extension) and a trailer
  2. POST:      202 with Connection: close, then the connection is closed
  3. GET next:  a 100 Continue first, then 200 with Content-Length and no content type
  4. POST:      HTTP/1.0 202 without Content-Length: the body ends when the connection closes
  5. GET next:  200 with Content-Length
  6. POST:      202 with Content-Length 0, then the idle kept-alive connection is closed
  7. GET next:  (must come again on a new connection) 500, and the server stops
"""

import os
import socket
import subprocess
import sys
import threading

FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:test-fn"
FAR_DEADLINE_MS = 4102444800000  # 2100-01-01


def event_head(request_id, extra):
    return (
        "HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: %s\r\n"
        "lambda-runtime-deadline-ms: %d\r\nLambda-Runtime-Invoked-Function-Arn: %s\r\n%s"
        % (request_id, FAR_DEADLINE_MS, FUNCTION_ARN, extra)
    ).encode()


def answers():
    one = b'{"n": 1}'
    two = b'{"n": 2}'
    three = b'{"n": 3}'
    chunked = b"3\r\n" + one[:3] + b"\r\n" + b"%x;ext=1\r\n" % (len(one) - 3) + one[3:] + b"\r\n"
    return [
        (event_head("r1", "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
         + chunked + b"0\r\nX-Trailer: yes\r\n\r\n", False),
        (b"HTTP/1.1 202 Accepted\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}", True),
        (b"HTTP/1.1 100 Continue\r\n\r\n"
         + event_head("r2", "Content-Length: %d\r\n\r\n" % len(two)) + two, False),
        (b"HTTP/1.0 202 Accepted\r\n\r\n{}", True),
        (event_head("r3", "Content-Type: application/json\r\nContent-Length: %d\r\n\r\n"
                    % len(three)) + three, False),
        (b"HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n", True),
        (b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 5\r\n\r\noops!", True),
    ]


def read_request(conn, pending):
    """(request line, body, rest of the buffer); request line None when the peer closed."""
    while b"\r\n\r\n" not in pending:
        data = conn.recv(65536)
        if not data:
            return None, b"", b""
        pending += data
    head, _, rest = pending.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    while len(rest) < length:
        rest += conn.recv(65536)
    return lines[0].decode(), rest[:length], rest[length:]


def serve(server, log):
    script = answers()
    step = 0
    while step < len(script):
        conn, _ = server.accept()
        pending = b""
        while step < len(script):
            line, body, pending = read_request(conn, pending)
            if line is None:
                break
            method, path = line.split(" ")[:2]
            log.append("%s %s %s" % (method, path, body.decode()))
            answer, close = script[step]
            step += 1
            conn.sendall(answer)
            if close:
                break
        conn.close()


def main():
    args = sys.argv[1:]
    split = args.index("--")
    options, command = args[:split], args[split + 1:]
    out = options[options.index("--out") + 1]
    timeout = float(options[options.index("--timeout") + 1]) if "--timeout" in options else 20
    os.makedirs(out, exist_ok=True)
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    log = []
    thread = threading.Thread(target=serve, args=(server, log), daemon=True)
    thread.start()
    env = dict(os.environ, AWS_LAMBDA_RUNTIME_API="127.0.0.1:%d" % server.getsockname()[1])
    process = subprocess.Popen(command, env=env)
    try:
        status = str(process.wait(timeout=timeout))
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        status = "running"
    thread.join(timeout=1)
    with open(os.path.join(out, "log"), "w") as f:
        f.write("\n".join(log) + "\n")
    with open(os.path.join(out, "exit"), "w") as f:
        f.write(status + "\n")


if __name__ == "__main__":
    main()
