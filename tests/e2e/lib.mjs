// Shared helpers for the end-to-end tests and the browser benchmark.

import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = process.env.EKSPLAN_DIST ?? join(ROOT, 'dist');
/** The documentation site (built by `eksplan-site`). */
export const SITE = process.env.EKSPLAN_SITE ?? join(ROOT, 'target', 'site');
export const ARTIFACTS = join(ROOT, 'tests', 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

/** Debian's Chromium, headless, with nothing that phones home. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

/**
 * Serve dist/ (optionally under a sub-path, with extra response headers).
 * @param {string} [prefix]
 * @param {Record<string, string>} [headers]
 */
export function site(prefix = '/', headers = {}) {
  if (!readdirSync(DIST).some((f) => f.endsWith('.wasm'))) {
    throw new Error(`no built site in ${DIST}: run trunk build first`);
  }
  return serve(DIST, { prefix, headers });
}

/**
 * A new page that records console errors, page errors and every request.
 * @param {import('playwright-core').Browser} browser
 * @param {import('playwright-core').BrowserContextOptions} [options]
 */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext({ acceptDownloads: true, ...options });
  const page = await context.newPage();
  const log = { errors: /** @type {string[]} */ ([]), requests: /** @type {string[]} */ ([]) };
  page.on('console', (m) => {
    if (m.type() === 'error') log.errors.push(m.text());
  });
  page.on('pageerror', (e) => log.errors.push(String(e)));
  context.on('request', (r) => log.requests.push(r.url()));
  return { context, page, log };
}

/**
 * Wait until the planner runs: its page arrives prerendered (the output is
 * there at once), so wait for the element it lives in to say it is ready
 * (hydrated, and the plan from the link or autosave applied).
 */
export async function ready(page) {
  await page.waitForSelector('#app[data-ready] #files-title', { timeout: 30_000 });
}

/**
 * A new page that also records every console message (any type), every
 * request with its method and body, for the privacy and hydration tests.
 * @param {import('playwright-core').Browser} browser
 * @param {import('playwright-core').BrowserContextOptions} [options]
 */
export async function openRecordedPage(browser, options = {}) {
  const session = await openPage(browser, options);
  const record = {
    console: /** @type {string[]} */ ([]),
    requests: /** @type {{ url: string, method: string, body: string | null }[]} */ ([]),
  };
  session.page.on('console', (m) => record.console.push(`${m.type()}: ${m.text()}`));
  session.context.on('request', (r) => record.requests.push({ url: r.url(), method: r.method(), body: r.postData() }));
  return { ...session, record };
}

/**
 * Problems with requests under the privacy promise: every request goes to
 * `origin`, is a GET of a static file of the site (no query string, no
 * body), so nothing the user typed can travel in it.
 * @param {{ url: string, method: string, body: string | null }[]} requests
 * @param {string} origin
 */
export function privacyProblems(requests, origin) {
  const staticFile = /(\/|\.html|\.js|\.wasm|\.wasm\.xz|\.css|\.json)$/;
  return requests
    .filter((r) => !r.url.startsWith('blob:') && !r.url.startsWith('data:'))
    .flatMap((r) => {
      const url = new URL(r.url);
      const problems = [];
      if (url.origin !== origin) problems.push(`another host: ${r.url}`);
      if (r.method !== 'GET') problems.push(`${r.method} ${r.url}`);
      if (url.search) problems.push(`a query string: ${r.url}`);
      if (r.body) problems.push(`a body: ${r.url}`);
      if (!staticFile.test(url.pathname)) problems.push(`not a static file: ${r.url}`);
      return problems;
    });
}

/** The CLI binary: $EKSPLAN_BIN, or a debug build made here. */
export function cli() {
  if (process.env.EKSPLAN_BIN) return process.env.EKSPLAN_BIN;
  execFileSync('cargo', ['build', '--quiet', '-p', 'eksplan'], { cwd: ROOT, stdio: 'inherit' });
  return join(ROOT, 'target', 'debug', 'eksplan');
}

/** The element id of a plan field path (same rule as `fields::fid`). */
export function fieldId(path) {
  let id = 'f-';
  for (const c of path) {
    if (c === '.' || c === '[') id += '-';
    else if (c === ']') continue;
    else if (/[A-Za-z0-9_-]/.test(c)) id += c;
    else id += '_';
  }
  return id;
}
