// A small static file server for the built site (dist/), used by
// scripts/run.sh and by the end-to-end tests. Node's standard library only.
//
//   node scripts/serve.mjs [DIR] [PORT] [PREFIX]
//
// PREFIX serves the site under a sub-path (for example /docs/planner/), to
// check that nothing assumes it lives at the root.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.zip': 'application/zip',
};

/**
 * Serve `dir` on 127.0.0.1. Resolves to `{ url, close }`; `url` ends in `/`.
 * `headers` are added to every response (the browser benchmark sends the
 * cross-origin isolation headers, which give `performance.now()` its fine
 * resolution).
 * @param {string} dir
 * @param {{ port?: number, prefix?: string, headers?: Record<string, string> }} [options]
 */
export function serve(dir, { port = 0, prefix = '/', headers = {} } = {}) {
  const root = resolve(dir);
  const base = prefix.endsWith('/') ? prefix : `${prefix}/`;
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      let path = decodeURIComponent(url.pathname);
      if (!path.startsWith(base)) {
        res.writeHead(404).end('not found');
        return;
      }
      path = path.slice(base.length);
      let file = normalize(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      const info = await stat(file).catch(() => null);
      if (info?.isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
        ...headers,
      });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = /** @type {import('node:net').AddressInfo} */ (server.address());
      done({
        url: `http://127.0.0.1:${actual}${base}`,
        close: () => new Promise((ok) => server.close(() => ok(undefined))),
      });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [dir = 'dist', port = '8080', prefix = '/'] = process.argv.slice(2);
  const { url } = await serve(dir, { port: Number(port), prefix });
  console.log(`Serving ${dir} at ${url}  (Ctrl-C to stop)`);
}
