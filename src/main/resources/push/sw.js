// Newsdesk service worker: shows Web Push alerts while no Newsdesk page is open.
// Served from /sw.js so its scope is the whole site. Plain ES2020, no build step.
//
// The push service hands us the payload Newsdesk encrypted for this browser; the browser has
// already decrypted it. Payload: {v, kind, title, body, url, icon, tag, ts}.
'use strict';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

// Only our own pages open from a click, whatever a payload says.
function ownUrl(url) {
  try {
    const u = new URL(url, self.location.origin);
    return u.origin === self.location.origin ? u.href : self.location.origin + '/';
  } catch (e) {
    return self.location.origin + '/';
  }
}

self.addEventListener('push', (event) => {
  let d = {};
  try {
    d = event.data ? event.data.json() : {};
  } catch (e) {
    d = { body: event.data ? event.data.text() : '' };
  }
  const title = typeof d.title === 'string' && d.title ? d.title : 'Newsdesk';
  const options = {
    body: typeof d.body === 'string' ? d.body : '',
    icon: '/assets/icon.svg',
    data: { url: ownUrl(d.url || '/'), kind: d.kind || '' },
  };
  // One notification per story: a newer alert replaces the older one (and says so again).
  if (typeof d.tag === 'string' && d.tag) {
    options.tag = d.tag;
    options.renotify = true;
  }
  if (Number.isFinite(d.ts)) options.timestamp = d.ts;
  event.waitUntil(self.registration.showNotification(title, options));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = ownUrl((event.notification.data && event.notification.data.url) || '/');
  event.waitUntil((async () => {
    const open = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    for (const c of open) {
      if (c.url === url && 'focus' in c) return c.focus();
    }
    return self.clients.openWindow(url);
  })());
});

function keyBytes(base64url) {
  const s = atob(base64url.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(s, (ch) => ch.charCodeAt(0));
}

// The push service replaced or expired our subscription: make (or take) the new one and tell
// Newsdesk, naming the old endpoint so the reader's topics carry over.
self.addEventListener('pushsubscriptionchange', (event) => {
  event.waitUntil((async () => {
    const old = event.oldSubscription || null;
    let sub = event.newSubscription || null;
    if (!sub) {
      const { publicKey } = await (await fetch('/push/key')).json();
      sub = await self.registration.pushManager.subscribe({
        userVisibleOnly: true, applicationServerKey: keyBytes(publicKey),
      });
    }
    const body = Object.assign(sub.toJSON(), old ? { replaces: old.endpoint } : {});
    await fetch('/push/subscriptions', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
  })());
});
