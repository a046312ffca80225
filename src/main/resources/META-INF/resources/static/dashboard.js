// Draws the dashboard's charts when htmx brings a section in. Each section carries its data in a
// <script type="application/json" class="chart-data">; a click on a bar segment opens the list behind it.
(function () {
  const stageColors = {
    AWAITING_DIAGNOSIS: '#7f8c9a', AWAITING_SPARE: '#b0263a', BENCH_REPAIR: '#7aa6d6', AWAITING_RMA_SHIPMENT: '#f2b134',
    IN_TRANSIT: '#9fc5a8', CUSTOMS_HOLD: '#8e44ad', HUB_QUEUE: '#e07b39', HUB_REPAIR: '#5b8c5a', RETURNING: '#4a90a4'
  };
  const pct = v => (100 * v).toFixed(2) + '%';
  const charts = {};
  window.__dashboardCharts = charts; // for the browser tests
  function draw(id, config) {
    const canvas = document.getElementById(id);
    if (!canvas) return null;
    if (charts[id]) charts[id].destroy();
    config.options = Object.assign({ animation: false, responsive: true }, config.options || {});
    charts[id] = new Chart(canvas, config);
    canvas.dataset.drawn = 'true';
    return charts[id];
  }
  function linkOnClick(chart, linkOf) {
    chart.options.onClick = (event, elements) => {
      if (!elements.length) return;
      const href = linkOf(elements[0].datasetIndex, elements[0].index);
      if (href) window.location.href = href;
    };
    chart.options.onHover = (event, elements) => {
      event.native.target.style.cursor = elements.length ? 'pointer' : 'default';
    };
    chart.update();
  }
  const renderers = {
    availability(d) {
      draw('chart-availability', { type: 'line',
        data: { labels: d.days, datasets: [
          { label: 'Hashrate availability', data: d.hashrate, borderColor: '#0b5cad', backgroundColor: '#0b5cad', pointRadius: 0, borderWidth: 2 },
          { label: 'Unit availability', data: d.unit, borderColor: '#2e7d32', backgroundColor: '#2e7d32', pointRadius: 0, borderWidth: 1.5, borderDash: [5, 3] }] },
        options: { scales: { y: { ticks: { callback: v => pct(v) } }, x: { ticks: { maxTicksLimit: 10 } } },
          plugins: { tooltip: { callbacks: { label: c => c.dataset.label + ': ' + pct(c.parsed.y) } } } } });
    },
    backlog(d) {
      const chart = draw('chart-backlog', { type: 'bar',
        data: { labels: d.sites, datasets: d.stages.map(s => ({ label: s.label, data: s.counts, stage: s.code,
          links: s.links, backgroundColor: stageColors[s.code] || '#999' })) },
        options: { scales: { x: { stacked: true }, y: { stacked: true, title: { display: true, text: 'items' } } },
          plugins: { legend: { position: 'bottom' } } } });
      if (chart) linkOnClick(chart, (ds, i) => chart.data.datasets[ds].links[i]);
    },
    turnaround(d) {
      const t = draw('chart-turnaround', { type: 'bar',
        data: { labels: d.routes, datasets: [
          { label: 'Median', data: d.median, backgroundColor: '#0b5cad' },
          { label: 'P90', data: d.p90, backgroundColor: '#9cbbe0' }] },
        options: { indexAxis: 'y', scales: { x: { title: { display: true, text: 'days' } } } } });
      if (t) linkOnClick(t, (ds, i) => d.routeLinks[i]);
    },
    holds(d) {
      const h = draw('chart-holds', { type: 'bar',
        data: { labels: d.ages, datasets: [{ label: 'Open holds', data: d.holds, backgroundColor: '#8e44ad' }] },
        options: { layout: { padding: { top: 28 } }, plugins: { legend: { display: false }, clockMarkers: { clocks: d.clocks || [] } } },
        plugins: [clockMarkers] });
      if (h) linkOnClick(h, (ds, i) => d.ageLinks[i]);
      // a time axis in days, to the last observation (censored ones included), not category labels
      const points = d.dwellDays.map((t, i) => ({ x: t, y: d.dwellSurvival[i] }));
      if (points.length && d.dwellLastDay > points[points.length - 1].x) {
        points.push({ x: d.dwellLastDay, y: points[points.length - 1].y });
      }
      if (!points.length || points[0].x > 0) points.unshift({ x: 0, y: 1 });
      draw('chart-dwell', { type: 'line',
        data: { datasets: [{ label: 'Still held', data: points, stepped: 'before',
          borderColor: '#8e44ad', pointRadius: 0, borderWidth: 2 }] },
        options: { scales: { y: { min: 0, max: 1, ticks: { callback: v => pct(v) } },
          x: { type: 'linear', min: 0, max: Math.ceil(Math.max(d.dwellLastDay || 0, 1)),
            title: { display: true, text: 'days since presentation' }, ticks: { maxTicksLimit: 12, precision: 0 } } },
          plugins: { tooltip: { callbacks: { title: items => 'day ' + Math.round(items[0].parsed.x), label: c => pct(c.parsed.y) } } } } });
    }
  };
  // Dashed lines between the age buckets where a legal clock runs out, with the clock's words on top.
  const clockMarkers = {
    id: 'clockMarkers',
    afterDatasetsDraw(chart, args, opts) {
      const x = chart.scales.x;
      const area = chart.chartArea;
      const ctx = chart.ctx;
      (opts.clocks || []).forEach((c, n) => {
        const edge = (x.getPixelForValue(c.after) + x.getPixelForValue(c.after + 1)) / 2;
        ctx.save();
        ctx.strokeStyle = '#b3261e';
        ctx.setLineDash([5, 4]);
        ctx.beginPath();
        ctx.moveTo(edge, area.top);
        ctx.lineTo(edge, area.bottom);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = '#b3261e';
        ctx.font = '12px system-ui, sans-serif';
        ctx.textAlign = 'center';
        ctx.fillText(c.label, edge, area.top - 6 - (n % 2) * 13);
        ctx.restore();
      });
    }
  };
  function render(root) {
    (root || document).querySelectorAll('script.chart-data').forEach(el => {
      const f = renderers[el.dataset.chart];
      if (f) f(JSON.parse(el.textContent));
    });
  }
  document.addEventListener('htmx:afterSettle', e => render(e.detail.elt));
  document.addEventListener('DOMContentLoaded', () => render(document));
  // charts redraw at the printed width
  window.addEventListener('beforeprint', () => Object.values(charts).forEach(c => c.resize()));
})();
