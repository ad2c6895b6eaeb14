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

/** A deferred panel starts computing: its text says so, and the bar shows progress. */
function markComputing(el: HTMLElement): void {
  el.removeAttribute('data-panel-defer');
  el.setAttribute('aria-busy', 'true');
  const text = el.querySelector('.progress__text');
  if (text) {
    const bar = document.createElement('div');
    bar.className = 'progress__bar';
    bar.append(document.createElement('span'));
    const elapsed = document.createElement('span');
    elapsed.className = 'progress__elapsed';
    text.replaceChildren('Computing… ', elapsed);
    text.before(bar);
  }
}

/**
 * Fill every pending panel, two at a time so the first ones arrive first. Deferred panels
 * (computed only when the reader reaches them) load when they come within a screen of the
 * viewport, or when their "Compute now" button is pressed.
 */
export function loadPanels(root: ParentNode, draw: (el: HTMLElement) => void): Promise<void> {
  const all = Array.from(root.querySelectorAll<HTMLElement>('[data-panel-src]'));
  const queue = all.filter((el) => !el.hasAttribute('data-panel-defer'));
  let running = 0;
  const pump = (): void => {
    while (running < 2 && queue.length > 0) {
      const el = queue.shift()!;
      running += 1;
      void loadOne(el, draw).finally(() => {
        running -= 1;
        pump();
      });
    }
  };
  const start = (el: HTMLElement) => {
    if (!el.hasAttribute('data-panel-defer')) return;
    markComputing(el);
    queue.push(el);
    pump();
  };
  const deferred = all.filter((el) => el.hasAttribute('data-panel-defer'));
  const Observer = typeof window !== 'undefined' ? window.IntersectionObserver : undefined;
  const observer = Observer
    ? new Observer(
        (entries) => {
          for (const e of entries) {
            if (!e.isIntersecting) continue;
            observer!.unobserve(e.target);
            start(e.target as HTMLElement);
          }
        },
        { rootMargin: '600px 0px' },
      )
    : null;
  for (const el of deferred) {
    el.querySelector('[data-panel-load]')?.addEventListener('click', () => start(el));
    if (observer) observer.observe(el);
    else start(el);
  }
  pump();
  return Promise.resolve();
}
