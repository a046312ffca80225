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
  document.addEventListener('htmx:configRequest', function (e) {
    const meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) e.detail.headers[meta.dataset.header] = meta.content;
  });
})();
