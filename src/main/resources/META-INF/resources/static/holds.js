// The dwell curve on the holds board: Kaplan-Meier S(t) with its 95% band (data from #dwell-data).
(function () {
  const data = document.getElementById('dwell-data');
  if (!data) return;
  const points = JSON.parse(data.textContent);
  const step = (i) => points.map(p => ({ x: p[0], y: p[i] }));
  new Chart(document.getElementById('dwell-chart'), {
    type: 'line',
    data: { datasets: [
      { label: 'upper 95%', data: step(3), stepped: 'before', borderWidth: 0, pointRadius: 0, fill: false },
      { label: 'lower 95%', data: step(2), stepped: 'before', borderWidth: 0, pointRadius: 0, fill: '-1', backgroundColor: 'rgba(11,92,173,0.15)' },
      { label: 'S(t)', data: step(1), stepped: 'before', borderColor: '#0b5cad', borderWidth: 2, pointRadius: 0 }
    ] },
    options: { animation: false, parsing: true, scales: { x: { type: 'linear', min: 0, max: Math.ceil(points.length ? points[points.length - 1][0] : 1),
        ticks: { precision: 0 }, title: { display: true, text: 'days since presentation' } },
      y: { min: 0, max: 1, title: { display: true, text: 'share still held' } } }, plugins: { legend: { display: false } } }
  });
  window.__dwellChartReady = true;
})();
