// Panels the server sent as placeholders: fetch each from its own URL while showing how long
// it has been computing, then swap it in and draw its charts. A failure shows a retry button.

const TICK_MS = 100;

export function fillInputStats(root: ParentNode): void {
  for (const script of Array.from(root.querySelectorAll<HTMLScriptElement>('script.input-stats'))) {
    let stats: Record<string, string[]>;
    try {
      stats = JSON.parse(script.textContent ?? '{}') as Record<string, string[]>;
    } catch {
      continue;
    }
    for (const td of Array.from(document.querySelectorAll<HTMLElement>('td[data-stat]'))) {
      const s = stats[td.dataset.stat ?? ''];
      const i = Number(td.dataset.i);
      if (s && s[i] !== undefined) td.textContent = s[i]!;
    }
  }
}

async function loadOne(el: HTMLElement, draw: (el: HTMLElement) => void): Promise<void> {
  const src = el.dataset.panelSrc;
  if (!src) return;
  const elapsed = el.querySelector<HTMLElement>('.progress__elapsed');
  const t0 = performance.now();
  const timer = window.setInterval(() => {
    if (elapsed) elapsed.textContent = `${((performance.now() - t0) / 1000).toFixed(1)} s`;
  }, TICK_MS);
  try {
    const res = await fetch(src, { headers: { Accept: 'text/html' } });
    const text = await res.text();
    if (!res.ok) throw new Error(text || `the server answered ${res.status}`);
    const doc = new DOMParser().parseFromString(text, 'text/html');
    const fresh = doc.body.firstElementChild as HTMLElement | null;
    if (!fresh) throw new Error('the server sent an empty panel');
    const node = document.importNode(fresh, true);
    el.replaceWith(node);
    fillInputStats(node);
    draw(node);
  } catch (e) {
    el.removeAttribute('aria-busy');
    const box = el.querySelector('.progress') ?? el;
    box.replaceChildren();
    const p = document.createElement('p');
    p.className = 'panel__error';
    p.textContent = `This could not be loaded: ${(e as Error).message}`;
    const retry = document.createElement('button');
    retry.type = 'button';
    retry.className = 'button button--small';
    retry.textContent = 'Try again';
    retry.addEventListener('click', () => window.location.reload());
    box.append(p, retry);
  } finally {
    window.clearInterval(timer);
  }
}

/** Fill every pending panel; two at a time, so the first ones arrive first. */
export function loadPanels(root: ParentNode, draw: (el: HTMLElement) => void): Promise<void> {
  const pending = Array.from(root.querySelectorAll<HTMLElement>('[data-panel-src]'));
  let next = 0;
  const worker = async () => {
    while (next < pending.length) await loadOne(pending[next++]!, draw);
  };
  return Promise.all([worker(), worker()]).then(() => undefined);
}
