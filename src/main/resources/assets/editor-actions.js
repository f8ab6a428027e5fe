// Newsdesk story editor, the actions on a story: Publish, Submit for review, Retract (with a
// reason) and Add correction, each through the API with the version the editor holds (If-Match).
// Which buttons show follows the story's status; the server decides who may do what.
(() => {
  'use strict';

  const ed = window.ndEditor;
  if (!ed) return;
  const $ = (id) => document.getElementById(id);
  const LABELS = {
    draft: 'Draft', in_review: 'In review', scheduled: 'Scheduled', published: 'Published', retracted: 'Retracted',
  };

  // Which status each button makes sense in ('' is a story not yet saved).
  const SHOWN = {
    publish: ['', 'draft', 'in_review', 'scheduled'],
    schedule: ['', 'draft', 'in_review', 'scheduled'],
    unschedule: ['scheduled'],
    submit: ['', 'draft'],
    retract: ['published'],
    correct: ['published'],
    'alert-link': ['published'], // a link to the breaking-alert form (desk.AlertPages)
  };

  function showFor(status) {
    for (const [id, statuses] of Object.entries(SHOWN)) {
      const button = $(id);
      if (button) button.hidden = !statuses.includes(status);
    }
    const label = $('story-status');
    if (label && status) {
      label.textContent = LABELS[status] || status;
      label.className = 'status status-' + status;
      label.hidden = false;
    }
  }

  function wire(id, handler) {
    const button = $(id);
    if (button) button.addEventListener('click', handler);
  }

  wire('publish', () => ed.act('publish', { doing: 'Publishing…', done: 'Published.', failed: 'Not published' }));
  wire('submit', () => ed.act('submit', {
    doing: 'Submitting for review…', done: 'Submitted for review: an editor will publish it.', failed: 'Not submitted',
  }));

  // ---- the dialogs: a reason to retract, the text of a correction

  function dialog(id, field, path, bodyOf, words) {
    const box = $(id);
    if (!box) return;
    const text = $(field);
    wire(id.replace('-dialog', ''), () => {
      text.value = '';
      box.showModal();
      text.focus();
    });
    box.querySelector('.cancel').addEventListener('click', () => box.close());
    box.querySelector('form').addEventListener('submit', (e) => {
      e.preventDefault();
      const value = text.value.trim();
      if (words.required && !value) {
        text.setCustomValidity(words.required);
        text.reportValidity();
        return;
      }
      text.setCustomValidity('');
      box.close();
      ed.act(path, { body: bodyOf(value), doing: words.doing, done: words.done, failed: words.failed });
    });
    text.addEventListener('input', () => text.setCustomValidity(''));
  }

  dialog('retract-dialog', 'retract-reason', 'retract', (reason) => ({ reason }), {
    required: 'Say why the story is retracted: readers see it.',
    doing: 'Retracting…', done: 'Retracted: readers now see the reason.', failed: 'Not retracted',
  });
  dialog('correct-dialog', 'correction-text', 'corrections', (text) => ({ text }), {
    required: 'Write the correction readers will see.',
    doing: 'Adding the correction…', done: 'Correction added.', failed: 'Correction not added',
  });

  ed.on('status', showFor);
  showFor(ed.status);
})();
