// Browser benchmark for the planner page (a measurement, not a test: it
// prints figures and writes tests/artifacts/bench.json; budgets are shown
// beside them but never fail the run).
//
//   cd tests/e2e && node bench.mjs [--loads N] [--edits N] [--slow-loads N]
//
// * Slow link (issue 15): Lighthouse's mobile throttling through CDP
//   (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, 4x CPU slowdown),
//   medians of N cold loads, behind a gzip host and a brotli host
//   (scripts/serve.mjs serving the build's .gz/.br copies): the planner
//   page's first contentful paint, its interactive time (an edit made the
//   moment it is ready has regenerated the files), the bytes transferred
//   before that, the docs page's first contentful paint, and its embedded
//   planner's interactive time after scrolling to it.
//
// * Page weight: every file the page loads, raw and as the build's
//   .gz/.br copies (a module's XZ copy where it has one).
// * Interactive: navigation start → the planner has rendered its output
//   and accepts input (median and worst of N cold loads, each in a fresh
//   browser context so nothing is cached).
// * Regeneration: the production preset, N single-field edits; the core's
//   `generate` (performance measure `eksplan:generate`) and the whole
//   edit → updated DOM (`eksplan:regenerate`), as p50 / p95 / max.
// * The documentation site (target/site, when built): the weight of a text
//   page and of a topic page with its embedded planner (every response,
//   raw and gzip -9), and the time from navigation to the page's load event
//   and to the embedded planner's first output; and the offline planner's
//   size and time to interactive from file://.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ARTIFACTS, DIST, SITE, launch, site } from './lib.mjs';
import { serve } from '../../scripts/serve.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const LOADS = arg('loads', 15);
const SLOW_LOADS = arg('slow-loads', 5);
const EDITS = arg('edits', 200);

const summary = (xs) => ({ n: xs.length, p50: quantile(xs, 0.5), p95: quantile(xs, 0.95), max: Math.max(...xs) });
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const ms = (x) => `${x.toFixed(3)} ms`;
const kb = (x) => `${(x / 1000).toFixed(1)} KB`;

// Page weight: what the page needs before it is interactive (the page,
// its loader, stylesheet, glue, XZ decoder and module), as the build
// precompressed it; the on-demand module separately. A module with an XZ
// copy beside it is sent as that copy whatever the host compresses (the
// loader unpacks it), so both columns count the copy.
const weight = { files: {}, raw: 0, gzip: 0, br: 0, on_demand: {} };
const packed = (f, ext) => (existsSync(join(DIST, f + ext)) ? readFileSync(join(DIST, f + ext)).length : readFileSync(join(DIST, f)).length);
for (const f of readdirSync(DIST)) {
  if (!['.html', '.js', '.wasm', '.css'].includes(extname(f)) || f.startsWith('eksplan-offline')) continue;
  const bytes = readFileSync(join(DIST, f));
  const xz = existsSync(join(DIST, `${f}.xz`)) ? readFileSync(join(DIST, `${f}.xz`)).length : null;
  const w = { raw: bytes.length, gzip: xz ?? packed(f, '.gz'), br: xz ?? packed(f, '.br'), sent_as_xz: xz !== null };
  if (f.startsWith('eksplan-extras')) {
    weight.on_demand[f] = w;
    continue;
  }
  weight.files[f] = w;
  weight.raw += w.raw;
  weight.gzip += w.gzip;
  weight.br += w.br;
}

// Cross-origin isolation: without it Chromium rounds performance.now() to
// 100 µs, too coarse for a 1 ms budget; with it the resolution is 5 µs.
// The planner loads nothing cross-origin, so the headers change nothing else.
const ISOLATION = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
};
const server = await site('/', ISOLATION);
const browser = await launch();

// --- Slow link -----------------------------------------------------------
// Lighthouse's mobile profile (its devtools throttling constants).
const THROTTLE = { latency: 150, down: (1638.4 * 1024) / 8, up: (750 * 1024) / 8, cpu: 4 };
const median = (xs) => quantile(xs, 0.5);

/** A fresh, throttled context and page (cold cache). */
async function throttledPage() {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: THROTTLE.latency,
    downloadThroughput: THROTTLE.down,
    uploadThroughput: THROTTLE.up,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE.cpu });
  return { context, page };
}

// In the page: once the planner in `host` is ready, type a name into it
// and mark `eksplan:interactive` when its files show the name.
const EDIT_WHEN_READY = ({ selector, name }) => {
  const find = () => {
    const host = document.querySelector(selector);
    return host?.shadowRoot?.querySelector('.eksplan-widget') ?? host;
  };
  const poll = () => {
    const root = find();
    if (!root?.hasAttribute('data-ready')) return requestAnimationFrame(poll);
    const scope = root.getRootNode();
    // A docs widget may open on another step (the NodePools page opens on
    // Compute): then its first text field (a NodePool's name there).
    const input = /** @type {HTMLInputElement} */ (scope.getElementById('f-cluster-name') ?? scope.querySelector('input[type="text"]'));
    const measured = () => performance.getEntriesByName('eksplan:regenerate').length;
    const before = measured();
    input.value = name;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    const done = () => {
      // The file on show is source (`pre code`) or a rendered README (issue 13);
      // a docs widget may open on a file without the name (the NodePools page
      // opens on 10-nodepools.yaml), so the planner's own "files updated after
      // an edit" measure counts too.
      const text = scope.querySelector('.viewer pre code, .viewer .rendered')?.textContent;
      if (text?.includes(name) || measured() > before) {
        performance.mark('eksplan:interactive');
      } else requestAnimationFrame(done);
    };
    done();
  };
  poll();
};

/** Bytes over the wire up to `until` ms (navigation and every resource). */
const BYTES_UNTIL = (until) =>
  [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
    .filter((e) => e.responseEnd <= until)
    .reduce((n, e) => n + /** @type {PerformanceResourceTiming} */ (e).transferSize, 0);

const fcp = (page) =>
  page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? false).then((h) => h.jsonValue());

async function slowPlanner(url) {
  const runs = { fcp: [], interactive: [], bytes: [] };
  for (let i = 0; i < SLOW_LOADS; i++) {
    const { context, page } = await throttledPage();
    await page.goto(url, { waitUntil: 'commit' });
    await page.evaluate(EDIT_WHEN_READY, { selector: '#app', name: `slow-${i}` });
    runs.fcp.push(await fcp(page));
    await page.waitForFunction(() => performance.getEntriesByName('eksplan:interactive').length > 0, null, { timeout: 120_000 });
    const t = await page.evaluate(() => performance.getEntriesByName('eksplan:interactive')[0].startTime);
    runs.interactive.push(t);
    runs.bytes.push(await page.evaluate(BYTES_UNTIL, t));
    await context.close();
  }
  return { fcp_ms: median(runs.fcp), interactive_ms: median(runs.interactive), bytes_before_interactive: median(runs.bytes), runs };
}

async function slowDocs(url) {
  const runs = { fcp: [], interactive_after_scroll: [], from_navigation: [] };
  for (let i = 0; i < SLOW_LOADS; i++) {
    const { context, page } = await throttledPage();
    await page.goto(url, { waitUntil: 'load' });
    runs.fcp.push(await fcp(page));
    // Scroll to the planner right after the load event, then edit it as
    // soon as it is ready.
    const scrolled = await page.evaluate(() => {
      document.querySelector('[data-eks-planner]')?.scrollIntoView();
      return performance.now();
    });
    await page.evaluate(EDIT_WHEN_READY, { selector: '[data-eks-planner]', name: `docs-${i}` });
    await page.waitForFunction(() => performance.getEntriesByName('eksplan:interactive').length > 0, null, { timeout: 120_000 });
    const t = await page.evaluate(() => performance.getEntriesByName('eksplan:interactive')[0].startTime);
    runs.interactive_after_scroll.push(t - scrolled);
    runs.from_navigation.push(t);
    await context.close();
  }
  return {
    fcp_ms: median(runs.fcp),
    interactive_after_scroll_ms: median(runs.interactive_after_scroll),
    interactive_from_navigation_ms: median(runs.from_navigation),
    runs,
  };
}

const slow = {};
for (const [host, encodings] of [['gzip', ['gzip']], ['brotli', ['br', 'gzip']]]) {
  const planner = await serve(DIST, { encodings });
  slow[host] = { planner: await slowPlanner(planner.url) };
  await planner.close();
  if (existsSync(join(SITE, 'index.html'))) {
    const docs = await serve(SITE, { prefix: '/docs/', encodings });
    slow[host].docs = await slowDocs(docs.url + 'nodepools.html');
    await docs.close();
  }
}

// Interactive.
const loads = [];
for (let i = 0; i < LOADS; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('#app[data-ready] #files-title') && document.getElementById('f-cluster-name')) {
        performance.mark('eksplan:interactive');
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-ready'] });
  });
  await page.goto(server.url);
  await page.waitForFunction(() => performance.getEntriesByName('eksplan:interactive').length > 0);
  // Interactive means it answers: one edit must reach the output.
  await page.locator('#f-cluster-name').fill('bench');
  // README.md is shown rendered.
  await page.locator('.viewer .rendered h1').getByText('EKS Auto Mode cluster bench').waitFor();
  loads.push(await page.evaluate(() => performance.getEntriesByName('eksplan:interactive')[0].startTime));
  await context.close();
}

/**
 * Type `values` into the field `id` inside the page, `gap` ms apart (as a
 * user's keystrokes would: no round trip to the test driver between them),
 * then wait `settle` ms.
 */
const typeInPage = (page, id, values, gap, settle = 0) =>
  page.evaluate(
    async ({ id, values, gap, settle }) => {
      const input = /** @type {HTMLInputElement} */ (document.getElementById(id));
      for (const value of values) {
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((r) => setTimeout(r, gap));
      }
      await new Promise((r) => setTimeout(r, settle));
    },
    { id, values, gap, settle },
  );

/** The durations of the performance measures `eksplan:<name>`, by name. */
const readMeasures = (page, names) =>
  page.evaluate(
    (names) => Object.fromEntries(names.map((n) => [n, performance.getEntriesByName(`eksplan:${n}`).map((e) => e.duration)])),
    names,
  );

const range = (n, f) => Array.from({ length: n }, (_, i) => f(i));

// Regeneration.
const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
const page = await context.newPage();
await page.goto(server.url);
await page.waitForSelector('#app[data-ready] #files-title');
await page.selectOption('#preset', 'production');
await page.locator('button', { hasText: 'All options' }).first().click();
const isolated = await page.evaluate(() => globalThis.crossOriginIsolated === true);
await page.evaluate(() => performance.clearMeasures());
await typeInPage(page, 'f-cluster-name', range(EDITS, (i) => `production-${i}`), 30);
const shown = await page.locator('#f-cluster-name').inputValue();
if (shown !== `production-${EDITS - 1}`) throw new Error(`edits did not apply: ${shown}`);
const measures = await readMeasures(page, ['generate', 'regenerate']);

// The cost panel: report, break-even curve and charts after each edit of
// the workload (production preset, cost tab open).
await page.locator('#show-cost').click();
await page.locator('.cost-table').first().waitFor();
await page.evaluate(() => performance.clearMeasures());
const COST_EDITS = Math.max(20, Math.floor(EDITS / 5));
await typeInPage(page, 'f-capacity-workloads-0-replicas', range(COST_EDITS, (i) => String(4 + (i % 8))), 60);
const costMeasures = await readMeasures(page, ['cost', 'regenerate']);

// A large workload (5,000 replicas): one cost plan takes long enough that
// the view waits for a pause in typing. Type 20 values, one every 30 ms,
// then pause: how many cost plans ran, how long one took, and how quickly
// each keystroke reached the page meanwhile.
await page.locator('#f-capacity-workloads-0-replicas').fill('5000');
await page.waitForTimeout(1000);
await page.evaluate(() => performance.clearMeasures());
await typeInPage(page, 'f-capacity-workloads-0-replicas', range(20, (i) => String(5001 + i)), 30, 1000);
const large = await readMeasures(page, ['cost', 'regenerate']);
await context.close();

// The documentation site.
let docs = null;
if (existsSync(join(SITE, 'index.html'))) {
  const docsServer = await serve(SITE, { prefix: '/docs/' });
  docs = { pages: {}, offline: null };
  for (const path of ['troubleshooting.html', 'nodepools.html']) {
    const times = [];
    const loads = [];
    let bytes = { raw: 0, gzip: 0, requests: 0 };
    for (let i = 0; i < Math.max(3, Math.floor(LOADS / 3)); i++) {
      const ctx = await browser.newContext();
      const p = await ctx.newPage();
      const bodies = [];
      p.on('response', async (r) => {
        try {
          bodies.push(await r.body());
        } catch {
          /* redirects and aborted responses have no body */
        }
      });
      await p.goto(docsServer.url + path);
      const timing = await p.evaluate(() => performance.getEntriesByType('navigation')[0].toJSON());
      loads.push(timing.loadEventEnd);
      if (await p.locator('[data-eks-planner]').count()) {
        await p.locator('[data-eks-planner]').first().scrollIntoViewIfNeeded();
        await p.locator('[data-eks-planner] [data-ready] #files-title').first().waitFor();
        times.push(await p.evaluate(() => performance.now()));
      }
      bytes = {
        raw: bodies.reduce((n, b) => n + b.length, 0),
        gzip: bodies.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0),
        requests: bodies.length,
      };
      await ctx.close();
    }
    docs.pages[path] = { bytes, load: summary(loads), planner: times.length ? summary(times) : null };
  }
  await docsServer.close();
  const file = join(SITE, 'eksplan-planner.html');
  const offlineTimes = [];
  for (let i = 0; i < 3; i++) {
    const ctx = await browser.newContext();
    await ctx.setOffline(true);
    const p = await ctx.newPage();
    await p.goto(pathToFileURL(file).href);
    await p.waitForSelector('#app[data-ready] #files-title');
    offlineTimes.push(await p.evaluate(() => performance.now()));
    await ctx.close();
  }
  const bytes = readFileSync(file);
  docs.offline = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, budget: 800_000, interactive: summary(offlineTimes) };
}
await browser.close();
await server.close();

const result = {
  date: new Date().toISOString(),
  chromium: '/usr/bin/chromium',
  weight,
  slow,
  interactive: { ...summary(loads), budget_ms: 500 },
  timer: isolated ? 'cross-origin isolated (5 µs resolution)' : 'not isolated (100 µs resolution)',
  generate: { ...summary(measures.generate), budget_ms_p95: 1 },
  regenerate: summary(measures.regenerate),
  cost: { panel: summary(costMeasures.cost), edit_to_page: summary(costMeasures.regenerate) },
  cost_large: { runs: large.cost.length, panel: large.cost.length ? summary(large.cost) : null, edit_to_page: summary(large.regenerate) },
  docs,
};
writeFileSync(join(ARTIFACTS, 'bench.json'), JSON.stringify(result, null, 2) + '\n');

console.log('Page weight before interactive (HTML + JS + WASM + CSS, the build\'s .gz and .br):');
const as = (w, encoding) => (w.sent_as_xz ? 'xz' : encoding);
for (const [f, w] of Object.entries(weight.files)) console.log(`  ${f.padEnd(44)} ${kb(w.raw).padStart(10)} ${kb(w.gzip).padStart(10)} ${as(w, 'gz')} ${kb(w.br).padStart(10)} ${as(w, 'br')}`);
console.log(`  ${'total'.padEnd(44)} ${kb(weight.raw).padStart(10)} ${kb(weight.gzip).padStart(10)} gz ${kb(weight.br).padStart(10)} br`);
for (const [f, w] of Object.entries(weight.on_demand)) console.log(`  on demand: ${f.padEnd(33)} ${kb(w.raw).padStart(10)} ${kb(w.gzip).padStart(10)} ${as(w, 'gz')} ${kb(w.br).padStart(10)} ${as(w, 'br')}`);
const s = (x) => `${(x / 1000).toFixed(2)} s`;
for (const [host, r] of Object.entries(slow)) {
  console.log(`Slow link (Lighthouse mobile: 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up, 4x CPU), ${host} host, median of ${SLOW_LOADS} cold loads:`);
  console.log(`  planner FCP ${s(r.planner.fcp_ms)} (goal 1.0 s); interactive ${s(r.planner.interactive_ms)} (goal 3.0 s); ${kb(r.planner.bytes_before_interactive)} before interactive (goal 450 KB)`);
  if (r.docs) console.log(`  docs FCP ${s(r.docs.fcp_ms)} (goal 0.8 s); embedded planner interactive ${s(r.docs.interactive_after_scroll_ms)} after scrolling to it (goal 3.0 s; ${s(r.docs.interactive_from_navigation_ms)} from navigation)`);
}
console.log(`Interactive after navigation (${LOADS} cold loads): median ${ms(result.interactive.p50)}, worst ${ms(result.interactive.max)}   (budget 500 ms)`);
console.log(`Timer: ${result.timer}`);
console.log(`Core generate, production preset (${result.generate.n} edits): p50 ${ms(result.generate.p50)}, p95 ${ms(result.generate.p95)}, max ${ms(result.generate.max)}   (budget p95 1 ms)`);
console.log(`Edit → updated page (${result.regenerate.n} edits): p50 ${ms(result.regenerate.p50)}, p95 ${ms(result.regenerate.p95)}, max ${ms(result.regenerate.max)}`);
if (result.cost.panel.n) console.log(`Cost panel (report + break-even + charts), production (${result.cost.panel.n} workload edits): p50 ${ms(result.cost.panel.p50)}, p95 ${ms(result.cost.panel.p95)}; edit → page p50 ${ms(result.cost.edit_to_page.p50)}, p95 ${ms(result.cost.edit_to_page.p95)}`);
console.log(`Cost panel, 5,000-replica workload (20 keystrokes 30 ms apart, then a pause): ${result.cost_large.runs} cost plan(s) of ${result.cost_large.panel ? ms(result.cost_large.panel.max) : '-'}; edit → page p50 ${ms(result.cost_large.edit_to_page.p50)}, p95 ${ms(result.cost_large.edit_to_page.p95)}`);
if (docs) {
  for (const [path, d] of Object.entries(docs.pages)) {
    const planner = d.planner ? `, embedded planner ready at ${ms(d.planner.p50)}` : '';
    console.log(
      `Docs ${path}: ${d.bytes.requests} files, ${kb(d.bytes.raw)} (${kb(d.bytes.gzip)} gz); load event at ${ms(d.load.p50)}${planner} (median)`,
    );
  }
  console.log(
    `Offline planner: ${kb(docs.offline.raw)} (budget 800 KB; ${kb(docs.offline.gzip)} gz), interactive from file:// in ${ms(docs.offline.interactive.p50)} (median)`,
  );
}
console.log(`Written to ${join(ARTIFACTS, 'bench.json')}`);
