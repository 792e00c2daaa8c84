// --- shared by boot.js and widget.js (the site builder pastes it in) ---

/**
 * The on-demand module (the cost view; see crates/web/src/lazy.rs): one
 * download and one instance per page, shared by every planner on it,
 * fetched from this script's own origin the first time it is wanted.
 */
const extrasBase = new URL('./', import.meta.url);
let extras = null;
globalThis.EksPlannerExtras ??= {
  load() {
    extras ??= import(new URL('./__EXTRAS_GLUE__', extrasBase).href)
      .then(async (m) => {
        await m.default({ module_or_path: new URL('./__EXTRAS_WASM__', extrasBase) });
        return m;
      })
      .catch((error) => {
        extras = null; // the next use tries again
        throw error;
      });
    return extras;
  },
};

/** Run `task` once the browser is idle (after load), or within `timeout` ms. */
function whenIdle(task, timeout = 4000) {
  const schedule = () =>
    'requestIdleCallback' in globalThis ? requestIdleCallback(task, { timeout }) : setTimeout(task, 500);
  if (document.readyState === 'complete') schedule();
  else addEventListener('load', schedule, { once: true });
}

/** Fetch the on-demand module ahead of use, once the page is idle. */
function prefetchExtras() {
  whenIdle(() => globalThis.EksPlannerExtras.load().catch(() => {}));
}

/**
 * Hold input back while a prerendered planner is not running yet: the page
 * reads and scrolls, but typing, clicks on controls and paste are stopped
 * (none is lost silently), and the status line says why. `root` is the
 * element the planner lives in (`aria-busy="true"` until it is ready).
 */
function holdInput(root, status) {
  const busy = () => root.getAttribute('aria-busy') === 'true' && !root.hasAttribute('data-ready');
  const controls = 'input, select, textarea, button, label.button, summary, a.button';
  const nudge = () => {
    if (!status) return;
    status.classList.remove('boot-nudge');
    void status.offsetWidth; // restart the highlight
    status.classList.add('boot-nudge');
  };
  const stop = (event) => {
    if (!busy()) return;
    const target = /** @type {Element} */ (event.target);
    if (!(target instanceof Element) || !target.closest(controls)) return;
    // Keys that move focus or scroll stay usable.
    if (event.type === 'keydown' && ['Tab', 'Shift', 'PageUp', 'PageDown', 'Home', 'End'].includes(event.key)) return;
    if (event.type === 'keydown' && target.closest('input, textarea') === null && event.key.startsWith('Arrow')) return;
    event.preventDefault();
    event.stopPropagation();
    nudge();
  };
  for (const type of ['beforeinput', 'keydown', 'click', 'mousedown', 'paste', 'drop', 'change']) {
    root.addEventListener(type, stop, { capture: true });
  }
}

/** Say on the status line that the planner could not start. */
function failed(status, error) {
  console.error('EKS Auto Mode Planner:', error);
  if (!status) return;
  status.classList.add('boot-failed');
  status.setAttribute('role', 'alert');
  status.textContent = `The planner could not start (${error instanceof Error ? error.message : error}). What you see is read-only; reload the page to try again.`;
}
// --- end of the shared part ---
