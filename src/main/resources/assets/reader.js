// Newsdesk reader script: keeps a server-rendered page current over Server-Sent Events.
// Plain ES2020, no build step. The page works without it; this only adds liveness.
//
// Safety rule: only bodyHtml (already sanitised by the server) and the server's own templates
// go in through innerHTML; every other value is set with textContent or a checked attribute.
(() => {
  'use strict';

  // Lets a test (or a curious reader) tell a live update from a reload.
  window.__ndLoadedAt = Date.now();

  const body = document.body;
  const page = body.dataset.page || '';
  const topic = body.dataset.topic || '';
  const eventsPath = body.dataset.events || '/events';
  const templatesPath = body.dataset.templates || '/reader-templates.html';
  const storyId = body.dataset.storyId || '';
  const slug = body.dataset.slug || '';
  const $ = (id) => document.getElementById(id);

  // ---- times: relative text, exact local time on hover

  const rtf = new Intl.RelativeTimeFormat(navigator.language, { numeric: 'auto' });
  const UNITS = [['year', 31536000], ['month', 2592000], ['week', 604800], ['day', 86400],
    ['hour', 3600], ['minute', 60]];

  function relative(date) {
    const seconds = (date.getTime() - Date.now()) / 1000;
    for (const [unit, size] of UNITS) {
      if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
    }
    return rtf.format(0, 'second');
  }

  function renderTime(el) {
    const d = new Date(el.getAttribute('datetime'));
    if (Number.isNaN(d.getTime())) return;
    el.textContent = relative(d);
    el.title = d.toLocaleString();
  }

  function setTime(el, iso) {
    if (!el || !iso) return;
    el.setAttribute('datetime', iso);
    renderTime(el);
  }

  const refreshTimes = () => document.querySelectorAll('time[datetime]').forEach(renderTime);
  refreshTimes();
  setInterval(refreshTimes, 60000);

  // ---- markup: the server's own card, entry, correction and key-event templates
  // Rendered once at data-templates with every optional part present; a live arrival is a clone
  // with its parts filled by class and the parts it lacks removed, so the markup has one source.

  let templates = null;
  let markup = null;

  function loadTemplates() {
    if (!templates) {
      templates = fetch(templatesPath)
        .then((r) => {
          if (!r.ok) throw new Error('templates answered ' + r.status);
          return r.text();
        })
        .then((html) => {
          const t = document.createElement('template');
          t.innerHTML = html; // our own server's markup, parsed inert
          markup = t.content;
        })
        .catch((err) => {
          templates = null; // the next event tries again
          throw err;
        });
    }
    return templates;
  }

  function fromTemplate(selector) {
    return document.importNode(markup.querySelector(selector), true);
  }

  // Links come from our own server, but a URL is only ever set if it is http(s) or site-relative.
  function safeHref(url) {
    return typeof url === 'string' && /^(https?:\/\/|\/(?!\/))/i.test(url) ? url : '#';
  }

  // Plain text of sanitised HTML, parsed in an inert <template> so nothing loads or runs.
  function plainText(html, max) {
    const t = document.createElement('template');
    t.innerHTML = html || '';
    const text = (t.content.textContent || '').replace(/\s+/g, ' ').trim();
    if (text.length <= max) return text;
    const cut = text.lastIndexOf(' ', max - 1);
    return text.slice(0, cut > max / 2 ? cut : max - 1).trimEnd() + '…';
  }

  // ---- home and section pages: the story list

  function storyCard(s) {
    const li = fromTemplate('.story-card');
    li.id = 'story-' + s.id;
    li.dataset.storyId = String(s.id);
    li.dataset.slug = s.slug;
    const section = li.querySelector('.section-link');
    section.textContent = s.section;
    section.href = safeHref(s.sectionUrl);
    if (s.kind !== 'live') li.querySelector('.badge-live').remove();
    const a = li.querySelector('.headline a');
    a.textContent = s.headline;
    a.href = safeHref(s.url);
    li.querySelector('.summary').textContent = s.summary;
    setTime(li.querySelector('time.updated'), s.updatedAt);
    return li;
  }

  function findCard(s) {
    return $('story-' + s.id);
  }

  function listEmptyState() {
    const list = $('story-list');
    const empty = $('story-list-empty');
    if (list && empty) empty.hidden = list.children.length > 0;
  }

  const listHandlers = {
    'story.published'(s) {
      const list = $('story-list');
      if (!list || findCard(s) || s.status !== 'published') return;
      const card = storyCard(s);
      card.classList.add('arrived');
      list.prepend(card);
      listEmptyState();
    },
    'story.updated'(s) {
      const card = findCard(s);
      if (!card) return;
      card.querySelector('.headline a').textContent = s.headline;
      card.querySelector('.summary').textContent = s.summary;
      setTime(card.querySelector('time.updated'), s.updatedAt);
    },
    'story.corrected'(s) {
      const card = findCard(s);
      if (card) setTime(card.querySelector('time.updated'), s.updatedAt);
    },
    'story.retracted'(s) {
      const card = findCard(s);
      if (card) card.remove();
      listEmptyState();
    },
    // Entry events reach list pages too: they move the live blog's "Last updated".
    'entry.added': touchCard,
    'entry.edited': touchCard,
    'entry.deleted': touchCard,
  };

  function touchCard(d) {
    for (const card of document.querySelectorAll('#story-list .story-card')) {
      if (card.dataset.slug === d.story) setTime(card.querySelector('time.updated'), d.updatedAt);
    }
  }

  // ---- story and live blog pages

  const isThisStory = (s) => String(s.id) === storyId;

  function renderCorrections(list) {
    const section = $('corrections');
    const ul = $('corrections-list');
    if (!section || !ul) return;
    ul.replaceChildren(...(list || []).map((c) => {
      const li = fromTemplate('.correction');
      li.dataset.correctionId = String(c.id);
      li.querySelector('p').textContent = c.text;
      setTime(li.querySelector('time'), c.createdAt);
      return li;
    }));
    section.hidden = ul.children.length === 0;
  }

  function showRetraction(s) {
    const notice = $('retraction-notice');
    if (notice) {
      $('retraction-text').textContent = s.retraction || 'This story has been retracted.';
      notice.hidden = false;
    }
    const storyBody = $('story-body');
    if (storyBody) {
      storyBody.hidden = true;
      storyBody.replaceChildren();
    }
    const live = $('live-content');
    if (live) live.hidden = true;
  }

  const storyHandlers = {
    'story.updated'(s) {
      if (!isThisStory(s)) return;
      $('headline').textContent = s.headline;
      $('summary').textContent = s.summary;
      document.title = s.headline + ' — Newsdesk';
      const storyBody = $('story-body');
      if (storyBody && s.status !== 'retracted') storyBody.innerHTML = s.bodyHtml; // sanitised by the server
      const lead = $('lead-image');
      if (lead && s.status !== 'retracted') {
        lead.hidden = !s.leadImage;
        if (s.leadImage) {
          const img = lead.querySelector('img') || lead.appendChild(document.createElement('img'));
          fillImage(img, s.leadImage);
        } else {
          lead.replaceChildren();
        }
      }
      setTime($('last-updated'), s.updatedAt);
    },
    'story.corrected'(s) {
      if (!isThisStory(s)) return;
      renderCorrections(s.corrections);
      setTime($('last-updated'), s.updatedAt);
    },
    'story.retracted'(s) {
      if (!isThisStory(s)) return;
      showRetraction(s);
      setTime($('last-updated'), s.updatedAt);
    },
    'entry.added'(d) { onEntry(d, true); },
    'entry.edited'(d) { onEntry(d, false); },
    'entry.deleted'(d) {
      if (d.story !== slug) return;
      removeEntry(d.entry.id);
      setTime($('last-updated'), d.updatedAt);
    },
  };

  // ---- live blog entries
  // One DOM node per entry id, so a repeated event replaces rather than duplicates.
  // Order: the pinned entry first, then newest first (ids grow with time, as on the server).

  const entries = $('entries');
  const pill = $('new-updates-pill');

  function entryNode(e) {
    const art = fromTemplate('.entry');
    art.id = 'entry-' + e.id;
    art.dataset.entryId = String(e.id);
    art.classList.toggle('pinned', !!e.pinned);
    art.classList.toggle('key-event', !!e.keyEvent);
    if (!e.pinned) art.querySelector('.badge-pinned').remove();
    if (!e.keyEvent) art.querySelector('.badge-key').remove();
    if (!e.editedAt) art.querySelector('.entry-edited').remove();
    setTime(art.querySelector('time.entry-time'), e.createdAt);
    art.querySelector('.entry-author').textContent = e.author || '';
    art.querySelector('.entry-body').innerHTML = e.bodyHtml || ''; // sanitised by the server
    const figure = art.querySelector('.entry-image');
    if (figure && e.image) fillImage(figure.querySelector('img'), e.image);
    else if (figure) figure.remove();
    return art;
  }

  // An image as the API describes it (src, srcset, alt, width, height); sizes as the page's own.
  function fillImage(img, image) {
    img.alt = image.alt || '';
    img.width = image.width;
    img.height = image.height;
    img.sizes = '(min-width: 46rem) 44rem, calc(100vw - 2rem)';
    img.srcset = image.srcset;
    img.src = image.src;
  }

  function place(node) {
    if (node.classList.contains('pinned')) {
      entries.prepend(node);
      return;
    }
    const id = Number(node.dataset.entryId);
    for (const other of entries.children) {
      if (other === node || other.classList.contains('pinned')) continue;
      if (Number(other.dataset.entryId) < id) {
        entries.insertBefore(node, other);
        return;
      }
    }
    entries.append(node);
  }

  function unpinOthers(keepId) {
    for (const other of entries.querySelectorAll('.entry.pinned')) {
      if (other.dataset.entryId === String(keepId)) continue;
      other.classList.remove('pinned');
      const badge = other.querySelector('.badge-pinned');
      if (badge) badge.remove();
      place(other);
    }
  }

  // "Near the top" means the top of the entry list is on screen, give or take a little.
  function nearTop() {
    return entries.getBoundingClientRect().top > -80;
  }

  function onEntry(d, added) {
    if (!entries || d.story !== slug || !d.entry) return;
    const e = d.entry;
    if (e.deleted) {
      removeEntry(e.id);
    } else {
      const old = $('entry-' + e.id);
      const node = entryNode(e);
      if (e.pinned) unpinOthers(e.id);
      if (old) {
        if (old.classList.contains('pending')) hold(node);
        old.replaceWith(node);
      } else if (added && !nearTop()) {
        hold(node);
      } else if (added) {
        node.classList.add('arrived');
      }
      place(node);
      updateKeyEvent(e);
    }
    setTime($('last-updated'), d.updatedAt);
    afterEntriesChanged();
  }

  function hold(node) {
    node.classList.add('pending');
    node.hidden = true;
  }

  function removeEntry(id) {
    const node = $('entry-' + id);
    if (node) node.remove();
    const key = document.querySelector('#key-events li[data-entry-id="' + Number(id) + '"]');
    if (key) key.remove();
    afterEntriesChanged();
  }

  function updateKeyEvent(e) {
    const list = $('key-events');
    if (!list) return;
    const existing = list.querySelector('li[data-entry-id="' + Number(e.id) + '"]');
    if (!e.keyEvent) {
      if (existing) existing.remove();
      return;
    }
    const li = fromTemplate('li[data-entry-id]');
    li.dataset.entryId = String(e.id);
    const a = li.querySelector('a');
    a.textContent = plainText(e.bodyHtml, 110);
    a.href = '#entry-' + Number(e.id);
    setTime(li.querySelector('time'), e.createdAt);
    if (existing) {
      existing.replaceWith(li);
      return;
    }
    const later = [...list.children].find((o) => Number(o.dataset.entryId) < Number(e.id));
    list.insertBefore(li, later || null);
  }

  function afterEntriesChanged() {
    if (!entries) return;
    const keyList = $('key-events');
    if (keyList) $('key-events-section').hidden = keyList.children.length === 0;
    const empty = $('entries-empty');
    if (empty) empty.hidden = entries.querySelector('.entry') !== null;
    const waiting = entries.querySelectorAll('.entry.pending').length;
    if (pill) {
      pill.hidden = waiting === 0;
      pill.textContent = waiting === 1 ? '↑ 1 new update' : '↑ ' + waiting + ' new updates';
    }
  }

  function reveal(scroll) {
    const waiting = entries.querySelectorAll('.entry.pending');
    for (const node of waiting) {
      node.classList.remove('pending');
      node.hidden = false;
      node.classList.add('arrived');
    }
    afterEntriesChanged();
    if (scroll) {
      const top = entries.getBoundingClientRect().top + window.scrollY - 72;
      const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
      window.scrollTo({ top: Math.max(0, top), behavior: smooth ? 'smooth' : 'auto' });
    }
  }

  if (entries) {
    if (pill) pill.addEventListener('click', () => reveal(true));
    let ticking = false;
    window.addEventListener('scroll', () => {
      if (ticking) return;
      ticking = true;
      requestAnimationFrame(() => {
        ticking = false;
        if (nearTop() && entries.querySelector('.entry.pending')) reveal(false);
      });
    }, { passive: true });
    // A key-event link to an update still waiting behind the pill shows it first.
    window.addEventListener('hashchange', () => {
      if (/^#entry-\d+$/.test(location.hash) && document.querySelector(location.hash + '.pending')) {
        reveal(false);
        document.querySelector(location.hash).scrollIntoView();
      }
    });
  }

  // ---- the event stream

  const handlers = page === 'home' || page === 'section' ? listHandlers
    : page === 'story' || page === 'live' ? storyHandlers : null;
  const status = $('live-status');
  // Resume from the moment the server read this page's content: nothing published while the
  // page was loading is missed.
  let lastEventId = body.dataset.lastEventId || '';
  let backoff = 1000;
  let source = null;
  // Events apply one after another, in arrival order, once the templates are in.
  let applying = Promise.resolve();

  function setLive(state) {
    body.dataset.live = state;
    if (status) status.textContent = state === 'open' ? 'Live' : state === 'closed' ? 'Offline' : '';
  }

  function connect() {
    // The first connection and any after the browser gave up carry the last id in the query;
    // while an EventSource lives, the browser resends Last-Event-ID itself.
    let url = eventsPath + '?topic=' + encodeURIComponent(topic);
    if (lastEventId) url += '&lastEventID=' + encodeURIComponent(lastEventId);
    const es = new EventSource(url);
    source = es;
    setLive('connecting');
    es.onopen = () => {
      backoff = 1000;
      setLive('open');
    };
    es.onerror = () => {
      if (es.readyState !== EventSource.CLOSED) {
        setLive('connecting');
        return;
      }
      setLive('closed');
      setTimeout(() => { if (source === es) connect(); }, backoff);
      backoff = Math.min(backoff * 2, 30000);
    };
    for (const type of Object.keys(handlers)) {
      es.addEventListener(type, (ev) => {
        if (ev.lastEventId) lastEventId = ev.lastEventId;
        const data = ev.data;
        applying = applying
          .then(loadTemplates)
          .then(() => handlers[type](JSON.parse(data)))
          .catch((err) => console.error('newsdesk: could not apply', type, err));
      });
    }
    // The history this page needed is gone: only a fresh copy of the page is correct now.
    es.addEventListener('gap', () => location.reload());
  }

  function disconnect() {
    if (!source) return;
    source.close();
    source = null;
    setLive('idle');
  }

  if (handlers && topic && typeof EventSource === 'function') {
    loadTemplates().catch(() => {}); // fetched while the stream opens; an event retries on failure
    connect();
    // A page the reader has left (or that sits in the back/forward cache) gives its connection
    // back at once; coming back resumes after the last event seen, or reloads if it saw none.
    window.addEventListener('pagehide', disconnect);
    window.addEventListener('pageshow', (ev) => {
      if (!ev.persisted || source) return;
      if (lastEventId) connect();
      else location.reload();
    });
  }
})();

// ---- Web Push opt-in: alerts while no Newsdesk page is open.
// The button stays disabled (as served) where the browser cannot do Web Push. The worker at
// /sw.js shows the notifications; this part only subscribes, chooses topics and unsubscribes.
(() => {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const button = $('push-optin');
  const panel = $('push-panel');
  if (!button || !panel) return;
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) return;

  const STORE = 'newsdesk.push.topics';
  const body = document.body;
  const status = $('push-status');
  const off = $('push-off');
  const save = $('push-save');

  // What this page offers besides breaking news: its section, and its live blog's key events.
  // The server sets data-section only to a name of the checked slug shape.
  const page = body.dataset.page || '';
  const section = body.dataset.section || '';
  const offered = [['push-topic-breaking', 'breaking']];
  if (section) {
    $('push-topic-section').value = 'section:' + section;
    $('push-topic-section-name').textContent = 'New stories in ' + section;
    $('push-topic-section-label').hidden = false;
    offered.push(['push-topic-section', 'section:' + section]);
  }
  if (page === 'live' && body.dataset.slug) {
    $('push-topic-live').value = 'live:' + body.dataset.slug;
    $('push-topic-live-label').hidden = false;
    offered.push(['push-topic-live', 'live:' + body.dataset.slug]);
  }

  const stored = () => {
    try {
      const t = JSON.parse(localStorage.getItem(STORE) || '[]');
      return Array.isArray(t) ? t.filter((x) => typeof x === 'string') : [];
    } catch (e) {
      return [];
    }
  };

  function say(text, state) {
    status.textContent = text;
    if (state) body.dataset.push = state;
  }

  function showState(on) {
    body.dataset.push = on ? 'on' : 'off';
    button.textContent = on ? 'Alert settings' : 'Get alerts in this browser';
    save.textContent = on ? 'Save' : 'Turn on alerts';
    off.hidden = !on;
    if (on) {
      const mine = stored();
      for (const [id, topic] of offered) $(id).checked = mine.includes(topic);
    }
  }

  function keyBytes(base64url) {
    const s = atob(base64url.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(s, (ch) => ch.charCodeAt(0));
  }

  function sameKey(buffer, base64url) {
    if (!buffer) return false;
    const a = new Uint8Array(buffer);
    const b = keyBytes(base64url);
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }

  async function registration() {
    await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    return navigator.serviceWorker.ready;
  }

  // Topics chosen elsewhere are kept; this page's boxes decide only their own topics.
  function chosenTopics() {
    const keep = stored().filter((t) => !offered.some(([, topic]) => topic === t));
    for (const [id, topic] of offered) if ($(id).checked) keep.push(topic);
    return keep;
  }

  async function turnOn() {
    const topics = chosenTopics();
    if (topics.length === 0) return turnOff();
    say('Asking for permission…', 'busy');
    const reg = await registration();
    if (await Notification.requestPermission() !== 'granted') {
      say('Alerts are blocked in this browser’s settings for this site.', 'off');
      return;
    }
    const { publicKey } = await (await fetch('/push/key')).json();
    let sub = await reg.pushManager.getSubscription();
    // A subscription made for another server key cannot receive our messages: start over.
    if (sub && !sameKey(sub.options && sub.options.applicationServerKey, publicKey)) {
      await sub.unsubscribe();
      sub = null;
    }
    if (!sub) {
      sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
    }
    const res = await fetch('/push/subscriptions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(Object.assign(sub.toJSON(), { topics })),
    });
    if (res.status !== 201) throw new Error('the server refused the subscription (' + res.status + ')');
    localStorage.setItem(STORE, JSON.stringify(topics));
    showState(true);
    say('Alerts are on. You can close this page.', 'on');
  }

  async function turnOff() {
    say('Turning alerts off…', 'busy');
    const reg = await navigator.serviceWorker.getRegistration('/');
    const sub = reg && await reg.pushManager.getSubscription();
    if (sub) {
      await fetch('/push/subscriptions', {
        method: 'DELETE',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ endpoint: sub.endpoint }),
      });
      await sub.unsubscribe();
    }
    localStorage.removeItem(STORE);
    showState(false);
    say('Alerts are off.', 'off');
  }

  const failed = (err) => {
    console.error('newsdesk: push', err);
    say('Could not change alerts: ' + (err && err.message ? err.message : err), 'error');
  };

  button.disabled = false;
  button.addEventListener('click', () => {
    panel.hidden = !panel.hidden;
    button.setAttribute('aria-expanded', String(!panel.hidden));
  });
  panel.addEventListener('submit', (ev) => {
    ev.preventDefault();
    turnOn().catch(failed);
  });
  off.addEventListener('click', () => turnOff().catch(failed));

  // Already subscribed in this browser? Show it as on.
  navigator.serviceWorker.getRegistration('/')
    .then((reg) => (reg ? reg.pushManager.getSubscription() : null))
    .then((sub) => showState(!!sub && stored().length > 0))
    .catch(() => showState(false));
})();
