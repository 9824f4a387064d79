#!/usr/bin/env python3
"""bench/table-startup.py RUNS CMD...: startup to the first answer, and RSS at rest, of servers.

Each CMD is one quoted command line with {port} where the port goes (a free 127.0.0.1 port is
picked for every start). Round-robin over the commands RUNS times: start it, send a DynamoDB
ListTables request over a raw socket every 0.5 ms until an HTTP answer comes back (the time
from spawn to that answer is the startup), read VmRSS 0.3 s later, stop it (SIGTERM, by the PID
this script started). Prints the median of each. The raw socket keeps the poll's own cost far
below bench/table.sh's curl poll (a process per attempt, 5 ms apart).

  python3 bench/table-startup.py 15 "build/sls local-table --in-memory --port {port}" \\
      "$PEERS/node_modules/@dynoxide/linux-x64/dynoxide serve --port {port}"
"""
import shlex
import socket
import statistics
import subprocess
import sys
import time

REQUEST = (
    b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\n"
    b"X-Amz-Target: DynamoDB_20120810.ListTables\r\nContent-Length: 2\r\n\r\n{}"
)
POLL_S = 0.0005
DEADLINE_S = 30
SETTLE_S = 0.3


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answered(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(REQUEST)
            return s.recv(16).startswith(b"HTTP/1.1 ")
    except OSError:
        return False


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def start_once(command):
    port = free_port()
    argv = [a.replace("{port}", str(port)) for a in shlex.split(command)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not answered(port):
            if proc.poll() is not None or time.perf_counter() - t0 > DEADLINE_S:
                raise SystemExit(f"did not start: {command}")
            time.sleep(POLL_S)
        startup_ms = (time.perf_counter() - t0) * 1000
        time.sleep(SETTLE_S)
        return startup_ms, rss_kb(proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main(argv):
    if len(argv) < 3:
        raise SystemExit(__doc__)
    runs, commands = int(argv[1]), argv[2:]
    results = {c: [] for c in commands}
    for _ in range(runs):
        for c in commands:
            results[c].append(start_once(c))
    for c in commands:
        starts = [r[0] for r in results[c]]
        rss = [r[1] for r in results[c]]
        print(f"{statistics.median(starts):7.1f} ms  {statistics.median(rss) / 1024:5.1f} MB  {c}")


if __name__ == "__main__":
    main(sys.argv)
