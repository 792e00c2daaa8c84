// A small static file server for the built site (dist/), used by
// scripts/run.sh and by the end-to-end tests. Node's standard library only.
//
// It serves like a well-set-up static host: the build's precompressed
// copies (NAME.br, NAME.gz) when the client accepts them (`Vary:
// Accept-Encoding`), a year of `immutable` caching for files whose names
// carry a content hash, and `no-cache` (revalidate) for the rest.
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
  // The modules' XZ copies: served as they are (never with a
  // Content-Encoding; the page's loader unpacks them).
  '.xz': 'application/x-xz',
};

/** Files whose names carry a content hash (Trunk's and the site's). */
const HASHED = /-[0-9a-f]{4,16}(_bg)?\.(js|wasm|css)(\.xz)?$/;

/**
 * The encodings to try, best first, from an Accept-Encoding header.
 * @param {string} accept
 * @param {string[]} only the encodings this server may use
 */
function encodings(accept, only) {
  const offered = new Map(
    accept
      .split(',')
      .map((part) => part.trim().split(';q='))
      .map(([name, q]) => [name.trim(), q === undefined ? 1 : Number(q)]),
  );
  return [['br', '.br'], ['gzip', '.gz']].filter(([name]) => only.includes(name) && (offered.get(name) ?? offered.get('*') ?? 0) > 0);
}

/**
 * Serve `dir` on 127.0.0.1. Resolves to `{ url, close }`; `url` ends in `/`.
 * `headers` are added to every response (the browser benchmark sends the
 * cross-origin isolation headers, which give `performance.now()` its fine
 * resolution).
 * @param {string} dir
 * `encodings` limits which precompressed copies are served (the browser
 * benchmark measures a gzip-only host and a brotli one).
 * @param {{ port?: number, prefix?: string, headers?: Record<string, string>, encodings?: string[] }} [options]
 */
export function serve(dir, { port = 0, prefix = '/', headers = {}, encodings: only = ['br', 'gzip'] } = {}) {
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
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      let body = null;
      let encoding = null;
      for (const [name, suffix] of encodings(String(req.headers['accept-encoding'] ?? ''), only)) {
        body = await readFile(file + suffix).catch(() => null);
        if (body) {
          encoding = name;
          break;
        }
      }
      body ??= await readFile(file);
      res.writeHead(200, {
        'content-type': type,
        'cache-control': HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
        vary: 'Accept-Encoding',
        ...(encoding ? { 'content-encoding': encoding } : {}),
        ...headers,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
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
