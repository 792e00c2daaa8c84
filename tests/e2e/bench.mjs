// Browser benchmark for the planner page (a measurement, not a test: it
// prints figures and writes tests/artifacts/bench.json; budgets are shown
// beside them but never fail the run).
//
//   cd tests/e2e && node bench.mjs [--loads N] [--edits N]
//
// * Page weight: every file the page loads, raw and gzip -9.
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
const EDITS = arg('edits', 200);

const summary = (xs) => ({ n: xs.length, p50: quantile(xs, 0.5), p95: quantile(xs, 0.95), max: Math.max(...xs) });
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const ms = (x) => `${x.toFixed(3)} ms`;
const kb = (x) => `${(x / 1000).toFixed(1)} KB`;

// Page weight.
const weight = { files: {}, raw: 0, gzip: 0 };
for (const f of readdirSync(DIST)) {
  if (!['.html', '.js', '.wasm', '.css'].includes(extname(f))) continue;
  const bytes = readFileSync(join(DIST, f));
  const gz = gzipSync(bytes, { level: 9 }).length;
  weight.files[f] = { raw: bytes.length, gzip: gz };
  weight.raw += bytes.length;
  weight.gzip += gz;
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

// Interactive.
const loads = [];
for (let i = 0; i < LOADS; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.getElementById('files-title') && document.getElementById('f-cluster-name')) {
        performance.mark('eksplan:interactive');
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
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
await page.waitForSelector('#files-title');
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
        await p.locator('[data-eks-planner] #files-title').first().waitFor();
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
    await p.waitForSelector('#files-title');
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
  interactive: { ...summary(loads), budget_ms: 500 },
  timer: isolated ? 'cross-origin isolated (5 µs resolution)' : 'not isolated (100 µs resolution)',
  generate: { ...summary(measures.generate), budget_ms_p95: 1 },
  regenerate: summary(measures.regenerate),
  cost: { panel: summary(costMeasures.cost), edit_to_page: summary(costMeasures.regenerate) },
  cost_large: { runs: large.cost.length, panel: large.cost.length ? summary(large.cost) : null, edit_to_page: summary(large.regenerate) },
  docs,
};
writeFileSync(join(ARTIFACTS, 'bench.json'), JSON.stringify(result, null, 2) + '\n');

console.log('Page weight (HTML + JS + WASM + CSS):');
for (const [f, w] of Object.entries(weight.files)) console.log(`  ${f.padEnd(44)} ${kb(w.raw).padStart(10)} ${kb(w.gzip).padStart(10)} gz`);
console.log(`  ${'total'.padEnd(44)} ${kb(weight.raw).padStart(10)} ${kb(weight.gzip).padStart(10)} gz   (budget 250 KB gz)`);
console.log(`Interactive after navigation (${LOADS} cold loads): median ${ms(result.interactive.p50)}, worst ${ms(result.interactive.max)}   (budget 500 ms)`);
console.log(`Timer: ${result.timer}`);
console.log(`Core generate, production preset (${result.generate.n} edits): p50 ${ms(result.generate.p50)}, p95 ${ms(result.generate.p95)}, max ${ms(result.generate.max)}   (budget p95 1 ms)`);
console.log(`Edit → updated page (${result.regenerate.n} edits): p50 ${ms(result.regenerate.p50)}, p95 ${ms(result.regenerate.p95)}, max ${ms(result.regenerate.max)}`);
console.log(`Cost panel (report + break-even + charts), production (${result.cost.panel.n} workload edits): p50 ${ms(result.cost.panel.p50)}, p95 ${ms(result.cost.panel.p95)}; edit → page p50 ${ms(result.cost.edit_to_page.p50)}, p95 ${ms(result.cost.edit_to_page.p95)}`);
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
