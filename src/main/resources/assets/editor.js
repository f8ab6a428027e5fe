// Newsdesk story editor, the core: autosave through the API with If-Match, a copy of every
// keystroke in this browser, and the server's own preview. Plain ES2020, no build step. The
// editor's other parts (editor-actions.js, editor-history.js, editor-merge.js) build on the
// window.ndEditor object this file makes.
//
// Nothing typed is lost: each change is written to localStorage before anything else, and the copy
// goes only once the server has stored exactly that text. A failed save (offline, server down,
// session ended, a stale version) keeps the copy; opening the story again restores it.
(() => {
  'use strict';

  const form = document.getElementById('editor');
  if (!form || !window.ndDesk) return;
  const $ = (id) => document.getElementById(id);
  const FIELDS = ['headline', 'summary', 'body', 'section', 'tags'];
  const state = $('save-state');
  const preview = $('preview');

  let slug = form.dataset.slug || '';
  let version = form.dataset.version || '';
  let status = form.dataset.status || '';
  let dirty = false;       // the fields differ from what the server last stored
  let saving = null;       // the save under way, if any
  let saveTimer = null;
  let retryDelay = 2000;
  let stale = false;       // the server refused our version: wait for the merge
  const listeners = {};

  const AUTOSAVE_MS = 3000;
  const keyFor = (s) => 'nd-story:' + (s || 'new');
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

  function values() {
    const v = {};
    for (const f of FIELDS) v[f] = $(f).value;
    return v;
  }

  function fill(v) {
    for (const f of FIELDS) if (typeof v[f] === 'string') $(f).value = v[f];
    renderPreview();
  }

  /** A story as the API answers it, in the fields' terms. */
  function fromStory(s) {
    return { headline: s.headline, summary: s.summary, body: s.body, section: s.section, tags: (s.tags || []).join(', ') };
  }

  // What the server held when the fields were last in step with it: the base of a three-way merge.
  let base = slug ? values() : null;

  function say(text) {
    state.textContent = text;
  }

  function on(name, fn) {
    (listeners[name] = listeners[name] || []).push(fn);
  }

  function emit(name, detail) {
    for (const fn of listeners[name] || []) fn(detail);
  }

  // ---- the local copy

  function keepLocal() {
    try {
      localStorage.setItem(keyFor(slug), JSON.stringify({ fields: values(), basedOn: version, base, at: Date.now() }));
    } catch (e) {
      say('This browser could not keep a copy; save before leaving.');
    }
  }

  function dropLocal(key, saved) {
    try {
      const kept = JSON.parse(localStorage.getItem(key) || 'null');
      // Only a copy the server now holds goes; one typed since the save started stays.
      if (kept && same(kept.fields, saved)) localStorage.removeItem(key);
    } catch (e) { /* nothing to drop */ }
  }

  function restoreLocal() {
    let kept = null;
    try { kept = JSON.parse(localStorage.getItem(keyFor(slug)) || 'null'); } catch (e) { kept = null; }
    if (!kept || !kept.fields) return;
    if (same(kept.fields, values())) {
      localStorage.removeItem(keyFor(slug));
      return;
    }
    fill(kept.fields);
    dirty = true;
    say('Restored text not yet saved from this browser.');
    if (kept.base) base = kept.base;
    if (kept.basedOn && version && kept.basedOn !== version) version = kept.basedOn; // the server then says who is newer
    schedule(500);
  }

  // ---- saving

  function payload(v) {
    const tags = v.tags.split(',').map((t) => t.trim()).filter((t) => t !== '');
    return { headline: v.headline, summary: v.summary, body: v.body, section: v.section.trim(), tags };
  }

  const storyUrl = () => '/api/v1/stories/' + encodeURIComponent(slug);
  const ifMatch = () => '"' + version + '"';

  function schedule(ms) {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(save, ms);
  }

  function problemText(r) {
    return r.json().catch(() => ({})).then((p) => p.detail || 'the server answered ' + r.status);
  }

  function save(options = {}) {
    clearTimeout(saveTimer);
    if (stale && !options.force) return Promise.resolve(false);
    if (saving) return saving.then(() => (dirty ? save(options) : true));
    if (!dirty && slug) return Promise.resolve(true);
    const v = values();
    if (!v.headline.trim() || !v.section.trim()) {
      say('Add a headline and a section to save; your text is kept in this browser meanwhile.');
      return Promise.resolve(false);
    }
    const creating = !slug;
    const headers = { 'Content-Type': 'application/json' };
    if (!creating) headers['If-Match'] = ifMatch();
    say('Saving…');
    saving = window.ndDesk.send(creating ? '/api/v1/stories' : storyUrl(), {
      method: creating ? 'POST' : 'PATCH', headers, body: JSON.stringify(payload(v)), keepalive: !!options.leaving,
    }).then((r) => {
      if (r.ok) return r.json().then((story) => saved(r, story, v, creating));
      if (r.status === 412) return refused();
      if (r.status === 401) {
        say('Your session has ended: sign in again in another tab, then save. Your text is kept in this browser.');
        return false;
      }
      return problemText(r).then((d) => {
        say('Not saved: ' + d + '. Your text is kept in this browser.');
        return false;
      });
    }, () => {
      say('Offline: not saved yet. Your text is kept in this browser; trying again.');
      schedule(retryDelay);
      retryDelay = Math.min(retryDelay * 2, 30000);
      return false;
    }).finally(() => { saving = null; });
    return saving;
  }

  function saved(response, story, sent, creating) {
    retryDelay = 2000;
    const oldKey = keyFor(slug);
    adopt(response, story);
    base = sent;
    if (creating) {
      slug = story.slug;
      form.dataset.slug = slug;
      history.replaceState(null, '', '/desk/stories/' + encodeURIComponent(slug));
      // The copy of a new story moves to the story's own key, so "New story" starts empty next time.
      try { localStorage.removeItem(oldKey); } catch (e) { /* nothing kept */ }
    } else {
      dropLocal(oldKey, sent);
    }
    if (same(values(), sent)) {
      dirty = false;
      say('Saved at ' + new Date().toLocaleTimeString() + '.');
    } else {
      keepLocal(); // typed while saving: keep it under the story's own key and save again soon
      schedule(AUTOSAVE_MS);
    }
    emit('saved', story);
    return true;
  }

  /** Takes the version (ETag) and status of a story the server answered with. */
  function adopt(response, story) {
    const tag = response.headers.get('ETag');
    if (tag) version = tag.replace(/"/g, '');
    form.dataset.version = version;
    if (story && story.status && story.status !== status) {
      status = story.status;
      form.dataset.status = status;
      emit('status', status);
    }
  }

  /** The server refused our version: someone else saved first. The merge takes it from here. */
  function refused() {
    stale = true;
    say('Not saved: this story changed since you opened it.');
    emit('stale', { mine: values(), base });
    return false;
  }

  /**
   * The merge is done: {@code merged} goes into the fields and is saved over {@code theirs} (the
   * story as the server now holds it, at {@code theirVersion}).
   */
  function resolve(merged, theirs, theirVersion) {
    version = theirVersion;
    form.dataset.version = version;
    base = fromStory(theirs);
    stale = false;
    fill(merged);
    dirty = !same(merged, base);
    keepLocal();
    if (!dirty) {
      try { localStorage.removeItem(keyFor(slug)); } catch (e) { /* nothing kept */ }
      say('Showing their version.');
      return Promise.resolve(true);
    }
    return save({ force: true });
  }

  /** The server changed the story's content (a restore): show it, as the new base. */
  function replace(response, story) {
    adopt(response, story);
    base = fromStory(story);
    fill(base);
    dirty = false;
    try { localStorage.removeItem(keyFor(slug)); } catch (e) { /* nothing kept */ }
  }

  /**
   * Saves, then POSTs (or sends {@code method}) to the story's {@code path} (publish, submit, retract,
   * …) with If-Match and an optional JSON body; resolves to the story answered, or null (and says why)
   * when it did not happen.
   */
  function act(path, { body, doing, done, failed, method = 'POST' }) {
    return save().then((ok) => {
      if (!slug) {
        say('Add a headline and a section first.');
        return null;
      }
      if (!ok || dirty) return null;
      say(doing);
      const headers = { 'If-Match': ifMatch() };
      if (body) headers['Content-Type'] = 'application/json';
      return window.ndDesk.send(storyUrl() + '/' + path, {
        method, headers, body: body ? JSON.stringify(body) : undefined,
      }).then((r) => {
        if (r.status === 412) {
          refused();
          return null;
        }
        if (!r.ok) return problemText(r).then((d) => { say(failed + ': ' + d + '.'); return null; });
        return r.json().then((story) => {
          adopt(r, story);
          say(done);
          return story;
        });
      }, () => { say(failed + ': the server cannot be reached.'); return null; });
    });
  }

  // ---- preview: the server's own renderer and sanitiser

  let previewTimer = null;
  let previewAsked = 0;

  function renderPreview() {
    const asked = ++previewAsked;
    const body = new URLSearchParams({ body: $('body').value, csrf: window.ndDesk.csrf });
    window.ndDesk.send('/desk/preview', { method: 'POST', body })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error('preview answered ' + r.status))))
      .then((p) => {
        if (asked === previewAsked) preview.innerHTML = p.html; // sanitised by the server
      })
      .catch(() => { /* the next keystroke asks again */ });
  }

  // ---- wiring

  form.addEventListener('input', () => {
    dirty = true;
    keepLocal();
    schedule(AUTOSAVE_MS);
    clearTimeout(previewTimer);
    previewTimer = setTimeout(renderPreview, 300);
  });

  $('save').addEventListener('click', () => save({ force: true }));

  // Leaving: one last save that outlives the page (keepalive); the local copy covers the rest.
  const leave = () => { if (dirty && !stale) save({ leaving: true }); };
  window.addEventListener('pagehide', leave);
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') leave(); });
  window.addEventListener('online', () => { if (dirty) schedule(0); });

  window.ndEditor = {
    get slug() { return slug; },
    get version() { return version; },
    get status() { return status; },
    get storyUrl() { return storyUrl(); },
    values, fill, fromStory, say, on, save, act, resolve, replace, problemText, adopt,
  };

  restoreLocal();
  renderPreview();
})();
