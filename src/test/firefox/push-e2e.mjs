// Drives Debian's firefox-esr (WebDriver BiDi through puppeteer-core, no geckodriver) through
// Newsdesk's Web Push opt-in against a local Mozilla-protocol push server, fully offline.
// Run by newsdesk.push.FirefoxPushTest, which starts both servers and passes them in:
//   NEWSDESK_URL, STORY_PATH, EDITOR_TOKEN, PUSH_WS, PUSH_HTTP, HEADLINE, TEXT, PROFILE_DIR
// Prints one JSON line: {endpoint, notifications: [{title, body, data}]}; exits non-zero on failure.
import puppeteer from 'puppeteer-core';

const env = process.env;
const need = (k) => { if (!env[k]) throw new Error('missing ' + k); return env[k]; };
const base = need('NEWSDESK_URL');
const deadline = (ms) => Date.now() + ms;
const log = (...a) => console.error('[push-e2e]', ...a);

async function until(what, ms, check) {
  const end = deadline(ms);
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting for ' + what);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const browser = await puppeteer.launch({
  browser: 'firefox',
  executablePath: env.FIREFOX || '/usr/bin/firefox-esr',
  headless: true,
  userDataDir: need('PROFILE_DIR'),
  extraPrefsFirefox: {
    'dom.push.enabled': true,
    'dom.push.connection.enabled': true,
    'dom.push.serverURL': need('PUSH_WS'),
    'dom.push.testing.allowInsecureServerURL': true,
    'dom.push.testing.ignorePermission': true,
    'permissions.default.desktop-notification': 1,
    'dom.serviceWorkers.enabled': true,
    'dom.serviceWorkers.testing.enabled': true,
    'dom.push.loglevel': 'debug',
    // Headless Firefox has no desktop notification daemon to talk to: show alerts in its own
    // (headless) windows instead, which is what the system-backend-less path does.
    'alerts.useSystemBackend': false,
  },
});

let exitCode = 0;
try {
  // 1. A reader opens a story and opts in to breaking news.
  const page = await browser.newPage();
  page.on('console', (m) => log('page:', m.text()));
  await page.goto(base + need('STORY_PATH'), { waitUntil: 'load' });
  await page.waitForSelector('#push-optin:not([disabled])', { timeout: 15000 });
  await page.click('#push-optin');
  await page.waitForSelector('#push-panel:not([hidden])');
  await page.click('#push-save');
  await page.waitForFunction(() => ['on', 'error', 'off'].includes(document.body.dataset.push)
    && document.body.dataset.push !== 'busy', { timeout: 30000 });
  const state = await page.evaluate(() => ({ push: document.body.dataset.push, status: document.getElementById('push-status').textContent }));
  if (state.push !== 'on') throw new Error('opt-in did not finish: ' + JSON.stringify(state));
  const endpoint = await page.evaluate(async () => (await (await navigator.serviceWorker.ready).pushManager.getSubscription()).endpoint);
  log('subscribed at', endpoint);

  // 2. The reader closes the page: no Newsdesk page is open any more.
  const blank = await browser.newPage();
  await page.close();
  log('page closed; sending the alert');

  // 3. The desk sends a breaking alert through the API.
  const res = await fetch(base + '/api/v1/alerts', {
    method: 'POST',
    headers: { 'Authorization': 'Bearer ' + need('EDITOR_TOKEN'), 'Content-Type': 'application/json' },
    body: JSON.stringify({ headline: need('HEADLINE'), text: need('TEXT'), story: need('STORY_PATH').split('/').pop() }),
  });
  if (res.status !== 202) throw new Error('alert API answered ' + res.status + ' ' + await res.text());

  // 4. Firefox decrypts it and wakes the worker; its ack reaches the push server.
  const acks = await until('Firefox to ack the message', 30000, async () => {
    const a = await (await fetch(need('PUSH_HTTP') + '/acks')).json();
    return a.length > 0 ? a : null;
  });
  log('acks', JSON.stringify(acks));

  // 5. Only now open a page again, to read what the worker showed.
  await blank.goto(base + '/healthz');
  const check = await browser.newPage();
  await check.goto(base + need('STORY_PATH'), { waitUntil: 'load' });
  const notifications = await until('the notification to be listed', 15000, () => check.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    const list = await reg.getNotifications();
    return list.length ? list.map((n) => ({ title: n.title, body: n.body, tag: n.tag, icon: n.icon, data: n.data })) : null;
  }));
  process.stdout.write(JSON.stringify({ endpoint, acks, notifications }) + '\n');
} catch (err) {
  log('FAILED:', err && err.stack ? err.stack : err);
  exitCode = 1;
} finally {
  await browser.close().catch(() => {});
}
process.exit(exitCode);
