// Behaviour every page shares, kept out of the templates so the Content-Security-Policy can forbid
// inline scripts: print and back buttons, range inputs that show their value, selects that
// navigate, and the CSRF token on every htmx request.
(function () {
  document.addEventListener('click', function (e) {
    const el = e.target.closest('[data-print], [data-back]');
    if (!el) return;
    e.preventDefault();
    if (el.hasAttribute('data-print')) window.print(); else history.back();
  });
  document.addEventListener('input', function (e) {
    const el = e.target;
    if (!el.dataset || !el.dataset.show) return;
    const out = document.getElementById(el.dataset.show);
    if (out) out.value = el.value;
  });
  document.addEventListener('change', function (e) {
    const el = e.target;
    if (el.dataset && el.dataset.navigate) location.href = el.dataset.navigate + encodeURIComponent(el.value);
  });
  // the studio: warn while choosing when a picked scenario changes nothing before the horizon ends
  function horizonWarning() {
    const form = document.getElementById('studio-form');
    const out = document.getElementById('horizon-warning');
    const horizon = document.getElementById('horizonDays');
    if (!form || !out || !horizon) return;
    if (!out.dataset.hint) out.dataset.hint = out.textContent;
    const h = Number(horizon.value);
    const late = Array.from(form.querySelectorAll('input[name="scenario"]:checked'))
      .filter(c => c.dataset.changesOn !== undefined && Number(c.dataset.changesOn) >= h);
    if (late.length === 0) {
      out.textContent = out.dataset.hint;
      out.classList.remove('warning');
      return;
    }
    const first = Math.min.apply(null, late.map(c => Number(c.dataset.changesOn)));
    out.textContent = late.map(c => '“' + c.dataset.name + '”').join(', ') + (late.length > 1 ? ' change' : ' changes')
      + ' nothing before day ' + first + ', so a horizon of ' + h + ' days shows only the baseline for '
      + (late.length > 1 ? 'them' : 'it') + '. Choose a horizon of more than ' + first + ' days to see the change.';
    out.classList.add('warning');
  }
  document.addEventListener('input', horizonWarning);
  document.addEventListener('change', horizonWarning);
  document.addEventListener('DOMContentLoaded', horizonWarning);
  document.addEventListener('htmx:configRequest', function (e) {
    const meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) e.detail.headers[meta.dataset.header] = meta.content;
  });
})();
