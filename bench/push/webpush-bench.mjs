// The npm web-push library sending the same payload to the same subscriptions on the same local
// push service as Newsdesk's sender. web-push's own sendNotification only speaks https, so the
// request it builds (generateRequestDetails: aes128gcm encryption + VAPID JWT) is sent with
// Node's http module over keep-alive connections. Usage: node webpush-bench.mjs DIR MESSAGES CONCURRENCY
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import webpush from 'web-push';

const [dir, messagesArg, concurrencyArg] = process.argv.slice(2);
const messages = Number(messagesArg);
const concurrency = Number(concurrencyArg);
const meta = JSON.parse(fs.readFileSync(path.join(dir, 'subs.json'), 'utf8'));
const vapid = JSON.parse(fs.readFileSync(path.join(dir, 'vapid.json'), 'utf8'));
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const options = {
  TTL: 86400, urgency: 'high', topic: 'bench-topic', contentEncoding: 'aes128gcm',
  vapidDetails: { subject: 'mailto:bench@example.org', publicKey: vapid.publicKey, privateKey: vapid.privateKey },
};

function sendOne(sub) {
  const d = webpush.generateRequestDetails(sub, meta.payload, options);
  return new Promise((resolve, reject) => {
    const req = http.request(d.endpoint, { method: d.method, headers: d.headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 201));
    });
    req.on('error', reject);
    req.end(d.body);
  });
}

async function run(n) {
  let next = 0;
  let ok = 0;
  const subs = meta.subscriptions;
  async function worker() {
    while (next < n) {
      const i = next++;
      if (await sendOne(subs[i % subs.length])) ok++;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return ok;
}

await run(Math.min(messages, 5000)); // warm-up, as for the Java side
const start = process.hrtime.bigint();
const ok = await run(messages);
const secs = Number(process.hrtime.bigint() - start) / 1e9;
console.log(`npm web-push ${JSON.parse(fs.readFileSync(new URL('./node_modules/web-push/package.json', import.meta.url))).version}: `
  + `${messages} messages, ${ok} accepted, concurrency ${concurrency}, ${secs.toFixed(2)} s, ${(messages / secs).toFixed(0)} sends/s`);
agent.destroy();
