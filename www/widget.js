// EKS Auto Mode Planner: the widget loader.
//
// Include it once, as a module, and every element with a data-eks-planner
// attribute becomes an independent planner in its own shadow root:
//
//   <div data-eks-planner data-preset="gpu" data-view="compact"></div>
//   <script type="module" src="https://docs.example.com/planner/widget.js"></script>
//
// Attributes: data-preset (a preset name), data-view (compact, wizard or
// editor), data-step (the wizard step to open on: basics, network, access,
// compute, storage, cost or review), data-file (the bundle file to show
// first, such as kubernetes/10-nodepools.yaml), data-plan (a plan as YAML
// or JSON text), data-storage-key
// (autosave under that localStorage key), data-planner-url and
// data-docs-base (where "Open in the full planner" and the diagnostic
// reference links point; both default to this site).
//
// From a script:
//
//   import { mount } from 'https://docs.example.com/planner/widget.js';
//   const planner = await mount(element, { preset: 'gpu', view: 'compact' });
//   planner.getPlan(); planner.setPlan(plan); planner.destroy();
//
// Mounted elements also carry their handle as element.eksPlanner, and the
// functions are on window.EksPlanner for pages without modules.
//
// Widgets do not hold up their pages: the page paints its own text first,
// a prerendered widget (the documentation site writes each one's first
// render into a declarative shadow root) reads at once, and the
// WebAssembly is fetched once the page is idle or a widget comes near the
// screen, whichever is first. Each widget starts (hydrates) when it scrolls
// into view; every widget on a page shares the one download, and the one
// on-demand module for the cost view.
//
// The site builder (crates/site) fills in the file names below.

/*__COMMON__*/

const here = new URL('./', import.meta.url);
const defaults = {
  plannerUrl: new URL('./index.html', here).href,
  docsBase: new URL('../', here).href,
};
let started = null;
/** The planner's module: fetched and started once per page. */
const ready = () => {
  started ??= import(new URL('./__GLUE__', here).href)
    .then(async (wasm) => {
      await wasm.default({ module_or_path: packedModule(new URL('./__WASM__', here)) });
      prefetchExtras();
      return wasm;
    })
    .catch((error) => {
      started = null; // a later widget (or scroll) tries again
      throw error;
    });
  return started;
};

/**
 * Mount a planner into `element`.
 * @param {Element} element
 * @param {{ preset?: string, plan?: object | string, view?: 'compact' | 'wizard' | 'editor',
 *           step?: string, file?: string, storageKey?: string, plannerUrl?: string,
 *           docsBase?: string }} [options]
 * @returns {Promise<{ getPlan(): object, setPlan(plan: object | string): void, destroy(): void }>}
 */
export async function mount(element, options = {}) {
  const wasm = await ready();
  const handle = wasm.mount(element, { ...defaults, ...options });
  Object.defineProperty(element, 'eksPlanner', { value: handle, configurable: true });
  return handle;
}

const ATTRIBUTES = {
  preset: 'data-preset',
  view: 'data-view',
  step: 'data-step',
  file: 'data-file',
  plan: 'data-plan',
  storageKey: 'data-storage-key',
  plannerUrl: 'data-planner-url',
  docsBase: 'data-docs-base',
};

// Elements this loader has taken on (so overlapping calls never mount one
// element twice, and a failed element is not retried in a loop).
const claimed = new WeakSet();

/** Mount one `[data-eks-planner]` element from its attributes. */
async function mountElement(element) {
  const options = {};
  for (const [key, attribute] of Object.entries(ATTRIBUTES)) {
    const value = element.getAttribute(attribute);
    if (value) options[key] = value;
  }
  try {
    return await mount(element, options);
  } catch (error) {
    const status = element.shadowRoot?.querySelector('.boot-status');
    if (status) {
      failed(status, error);
    } else {
      element.setAttribute('role', 'alert');
      element.textContent = `EKS Auto Mode Planner: ${error instanceof Error ? error.message : error}`;
    }
    return null;
  }
}

// Widgets start as they come into view (a little before, so a planner is
// usually running by the time it is on screen).
const waiting = new Map();
const inView = new IntersectionObserver(
  (entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      inView.unobserve(entry.target);
      const done = waiting.get(entry.target);
      waiting.delete(entry.target);
      done?.(mountElement(entry.target));
    }
  },
  { rootMargin: '200px 0px' },
);

/**
 * Take on every `[data-eks-planner]` element that has no planner yet: each
 * mounts when it comes into view. Resolves to their handles once every one
 * of them has mounted.
 */
export async function mountAll(root = document) {
  const found = [...root.querySelectorAll('[data-eks-planner]')].filter(
    (element) => !claimed.has(element) && !element.hasAttribute('data-eks-planner-mounted'),
  );
  const mounted = found.map((element) => {
    claimed.add(element);
    const rendered = element.shadowRoot?.querySelector('.eksplan-widget[aria-busy="true"]');
    if (rendered) holdInput(rendered, element.shadowRoot?.querySelector('.boot-status'));
    return new Promise((done) => {
      waiting.set(element, done);
      inView.observe(element);
    });
  });
  if (found.length) whenIdle(() => ready().catch(() => {}));
  return (await Promise.all(mounted)).filter(Boolean);
}

window.EksPlanner = { mount, mountAll };

// Mount what is on the page now, and what a wiki renders later.
mountAll();
new MutationObserver((changes) => {
  if (changes.some((c) => [...c.addedNodes].some((n) => n instanceof Element))) mountAll();
}).observe(document.documentElement, { childList: true, subtree: true });
