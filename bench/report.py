#!/usr/bin/env python3
"""Turns bench/run's results.jsonl into results.md (tables) and latency-memory.png (gnuplot).

Latency rows come from two clients: LoadGen (client "loadgen", or no client field in older runs),
which warms the server up before it measures, and bench/sse-client.mjs (client "node"), which
measures a fresh server's first messages ("fresh") apart from the rest ("warm").
"""
import json
import os
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
CLIENTS = {"loadgen": "LoadGen", "node": "sse-client.mjs"}
PHASES = ["prewarmed", "fresh", "warm"]


def client(r):
    return r.get("client", "loadgen")


def phases(r):
    """(phase, figures) pairs: the client's own split, or LoadGen's one set after its warm-up."""
    if "phases" in r:
        return [(k, r["phases"][k]) for k in ("fresh", "warm") if k in r["phases"]]
    return [("prewarmed", r)]


def phase_label(phase, p):
    return {"prewarmed": f"after LoadGen's warm-up, {p['messages']}",
            "fresh": f"fresh: first {p['messages']}", "warm": f"warm: next {p['messages']}"}[phase]


def rss_mb(r):
    return (r.get("rss_after_kb", 0) + r.get("other_server_rss_kb", 0)) / 1024


def rss_cell(r):
    end = r.get("rss_end_kb")
    return f"{rss_mb(r):,.0f}" + (f" / {(end + r.get('other_server_rss_kb', 0)) / 1024:,.0f}" if end else "")


def num(v, fmt="{:.1f}"):
    return "–" if v is None else fmt.format(v)


def key(r):
    return (r["subscribers"], list(CLIENTS).index(client(r)), r.get("pinned", False))


def cell_name(r):
    return f"{CLIENTS[client(r)]}{', pinned' if r.get('pinned') else ''}"


md = [f"Measured {out.name} on this {os.cpu_count()}-core machine, commit `{commit}`, command `{command}`.",
      "Client and server share the cores (pinned: server on core 0, client on core 1); compare ratios within one run only.",
      "Every cell starts its server afresh. LoadGen warms it before measuring (1,000 connections opened and dropped; "
      "Newsdesk also 3,000 publishes to nobody; 30 messages); sse-client.mjs does not, so its first messages are a "
      "fresh server's first, reported apart (\"fresh\") from the rest (\"warm\").", ""]
gaps = sorted({(r["subscribers"], r["gap_ms"]) for r in lat if "gap_ms" in r})
if gaps:
    md += ["Publishes " + "; ".join(f"{g:,} ms apart at {n:,} subscribers" for n, g in gaps) + ".", ""]
loads = [r["loadavg_after"][0] for r in rows if "loadavg_after" in r]
if loads:
    busy = max(loads) > (os.cpu_count() or 2)
    md += [f"Load average (1 min) after each cell: {min(loads):.1f} to {max(loads):.1f}"
           + (" — the machine was busy with other work, so these figures are noisy." if busy else "."), ""]

md += ["| subscribers | system | client | pinned | messages | delivered / expected | lost | duplicates | p50 ms | p99 ms "
       "| max ms | 1st message p99 ms | server RSS MB (connected / end) | kB per connection | server CPU s | client CPU s "
       "| ack p50 ms | ack p99 ms |",
       "|---:|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
table = []
for r in lat:
    for phase, p in phases(r):
        table.append((key(r), PHASES.index(phase), r["target"] != "newsdesk", r, phase, p))
for _, _, _, r, phase, p in sorted(table, key=lambda t: t[:3]):
    lost = p.get("lost", p["expected"] - p["delivered"])
    first = r["per_message"][0]["p99_ms"] if phase == "fresh" and r.get("per_message") else None
    md.append(f"| {r['subscribers']:,} | {name[r['target']]} | {CLIENTS[client(r)]} | {'yes' if r.get('pinned') else 'no'} "
              f"| {phase_label(phase, p)} | {p['delivered']:,} / {p['expected']:,} | {lost:,} | {num(p.get('duplicates'), '{:,}')} "
              f"| {p['p50_ms']:.1f} | {p['p99_ms']:.1f} | {p['max_ms']:.1f} | {num(first)} | {rss_cell(r)} "
              f"| {r['kb_per_connection']:.1f} | {r['server_cpu_s']:.2f} | {r.get('loadgen_cpu_s', float('nan')):.2f} "
              f"| {r['ack_p50_ms']:.2f} | {r['ack_p99_ms']:.2f} |")

ratios = []
for n, ci, pinned in sorted({key(r) for r in lat}):
    cell = [r for r in lat if key(r) == (n, ci, pinned)]
    nd = next((r for r in cell if r["target"] == "newsdesk"), None)
    nc = next((r for r in cell if r["target"] == "nchan"), None)
    if not (nd and nc):
        continue
    for phase, p in phases(nd):
        q = dict(phases(nc)).get(phase)
        if q and q["p99_ms"] > 0 and q["p50_ms"] > 0:
            ratios.append(f"| {n:,} | {cell_name(nd)} | {phase_label(phase, p)} | {p['p99_ms'] / q['p99_ms']:.2f} "
                          f"| {p['p50_ms'] / q['p50_ms']:.2f} | {rss_mb(nd):,.0f} / {rss_mb(nc):,.0f} "
                          f"| {nd['kb_per_connection']:.1f} / {nc['kb_per_connection']:.1f} |")
if ratios:
    md += ["", "| subscribers | client | messages | p99 Newsdesk / nchan | p50 Newsdesk / nchan "
           "| server RSS MB connected, Newsdesk / nchan | kB per connection, Newsdesk / nchan |",
           "|---:|---|---|---:|---:|---:|---:|"] + ratios

firsts = [f"{r['subscribers']:,}, {name[r['target']]}, {cell_name(r)}: "
          + ", ".join(f"{m['p99_ms']:.1f}" for m in r["per_message"][:r["phases"]["fresh"]["messages"]])
          for r in sorted(lat, key=lambda r: (key(r), r["target"] != "newsdesk")) if "fresh" in r.get("phases", {})]
if firsts:
    md += ["", "A fresh server's first messages, p99 of each in order (ms): " + "; ".join(firsts) + "."]
# Where a fan-out's time goes: the server's CPU per message (its kernel's share) beside the client's,
# from the first measured message to the last delivery; two processes sharing the cores cannot
# deliver the last copy sooner than their summed CPU allows.
spent = [f"{r['subscribers']:,}, {name[r['target']]}, {cell_name(r)}: server {1000 * r['server_cpu_s'] / r['messages']:.0f} "
         f"({1000 * r['server_kernel_cpu_s'] / r['messages']:.0f} in the kernel), client "
         f"{1000 * r['loadgen_cpu_s'] / r['messages']:.0f} ({1000 * r['loadgen_kernel_cpu_s'] / r['messages']:.0f})"
         for r in sorted(lat, key=lambda r: (key(r), r["target"] != "newsdesk")) if "server_kernel_cpu_s" in r]
if spent:
    md += ["", "CPU per message, ms, from the first measured message to the last delivery (of it in the kernel): "
           + "; ".join(spent) + "."]
odd = [f"{r['subscribers']:,} {name[r['target']]} {cell_name(r)}: "
       + ", ".join(f"{k} {r[k]:,}" for k in ("reordered", "stray", "dropped_during_run") if r.get(k))
       + (f", refused {r['refused']}" if r.get("refused") else "")
       for r in lat if any(r.get(k) for k in ("reordered", "stray", "dropped_during_run", "refused"))]
if odd:
    md += ["", "Seen by sse-client.mjs: " + "; ".join(odd) + "."]
# LoadGen's publisher is a thread of its own at SCHED_FIFO; sse-client.mjs reads its acknowledgement on
# the thread that also reads every subscriber, so its ack times are the client's as much as the server's.
slow = [f"{r['subscribers']:,} ({cell_name(r)}): {sum(1 for m in r['per_message'] if m['ack_ms'] > 5)} of {r['messages']}"
        for r in sorted(lat, key=key) if r["target"] == "newsdesk" and "per_message" in r and client(r) == "loadgen"]
if slow:
    md += ["", "Newsdesk acknowledgements over 5 ms (LoadGen; sse-client.mjs's ack times include its own busy thread): "
           + "; ".join(slow) + "."]
for d in disk:
    md += ["", f"The disk alone, before the runs ({d['seconds']:.0f} s of 16 kB rewrites, each followed by fdatasync, "
           f"5 ms apart; `bench/disk-probe.py`): p50 {d['p50_ms']:.2f} ms, p99 {d['p99_ms']:.2f}, p99.9 {d['p999_ms']:.2f}, "
           f"max {d['max_ms']:.1f}; {d['over_5ms']} of {d['samples']:,} over 5 ms"
           + (f" (at s: {', '.join(f'{t:g} ({ms:g} ms)' for t, ms in d['stalls'][:12])}"
              + (", …" if len(d['stalls']) > 12 else "") + ")" if d['stalls'] else "") + "."]
if thr:
    md += ["", "| publish throughput | publishers in flight | system | acknowledged msg/s | failed | all delivered after s | delivered |",
           "|---:|---:|---|---:|---:|---:|---:|"]
    for r in sorted(thr, key=lambda r: (r["subscribers"], r.get("publishers", 8), r["target"] != "newsdesk")):
        # A subscriber dropped as a slow reader resumes with Last-Event-ID (LoadGen since 2026-12-01).
        resumed = f" ({r['resumed']} resumed)" if r.get("resumed") else ""
        md.append(f"| to {r['subscribers']:,} subscriber(s), {r['messages']:,} messages | {r.get('publishers', 8)} "
                  f"| {name[r['target']]} | {r['acked_per_s']:,.0f} | {r.get('failures', 0)} | {r['all_delivered_s']:.2f} "
                  f"| {r['delivered']:,} of {r['expected']:,}{resumed} |")
if storm:
    md += ["", "| reconnect storm | system | resumed | caught up | seconds until all caught up | server CPU s | LoadGen CPU s |",
           "|---:|---|---:|---:|---:|---:|---:|"]
    cpu = lambda r, k: f"{r[k]:.2f}" if r.get(k) else "–"  # CPU over the storm alone (runs before 2026-11-30 15:30: none)
    for r in storm:
        md.append(f"| {r['subscribers']:,} clients, {r['missed_messages']} missed messages | {name[r['target']]} "
                  f"| {r['resumed']:,} | {r['caught_up']:,} | {r['caught_up_s']:.2f} | {cpu(r, 'server_cpu_s')} | {cpu(r, 'loadgen_cpu_s')} |")
(out / "results.md").write_text("\n".join(md) + "\n")

# One series per (system, client, pinned): p99 of the warmed messages, and total server RSS, against N.
series = sorted({(r["target"] != "newsdesk", list(CLIENTS).index(client(r)), r.get("pinned", False)) for r in lat})
data = out / "plot.dat"
titles = []
with data.open("w") as f:
    for s in series:
        pts = sorted((r for r in lat if (r["target"] != "newsdesk", list(CLIENTS).index(client(r)), r.get("pinned", False)) == s),
                     key=lambda r: r["subscribers"])
        titles.append(f"{name[pts[0]['target']]}, {cell_name(pts[0])}")
        f.write(f"# {titles[-1]}: subscribers, p99 ms of the warmed messages, server RSS MB\n")
        for r in pts:
            warm = phases(r)[-1][1]
            f.write(f"{r['subscribers']} {warm['p99_ms']} {rss_mb(r):.1f}\n")
        f.write("\n\n")
plots = [", ".join(f"'{data}' index {i} using 1:{col} with linespoints title '{t}'" for i, t in enumerate(titles))
         for col in (2, 3)]
script = f"""
set terminal png size 1200,480
set output '{out / "latency-memory.png"}'
set multiplot layout 1,2 title 'Newsdesk vs nginx + nchan ({out.name})'
set key below
set yrange [0:*]
set xlabel 'SSE subscribers'
set logscale x
set ylabel 'publish-to-receive p99, warmed server (ms)'
plot {plots[0]}
set ylabel 'server RSS with all connected (MB)'
plot {plots[1]}
unset multiplot
"""
if titles:
    try:
        subprocess.run(["gnuplot"], input=script, text=True, check=True)
    except (OSError, subprocess.CalledProcessError) as e:
        print(f"report: no plot ({e})", file=sys.stderr)
print((out / "results.md").read_text())
