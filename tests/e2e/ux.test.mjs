// End-to-end tests of the planner as a finished product (issue 13): work is
// never lost, errors show at the field, the plan editor and the form agree,
// the review step, finding one's way, region-aware inputs, the phone layout,
// widget and iframe options, and axe over all of it. Kept apart from
// planner.test.mjs so each file stays within the runner's time limit.
//
//   cd tests/e2e && npm test        (scripts/test.sh builds the site first)

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { ARTIFACTS, fieldId, launch, openPage, ready, site } from './lib.mjs';

/** @type {import('playwright-core').Browser} */
let browser;
/** @type {{ url: string, close: () => Promise<unknown> }} */
let server;

before(async () => {
  server = await site();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

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
const counts = (page) => page.locator('.counts').innerText();

async function showFile(page, name) {
  // The file's name, then perhaps its marks (changed, lines of the focused field).
  await page.locator('.tree .file', { hasText: new RegExp(`^${name.replace('.', '\\.')}(\\s|$)`) }).click();
}

/** No serious or critical axe violation on the page as it is. */
async function axe(page, what) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], `axe (${what})`);
}
// ---------------------------------------------------------------------

test('a link that would replace your work asks first, and each answer keeps it', async () => {
  const { page, context } = await planner();
  await field(page, 'cluster.name').fill('my-work');
  await saved(page, 'my-work');
  const other = Buffer.from(JSON.stringify({ version: 1, cluster: { name: 'from-link' } })).toString('base64url');
  const link = `${server.url}#plan=1.${other}`;
  const dialog = page.getByRole('alertdialog');

  // Opened in a new visit (a widget's "Open in the full planner"): it asks.
  await page.goto('about:blank');
  await page.goto(link);
  await ready(page);
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /from-link/);
  assert.match(await dialog.innerText(), /my-work/);
  assert.equal(await field(page, 'cluster.name').inputValue(), 'my-work', 'nothing replaced before the answer');
  await page.getByRole('button', { name: 'Keep mine', exact: true }).click();
  assert.equal(await field(page, 'cluster.name').inputValue(), 'my-work');
  // The address shows my plan again: a reload does not ask twice.
  await page.reload();
  await ready(page);
  assert.equal(await dialog.count(), 0);
  assert.equal(await field(page, 'cluster.name').inputValue(), 'my-work');

  // Open the link's: Undo brings mine back.
  await page.goto('about:blank');
  await page.goto(link);
  await ready(page);
  await page.getByRole('button', { name: "Open the link's", exact: true }).click();
  assert.equal(await field(page, 'cluster.name').inputValue(), 'from-link');
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await field(page, 'cluster.name').inputValue(), 'my-work');
  await saved(page, 'my-work');

  // Open the link's and keep mine in the recent plans, then open it again from there.
  await page.goto('about:blank');
  await page.goto(link);
  await ready(page);
  await page.getByRole('button', { name: "Open the link's, keep mine in Recent plans" }).click();
  assert.equal(await field(page, 'cluster.name').inputValue(), 'from-link');
  await page.getByRole('button', { name: /Recent plans \(1\)/ }).click();
  await page.locator('#recent-list').getByRole('button', { name: /^Open my-work/ }).click();
  assert.equal(await field(page, 'cluster.name').inputValue(), 'my-work');
  // The recent plans live in localStorage, across visits: the link's plan
  // was kept when mine was opened again, and mine stays listed.
  const recent = await page.evaluate(() => JSON.parse(localStorage.getItem('eksplan.recent.v1') ?? '[]').map((r) => r.name));
  assert.deepEqual(recent, ['from-link', 'my-work']);
  await context.close();
});

test('errors at the field: message, aria-invalid, aria-describedby and the step count', async () => {
  const { page, context } = await planner();
  const name = field(page, 'cluster.name');
  await name.fill('');
  assert.equal(await name.getAttribute('aria-invalid'), 'true');
  const described = (await name.getAttribute('aria-describedby')) ?? '';
  assert.ok(described.split(' ').includes(`${fieldId('cluster.name')}-msg`), described);
  assert.match(await page.locator(`#${fieldId('cluster.name')}-msg`).innerText(), /CL001/);
  assert.match(await page.locator('.steps .step.current').innerText(), /1 to fix/);
  await name.fill('fine');
  assert.equal(await name.getAttribute('aria-invalid'), null);
  await context.close();
});

test('renaming a NodeClass renames its pools; removing one in use asks, and Undo restores it', async () => {
  const { page, context } = await planner();
  await page.selectOption('#preset', 'gpu');
  await page.getByRole('button', { name: 'All options' }).first().click();
  await field(page, 'node_classes[0].name').fill('accelerated');
  assert.equal(await field(page, 'node_pools[0].node_class').inputValue(), 'accelerated');
  assert.match(await counts(page), /^0 errors/);
  await page.getByRole('button', { name: 'Remove NodeClass accelerated' }).click();
  const ask = page.getByRole('alertdialog');
  assert.match(await ask.innerText(), /NodeClass accelerated is in use by NodePool gpu/);
  await ask.getByRole('button', { name: /Remove NodeClass accelerated and NodePool gpu/ }).click();
  assert.equal(await field(page, 'node_pools[0].name').count(), 0);
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await field(page, 'node_pools[0].node_class').inputValue(), 'accelerated');
  await context.close();
});

test('the plan editor and the form stay in sync, with problems at line and column', async () => {
  const { page, context } = await planner();
  await page.locator('#show-editor').click();
  const editor = page.locator('#plan-editor');
  assert.match(await editor.inputValue(), /\n {2}name: auto-mode-cluster\n/);
  await field(page, 'cluster.name').fill('from-form');
  assert.match(await editor.inputValue(), /name: from-form/);
  await editor.fill((await editor.inputValue()).replace('name: from-form', 'name: from-editor'));
  assert.equal(await field(page, 'cluster.name').inputValue(), 'from-editor');
  await editor.fill('cluster:\n  name: half\n  kubernetes_versoin: "1.34"\n');
  const problem = page.locator('.editor-problems li').first();
  assert.match(await problem.innerText(), /^3:3/);
  assert.match(await problem.innerText(), /did you mean kubernetes_version/);
  assert.equal(await page.locator('.editor-layer .squiggle.sev-error').innerText(), 'kubernetes_versoin');
  assert.equal(await field(page, 'cluster.name').inputValue(), 'from-editor', 'the form keeps the last plan that read');
  // The problem's link puts the caret there.
  await problem.getByRole('button').click();
  const caret = await editor.evaluate((e) => e.selectionStart);
  assert.equal(caret, 'cluster:\n  name: half\n  '.length);
  await page.screenshot({ path: join(ARTIFACTS, 'plan-editor.png') });
  await context.close();
});

test('focusing a field marks its lines; an edit marks what it changed', async () => {
  const { page, context } = await planner({ viewport: { width: 1600, height: 1000 } });
  await page.getByRole('button', { name: 'Next: Network' }).click();
  await showFile(page, 'vpc.tf');
  await field(page, 'network.nat').focus();
  await page.locator('.viewer .ln.traced').first().waitFor();
  assert.match(await page.locator('.viewer .ln.traced').allInnerTexts().then((t) => t.join('\n')), /aws_nat_gateway/);
  await field(page, 'network.vpc_cidr').fill('10.30.0.0/16');
  // The marks come from the on-demand module, a moment after the edit.
  await page.locator('.viewer .ln.changed', { hasText: '10.30.0.0/16' }).first().waitFor();
  const changed = await page.locator('.viewer .ln.changed').allInnerTexts();
  assert.ok(changed.some((l) => l.includes('10.30.0.0/16')), changed.join('\n'));
  // Line numbers are not part of the text (copying copies the file).
  const copied = await page.locator('.viewer pre code').innerText();
  assert.ok(copied.startsWith('#'), copied.slice(0, 40));
  // A wider file view: the handle moves with the keyboard.
  const before = (await page.locator('aside.output').boundingBox())?.width ?? 0;
  await page.locator('.splitter').focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  const after = (await page.locator('aside.output').boundingBox())?.width ?? 0;
  assert.ok(after > before + 50, `${before} → ${after}`);
  await page.screenshot({ path: join(ARTIFACTS, 'file-view-marks.png') });
  await context.close();
});

test('the review step: every choice, the cost, the download and the commands', async () => {
  const { page, context } = await planner();
  await page.getByRole('button', { name: /Review and download/ }).first().click();
  const table = page.locator('.review-table');
  await table.waitFor();
  const row = (label) => table.locator('tr', { has: page.locator('th', { hasText: label }) }).first().innerText();
  assert.match(await row('Cluster name'), /auto-mode-cluster[\s\S]*No/);
  assert.match(await row('Kubernetes version'), /Upgrade only/);
  assert.match(await row('Secrets encryption'), /Add only/);
  assert.match(await page.locator('.review-cost').innerText(), /\$[\d,.]+ a month on Auto Mode/);
  const steps = await page.locator('.apply-steps li').allInnerTexts();
  assert.equal(steps.length, 3);
  assert.match(steps[2], /kubectl apply -f kubernetes\//);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#review-download').click()]);
  assert.equal(download.suggestedFilename(), 'auto-mode-cluster.zip');
  await page.screenshot({ path: join(ARTIFACTS, 'review-step.png'), fullPage: true });
  await context.close();
});

test('All options: a section menu and a field search', async () => {
  const { page, context } = await planner();
  await page.getByRole('button', { name: 'All options' }).first().click();
  await page.locator('.section-menu').getByRole('button', { name: 'Storage' }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'storage-title');
  await page.locator('#field-search').fill('retention');
  await page.getByRole('option', { name: /Log retention/ }).waitFor();
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), fieldId('cluster.log_retention_days'));
  await context.close();
});

test('region-aware inputs and help that matches the defaults', async () => {
  const { page, context } = await planner();
  // The defaults: no logs ticked, and the text says so.
  assert.doesNotMatch(await page.locator('.step-intro').innerText(), /logging are on by default/);
  assert.equal(await page.locator('#f-cluster-control_plane_logs input:checked').count(), 0);
  await page.selectOption(`#${fieldId('cluster.region')}`, 'eu-west-1');
  await page.getByRole('button', { name: 'Next: Network' }).click();
  assert.match((await field(page, 'network.availability_zones').getAttribute('placeholder')) ?? '', /^eu-west-1a, eu-west-1b/);
  await field(page, 'network.availability_zones').fill('eu-west-1a, eu-west-1b');
  assert.equal(await field(page, 'network.az_count').inputValue(), '2');
  assert.ok(await field(page, 'network.az_count').isDisabled());
  assert.doesNotMatch(await page.locator('.diag-list').innerText().catch(() => ''), /NW015/);
  await context.close();
});

test('phone: the first field is visible without scrolling, and the steps are a menu', async () => {
  const { page, context } = await planner({ viewport: { width: 390, height: 844 } });
  const box = await field(page, 'cluster.name').boundingBox();
  assert.ok(box && box.y + box.height <= 844, `the first field ends at ${box && box.y + box.height}px`);
  assert.ok(await page.locator('.steps-toggle').isVisible());
  assert.ok(await page.locator('#steps-list').isHidden());
  await page.locator('.steps-toggle').click();
  await page.locator('#steps-list').getByRole('button', { name: /Compute/ }).click();
  assert.ok(await page.locator('#compute-title').isVisible());
  assert.ok(await page.locator('#steps-list').isHidden());
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${overflow}px of horizontal scrolling`);
  await page.screenshot({ path: join(ARTIFACTS, 'planner-phone-390.png') });
  await context.close();
});

test('the iframe address opens a step and a file', async () => {
  const { page, context } = await openPage(browser);
  await page.goto(`${server.url}?preset=gpu&view=compact&step=compute&file=10-nodepools.yaml`);
  await ready(page);
  assert.ok(await page.locator('#compute-title').isVisible());
  assert.equal(await page.locator('.viewer-head .path').innerText(), 'kubernetes/10-nodepools.yaml');
  await context.close();
});

test('accessible: axe finds nothing serious in the editor, the review, the questions and the menus', async () => {
  for (const colorScheme of /** @type {const} */ (['light', 'dark'])) {
    const { page, context } = await planner({ colorScheme });
    await field(page, 'cluster.name').fill('mine');
    await saved(page, 'mine');
    // The question a link asks.
    const other = Buffer.from(JSON.stringify({ version: 1, cluster: { name: 'theirs' } })).toString('base64url');
    await page.goto('about:blank');
    await page.goto(`${server.url}#plan=1.${other}`);
    await ready(page);
    await page.getByRole('alertdialog').waitFor();
    await axe(page, `${colorScheme}: the link's question`);
    await page.getByRole('button', { name: 'Keep mine', exact: true }).click();
    // The plan editor, with an unreadable line underlined.
    await page.locator('#show-editor').click();
    await page.locator('#plan-editor').fill('cluster:\n  nmae: x\n');
    await page.locator('.editor-problems li').first().waitFor();
    await axe(page, `${colorScheme}: plan editor`);
    await page.locator('#show-files').click();
    // Removing a NodeClass in use asks.
    await page.selectOption('#preset', 'gpu');
    await page.getByRole('button', { name: 'Next: Network' }).click();
    await page.getByRole('button', { name: /Compute/ }).first().click();
    await page.getByRole('button', { name: 'Remove NodeClass gpu' }).click();
    await page.locator('.confirm').waitFor();
    await axe(page, `${colorScheme}: removal question`);
    // The review, and the recent plans menu.
    await page.getByRole('button', { name: /Review and download/ }).first().click();
    await page.locator('.review-table').waitFor();
    await page.getByRole('button', { name: /Recent plans/ }).click();
    await axe(page, `${colorScheme}: review and recent plans`);
    // All options with the field search open.
    await page.getByRole('button', { name: 'All options' }).first().click();
    await page.locator('#field-search').fill('log');
    await page.locator('#field-search-results [role=option]').first().waitFor();
    await axe(page, `${colorScheme}: all options and the field search`);
    await context.close();
  }
  // The phone, with its menus open.
  const { page, context } = await planner({ colorScheme: 'dark', viewport: { width: 390, height: 844 } });
  await page.locator('.steps-toggle').click();
  await page.getByRole('button', { name: 'Menu' }).click();
  await axe(page, 'phone menus');
  await context.close();
});
