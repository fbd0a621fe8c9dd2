// The review app's only script. Everything it shows of a document goes through textContent and
// element properties, never through HTML strings: document text is hostile input.

const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';

// `budget-ingest review --open` opens /login#token=…: fill the form and log in.
const loginForm = document.getElementById('login-form');
if (loginForm && location.hash.startsWith('#token=')) {
  document.getElementById('token').value = decodeURIComponent(location.hash.slice('#token='.length));
  history.replaceState(null, '', location.pathname);
  loginForm.submit();
}

const source = document.getElementById('source');
if (source) initReport(source);

function initReport(pane) {
  const rows = [...document.querySelectorAll('tr.value')];
  const form = document.getElementById('correction-form');
  let current = -1;

  const select = (i) => {
    if (i < 0 || i >= rows.length) return;
    rows[current]?.classList.remove('selected');
    current = i;
    rows[i].classList.add('selected');
    rows[i].focus({ preventScroll: true });
    rows[i].scrollIntoView({ block: 'nearest' });
  };
  rows.forEach((row, i) =>
    row.addEventListener('click', () => {
      select(i);
      void openSource(pane, row);
    }),
  );

  document.addEventListener('keydown', (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.target instanceof Element && ev.target.closest('input, select, textarea, button')) return;
    if (ev.key === 'j') select(Math.min(current + 1, rows.length - 1));
    else if (ev.key === 'k') select(Math.max(current - 1, 0));
    else if (ev.key === 'Enter' && current >= 0) void openSource(pane, rows[current]);
    else if (ev.key === 'c' && current >= 0 && form) {
      void openSource(pane, rows[current]).then(() => {
        document.getElementById('c-action').value = 'confirm';
        form.requestSubmit();
      });
    } else if (ev.key === 'e' && current >= 0 && form) {
      void openSource(pane, rows[current]).then(() => {
        document.getElementById('c-action').value = 'correct';
        const input = document.getElementById('c-value');
        input.focus();
        input.select();
      });
    } else return;
    ev.preventDefault();
  });

  form?.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const status = document.getElementById('c-status');
    const body = Object.fromEntries(new FormData(form));
    delete body._csrf;
    // A confirmation or a mark-wrong carries no value; a correction the fields that changed.
    if (body.action !== 'correct') for (const k of ['value', 'unit', 'phase', 'fiscal_year']) delete body[k];
    status.textContent = 'saving…';
    const res = await fetch('/api/corrections', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify(body),
    });
    if (res.ok) {
      status.textContent = 'saved';
      sessionStorage.setItem('review-selected', form.elements.value_key.value);
      location.reload();
    } else {
      const err = await res.json().catch(() => ({ error: res.statusText }));
      status.textContent = `${res.status}: ${err.error}${err.issues ? ' — ' + err.issues.map((i) => `${i.path}: ${i.message}`).join('; ') : ''}`;
    }
  });

  // After a save, come back to the value that was corrected.
  const again = sessionStorage.getItem('review-selected');
  if (again !== null) {
    sessionStorage.removeItem('review-selected');
    const i = rows.findIndex((r) => r.dataset.key === again);
    if (i >= 0) {
      select(i);
      void openSource(pane, rows[i]);
    }
  }
}

async function openSource(pane, row) {
  const d = row.dataset;
  document.getElementById('source-where').textContent = `${d.target} · ${d.page ? `page ${d.page}` : `block ${d.block}`} · ${d.verification}`;
  document.getElementById('source-text').textContent = d.source;
  const form = document.getElementById('correction-form');
  if (form) {
    form.elements.target.value = d.target;
    form.elements.value_key.value = d.key;
    form.elements.value.value = d.value;
    form.elements.fiscal_year.value = d.year;
    form.elements.phase.value = '';
    form.elements.unit.value = '元';
    form.elements.note.value = '';
    document.getElementById('c-status').textContent = '';
  }
  if (pane.dataset.format === 'pdf') {
    if (d.page) await showPdfBox(pane, Number(d.page), d.bbox ? d.bbox.split(',').map(Number) : null);
  } else {
    highlightModel(d.block, d.row, d.cell);
  }
}

let pdf = null;
let renderTask = null;

/** Renders the value's page with pdf.js (served from the installed pdfjs-dist) and draws its box over it. */
async function showPdfBox(pane, pageNumber, bbox) {
  if (!pdf) {
    const pdfjs = await import('/pdfjs/build/pdf.min.mjs');
    pdfjs.GlobalWorkerOptions.workerSrc = '/pdfjs/build/pdf.worker.min.mjs';
    pdf = await pdfjs.getDocument({
      url: `/api/documents/${pane.dataset.document}/file`,
      cMapUrl: '/pdfjs/cmaps/',
      cMapPacked: true,
      standardFontDataUrl: '/pdfjs/standard_fonts/',
      wasmUrl: '/pdfjs/wasm/',
      iccUrl: '/pdfjs/iccs/',
      isEvalSupported: false,
    }).promise;
  }
  const page = await pdf.getPage(pageNumber);
  const box = document.getElementById('pdf-page');
  const canvas = document.getElementById('pdf-canvas');
  const mark = document.getElementById('highlight');
  // The boxes are in points of the page as displayed (the viewport at scale 1): scale both alike.
  const base = page.getViewport({ scale: 1 });
  const scale = Math.max(0.5, (box.clientWidth || 600) / base.width);
  const ratio = window.devicePixelRatio || 1;
  const viewport = page.getViewport({ scale: scale * ratio });
  renderTask?.cancel();
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  canvas.style.width = `${base.width * scale}px`;
  canvas.style.height = `${base.height * scale}px`;
  renderTask = page.render({ canvas, canvasContext: canvas.getContext('2d'), viewport });
  try {
    await renderTask.promise;
  } catch (err) {
    if (err?.name === 'RenderingCancelledException') return;
    throw err;
  }
  box.dataset.page = String(pageNumber);
  box.dataset.scale = String(scale);
  if (bbox && bbox.length === 4) {
    mark.style.left = `${bbox[0] * scale}px`;
    mark.style.top = `${bbox[1] * scale}px`;
    mark.style.width = `${(bbox[2] - bbox[0]) * scale}px`;
    mark.style.height = `${(bbox[3] - bbox[1]) * scale}px`;
    mark.hidden = false;
    mark.scrollIntoView({ block: 'center' });
  } else {
    mark.hidden = true;
  }
  box.dataset.rendered = 'true';
}

/** Highlights the block, table row or cell an anchor names in the document model shown as HTML. */
function highlightModel(block, row, cell) {
  for (const el of document.querySelectorAll('.model .hl')) el.classList.remove('hl');
  if (block === '') return;
  const el = document.getElementById(`b${block}`);
  if (!el) return;
  let target = el;
  if (row !== '' && el.tagName === 'TABLE') {
    const r = Number(row);
    if (cell === '') {
      target = el.querySelector(`tr[data-r="${r}"]`) ?? el;
    } else {
      const c = Number(cell);
      // The cell covering (row, grid column): merged cells span several.
      target =
        [...el.querySelectorAll('td')].find((td) => {
          const tr = Number(td.dataset.r);
          const tc = Number(td.dataset.c);
          return tr <= r && r < tr + Number(td.dataset.rs) && tc <= c && c < tc + Number(td.dataset.cs);
        }) ?? el;
    }
  }
  target.classList.add('hl');
  target.scrollIntoView({ block: 'center' });
}
