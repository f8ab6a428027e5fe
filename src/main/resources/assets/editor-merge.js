// Newsdesk story editor: someone else saved first. Their version is shown beside ours, which
// stays in the fields and in this browser's copy until the editor chooses.
(() => {
  'use strict';

  const ed = window.ndEditor;
  if (!ed) return;
  const $ = (id) => document.getElementById(id);
  const conflict = $('conflict');
  let theirs = null;
  let theirVersion = '';

  ed.on('stale', () => {
    fetch(ed.storyUrl, { credentials: 'same-origin' })
      .then((r) => r.json().then((story) => ({ story, tag: r.headers.get('ETag') })))
      .then(({ story, tag }) => {
        theirs = story;
        theirVersion = tag ? tag.replace(/"/g, '') : '';
        $('their-headline').textContent = story.headline;
        $('their-body').textContent = story.body;
        conflict.hidden = false;
      })
      .catch(() => ed.say('Not saved: this story changed, and their version cannot be fetched yet.'));
  });

  $('keep-mine').addEventListener('click', () => {
    conflict.hidden = true;
    ed.resolve(ed.values(), theirs, theirVersion);
  });

  $('take-theirs').addEventListener('click', () => {
    conflict.hidden = true;
    ed.resolve(ed.fromStory(theirs), theirs, theirVersion);
  });
})();
