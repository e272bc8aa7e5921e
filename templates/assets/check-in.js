// Fremmøde: the camera scanner (qr-scanner, served by the app) fills in the code field and sends
// its form, exactly as a typed code is sent. The page works without this file.
import QrScanner from '/assets/qr-scanner/qr-scanner.min.js';

const camera = document.querySelector('[data-checkin-camera]');
const codeForm = document.querySelector('[data-checkin-code]');
const field = (id) => document.getElementById(id);

function startCamera() {
  const video = camera.querySelector('[data-checkin-video]');
  const start = camera.querySelector('[data-checkin-start]');
  const stop = camera.querySelector('[data-checkin-stop]');
  const status = camera.querySelector('[data-checkin-status]');
  let last = '';
  let lastAt = 0;
  const scanner = new QrScanner(
    video,
    (result) => {
      const code = result.data.trim();
      // The camera sees the same code many times a second; send it once.
      if (code === last && Date.now() - lastAt < 4000) return;
      last = code;
      lastAt = Date.now();
      field('kode').value = code;
      codeForm.requestSubmit();
    },
    { returnDetailedScanResult: true, highlightScanRegion: true },
  );
  start.addEventListener('click', () => {
    scanner.start().then(
      () => {
        video.hidden = false;
        start.hidden = true;
        stop.hidden = false;
        status.textContent = 'Kameraet er tændt. Hold koden foran kameraet.';
      },
      () => {
        status.textContent = 'Kameraet kunne ikke startes. Skriv koden i feltet i stedet.';
      },
    );
  });
  stop.addEventListener('click', () => {
    scanner.stop();
    video.hidden = true;
    stop.hidden = true;
    start.hidden = false;
    status.textContent = 'Kameraet er slukket.';
  });
}

if (camera && codeForm) {
  QrScanner.hasCamera().then((has) => {
    if (!has) return;
    camera.hidden = false;
    startCamera();
  });
}

// A refused code or tick is an answer to show in the list, not an error to drop.
document.body.addEventListener('htmx:beforeSwap', (event) => {
  const { target, xhr } = event.detail;
  if (target && target.id === 'doer' && [400, 404, 409].includes(xhr.status)) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

// After a change, the fields are ready for the next person; a refused code stays to be corrected.
document.body.addEventListener('htmx:afterSwap', (event) => {
  const { target, requestConfig, xhr } = event.detail;
  if (target.id !== 'doer' || requestConfig.verb !== 'post' || xhr.status >= 400) return;
  const code = field('kode');
  const search = field('q');
  if (code) code.value = '';
  if (search) search.value = '';
});
