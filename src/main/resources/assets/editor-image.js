// Newsdesk story editor, the lead image: upload a file with its alt text (required) to the image
// API, then attach it to the story with the version the editor holds (If-Match). The story is
// saved first, so a new story gets its address before it gets an image.
(() => {
  'use strict';

  const ed = window.ndEditor;
  const box = document.getElementById('lead-image');
  if (!ed || !box) return;
  const $ = (id) => document.getElementById(id);
  const file = $('lead-image-file');
  const alt = $('lead-image-alt');
  const state = $('lead-image-state');
  const say = (text) => { state.textContent = text; };
  // Choosing a file or typing alt text is not an edit of the story: the form's autosave need not hear it.
  for (const type of ['input', 'change']) box.addEventListener(type, (e) => e.stopPropagation());

  function show(image) {
    box.dataset.imageId = image ? image.id : '';
    $('lead-image-current').hidden = !image;
    $('lead-image-remove').hidden = !image;
    if (!image) return;
    const first = image.renditions && image.renditions[0];
    $('lead-image-thumb').src = first ? first.url : image.src;
    $('lead-image-thumb').alt = image.alt;
    $('lead-image-alt-shown').textContent = image.alt;
  }

  function refuse(field, text) {
    field.setCustomValidity(text);
    field.reportValidity();
    field.addEventListener('input', () => field.setCustomValidity(''), { once: true });
    say(text);
    return null;
  }

  /** PATCHes the story's lead image (an id, or null to remove it) with the version the editor holds. */
  function attach(id) {
    return ed.save().then((ok) => {
      if (!ed.slug) return refuse($('headline'), 'Add a headline and a section, so the story can be saved first.');
      if (!ok) return say('The story is not saved yet, so the image is not attached; try again once it is.');
      return window.ndDesk.send(ed.storyUrl, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', 'If-Match': '"' + ed.version + '"' },
        body: JSON.stringify({ leadImage: id }),
      }).then((r) => {
        if (r.status === 412) return say('The story changed meanwhile: save or merge it, then attach the image again.');
        if (!r.ok) return ed.problemText(r).then((d) => say('Not attached: ' + d + '.'));
        return r.json().then((story) => {
          ed.adopt(r, story);
          show(story.leadImage || null);
          say(id ? 'Lead image attached.' : 'Lead image removed.');
        });
      });
    }, () => say('The server cannot be reached; the image is not attached.'));
  }

  $('lead-image-upload').addEventListener('click', () => {
    const picked = file.files && file.files[0];
    if (!picked) return refuse(file, 'Choose an image file first.');
    const text = alt.value.trim();
    if (!text) return refuse(alt, 'Alt text is required: describe the picture.');
    say('Uploading…');
    return window.ndDesk.send('/api/v1/images?alt=' + encodeURIComponent(text), {
      method: 'POST', headers: { 'Content-Type': picked.type || 'application/octet-stream' }, body: picked,
    }).then((r) => {
      if (!r.ok) return ed.problemText(r).then((d) => say('Not uploaded: ' + d + '.'));
      return r.json().then((image) => {
        say('Uploaded; attaching…');
        return attach(image.id).then(() => {
          if (box.dataset.imageId === image.id) {
            file.value = '';
            alt.value = '';
          }
        });
      });
    }, () => say('The server cannot be reached; nothing was uploaded.'));
  });

  $('lead-image-remove').addEventListener('click', () => attach(null));
})();
