// Newsdesk story editor: what changed between two texts, as <del> and <ins> (text only, never
// markup from the texts). A longest-common-subsequence diff over lines, then over words within
// a changed pair of lines; texts too long for that are shown whole, old then new.
(() => {
  'use strict';

  const MAX_CELLS = 4000000; // n × m of the LCS table: a few MB, a few milliseconds

  /** The operations turning a into b: [{op: '=', '-', '+', value}]. */
  function ops(a, b) {
    const n = a.length;
    const m = b.length;
    if (n * m > MAX_CELLS) return [...a.map((v) => ({ op: '-', value: v })), ...b.map((v) => ({ op: '+', value: v }))];
    const table = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
      }
    }
    const out = [];
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (a[i] === b[j]) { out.push({ op: '=', value: a[i] }); i++; j++; }
      else if (table[i + 1][j] >= table[i][j + 1]) out.push({ op: '-', value: a[i++] });
      else out.push({ op: '+', value: b[j++] });
    }
    while (i < n) out.push({ op: '-', value: a[i++] });
    while (j < m) out.push({ op: '+', value: b[j++] });
    return out;
  }

  const words = (s) => s.split(/(\s+)/).filter((w) => w !== '');

  function append(parent, op, text) {
    if (text === '') return;
    const tag = op === '-' ? 'del' : op === '+' ? 'ins' : 'span';
    const el = document.createElement(tag);
    el.textContent = text;
    parent.appendChild(el);
  }

  /** Appends to {@code parent} the words of {@code before} and {@code after}, marked. */
  function wordDiff(parent, before, after) {
    for (const o of ops(words(before), words(after))) append(parent, o.op, o.value);
  }

  /** A block showing how {@code before} became {@code after}: whole lines kept, removed or added; words within. */
  function render(before, after) {
    const box = document.createElement('div');
    box.className = 'diff';
    const lines = ops(before.split('\n'), after.split('\n'));
    for (let k = 0; k < lines.length; k++) {
      const line = document.createElement('div');
      const o = lines[k];
      const next = lines[k + 1];
      if (o.op === '-' && next && next.op === '+') {
        line.className = 'diff-line changed';
        wordDiff(line, o.value, next.value);
        k++;
      } else {
        line.className = 'diff-line' + (o.op === '=' ? '' : o.op === '-' ? ' removed' : ' added');
        append(line, o.op, o.value === '' ? '\u00a0' : o.value);
      }
      box.appendChild(line);
    }
    return box;
  }

  window.ndDiff = { ops, render };
})();
