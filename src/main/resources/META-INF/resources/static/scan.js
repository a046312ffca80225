// Camera scanning where the browser can do it (BarcodeDetector); typing always works.
(function () {
  const button = document.getElementById('scan-button');
  const video = document.getElementById('scan-video');
  const input = document.getElementById('q');
  if (!button || !('BarcodeDetector' in window) || !navigator.mediaDevices) return;
  button.hidden = false;
  button.addEventListener('click', async () => {
    const detector = new BarcodeDetector({ formats: ['qr_code', 'code_128', 'data_matrix'] });
    const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
    video.srcObject = stream;
    video.hidden = false;
    await video.play();
    const tick = async () => {
      const codes = await detector.detect(video).catch(() => []);
      if (codes.length) {
        stream.getTracks().forEach(t => t.stop());
        input.value = codes[0].rawValue;
        document.getElementById('find-miner').submit();
      } else {
        requestAnimationFrame(tick);
      }
    };
    tick();
  });
})();
