// Newsdesk desk script: filters the story list as you type and keeps it current over the hub's
// Server-Sent Events. Plain ES2020, no build step; the pages work without it.
//
// Safety rule: only markup our own server rendered (and escaped) goes in through innerHTML;
// anything else is set with textContent.
(() => {
  'use strict';

  const body = document.body;
  const $ = (id) => document.getElementById(id);
  const csrfMeta = document.querySelector('meta[name="csrf-token"]');

  // Every change the desk sends carries the session's CSRF token; the server refuses it otherwise.
  window.ndDesk = {
    csrf: csrfMeta ? csrfMeta.content : '',
    send(url, options = {}) {
      const headers = new Headers(options.headers || {});
      headers.set('X-CSRF-Token', this.csrf);
      return fetch(url, { ...options, headers, credentials: 'same-origin' });
    },
  };

  // Forms marked data-confirm ask first; forms marked data-once are sent once (a second click
  // would repeat the change). Neither needs this script: the server checks both again.
  for (const form of document.querySelectorAll('form[data-confirm]')) {
    form.addEventListener('submit', (ev) => {
      if (!window.confirm(form.dataset.confirm)) ev.preventDefault();
    });
  }
  for (const form of document.querySelectorAll('form[data-once]')) {
    form.addEventListener('submit', (ev) => {
      if (form.dataset.sending) ev.preventDefault();
      form.dataset.sending = 'yes';
    });
  }

  // The breaking-alert form: how many subscriptions the alert reaches follows the section box.
  const reach = $('alert-reach');
  const toSection = $('alert-section');
  if (reach && toSection) {
    const now = document.createElement('p');
    now.id = 'alert-reach-now';
    now.setAttribute('role', 'status');
    const show = () => {
      const n = toSection.checked ? reach.dataset.withSection : reach.dataset.breaking;
      now.textContent = 'This alert will reach ' + n + ' subscriptions.';
    };
    reach.after(now);
    toSection.addEventListener('change', show);
    show();
  }

  const rowsBody = $('story-rows');
  const filters = $('filters');
  if (!rowsBody || !filters) return;

  const search = $('q');
  const live = $('desk-live');

  // ---- search: rows whose headline does not match hide at once; the server filters on submit

  function applySearch() {
    const q = search.value.trim().toLocaleLowerCase();
    for (const row of rowsBody.querySelectorAll('tr[data-slug]')) {
      const headline = row.querySelector('.headline').textContent.toLocaleLowerCase();
      row.hidden = q !== '' && !headline.includes(q);
    }
  }

  search.addEventListener('input', () => {
    applySearch();
    const params = new URLSearchParams(new FormData(filters));
    history.replaceState(null, '', '/desk' + (params.toString() ? '?' + params : ''));
  });
  for (const select of filters.querySelectorAll('select')) {
    select.addEventListener('change', () => filters.requestSubmit());
  }

  // ---- live: a story changed, so the rows are fetched again with the filters in force

  let pending = null;

  function refresh(reason) {
    if (pending) return pending;
    const params = new URLSearchParams(new FormData(filters));
    params.delete('q'); // the search applies here, so a row typed past comes back when cleared
    pending = fetch('/desk/rows?' + params, { credentials: 'same-origin' })
      .then((r) => {
        if (r.status === 401) {
          location.assign('/desk/sign-in');
          return;
        }
        if (!r.ok) throw new Error('rows answered ' + r.status);
        return r.text().then((html) => {
          const t = document.createElement('template');
          t.innerHTML = html; // our own server's escaped markup
          rowsBody.replaceChildren(t.content);
          applySearch();
          if (reason && live) live.textContent = reason;
        });
      })
      .catch((err) => console.error('newsdesk: could not refresh the list', err))
      .finally(() => { pending = null; });
    return pending;
  }

  const topic = body.dataset.topic;
  let lastEventId = body.dataset.lastEventId || '';
  let backoff = 1000;

  function connect() {
    let url = (body.dataset.events || '/events') + '?topic=' + encodeURIComponent(topic);
    if (lastEventId) url += '&lastEventID=' + encodeURIComponent(lastEventId);
    const es = new EventSource(url);
    es.onopen = () => { backoff = 1000; body.dataset.live = 'open'; };
    es.onerror = () => {
      if (es.readyState !== EventSource.CLOSED) return;
      body.dataset.live = 'closed';
      setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, 30000);
    };
    for (const type of ['story.published', 'story.updated', 'story.corrected', 'story.retracted']) {
      es.addEventListener(type, (ev) => {
        if (ev.lastEventId) lastEventId = ev.lastEventId;
        let headline = '';
        try { headline = JSON.parse(ev.data).headline || ''; } catch (e) { /* the refresh still runs */ }
        refresh(headline ? 'Updated: ' + headline : 'Updated');
      });
    }
    es.addEventListener('gap', () => refresh('Updated'));
  }

  applySearch();
  if (topic && typeof EventSource === 'function') connect();
  // Drafts are not announced on the public stream: a slow poll picks them up while the tab is shown.
  setInterval(() => { if (document.visibilityState === 'visible') refresh(''); }, 30000);
})();
