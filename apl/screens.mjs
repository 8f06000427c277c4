// The skill's Echo Show screens, offline: validates APL documents with Amazon's apl-suggester and renders
// them with Amazon's APL renderer (apl-viewhost-web) in headless Chromium. One process serves many requests,
// one JSON line each on stdin, one JSON line back on stdout (skill/screens/renderer.py drives it).
//   {"op": "validate", "document": {...}}                    -> {"problems": [...]}
//   {"op": "render", "document", "data", "viewport",
//    "moments": [{"at": seconds, "png": path|null}, ...]}   -> {"moments": [{"text", "overflow", "blank"}], "logs"}
//   {"op": "tap", "text": label}  (on the page last rendered)  -> {"events": [[args...], ...]}
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

const here = dirname(new URL(import.meta.url).pathname);
const require = createRequire(import.meta.url);
const { StaticAplTemplateValidator } = require('apl-suggester');
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// The Amazon Ember font comes from a CDN the renderer cannot reach offline: DejaVu Sans stands in for it.
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><style>
@font-face { font-family: 'amazon-ember-display'; src: local('DejaVu Sans'); }
@font-face { font-family: 'amazon-ember-display'; font-weight: 700; src: local('DejaVu Sans Bold'); }
html, body { margin: 0; padding: 0; background: #000; overflow: hidden; }
#view { position: relative; overflow: hidden; }
</style>
<script>window.shift = 0; (() => { const real = Date.now.bind(Date); Date.now = () => real() + window.shift; })();</script>
<script src="${pathToFileURL(join(here, 'node_modules/apl-viewhost-web/index.js'))}"
        onload="window.engine = AplRenderer.initEngine()"></script>
</head><body><div id="view"></div></body></html>`;

const pageFile = join(mkdtempSync(join(tmpdir(), 'cj-screens-')), 'page.html');
writeFileSync(pageFile, PAGE);
let browser = null;
let page = null;
let logs = [];

async function openPage(viewport) {
  if (browser === null) {
    const { chromium } = require('playwright-core');
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: CHROMIUM_FLAGS });  // playwright gives every launch a fresh --user-data-dir of its own
  }
  if (page === null) {  // one page, one engine: each document replaces the last one's renderer
    page = await browser.newPage({ viewport: { width: viewport.width, height: viewport.height } });
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') logs.push(m.text()); });
    page.on('pageerror', (e) => logs.push('page error: ' + e.message));
    await page.route(/^https?:/, (r) => r.abort());  // offline: fonts and packages from the CDN fail at once
    await page.goto(pathToFileURL(pageFile).href);
    await page.waitForFunction(() => window.engine !== undefined);
    await page.evaluate(() => window.engine);
  }
  await page.setViewportSize({ width: viewport.width, height: viewport.height });
}

async function render({ document, data, viewport, moments }) {
  logs = [];
  await openPage(viewport);
  await page.evaluate(async ({ document, data, viewport }) => {
    const content = AplRenderer.Content.create(JSON.stringify(document));
    for (const name of document.mainTemplate.parameters || []) {
      content.addData(name, JSON.stringify(data[name] ?? {}));
    }
    if (window.renderer) window.renderer.destroy();
    const old = window.document.getElementById('view');
    const view = window.document.createElement('div');
    view.id = 'view';
    old.replaceWith(view);
    view.style.width = viewport.width + 'px';
    view.style.height = viewport.height + 'px';
    window.sent = [];
    window.created = performance.now();
    window.renderer = AplRenderer.default.create({
      content, view, theme: 'dark', mode: viewport.mode, utcTime: Date.now(), localTimeAdjustment: 0,
      environment: { agentName: 'couple-journeys-screens', agentVersion: '1.0' },
      viewport: { width: viewport.width, height: viewport.height, dpi: viewport.dpi, shape: 'RECTANGLE' },
      onSendEvent: (event) => window.sent.push(event.arguments),
    });
    await window.renderer.init();
    window.started = Date.now();
  }, { document, data, viewport });
  const shots = [];
  for (const moment of moments) {
    await page.evaluate(moveTo, moment.at);
    const png = await page.screenshot(moment.png ? { path: moment.png } : {});
    shots.push(await page.evaluate(inspect, png.toString('base64')));
  }
  return { moments: shots, logs };
}

// The document's clock is Date.now(), moved to `at` seconds after the document was shown. Ticks fall due
// on a grid of whole seconds, and a tick's commands see the time of the frame before the one it fires in:
// so show a frame at `at`, then move past the next whole second, and the tick that fires reads `at`. Waits
// are counted in frames, so a slow machine only makes it slower. The clock never goes back.
async function moveTo(at) {
  const frame = () => new Promise((done) => requestAnimationFrame(done));
  const clock = () => (Date.now() - window.started) / 1000;
  const go = (t) => { window.shift += window.started + t * 1000 - Date.now(); };
  if (at < clock()) throw new Error(`moment ${at}: moments come in order, a second or more apart`);
  go(at);
  await frame();
  go(Math.floor(clock()) + 1.02);
  await frame();
  await frame();
  await frame();
}

// What a moment shows: the visible text, what sticks out of the screen or its box, and whether it is blank.
async function inspect(pngBase64) {
  function inked(el) {
    const node = [...el.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (!node) return el.getBoundingClientRect();
    const range = document.createRange();
    range.setStart(node, 0);
    range.setEnd(node, node.textContent.trimEnd().length);
    return range.getBoundingClientRect();
  }
  const view = document.getElementById('view');
  const box = view.getBoundingClientRect();
  const overflow = [];
  for (const el of view.querySelectorAll('*')) {
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden' || el.closest('[style*="display: none"]')) continue;
    if (el.children.length !== 0 || !el.textContent.trim()) continue;
    const r = inked(el);  // the words as drawn, without a line's trailing space
    if (r.width === 0 || r.height === 0) continue;  // inside the screen and every box they are in:
    let clipped = el.scrollHeight > el.clientHeight * 1.2 + 2 || el.scrollWidth > el.clientWidth * 1.05 + 2
      ? `own box ${el.scrollWidth}x${el.scrollHeight} > ${el.clientWidth}x${el.clientHeight}` : '';
    for (let up = el; up && up !== view.parentElement && !clipped; up = up.parentElement) {
      const a = up.getBoundingClientRect();
      const out = Math.max(a.left - r.left, a.top - r.top, r.right - a.right, r.bottom - a.bottom);
      if (out > 4) clipped = `${Math.round(out)} px out of ${up === view ? 'the screen' : up.tagName}`;
    }
    if (clipped) overflow.push(`${el.textContent.trim().slice(0, 50)} (${clipped})`);
  }
  const img = new Image();
  img.src = 'data:image/png;base64,' + pngBase64;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.width; canvas.height = img.height;
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const px = ctx.getImageData(0, 0, img.width, img.height).data;
  let differing = 0;
  for (let i = 0; i < px.length; i += 4 * 7) {
    if (Math.abs(px[i] - px[0]) + Math.abs(px[i + 1] - px[1]) + Math.abs(px[i + 2] - px[2]) > 60) differing++;
  }
  return { text: view.innerText, overflow, blank: differing < 50 };
}

async function tap({ text }) {
  const before = await page.evaluate(() => window.sent.length);
  // the renderer ignores mouse presses for 500 ms after it is created (they could echo a touch)
  await page.waitForFunction(() => performance.now() - window.created > 520);
  await page.getByText(text, { exact: true }).first().click();
  await page.waitForFunction((n) => window.sent.length > n, before, { timeout: 5000 });
  return { events: await page.evaluate(() => window.sent) };
}

async function validate({ document }) {
  const problems = await new StaticAplTemplateValidator().validate(document);
  return { problems: problems.map((p) => `${p.level} ${p.path}: ${p.errorMessage}`) };
}

const ops = { validate, render, tap };
const quiet = console.log;
console.log = console.warn = () => {};  // apl-suggester prints notes of its own: stdout carries only answers
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  let answer;
  try {
    const request = JSON.parse(line);
    answer = await ops[request.op](request);
  } catch (e) {
    answer = { error: String(e && e.stack || e) };
  }
  quiet(JSON.stringify(answer));
}
if (browser !== null) await browser.close();
