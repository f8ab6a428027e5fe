// Newsdesk desk presence: how many readers have each story open right now, and who is editing it
// (decision 0164). On the story list it polls /desk/presence for the rows shown; on a page whose
// body names a story in data-presence-slug (the editor) it also sends heartbeats, so the others'
// lists say "<name> is editing". Plain ES2020, no build step; only textContent is written.
(() => {
  'use strict';

  const POLL_MS = 3000; // the server's view is refreshed every 2 s
  const HEARTBEAT_MS = 10000; // the server keeps an editor present for 30 s after each
  const body = document.body;
  const csrfMeta = document.querySelector('meta[name="csrf-token"]');
  const csrf = csrfMeta ? csrfMeta.content : '';
  const editing = body.dataset.presenceSlug || '';

  function slugsShown() {
    const slugs = [...document.querySelectorAll('tr[data-slug]')].map((row) => row.dataset.slug);
    if (editing && !slugs.includes(editing)) slugs.push(editing);
    return slugs;
  }

  function show(stories) {
    for (const row of document.querySelectorAll('tr[data-slug]')) {
      const live = stories[row.dataset.slug];
      if (!live) continue;
      const readers = row.querySelector('[data-readers]');
      if (readers) readers.textContent = String(live.readers);
      const who = row.querySelector('[data-editing]');
      if (who) who.textContent = live.editingText;
    }
    const mine = editing && stories[editing];
    if (mine) {
      for (const el of document.querySelectorAll('[data-readers-now]')) {
        el.textContent = mine.readers === 1 ? '1 reader now' : mine.readers + ' readers now';
        el.dataset.count = String(mine.readers);
      }
      for (const el of document.querySelectorAll('[data-editing-now]')) el.textContent = mine.editingText;
    }
  }

  let polling = false;
  function poll() {
    if (polling || document.visibilityState !== 'visible') return;
    const slugs = slugsShown();
    if (slugs.length === 0) return;
    polling = true;
    const params = new URLSearchParams();
    for (const s of slugs) params.append('slug', s);
    fetch('/desk/presence?' + params, { credentials: 'same-origin' })
      .then((r) => (r.ok ? r.json() : null))
      .then((answer) => { if (answer) show(answer.stories); })
      .catch(() => { /* the next poll tries again */ })
      .finally(() => { polling = false; });
  }

  function mark(method, keepalive) {
    return fetch('/desk/stories/' + encodeURIComponent(editing) + '/presence', {
      method, keepalive, credentials: 'same-origin', headers: { 'X-CSRF-Token': csrf },
    }).catch(() => { /* the next heartbeat tries again */ });
  }

  if (editing) {
    mark('POST', false).then(poll);
    setInterval(() => mark('POST', false), HEARTBEAT_MS);
    window.addEventListener('pagehide', () => mark('DELETE', true));
    window.addEventListener('pageshow', (e) => { if (e.persisted) mark('POST', false); });
  }
  poll();
  setInterval(poll, POLL_MS);
  document.addEventListener('visibilitychange', poll);
})();
