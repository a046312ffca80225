// Draws the capacity plan's chart (target, installed, hashing, projected PH/s by month) when the
// progress section arrives, on the plan page and on the dashboard. No inline script: the data come in a
// <script type="application/json" class="capacity-data">.
(function () {
  const charts = {};
  window.__capacityCharts = charts; // for the browser tests
  function render(root) {
    (root || document).querySelectorAll('script.capacity-data').forEach(el => {
      const d = JSON.parse(el.textContent);
      const canvas = el.parentElement.querySelector('#chart-capacity');
      if (!canvas || typeof Chart === 'undefined') return;
      if (charts[canvas.id]) charts[canvas.id].destroy();
      charts[canvas.id] = new Chart(canvas, { type: 'line',
        data: { labels: d.months, datasets: [
          { label: 'Target', data: d.target, borderColor: '#b3261e', backgroundColor: '#b3261e', stepped: true, spanGaps: true, borderWidth: 2, pointRadius: 3 },
          { label: 'Installed', data: d.installed, borderColor: '#1b7a3d', backgroundColor: '#1b7a3d', borderWidth: 2 },
          { label: 'Hashing', data: d.hashing, borderColor: '#0b5cad', backgroundColor: '#0b5cad', borderWidth: 1.5, borderDash: [5, 3] },
          { label: 'Projected with the orders', data: d.projected, borderColor: '#7cc38f', backgroundColor: '#7cc38f', borderWidth: 2, borderDash: [2, 2] }] },
        options: { animation: false, responsive: true,
          scales: { y: { title: { display: true, text: 'PH/s' }, beginAtZero: true } },
          plugins: { legend: { position: 'bottom' } } } });
      canvas.dataset.plotted = 'true';
    });
  }
  document.addEventListener('htmx:afterSettle', e => render(e.detail.elt));
  document.addEventListener('DOMContentLoaded', () => render(document));
})();
