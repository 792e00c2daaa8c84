// End-to-end tests of the built planner (dist/) in headless Debian Chromium.
//
//   cd tests/e2e && npm test        (scripts/test.sh builds the site first)

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { ARTIFACTS, DIST, ROOT, cli, fieldId, launch, openPage, openRecordedPage, privacyProblems, ready, site } from './lib.mjs';
import { execFileSync } from 'node:child_process';

/** @type {import('playwright-core').Browser} */
let browser;
/** @type {{ url: string, close: () => Promise<unknown> }} */
let server;
let eksplan = '';

before(async () => {
  server = await site();
  browser = await launch();
  eksplan = cli();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const tmp = () => mkdtempSync(join(tmpdir(), 'eksplan-e2e-'));
/** The migration fixtures (what collect.sh writes for a cluster). */
const MIGRATE = join(ROOT, 'tests', 'fixtures', 'migrate');

/** A fresh page (own storage) at the planner, ready. */
async function planner(options = {}, hash = '') {
  const session = await openPage(browser, options);
  await session.page.goto(server.url + hash);
  await ready(session.page);
  return session;
}

/** Wait until the plan holding `text` is autosaved (after typing pauses). */
const saved = (page, text) =>
  page.waitForFunction((t) => localStorage.getItem('eksplan.plan.v1')?.includes(t) ?? false, text);
const field = (page, path) => page.locator(`#${fieldId(path)}`);
const viewer = (page) => page.locator('.viewer pre code');
const counts = (page) => page.locator('.counts').innerText();

/** The README's title (README.md is shown rendered) names the cluster. */
async function readme(page, cluster) {
  await page.locator('.viewer .rendered h1').getByText(`EKS Auto Mode cluster ${cluster}`).waitFor();
}

async function showFile(page, name) {
  // The file's name, then perhaps its marks (changed, lines of the focused field).
  await page.locator('.tree .file', { hasText: new RegExp(`^${name.replace('.', '\\.')}(\\s|$)`) }).click();
}

test('loads cleanly, and every change regenerates the output and the findings', async () => {
  const { page, log, context } = await planner();
  assert.match(await page.title(), /EKS Auto Mode Planner/);
  assert.match(await counts(page), /^0 errors/);
  await field(page, 'cluster.name').fill('payments');
  // README.md is shown rendered.
  await assert.doesNotReject(page.locator('.viewer .rendered h1').getByText('EKS Auto Mode cluster payments').waitFor());

  // Break a rule: the finding appears, the zip waits for a fix.
  await page.getByRole('button', { name: /Network/ }).first().click();
  await field(page, 'network.vpc_cidr').fill('10.0.0.0/8');
  assert.match(await counts(page), /^1 error/);
  assert.equal(await page.locator('.diag.sev-error .code').first().innerText(), 'NW001');
  assert.ok(await page.locator('#download-zip').isDisabled());
  assert.ok(await page.locator('.files .stale').isVisible());

  // Fix it: the output follows.
  await field(page, 'network.vpc_cidr').fill('10.20.0.0/16');
  assert.match(await counts(page), /^0 errors/);
  await showFile(page, 'vpc.tf');
  await assert.doesNotReject(viewer(page).getByText('"10.20.0.0/16"').first().waitFor());
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('the downloaded zip is byte-identical to the CLI bundle for the same plan', async () => {
  const { page, context } = await planner();
  await page.selectOption('#preset', 'production');
  await page.getByRole('button', { name: 'All options' }).first().click();
  await field(page, 'cluster.name').fill('e2e-prod');
  await field(page, 'cluster.deletion_protection').uncheck();
  const dir = tmp();
  const [planDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download plan' }).click(),
  ]);
  assert.equal(planDownload.suggestedFilename(), 'e2e-prod.plan.yaml');
  const planFile = join(dir, 'plan.yaml');
  await planDownload.saveAs(planFile);
  const [zipDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#download-zip').click()]);
  assert.equal(zipDownload.suggestedFilename(), 'e2e-prod.zip');
  const browserZip = join(dir, 'browser.zip');
  await zipDownload.saveAs(browserZip);

  const cliZip = join(dir, 'cli.zip');
  execFileSync(eksplan, ['generate', planFile, '--out', join(dir, 'bundle'), '--zip', cliZip], { stdio: 'pipe' });
  const a = readFileSync(browserZip);
  const b = readFileSync(cliZip);
  assert.ok(a.length > 10_000, `zip is ${a.length} bytes`);
  assert.ok(a.equals(b), `browser zip (${a.length} B) differs from CLI zip (${b.length} B)`);

  // One file, as shown.
  await showFile(page, 'eks.tf');
  const [one] = await Promise.all([page.waitForEvent('download'), page.locator('.viewer-head').getByRole('button', { name: 'Download' }).click()]);
  assert.equal(one.suggestedFilename(), 'eks.tf');
  const oneFile = join(dir, 'eks.tf');
  await one.saveAs(oneFile);
  assert.ok(readFileSync(oneFile).equals(readFileSync(join(dir, 'bundle', 'terraform', 'eks.tf'))));
  await context.close();
});

/** Each target's own file, shown in the file tree (the emitters' layout). */
const TARGET_FILES = {
  eksctl: ['eksctl/', 'cluster.yaml'],
  cloudformation: ['cloudformation/', 'template.yaml'],
  cdk: ['cdk/bin/', 'app.ts'],
  'pulumi-ts': ['pulumi/', 'index.ts'],
  'pulumi-go': ['pulumi/', 'main.go'],
};
/** Wait until the file tree shows `target`'s own files. */
async function targetFilesShown(page, target) {
  const [dir, name] = TARGET_FILES[target];
  await page.locator('.tree-group', { has: page.locator('.tree-dir', { hasText: new RegExp(`^${dir}$`) }) })
    // The file's name, then perhaps its marks (a new file is changed by the last edit).
    .locator('.file', { hasText: new RegExp(`^${name.replace('.', '\\.')}(\\s|$)`) })
    .waitFor();
}
const tg018 = (page) => page.locator('.diag .code', { hasText: 'TG018' });

test('the target choice writes each tool\'s files, its zip is the CLI\'s, and it is kept, shared and undoable', async () => {
  const { page, context, log, record } = await openRecordedPage(browser);
  await page.goto(server.url);
  await ready(page);
  const atLoad = record.requests.length;
  await page.selectOption('#preset', 'production');
  await page.getByRole('button', { name: 'All options' }).first().click();
  await field(page, 'cluster.name').fill('e2e-targets');
  await field(page, 'cluster.deletion_protection').uncheck();
  assert.equal(await page.locator('#target').inputValue(), 'terraform');
  assert.equal(await page.getByLabel('Write the files for').count(), 1, 'the choice is labelled');
  const dir = tmp();
  for (const target of Object.keys(TARGET_FILES)) {
    await page.selectOption('#target', target);
    await targetFilesShown(page, target);
    assert.equal(await page.locator('.tree-dir', { hasText: /^terraform\/$/ }).count(), 0, `${target}: no Terraform files`);
    assert.equal(await tg018(page).count(), 0, `${target}: TG018 is gone with the Terraform files`);
    const [planDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download plan' }).click()]);
    const planFile = join(dir, `${target}.plan.yaml`);
    await planDownload.saveAs(planFile);
    assert.match(readFileSync(planFile, 'utf8'), new RegExp(`^target: ${target}$`, 'm'));
    const [zipDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#download-zip').click()]);
    assert.equal(zipDownload.suggestedFilename(), 'e2e-targets.zip');
    const browserZip = join(dir, `${target}.browser.zip`);
    await zipDownload.saveAs(browserZip);
    const cliZip = join(dir, `${target}.cli.zip`);
    execFileSync(eksplan, ['generate', planFile, '--target', target, '--out', join(dir, target), '--zip', cliZip], { stdio: 'pipe' });
    const a = readFileSync(browserZip);
    const b = readFileSync(cliZip);
    assert.ok(a.length > 10_000, `${target}: zip is ${a.length} bytes`);
    assert.ok(a.equals(b), `${target}: browser zip (${a.length} B) differs from CLI zip (${b.length} B)`);
  }
  // Edits regenerate the target's files.
  await field(page, 'cluster.name').fill('e2e-renamed');
  await showFile(page, 'main.go');
  await viewer(page).getByText('e2e-renamed').first().waitFor();

  // Undo brings the previous target back.
  await page.selectOption('#target', 'cdk');
  await targetFilesShown(page, 'cdk');
  await page.locator('.notice').getByRole('button', { name: 'Undo' }).click();
  assert.equal(await page.locator('#target').inputValue(), 'pulumi-go');
  await targetFilesShown(page, 'pulumi-go');

  // Kept by autosave across a reload, and in a share link.
  await saved(page, 'pulumi-go');
  await page.goto(server.url); // no fragment: only localStorage can restore it
  await page.reload();
  await ready(page);
  assert.equal(await page.locator('#target').inputValue(), 'pulumi-go');
  await targetFilesShown(page, 'pulumi-go');
  await page.locator('#share').click();
  const link = await page.locator('.notice input.detail').inputValue();
  const other = await planner({}, new URL(link).hash);
  assert.equal(await other.page.locator('#target').inputValue(), 'pulumi-go');
  await targetFilesShown(other.page, 'pulumi-go');
  assert.deepEqual(other.log.errors, []);
  await other.context.close();

  const after = record.requests.slice(atLoad).map((r) => r.url).filter((u) => !u.startsWith('blob:') && !u.startsWith('data:'));
  const reload = after.filter((u) => !/\/eksplan-extras-[0-9a-f]{4,16}(_bg\.wasm(\.xz)?|\.js)$/.test(u));
  assert.ok(reload.every((u) => new URL(u).origin === new URL(server.url).origin), `requests after load: ${after}`);
  assert.deepEqual(privacyProblems(record.requests, new URL(server.url).origin), []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('the target writer: a loading line the first time; if it cannot load, the Terraform files with TG018', async () => {
  // No idle prefetch: the first switch loads the module.
  const noPrefetch = () => {
    // @ts-ignore
    window.requestIdleCallback = () => 0;
  };
  const slow = await openPage(browser, { viewport: { width: 360, height: 800 } });
  await slow.page.addInitScript(noPrefetch);
  /** @type {() => void} */
  let release = () => {};
  const gate = new Promise((r) => (release = () => r(undefined)));
  await slow.context.route(/eksplan-extras-/, async (route) => {
    await gate;
    await route.continue();
  });
  await slow.page.goto(server.url);
  await ready(slow.page);
  await slow.page.selectOption('#target', 'eksctl');
  await slow.page.locator('.target-choice [role=status]', { hasText: 'Loading the eksctl writer' }).waitFor();
  // Never an empty panel: the Terraform files of the same cluster meanwhile.
  await slow.page.locator('.tree-dir', { hasText: /^terraform\/$/ }).waitFor();
  assert.equal(await tg018(slow.page).count(), 1);
  release();
  await targetFilesShown(slow.page, 'eksctl');
  assert.equal(await slow.page.locator('.target-choice [role=status]').count(), 0);
  assert.equal(await tg018(slow.page).count(), 0);
  // 360 px: nothing wider than the screen.
  const width = await slow.page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `page is ${width} px wide`);
  assert.deepEqual(slow.log.errors, []);
  await slow.context.close();

  const broken = await openPage(browser);
  await broken.page.addInitScript(noPrefetch);
  await broken.context.route(/eksplan-extras-/, (route) => route.abort());
  await broken.page.goto(server.url);
  await ready(broken.page);
  await broken.page.selectOption('#target', 'pulumi-go');
  await broken.page.locator('#target-failed').waitFor();
  assert.match(await broken.page.locator('#target-failed').innerText(), /Pulumi \(Go\) files cannot be written here[\s\S]*Terraform files/);
  await broken.page.locator('.tree-dir', { hasText: /^terraform\/$/ }).waitFor();
  assert.equal(await tg018(broken.page).count(), 1);
  // The plan keeps its target all the same.
  assert.equal(await broken.page.locator('#target').inputValue(), 'pulumi-go');
  await broken.context.close();
});

test('share links reproduce the plan; broken, foreign and old links are handled', async () => {
  const first = await planner();
  await field(first.page, 'cluster.name').fill('shared-plan');
  await first.page.locator('#share').click();
  const link = await first.page.locator('.notice input.detail').inputValue();
  assert.match(link, /#plan=2\.[A-Za-z0-9_-]+$/);
  await first.context.close();

  // A new browser profile opens the link to exactly that plan.
  const second = await openPage(browser);
  await second.page.goto(link);
  await ready(second.page);
  assert.equal(await field(second.page, 'cluster.name').inputValue(), 'shared-plan');
  assert.match(await second.page.locator('.notice').innerText(), /Opened the plan from the link/);

  // Edit (autosaved), then open a damaged link: error, and the plan stays,
  // both when pasted into the open planner and when the page loads with it.
  await field(second.page, 'cluster.name').fill('my-own-work');
  await saved(second.page, 'my-own-work');
  const alertText = () => second.page.getByRole('alert').innerText();
  await second.page.goto(`${server.url}#plan=2.AAAAgarbage`);
  assert.match(await alertText(), /damaged|cannot be read/);
  assert.equal(await field(second.page, 'cluster.name').inputValue(), 'my-own-work');
  await second.page.reload();
  await ready(second.page);
  assert.match(await alertText(), /damaged|cannot be read/);
  assert.equal(await field(second.page, 'cluster.name').inputValue(), 'my-own-work');

  // A link from a newer planner.
  await second.page.goto(`${server.url}#plan=9.abc`);
  assert.match(await alertText(), /newer planner/);
  assert.equal(await field(second.page, 'cluster.name').inputValue(), 'my-own-work');

  // A fragment that is not a plan at all is left alone.
  await second.page.goto(`${server.url}#section-2`);
  await second.page.reload();
  await ready(second.page);
  assert.equal(await second.page.getByRole('alert').count(), 0);
  assert.equal(await field(second.page, 'cluster.name').inputValue(), 'my-own-work');

  // Version 1 links (uncompressed JSON, the first release) still open; the
  // plan they replace comes back with Undo.
  // The plan they would replace is the user's own work: the planner asks.
  const v1 = Buffer.from(JSON.stringify({ version: 1, cluster: { name: 'from-v1-link' } })).toString('base64url');
  await second.page.goto(`${server.url}#plan=1.${v1}`);
  await second.page.getByRole('button', { name: "Open the link's", exact: true }).click();
  await second.page.getByText('Opened the plan from the link.').waitFor();
  assert.equal(await field(second.page, 'cluster.name').inputValue(), 'from-v1-link');
  await second.page.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await field(second.page, 'cluster.name').inputValue(), 'my-own-work');
  await second.context.close();
});

test('import reads YAML and JSON plans, and a bad file keeps the plan', async () => {
  const { page, context } = await planner();
  await field(page, 'cluster.name').fill('before-import');
  const input = page.locator('#import-plan');

  await input.setInputFiles({
    name: 'team.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from('cluster:\n  name: imported-yaml\n  kubernetes_version: 1.34\n'),
  });
  await page.getByText('Imported team.yaml.').waitFor();
  assert.equal(await field(page, 'cluster.name').inputValue(), 'imported-yaml');
  assert.equal(await field(page, 'cluster.kubernetes_version').inputValue(), '1.34');

  await input.setInputFiles({
    name: 'team.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ cluster: { name: 'imported-json' } })),
  });
  await page.getByText('Imported team.json.').waitFor();
  assert.equal(await field(page, 'cluster.name').inputValue(), 'imported-json');

  // Not a plan: a located error, and nothing changes.
  await input.setInputFiles({
    name: 'broken.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from('cluster:\n  name: x\n  nmae: typo\n'),
  });
  const alert = await page.getByRole('alert').innerText();
  assert.match(alert, /broken\.yaml is not a valid plan/);
  assert.match(alert, /3:3: unknown field `nmae`/);
  assert.equal(await field(page, 'cluster.name').inputValue(), 'imported-json');

  await input.setInputFiles({ name: 'junk.yaml', mimeType: 'application/yaml', buffer: Buffer.from('{{{{') });
  await page.getByText('junk.yaml is not a valid plan').waitFor();
  assert.equal(await field(page, 'cluster.name').inputValue(), 'imported-json');
  await context.close();
});

test('autosave restores the plan on reload, and reset can be undone', async () => {
  const { page, context } = await planner();
  await field(page, 'cluster.name').fill('autosaved');
  await saved(page, 'autosaved');
  assert.match(new URL(page.url()).hash, /^#plan=2\./, 'the address bar follows the plan');
  await page.goto(server.url); // no fragment: only localStorage can restore it
  await page.reload();
  await ready(page);
  assert.equal(await field(page, 'cluster.name').inputValue(), 'autosaved');
  // Closed or reloaded right after typing, before the autosave delay.
  await field(page, 'cluster.name').fill('reloaded-at-once');
  // The edit has rendered (files regenerated), well before the autosave
  // delay on a quiet machine: only the page-hide save can keep it.
  // (The first file is README.md, shown rendered.)
  await page.waitForFunction(() => document.querySelector('.viewer pre code, .viewer .rendered')?.textContent.includes('reloaded-at-once'));
  await page.reload();
  await ready(page);
  assert.equal(await field(page, 'cluster.name').inputValue(), 'reloaded-at-once');
  // Reset goes back to the defaults (what `eksplan init` writes).
  await page.locator('#reset').click();
  assert.equal(await field(page, 'cluster.name').inputValue(), 'auto-mode-cluster');
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await field(page, 'cluster.name').inputValue(), 'reloaded-at-once');
  await context.close();
});

test('a page reloaded or closed while the planner starts keeps the autosaved plan', async () => {
  const { page, context } = await planner();
  await field(page, 'cluster.name').fill('kept-while-booting');
  await saved(page, 'kept-while-booting');
  await page.goto(server.url); // no fragment: only localStorage holds the plan
  await ready(page);
  // A slow machine widens the moment between the prerendered plan's first
  // render and reading the autosave; leave the page at several points of it.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 8 });
  for (const wait of [0, 10, 25, 50, 100, 150, 250, 400, 600]) {
    // Started from the page itself: Playwright's own reload loses track
    // of a page reloaded again before it has loaded.
    await page.evaluate(() => location.reload()).catch(() => {});
    await page.waitForTimeout(wait);
  }
  await page.waitForLoadState('load');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await page.reload();
  await ready(page);
  assert.equal(await field(page, 'cluster.name').inputValue(), 'kept-while-booting');
  assert.ok((await page.evaluate(() => localStorage.getItem('eksplan.plan.v1'))).includes('kept-while-booting'));
  await context.close();
});

test('after load the page fetches only its own static files, and nothing the user types leaves it', async () => {
  const { page, log, context, record } = await openRecordedPage(browser);
  await page.goto(server.url);
  await ready(page);
  const origin = new URL(server.url).origin;
  const atLoad = record.requests.length;
  assert.ok(atLoad >= 4, `the page's own files were seen loading: ${log.requests}`);

  // Use everything: edits, presets, views, findings, share, downloads,
  // import, and the cost view (its module is a static file of this site).
  await field(page, 'cluster.name').fill('offline-check');
  await page.selectOption('#preset', 'gpu');
  await page.getByRole('button', { name: 'All options' }).first().click();
  await page.getByRole('button', { name: 'Add a NodePool' }).click();
  await page.locator('.diag summary').first().click();
  await page.locator('#share').click();
  await Promise.all([page.waitForEvent('download'), page.locator('#download-zip').click()]);
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download plan' }).click()]);
  await showFile(page, 'eks.tf');
  await page.locator('#import-plan').setInputFiles({
    name: 'p.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from('cluster:\n  name: imported\n'),
  });
  await page.getByText('Imported p.yaml.').waitFor();
  await page.locator('#show-cost').click();
  await page.locator('.cost-table').first().waitFor();
  // "I have a cluster": a collected file is read and assessed in the page.
  await page.locator('#open-cluster').click();
  await page.locator('#cluster-paste').fill(readFileSync(join(MIGRATE, 'legacy-mng', 'describe-cluster.json'), 'utf8'));
  await page.locator('#add-paste').click();
  await page.locator('#cluster-summary').getByText('cluster legacy').waitFor();
  await Promise.all([page.waitForEvent('download'), page.locator('#download-migration').click()]);

  const after = record.requests.slice(atLoad).map((r) => r.url).filter((u) => !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.ok(after.every((u) => /\/eksplan-extras-[0-9a-f]{4,16}(_bg\.wasm(\.xz)?|\.js)$/.test(u)), `requests after load: ${after}`);
  assert.deepEqual(privacyProblems(record.requests, origin), []);
  // Nothing typed appears in any request.
  for (const typed of ['offline-check', 'imported', 'legacy-cluster', '111122223333']) {
    assert.ok(!record.requests.some((r) => r.url.includes(typed) || r.body?.includes(typed)), typed);
  }
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('the prerendered page shows the form and a file before the WebAssembly runs, and holds input back', async () => {
  const { page, context } = await openPage(browser);
  await context.route(/\.wasm(\.xz)?$/, (route) => route.abort());
  await page.goto(server.url);
  // The prerendered form (the defaults), findings and first file (README.md,
  // rendered), with no WebAssembly.
  assert.equal(await field(page, 'cluster.name').inputValue(), 'auto-mode-cluster');
  assert.match(await counts(page), /^0 errors/);
  await assert.doesNotReject(page.locator('.viewer .rendered h1').getByText('EKS Auto Mode cluster auto-mode-cluster').waitFor());
  assert.equal(await page.locator('#app').getAttribute('aria-busy'), 'true');
  assert.ok(await page.locator('.tree .file').count() > 3, 'the file tree is there');
  // Typing is held back, visibly: the value stays, the status says why.
  await field(page, 'cluster.name').focus();
  await page.keyboard.type('zz');
  assert.equal(await field(page, 'cluster.name').inputValue(), 'auto-mode-cluster');
  // The module could not load: the page says so and stays readable.
  await page.getByRole('alert').filter({ hasText: 'could not start' }).waitFor();
  const scroll = await page.evaluate(() => {
    window.scrollTo(0, 400);
    return window.scrollY;
  });
  assert.ok(scroll > 0 || (await page.evaluate(() => document.documentElement.scrollHeight <= innerHeight)), 'the page scrolls');
  await page.screenshot({ path: join(ARTIFACTS, 'planner-prerendered.png') });
  await context.close();
});

test('hydration: no mismatch warnings, the first edit regenerates, a stored plan follows the prerendered one', async () => {
  const first = await openRecordedPage(browser);
  await first.page.goto(server.url);
  await ready(first.page);
  await field(first.page, 'cluster.name').fill('hydrated');
  await readme(first.page, 'hydrated');
  // Autosaved; a fresh load hydrates the prerendered default plan, then
  // applies the stored one (no mismatch), and the next edit regenerates.
  await saved(first.page, 'hydrated');
  await first.page.goto(server.url);
  await ready(first.page);
  assert.equal(await field(first.page, 'cluster.name').inputValue(), 'hydrated');
  await readme(first.page, 'hydrated');
  await field(first.page, 'cluster.name').fill('edited-after-hydration');
  await readme(first.page, 'edited-after-hydration');
  // A plan link in a new profile, and a query that asks for another start
  // than the prerendered one (rendered afresh, not hydrated).
  await first.page.locator('#share').click();
  const link = await first.page.locator('.notice input.detail').inputValue();
  const second = await openRecordedPage(browser);
  await second.page.goto(link);
  await ready(second.page);
  assert.equal(await field(second.page, 'cluster.name').inputValue(), 'edited-after-hydration');
  await second.page.goto(`${server.url}?preset=gpu&view=editor`);
  await ready(second.page);
  assert.equal(await field(second.page, 'cluster.name').inputValue(), 'edited-after-hydration', 'autosave still wins over the preset');
  for (const { record } of [first, second]) {
    const noisy = record.console.filter((m) => /^(warning|error)/.test(m) || /hydrat|mismatch/i.test(m));
    assert.deepEqual(noisy, []);
  }
  await first.context.close();
  await second.context.close();
});

test('the modules arrive as their XZ copies, unpacked in the page; a host without them sends the plain files', async () => {
  const paths = (record) => record.requests.map((r) => new URL(r.url).pathname.replace(/^.*\//, ''));
  /** Load the planner, make an edit, open the cost view: both modules run. */
  const useBothModules = async ({ page }, name) => {
    await page.goto(server.url);
    await ready(page);
    await field(page, 'cluster.name').fill(name);
    await readme(page, name);
    await page.locator('#show-cost').click();
    await page.locator('.cost-table').first().waitFor();
  };
  const packed = await openRecordedPage(browser);
  await useBothModules(packed, 'unpacked');
  const got = paths(packed.record);
  for (const [name, pattern] of [
    ['the page module', /^eksplan-web-[0-9a-f]{4,16}_bg\.wasm/],
    ['the on-demand module', /^eksplan-extras-[0-9a-f]{4,16}_bg\.wasm/],
  ]) {
    const files = got.filter((f) => pattern.test(f));
    assert.deepEqual(files.map((f) => f.endsWith('.xz')), [true], `${name}, once, as its XZ copy: ${got}`);
  }
  assert.equal(got.filter((f) => /^xz-embedded-[0-9a-f]{4,16}\.wasm$/.test(f)).length, 1, `the decoder, once: ${got}`);
  assert.deepEqual(packed.log.errors, []);
  await packed.context.close();

  // A host that left the XZ copies out (404), or answers them with a page.
  for (const answer of ['missing', 'a page']) {
    const plain = await openRecordedPage(browser);
    await plain.context.route(/\.wasm\.xz$/, (route) =>
      answer === 'missing'
        ? route.fulfill({ status: 404, body: 'not found' })
        : route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>home</title>' }),
    );
    await useBothModules(plain, 'plain');
    const fell = paths(plain.record);
    assert.ok(fell.some((f) => /^eksplan-web-[0-9a-f]{4,16}_bg\.wasm$/.test(f)), `${answer}: the plain page module: ${fell}`);
    assert.ok(fell.some((f) => /^eksplan-extras-[0-9a-f]{4,16}_bg\.wasm$/.test(f)), `${answer}: the plain on-demand module: ${fell}`);
    // (Chromium logs each 404 as a console error; nothing else may appear.)
    assert.deepEqual(plain.log.errors.filter((e) => !/status of 404/.test(e)), [], answer);
    await plain.context.close();
  }
});

test('the cost view loads its module on first use, once, and works offline after that', async () => {
  const { page, context, record, log } = await openRecordedPage(browser, { viewport: { width: 1400, height: 1000 } });
  // No idle prefetch in this test: the first use must load the module.
  await page.addInitScript(() => {
    // @ts-ignore
    window.requestIdleCallback = () => 0;
  });
  await page.goto(server.url);
  await ready(page);
  await page.waitForTimeout(500);
  const extras = () => record.requests.filter((r) => /eksplan-extras-/.test(r.url)).map((r) => new URL(r.url).pathname);
  assert.deepEqual(extras(), [], 'nothing loaded before the cost view is opened');
  await page.locator('#show-cost').click();
  await page.locator('.cost-table').first().waitFor();
  assert.equal(extras().length, 2, `the glue and the module, once each: ${extras()}`);
  // Offline from here on: the cost view follows edits, tabs switch back and forth.
  await context.setOffline(true);
  await page.locator('#show-files').click();
  await page.selectOption('#preset', 'gpu');
  await page.locator('#show-cost').click();
  await page.locator('.cost-table').first().waitFor();
  await page.getByRole('button', { name: 'All options' }).first().click();
  const pods = async () => (await page.locator('.fleet').innerText()).match(/for (\d+) pods?/)?.[1];
  const before = await pods();
  await field(page, 'capacity.workloads[1].replicas').fill('9');
  await page.waitForFunction((b) => !document.querySelector('.fleet')?.textContent?.includes(`for ${b} pod`), before);
  assert.notEqual(await pods(), before);
  assert.equal(extras().length, 2, 'no second download');
  assert.deepEqual(privacyProblems(record.requests, new URL(server.url).origin), []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a finding explains itself from the on-demand module; if that cannot load, it says so', async () => {
  const { page, context, record, log } = await openRecordedPage(browser, { viewport: { width: 1400, height: 1000 } });
  await page.goto(server.url);
  await ready(page);
  const extras = () => record.requests.filter((r) => /eksplan-extras-/.test(r.url)).map((r) => new URL(r.url).pathname);
  await field(page, 'cluster.name').fill('');
  const finding = page.locator('.diag.sev-error').first();
  await finding.locator('details.explain summary').click();
  const explain = finding.locator('details.explain');
  await page.waitForFunction(() => document.querySelector('.diag.sev-error details.explain')?.textContent?.includes('Fix:'));
  assert.equal(await explain.locator('.lazy-status').count(), 0, 'the loading line is gone');
  assert.equal(extras().length, 2, `the glue and the module, once each: ${extras()}`);
  // The table itself is only in the on-demand module (and the offline file, which carries it inline).
  const files = readdirSync(DIST);
  const module = (re) => readFileSync(join(DIST, /** @type {string} */ (files.find((f) => re.test(f)))));
  assert.ok(!module(/^eksplan-web-.*_bg\.wasm$/).includes('<p><strong>Fix:</strong>'), 'explanations in the page module');
  assert.ok(module(/^eksplan-extras-.*_bg\.wasm$/).includes('<p><strong>Fix:</strong>'));
  assert.ok(module(/^eksplan-offline.*_bg\.wasm$/).includes('<p><strong>Fix:</strong>'));
  assert.deepEqual(privacyProblems(record.requests, new URL(server.url).origin), []);
  assert.deepEqual(log.errors, []);
  await context.close();

  // The module cannot be fetched: the line says so instead of staying empty.
  const blocked = await openRecordedPage(browser, { viewport: { width: 1400, height: 1000 } });
  await blocked.page.route(/eksplan-extras-/, (route) => route.abort());
  await blocked.page.goto(server.url);
  await ready(blocked.page);
  await field(blocked.page, 'cluster.name').fill('');
  const failed = blocked.page.locator('.diag.sev-error').first();
  await failed.locator('details.explain summary').click();
  await failed.locator('details.explain [role="alert"]').waitFor();
  assert.match(await failed.locator('details.explain').innerText(), /could not be loaded here/);
  await blocked.context.close();
});

test('keyboard only: skip link, controls in order, findings move focus to their field', async () => {
  const { page, context } = await planner();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip');
  // Make an error from the keyboard.
  await field(page, 'cluster.name').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  assert.match(await counts(page), /^1 error/);
  // Tab until the finding's field link, then press Enter.
  let reached = false;
  for (let i = 0; i < 80 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(
      () => document.activeElement?.matches('.diag.sev-error button.link') ?? false,
    );
  }
  assert.ok(reached, 'the error finding is reachable with Tab');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), fieldId('cluster.name'));
  await page.keyboard.type('typed-by-keyboard');
  assert.match(await counts(page), /^0 errors/);
  // Checkboxes and selects work from the keyboard.
  await field(page, 'cluster.deletion_protection').focus();
  const before = await field(page, 'cluster.deletion_protection').isChecked();
  await page.keyboard.press('Space');
  assert.equal(await field(page, 'cluster.deletion_protection').isChecked(), !before);
  await context.close();
});

test('accessible: axe finds no serious or critical violations', async () => {
  const checks = [
    { name: 'wizard, light', colorScheme: 'light', view: null },
    { name: 'editor, light', colorScheme: 'light', view: 'All options' },
    { name: 'editor, dark', colorScheme: 'dark', view: 'All options' },
    { name: 'phone, dark', colorScheme: 'dark', view: null, viewport: { width: 360, height: 780 } },
  ];
  for (const c of checks) {
    const { page, context } = await planner({ colorScheme: c.colorScheme, viewport: c.viewport ?? { width: 1280, height: 900 } });
    const phone = (c.viewport?.width ?? 1280) < 600;
    if (phone) await page.getByRole('button', { name: 'Menu' }).click();
    await page.selectOption('#preset', 'production');
    if (c.view) await page.getByRole('button', { name: c.view }).first().click();
    // Show an error finding (at its field too), its explanation, and a share-link notice.
    await field(page, 'cluster.name').fill('');
    await page.locator('.diag summary').first().click();
    const result = await new AxeBuilder({ page }).analyze();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(
      bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      [],
      `axe (${c.name})`,
    );
    await context.close();
  }
});

test('usable from 360 px to a large screen, light and dark', async () => {
  for (const [width, height] of [[360, 780], [768, 1024], [1920, 1080]]) {
    const { page, context } = await planner({ viewport: { width, height } });
    // On a phone the header's actions are behind its menu.
    if (width < 600) await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('button', { name: 'All options' }).first().click();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${width}px: ${overflow}px of horizontal scrolling`);
    if (width >= 1200) {
      const form = await page.locator('main.form').boundingBox();
      const output = await page.locator('aside.output').boundingBox();
      assert.ok(form && output && output.x > form.x + form.width - 1, 'form and output side by side');
      await page.screenshot({ path: join(ARTIFACTS, 'planner-desktop.png') });
    }
    if (width === 360) await page.screenshot({ path: join(ARTIFACTS, 'planner-phone.png'), fullPage: false });
    await context.close();
  }
  const background = async (colorScheme) => {
    const { page, context } = await planner({ colorScheme });
    const rgb = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    if (colorScheme === 'dark') await page.screenshot({ path: join(ARTIFACTS, 'planner-dark.png') });
    await context.close();
    const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number);
    return (r + g + b) / 3;
  };
  assert.ok((await background('light')) > 200, 'light background');
  assert.ok((await background('dark')) < 60, 'dark background');
});

test('the cost panel shows what the CLI computes, with accessible charts', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { page, log, context } = await planner({ colorScheme, viewport: { width: 1400, height: 1000 } });
    await page.selectOption('#preset', 'gpu');
    await page.getByRole('button', { name: 'All options' }).first().click();
    await field(page, 'capacity.workloads[1].replicas').fill('5');
    await page.locator('#show-cost').click();
    await page.locator('.cost-table').first().waitFor();
    await page.locator('.chart-comparison figcaption').waitFor();

    // The same plan through `eksplan cost --json`: every figure matches.
    const dir = tmp();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download plan' }).click(),
    ]);
    const planFile = join(dir, 'plan.yaml');
    await download.saveAs(planFile);
    const report = JSON.parse(execFileSync(eksplan, ['cost', planFile, '--json'], { encoding: 'utf8' }));
    const money = (x) => '$' + x.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    const table = await page.locator('.cost-table').first().evaluate((t) =>
      [...t.querySelectorAll('tbody tr, tfoot tr')].map((r) => [...r.children].map((c) => c.textContent.trim())),
    );
    const options = [report.auto_mode, report.managed_node_groups, report.fargate];
    assert.ok(table.length >= 6 && table.at(-1)[0] === 'Total', JSON.stringify(table));
    for (const row of table) {
      const [item, ...cells] = row;
      options.forEach((o, i) => {
        if (item === 'Total') {
          assert.equal(cells[i], o.possible ? money(o.total) : 'not possible', `${o.name} total`);
        } else {
          const line = o.lines.find((l) => l.item === item);
          assert.equal(cells[i], line ? money(line.monthly) + (line.estimate ? '*' : '') : '–', `${o.name}: ${item}`);
        }
      });
    }
    assert.match(await page.locator('.fleet').innerText(), new RegExp(`for ${report.fleet.pods} pods`));
    // Each chart has a wide and a phone drawing; one of them shows.
    assert.equal(await page.locator('svg.chart[role=img] title').count(), 6);
    assert.equal(await page.locator('svg.chart[role=img]:visible').count(), 3);
    // The savings hints are the CLI's.
    if (report.hints.length) await page.locator('.hint-head').first().waitFor();
    await page.waitForFunction(() => !document.querySelector('.hints-status')?.textContent.includes('pause typing'));
    const heads = await page.locator('.hint-head strong').allInnerTexts();
    assert.deepEqual(heads, report.hints.map((h) => h.title));

    // The charts and tables pass axe, in both themes.
    const result = await new AxeBuilder({ page }).include('.cost').analyze();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], `axe (${colorScheme})`);
    await page.locator('.cost').screenshot({ path: join(ARTIFACTS, `cost-panel-${colorScheme}.png`) });
    assert.deepEqual(log.errors, []);
    await context.close();
  }
});

test('the cost view on a 360 px phone: readable charts, a hint applied and undone', async () => {
  const { page, log, context } = await planner({ viewport: { width: 360, height: 780 } });
  // On a phone the presets are in the header's menu.
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.selectOption('#preset', 'production');
  await page.locator('#f-cluster-name').waitFor({ state: 'attached' });
  if (await page.locator('#planner-actions').isVisible()) await page.getByRole('button', { name: 'Menu' }).click();
  await page.locator('#planner-actions').waitFor({ state: 'hidden' });
  await page.locator('#show-cost').click();
  await page.locator('.chart-comparison figcaption').waitFor();
  const charts = page.locator('svg.chart[role=img]:visible');
  assert.equal(await charts.count(), 3);
  // Rendered text: at least 11 px, inside the chart, no two labels overlapping.
  const problems = await charts.evaluateAll((svgs) =>
    svgs.flatMap((svg, n) => {
      const box = svg.getBoundingClientRect();
      const texts = [...svg.querySelectorAll('text')].map((t) => ({
        t: t.textContent,
        r: t.getBoundingClientRect(),
        px: parseFloat(getComputedStyle(t).fontSize) * (box.width / svg.viewBox.baseVal.width),
      }));
      const out = [];
      for (const [i, a] of texts.entries()) {
        if (a.px < 11) out.push(`chart ${n}: "${a.t}" at ${a.px.toFixed(1)} px`);
        if (a.r.left < box.left - 1 || a.r.right > box.right + 1) out.push(`chart ${n}: "${a.t}" outside`);
        for (const b of texts.slice(i + 1)) {
          const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
          const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
          if (w > 1 && h > 1) out.push(`chart ${n}: "${a.t}" overlaps "${b.t}"`);
        }
      }
      return out;
    }),
  );
  assert.deepEqual(problems, []);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${overflow}px of horizontal scrolling`);
  await page.locator('.cost').screenshot({ path: join(ARTIFACTS, 'cost-panel-phone.png') });
  const axe = await new AxeBuilder({ page }).include('.cost').analyze();
  const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], 'axe (phone)');

  // A hint applies with one click; Undo brings the plan back.
  const total = async () => (await page.locator('.cost-table tfoot td').first().innerText()).trim();
  const before = await total();
  await page.getByRole('button', { name: 'Apply: Run on Graviton (arm64)' }).click();
  await page.locator('.notice', { hasText: 'Applied' }).waitFor();
  // (A slow cost plan follows once edits pause.)
  await page.waitForFunction((t) => document.querySelector('.cost-table tfoot td')?.textContent.trim() !== t, before);
  assert.ok((await page.locator('.notice').innerText()).includes('Run on Graviton'));
  await page.getByRole('button', { name: 'Undo' }).first().click();
  await page.waitForFunction((t) => document.querySelector('.cost-table tfoot td')?.textContent.trim() === t, before);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('presets all load without errors', async () => {
  const { page, log, context } = await planner();
  const names = await page.locator('#preset option').evaluateAll((o) => o.map((x) => x.value).filter(Boolean));
  assert.deepEqual(names, ['quickstart', 'production', 'private-only', 'gpu', 'spot-batch', 'platform', 'existing-vpc']);
  for (const name of names) {
    await page.selectOption('#preset', name);
    assert.match(await counts(page), /^0 errors/, name);
    await page.getByText(`Started from the ${name} preset.`).waitFor();
  }
  assert.deepEqual(log.errors, []);
  writeFileSync(join(ARTIFACTS, 'e2e-presets.txt'), names.join('\n') + '\n');
  await context.close();
});

test('I have a cluster: a dropped zip gives the report, and the bundle is byte-identical to the CLI', async () => {
  const { page, context, log } = await planner({ viewport: { width: 1400, height: 1000 } });
  const dir = tmp();
  // The fixture folder, zipped as a user would (zip -r).
  const zipFile = join(dir, 'legacy-mng.zip');
  execFileSync('zip', ['-q', '-r', '-X', zipFile, 'legacy-mng'], { cwd: MIGRATE });
  await page.locator('#open-cluster').click();
  await page.locator('#cluster-drop').waitFor();
  assert.match(await page.locator('#collect-script').textContent(), /^#!\/usr\/bin\/env bash/);
  // Drop it on the page.
  const b64 = readFileSync(zipFile).toString('base64');
  const dt = await page.evaluateHandle((data) => {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const t = new DataTransfer();
    t.items.add(new File([bytes], 'legacy-mng.zip', { type: 'application/zip' }));
    return t;
  }, b64);
  await page.dispatchEvent('#cluster-drop', 'drop', { dataTransfer: dt });
  await page.locator('#cluster-summary').getByText('cluster legacy (Kubernetes 1.31)').waitFor();
  // The report: every finding with its object and fix, grouped by step.
  assert.match(await page.locator('#cluster-counts').innerText(), /^[1-9]\d* blocker/);
  const steps = await page.locator('.readiness .step h4').allInnerTexts();
  assert.ok(steps.some((s) => s.startsWith('Steps 1 and 2')), `${steps}`);
  const mr005 = page.locator('.readiness .finding', { hasText: 'MR005' });
  assert.match(await mr005.innerText(), /cluster\/legacy[\s\S]*Fix: /);
  // What each file was taken for.
  const rows = await page.locator('.recognised tbody tr').allInnerTexts();
  assert.ok(rows.some((r) => r.includes('legacy-mng.zip!legacy-mng/describe-cluster.json') && r.includes('aws eks describe-cluster')), `${rows}`);

  // axe, with the report on show.
  const result = await new AxeBuilder({ page }).include('.cluster-import').analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], 'axe');

  // The bundle, against the CLI's for the same zip and date.
  const day = (await page.locator('.cluster-import .hint').innerText()).match(/Report for (\d{4}-\d{2}-\d{2})/)?.[1];
  assert.ok(day, 'the report says its date');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-migration').click()]);
  assert.equal(download.suggestedFilename(), 'eksplan-migrate-legacy.zip');
  const browserZip = join(dir, 'browser.zip');
  await download.saveAs(browserZip);
  const cliZip = join(dir, 'cli.zip');
  try {
    execFileSync(eksplan, ['migrate', zipFile, '--zip', cliZip, '--today', day], { stdio: 'pipe' });
  } catch (e) {
    // Blockers exit 1; the zip is written all the same.
    assert.equal(/** @type {{ status: number }} */ (e).status, 1);
  }
  const a = readFileSync(browserZip);
  const b = readFileSync(cliZip);
  assert.ok(a.length > 10_000, `zip is ${a.length} bytes`);
  assert.ok(a.equals(b), `browser zip (${a.length} B) differs from CLI zip (${b.length} B)`);

  // Continue in the planner: the converted plan, undoably.
  await page.locator('#continue-planner').click();
  await page.getByText('Loaded the plan of cluster legacy').waitFor();
  await page.getByRole('button', { name: 'All options' }).first().click();
  assert.equal(await field(page, 'cluster.name').inputValue(), 'legacy');
  await page.locator('.notice').getByRole('button', { name: 'Undo' }).click();
  assert.notEqual(await field(page, 'cluster.name').inputValue(), 'legacy');
  assert.deepEqual(log.errors, []);
  await context.close();
});

/**
 * The migration bundle the page offers, saved, and the CLI's for the same
 * inputs and date (blockers make the CLI exit 1; the zip is written all the same).
 * @param {import('playwright-core').Page} page
 * @param {string[]} inputs
 */
async function bundles(page, inputs) {
  const dir = tmp();
  const day = (await page.locator('.cluster-import .hint').innerText()).match(/Report for (\d{4}-\d{2}-\d{2})/)?.[1];
  assert.ok(day, 'the report says its date');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-migration').click()]);
  const browserZip = join(dir, 'browser.zip');
  await download.saveAs(browserZip);
  const cliZip = join(dir, 'cli.zip');
  try {
    execFileSync(eksplan, ['migrate', ...inputs, '--zip', cliZip, '--today', day], { stdio: 'pipe' });
  } catch (e) {
    assert.equal(/** @type {{ status: number }} */ (e).status, 1);
  }
  return { name: download.suggestedFilename(), browser: readFileSync(browserZip), cli: readFileSync(cliZip) };
}

test('I have a cluster: files dropped one by one give the CLI bundle; Start again is undoable; closing keeps the files', async () => {
  const { page, context, log } = await planner({ viewport: { width: 1400, height: 1000 } });
  const folder = join(MIGRATE, 'karpenter-v1');
  await page.locator('#open-cluster').click();
  await page.locator('#cluster-drop').waitFor();
  const drop = async (/** @type {string} */ name, /** @type {string} */ text) => {
    const dt = await page.evaluateHandle(([n, t]) => {
      const d = new DataTransfer();
      d.items.add(new File([t], n, { type: 'application/json' }));
      return d;
    }, [name, text]);
    await page.dispatchEvent('#cluster-drop', 'drop', { dataTransfer: dt });
  };
  await drop('describe-cluster.json', readFileSync(join(folder, 'describe-cluster.json'), 'utf8'));
  await page.locator('#cluster-summary').getByText('cluster karpenter').waitFor();

  // Start again, undoably.
  await page.locator('#clear-inputs').click();
  await page.locator('.cluster-undo').getByText('Removed').waitFor();
  assert.equal(await page.locator('#cluster-summary').count(), 0);
  await page.locator('#undo-clear').click();
  await page.locator('#cluster-summary').getByText('cluster karpenter').waitFor();
  await page.locator('#clear-inputs').click();

  // Three files dropped one at a time, then a truncated one: each adds up,
  // the broken one gets a finding naming it, and nothing before it is lost.
  const one = ['describe-cluster.json', 'describe-nodegroup-karpenter-system.json', 'karpenter.yaml'];
  for (const [i, f] of one.entries()) {
    await drop(f, readFileSync(join(folder, f), 'utf8'));
    await page.locator('#clear-inputs').getByText(`Start again (${i + 1} file(s))`).waitFor();
  }
  await drop('describe-addon-vpc-cni.json', '{"addon": {"addonName": "vpc-cni", ');
  await page.locator('#clear-inputs').getByText('Start again (4 file(s))').waitFor();
  const broken = page.locator('.recognised tbody tr', { hasText: 'describe-addon-vpc-cni.json' });
  assert.match(await broken.innerText(), /MI002/);
  assert.match(await page.locator('#cluster-summary').innerText(), /cluster karpenter/);
  const brokenFile = join(tmp(), 'describe-addon-vpc-cni.json');
  writeFileSync(brokenFile, '{"addon": {"addonName": "vpc-cni", ');
  const dropped = await bundles(page, [...one.map((f) => join(folder, f)), brokenFile]);
  assert.ok(dropped.browser.equals(dropped.cli), `dropped files: browser zip (${dropped.browser.length} B) differs from CLI zip (${dropped.cli.length} B)`);

  // Closing the view keeps the files; reopening shows them.
  await page.locator('#open-cluster').click();
  await page.locator('#cluster-panel').waitFor({ state: 'hidden' });
  assert.equal(await page.locator('#cluster-panel').count(), 1, 'hidden, not removed');
  await page.locator('#open-cluster').click();
  await page.locator('#clear-inputs').getByText('Start again (4 file(s))').waitFor();
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('I have a cluster: the file pickers add files, and the planner behind the view ignores them', async () => {
  // The view runs in the on-demand module's own copy of Yew, mounted inside
  // the planner's: each copy must handle only its own elements' events (the
  // planner's "Import plan" handler once emptied the picker first).
  const { page, context, log } = await planner({ viewport: { width: 1400, height: 1000 } });
  const folder = join(MIGRATE, 'karpenter-v1');
  // The start plan (the defaults), which the picked files must not touch.
  assert.equal(await field(page, 'cluster.name').inputValue(), 'auto-mode-cluster');
  await page.locator('#open-cluster').click();
  await page.locator('#cluster-drop').waitFor();
  await page.locator('#pick-files').setInputFiles(['describe-cluster.json', 'karpenter.yaml'].map((f) => join(folder, f)));
  await page.locator('#cluster-summary').getByText('cluster karpenter').waitFor();
  await page.locator('#clear-inputs').getByText('Start again (2 file(s))').waitFor();
  await page.locator('#pick-files').setInputFiles(join(folder, 'describe-nodegroup-karpenter-system.json'));
  await page.locator('#clear-inputs').getByText('Start again (3 file(s))').waitFor();
  // Nothing happened in the planner: no notice about a plan import.
  assert.equal(await page.getByText('is not a valid plan').count(), 0);
  assert.equal(await field(page, 'cluster.name').inputValue(), 'auto-mode-cluster');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('the import and migration code are not in the page module, only in the on-demand one', async () => {
  const files = readdirSync(DIST);
  const page = files.find((f) => /^eksplan-web-.*_bg\.wasm$/.test(f));
  const extras = files.find((f) => /^eksplan-extras-.*_bg\.wasm$/.test(f));
  const offline = files.find((f) => /^eksplan-offline.*_bg\.wasm$/.test(f));
  assert.ok(page && extras && offline, `${files}`);
  // Text only the migration code holds (the runbook and the import; the
  // page's code explanations also name the EBS migration tool).
  for (const needle of ['Leaving EKS Auto Mode on cluster', 'describe-launch-template-versions']) {
    assert.ok(!readFileSync(join(DIST, page)).includes(needle), `${needle} in the page module`);
    // The offline file leaves the view out (its size budget).
    assert.ok(!readFileSync(join(DIST, offline)).includes(needle), `${needle} in the offline module`);
    assert.ok(readFileSync(join(DIST, extras)).includes(needle), `${needle} not in the on-demand module`);
  }
});
