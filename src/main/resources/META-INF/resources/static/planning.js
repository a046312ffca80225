// Spares planning: expected availability against spend (data from #plan-data).
(function () {
  const data = document.getElementById('plan-data');
  if (!data) return;
  const pts = JSON.parse(data.textContent).map(p => ({ x: p[0], y: p[1] }));
  new Chart(document.getElementById('plan-chart'), { type: 'line',
    data: { datasets: [{ label: 'availability', data: pts, borderColor: '#0b5cad', pointRadius: 0, stepped: 'before' }] },
    options: { animation: false, scales: { x: { type: 'linear', title: { display: true, text: 'spend (USD)' } },
      y: { title: { display: true, text: 'expected availability' } } }, plugins: { legend: { display: false } } } });
  window.__planChartReady = true;
})();
