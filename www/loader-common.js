// --- shared by boot.js and widget.js (the site builder pastes it in) ---

/**
 * The XZ decoder (xz-embedded, 12.5 KB of WebAssembly, the one the offline
 * file uses): fetched from this script's own origin once per page.
 */
let unxz = null;
const xzDecoder = () => {
  unxz ??= fetch(new URL('./__UNXZ__', import.meta.url))
    .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`the XZ decoder: HTTP ${r.status}`))))
    .then((bytes) => WebAssembly.instantiate(bytes))
    .then(({ instance }) => instance.exports)
    .catch((error) => {
      unxz = null;
      throw error;
    });
  return unxz;
};

/**
 * The bytes of an XZ stream as they arrive, unpacked by xz-embedded (its
 * context's first words are the buffer size, the input buffer, the input
 * position and size, the output buffer and position; as xzwasm's
 * XzReadableStream drives it).
 * @param {WebAssembly.Exports} xz
 * @param {ReadableStreamDefaultReader<Uint8Array>} reader
 * @param {Uint8Array} first what was read from `reader` already
 */
function unxzStream(xz, reader, first) {
  const at = xz.create_context();
  let m8 = new Uint8Array(0);
  let m32 = new Uint32Array(0);
  const view = () => {
    if (m8.buffer !== xz.memory.buffer) {
      m8 = new Uint8Array(xz.memory.buffer, at);
      m32 = new Uint32Array(xz.memory.buffer, at);
    }
  };
  view();
  const size = m32[0];
  const input = m32[1] - at;
  const output = m32[4] - at;
  let pending = first;
  let ended = false;
  let open = true;
  const close = () => {
    if (open) xz.destroy_context(at);
    open = false;
  };
  return new ReadableStream({
    async pull(controller) {
      try {
        for (;;) {
          view();
          // Feed the decoder when it has used up its input, unless its
          // output buffer filled up last time (then it has more to give).
          // After the last byte it is called once more with no input, to
          // finish the stream (its index and footer).
          if (m32[2] === m32[3] && m32[5] < size) {
            if (pending.length === 0) {
              if (ended) throw new Error('the module file ends early');
              const { done, value } = await reader.read();
              if (!done) {
                pending = value;
                continue;
              }
              ended = true;
            }
            const n = Math.min(size, pending.length);
            m8.set(pending.subarray(0, n), input);
            pending = pending.subarray(n);
            xz.supply_input(at, n);
            view();
          }
          m32[5] = 0;
          const status = xz.get_next_output(at);
          view();
          if (status !== 0 && status !== 1) throw new Error(`the module does not unpack (XZ error ${status})`);
          const produced = m32[5];
          if (produced > 0) controller.enqueue(m8.slice(output, output + produced));
          if (status === 1) {
            close();
            controller.close();
            return;
          }
          if (produced > 0) return;
        }
      } catch (error) {
        close();
        reader.cancel().catch(() => {});
        throw error;
      }
    },
    cancel(reason) {
      close();
      return reader.cancel(reason);
    },
  });
}

/** The first bytes of every XZ stream. */
const XZ_MAGIC = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];

/**
 * A WebAssembly module for wasm-bindgen's init, as a response: its XZ copy
 * beside it (`NAME.wasm.xz`, about a fifth smaller than the best gzip, and
 * what a host without Brotli would send) unpacked as it streams in, so the
 * browser compiles it while it arrives, as it would the plain file. Where
 * the XZ copy or the decoder cannot be fetched (a host that left the file
 * out), the plain file instead.
 * @param {URL} url the plain module
 * @returns {Promise<Response>}
 */
async function packedModule(url) {
  try {
    const [xz, packed] = await Promise.all([xzDecoder(), fetch(new URL(`${url.href}.xz`))]);
    if (!packed.ok || !packed.body) throw new Error(`HTTP ${packed.status}`);
    // A host that answers a missing file with a page (a single-page-app
    // fallback) sends no XZ stream: look at the magic bytes first.
    const reader = packed.body.getReader();
    let first = new Uint8Array(0);
    while (first.length < XZ_MAGIC.length) {
      const { done, value } = await reader.read();
      if (done) break;
      first = first.length ? new Uint8Array([...first, ...value]) : value;
    }
    if (!XZ_MAGIC.every((b, i) => first[i] === b)) {
      reader.cancel().catch(() => {});
      throw new Error('not an XZ stream');
    }
    const headers = { 'content-type': 'application/wasm' };
    return new Response(unxzStream(xz, reader, first), { headers });
  } catch {
    return fetch(url);
  }
}

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
        await m.default({ module_or_path: packedModule(new URL('./__EXTRAS_WASM__', extrasBase)) });
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
