// Newsdesk story editor, scheduling: Schedule opens a dialog with a date and time in the newsroom's
// time zone (the server's `time-zone`, not this computer's), says back the exact moment it means,
// and Confirm schedule sends it to the API as an RFC 3339 instant (If-Match, as every action).
// Unschedule makes the story a draft again. The server publishes it at that time (decision 0155).
(() => {
  'use strict';

  const ed = window.ndEditor;
  const box = document.getElementById('schedule-dialog');
  if (!ed || !box) return;
  const $ = (id) => document.getElementById(id);
  const zone = box.dataset.timeZone || 'UTC';
  const field = $('schedule-at');
  const confirmText = $('schedule-confirm');
  const note = $('scheduled-note');
  const noteTime = $('scheduled-time');

  const WALL = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
  const SHOWN = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  });
  const UTC = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

  /** The wall clock in the newsroom's zone at instant {@code ms}, as its parts. */
  function wallAt(ms) {
    const p = {};
    for (const part of WALL.formatToParts(new Date(ms))) p[part.type] = part.value;
    return p;
  }

  /** How far the newsroom's clock is ahead of UTC at instant {@code ms}, in milliseconds. */
  function offsetAt(ms) {
    const p = wallAt(ms);
    return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - Math.floor(ms / 1000) * 1000;
  }

  /**
   * The instant a datetime-local value names in the newsroom's zone; null if it is not one. Two
   * passes settle the offset across a change of summer time.
   */
  function instantOf(local) {
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(local || '');
    if (!m) return null;
    const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] || 0));
    const first = wall - offsetAt(wall);
    return new Date(wall - offsetAt(first));
  }

  /** A datetime-local value for instant {@code d} on the newsroom's clock. */
  function localOf(d) {
    const p = wallAt(d.getTime());
    return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
  }

  function describe(d) {
    return SHOWN.format(d) + ' ' + zone;
  }

  /** Says back what the field means, or why it cannot be; returns the instant when it can. */
  function check() {
    const d = instantOf(field.value);
    let problem = '';
    if (!d) problem = 'Choose a date and a time.';
    else if (d.getTime() <= Date.now()) problem = 'That time has passed: choose a later one.';
    if (problem) {
      confirmText.textContent = problem;
      field.setCustomValidity(problem);
      return null;
    }
    field.setCustomValidity('');
    const minutes = Math.round((d.getTime() - Date.now()) / 60000);
    const inText = minutes < 1 ? 'in less than a minute' : minutes < 120 ? `in ${minutes} minutes`
      : `in about ${Math.round(minutes / 60)} hours`;
    confirmText.textContent = `Publishes on ${describe(d)} (${UTC.format(d)} UTC), ${inText}.`;
    return d;
  }

  function showSchedule(story) {
    const at = story && story.status === 'scheduled' && story.scheduledAt ? new Date(story.scheduledAt) : null;
    if (!note) return;
    note.hidden = !at;
    if (at) {
      noteTime.dateTime = at.toISOString();
      noteTime.textContent = describe(at);
    }
  }

  $('schedule').addEventListener('click', () => {
    const current = noteTime && noteTime.dateTime ? new Date(noteTime.dateTime) : null;
    // A scheduled story opens on its time; any other on the next hour.
    const start = current && ed.status === 'scheduled' ? current : new Date(Math.ceil(Date.now() / 3600000) * 3600000);
    field.value = localOf(start);
    check();
    box.showModal();
    field.focus();
  });
  field.addEventListener('input', check);
  field.addEventListener('change', check);
  box.querySelector('.cancel').addEventListener('click', () => box.close());
  box.querySelector('form').addEventListener('submit', (e) => {
    e.preventDefault();
    const d = check();
    if (!d) {
      field.reportValidity();
      return;
    }
    box.close();
    ed.act('schedule', {
      body: { at: d.toISOString() }, doing: 'Scheduling…', done: `Scheduled: it publishes itself on ${describe(d)}.`,
      failed: 'Not scheduled',
    }).then((story) => { if (story) showSchedule(story); });
  });

  $('unschedule').addEventListener('click', () => {
    ed.act('schedule', {
      method: 'DELETE', doing: 'Taking it off the schedule…', done: 'Unscheduled: it is a draft again.', failed: 'Still scheduled',
    }).then((story) => { if (story) showSchedule(story); });
  });

  ed.on('status', (status) => { if (status !== 'scheduled' && note) note.hidden = true; });
})();
