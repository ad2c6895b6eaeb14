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

// A panel refused because the server is busy or this reader's allowance is spent (429/503 with
// Retry-After) is asked for again when the server says, a few times, rather than shown as failed.
const RETRIES = 8;
const MAX_WAIT_S = 60;

/** A panel of a pinned page (`asof`, `v` in its address) is asked for pinned the same way. */
function pinned(src: string): string {
  const page = new URLSearchParams(window.location.search);
  const url = new URL(src, window.location.href);
  for (const k of ['asof', 'v']) {
    const v = page.get(k);
    if (v !== null && !url.searchParams.has(k)) url.searchParams.set(k, v);
  }
  return url.origin === window.location.origin ? `${url.pathname}${url.search}` : src;
}

async function fetchPatiently(src: string, el: HTMLElement): Promise<{ res: Response; text: string }> {
  src = pinned(src);
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(src, { headers: { Accept: 'text/html' } });
    const text = await res.text();
    const wait = Number(res.headers.get('Retry-After'));
    const busy = (res.status === 429 || res.status === 503) && Number.isFinite(wait) && wait > 0;
    if (!busy || attempt >= RETRIES || wait > MAX_WAIT_S) return { res, text };
    const words = el.querySelector('.progress__text')?.firstChild;
    const said = words instanceof Text ? words.data : null;
    if (words instanceof Text) words.data = `The server is busy; asking again in ${wait} s… `;
    await new Promise((ok) => window.setTimeout(ok, wait * 1000));
    if (words instanceof Text && said !== null) words.data = said;
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
    const { res, text } = await fetchPatiently(src, el);
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
    // Settled: the panel shows its error and is no longer pending.
    el.removeAttribute('data-panel-src');
    el.setAttribute('data-panel-failed', '');
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
  const box = el.querySelector('.progress');
  if (box) {
    const bar = document.createElement('div');
    bar.className = 'progress__bar';
    bar.append(document.createElement('span'));
    const text = document.createElement('p');
    text.className = 'progress__text';
    const elapsed = document.createElement('span');
    elapsed.className = 'progress__elapsed';
    text.append('Computing… ', elapsed);
    box.replaceChildren(bar, text);
  }
}

export interface PanelLoader {
  /** Fetch the panel from its `data-panel-src` now (at most two at a time) and swap it in. */
  load(el: HTMLElement): Promise<void>;
  /** Fetch it when it comes within a screen of the viewport, or when its button is pressed. */
  defer(el: HTMLElement): void;
}

/**
 * Fill every pending panel, two at a time so the first ones arrive first. Deferred panels
 * (computed only when the reader reaches them) load when they come within a screen of the
 * viewport, once the first screen's panels are in (so they never compete with the headline),
 * or at once when their "Compute now" button is pressed.
 */
export function loadPanels(root: ParentNode, draw: (el: HTMLElement) => void): PanelLoader {
  const queue: { el: HTMLElement; done: () => void }[] = [];
  let running = 0;
  const pump = (): void => {
    while (running < 2 && queue.length > 0) {
      const { el, done } = queue.shift()!;
      running += 1;
      void loadOne(el, draw).finally(() => {
        running -= 1;
        done();
        pump();
      });
    }
  };
  const load = (el: HTMLElement) =>
    new Promise<void>((done) => {
      queue.push({ el, done });
      pump();
    });
  const start = (el: HTMLElement) => {
    if (!el.isConnected || !el.hasAttribute('data-panel-defer')) return;
    markComputing(el);
    void load(el);
  };
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
  const defer = (el: HTMLElement) => {
    if (!el.querySelector('[data-panel-load]')) {
      const box = el.querySelector('.panel__placeholder .progress');
      if (box) {
        const text = document.createElement('p');
        text.className = 'progress__text';
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'button button--small';
        b.dataset.panelLoad = '';
        b.textContent = 'Compute now';
        text.append('Computed when you reach it. ', b);
        box.replaceChildren(text);
      }
    }
    el.querySelector('[data-panel-load]')?.addEventListener('click', () => start(el));
    void firstScreen.then(() => (observer ? observer.observe(el) : start(el)));
  };
  const pending = Array.from(root.querySelectorAll<HTMLElement>('[data-panel-src]'));
  const firstScreen = Promise.all(pending.filter((el) => !el.hasAttribute('data-panel-defer')).map(load));
  for (const el of pending) if (el.hasAttribute('data-panel-defer')) defer(el);
  return { load, defer };
}
