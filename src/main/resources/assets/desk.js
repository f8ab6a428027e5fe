// Newsdesk desk script: the CSRF-carrying send and the live follow every desk page uses; filters
// the story list as you type and keeps it current over the hub's Server-Sent Events (the list's
// over /desk/events, which also carries the desk's private topic: changes to drafts). Plain
// ES2020, no build step; the list works without it.
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

    // Follows the page's topic (body data-topic) on /events from data-last-event-id, so nothing
    // published while the page loaded is missed: on[type](data, event) for each event named in
    // `on`, and on.gap() when the hub lost track and everything should be fetched again.
    follow(on) {
      const topic = body.dataset.topic;
      if (!topic || typeof EventSource !== 'function') return;
      let lastEventId = body.dataset.lastEventId || '';
      let backoff = 1000;
      const connect = () => {
        const events = body.dataset.events || '/events';
        let url = events + '?topic=' + encodeURIComponent(topic);
        // The desk's stream also follows the desk's private topic: the site's base + /desk (content.SiteUrls.newsroom).
        if (events === '/desk/events') url += '&topic=' + encodeURIComponent(topic.replace(/\/$/, '') + '/desk');
        if (lastEventId) url += '&lastEventID=' + encodeURIComponent(lastEventId);
        const es = new EventSource(url);
        es.onopen = () => { backoff = 1000; body.dataset.live = 'open'; };
        es.onerror = () => {
          if (es.readyState !== EventSource.CLOSED) return;
          body.dataset.live = 'closed';
          setTimeout(connect, backoff);
          backoff = Math.min(backoff * 2, 30000);
        };
        for (const [type, handle] of Object.entries(on)) {
          if (type === 'gap') continue;
          es.addEventListener(type, (ev) => {
            if (ev.lastEventId) lastEventId = ev.lastEventId;
            let data = null;
            try { data = JSON.parse(ev.data); } catch (e) { /* handlers take null as "fetch again" */ }
            handle(data, ev);
          });
        }
        if (on.gap) es.addEventListener('gap', () => on.gap());
      };
      connect();
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
      const headline = row.querySelector('.headline a').textContent.toLocaleLowerCase(); // not its Live console link
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

  const onStory = (d) => refresh(d && d.headline ? 'Updated: ' + d.headline : 'Updated');
  const on = { gap: () => refresh('Updated') };
  for (const type of ['story.published', 'story.updated', 'story.corrected', 'story.retracted', 'desk.story',
    'story.scheduled', 'story.unscheduled']) {
    on[type] = onStory;
  }

  applySearch();
  window.ndDesk.follow(on);
})();
