// The documentation site's only script: search over the index built with
// the site (no server), the navigation toggle on small screens, copy
// buttons on code blocks, and this site's own address in the embed
// snippets. Plain JavaScript, no dependencies.

const root = new URL(document.documentElement.dataset.root || './', document.baseURI);

// Embed snippets show this site's real address.
for (const code of document.querySelectorAll('code')) {
  if (code.textContent.includes('{{SITE}}')) {
    code.textContent = code.textContent.replaceAll('{{SITE}}', root.href.replace(/\/$/, ''));
  }
}

// Copy buttons.
for (const pre of document.querySelectorAll('article pre')) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'copy';
  button.textContent = 'Copy';
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(pre.querySelector('code')?.textContent ?? pre.textContent);
      button.textContent = 'Copied';
    } catch {
      button.textContent = 'Select and copy';
    }
    setTimeout(() => (button.textContent = 'Copy'), 2000);
  });
  pre.append(button);
}

// Navigation: collapsible on small screens (always open without script).
const toggle = document.querySelector('.nav-toggle');
const list = document.getElementById('nav-list');
const narrow = matchMedia('(max-width: 900px)');
function layoutNav() {
  if (!toggle || !list) return;
  toggle.hidden = !narrow.matches;
  const open = !narrow.matches || toggle.getAttribute('aria-expanded') === 'true';
  list.hidden = !open;
}
toggle?.addEventListener('click', () => {
  toggle.setAttribute('aria-expanded', String(toggle.getAttribute('aria-expanded') !== 'true'));
  layoutNav();
});
narrow.addEventListener('change', layoutNav);
layoutNav();

// Search.
const input = /** @type {HTMLInputElement | null} */ (document.getElementById('search'));
const results = document.getElementById('search-results');
const status = document.getElementById('search-status');
/** @type {{ t: string, h: string, u: string, x: string }[] | null} */
let index = null;
/** @type {Promise<void> | null} */
let loading = null;

function loadIndex() {
  loading ??= fetch(new URL('search-index.json', root))
    .then((r) => r.json())
    .then((data) => {
      index = data.map((e) => ({ ...e, hay: normalize(`${e.t} ${e.h} ${e.x}`), head: normalize(`${e.t} ${e.h}`) }));
    })
    .catch(() => {
      index = [];
    });
  return loading;
}

const normalize = (s) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[‘’“”`"']/g, '')
    .replace(/\s+/g, ' ');

/** Entries matching `query`, best first. Pasted error messages match as phrases. */
export function search(query, entries = index ?? []) {
  const q = normalize(query).trim();
  if (q.length < 2) return [];
  const terms = [...new Set(q.split(/[^a-z0-9_.:/-]+/).filter((t) => t.length > 1))];
  if (!terms.length) return [];
  // Long queries (pasted messages) may differ in a word or two.
  const needed = terms.length <= 3 ? terms.length : Math.ceil(terms.length * 0.75);
  const scored = [];
  for (const e of entries) {
    let hits = 0;
    let score = 0;
    for (const t of terms) {
      if (e.hay.includes(t)) {
        hits += 1;
        score += e.head.includes(t) ? 3 : 1;
      }
    }
    if (hits < needed) continue;
    if (e.hay.includes(q)) score += 20 + terms.length;
    scored.push({ e, score });
  }
  scored.sort((a, b) => b.score - a.score);
  return scored.slice(0, 12).map((s) => s.e);
}

function snippet(entry, query) {
  const text = entry.x;
  const lower = text.toLowerCase();
  const q = query.toLowerCase().trim();
  let at = lower.indexOf(q);
  if (at < 0) {
    for (const word of q.split(/\s+/)) {
      if (word.length > 2 && (at = lower.indexOf(word)) >= 0) break;
    }
  }
  const start = Math.max(0, at - 60);
  return (start > 0 ? '…' : '') + text.slice(start, start + 180) + (start + 180 < text.length ? '…' : '');
}

async function update() {
  if (!input || !results || !status) return;
  const query = input.value;
  if (query.trim().length < 2) {
    results.hidden = true;
    results.replaceChildren();
    status.textContent = '';
    return;
  }
  await loadIndex();
  const found = search(query);
  results.replaceChildren(
    ...found.map((e) => {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = new URL(e.u, root).href;
      const title = document.createElement('strong');
      title.textContent = e.h ? `${e.t} › ${e.h}` : e.t;
      const text = document.createElement('span');
      text.textContent = snippet(e, query);
      a.append(title, text);
      li.append(a);
      return li;
    }),
  );
  if (!found.length) {
    const li = document.createElement('li');
    li.className = 'none';
    li.textContent = 'Nothing found. Try fewer or other words.';
    results.append(li);
  }
  results.hidden = false;
  status.textContent = `${found.length} result${found.length === 1 ? '' : 's'}`;
}

input?.addEventListener('focus', () => loadIndex());
input?.addEventListener('input', () => update());
input?.addEventListener('keydown', (event) => {
  if (event.key === 'ArrowDown') {
    results?.querySelector('a')?.focus();
    event.preventDefault();
  } else if (event.key === 'Escape' && results) {
    results.hidden = true;
  }
});
results?.addEventListener('keydown', (event) => {
  const links = [...(results?.querySelectorAll('a') ?? [])];
  const i = links.indexOf(/** @type {HTMLAnchorElement} */ (document.activeElement));
  if (event.key === 'ArrowDown' && i >= 0) {
    links[Math.min(i + 1, links.length - 1)]?.focus();
    event.preventDefault();
  } else if (event.key === 'ArrowUp' && i >= 0) {
    (i === 0 ? input : links[i - 1])?.focus();
    event.preventDefault();
  } else if (event.key === 'Escape') {
    input?.focus();
    if (results) results.hidden = true;
  }
});
document.addEventListener('click', (event) => {
  if (results && !results.hidden && !(event.target instanceof Node && document.querySelector('.search')?.contains(event.target))) {
    results.hidden = true;
  }
});
