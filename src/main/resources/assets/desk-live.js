// Newsdesk live-blog console (/desk/live/{slug}): post, edit, pin, mark and delete entries through
// /api/v1 with the desk session (window.ndDesk from desk.js), and follow the blog's topic so other
// editors' entries appear as they are posted. Plain ES2020, no build step.
//
// Nothing typed is lost: the composer's text (and an entry being edited) is copied to
// localStorage as it is typed and dropped only once the server has acknowledged it; a failed
// request shows why and keeps the text. Only markup our own server rendered goes in by innerHTML.
(() => {
  'use strict';

  const desk = window.ndDesk;
  const $ = (id) => document.getElementById(id);
  const slug = document.body.dataset.slug;
  const list = $('console-entries');
  if (!desk || !slug || !list) return;

  const composer = $('composer');
  const text = $('new-entry');
  const author = $('entry-author');
  const keyBox = $('entry-key');
  const pinBox = $('entry-pin');
  const imageFile = $('entry-image');
  const imageAlt = $('entry-image-alt');
  const api = '/api/v1/stories/' + encodeURIComponent(slug) + '/entries';

  const say = (message) => { $('console-live').textContent = message; };
  const fail = (where, message) => { where.textContent = message; };

  // ---- local copies, per blog: 'draft' for the composer, 'edit:<id>' for an entry being edited

  const prefix = 'nd-live:' + slug + ':';
  const local = {
    get(name) { try { return JSON.parse(localStorage.getItem(prefix + name)); } catch (e) { return null; } },
    set(name, value) { try { localStorage.setItem(prefix + name, JSON.stringify(value)); } catch (e) { /* full or off */ } },
    drop(name) { try { localStorage.removeItem(prefix + name); } catch (e) { /* off */ } },
  };

  // A request to the API; resolves with its JSON (null for 204), rejects with words for the editor.
  async function call(method, url, payload, headers = {}) {
    let res;
    try {
      res = await desk.send(url, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: payload });
    } catch (e) {
      throw new Error('Not sent: the server cannot be reached. Your text is kept; try again.');
    }
    if (res.status === 401) throw new Error('Your desk session has ended. Sign in again in another tab, then try again; your text is kept.');
    if (!res.ok) {
      let detail = 'the server answered ' + res.status;
      try { const p = await res.json(); detail = p.detail || p.title || detail; } catch (e) { /* not a problem body */ }
      throw new Error('Not saved: ' + detail + '. Your text is kept.');
    }
    return res.status === 204 ? null : res.json();
  }

  /** Uploads an entry's image with its alt text (POST /api/v1/images); resolves to the image. */
  async function uploadImage(file, altText) {
    let res;
    try {
      res = await desk.send('/api/v1/images?alt=' + encodeURIComponent(altText), {
        method: 'POST', headers: { 'Content-Type': file.type || 'application/octet-stream' }, body: file,
      });
    } catch (e) {
      throw new Error('Image not uploaded: the server cannot be reached. Your text is kept; try again.');
    }
    if (!res.ok) {
      let detail = 'the server answered ' + res.status;
      try { const p = await res.json(); detail = p.detail || p.title || detail; } catch (e) { /* not a problem body */ }
      throw new Error('Image not uploaded: ' + detail + '. Your text is kept.');
    }
    return res.json();
  }

  // A fresh Idempotency-Key; getRandomValues, unlike randomUUID, works on plain http too.
  const newKey = () => [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');

  // ---- entries: one node per id, newest first, rendered by the server's template

  const node = (id) => $('entry-' + Number(id));
  const editing = (art) => art.querySelector('form.entry-edit') !== null;

  async function fetchEntries(id) {
    const url = '/desk/live/' + encodeURIComponent(slug) + '/entries' + (id ? '?id=' + Number(id) : '');
    const res = await fetch(url, { credentials: 'same-origin' });
    if (!res.ok) throw new Error('entries answered ' + res.status);
    const t = document.createElement('template');
    t.innerHTML = await res.text(); // our own server's escaped markup
    return [...t.content.querySelectorAll('article[data-entry-id]')];
  }

  // Puts a freshly rendered entry in place; one being edited here is left alone unless `force`.
  function place(fresh, force) {
    const old = node(fresh.dataset.entryId);
    if (old) {
      if (old.dataset.stamp === fresh.dataset.stamp && !force) return;
      if (editing(old) && !force) return;
      old.replaceWith(fresh);
    } else {
      const id = Number(fresh.dataset.entryId);
      const later = [...list.querySelectorAll('article[data-entry-id]')].find((o) => Number(o.dataset.entryId) < id);
      list.insertBefore(fresh, later || null);
    }
    if (fresh.classList.contains('pinned')) unpinOthers(fresh);
    showEmpty();
  }

  // One pinned entry per blog: the server unpins the others without an event for each.
  function unpinOthers(keep) {
    for (const other of list.querySelectorAll('article.pinned')) {
      if (other === keep) continue;
      other.classList.remove('pinned');
      other.querySelector('.badge-pinned')?.remove();
      other.querySelector('[data-act="pin"]').setAttribute('aria-pressed', 'false');
      other.dataset.stamp = '';
    }
  }

  function remove(id) {
    const old = node(id);
    if (old && editing(old)) { // deleted elsewhere while edited here: the text stays to be copied
      fail(old.querySelector('.entry-edit .form-error'), 'Someone deleted this entry. Copy your text if you still need it.');
      return;
    }
    if (old) old.remove();
    local.drop('edit:' + Number(id));
    showEmpty();
  }

  const showEmpty = () => { $('console-empty').hidden = list.querySelector('article[data-entry-id]') !== null; };

  async function refreshOne(id, force) {
    const [fresh] = await fetchEntries(id);
    if (fresh) place(fresh, force);
    else remove(id);
  }

  let pending = null;
  function refreshAll() {
    pending = pending || fetchEntries().then((fresh) => {
      const ids = new Set(fresh.map((f) => f.dataset.entryId));
      for (const old of list.querySelectorAll('article[data-entry-id]')) {
        if (!ids.has(old.dataset.entryId)) remove(old.dataset.entryId);
      }
      fresh.forEach((f) => place(f, false));
    }).catch((e) => console.error('newsdesk: could not refresh the entries', e)).finally(() => { pending = null; });
    return pending;
  }

  // ---- the composer

  let posting = false;
  const postedHere = new Set();

  function keepDraft() { local.set('draft', { text: text.value, author: author.value }); }

  async function post() {
    if (posting) return;
    const error = $('composer-error');
    const sent = text.value;
    if (!sent.trim()) { fail(error, 'Write the entry first.'); return; }
    const picked = imageFile && imageFile.files && imageFile.files[0];
    if (picked && !imageAlt.value.trim()) { fail(error, 'Image alt text is required: describe the picture.'); imageAlt.focus(); return; }
    let image;
    if (picked) {
      // The same file and alt text are the same image on the server, so a retry uploads nothing new.
      posting = true; // a second Ctrl+Enter while the image uploads posts nothing twice
      try { image = (await uploadImage(picked, imageAlt.value.trim())).id; } catch (e) { fail(error, e.message); return; }
      finally { posting = false; }
    }
    const fields = { body: sent, author: author.value.trim(), keyEvent: keyBox.checked, pinned: pinBox.checked };
    if (image) fields.image = image;
    const payload = JSON.stringify(fields);
    // The same request sent again (after a failure that may have reached the server) keeps its key,
    // so the server answers it once; a changed one is a new request.
    const before = local.get('draft') || {};
    const key = before.payload === payload && before.key ? before.key : newKey();
    local.set('draft', { text: sent, author: author.value, payload, key });
    posting = true;
    composer.setAttribute('aria-busy', 'true');
    try {
      const entry = await call('POST', api, payload, { 'Idempotency-Key': key });
      postedHere.add(entry.id);
      // What was typed while the post was on its way stays for the next entry.
      text.value = text.value.startsWith(sent) ? text.value.slice(sent.length).trimStart() : text.value;
      keyBox.checked = false;
      pinBox.checked = false;
      if (imageFile) { imageFile.value = ''; imageAlt.value = ''; }
      if (text.value) keepDraft(); else local.drop('draft');
      fail(error, '');
      say('Posted.');
      await refreshOne(entry.id).catch(() => refreshAll());
    } catch (e) {
      fail(error, e.message);
    } finally {
      posting = false;
      composer.removeAttribute('aria-busy');
    }
  }

  const postKey = (e) => e.key === 'Enter' && (e.ctrlKey || e.metaKey);
  composer.addEventListener('submit', (e) => { e.preventDefault(); text.focus(); post(); });
  text.addEventListener('keydown', (e) => { if (postKey(e)) { e.preventDefault(); post(); } });
  text.addEventListener('input', keepDraft);
  author.addEventListener('input', keepDraft);

  // ---- an entry's own buttons

  async function change(id, patch, where) {
    try {
      await call('PATCH', api + '/' + Number(id), JSON.stringify(patch));
      fail($('console-error'), '');
      await refreshOne(id, true).catch(() => refreshAll());
      return true;
    } catch (e) {
      fail(where || $('console-error'), e.message);
      return false;
    }
  }

  function openEditor(art, kept) {
    if (editing(art)) return;
    const id = art.dataset.entryId;
    const form = $('entry-edit-template').content.firstElementChild.cloneNode(true);
    const area = form.querySelector('textarea');
    area.id = 'edit-' + id;
    form.querySelector('label').htmlFor = area.id;
    area.value = kept != null ? kept : art.dataset.source;
    art.querySelector('.entry-body').hidden = true;
    art.querySelector('.entry-actions').hidden = true;
    art.append(form);
    const save = async () => {
      if (!area.value.trim()) { fail(form.querySelector('.form-error'), 'An entry cannot be empty; delete it instead.'); return; }
      local.set('edit:' + id, area.value);
      if (await change(id, { body: area.value }, form.querySelector('.form-error'))) {
        local.drop('edit:' + id);
        say('Saved.');
        node(id)?.querySelector('[data-act="edit"]')?.focus();
      }
    };
    form.addEventListener('submit', (e) => { e.preventDefault(); save(); });
    area.addEventListener('keydown', (e) => { if (postKey(e)) { e.preventDefault(); save(); } });
    area.addEventListener('input', () => local.set('edit:' + id, area.value));
    form.querySelector('[data-act="cancel"]').addEventListener('click', () => {
      local.drop('edit:' + id);
      form.remove();
      art.querySelector('.entry-body').hidden = false;
      art.querySelector('.entry-actions').hidden = false;
      art.querySelector('[data-act="edit"]').focus();
      refreshOne(id).catch(() => {});
    });
    area.focus();
  }

  const dialog = $('confirm-delete');

  function confirmDelete(art) {
    const id = art.dataset.entryId;
    $('confirm-delete-text').textContent = '“' + art.querySelector('.entry-body').textContent.trim().slice(0, 140)
      + '” will be removed from the blog and from readers’ pages.';
    dialog.returnValue = '';
    dialog.onclose = async () => {
      if (dialog.returnValue !== 'delete') { art.querySelector('[data-act="delete"]').focus(); return; }
      try {
        await call('DELETE', api + '/' + Number(id));
        remove(id);
        say('Deleted.');
        text.focus();
      } catch (e) {
        fail($('console-error'), e.message);
      }
    };
    dialog.showModal();
  }

  list.addEventListener('click', (e) => {
    const button = e.target.closest('button[data-act]');
    const art = button && button.closest('article[data-entry-id]');
    if (!art) return;
    const pressed = button.getAttribute('aria-pressed') === 'true';
    switch (button.dataset.act) {
      case 'edit': openEditor(art, null); break;
      case 'pin': change(art.dataset.entryId, { pinned: !pressed }).then((ok) => ok && say(pressed ? 'Unpinned.' : 'Pinned.')); break;
      case 'key': change(art.dataset.entryId, { keyEvent: !pressed }).then((ok) => ok && say(pressed ? 'No longer a key event.' : 'Marked as a key event.')); break;
      case 'delete': confirmDelete(art); break;
      default: break;
    }
  });

  // ---- live: other editors' changes arrive on the blog's topic

  const ours = (d) => d && d.story === slug && d.entry;
  const onEntry = (d) => {
    if (!ours(d)) return;
    (d.entry.deleted ? Promise.resolve(remove(d.entry.id)) : refreshOne(d.entry.id)).catch(() => refreshAll());
  };
  // Someone else's new entry is also said in the polite live region, for screen-reader users.
  const onAdded = (d) => {
    if (ours(d) && !postedHere.has(d.entry.id) && !node(d.entry.id)) say('New entry' + (d.entry.author ? ' from ' + d.entry.author : '') + '.');
    onEntry(d);
  };
  desk.follow({
    'entry.added': onAdded,
    'entry.edited': onEntry,
    'entry.deleted': onEntry,
    'story.published': () => { document.body.dataset.announced = 'true'; $('story-status').textContent = 'Published'; },
    'story.retracted': () => { $('story-status').textContent = 'Retracted'; },
    gap: refreshAll,
  });
  // A draft blog's entries are not announced on the public stream: poll while the tab is shown.
  setInterval(() => {
    if (document.body.dataset.announced !== 'true' && document.visibilityState === 'visible') refreshAll();
  }, 10000);

  // ---- what was typed before the page was last closed comes back

  const draft = local.get('draft');
  if (draft && draft.text && !text.value) {
    text.value = draft.text;
    if (draft.author) author.value = draft.author;
    say('Your unposted entry is back from this browser’s copy.');
  }
  let resumed = false;
  for (const art of list.querySelectorAll('article[data-entry-id]')) {
    const kept = local.get('edit:' + art.dataset.entryId);
    if (kept != null) { openEditor(art, kept); resumed = true; }
  }
  if (!resumed) text.focus();
})();
