// Rigtrail's service worker (Workbox, from /static/vendor/workbox): the technician's pages and
// the assets they need are kept so that a tablet that loses Wi-Fi can still show and reload them.
// Pages: network first (4 s), then the last copy; assets: the cached copy at once, refreshed
// behind. Posts never go through here: the page's outbox (static/outbox.js) queues them.
importScripts('/static/vendor/workbox/workbox-sw.js');
workbox.setConfig({ modulePathPrefix: '/static/vendor/workbox/', debug: false });

// load order matters: recipes builds on the others
const { registerRoute } = workbox.routing;
const { NetworkFirst, StaleWhileRevalidate } = workbox.strategies;
const { CacheableResponsePlugin } = workbox.cacheableResponse;
const { ExpirationPlugin } = workbox.expiration;
const { warmStrategyCache } = workbox.recipes;

const PAGES = /^\/($|tickets($|\/new$|\/\d+$)|miners($|\/\d+$)|components\/\d+$|rma-cases($|\/\d+$)|stock$)/;
const ASSETS = [
  '/static/rigtrail.css', '/static/ui.js', '/static/pages.js', '/static/outbox.js', '/static/scan.js',
  '/static/favicon.svg', '/static/vendor/idb/umd.js', '/static/vendor/zxing/zxing-library.min.js',
  '/webjars/htmx.org/dist/htmx.min.js'
];

const pages = new NetworkFirst({
  cacheName: 'rigtrail-pages',
  networkTimeoutSeconds: 4,
  // the server varies its answer on Accept (pages or problem+json); a navigation always wants the page
  matchOptions: { ignoreVary: true },
  plugins: [new CacheableResponsePlugin({ statuses: [200] }),
    new ExpirationPlugin({ maxEntries: 300, maxAgeSeconds: 14 * 24 * 3600 })]
});
const assets = new StaleWhileRevalidate({
  cacheName: 'rigtrail-assets',
  plugins: [new CacheableResponsePlugin({ statuses: [200] })]
});

registerRoute(({ request, url }) => request.mode === 'navigate' && url.origin === self.location.origin
  && PAGES.test(url.pathname), pages);
registerRoute(({ url }) => url.origin === self.location.origin
  && (url.pathname.startsWith('/static/') || url.pathname.startsWith('/webjars/')), assets);

warmStrategyCache({ urls: ASSETS, strategy: assets });

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', event => event.waitUntil(self.clients.claim()));

self.addEventListener('message', event => {
  const m = event.data || {};
  if (m.type === 'keep-page' && typeof m.url === 'string') {
    // the page the tablet shows right now (its first load came before this worker controlled it)
    const url = new URL(m.url, self.location.origin);
    if (url.origin === self.location.origin && PAGES.test(url.pathname)) {
      event.waitUntil(pages.handle({ request: new Request(url.href, { credentials: 'same-origin' }), event }));
    }
  } else if (m.type === 'forget-pages') {
    // signing out: another person may use this tablet next
    event.waitUntil(caches.delete('rigtrail-pages'));
  }
});
