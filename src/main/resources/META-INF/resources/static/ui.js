// Page behaviour that every page shares, as a static file (no inline script, so a strict
// Content-Security-Policy holds):
// - a button or link with data-confirm asks before it acts, saying what will happen;
// - a table row with data-href is tappable as a whole (the link in its first cell still works
//   with a keyboard and without this script).
(function () {
  'use strict';

  // Capture phase on window: runs before htmx's and the outbox's submit handlers on the form.
  window.addEventListener('submit', function (e) {
    const b = e.submitter;
    if (b && b.dataset && b.dataset.confirm && !window.confirm(b.dataset.confirm)) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  }, true);

  window.addEventListener('click', function (e) {
    const a = e.target.closest && e.target.closest('a[data-confirm]');
    if (a && !window.confirm(a.dataset.confirm)) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  }, true);

  document.addEventListener('click', function (e) {
    const row = e.target.closest && e.target.closest('tr[data-href]');
    if (!row || e.defaultPrevented || e.button !== 0) return;
    if (e.target.closest('a, button, input, select, textarea, label, summary')) return;
    if (window.getSelection && String(window.getSelection()).length > 0) return;
    window.location.assign(row.dataset.href);
  });

  // A table wider than the screen scrolls inside its own box, never the whole page sideways.
  function wrapTables(root) {
    (root || document).querySelectorAll('main table').forEach(function (t) {
      const parent = t.parentElement;
      if (parent.classList.contains('table-scroll') || parent.classList.contains('scroll')) return;
      const box = document.createElement('div');
      box.className = 'table-scroll';
      parent.insertBefore(box, t);
      box.appendChild(t);
    });
  }
  document.addEventListener('DOMContentLoaded', function () { wrapTables(document); });
  document.addEventListener('htmx:afterSettle', function (e) { wrapTables(e.detail.elt); });

  // Menus close when a tap lands outside them.
  document.addEventListener('click', function (e) {
    document.querySelectorAll('details.menu[open]').forEach(function (d) {
      if (!d.contains(e.target)) d.removeAttribute('open');
    });
  });
})();
