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
// The site builder (crates/site) fills in the two file names below.

import init, * as wasm from './__GLUE__';

const here = new URL('./', import.meta.url);
const defaults = {
  plannerUrl: new URL('./index.html', here).href,
  docsBase: new URL('../', here).href,
};
const ready = init({ module_or_path: new URL('./__WASM__', here) });

/**
 * Mount a planner into `element`.
 * @param {Element} element
 * @param {{ preset?: string, plan?: object | string, view?: 'compact' | 'wizard' | 'editor',
 *           step?: string, file?: string, storageKey?: string, plannerUrl?: string,
 *           docsBase?: string }} [options]
 * @returns {Promise<{ getPlan(): object, setPlan(plan: object | string): void, destroy(): void }>}
 */
export async function mount(element, options = {}) {
  await ready;
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

/** Mount every `[data-eks-planner]` element that has no planner yet. */
export async function mountAll(root = document) {
  const found = [...root.querySelectorAll('[data-eks-planner]')].filter(
    (element) => !claimed.has(element) && !element.hasAttribute('data-eks-planner-mounted'),
  );
  for (const element of found) claimed.add(element);
  await ready;
  const handles = [];
  for (const element of found) {
    const options = {};
    for (const [key, attribute] of Object.entries(ATTRIBUTES)) {
      const value = element.getAttribute(attribute);
      if (value) options[key] = value;
    }
    try {
      handles.push(await mount(element, options));
    } catch (error) {
      element.setAttribute('role', 'alert');
      element.textContent = `EKS Auto Mode Planner: ${error instanceof Error ? error.message : error}`;
    }
  }
  return handles;
}

window.EksPlanner = { mount, mountAll };

// Mount what is on the page now, and what a wiki renders later.
mountAll();
new MutationObserver((changes) => {
  if (changes.some((c) => [...c.addedNodes].some((n) => n instanceof Element))) mountAll();
}).observe(document.documentElement, { childList: true, subtree: true });
