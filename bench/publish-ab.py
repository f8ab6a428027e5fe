"""Summarises bench/publish-ab's results.jsonl: median over rounds per system and measurement, and after / before
(after / nchan) where both ran. Each throughput cell also gets a row of the server's CPU per publish."""
import json
import statistics
import sys

rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
cells = {}
failed = []
for r in rows:
    if r["mode"] == "throughput":
        key = (f"acknowledged publishes/s, {r['subscribers']} subscriber(s), {r['publishers']} publishers", "acked_per_s")
        cells.setdefault(key, {}).setdefault(r["system"], []).append(r["acked_per_s"])
        if r.get("failures"):  # refused or unanswered publishes: the cell measured something else
            failed.append(f"{r['system']}, round {r['round']}: {r['failures']:,} of {r['messages']:,} publishes failed "
                          f"({r['subscribers']} subscriber(s), {r['publishers']} publishers)")
        if "server_cpu_us_per_publish" in r:
            key = (f"server CPU µs per publish, {r['subscribers']} subscriber(s), {r['publishers']} publishers",
                   "server_cpu_us_per_publish")
            cells.setdefault(key, {}).setdefault(r["system"], []).append(r["server_cpu_us_per_publish"])
        if "server_kernel_us_per_publish" in r:
            key = (f"of it in the kernel, µs, {r['subscribers']} subscriber(s), {r['publishers']} publishers",
                   "server_kernel_us_per_publish")
            cells.setdefault(key, {}).setdefault(r["system"], []).append(r["server_kernel_us_per_publish"])
    else:
        for field in ("ack_p50_ms", "ack_p99_ms"):
            key = (f"{field.replace('_', ' ')} at 100 publishes/s, 1 subscriber", field)
            cells.setdefault(key, {}).setdefault(r["system"], []).append(r[field])
systems = [s for s in ("before", "after", "no-fsync", "nchan") if any(s in v for v in cells.values())]
loads = [r["loadavg"][0] for r in rows]
print(f"rounds: {max(r['round'] for r in rows)}; store: {rows[0]['store']}; "
      f"load average (1 min) during the run: {min(loads):.1f} to {max(loads):.1f}\n")
print("| measurement | " + " | ".join(systems) + " | after / before |" + (" after / nchan |" if "nchan" in systems else ""))
print("|---|" + "---:|" * (len(systems) + 1 + ("nchan" in systems)))
for (label, _), per in cells.items():
    med = {s: statistics.median(per[s]) for s in systems if s in per}
    fmt = lambda v: f"{v:,.0f}" if v >= 100 else f"{v:.2f}"
    line = f"| {label} | " + " | ".join(f"{fmt(med[s])} ({', '.join(fmt(v) for v in per[s])})" for s in systems if s in med)
    line += f" | {med['after'] / med['before']:.2f} |" if "before" in med and "after" in med and med["before"] else " | – |"
    if "nchan" in systems:
        line += f" {med['after'] / med['nchan']:.2f} |" if "nchan" in med and med["nchan"] else " – |"
    print(line)
if failed:
    print("\n**Failed publishes** (those cells count only the publishes that succeeded): " + "; ".join(failed) + ".")
