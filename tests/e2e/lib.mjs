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

/** Wait until the planner has rendered its first output. */
export async function ready(page) {
  await page.waitForSelector('#files-title', { timeout: 30_000 });
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
