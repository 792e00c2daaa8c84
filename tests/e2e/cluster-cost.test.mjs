// "Your cluster as it runs" (issue 12) in the "I have a cluster" view: the
// kubectl files of a running cluster, priced in the page exactly as
// `eksplan cost --from-cluster DIR --json` prices them.
//
//   cd tests/e2e && node --test --test-name-pattern='Your cluster as it runs'
//
// And the same comparison in the planner's cost tab once the imported
// cluster is continued there (issue 10, item 5): `--test-name-pattern='Today next to Auto Mode'`.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import { ARTIFACTS, ROOT, cli, fieldId, launch, openRecordedPage, privacyProblems, ready, site } from './lib.mjs';

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

/** The kubectl fixtures of the CLI's cost tests. */
const FIXTURE = join(ROOT, 'tests', 'fixtures', 'cost', 'cluster');

/** `eksplan cost --from-cluster` on a folder holding `files` of the fixture. */
function cliCost(files, day) {
  const dir = mkdtempSync(join(tmpdir(), 'eksplan-cost-'));
  mkdirSync(dir, { recursive: true });
  for (const f of files) copyFileSync(join(FIXTURE, f), join(dir, f));
  const out = execFileSync(eksplan, ['cost', '--from-cluster', dir, '--json', '--today', day], { encoding: 'utf8' });
  return JSON.parse(out);
}

/** The core's `format_money`: `$1,234.56`, `-$3.50`. */
const money = (x) =>
  `${x < 0 && Math.abs(x) >= 0.005 ? '-' : ''}$${Math.abs(x).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const signed = (x) => `${x < 0 ? '-' : '+'}${money(Math.abs(x))}`;

/** The cluster view, open, with its date. */
async function clusterView(viewport) {
  const session = await openRecordedPage(browser, { viewport });
  await session.page.goto(server.url);
  await ready(session.page);
  session.atLoad = session.record.requests.length;
  await session.page.locator('#open-cluster').click();
  await session.page.locator('#cluster-drop').waitFor();
  return session;
}

const day = async (page) => (await page.locator('.cluster-import .hint').innerText()).match(/Report for (\d{4}-\d{2}-\d{2})/)?.[1];

test('Your cluster as it runs: nodes and pods priced in the page as the CLI prices them, at 360 px, axe clean, nothing sent', async () => {
  const { page, log, context, record, atLoad } = await clusterView({ width: 360, height: 780 });
  await page.locator('#pick-files').setInputFiles(['nodes.json', 'pods.json'].map((f) => join(FIXTURE, f)));
  await page.locator('#cluster-cost-options').waitFor();
  const date = await day(page);
  assert.ok(date, 'the report says its date');
  const expected = cliCost(['nodes.json', 'pods.json'], date);

  // The statement and today's fleet, word for word and cent for cent.
  assert.equal(await page.locator('#cluster-cost-statement').innerText(), expected.statement);
  const today = await page.locator('#cluster-cost-today').innerText();
  assert.ok(today.includes(`7 nodes in eu-west-1, ${money(expected.today.monthly)} a month`), today);
  assert.ok(today.includes(`EC2 ${money(expected.today.ec2_monthly)}, Auto Mode fee ${money(expected.today.fee_monthly)}`), today);
  const groups = await page.locator('#cluster-cost-groups tbody tr').allInnerTexts();
  assert.equal(groups.length, expected.today.groups.length);
  for (const [i, g] of expected.today.groups.entries()) {
    assert.ok(groups[i].startsWith(String(g.count)), `${groups[i]} vs ${JSON.stringify(g)}`);
    assert.ok(groups[i].includes(g.instance_type) && groups[i].includes(g.origin), groups[i]);
    if (g.hourly !== null) assert.ok(groups[i].includes(money(g.monthly)), `${groups[i]} vs ${g.monthly}`);
  }

  // Auto Mode, managed node groups and Fargate for the same pods, and the
  // difference in money and nodes.
  const rows = await page.locator('#cluster-cost-options tbody tr').allInnerTexts();
  assert.deepEqual(
    expected.alternatives.map((a) => a.name),
    ['Auto Mode', 'Managed node groups', 'Fargate'],
  );
  for (const [i, a] of expected.alternatives.entries()) {
    const row = rows[i];
    assert.ok(row.startsWith(a.name), row);
    assert.ok(row.includes(money(a.compute_monthly)), `${row} vs ${a.compute_monthly}`);
    if (a.fee_monthly > 0) assert.ok(row.includes(`fee ${money(a.fee_monthly)}`), row);
    if (a.difference_monthly !== null) {
      const n = a.difference_nodes;
      assert.ok(row.includes(`${signed(a.difference_monthly)} a month, ${n >= 0 ? '+' : ''}${n} nodes`), `${row} vs ${JSON.stringify(a)}`);
    }
  }
  // Auto Mode's row is the statement's difference.
  assert.equal(expected.alternatives[0].difference_monthly, expected.difference_monthly);
  assert.ok(rows[2].includes('cannot run every pod'), rows[2]);
  assert.equal(await page.locator('#cluster-cost-fleet').innerText(), `Auto Mode would launch ${expected.report.fleet.summary}.`);
  // The CI findings, as the CLI lists them.
  const codes = await page.locator('.cluster-cost .finding .code').allInnerTexts();
  assert.deepEqual(codes, expected.findings.map((f) => f.code));
  assert.deepEqual(codes, ['CI002', 'CI003', 'CI004']);

  // Readable on a phone: nothing of the view wider than the screen (its
  // tables scroll in their own box), no text under 11 px.
  const wide = await page.locator('.cluster-import').evaluate((el) =>
    [el, ...el.querySelectorAll('*')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5 && !e.closest('.table-scroll, pre'))
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${e.textContent.trim().slice(0, 40)}`),
  );
  assert.deepEqual(wide, []);
  const small = await page.locator('.cluster-cost').evaluate((el) =>
    [...el.querySelectorAll('*')]
      .filter((e) => [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
      .map((e) => [e.textContent.trim().slice(0, 40), parseFloat(getComputedStyle(e).fontSize)])
      .filter(([, px]) => px < 11),
  );
  assert.deepEqual(small, []);
  await page.locator('.cluster-cost').screenshot({ path: join(ARTIFACTS, 'cluster-cost-phone.png') });
  const axe = await new AxeBuilder({ page }).include('.cluster-cost').analyze();
  const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], 'axe (phone)');

  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${overflow}px of horizontal scrolling`);

  // Nothing left the page: after load, only this site's on-demand module.
  const afterLoad = record.requests.slice(atLoad).map((r) => r.url).filter((u) => !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.ok(afterLoad.every((u) => /\/eksplan-extras-[0-9a-f]{4,16}(_bg\.wasm(\.xz)?|\.js)$/.test(u)), `requests after load: ${afterLoad}`);
  assert.deepEqual(privacyProblems(record.requests, new URL(server.url).origin), []);
  for (const typed of ['ip-10-0', 'node-exporter', 'postgres']) {
    assert.ok(!record.requests.some((r) => r.url.includes(typed) || r.body?.includes(typed)), typed);
  }
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('Your cluster as it runs: nodes.json alone gives today, pods.json alone the three options', async () => {
  const { page, log, context } = await clusterView({ width: 1200, height: 900 });
  await page.locator('#pick-files').setInputFiles(join(FIXTURE, 'nodes.json'));
  await page.locator('#cluster-cost-today').waitFor();
  const date = await day(page);
  const nodes = cliCost(['nodes.json'], date);
  assert.equal(await page.locator('#cluster-cost-statement').innerText(), nodes.statement);
  assert.equal(await page.locator('#cluster-cost-options').count(), 0);

  await page.locator('#clear-inputs').click();
  await page.locator('#cluster-paste').fill(await import('node:fs').then((fs) => fs.readFileSync(join(FIXTURE, 'pods.json'), 'utf8')));
  await page.locator('#add-paste').click();
  await page.locator('#cluster-cost-options').waitFor();
  const pods = cliCost(['pods.json'], date);
  assert.equal(await page.locator('#cluster-cost-statement').innerText(), pods.statement);
  assert.equal(await page.locator('#cluster-cost-today').count(), 0);
  const rows = await page.locator('#cluster-cost-options tbody tr').allInnerTexts();
  for (const [i, a] of pods.alternatives.entries()) {
    assert.ok(rows[i].includes(money(a.compute_monthly)), `${rows[i]} vs ${a.compute_monthly}`);
    assert.ok(rows[i].endsWith('—'), rows[i]);
  }
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('Your cluster as it runs: the imported files survive a reload, and Start again forgets them (undoably)', async () => {
  const { page, log, context } = await clusterView({ width: 1200, height: 900 });
  await page.locator('#pick-files').setInputFiles(['nodes.json', 'pods.json'].map((f) => join(FIXTURE, f)));
  await page.locator('#cluster-cost-options').waitFor();
  await page.locator('#cluster-kept').getByText('Kept in this browser over a reload').waitFor();
  const statement = await page.locator('#cluster-cost-statement').innerText();
  // Reload: the view, opened again, has the same files and the same figures.
  await page.reload();
  await ready(page);
  await page.locator('#open-cluster').click();
  await page.locator('#cluster-cost-options').waitFor();
  assert.equal(await page.locator('#cluster-cost-statement').innerText(), statement);
  await page.locator('#cluster-kept').getByText('2 files kept from your last visit').waitFor();
  await page.locator('#clear-inputs').getByText('Start again (2 file(s))').waitFor();
  // Start again forgets them, also over a reload; Undo keeps them again.
  await page.locator('#clear-inputs').click();
  assert.equal(await page.evaluate(() => localStorage.getItem('eksplan.cluster.v1')), null);
  await page.locator('#undo-clear').click();
  await page.locator('#cluster-cost-options').waitFor();
  await page.waitForFunction(() => localStorage.getItem('eksplan.cluster.v1')?.includes('nodes.json') ?? false);
  await page.locator('#clear-inputs').click();
  await page.reload();
  await ready(page);
  await page.locator('#open-cluster').click();
  await page.locator('#cluster-drop').waitFor();
  assert.equal(await page.locator('#cluster-cost-options').count(), 0);
  assert.equal(await page.locator('#clear-inputs').count(), 0);
  assert.deepEqual(log.errors, []);
  await context.close();
});

/** The migration fixture of a Karpenter cluster: describe-cluster, node groups, kubectl. */
const KARPENTER = join(ROOT, 'tests', 'fixtures', 'migrate', 'karpenter-v1');

/** The autosaved plan's JSON text, once `ok(plan)` holds (polled: autosave waits for edits to pause). */
async function savedPlan(page, ok) {
  for (let i = 0; i < 100; i++) {
    const text = await page.evaluate(() => localStorage.getItem('eksplan.plan.v1'));
    if (text && ok(JSON.parse(text))) return text;
    await page.waitForTimeout(100);
  }
  throw new Error('the plan was not autosaved');
}

/** `eksplan cost --from-cluster KARPENTER PLAN --json`, for the plan's JSON text. */
function cliAgainst(planText, day) {
  const dir = mkdtempSync(join(tmpdir(), 'eksplan-fleet-'));
  const plan = join(dir, 'plan.json');
  writeFileSync(plan, planText);
  const out = execFileSync(eksplan, ['cost', '--from-cluster', KARPENTER, plan, '--json', '--today', day], { encoding: 'utf8' });
  return JSON.parse(out);
}

/** The cost tab's comparison shows what the CLI printed: statement, today, each option. */
async function sameAsCli(page, expected) {
  assert.equal(await page.locator('#fleet-cost-statement').innerText(), expected.statement);
  const today = await page.locator('#fleet-cost-today').innerText();
  assert.ok(today.includes(`${expected.today.nodes} nodes in us-east-1, ${money(expected.today.monthly)} a month`), today);
  const rows = await page.locator('#fleet-cost-options tbody tr').allInnerTexts();
  assert.equal(rows.length, expected.alternatives.length);
  for (const [i, a] of expected.alternatives.entries()) {
    assert.ok(rows[i].startsWith(a.name), rows[i]);
    assert.ok(rows[i].includes(money(a.compute_monthly)), `${rows[i]} vs ${a.compute_monthly}`);
    if (a.difference_monthly !== null) {
      const n = a.difference_nodes;
      assert.ok(rows[i].includes(`${signed(a.difference_monthly)} a month, ${n >= 0 ? '+' : ''}${n} nodes`), `${rows[i]} vs ${JSON.stringify(a)}`);
    }
  }
  assert.equal(await page.locator('#fleet-cost-fleet').innerText(), `Auto Mode would launch ${expected.report.fleet.summary}.`);
}

test('Today next to Auto Mode in the planner: continue with an imported cluster, edit a NodePool, figures equal the CLI, nothing stale', async () => {
  const { page, log, context, record, atLoad } = await clusterView({ width: 1200, height: 900 });
  const files = readdirSync(KARPENTER).map((f) => join(KARPENTER, f));
  await page.locator('#pick-files').setInputFiles(files);
  await page.locator('#cluster-cost-options').waitFor();
  const date = await day(page);
  assert.ok(date, 'the report says its date');
  await page.locator('#continue-planner').click();
  await page.getByText('Loaded the plan of cluster karpenter').waitFor();
  await page.locator('#show-cost').click();
  await page.locator('#fleet-cost-options').waitFor();
  assert.match(await page.locator('#fleet-cost-intro').innerText(), /Cluster karpenter as imported/);

  // The plan as continued: the CLI on the same files and plan.
  const continued = await savedPlan(page, (p) => p.cluster?.name === 'karpenter' && p.cluster?.mode === 'existing');
  const before = cliAgainst(continued, date);
  assert.ok(before.today && before.difference_monthly !== null, 'the CLI compares too');
  await sameAsCli(page, before);
  await page.locator('#fleet-cost-title').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(ARTIFACTS, 'planner-fleet-cost.png') });

  // A NodePool edited in the planner: the Auto Mode side follows, today's stays.
  await page.getByRole('button', { name: 'All options' }).first().click();
  const minCpu = page.locator(`#${fieldId('node_pools[0].requirements.min_cpu')}`);
  await minCpu.fill('8');
  await minCpu.press('Tab');
  const edited = await savedPlan(page, (p) => p.node_pools?.[0]?.requirements?.min_cpu === 8);
  const after = cliAgainst(edited, date);
  assert.equal(after.today.monthly, before.today.monthly);
  assert.notEqual(after.alternatives[0].compute_monthly, before.alternatives[0].compute_monthly, 'the edit changes Auto Mode');
  await page.locator('#show-cost').click();
  await page.locator('#fleet-cost-statement').getByText(after.statement).waitFor();
  await sameAsCli(page, after);

  // A preset designs a new cluster: no figures, a line saying why; Undo brings them back.
  await page.selectOption('#preset', 'production');
  await page.locator('#fleet-cost-note').getByText('This plan designs a new cluster').waitFor();
  assert.equal(await page.locator('#fleet-cost-options').count(), 0);
  await page.locator('.notice').getByRole('button', { name: 'Undo' }).click();
  await page.locator('#fleet-cost-statement').getByText(after.statement).waitFor();

  // Start again in the cluster view: the comparison goes; its Undo brings it back.
  await page.locator('#open-cluster').click();
  await page.locator('#clear-inputs').click();
  await page.locator('#fleet-cost-options').waitFor({ state: 'detached' });
  assert.equal(await page.locator('#fleet-cost-note').count(), 0);
  await page.locator('#undo-clear').click();
  await page.locator('#fleet-cost-statement').getByText(after.statement).waitFor();

  // Over a reload, from what this browser kept, without opening the cluster view.
  await page.waitForFunction(() => localStorage.getItem('eksplan.cluster.v1')?.includes('kubectl.json') ?? false);
  await page.reload();
  await ready(page);
  await page.locator('#show-cost').click();
  await page.locator('#fleet-cost-options').waitFor();
  await sameAsCli(page, after);

  const axe = await new AxeBuilder({ page }).include('section[aria-labelledby="fleet-cost-title"]').analyze();
  const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], 'axe');
  // Nothing left the page: after load, only this site's on-demand module.
  const afterLoad = record.requests.slice(atLoad).map((r) => r.url).filter((u) => !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.ok(afterLoad.every((u) => u.startsWith(server.url)), `requests after load: ${afterLoad}`);
  assert.deepEqual(privacyProblems(record.requests, new URL(server.url).origin), []);
  assert.ok(!record.requests.some((r) => r.url.includes('karpenter') || r.body?.includes('karpenter')), 'the cluster name stays in the page');
  assert.deepEqual(log.errors, []);
  await context.close();
});
