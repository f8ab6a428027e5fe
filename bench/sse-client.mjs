#!/usr/bin/env node
// The second client for bench/run, sharing no code with LoadGen.java: Node's plain `net` sockets
// speaking HTTP/1.1 and Server-Sent Events to Newsdesk or nginx + nchan, no npm dependency.
// Opens N subscribers to one topic (source addresses 127.0.0.2-9), publishes M messages at a fixed
// gap, each carrying its sequence number and send time in its data, and prints one JSON line:
// publish-to-receive latency (all, per message, and the first --fresh messages apart from the rest),
// lost, duplicate and reordered events, the server's RSS and CPU, its own CPU, the load average.
// With --soak-s it holds the subscribers that long instead, publishing every --gap-ms, reconnecting
// --churn-per-min of them a minute with Last-Event-ID (as EventSource does), and samples the
// server's RSS and heap (jstat, --jstat) every --sample-s (bench/soak).
//   node bench/sse-client.mjs --target newsdesk --port 8080 --key SECRET --subscribers 1000 --messages 105
//   node bench/sse-client.mjs --target nchan --port 8081 --subscribers 1000 --server-pids 123,124
// Publisher and subscribers live in this one process, so a latency is two performance.now() reads.
import net from 'node:net';
import http from 'node:http';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { execFile, execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values: a } = parseArgs({
  options: {
    target: { type: 'string', default: 'newsdesk' }, // newsdesk | nchan
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '8080' },
    subscribers: { type: 'string', default: '1000' },
    messages: { type: 'string', default: '105' }, // all measured messages, fresh ones included
    fresh: { type: 'string', default: '5' }, // the first this many are reported apart as "fresh"
    'gap-ms': { type: 'string', default: '500' },
    'payload-bytes': { type: 'string', default: '200' },
    topic: { type: 'string', default: 'bench' },
    path: { type: 'string', default: 'mercure' }, // Newsdesk's subscribe side: mercure | events
    key: { type: 'string' }, // Newsdesk's Mercure publisher key: a publish JWT is signed with it
    'server-pids': { type: 'string', default: '' }, // every process of the server (nginx: master and worker)
    wave: { type: 'string', default: '500' },
    'drain-s': { type: 'string', default: '30' },
    'soak-s': { type: 'string', default: '0' }, // > 0: a soak of this many seconds; --messages is then ignored
    'churn-per-min': { type: 'string', default: '0.01' }, // the share of subscribers reconnected each minute
    'sample-s': { type: 'string', default: '10' },
    jstat: { type: 'string', default: 'jstat' }, // the server's JDK's jstat, for its heap
  },
});
const soakS = Number(a['soak-s']), gapMs = Number(a['gap-ms']), port = Number(a.port), host = a.host;
const n = Number(a.subscribers), m = soakS > 0 ? Math.floor(soakS * 1000 / gapMs) : Number(a.messages);
const fresh = soakS > 0 ? 0 : Math.min(Number(a.fresh), m);
const newsdesk = a.target === 'newsdesk';
const serverPids = a['server-pids'].split(',').filter(Boolean).map(Number);
if (n > 19000) throw new Error('one process holds at most ~19,000 sockets here (20,000 open files)');
if (newsdesk && !a.key) throw new Error('--key: Newsdesk takes publishes only with a JWT');

const subscribePath = newsdesk
  ? (a.path === 'events' ? '/events' : '/.well-known/mercure') + '?topic=' + encodeURIComponent(a.topic)
  : '/sub?id=' + encodeURIComponent(a.topic);

// --- /proc readings: the server's memory and CPU, this process's CPU set, the machine's load ---
const ticks = (() => { try { return Number(execFileSync('getconf', ['CLK_TCK']).toString()) || 100; } catch { return 100; } })();
const status = (pid, field) => {
  const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(field + ':'));
  return line ? line.slice(field.length + 1).trim() : '';
};
const rssKb = () => serverPids.reduce((sum, pid) => sum + parseInt(status(pid, 'VmRSS'), 10), 0);
const serverCpuS = (kernelOnly = false) => serverPids.reduce((sum, pid) => {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return sum + ((kernelOnly ? 0 : Number(f[11])) + Number(f[12])) / ticks; // utime + stime, or stime alone
}, 0);
const loadavg = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now();

// --- Results: one slot per (message, subscriber) ---
const latency = Array.from({ length: m + 1 }, () => new Float64Array(n).fill(NaN));
const dupes = new Uint32Array(m + 1);
let received = 0, reordered = 0, stray = 0, dropped = 0, closing = false;

function onEvent(sub, data, at) {
  let msg;
  try { msg = JSON.parse(data); } catch { stray++; return; }
  const seq = msg.seq;
  if (!(seq >= 1 && seq <= m)) { stray++; return; }
  if (seq < sub.lastSeq) reordered++;
  sub.lastSeq = Math.max(sub.lastSeq, seq);
  if (!Number.isNaN(latency[seq][sub.i])) { dupes[seq]++; return; }
  latency[seq][sub.i] = at - msg.t;
  received++;
}

// --- One subscriber: status line and headers, then (de-chunked if need be) the event stream ---
class Subscriber {
  constructor(i, settled) {
    this.i = i; this.settled = settled; this.head = ''; this.ok = false; this.chunked = false;
    this.chunkLeft = -1; this.sizeLine = ''; // -1: reading a chunk-size line; -2: the CRLF after a chunk; >0: chunk bytes left
    this.pending = ''; this.data = null; this.lastSeq = 0; this.open = false;
    this.id = null; this.lastId = null; // the event id being read; the last one dispatched (Last-Event-ID)
  }

  read(buf, at) {
    let text = buf.toString('latin1'); // one char per byte, so chunk sizes count right
    if (this.head !== null) {
      this.head += text;
      const end = this.head.indexOf('\r\n\r\n');
      if (end < 0) return;
      const lines = this.head.slice(0, end).split('\r\n');
      text = this.head.slice(end + 4);
      this.head = null;
      const headers = Object.fromEntries(lines.slice(1).map((l) => {
        const c = l.indexOf(':');
        return [l.slice(0, c).trim().toLowerCase(), l.slice(c + 1).trim()];
      }));
      this.ok = /^HTTP\/1\.1 200/.test(lines[0]) && (headers['content-type'] || '').startsWith('text/event-stream');
      this.chunked = /chunked/i.test(headers['transfer-encoding'] || '');
      this.settle(this.ok ? null : lines[0]);
    }
    if (this.chunked) text = this.dechunk(text);
    if (text) this.events(text, at);
  }

  dechunk(text) {
    let out = '';
    for (let i = 0; i < text.length;) {
      if (this.chunkLeft > 0) {
        const take = Math.min(this.chunkLeft, text.length - i);
        out += text.substr(i, take);
        i += take;
        this.chunkLeft -= take;
        if (this.chunkLeft === 0) this.chunkLeft = -2;
        continue;
      }
      const nl = text.indexOf('\n', i);
      if (nl < 0) { if (this.chunkLeft === -1) this.sizeLine += text.slice(i); break; }
      if (this.chunkLeft === -1) {
        const size = parseInt(this.sizeLine + text.slice(i, nl), 16);
        this.sizeLine = '';
        this.chunkLeft = size > 0 ? size : -3; // 0: the stream ended; anything after is ignored
        if (size === 0) return out;
      } else if (this.chunkLeft === -2) {
        this.chunkLeft = -1;
      } else {
        return out;
      }
      i = nl + 1;
    }
    return out;
  }

  // The SSE rules that matter here: lines end in LF or CRLF, a blank line dispatches the event,
  // "data" lines join with LF, comments (":...") and other fields are skipped.
  events(text, at) {
    const s = this.pending + text;
    let i = 0;
    for (let nl; (nl = s.indexOf('\n', i)) >= 0; i = nl + 1) {
      const end = nl > i && s.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      if (end === i) {
        if (this.data !== null) onEvent(this, this.data, at);
        if (this.id !== null) this.lastId = this.id;
        this.data = null;
        this.id = null;
        continue;
      }
      if (s.charCodeAt(i) === 58) continue; // ':' comment
      const colon = s.indexOf(':', i);
      const field = colon < 0 || colon > end ? s.slice(i, end) : s.slice(i, colon);
      if (field !== 'data' && field !== 'id') continue;
      let v = colon < 0 || colon > end ? '' : s.slice(colon + 1, end);
      if (v.charCodeAt(0) === 32) v = v.slice(1);
      if (field === 'id') this.id = v;
      else this.data = this.data === null ? v : this.data + '\n' + v;
    }
    this.pending = s.slice(i);
  }

  settle(refusal) {
    if (!this.settled) return;
    this.settled(refusal);
    this.settled = null;
    this.sock.setTimeout(0);
  }
}

const subs = [];
const refusals = {};
let reconnects = 0; // done by the soak's churn, and after a drop
/** Subscriber i's stream; a reconnect passes the last id it saw, as EventSource does. */
function open(i, lastEventId = null) {
  return new Promise((resolve) => {
    const sub = new Subscriber(i, (refusal) => {
      if (refusal) refusals[refusal] = (refusals[refusal] || 0) + 1;
      else sub.open = true;
      resolve();
    });
    const sock = net.connect({ host, port, localAddress: `127.0.0.${2 + (i % 8)}` });
    sub.sock = sock;
    if (subs[i]) sub.lastSeq = subs[i].lastSeq;
    sub.lastId = lastEventId;
    subs[i] = sub;
    sock.setNoDelay(true);
    sock.setTimeout(30_000, () => sub.settled && sock.destroy(new Error('no response headers in 30 s')));
    sock.on('connect', () => sock.write(`GET ${subscribePath} HTTP/1.1\r\nHost: ${host}:${port}\r\n`
      + (lastEventId === null ? '' : `Last-Event-ID: ${lastEventId}\r\n`)
      + 'Accept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n'));
    sock.on('data', (buf) => sub.read(buf, now()));
    sock.on('error', (e) => sub.settle(`connection error ${e.code || e.message}`));
    sock.on('close', () => {
      if (sub.open && !closing && !sub.churned) {
        dropped++;
        if (soakS > 0) { reconnects++; open(i, sub.lastId); } // EventSource reconnects; the run goes on
      }
      sub.settle('closed before the response');
    });
  });
}

// --- The publisher: Node's own HTTP client over one keep-alive connection ---
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const jwt = (() => {
  if (!newsdesk) return null;
  const part = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const signed = part({ alg: 'HS256', typ: 'JWT' }) + '.' + part({ mercure: { publish: ['*'] } });
  return signed + '.' + crypto.createHmac('sha256', a.key).update(signed).digest('base64url');
})();

function publish(seq) {
  const head = `{"seq":${seq},"t":`;
  const t = now();
  const json = head + t.toFixed(3) + ',"pad":"';
  const data = json + 'x'.repeat(Math.max(0, Number(a['payload-bytes']) - json.length - 2)) + '"}';
  const body = newsdesk ? new URLSearchParams({ topic: a.topic, data }).toString() : data;
  return new Promise((resolve, reject) => {
    const req = http.request({
      host, port, agent, method: 'POST',
      path: newsdesk ? '/.well-known/mercure' : '/pub?id=' + encodeURIComponent(a.topic),
      headers: newsdesk
        ? { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: 'Bearer ' + jwt }
        : { 'Content-Type': 'application/json' },
    }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode < 300 ? resolve(now() - t) : reject(new Error(`publish answered ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

// --- Statistics (nearest rank) ---
const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] : -1);
const r2 = (x) => Math.round(x * 100) / 100;
function summary(from, to, connected) { // messages [from, to]
  const all = [];
  let dup = 0;
  for (let k = from; k <= to; k++) {
    for (const v of latency[k]) if (!Number.isNaN(v)) all.push(v);
    dup += dupes[k];
  }
  const s = Float64Array.from(all).sort();
  const expected = connected * (to - from + 1);
  return {
    messages: to - from + 1, delivered: s.length, expected, lost: expected - s.length, duplicates: dup,
    p50_ms: r2(pct(s, 0.5)), p99_ms: r2(pct(s, 0.99)), max_ms: r2(s.length ? s[s.length - 1] : -1),
  };
}

// --- The run ---
const load0 = loadavg();
const rssBefore = rssKb();
const t0 = now();
const wave = Number(a.wave);
for (let from = 0; from < n; from += wave) {
  await Promise.all(Array.from({ length: Math.min(wave, n - from) }, (_, j) => open(from + j)));
}
const connectS = (now() - t0) / 1000;
const connected = subs.filter((s) => s.open).length;
if (connected < n) console.error(`sse-client: ${connected} of ${n} connected; refused: ${JSON.stringify(refusals)}`);
await sleep(2000); // the server settles before its memory is read
const rssAfter = rssKb();
const cpu0 = serverCpuS(), kernel0 = serverCpuS(true);
const own0 = process.cpuUsage();

if (soakS > 0) {
  console.log(JSON.stringify(await soak()));
  process.exit(0);
}

/** The server's heap from its JDK's jstat (used and committed, kB; collections so far); nulls if it cannot. */
function heap() {
  const pid = String(serverPids[serverPids.length - 1]);
  return new Promise((resolve) => execFile(a.jstat, ['-gc', pid], (err, stdout) => {
    if (err) { resolve({ heap_used_kb: null, heap_committed_kb: null, gcs: null }); return; }
    const [names, values] = stdout.trim().split('\n').map((l) => l.trim().split(/\s+/));
    const f = (k) => Number(values[names.indexOf(k)]) || 0;
    resolve({ heap_used_kb: Math.round(f('S0U') + f('S1U') + f('EU') + f('OU')),
      heap_committed_kb: Math.round(f('S0C') + f('S1C') + f('EC') + f('OC')), gcs: f('YGC') + f('FGC') });
  }));
}

/**
 * Holds the subscribers for --soak-s, publishing one message every --gap-ms; each second reconnects
 * its share of --churn-per-min (random open subscribers, each with the last id it saw); every
 * --sample-s reads the server's RSS, heap and CPU. Every subscriber must end with every message once.
 */
async function soak() {
  const samples = [];
  const start = now();
  let published = 0, churned = 0, owed = 0;
  const sample = async () => samples.push({
    t_s: Math.round((now() - start) / 1000), rss_kb: rssKb(), ...(await heap()), server_cpu_s: r2(serverCpuS()),
    open: subs.filter((s) => s.open).length, published, delivered: received, reconnects,
  });
  await sample();
  const sampler = setInterval(sample, Number(a['sample-s']) * 1000);
  const churner = setInterval(() => {
    for (owed += n * Number(a['churn-per-min']) / 60; owed >= 1; owed--) {
      const i = Math.floor(Math.random() * n);
      const sub = subs[i];
      if (!sub.open) continue; // reconnecting already
      sub.churned = true;
      sub.sock.destroy();
      churned++;
      reconnects++;
      open(i, sub.lastId);
    }
  }, 1000);
  for (let k = 1; k <= m; k++) {
    const due = start + k * gapMs;
    await publish(k);
    published = k;
    const wait = due - now();
    if (wait > 0) await sleep(wait);
  }
  const expected = n * m;
  for (const deadline = now() + Number(a['drain-s']) * 1000; received < expected && now() < deadline;) await sleep(50);
  clearInterval(sampler);
  clearInterval(churner);
  await sample();
  closing = true;
  for (const s of subs) s.sock.destroy();
  agent.destroy();
  const whole = summary(1, m, n);
  return {
    mode: 'soak', client: 'node', target: a.target, subscribers: n, connected, subscribe_path: subscribePath.split('?')[0],
    soak_s: soakS, gap_ms: gapMs, churn_per_min: Number(a['churn-per-min']), messages: m,
    delivered: whole.delivered, expected: whole.expected, lost: whole.lost, duplicates: whole.duplicates, reordered, stray,
    churn_reconnects: churned, dropped_during_run: dropped, p50_ms: whole.p50_ms, p99_ms: whole.p99_ms, max_ms: whole.max_ms,
    rss_before_kb: rssBefore, rss_after_kb: rssAfter, connect_s: r2(connectS), loadgen_cpu_s: r2((process.cpuUsage().user + process.cpuUsage().system) / 1e6),
    client_cpus: status('self', 'Cpus_allowed_list'), server_cpus: status(serverPids[serverPids.length - 1], 'Cpus_allowed_list'),
    loadavg_before: load0, loadavg_after: loadavg(), samples,
  };
}

const perMessage = [];
for (let k = 1; k <= m; k++) {
  const start = now();
  const sentMs = Date.now();
  const ack = await publish(k);
  perMessage.push({ seq: k, ack_ms: r2(ack), sent_ms: sentMs });
  const wait = gapMs - (now() - start);
  if (wait > 0) await sleep(wait);
}
const expectedAll = connected * m;
for (const deadline = now() + Number(a['drain-s']) * 1000; received < expectedAll && now() < deadline;) await sleep(50);
const serverCpu = serverCpuS() - cpu0, serverKernel = serverCpuS(true) - kernel0;
const own = process.cpuUsage(own0);
const rssEnd = rssKb();
const load1 = loadavg();
closing = true;
for (const s of subs) s.sock.destroy();
agent.destroy();

for (const pm of perMessage) {
  const s = Float64Array.from(latency[pm.seq].filter((v) => !Number.isNaN(v))).sort();
  Object.assign(pm, { received: s.length, duplicates: dupes[pm.seq], p50_ms: r2(pct(s, 0.5)), p99_ms: r2(pct(s, 0.99)),
    max_ms: r2(s.length ? s[s.length - 1] : -1) });
}
const whole = summary(1, m, connected);
const acks = Float64Array.from(perMessage.map((p) => p.ack_ms)).sort();
const cpus = (pid) => status(pid, 'Cpus_allowed_list');
console.log(JSON.stringify({
  mode: 'latency', client: 'node', target: a.target, subscribers: n, connected, refused: refusals,
  messages: m, gap_ms: gapMs, subscribe_path: subscribePath.split('?')[0],
  delivered: whole.delivered, expected: whole.expected, lost: whole.lost, duplicates: whole.duplicates, reordered, stray,
  dropped_during_run: dropped, p50_ms: whole.p50_ms, p99_ms: whole.p99_ms, max_ms: whole.max_ms,
  phases: {
    ...(fresh > 0 ? { fresh: summary(1, fresh, connected) } : {}),
    ...(fresh < m ? { warm: summary(fresh + 1, m, connected) } : {}),
  },
  ack_p50_ms: r2(pct(acks, 0.5)), ack_p99_ms: r2(pct(acks, 0.99)),
  rss_before_kb: rssBefore, rss_after_kb: rssAfter, rss_end_kb: rssEnd,
  kb_per_connection: connected ? r2((rssAfter - rssBefore) / connected) : 0,
  server_cpu_s: r2(serverCpu), server_kernel_cpu_s: r2(serverKernel),
  loadgen_cpu_s: r2((own.user + own.system) / 1e6), loadgen_kernel_cpu_s: r2(own.system / 1e6), connect_s: r2(connectS),
  client_cpus: cpus('self'), server_cpus: serverPids.length ? cpus(serverPids[serverPids.length - 1]) : '',
  loadavg_before: load0, loadavg_after: load1,
  per_message: perMessage,
}));
