// Browser benchmark of "Your cluster as it runs" (issue 12): a large
// cluster's kubectl JSON imported in the "I have a cluster" view. A
// measurement, not a test: it prints figures and writes
// tests/artifacts/bench-cluster.json; the budget (2 s) is shown beside
// them but never fails the run.
//
//   cargo run -p eksplan-core --example kubectl_json -- 500 5000 > /tmp/kubectl.json
//   cd tests/e2e && node bench-cluster.mjs [--json /tmp/kubectl.json] [--runs N]
//
// The JSON is the native import benchmark's (crates/core/tests/support/
// kubectl.rs: 500 nodes and 5,000 pods of real-shaped objects, about 34
// MB); without --json the script runs the example itself. Each run is a
// fresh page: the file is picked with the view's file input, and the time
// is from the input's `change` event to the cost table on screen — the
// file read, the import, the readiness report, the pricing of today's
// fleet and of the same pods on Auto Mode, managed node groups and Fargate,
// and the render. The page's heap after the import is reported too.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACTS, ROOT, launch, ready, site } from './lib.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('runs', 5));
let file = arg('json', '');
if (!file) {
  file = join(mkdtempSync(join(tmpdir(), 'eksplan-bench-')), 'kubectl.json');
  const text = execFileSync('cargo', ['run', '--quiet', '-p', 'eksplan-core', '--example', 'kubectl_json', '--', '500', '5000'], {
    cwd: ROOT,
    maxBuffer: 1 << 28,
  });
  writeFileSync(file, text);
}
const bytes = statSync(file).size;
const text = readFileSync(file, 'utf8');
const pods = (text.match(/"kind":"Pod"/g) ?? []).length;
const nodes = (text.match(/"kind":"Node"/g) ?? []).length;

const server = await site();
const browser = await launch();
const times = [];
const heaps = [];
for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await ready(page);
  await page.locator('#open-cluster').click();
  await page.locator('#cluster-drop').waitFor();
  await page.evaluate(() => {
    document.addEventListener('change', () => (globalThis.__picked = performance.now()), { capture: true, once: true });
  });
  await page.locator('#pick-files').setInputFiles(file);
  const shown = await page.waitForFunction(
    () => document.querySelector('#cluster-cost-options') && globalThis.__picked !== undefined && performance.now() - globalThis.__picked,
    undefined,
    { polling: 'raf', timeout: 120_000 },
  );
  const ms = await shown.jsonValue();
  const statement = await page.locator('#cluster-cost-statement').innerText();
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  times.push(ms);
  heaps.push(usedSize);
  console.log(`run ${run + 1}: ${ms.toFixed(0)} ms; JS heap ${(usedSize / 1e6).toFixed(1)} MB; ${statement.slice(0, 90)}…`);
  await context.close();
}
await browser.close();
await server.close();

const sorted = [...times].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
const result = {
  input: { nodes, pods, bytes },
  runs: times.length,
  import_to_cost_ms: { median, min: sorted[0], max: sorted[sorted.length - 1], all: times },
  budget_ms: 2000,
  js_heap_bytes_after: heaps,
};
writeFileSync(join(ARTIFACTS, 'bench-cluster.json'), JSON.stringify(result, null, 2));
console.log(
  `\n${nodes} nodes + ${pods} pods (${(bytes / 1e6).toFixed(1)} MB of kubectl JSON): picked → cost on screen, median ${median.toFixed(0)} ms ` +
    `(min ${sorted[0].toFixed(0)}, max ${sorted[sorted.length - 1].toFixed(0)}; budget 2000 ms) over ${times.length} runs`,
);
