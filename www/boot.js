// EKS Auto Mode Planner: the planner page's loader. The site builder
// (crates/site) writes it beside the planner with the file names filled in.
//
// The page arrives prerendered (the form for its preset, the findings and
// the first file), so it reads at once; this loader holds input back until
// the WebAssembly has hydrated it, then prefetches the on-demand module
// while the page is idle.

import init from './__GLUE__';

/*__COMMON__*/

const root = document.getElementById('app');
const status = document.getElementById('boot-status');
if (root) holdInput(root, status);
init({ module_or_path: packedModule(new URL('./__WASM__', import.meta.url)) }).then(prefetchExtras, (error) => failed(status, error));
