// The tablet's outbox: every technician action (open a ticket, move it, swap, add a photo) goes
// through a queue kept in IndexedDB (idb, /static/vendor/idb/umd.js) with its idempotency key. The
// action shows as "queued" at once, is sent now or when the network returns, and ends "sent", or as
// a conflict to resolve (the server's answer names the other tablet's change), or as refused. A
// queued action survives a reload; what is typed in a field marked data-draft survives too. The
// server sees each action once whatever the number of tries (the key is the form token).
(function () {
  'use strict';
  if (!window.indexedDB || !window.idb) return;

  const DB = idb.openDB('rigtrail-outbox', 1, {
    upgrade(db) {
      db.createObjectStore('actions', { keyPath: 'id' });
      db.createObjectStore('drafts', { keyPath: 'key' });
    }
  });
  const OPEN = ['queued', 'sending', 'login', 'blocked'];
  const WORDS = { queued: 'queued', sending: 'sending…', sent: 'sent', conflict: 'conflict', refused: 'refused',
    login: 'sign in again to send', blocked: 'waiting for the conflict above' };
  const me = document.body.dataset.user || '';
  let flushing = false;

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return 'k-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2);
  }

  function csrf() {
    const m = document.querySelector('meta[name="csrf-token"]');
    return m ? { name: m.dataset.header, value: m.content } : null;
  }

  async function all() {
    const db = await DB;
    return (await db.getAll('actions')).filter(a => a.user === me).sort((x, y) => x.createdAt - y.createdAt);
  }

  async function put(a) {
    const db = await DB;
    await db.put('actions', a);
  }

  async function remove(id) {
    const db = await DB;
    await db.delete('actions', id);
  }

  // ---- what the technician sees ----

  function panel() {
    let p = document.getElementById('outbox');
    if (!p) {
      p = document.createElement('section');
      p.id = 'outbox';
      p.className = 'card outbox';
      p.setAttribute('aria-live', 'polite');
      const main = document.querySelector('main');
      if (!main) return null;
      main.insertBefore(p, main.firstChild);
    }
    return p;
  }

  function text(tag, cls, t) {
    const el = document.createElement(tag);
    if (cls) el.className = cls;
    el.textContent = t;
    return el;
  }

  async function render() {
    const actions = await all();
    const p = panel();
    if (!p) return;
    const shown = actions.filter(a => OPEN.includes(a.status) || a.status === 'conflict' || a.status === 'refused'
      || (a.status === 'sent' && Date.now() - a.doneAt < 15 * 60 * 1000));
    p.replaceChildren();
    p.hidden = shown.length === 0;
    const offline = !navigator.onLine;
    document.body.classList.toggle('offline', offline);
    if (shown.length === 0) return;
    const head = text('h2', null, offline ? 'Offline: your changes are kept on this tablet' : 'Your changes');
    p.appendChild(head);
    const list = document.createElement('ul');
    list.className = 'outbox-list';
    shown.forEach(a => {
      const li = document.createElement('li');
      li.className = 'outbox-item ' + a.status;
      li.dataset.id = a.id;
      li.dataset.status = a.status;
      li.appendChild(text('strong', null, a.label));
      li.appendChild(text('span', 'outbox-status', ' ' + WORDS[a.status]));
      if (a.message) li.appendChild(text('div', 'outbox-message', a.message));
      if (a.status === 'conflict' || a.status === 'refused') {
        const buttons = document.createElement('p');
        buttons.className = 'buttons';
        const discard = text('button', 'secondary', a.status === 'conflict' ? 'Keep their change (discard mine)' : 'Discard');
        discard.type = 'button';
        discard.dataset.outboxDiscard = a.id;
        buttons.appendChild(discard);
        if (a.status === 'conflict') {
          const again = text('button', null, 'Send mine again on top');
          again.type = 'button';
          again.dataset.outboxRetry = a.id;
          buttons.appendChild(again);
        }
        li.appendChild(buttons);
      }
      list.appendChild(li);
    });
    p.appendChild(list);
  }

  // ---- queueing ----

  function describe(form, submitter) {
    const base = form.dataset.label || 'Change';
    const what = submitter && submitter.textContent ? submitter.textContent.trim() : 'Save';
    return base + ': ' + what;
  }

  async function queue(form, submitter) {
    const fd = submitter ? new FormData(form, submitter) : new FormData(form);
    const id = uuid();
    fd.set('formToken', id);
    const fields = [];
    const files = [];
    for (const [k, v] of fd.entries()) {
      if (v instanceof Blob) {
        if (v.size > 0) files.push({ name: k, blob: v, fileName: v.name || 'photo' });
      } else {
        fields.push([k, v]);
      }
    }
    if (form.enctype === 'multipart/form-data' && files.length === 0) {
      flash(form, 'Choose a photo first.');
      return null;
    }
    const a = { id, user: me, scope: form.dataset.outbox, url: form.getAttribute('action'), fields, files,
      multipart: form.enctype === 'multipart/form-data', label: describe(form, submitter), createdAt: Date.now(),
      status: 'queued', page: location.pathname, target: form.dataset.outboxTarget || null,
      move: fields.filter(f => f[0] === 'move').map(f => f[1])[0] || null };
    await put(a);
    await clearDrafts(form);
    return a;
  }

  function flash(form, message) {
    let m = form.querySelector('.outbox-flash');
    if (!m) {
      m = text('div', 'outbox-flash field-error', '');
      m.setAttribute('role', 'alert');
      form.appendChild(m);
    }
    m.textContent = message;
  }

  document.addEventListener('submit', async e => {
    const form = e.target;
    if (!form.matches || !form.matches('form[data-outbox]')) return;
    e.preventDefault();
    const submitter = e.submitter;
    const a = await queue(form, submitter);
    if (!a) return;
    await render();
    if (navigator.onLine) {
      await flush();
    }
    const now = (await all()).find(x => x.id === a.id);
    if (now && OPEN.includes(now.status)) {
      predict(a, form);
    }
  });

  // ---- sending ----

  function body(a) {
    if (a.multipart) {
      const fd = new FormData();
      a.fields.forEach(([k, v]) => fd.append(k, v));
      a.files.forEach(f => fd.append(f.name, f.blob, f.fileName));
      return fd;
    }
    return new URLSearchParams(a.fields);
  }

  async function send(a) {
    const headers = { 'X-Outbox': '1' };
    const token = csrf();
    if (token) headers[token.name] = token.value;
    let r;
    try {
      r = await fetch(a.url, { method: 'POST', body: body(a), headers, credentials: 'same-origin', redirect: 'manual' });
    } catch (err) {
      return { status: 'queued' }; // no network: try again later
    }
    if (r.type === 'opaqueredirect' || r.status === 401) return { status: 'login' };
    const html = await r.text();
    if (r.ok) return { status: 'sent', html, location: r.headers.get('X-Outbox-Location') };
    // a conflict: another tablet changed the object first (the server says so); any other refusal is refused
    if (r.status === 409 && r.headers.get('X-Outbox-Conflict')) return { status: 'conflict', html, message: messageOf(html) };
    if (r.status >= 400 && r.status < 500) return { status: 'refused', html, message: messageOf(html) };
    return { status: 'queued', message: 'The server answered ' + r.status + '; trying again shortly' };
  }

  function messageOf(html) {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const m = doc.querySelector('[role=alert]');
    return m ? m.textContent.replace(/\s+/g, ' ').trim() : 'The server refused this change';
  }

  /** Sends what is queued, oldest first; one conflict or refusal holds back the later actions of its object. */
  async function flush() {
    if (flushing) return;
    flushing = true;
    try {
      const stuck = new Set();
      for (const a of await all()) {
        if (a.status === 'conflict' || a.status === 'refused') {
          stuck.add(a.scope);
          continue;
        }
        if (!OPEN.includes(a.status)) continue;
        if (stuck.has(a.scope)) {
          if (a.status !== 'blocked') { a.status = 'blocked'; await put(a); }
          continue;
        }
        a.status = 'sending';
        await put(a);
        await render();
        const result = await send(a);
        a.status = result.status;
        a.message = result.message || null;
        if (result.status === 'sent' || result.status === 'conflict' || result.status === 'refused') {
          a.doneAt = Date.now();
          a.files = [];
          show(a, result);
        }
        await put(a);
        if (result.status === 'queued' || result.status === 'login') {
          break; // the network or the session is gone: keep the order, try later
        }
        if (result.status !== 'sent') stuck.add(a.scope);
      }
    } finally {
      flushing = false;
      await purge();
      await render();
    }
  }

  /** The server's answer replaces what the page predicted: the ticket as it is now. */
  function show(a, result) {
    if (result.location && a.page === location.pathname) {
      window.location.assign(result.location);
      return;
    }
    if (!result.html || a.page !== location.pathname) return;
    const doc = new DOMParser().parseFromString(result.html, 'text/html');
    const fresh = doc.querySelector('[data-outbox-panel]');
    const current = document.querySelector('[data-outbox-panel]');
    if (fresh && current) {
      current.replaceWith(document.importNode(fresh, true));
      restoreDrafts();
    }
    const photos = doc.querySelector('#photos');
    if (photos && document.querySelector('#photos')) {
      document.querySelector('#photos').replaceWith(document.importNode(photos, true));
    }
  }

  async function purge() {
    const db = await DB;
    for (const a of await db.getAll('actions')) {
      if ((a.status === 'sent') && Date.now() - a.doneAt > 24 * 3600 * 1000) await db.delete('actions', a.id);
    }
  }

  document.addEventListener('click', async e => {
    const d = e.target.closest && e.target.closest('[data-outbox-discard]');
    const r = e.target.closest && e.target.closest('[data-outbox-retry]');
    if (!d && !r) return;
    const id = (d || r).dataset.outboxDiscard || (d || r).dataset.outboxRetry;
    const actions = await all();
    const a = actions.find(x => x.id === id);
    if (!a) return;
    if (d) {
      // keep theirs: this action and the ones queued after it on the same object are dropped
      for (const x of actions) {
        if (x.scope === a.scope && x.createdAt >= a.createdAt && x.status !== 'sent') await remove(x.id);
      }
    } else {
      // send mine again, based on the object as it is now (the page shows the server's version)
      const panelNow = document.querySelector('[data-outbox-panel][data-version]');
      a.fields = a.fields.map(([k, v]) => [k, k === 'version' && panelNow ? panelNow.dataset.version : v]);
      a.fields = a.fields.map(([k, v]) => [k, k === 'formToken' ? uuid() : v]);
      a.status = 'queued';
      a.message = null;
      for (const x of actions) if (x.scope === a.scope && x.status === 'blocked') { x.status = 'queued'; await put(x); }
      await put(a);
      await flush();
    }
    await render();
  });

  // ---- predicting the page while offline ----

  /**
   * What the ticket will look like once the queued move is sent: the page carries the next step's
   * form in a <template data-after-move="..."> (the diagnosis form after "Start diagnosis"), which
   * replaces the work form with the version the server will give it; any other move shows as
   * queued and the form waits.
   */
  function predict(a, form) {
    const panelEl = document.querySelector('[data-outbox-panel]');
    if (!panelEl || a.page !== location.pathname) return;
    const next = a.move && panelEl.querySelector('template[data-after-move="' + a.move + '"]');
    appendTimeline(panelEl, a);
    if (next) {
      const work = panelEl.querySelector('form[data-outbox]');
      const fragment = next.content.cloneNode(true);
      work.replaceWith(fragment);
      const state = panelEl.querySelector('#ticket-state');
      if (state && next.dataset.stateLabel) state.textContent = next.dataset.stateLabel + ' (queued)';
      restoreFields(panelEl.querySelector('form[data-outbox]'), null);
      return;
    }
    form.querySelectorAll('button, input, select, textarea').forEach(el => { el.disabled = true; });
    form.classList.add('queued');
    const state = panelEl.querySelector('#ticket-state');
    if (state && a.move) state.textContent = state.textContent.replace(/ \(queued\)$/, '') + ' → ' + a.label.split(': ').pop() + ' (queued)';
  }

  function appendTimeline(panelEl, a) {
    const tl = panelEl.querySelector('#timeline');
    if (!tl || !a.move) return;
    const li = document.createElement('li');
    li.className = 'queued';
    li.dataset.outboxId = a.id;
    li.appendChild(text('strong', null, a.label.split(': ').pop()));
    li.appendChild(text('span', 'muted', ' queued on this tablet, not sent yet'));
    tl.appendChild(li);
  }

  /** After a reload: the queued actions of this page are shown again, in order, with what was typed. */
  async function replayPredictions() {
    const mine = (await all()).filter(a => a.page === location.pathname && OPEN.includes(a.status));
    for (const a of mine) {
      const form = document.querySelector('[data-outbox-panel] form[data-outbox]') || document.querySelector('form[data-outbox="' + a.scope + '"]');
      if (!form) continue;
      restoreFields(form, a);
      predict(a, form);
    }
  }

  function restoreFields(form, a) {
    if (!form || !a) return;
    a.fields.forEach(([k, v]) => {
      const el = form.elements.namedItem(k);
      if (el && !(el instanceof RadioNodeList) && el.type !== 'hidden' && el.type !== 'submit' && el.type !== 'file') {
        el.value = v;
      }
    });
  }

  // ---- drafts: typed text survives a reload ----

  function draftKey(el) {
    return location.pathname + '#' + (el.form ? el.form.id || el.form.getAttribute('action') : '') + '#' + el.name;
  }

  document.addEventListener('input', async e => {
    const el = e.target;
    if (!el.matches || !el.matches('[data-draft]')) return;
    const db = await DB;
    await db.put('drafts', { key: draftKey(el), value: el.value, at: Date.now() });
  });
  document.addEventListener('change', async e => {
    const el = e.target;
    if (!el.matches || !el.matches('select[data-draft]')) return;
    const db = await DB;
    await db.put('drafts', { key: draftKey(el), value: el.value, at: Date.now() });
  });

  async function restoreDrafts() {
    const db = await DB;
    for (const el of document.querySelectorAll('[data-draft]')) {
      const d = await db.get('drafts', draftKey(el));
      if (d && d.value && !el.disabled) el.value = d.value;
    }
  }

  async function clearDrafts(form) {
    const db = await DB;
    for (const el of form.querySelectorAll('[data-draft]')) await db.delete('drafts', draftKey(el));
  }

  // ---- when to send ----

  window.addEventListener('online', () => { render(); flush(); });
  window.addEventListener('offline', () => render());
  document.addEventListener('visibilitychange', () => { if (!document.hidden) flush(); });
  setInterval(() => { if (navigator.onLine) flush(); }, 15000);

  // the service worker keeps the technician's pages for a reload without network
  if ('serviceWorker' in navigator && document.body.dataset.offline === 'true') {
    navigator.serviceWorker.register('/sw.js').then(() => navigator.serviceWorker.ready).then(reg => {
      if (reg.active && navigator.onLine) reg.active.postMessage({ type: 'keep-page', url: location.href });
    }).catch(() => { /* no worker: the outbox still keeps actions across a reload with network */ });
  }
  document.addEventListener('click', e => {
    const out = e.target.closest && e.target.closest('a.logout');
    if (out && navigator.serviceWorker && navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage({ type: 'forget-pages' });
    }
  });

  window.__outbox = { all, flush, render };
  (async () => {
    await restoreDrafts();
    await replayPredictions();
    await render();
    if (navigator.onLine) await flush();
    document.body.dataset.outboxReady = 'true';
  })();
})();
