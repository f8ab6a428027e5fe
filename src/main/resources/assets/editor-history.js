// Newsdesk story editor: the story's saved versions (who, what, when), what each changed from
// the one before, and Restore, which saves a new version with that one's content.
(() => {
  'use strict';

  const ed = window.ndEditor;
  const diff = window.ndDiff;
  const $ = (id) => document.getElementById(id);
  const panel = $('history');
  if (!ed || !diff || !panel) return;
  const list = $('version-list');
  const detail = $('version-detail');
  const FIELDS = [['headline', 'Headline'], ['summary', 'Summary'], ['body', 'Body'], ['section', 'Section'], ['tags', 'Tags']];
  const WHEN = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
  let versions = [];

  const get = (url) => fetch(url, { credentials: 'same-origin' })
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error('answered ' + r.status))));
  const one = (v) => get(ed.storyUrl + '/versions/' + v);
  const text = (v, f) => (f === 'tags' ? (v.tags || []).join(', ') : v[f] || '');

  function load() {
    if (!ed.slug) {
      list.textContent = 'Versions are kept from the first save.';
      return Promise.resolve();
    }
    return get(ed.storyUrl + '/versions?limit=100').then((page) => {
      versions = page.items;
      list.replaceChildren(...versions.map(item));
    }, () => { list.textContent = 'The versions cannot be fetched right now.'; });
  }

  function item(v, index) {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'version';
    const what = v.changed.length ? ' (' + v.changed.join(', ') + ')' : '';
    button.textContent = WHEN.format(new Date(v.at)) + ' · ' + (v.by || 'someone') + ' · ' + v.action + what;
    button.addEventListener('click', () => show(index));
    li.appendChild(button);
    return li;
  }

  /** The version at {@code index}, as a diff from the one before it (older: next in the list). */
  function show(index) {
    const v = versions[index];
    const older = versions[index + 1];
    Promise.all([one(v.version), older ? one(older.version) : Promise.resolve(null)]).then(([now, before]) => {
      const heading = document.createElement('h3');
      heading.textContent = 'What ' + (v.by || 'someone') + ' ' + v.action + ', ' + WHEN.format(new Date(v.at));
      const parts = [heading];
      for (const [f, label] of FIELDS) {
        const was = before ? text(before, f) : '';
        const is = text(now, f);
        if (was === is) continue;
        const h = document.createElement('h4');
        h.textContent = label;
        parts.push(h, diff.render(was, is));
      }
      if (parts.length === 1) {
        const p = document.createElement('p');
        p.textContent = v.changed.includes('status') ? 'Its status became ' + v.status.replace('_', ' ') + '.'
          : 'The text did not change.';
        parts.push(p);
      }
      if (index > 0) {
        const restore = document.createElement('button');
        restore.type = 'button';
        restore.textContent = 'Restore this version';
        restore.addEventListener('click', () => restoreTo(v));
        parts.push(restore);
      }
      detail.replaceChildren(...parts);
      detail.hidden = false;
    }, () => ed.say('That version cannot be fetched right now.'));
  }

  /** Saves what is typed (so it is a version too), then restores {@code v} as a new version. */
  function restoreTo(v) {
    ed.save().then((ok) => {
      if (!ok) return;
      ed.say('Restoring…');
      window.ndDesk.send(ed.storyUrl + '/versions/' + v.version + '/restore', {
        method: 'POST', headers: { 'If-Match': '"' + ed.version + '"' },
      }).then((r) => {
        if (!r.ok) return ed.problemText(r).then((d) => ed.say('Not restored: ' + d + '.'));
        return r.json().then((story) => {
          ed.replace(r, story);
          ed.say('Restored the version of ' + WHEN.format(new Date(v.at)) + ' as a new version.');
          detail.hidden = true;
          return load();
        });
      }, () => ed.say('Not restored: the server cannot be reached.'));
    });
  }

  $('show-history').addEventListener('click', () => {
    panel.hidden = !panel.hidden;
    $('show-history').setAttribute('aria-expanded', String(!panel.hidden));
    if (!panel.hidden) load();
  });
  ed.on('saved', () => { if (!panel.hidden) load(); });
  ed.on('status', () => { if (!panel.hidden) load(); });
})();
