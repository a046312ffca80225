// Camera scanning of a serial or asset code: the browser's BarcodeDetector where there is one
// (Chrome, Edge on Android), ZXing's decoder (/static/vendor/zxing, @zxing/library) elsewhere
// (Safari on iPad, Firefox). Typing always works; the button shows only when a camera can be used.
(function () {
  'use strict';
  const button = document.getElementById('scan-button');
  const video = document.getElementById('scan-video');
  const input = document.getElementById('q');
  const form = document.getElementById('find-miner');
  if (!button || !video || !input || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;
  const native = 'BarcodeDetector' in window;
  const zxing = !native && window.ZXing && window.ZXing.BrowserMultiFormatReader;
  if (!native && !zxing) return;
  button.hidden = false;
  button.dataset.decoder = native ? 'BarcodeDetector' : 'ZXing';

  function found(text) {
    input.value = text;
    video.hidden = true;
    form.submit();
  }

  function failed(err) {
    video.hidden = true;
    const note = document.getElementById('scan-note') || document.createElement('p');
    note.id = 'scan-note';
    note.className = 'field-error';
    note.setAttribute('role', 'alert');
    note.textContent = 'The camera could not be used (' + (err && err.name ? err.name : 'no permission')
      + '): type the serial instead.';
    form.after(note);
  }

  button.addEventListener('click', async () => {
    video.hidden = false;
    if (zxing) {
      const reader = new window.ZXing.BrowserMultiFormatReader();
      reader.decodeFromVideoDevice(undefined, video, (result) => {
        if (result) {
          reader.reset();
          found(result.getText());
        }
      }).catch(failed);
      return;
    }
    try {
      const detector = new BarcodeDetector({ formats: ['qr_code', 'code_128', 'data_matrix'] });
      const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
      video.srcObject = stream;
      await video.play();
      const tick = async () => {
        const codes = await detector.detect(video).catch(() => []);
        if (codes.length) {
          stream.getTracks().forEach(t => t.stop());
          found(codes[0].rawValue);
        } else {
          requestAnimationFrame(tick);
        }
      };
      tick();
    } catch (err) {
      failed(err);
    }
  });
})();
