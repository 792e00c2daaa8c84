// End-to-end tests of the documentation site, the wiki widget and the
// offline planner, in headless Debian Chromium. The site is served under a
// sub-path (/docs/eks-auto-mode/) to prove it assumes no root.
//
//   cd tests/e2e && node --test docs.test.mjs     (after eksplan-site)

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { ARTIFACTS, SITE, cli, launch, openPage } from './lib.mjs';
import { serve } from '../../scripts/serve.mjs';

const PREFIX = '/docs/eks-auto-mode/';
/** @type {import('playwright-core').Browser} */
let browser;
/** @type {{ url: string, close: () => Promise<unknown> }} */
let server;
let eksplan = '';

before(async () => {
  server = await serve(SITE, { prefix: PREFIX });
  browser = await launch();
  eksplan = cli();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * Bring every planner widget on the page into view (they start as they
 * scroll into view) and wait until each one runs.
 */
async function widgetsReady(page) {
  const count = await page.locator('[data-eks-planner]').count();
  for (let i = 0; i < count; i++) {
    const widget = page.locator('[data-eks-planner]').nth(i);
    await widget.scrollIntoViewIfNeeded();
    // The findings are always on show (a widget may open on the cost view, not the files).
    await widget.locator('[data-ready] #diag-title').waitFor({ timeout: 30_000 });
  }
  return count;
}

test('every page renders without console errors, and every internal link resolves', async () => {
  const { page, log } = await openPage(browser);
  const origin = new URL(server.url).origin;
  const queue = [server.url];
  const seen = new Set(queue);
  const problems = [];
  const ids = new Map(); // page URL → ids on it
  const fragments = []; // [from, url#id]
  let widgets = 0;
  while (queue.length) {
    const url = /** @type {string} */ (queue.shift());
    const before = log.errors.length;
    const response = await page.goto(url);
    if (!response || response.status() !== 200) {
      problems.push(`${url}: HTTP ${response?.status()}`);
      continue;
    }
    if (!(response.headers()['content-type'] ?? '').startsWith('text/html')) continue;
    widgets += await widgetsReady(page);
    ids.set(url, new Set(await page.locator('[id]').evaluateAll((els) => els.map((e) => e.id))));
    // Pages are crawled; stylesheets, scripts and downloads are fetched.
    const anchors = await page.locator('a[href]').evaluateAll((els) => els.map((e) => /** @type {HTMLAnchorElement} */ (e).href));
    const resources = await page
      .locator('link[href], script[src]')
      .evaluateAll((els) => els.map((e) => /** @type {HTMLLinkElement} */ (e).href || /** @type {HTMLScriptElement} */ (e).src));
    for (const link of [...anchors, ...resources]) {
      const target = new URL(link);
      if (target.origin !== origin) continue;
      assert.ok(target.pathname.startsWith(PREFIX), `${url} links outside the site: ${link}`);
      if (target.hash && !target.hash.startsWith('#plan=')) fragments.push([url, target.href]);
      target.hash = '';
      if (seen.has(target.href)) continue;
      seen.add(target.href);
      if (target.pathname.endsWith('.html') && !target.pathname.endsWith('eksplan-planner.html')) {
        queue.push(target.href);
      } else {
        const status = (await page.request.get(target.href)).status();
        if (status !== 200) problems.push(`${url}: ${target.href} is HTTP ${status}`);
      }
    }
    if (log.errors.length > before) problems.push(`${url}: ${log.errors.slice(before).join('; ')}`);
  }
  for (const [from, link] of fragments) {
    const target = new URL(link);
    const id = decodeURIComponent(target.hash.slice(1));
    target.hash = '';
    if (ids.has(target.href) && !ids.get(target.href)?.has(id)) problems.push(`${from}: ${link} has no element #${id}`);
  }
  assert.deepEqual(problems, []);
  assert.ok(seen.size > 120, `crawled ${seen.size} URLs`);
  assert.ok(widgets >= 10, `${widgets} embedded planners rendered`);
  writeFileSync(join(ARTIFACTS, 'docs-crawl.txt'), [...seen].sort().join('\n') + '\n');
});

test('search finds a pitfall by its error message', async () => {
  const { page, context } = await openPage(browser);
  await page.goto(server.url + 'storage.html');
  const cases = [
    ['the sum of expireAfter and terminationGracePeriod may not exceed 21 days', 'troubleshooting.html#pitfall-23'],
    ["couldn't auto-discover subnets", 'troubleshooting.html#pitfall-19'],
    ['Error getting launch template configs', 'troubleshooting.html#pitfall-14'],
    [
      'InvalidParameterException: For EKS Auto Mode, please ensure that all required configs, including computeConfig, kubernetesNetworkConfig, and blockStorage are all either fully enabled or fully disabled.',
      'troubleshooting.html#pitfall-1',
    ],
    ['NodeClass InstanceProfileCreationFailed', 'troubleshooting.html#pitfall-15'],
  ];
  for (const [message, expected] of cases) {
    await page.fill('#search', message);
    const first = page.locator('#search-results a').first();
    await first.waitFor();
    assert.equal(await first.getAttribute('href'), new URL(expected, server.url).href, message);
  }
  // Keyboard: arrow down to the result, Enter follows it.
  await page.fill('#search', 'the sum of expireAfter and terminationGracePeriod');
  await page.locator('#search-results a').first().waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForURL(/troubleshooting\.html#pitfall-23$/);
  assert.ok(await page.locator('#pitfall-23').isVisible());
  await context.close();
});

test('topic pages embed a planner with their preset, open on their topic, and its findings link to the reference', async () => {
  const { page, context } = await openPage(browser);
  for (const [slug, preset, step, file] of [
    ['nodepools', 'gpu', 'compute', 'kubernetes/10-nodepools.yaml'],
    ['upgrades', 'spot-batch', 'cluster', 'terraform/eks.tf'],
    ['networking', 'existing-vpc', 'network', 'terraform/vpc.tf'],
    ['storage', 'production', 'storage', 'kubernetes/20-storageclass.yaml'],
  ]) {
    await page.goto(server.url + `${slug}.html`);
    await widgetsReady(page);
    const widget = page.locator('[data-eks-planner]');
    assert.ok(await widget.locator(`#${step}-title`).isVisible(), `${slug} opens on ${step}`);
    assert.equal(await widget.locator('.viewer-head .path').innerText(), file, slug);
    await widget.getByRole('button', { name: /Basics/ }).first().click();
    assert.equal(await widget.locator('#f-cluster-name').inputValue(), preset, slug);
  }
  // A finding's reference link leads to its page on this site.
  await page.goto(server.url + 'index.html');
  await widgetsReady(page);
  const widget = page.locator('[data-eks-planner]');
  await widget.locator('.diag summary').first().click();
  const link = widget.locator('.diag .explain a').first();
  const href = new URL(/** @type {string} */ (await link.getAttribute('href')), page.url()).href;
  assert.match(href, new RegExp(`${PREFIX}reference/[a-z]{2}\\d{3}\\.html$`));
  const response = await page.goto(href);
  assert.equal(response?.status(), 200);
  await context.close();
});

/** A page with hostile CSS and two widgets, next to the site's planner/. */
function hostilePage() {
  const dir = mkdtempSync(join(tmpdir(), 'eksplan-host-'));
  symlinkSync(join(SITE, 'planner'), join(dir, 'planner'));
  writeFileSync(
    join(dir, 'index.html'),
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Hostile wiki page</title><link rel="icon" href="data:,">
<style>
  * { color: rgb(255, 0, 0) !important; font-family: serif !important; font-size: 31px !important;
      background: rgb(255, 255, 0) !important; box-sizing: content-box !important; letter-spacing: 3px !important; }
  div { display: inline !important; padding: 17px !important; border: 5px dotted green !important; }
  button, input, select, textarea { all: unset !important; }
  .card, .planner, .field, .help { border: 9px solid purple !important; margin: 40px !important; }
  :host, ::slotted(*) { display: none !important; }
</style></head>
<body>
<main>
<h1>Team wiki</h1>
<p class="help" id="host-help">The host page's own paragraph.</p>
<button id="host-button">Host button</button>
<div id="one" data-eks-planner data-preset="gpu" data-view="compact"></div>
<div id="two" data-eks-planner data-preset="spot-batch" data-view="editor"></div>
</main>
<script type="module" src="planner/widget.js"></script>
</body></html>`,
  );
  return dir;
}

test('a hostile page with two widgets: both work, neither is restyled, nothing leaks out', async (t) => {
  const host = await serve(hostilePage(), { prefix: '/wiki/' });
  const { page, context, log } = await openPage(browser);
  t.after(() => Promise.all([context.close(), host.close()]));
  await page.goto(host.url);
  assert.equal(await widgetsReady(page), 2);
  const one = page.locator('#one');
  const two = page.locator('#two');
  assert.equal(await one.locator('#f-cluster-name').inputValue(), 'gpu');
  assert.equal(await two.locator('#f-cluster-name').inputValue(), 'spot-batch');

  // Independent: editing one leaves the other alone; ids do not collide.
  await one.locator('#f-cluster-name').fill('widget-one');
  assert.equal(await two.locator('#f-cluster-name').inputValue(), 'spot-batch');
  await assert.doesNotReject(one.locator('.viewer .rendered h1').getByText('EKS Auto Mode cluster widget-one').waitFor());
  await two.locator('#f-cluster-name').fill('');
  assert.match(await two.locator('.counts').innerText(), /^1 error/);
  assert.match(await one.locator('.counts').innerText(), /^0 errors/);
  await two.locator('.diag.sev-error button.link').click();
  assert.equal(
    await two.evaluate((el) => el.shadowRoot?.activeElement?.id),
    'f-cluster-name',
    'the finding focuses the field in its own planner',
  );

  // Both widgets share one download of the planner's code, and one of the
  // on-demand module when both open their cost views.
  await one.locator('#show-cost').click();
  await two.locator('#show-cost').click();
  await one.locator('.cost-table').first().waitFor();
  // (Two has an error just now: its cost view asks for a fix first.)
  await two.locator('.cost').getByText('Fix the errors above to see the cost plan.').waitFor();
  const fetched = (pattern) => log.requests.filter((u) => pattern.test(new URL(u).pathname)).length;
  assert.equal(fetched(/eksplan-web-[0-9a-f]{4,16}_bg\.wasm\.xz$/), 1, 'one download of the planner module (its XZ copy)');
  assert.equal(fetched(/eksplan-web-[0-9a-f]{4,16}_bg\.wasm$/), 0, 'and not the plain module as well');
  assert.equal(fetched(/xz-embedded-[0-9a-f]{4,16}\.wasm$/), 1, 'one download of the XZ decoder');
  assert.equal(fetched(/eksplan-web-[0-9a-f]{4,16}\.js$/), 1, 'one download of its glue');
  assert.equal(fetched(/eksplan-extras-[0-9a-f]{4,16}_bg\.wasm\.xz$/), 1, 'one download of the on-demand module (its XZ copy)');
  assert.equal(fetched(/eksplan-extras-[0-9a-f]{4,16}_bg\.wasm$/), 0, 'and not the plain one as well');
  await one.locator('#show-files').click();
  await two.locator('#show-files').click();

  // Not restyled: the page's !important rules do not reach inside.
  const style = await one.locator('.planner').evaluate((el) => {
    const s = getComputedStyle(el);
    return { color: s.color, size: s.fontSize, family: s.fontFamily, spacing: s.letterSpacing, border: s.borderTopWidth };
  });
  assert.notEqual(style.color, 'rgb(255, 0, 0)');
  assert.equal(style.size, '15px');
  assert.doesNotMatch(style.family, /^serif$/);
  assert.equal(style.spacing, 'normal');
  assert.equal(style.border, '0px');
  const input = await one.locator('#f-cluster-name').evaluate((el) => getComputedStyle(el).borderTopStyle);
  assert.equal(input, 'solid', 'inputs keep their own borders');
  // The page's root font size does not scale the planner either.
  const help = await one.locator('.help').first().evaluate((el) => getComputedStyle(el).fontSize);
  assert.equal(help, '13.6px');

  // Nothing leaks out: the host's own elements keep the host's styles.
  const hostHelp = await page.locator('#host-help').evaluate((el) => getComputedStyle(el).fontSize);
  assert.equal(hostHelp, '31px');
  const hostButton = await page.locator('#host-button').evaluate((el) => getComputedStyle(el).borderTopStyle);
  assert.equal(hostButton, 'none');

  // The JavaScript API: read, replace (validated), destroy.
  const plan = await page.evaluate(() => /** @type {any} */ (document.getElementById('one')).eksPlanner.getPlan());
  assert.equal(plan.cluster.name, 'widget-one');
  const error = await page.evaluate(() => {
    try {
      /** @type {any} */ (document.getElementById('one')).eksPlanner.setPlan({ cluster: { nmae: 'typo' } });
      return '';
    } catch (e) {
      return String(e);
    }
  });
  assert.match(error, /unknown field `nmae`/);
  assert.equal(await one.locator('#f-cluster-name').inputValue(), 'widget-one', 'a bad plan changes nothing');
  await page.evaluate(() =>
    /** @type {any} */ (document.getElementById('one')).eksPlanner.setPlan('cluster:\n  name: from-yaml\n'),
  );
  assert.equal(await one.locator('#f-cluster-name').inputValue(), 'from-yaml');
  await page.evaluate(() => /** @type {any} */ (document.getElementById('two')).eksPlanner.destroy());
  assert.equal(await two.locator('#f-cluster-name').count(), 0);
  assert.equal(await one.locator('#f-cluster-name').inputValue(), 'from-yaml', 'the other widget is unaffected');

  // A widget mounted later by script.
  const mounted = await page.evaluate(async () => {
    const el = document.createElement('section');
    document.body.append(el);
    const handle = await /** @type {any} */ (window).EksPlanner.mount(el, { preset: 'production', view: 'editor' });
    return handle.getPlan().cluster.name;
  });
  assert.equal(mounted, 'production');
  await page.screenshot({ path: join(ARTIFACTS, 'widgets-hostile-page.png'), fullPage: false });
  assert.deepEqual(log.errors, []);
});

test('a docs page paints its text first; its widget reads before any WebAssembly and starts in view', async () => {
  const { page, context, log } = await openPage(browser, { viewport: { width: 1200, height: 800 } });
  // The WebAssembly is held back until the prerendered widget is checked.
  /** @type {() => void} */
  let release = () => {};
  const gate = new Promise((r) => (release = () => r(undefined)));
  await context.route(/\.wasm(\.xz)?$/, async (route) => {
    await gate;
    await route.continue();
  });
  await page.goto(server.url + 'nodepools.html');
  // The page's text, and the widget's prerendered form and file, on the
  // page's topic (the Compute step, the NodePools), with no WebAssembly.
  assert.ok(await page.locator('article h1').isVisible());
  const widget = page.locator('[data-eks-planner]');
  assert.ok(await widget.locator('#compute-title').isVisible());
  const pool = widget.locator('#f-node_pools-0-name');
  const name = await pool.inputValue();
  assert.ok(name.length > 0);
  assert.equal(await widget.locator('.viewer-head .path').innerText(), 'kubernetes/10-nodepools.yaml');
  await widget.locator('.viewer pre code', { hasText: `name: ${name}` }).waitFor();
  assert.equal(await widget.locator('.eksplan-widget').getAttribute('aria-busy'), 'true');
  // Styled by the planner's own sheet (linked from the shadow root, one
  // file for every widget), not the page's: the :host reset and the form's
  // bordered inputs are in place before any WebAssembly.
  const styled = await widget.evaluate((host) => {
    const input = host.shadowRoot?.querySelector('#f-node_pools-0-name');
    const sheets = [...(host.shadowRoot?.styleSheets ?? [])].map((s) => s.href ?? 'inline');
    return { sheets, border: input ? getComputedStyle(input).borderTopStyle : null };
  });
  assert.deepEqual(styled.sheets.map((h) => new URL(h).pathname.split('/').slice(-2).join('/')), ['assets/widget.css']);
  assert.equal(styled.border, 'solid');
  release();
  await widget.scrollIntoViewIfNeeded();
  await widget.locator('[data-ready] #files-title').waitFor({ timeout: 30_000 });
  await pool.fill('from-the-docs');
  await widget.locator('.viewer pre code', { hasText: 'name: from-the-docs' }).waitFor();
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('the offline planner works from file:// with the network blocked', async () => {
  const file = join(SITE, 'eksplan-planner.html');
  const size = readFileSync(file).length;
  assert.ok(size <= 800_000, `offline planner is ${size} bytes`);
  const { page, context, log } = await openPage(browser);
  await context.setOffline(true);
  await context.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('#app[data-ready] #files-title', { timeout: 30_000 });

  await page.selectOption('#preset', 'production');
  await page.getByRole('button', { name: 'All options' }).first().click();
  await page.locator('#f-cluster-name').fill('offline-prod');
  await page.locator('#f-network-vpc_cidr').fill('10.77.0.0/16');
  const dir = mkdtempSync(join(tmpdir(), 'eksplan-offline-'));
  const [planDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download plan' }).click(),
  ]);
  await planDownload.saveAs(join(dir, 'plan.yaml'));
  const [zipDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#download-zip').click()]);
  await zipDownload.saveAs(join(dir, 'offline.zip'));
  execFileSync(eksplan, ['generate', join(dir, 'plan.yaml'), '--out', join(dir, 'bundle'), '--zip', join(dir, 'cli.zip')], {
    stdio: 'pipe',
  });
  assert.ok(readFileSync(join(dir, 'offline.zip')).equals(readFileSync(join(dir, 'cli.zip'))), 'offline zip = CLI zip');

  // The target can be switched (it is kept in the plan and its link); the
  // file carries only the Terraform writer (its size budget) and says so,
  // keeping the Terraform files of the same cluster on show.
  await page.selectOption('#target', 'eksctl');
  await page.locator('#target-failed').waitFor();
  assert.match(await page.locator('#target-failed').innerText(), /only the Terraform writer[\s\S]*eksplan generate PLAN --target eksctl/);
  await page.locator('.tree-dir', { hasText: /^terraform\/$/ }).waitFor();
  assert.equal(await page.locator('.diag .code', { hasText: 'TG018' }).count(), 1);
  await page.locator('.notice').getByRole('button', { name: 'Undo' }).click();
  assert.equal(await page.locator('#target').inputValue(), 'terraform');
  assert.equal(await page.locator('#target-failed').count(), 0);

  // Share links work from the file, too.
  await page.locator('#share').click();
  const link = await page.locator('.notice input.detail').inputValue();
  assert.ok(link.startsWith('file://') && link.includes('#plan=2.'), link);
  const again = await context.newPage();
  await again.goto(link);
  await again.waitForSelector('#app[data-ready] #files-title');
  assert.equal(await again.locator('#f-cluster-name').inputValue(), 'offline-prod');

  // The cost view is in the file (its model in place), and so are issue
  // 13's parts the planner page loads on demand: the review table and the
  // marks of the lines an edit changed.
  await page.locator('#show-cost').click();
  await page.locator('.cost-table').first().waitFor();
  assert.match(await page.locator('.cost').innerText(), /\$[\d,.]+/);
  await page.locator('#show-files').click();
  await page.locator('#f-network-vpc_cidr').fill('10.78.0.0/16');
  await page.locator('.tree .file', { hasText: /^vpc\.tf(\s|$)/ }).click();
  await page.locator('.viewer .ln.changed', { hasText: '10.78.0.0/16' }).first().waitFor();
  await page.getByRole('button', { name: 'Guided' }).first().click();
  await page.getByRole('button', { name: /Review and download/ }).first().click();
  await page.locator('.review-table').waitFor();
  assert.match(await page.locator('.review-table').innerText(), /offline-prod/);

  // "I have a cluster" is left out of the file (its size budget) and says where it is.
  await page.locator('#open-cluster').click();
  assert.match(await page.locator('#cluster-offline').innerText(), /eksplan migrate DIR/);

  const network = log.requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(network, [], 'no network requests');
  assert.deepEqual(log.errors, []);
  await page.screenshot({ path: join(ARTIFACTS, 'offline-planner.png') });
  await context.close();
});

test('accessible: axe finds no serious or critical violations on the docs', async () => {
  const pages = ['index.html', 'troubleshooting.html', 'nodepools.html', 'embed.html', 'reference/index.html', 'reference/np005.html'];
  for (const colorScheme of /** @type {const} */ (['light', 'dark'])) {
    const { page, context } = await openPage(browser, { colorScheme });
    for (const path of pages) {
      await page.goto(server.url + path);
      await widgetsReady(page);
      const result = await new AxeBuilder({ page }).analyze();
      const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(
        bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
        [],
        `${path} (${colorScheme})`,
      );
    }
    await context.close();
  }
});

test('the docs work on a phone: navigation collapses, nothing scrolls sideways', async () => {
  const { page, context } = await openPage(browser, { viewport: { width: 360, height: 780 } });
  await page.goto(server.url + 'choosing.html');
  await widgetsReady(page);
  assert.ok(await page.locator('.nav-toggle').isVisible());
  assert.ok(await page.locator('#nav-list').isHidden());
  await page.locator('.nav-toggle').click();
  assert.ok(await page.locator('#nav-list').isVisible());
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${overflow}px of horizontal scrolling`);
  await page.screenshot({ path: join(ARTIFACTS, 'docs-phone.png') });
  await context.close();
});
