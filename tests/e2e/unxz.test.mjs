// The page loader's XZ transport (www/loader-common.js) in Node, on the
// built modules of dist/: unpacking as the bytes arrive in any chunking,
// and what a broken stream or a host without the XZ copies gives.
//
//   cd tests/e2e && node --test unxz.test.mjs     (needs dist/, as npm test)

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, ROOT } from './lib.mjs';

/** @type {{ unxzStream: Function, packedModule: (url: URL) => Promise<Response> }} */
let loader;
/** @type {WebAssembly.Exports} */
let xz;
const file = (pattern) => {
  const name = readdirSync(DIST).find((f) => pattern.test(f));
  assert.ok(name, `dist/ has ${pattern}`);
  return /** @type {string} */ (name);
};
const PAGE = () => file(/^eksplan-web-[0-9a-f]{4,16}_bg\.wasm$/);
const DECODER = () => file(/^xz-embedded-[0-9a-f]{4,16}\.wasm$/);

/** The requests the loader made, and the answers it gets: by file name. */
let requests = [];
let answers = new Map();

before(async () => {
  // The shared part, as the site builder pastes it (its names filled in),
  // as a module of its own that exports what is tested here.
  const source = readFileSync(join(ROOT, 'www', 'loader-common.js'), 'utf8')
    .replaceAll('__UNXZ__', DECODER())
    .replaceAll('__EXTRAS_GLUE__', 'extras.js')
    .replaceAll('__EXTRAS_WASM__', 'extras_bg.wasm');
  const dir = mkdtempSync(join(tmpdir(), 'eksplan-unxz-'));
  writeFileSync(join(dir, 'loader.mjs'), `${source}\nexport { unxzStream, packedModule };\n`);
  globalThis.fetch = async (url) => {
    const name = new URL(String(url)).pathname.split('/').pop() ?? '';
    requests.push(name);
    const answer = answers.get(name) ?? { status: 404, body: 'not found' };
    return new Response(answer.body, { status: answer.status, headers: answer.headers ?? {} });
  };
  loader = await import(pathToFileURL(join(dir, 'loader.mjs')).href);
  ({ instance: { exports: xz } } = await WebAssembly.instantiate(readFileSync(join(DIST, DECODER()))));
});

/** A reader that hands out `bytes` in chunks of the sizes `sizes` cycles through. */
function chunked(bytes, sizes) {
  let at = 0;
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      const n = sizes[i++ % sizes.length];
      controller.enqueue(bytes.slice(at, at + n));
      at += n;
    },
  }).getReader();
}

const drain = async (stream) => new Uint8Array(await new Response(stream).arrayBuffer());

test('the page module unpacks to its plain bytes however the network splits it', async () => {
  const plain = readFileSync(join(DIST, PAGE()));
  const packed = readFileSync(join(DIST, `${PAGE()}.xz`));
  // One byte at a time for a while, then odd sizes, a 1 MB chunk, all at once.
  let seed = 7;
  const random = Array.from({ length: 64 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 70000 + 1);
  for (const sizes of [[1, 2, 3, 4093], random, [1 << 20], [packed.length]]) {
    const got = await drain(loader.unxzStream(xz, chunked(packed, sizes), new Uint8Array(0)));
    assert.equal(got.length, plain.length, `chunks ${sizes.slice(0, 4)}…`);
    assert.ok(Buffer.from(got).equals(plain), `chunks ${sizes.slice(0, 4)}…: the same bytes`);
  }
});

test('a stream cut short, or with a changed byte, fails with a message, not a module', async () => {
  const packed = readFileSync(join(DIST, `${PAGE()}.xz`));
  const cut = packed.subarray(0, packed.length - 100);
  await assert.rejects(drain(loader.unxzStream(xz, chunked(cut, [8192]), new Uint8Array(0))), /the module file ends early/);
  for (const at of [12, Math.floor(packed.length / 2), packed.length - 20]) {
    const broken = Buffer.from(packed);
    broken[at] ^= 0x55;
    await assert.rejects(
      drain(loader.unxzStream(xz, chunked(broken, [8192]), new Uint8Array(0))),
      /the module does not unpack \(XZ error \d+\)|ends early/,
      `byte ${at} changed`,
    );
  }
});

test('packedModule: the XZ copy when the host has it, else the plain file', async () => {
  const name = PAGE();
  const plain = readFileSync(join(DIST, name));
  const packed = readFileSync(join(DIST, `${name}.xz`));
  const url = new URL(`https://planner.example/${name}`);
  const serve = (entries) => {
    requests = [];
    answers = new Map(entries);
  };
  const decoder = [DECODER(), { status: 200, body: readFileSync(join(DIST, DECODER())) }];
  const plainAnswer = [name, { status: 200, body: plain }];

  serve([decoder, [`${name}.xz`, { status: 200, body: packed }], plainAnswer]);
  let response = await loader.packedModule(url);
  assert.equal(response.headers.get('content-type'), 'application/wasm');
  assert.ok(Buffer.from(await response.arrayBuffer()).equals(plain));
  assert.deepEqual(requests.sort(), [DECODER(), `${name}.xz`].sort(), 'the XZ copy and the decoder, not the plain file');

  for (const [what, xzAnswer] of [
    ['no XZ copy', { status: 404, body: 'not found' }],
    ['a page instead of it', { status: 200, body: '<!doctype html><title>home</title>', headers: { 'content-type': 'text/html' } }],
    ['an empty answer', { status: 200, body: '' }],
  ]) {
    serve([decoder, [`${name}.xz`, xzAnswer], plainAnswer]);
    response = await loader.packedModule(url);
    assert.ok(Buffer.from(await response.arrayBuffer()).equals(plain), what);
    assert.ok(requests.includes(name), `${what}: the plain file`);
  }
});
