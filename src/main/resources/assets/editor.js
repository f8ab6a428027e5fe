// Newsdesk story editor: autosave through the API with If-Match, a copy of every keystroke in this
// browser, the server's own preview, and a choice when someone else saved first. Plain ES2020.
//
// Nothing typed is lost: each change is written to localStorage before anything else, and the copy
// goes only once the server has stored exactly that text. A failed save (offline, server down,
// session ended) keeps the copy and tries again; opening the story again restores it.
(() => {
  'use strict';

  const form = document.getElementById('editor');
  if (!form || !window.ndDesk) return;
  const $ = (id) => document.getElementById(id);
  const fields = ['headline', 'summary', 'body', 'section', 'tags'];
  const state = $('save-state');
  const preview = $('preview');
  const conflict = $('conflict');

  let slug = form.dataset.slug || '';
  let version = form.dataset.version || '';
  let dirty = false;       // the fields differ from what the server last stored
  let saving = null;       // the save under way, if any
  let saveTimer = null;
  let retryDelay = 2000;
  let stale = false;       // the server refused our version: wait for the editor's choice

  const AUTOSAVE_MS = 3000;
  const keyFor = (s) => 'nd-story:' + (s || 'new');

  function values() {
    const v = {};
    for (const f of fields) v[f] = $(f).value;
    return v;
  }

  function fill(v) {
    for (const f of fields) if (typeof v[f] === 'string') $(f).value = v[f];
  }

  function say(text) {
    state.textContent = text;
  }

  // ---- the local copy

  function keepLocal() {
    try {
      localStorage.setItem(keyFor(slug), JSON.stringify({ fields: values(), basedOn: version, at: Date.now() }));
    } catch (e) {
      say('This browser could not keep a copy; save before leaving.');
    }
  }

  function dropLocal(key, saved) {
    try {
      const kept = JSON.parse(localStorage.getItem(key) || 'null');
      // Only a copy the server now holds goes; one typed since the save started stays.
      if (kept && JSON.stringify(kept.fields) === JSON.stringify(saved)) localStorage.removeItem(key);
    } catch (e) { /* nothing to drop */ }
  }

  function restoreLocal() {
    let kept = null;
    try { kept = JSON.parse(localStorage.getItem(keyFor(slug)) || 'null'); } catch (e) { kept = null; }
    if (!kept || !kept.fields) return;
    if (JSON.stringify(kept.fields) === JSON.stringify(values())) {
      localStorage.removeItem(keyFor(slug));
      return;
    }
    fill(kept.fields);
    dirty = true;
    say('Restored text not yet saved from this browser.');
    if (kept.basedOn && version && kept.basedOn !== version) version = kept.basedOn; // the server then says who is newer
    schedule(500);
  }

  // ---- saving

  function payload(v) {
    const tags = v.tags.split(',').map((t) => t.trim()).filter((t) => t !== '');
    return { headline: v.headline, summary: v.summary, body: v.body, section: v.section.trim(), tags };
  }

  function schedule(ms) {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(save, ms);
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
    const url = creating ? '/api/v1/stories' : '/api/v1/stories/' + encodeURIComponent(slug);
    const headers = { 'Content-Type': 'application/json' };
    if (!creating) headers['If-Match'] = '"' + version + '"';
    say('Saving…');
    saving = window.ndDesk.send(url, {
      method: creating ? 'POST' : 'PATCH', headers, body: JSON.stringify(payload(v)), keepalive: !!options.leaving,
    }).then((r) => {
      if (r.ok) return r.json().then((story) => saved(r, story, v, creating));
      if (r.status === 412) return showConflict();
      if (r.status === 401) {
        say('Your session has ended: sign in again in another tab, then save. Your text is kept in this browser.');
        return false;
      }
      return r.json().catch(() => ({})).then((p) => {
        say('Not saved: ' + (p.detail || 'the server answered ' + r.status) + '. Your text is kept in this browser.');
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
    const tag = response.headers.get('ETag');
    if (tag) version = tag.replace(/"/g, '');
    form.dataset.version = version;
    const oldKey = keyFor(slug);
    if (creating) {
      slug = story.slug;
      form.dataset.slug = slug;
      history.replaceState(null, '', '/desk/stories/' + encodeURIComponent(slug));
      // The copy of a new story moves to the story's own key, so "New story" starts empty next time.
      try { localStorage.removeItem(oldKey); } catch (e) { /* nothing kept */ }
    } else {
      dropLocal(oldKey, sent);
    }
    if (JSON.stringify(values()) === JSON.stringify(sent)) {
      dirty = false;
      say('Saved at ' + new Date().toLocaleTimeString() + '.');
    } else {
      keepLocal(); // typed while saving: keep it under the story's own key and save again soon
      schedule(AUTOSAVE_MS);
    }
    return true;
  }

  // ---- someone else saved first

  function showConflict() {
    stale = true;
    say('Not saved: this story changed since you opened it.');
    return fetch('/api/v1/stories/' + encodeURIComponent(slug), { credentials: 'same-origin' })
      .then((r) => r.json().then((theirs) => ({ theirs, tag: r.headers.get('ETag') })))
      .then(({ theirs, tag }) => {
        $('their-headline').textContent = theirs.headline;
        $('their-body').textContent = theirs.body;
        conflict.dataset.version = tag ? tag.replace(/"/g, '') : '';
        conflict.theirs = theirs;
        conflict.hidden = false;
        return false;
      });
  }

  $('keep-mine').addEventListener('click', () => {
    version = conflict.dataset.version;
    stale = false;
    conflict.hidden = true;
    dirty = true;
    save({ force: true });
  });

  $('take-theirs').addEventListener('click', () => {
    const theirs = conflict.theirs || {};
    fill({ headline: theirs.headline, summary: theirs.summary, body: theirs.body, section: theirs.section,
      tags: (theirs.tags || []).join(', ') });
    version = conflict.dataset.version;
    stale = false;
    conflict.hidden = true;
    dirty = false;
    try { localStorage.removeItem(keyFor(slug)); } catch (e) { /* nothing kept */ }
    say('Showing their version.');
    renderPreview();
  });

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

  const publish = $('publish');
  if (publish) {
    publish.addEventListener('click', () => {
      save().then((ok) => {
        if (!ok || dirty || !slug) return;
        say('Publishing…');
        return window.ndDesk.send('/api/v1/stories/' + encodeURIComponent(slug) + '/publish', {
          method: 'POST', headers: { 'If-Match': '"' + version + '"' },
        }).then((r) => {
          if (r.status === 412) return showConflict();
          if (!r.ok) return r.json().catch(() => ({})).then((p) => say('Not published: ' + (p.detail || r.status) + '.'));
          const tag = r.headers.get('ETag');
          if (tag) version = tag.replace(/"/g, '');
          form.dataset.status = 'published';
          say('Published.');
        });
      });
    });
  }

  // Leaving: one last save that outlives the page (keepalive); the local copy covers the rest.
  const leave = () => { if (dirty && !stale) save({ leaving: true }); };
  window.addEventListener('pagehide', leave);
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') leave(); });
  window.addEventListener('online', () => { if (dirty) schedule(0); });

  restoreLocal();
  renderPreview();
})();
