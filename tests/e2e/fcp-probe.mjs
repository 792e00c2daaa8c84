// Throwaway probe: docs page FCP on a throttled gzip host (not part of the suite).
import { launch } from './lib.mjs';
import { serve } from '../../scripts/serve.mjs';
const SITE = process.argv[2]; const PAGE = process.argv[3] ?? 'nodepools.html'; const N = Number(process.argv[4] ?? 5);
const browser = await launch();
const docs = await serve(SITE, { prefix: '/docs/', encodings: ['gzip'] });
const out = [];
for (let i = 0; i < N; i++) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1638.4 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(docs.url + PAGE, { waitUntil: 'load' });
  const f = await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? false).then((h) => h.jsonValue());
  const res = await page.evaluate(() => performance.getEntriesByType('resource').filter(e => e.startTime < 1500).map(e => `${e.name.split('/').pop()} ${e.startTime.toFixed(0)}-${e.responseEnd.toFixed(0)} ${e.renderBlockingStatus}`));
  const nav = await page.evaluate(() => { const n = performance.getEntriesByType('navigation')[0]; return `html ${n.responseStart.toFixed(0)}-${n.responseEnd.toFixed(0)} dcl ${n.domContentLoadedEventStart.toFixed(0)}`; });
  const rect = await page.evaluate(() => document.querySelector('[data-eks-planner]')?.getBoundingClientRect().top);
  out.push(f);
  console.log(`fcp ${f.toFixed(0)} | ${nav} | widget top ${rect} | ${res.join(' ; ')}`);
  await context.close();
}
out.sort((a, b) => a - b);
console.log('median', out[Math.floor(out.length / 2)].toFixed(0));
await docs.close(); await browser.close();
