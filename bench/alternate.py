#!/usr/bin/env python3
"""bench/alternate.py ROUNDS NAME=COMMAND...: whole-process times of commands run in turn.

Each round runs every command once, one after the other, so a change of the machine's load hits
all of them alike; 3 warm-up runs each come first. Prints each command's median over the rounds
and its ratio to the first command's. Commands are split like a shell would (no shell runs
them); their output is discarded. Run from the directory the commands expect, e.g.

  cd bench/fixtures/hello/python && ../../../alternate.py 40 \\
    "alone=/usr/bin/python3.11 -c 'import app; print(app.handler({}, None))'" \\
    "sls=../../../../build/sls invoke -t ../template.yaml PyHello --no-sandbox"
"""
import shlex
import statistics
import subprocess
import sys
import time


def main(argv):
    if len(argv) < 3 or not argv[1].isdigit():
        sys.exit(__doc__)
    rounds = int(argv[1])
    commands = {}
    for arg in argv[2:]:
        name, _, command = arg.partition("=")
        commands[name] = shlex.split(command)
    times = {name: [] for name in commands}

    def run(command):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return (time.perf_counter() - start) * 1000

    for command in commands.values():
        for _ in range(3):
            run(command)
    for _ in range(rounds):
        for name, command in commands.items():
            times[name].append(run(command))
    first = statistics.median(next(iter(times.values())))
    for name, samples in times.items():
        median = statistics.median(samples)
        print("%-12s median %7.2f ms  ratio %.3fx" % (name, median, median / first))
    with open("/proc/loadavg") as f:
        print("load", " ".join(f.read().split()[:3]))


if __name__ == "__main__":
    main(sys.argv)
