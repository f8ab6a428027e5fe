// Newsdesk story editor: someone else saved first (the server answered 412). A three-way merge,
// field by field, of the base (what this editor started from), theirs (the server's now) and
// mine (the fields): a field only one side changed takes that side's text at once; a field both
// changed is shown — their change and mine, each against the base — for the editor to choose or
// edit. Mine stays in the fields and in this browser's copy until the merged version is saved.
(() => {
  'use strict';

  const ed = window.ndEditor;
  const diff = window.ndDiff;
  const $ = (id) => document.getElementById(id);
  const conflict = $('conflict');
  if (!ed || !diff || !conflict) return;
  const LABELS = { headline: 'Headline', summary: 'Summary', body: 'Body', section: 'Section', tags: 'Tags' };
  const LONG = ['summary', 'body'];
  const WHEN = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
  let pending = null; // { merged, clashes, theirs, theirVersion }

  // The merge's own inputs are not the story's: keep them from the editor's autosave.
  conflict.addEventListener('input', (e) => e.stopPropagation());

  /** Each field's merge: 'same', 'mine' or 'theirs' (one side changed it), or 'both'. */
  function plan(base, theirs, mine) {
    const out = {};
    for (const f of Object.keys(LABELS)) {
      if (mine[f] === theirs[f]) out[f] = 'same';
      else if (base && mine[f] === base[f]) out[f] = 'theirs';
      else if (base && theirs[f] === base[f]) out[f] = 'mine';
      else out[f] = 'both';
    }
    return out;
  }

  ed.on('stale', ({ mine, base }) => {
    fetch(ed.storyUrl, { credentials: 'same-origin' })
      .then((r) => (r.ok ? r.json().then((story) => ({ story, tag: r.headers.get('ETag') })) : Promise.reject(r.status)))
      .then(({ story, tag }) => {
        const theirs = ed.fromStory(story);
        const theirVersion = tag ? tag.replace(/"/g, '') : '';
        const fields = plan(base, theirs, mine);
        const merged = {};
        for (const [f, how] of Object.entries(fields)) merged[f] = how === 'theirs' ? theirs[f] : mine[f];
        const clashes = Object.keys(fields).filter((f) => fields[f] === 'both');
        const taken = Object.keys(fields).filter((f) => fields[f] === 'theirs');
        if (clashes.length === 0) {
          ed.resolve(merged, story, theirVersion).then(() => {
            if (taken.length) ed.say('Someone else saved meanwhile: their ' + names(taken) + ' merged with your text, and saved.');
          });
          return;
        }
        pending = { merged, clashes, story, theirVersion };
        show(base || {}, theirs, mine, clashes, taken);
      })
      .catch(() => ed.say('Not saved: this story changed, and their version cannot be fetched yet. Your text is kept.'));
  });

  const names = (fs) => fs.map((f) => LABELS[f].toLowerCase()).join(', ');

  function show(base, theirs, mine, clashes, taken) {
    $('merge-auto').textContent = taken.length ? 'Taken from theirs, as only they changed it: ' + names(taken) + '.' : '';
    $('merge-fields').replaceChildren(...clashes.map((f) => fieldset(f, base[f] || '', theirs[f], mine[f])));
    conflict.hidden = false;
    fetch(ed.storyUrl + '/versions?limit=1', { credentials: 'same-origin' }).then((r) => r.json()).then((p) => {
      const last = p.items[0];
      if (last) $('merge-who').textContent = ' (' + (last.by || 'someone') + ', ' + WHEN.format(new Date(last.at)) + ')';
    }).catch(() => { /* who it was is a nicety */ });
    conflict.scrollIntoView({ block: 'nearest' });
  }

  function fieldset(f, base, theirs, mine) {
    const set = document.createElement('fieldset');
    set.id = 'merge-' + f;
    set.className = 'merge-field';
    const legend = document.createElement('legend');
    legend.textContent = LABELS[f];
    const sides = document.createElement('div');
    sides.className = 'merge-sides';
    sides.append(side('Their change', base, theirs), side('Your change', base, mine));
    const edit = document.createElement(LONG.includes(f) ? 'textarea' : 'input');
    edit.id = 'merged-' + f;
    edit.value = mine;
    if (edit.tagName === 'TEXTAREA') edit.rows = f === 'body' ? 10 : 3;
    const editLabel = document.createElement('label');
    editLabel.htmlFor = edit.id;
    editLabel.textContent = 'Merged ' + LABELS[f].toLowerCase();
    const picks = document.createElement('div');
    picks.className = 'merge-picks';
    picks.append(pick(f, 'Keep mine', mine, edit, true), pick(f, 'Take theirs', theirs, edit, false));
    set.append(legend, sides, picks, editLabel, edit);
    return set;
  }

  function side(title, base, text) {
    const box = document.createElement('div');
    const h = document.createElement('h4');
    h.textContent = title;
    box.append(h, diff.render(base, text));
    return box;
  }

  function pick(f, label, text, edit, checked) {
    const l = document.createElement('label');
    const radio = document.createElement('input');
    radio.type = 'radio';
    radio.name = 'pick-' + f;
    radio.checked = checked;
    radio.addEventListener('change', () => { if (radio.checked) edit.value = text; });
    l.append(radio, ' ' + label);
    return l;
  }

  $('merge-save').addEventListener('click', () => {
    if (!pending) return;
    const merged = { ...pending.merged };
    for (const f of pending.clashes) merged[f] = $('merged-' + f).value;
    conflict.hidden = true;
    const { story, theirVersion } = pending;
    pending = null;
    ed.resolve(merged, story, theirVersion);
  });
})();
