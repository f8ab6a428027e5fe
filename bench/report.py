#!/usr/bin/env python3
"""Turns bench/run's results.jsonl into results.md (tables) and latency-memory.png (gnuplot)."""
import json
import subprocess
import sys
from pathlib import Path

out = Path(sys.argv[1])
commit = sys.argv[2] if len(sys.argv) > 2 else "unknown"
command = sys.argv[3] if len(sys.argv) > 3 else "bench/run"
rows = [json.loads(l) for l in (out / "results.jsonl").read_text().splitlines() if l.strip()]
lat = [r for r in rows if r["mode"] == "latency"]
thr = [r for r in rows if r["mode"] == "throughput"]
storm = [r for r in rows if r["mode"] == "storm"]
disk = [r for r in rows if r["mode"] == "disk"]
name = {"newsdesk": "Newsdesk", "nchan": "nginx + nchan"}

md = [f"Measured {out.name} on this 2-core machine, commit `{commit}`, command `{command}`.",
      "Load generator and server share the 2 cores; compare ratios within one run only.", "",
      "| subscribers | system | connected | delivered / expected | p50 ms | p99 ms | max ms | kB per connection | server CPU s "
      "| load generator CPU s | publish ack p50 ms | publish ack p99 ms |",
      "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
for r in sorted(lat, key=lambda r: (r["subscribers"], r["target"] != "newsdesk")):
    md.append(f"| {r['subscribers']:,} | {name[r['target']]} | {r['connected']:,} | {r['delivered']:,} / {r['expected']:,} "
              f"| {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['max_ms']:.1f} | {r['kb_per_connection']:.1f} "
              f"| {r['server_cpu_s']:.2f} | {r.get('loadgen_cpu_s', float('nan')):.2f} | {r['ack_p50_ms']:.2f} | {r['ack_p99_ms']:.2f} |")
ratios = []
for n in sorted({r["subscribers"] for r in lat}):
    nd = next((r for r in lat if r["subscribers"] == n and r["target"] == "newsdesk"), None)
    nc = next((r for r in lat if r["subscribers"] == n and r["target"] == "nchan"), None)
    if nd and nc and nc["p99_ms"] > 0:
        ratios.append(f"{n:,}: p99 ratio Newsdesk / nchan = {nd['p99_ms'] / nc['p99_ms']:.2f} "
                      f"(p50 {nd['p50_ms'] / nc['p50_ms']:.2f}), "
                      f"memory per connection {nd['kb_per_connection']:.1f} kB vs {nc['kb_per_connection']:.1f} kB")
if ratios:
    md += ["", "Ratios: " + "; ".join(ratios) + "."]
slow = [f"{r['subscribers']:,}: {sum(1 for m in r['per_message'] if m['ack_ms'] > 5)} of {r['messages']}"
        for r in sorted(lat, key=lambda r: r["subscribers"]) if r["target"] == "newsdesk" and "per_message" in r]
if slow:
    md += ["", "Newsdesk acknowledgements over 5 ms: " + "; ".join(slow) + "."]
for d in disk:
    md += ["", f"The disk alone, before the runs ({d['seconds']:.0f} s of 16 kB rewrites, each followed by fdatasync, "
           f"5 ms apart; `bench/disk-probe.py`): p50 {d['p50_ms']:.2f} ms, p99 {d['p99_ms']:.2f}, p99.9 {d['p999_ms']:.2f}, "
           f"max {d['max_ms']:.1f}; {d['over_5ms']} of {d['samples']:,} over 5 ms"
           + (f" (at s: {', '.join(f'{t:g} ({ms:g} ms)' for t, ms in d['stalls'][:12])}"
              + (", …" if len(d['stalls']) > 12 else "") + ")" if d['stalls'] else "") + "."]
if thr:
    md += ["", "| publish throughput | system | acknowledged msg/s | all delivered after s |", "|---:|---|---:|---:|"]
    for r in sorted(thr, key=lambda r: (r["subscribers"], r["target"] != "newsdesk")):
        md.append(f"| to {r['subscribers']:,} subscriber(s), {r['messages']:,} messages | {name[r['target']]} "
                  f"| {r['acked_per_s']:,.0f} | {r['all_delivered_s']:.2f} |")
if storm:
    md += ["", "| reconnect storm | system | resumed | caught up | seconds until all caught up |", "|---:|---|---:|---:|---:|"]
    for r in storm:
        md.append(f"| {r['subscribers']:,} clients, {r['missed_messages']} missed messages | {name[r['target']]} "
                  f"| {r['resumed']:,} | {r['caught_up']:,} | {r['caught_up_s']:.2f} |")
(out / "results.md").write_text("\n".join(md) + "\n")

data = out / "plot.dat"
with data.open("w") as f:
    for n in sorted({r["subscribers"] for r in lat}):
        vals = []
        for t in ("newsdesk", "nchan"):
            r = next((r for r in lat if r["subscribers"] == n and r["target"] == t), None)
            vals += [r["p50_ms"], r["p99_ms"], r["kb_per_connection"]] if r else ["NaN"] * 3
        f.write(" ".join(str(v) for v in [n] + vals) + "\n")
script = f"""
set terminal png size 1100,450
set output '{out / "latency-memory.png"}'
set multiplot layout 1,2 title 'Newsdesk vs nginx + nchan ({out.name})'
set key top left
set xlabel 'SSE subscribers'
set ylabel 'publish-to-receive latency (ms)'
set logscale x
plot '{data}' using 1:3 with linespoints title 'Newsdesk p99', '' using 1:2 with linespoints title 'Newsdesk p50', \\
     '' using 1:6 with linespoints title 'nchan p99', '' using 1:5 with linespoints title 'nchan p50'
set ylabel 'server memory per connection (kB)'
plot '{data}' using 1:4 with linespoints title 'Newsdesk', '' using 1:7 with linespoints title 'nchan'
unset multiplot
"""
try:
    subprocess.run(["gnuplot"], input=script, text=True, check=True)
except (OSError, subprocess.CalledProcessError) as e:
    print(f"report: no plot ({e})", file=sys.stderr)
print((out / "results.md").read_text())
