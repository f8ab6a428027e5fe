#!/usr/bin/env python3
"""Turns bench/soak's soak.json into soak.md (the verdict and a row per sample) and soak.png
(server RSS and heap against time, gnuplot). Exits 1 if the soak failed: a message lost or
repeated, or the RSS at the end more than 5% from the RSS at minute 2.
    bench/soak-report.py DIR COMMIT COMMAND"""
import datetime
import json
import pathlib
import subprocess
import sys

out, commit, command = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
r = json.loads((out / "soak.json").read_text().strip().splitlines()[-1])
samples = r["samples"]
mb = lambda kb: None if kb is None else kb / 1024


def cell(v, fmt="{:.1f}"):
    return "–" if v is None else fmt.format(v)


# The reference: the sample nearest minute 2 (the first sample for a soak shorter than that).
reference = min(samples, key=lambda s: abs(s["t_s"] - 120)) if r["soak_s"] >= 150 else samples[0]
end = samples[-1]
drift = (end["rss_kb"] - reference["rss_kb"]) / reference["rss_kb"]
lost_ok = r["lost"] == 0 and r["duplicates"] == 0 and r["connected"] == r["subscribers"]
rss_ok = abs(drift) <= 0.05
passed = lost_ok and rss_ok

lines = [
    f"# Soak: {r['subscribers']:,} SSE subscribers for {r['soak_s'] / 60:g} minutes",
    "",
    f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, commit `{commit}`, `{command}`; "
    f"load average before {r['loadavg_before']}, after {r['loadavg_after']}; server CPUs {r['server_cpus']}, "
    f"client CPUs {r['client_cpus']}.",
    "",
    f"A publish every {r['gap_ms']} ms ({r['messages']} in all) to `{r['subscribe_path']}` subscribers, "
    f"{r['churn_per_min']:.0%} of them reconnected a minute with `Last-Event-ID` ({r['churn_reconnects']} reconnects; "
    f"{r['dropped_during_run']} dropped by the server and reconnected).",
    "",
    "| check | figure | pass |",
    "|---|---|---|",
    f"| every subscriber got every message once | {r['delivered']:,} / {r['expected']:,} delivered, {r['lost']:,} lost, "
    f"{r['duplicates']} repeated, {r['reordered']} out of order, {r['connected']:,} of {r['subscribers']:,} connected "
    f"| {'yes' if lost_ok else 'NO'} |",
    f"| RSS at the end within 5% of minute {reference['t_s'] / 60:.0f} | {mb(end['rss_kb']):.1f} MB against "
    f"{mb(reference['rss_kb']):.1f} MB ({drift:+.1%}) | {'yes' if rss_ok else 'NO'} |",
    "",
    f"Publish-to-receive over every delivery (replays after a reconnect included): p50 {r['p50_ms']} ms, "
    f"p99 {r['p99_ms']} ms, max {r['max_ms']} ms. RSS before subscribers {mb(r['rss_before_kb']):.1f} MB, "
    f"with them {mb(r['rss_after_kb']):.1f} MB. Client CPU {r['loadgen_cpu_s']} s.",
    "",
    "| t (s) | RSS (MB) | heap used (MB) | heap committed (MB) | GCs | server CPU (s) | open | published | delivered | reconnects |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
]
for s in samples:
    lines.append(f"| {s['t_s']} | {mb(s['rss_kb']):.1f} | {cell(mb(s['heap_used_kb']))} | {cell(mb(s['heap_committed_kb']))} "
                 f"| {cell(s['gcs'], '{:.0f}')} | {s['server_cpu_s']} | {s['open']:,} | {s['published']} "
                 f"| {s['delivered']:,} | {s['reconnects']} |")
lines += ["", "![server RSS and heap over the soak](soak.png)", ""]
(out / "soak.md").write_text("\n".join(lines))

data = "\n".join(f"{s['t_s'] / 60:.3f} {mb(s['rss_kb']):.2f} {cell(mb(s['heap_used_kb']), '{:.2f}')} "
                 f"{cell(mb(s['heap_committed_kb']), '{:.2f}')}".replace("–", "NaN") for s in samples)
(out / "soak.dat").write_text(data + "\n")
script = f"""set terminal pngcairo size 900,500
set output '{out / 'soak.png'}'
set title 'Newsdesk soak: {r['subscribers']:,} SSE subscribers, a publish every {r['gap_ms']} ms, {r['churn_per_min']:.0%} reconnecting a minute'
set xlabel 'minutes'
set ylabel 'MB'
set yrange [0:*]
set key bottom right
set grid
plot '{out / 'soak.dat'}' using 1:2 with linespoints title 'server RSS', \\
     '' using 1:4 with lines title 'heap committed', \\
     '' using 1:3 with linespoints title 'heap used (at the sample)'
"""
try:
    subprocess.run(["gnuplot"], input=script, text=True, check=True)
except (OSError, subprocess.CalledProcessError) as e:
    print(f"soak-report: no plot ({e})", file=sys.stderr)
print((out / "soak.md").read_text())
print("soak: PASS" if passed else "soak: FAIL", file=sys.stderr)
sys.exit(0 if passed else 1)
