#!/usr/bin/env python3
"""How the disk under Newsdesk's data answers an fsync, measured alone: the floor under a durable
publish's acknowledgement, and how often it stalls. Usage: disk-probe.py DIR SECONDS >> results.jsonl

Rewrites 16 kB in place and waits for fdatasync every 5 ms, as a commit to a write-ahead log that
has reached its working size does. A VM's virtual disk can stall for tens or hundreds of ms while
the host flushes; no software above it can hide that from a publish that must be durable first."""
import json
import os
import sys
import time

directory, seconds = sys.argv[1], float(sys.argv[2])
path = os.path.join(directory, "disk-probe.bin")
block, blocks = os.urandom(16384), 64
fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
try:
    for i in range(blocks):
        os.pwrite(fd, block, i * len(block))
    os.fsync(fd)
    start = time.monotonic()
    latencies, stalls, i = [], [], 0
    while time.monotonic() - start < seconds:
        t = time.perf_counter_ns()
        os.pwrite(fd, block, (i % blocks) * len(block))
        os.fdatasync(fd)
        ms = (time.perf_counter_ns() - t) / 1e6
        latencies.append(ms)
        if ms > 5:
            stalls.append([round(time.monotonic() - start, 2), round(ms, 1)])
        i += 1
        time.sleep(0.005)
finally:
    os.close(fd)
    os.unlink(path)

latencies.sort()
n = len(latencies)
pick = lambda p: latencies[min(n - 1, int(p * n))]
print(json.dumps({"mode": "disk", "seconds": seconds, "samples": n, "p50_ms": round(pick(0.5), 2),
                  "p99_ms": round(pick(0.99), 2), "p999_ms": round(pick(0.999), 2), "max_ms": round(latencies[-1], 1),
                  "over_5ms": len(stalls), "stalls": stalls}))
