// Draws a saved forecast: one fan chart per scenario (mean, P50 and the P10-P90 band), stacked
// backlog means, the paired differences with their 95% intervals, and the tables.
(function () {
  const data = JSON.parse(document.getElementById('forecast-data').textContent);
  const dates = data.dates;
  const pct = v => (100 * v).toFixed(2) + '%';
  const fmt = v => Number(v).toLocaleString('en-US', { maximumFractionDigits: 0 });
  const colors = ['#0b5cad', '#b26a00', '#b0263a', '#2e7d32', '#6a1b9a', '#00796b'];
  const stageColors = { AWAITING_DIAGNOSIS: '#d35400', AWAITING_SPARE: '#b0263a', BENCH_REPAIR: '#7aa6d6',
    AWAITING_RMA_SHIPMENT: '#f2b134', IN_TRANSIT: '#9fc5a8', HUB_QUEUE: '#e07b39', HUB_REPAIR: '#5b8c5a',
    RETURNING: '#b7d7b0', CUSTOMS_HOLD: '#8e44ad', ON_ORDER: '#95a5a6', LOST: '#333333' };
  const stageLabel = k => (data.stageLabels && data.stageLabels[k]) || k;
  const note = document.getElementById('start-note');
  if (note) {
    note.textContent = data.start === 'now'
      ? 'Day 0 is today: every open ticket, RMA case, shipment, customs hold and purchase order where the dashboard shows it, the time left in each stage drawn given the time already spent.'
      : data.warmupDays > 0
        ? 'Started from an empty pipeline: ' + data.warmupDays + ' days simulated before day 0.'
        : 'Started from the steady state: day 0 drawn from the stationary pipeline (Palm), as a long warm-up would reach it.';
  }
  const warn = document.getElementById('warnings');
  (data.warnings || []).forEach(w => { const li = document.createElement('li'); li.textContent = w; warn.appendChild(li); });
  if (data.initialState) {
    document.getElementById('initial-state').hidden = false;
    const tb = document.querySelector('#initial-table tbody');
    const add = (label, a, b) => { const r = tb.insertRow(); r.insertCell().textContent = label; r.insertCell().textContent = fmt(a); r.insertCell().textContent = b === undefined ? '' : fmt(b); };
    add('Machines down', data.initialState.unitsDown, data.initialState.unitsDownDashboard);
    Object.keys(data.initialState.backlog).forEach(k => add(stageLabel(k), data.initialState.backlog[k], data.initialState.backlogDashboard[k]));
    add('Spares on order', data.initialState.sparesOnOrder);
  }
  function panel(host, title, id) {
    const fig = document.createElement('figure');
    fig.className = 'fan';
    fig.dataset.scenario = id;
    fig.innerHTML = '<figcaption></figcaption><canvas height="220" role="img"></canvas>';
    fig.querySelector('figcaption').textContent = title;
    fig.querySelector('canvas').setAttribute('aria-label', title);
    host.appendChild(fig);
    return fig.querySelector('canvas');
  }
  const charts = [];
  let low = 1;
  data.scenarios.forEach(s => s.availabilityHashrate.p10.forEach(v => { low = Math.min(low, v); }));
  const yMin = Math.max(0, Math.floor((low - 0.005) * 100) / 100);
  // Side-by-side panels share one y-axis each (availability, backlog, differences), so the eye compares
  // heights honestly across scenarios.
  let backlogMax = 0;
  data.scenarios.forEach(s => {
    const stages = Object.keys(s.backlog).filter(k => k !== 'LOST');
    dates.forEach((_, d) => { backlogMax = Math.max(backlogMax, stages.reduce((sum, k) => sum + (s.backlog[k][d] || 0), 0)); });
  });
  backlogMax = niceCeil(backlogMax);
  let diffLow = 0, diffHigh = 0;
  data.differences.forEach(d => {
    d.availabilityHashrate.ciLow.forEach(v => { diffLow = Math.min(diffLow, v); });
    d.availabilityHashrate.ciHigh.forEach(v => { diffHigh = Math.max(diffHigh, v); });
  });
  const diffSpan = Math.max(0.001, Math.abs(diffLow), Math.abs(diffHigh)) * 1.05;
  function niceCeil(v) {
    if (v <= 0) return 1;
    const p = Math.pow(10, Math.floor(Math.log10(v)));
    return [1, 2, 2.5, 5, 10].map(m => m * p).find(x => x >= v);
  }
  data.scenarios.forEach((s, i) => {
    const c = colors[i % colors.length];
    const a = s.availabilityHashrate;
    const later = s.phaseDays && s.phaseDays.length ? ', then on day ' + s.phaseDays.join(', ') : '';
    const from = s.effectiveDay !== null && s.effectiveDay !== undefined ? ' (changes on day ' + s.effectiveDay + later + ')'
      : s.effectiveDate ? ' (from ' + s.effectiveDate + ')' : '';
    const canvas = panel(document.getElementById('fans'), s.name + from, s.id);
    if (!s.analyticValid && s.analyticNotValidBecause && s.analyticNotValidBecause.length) {
      const p = document.createElement('p');
      p.className = 'analytic-note';
      p.textContent = 'No analytic line: ' + s.analyticNotValidBecause.join('; ') + '.';
      canvas.parentElement.appendChild(p);
    }
    canvas.dataset.band = 'availability';
    charts.push(new Chart(canvas, { type: 'line',
      data: { labels: dates, datasets: [
        { label: 'P90', data: a.p90, borderWidth: 0, pointRadius: 0, backgroundColor: c + '33', fill: '+1' },
        { label: 'P10', data: a.p10, borderWidth: 0, pointRadius: 0, backgroundColor: c + '33', fill: false },
        { label: 'P50', data: a.p50, borderColor: c, borderDash: [4, 3], borderWidth: 1, pointRadius: 0 },
        { label: 'mean', data: a.mean, borderColor: c, borderWidth: 2, pointRadius: 0 },
        ].concat(s.analyticValid && s.analyticAvailabilityHashrate ? [{ label: 'analytic steady state (Palm)', data: s.analyticAvailabilityHashrate, borderColor: '#555', borderWidth: 1, pointRadius: 0, borderDash: [1, 3] }] : []) },
      options: { animation: false, scales: { y: { min: yMin, max: 1, ticks: { callback: v => pct(v) } }, x: { ticks: { maxTicksLimit: 8 } } },
        plugins: { tooltip: { callbacks: { label: ctx => ctx.dataset.label + ': ' + pct(ctx.parsed.y) } } } } }));
    const stages = Object.keys(s.backlog).filter(k => k !== 'LOST');
    const bc = panel(document.getElementById('backlogs'), s.name, s.id);
    charts.push(new Chart(bc, { type: 'line',
      data: { labels: dates, datasets: stages.map(k => ({ label: stageLabel(k), data: s.backlog[k],
        backgroundColor: stageColors[k], borderColor: stageColors[k], borderWidth: 1, pointRadius: 0, fill: true })) },
      options: { animation: false, scales: { y: { stacked: true, min: 0, max: backlogMax, title: { display: true, text: 'parts (machines awaiting a spare)' } },
        x: { ticks: { maxTicksLimit: 8 } } }, plugins: { legend: { labels: { boxWidth: 10 } } } } }));
    const host = document.getElementById('installed');
    if (host && s.installedThs) {
      const ic = panel(host, s.name + ': installed TH/s', s.id);
      ic.dataset.band = 'installed';
      charts.push(new Chart(ic, { type: 'line',
        data: { labels: dates, datasets: [
          { label: 'P90', data: s.installedThs.p90, borderWidth: 0, pointRadius: 0, backgroundColor: c + '33', fill: '+1' },
          { label: 'P10', data: s.installedThs.p10, borderWidth: 0, pointRadius: 0, backgroundColor: c + '33', fill: false },
          { label: 'installed, mean', data: s.installedThs.mean, borderColor: c, borderWidth: 2, pointRadius: 0 },
          { label: 'plan', data: s.installedThs.plan, borderColor: '#333', borderWidth: 1, borderDash: [6, 3], pointRadius: 0, stepped: true, spanGaps: false }] },
        options: { animation: false, scales: { y: { ticks: { callback: v => fmt(v) } }, x: { ticks: { maxTicksLimit: 8 } } } } }));
    }
    const t = s.totals;
    const row = document.querySelector('#totals tbody').insertRow();
    row.insertCell().textContent = s.name;
    row.insertCell().textContent = fmt(t.hashrateDaysLostThDays.mean) + ' [' + fmt(t.hashrateDaysLostThDays.p10) + ', ' + fmt(t.hashrateDaysLostThDays.p90) + ']';
    row.insertCell().textContent = '$' + fmt(t.valueLostUsd.mean);
    row.insertCell().textContent = '$' + fmt(t.spareSpendUsd.mean);
    row.insertCell().textContent = t.tariffsUsd ? '$' + fmt(t.tariffsUsd.mean) : '';
    row.insertCell().textContent = t.storageFeesUsd ? '$' + fmt(t.storageFeesUsd.mean) + ' [' + fmt(t.storageFeesUsd.p10) + ', ' + fmt(t.storageFeesUsd.p90) + ']' : '';
    row.insertCell().textContent = t.fallbackParts ? fmt(t.fallbackParts.mean) : '0';
  });
  data.differences.forEach((d, i) => {
    const c = colors[(i + 1) % colors.length];
    const a = d.availabilityHashrate;
    const canvas = panel(document.getElementById('differences'), d.name, d.scenario);
    charts.push(new Chart(canvas, { type: 'line',
      data: { labels: dates, datasets: [
        { label: '95% CI high', data: a.ciHigh, borderWidth: 0, pointRadius: 0, backgroundColor: c + '33', fill: '+1' },
        { label: '95% CI low', data: a.ciLow, borderWidth: 0, pointRadius: 0, backgroundColor: c + '33', fill: false },
        { label: 'mean difference', data: a.mean, borderColor: c, borderWidth: 2, pointRadius: 0 }] },
      options: { animation: false, scales: { y: { min: -diffSpan, max: diffSpan, ticks: { callback: v => (100 * v).toFixed(2) + ' pts' } }, x: { ticks: { maxTicksLimit: 8 } } } } }));
    const row = document.querySelector('#difference-table tbody').insertRow();
    const h = d.hashrateDaysLostThDays;
    const v = d.valueLostUsd;
    row.insertCell().textContent = d.name;
    row.insertCell().textContent = fmt(h.mean) + ' [' + fmt(h.ciLow) + ', ' + fmt(h.ciHigh) + ']';
    row.insertCell().textContent = '$' + fmt(v.mean) + ' [$' + fmt(v.ciLow) + ', $' + fmt(v.ciHigh) + ']';
  });
  const head = document.querySelector('#sites-table thead tr');
  data.scenarios.forEach(s => { const th = document.createElement('th'); th.textContent = s.name + ': availability (P10), machines down'; head.appendChild(th); });
  const body = document.querySelector('#sites-table tbody');
  (data.scenarios[0] ? data.scenarios[0].sites : []).forEach((site, j) => {
    const row = body.insertRow();
    row.insertCell().textContent = site.site;
    data.scenarios.forEach(s => { const x = s.sites[j]; row.insertCell().textContent = pct(x.availabilityEnd) + ' (' + pct(x.p10End) + '), ' + x.unitsDownEnd.toFixed(1); });
  });
  if (data.baseline) {
    const b = data.baseline;
    const share = v => (100 * v).toFixed(1) + '%';
    document.getElementById('baseline-summary').textContent =
      'Crossings held on the way back: ' + share(b.heldShare) + ' (' + b.crossingsInboundHeld + ' of ' + b.crossingsInbound +
      ' returns from hubs abroad in two years, with a prior of 5% worth 20 crossings); on the way out: ' +
      share(b.heldShareOutbound) + ' (' + b.crossingsOutboundHeld + ' of ' + b.crossingsOutbound + '). Hold durations: ' +
      b.holdModel + ', fitted to ' + b.holdsObserved + ' holds (open ones censored); ' + share(b.excludedShare) +
      ' of holds end other than in release. Spares lead time ' + b.sparesLeadDays + ' days. Technicians per site: ' +
      (b.technicians || []).map((t, i) => ((b.sites || [])[i] || 'site ' + (i + 1)) + ' ' + t).join(', ') + '; each takes ' +
      (b.swapDays * 24).toFixed(1) + ' hours to diagnose and swap a machine.';
    const laws = document.querySelector('#baseline-laws tbody');
    if (laws) {
      const lawRow = (what, law, seen) => {
        const row = laws.insertRow();
        row.insertCell().textContent = what;
        row.insertCell().textContent = law;
        row.insertCell().textContent = seen;
      };
      const count = (e, noun) => e ? fmt(e[noun]) + (e.open ? ' done, ' + fmt(e.open) + ' still open' : '') : 'none';
      const bench = (b.bench || {}).bench;
      lawRow('Bench repair time', bench ? bench.law : 'lognormal, median 5 days, sigma 0.6 (no bench repairs recorded)',
        bench ? count(bench, 'repairs') + ' bench repairs' : 'none');
      lawRow('Hold time at customs', b.holdModel, fmt(b.holdsObserved) + ' holds');
      Object.keys(b.hubRepair || {}).forEach(h => {
        const e = b.hubRepair[h];
        lawRow('Repair time at hub ' + h, e.law, count(e, 'repairs') + ' repairs');
      });
      Object.keys(b.transit || {}).forEach(h => {
        const e = b.transit[h];
        lawRow('Transit to and from hub ' + h, e.law, fmt(e.shipments) + ' shipments not held');
      });
    }
    const tb = document.querySelector('#baseline-table tbody');
    Object.keys(b.rates || {}).forEach(k => {
      const r = b.rates[k];
      const row = tb.insertRow();
      const vendorWords = { BITMAIN: 'Bitmain', MICROBT: 'MicroBT', CANAAN: 'Canaan', OTHER: 'Other vendor' };
      const kindWords = { HASHBOARD: 'hashboard', FAN: 'fan', PSU: 'PSU', CONTROL_BOARD: 'control board' };
      const [vendor, kind] = k.split(' ');
      row.insertCell().textContent = (vendorWords[vendor] || vendor) + ' ' + (kindWords[kind] || (kind || '').toLowerCase());
      row.insertCell().textContent = (100 * r.failuresPerUnitYear).toFixed(2) + '%';
      row.insertCell().textContent = fmt(r.failuresSeen);
      row.insertCell().textContent = fmt(r.installed);
      row.insertCell().textContent = r.routeShares.map(x => (100 * x).toFixed(0) + '%').join(', ');
    });
  }
  window.__forecastCharts = charts;
})();
