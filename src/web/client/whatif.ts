// Live what-if on a model page: an edited input recomputes through the JSON API and updates the
// page in place (no navigation, scroll kept), the address follows with history.replaceState so
// it stays a permalink, progress shows at the headline, and an invalid entry gets its message
// beside its field while the last good results stay.

import { parseFieldError } from '../field-errors.ts';
import { formatInterval, formatValue } from '../charts/format.ts';
import type { PanelLoader } from './panels.ts';

const TYPING_DELAY_MS = 450;
/** Page parameters that are not part of the form but belong to the view. */
const PAGE_PARAMS = ['node', 'gx', 'gy', 'from', 'to'];
/** Panels recomputed at once (one computation between them); the others when the reader reaches them. */
const FIRST = new Set(['headline', 'summary']);
/** The run parameters: what the JSON API takes (the page's own parameters stay in the page's link). */
const RUN_PARAMS = /^(set\..+|samples|seed|sampler|scenario|evidence)$/;

interface Distribution {
  unit: string | null;
  prior: { stats: { mean: number; p5: number; p95: number } };
  posterior: { stats: { mean: number; p5: number; p95: number } } | null;
}

/** The form's view as a query: fields equal to the model (or empty) stay out of the link. */
export function queryOf(form: HTMLFormElement, current: URLSearchParams): URLSearchParams {
  const q = new URLSearchParams();
  for (const el of Array.from(form.elements) as (HTMLInputElement | HTMLSelectElement)[]) {
    if (!('value' in el) || !el.name || el.disabled) continue;
    const def = el.dataset.default;
    const same = def !== undefined && el.value.replace(/\s+/g, '') === def.replace(/\s+/g, '');
    if (same || el.value.trim() === '') continue;
    if (el.name === 'scenario' && el.value === '') continue;
    if (el.name === 'evidence' && el.value === 'default') continue;
    q.set(el.name, el.value);
  }
  for (const k of PAGE_PARAMS) {
    const v = current.get(k);
    if (v && !q.has(k)) q.set(k, v);
  }
  return q;
}

function fieldOf(form: HTMLFormElement, name: string): HTMLInputElement | null {
  return document.querySelector<HTMLInputElement>(`input[form="${form.id}"][name="set.${CSS.escape(name)}"]`);
}

function clearFieldErrors(form: HTMLFormElement): void {
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('[data-live-error]'))) el.remove();
  for (const input of Array.from(
    document.querySelectorAll<HTMLInputElement>(`input[form="${form.id}"][aria-invalid]`),
  )) {
    input.removeAttribute('aria-invalid');
    input.removeAttribute('aria-describedby');
    input.closest('tr')?.classList.remove('has-error');
  }
  for (const el of Array.from(form.querySelectorAll('.form-error'))) el.remove();
}

/** Put each error beside its field, in the field's terms; others above the form's buttons. */
function showErrors(form: HTMLFormElement, errors: string[]): void {
  clearFieldErrors(form);
  for (const text of errors) {
    const parsed = parseFieldError(text);
    const input = parsed ? fieldOf(form, parsed.name) : null;
    const box = document.createElement(input ? 'div' : 'p');
    box.setAttribute('role', 'alert');
    box.dataset.liveError = '';
    if (input && parsed) {
      box.className = 'field-error';
      box.id = `err-${parsed.name}`;
      const code = document.createElement('code');
      code.textContent = parsed.message;
      box.append(code);
      document.getElementById(box.id)?.remove();
      input.after(box);
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', box.id);
      input.closest('tr')?.classList.add('has-error');
    } else {
      box.className = 'form-error';
      box.textContent = text;
      form.append(box);
    }
  }
}

function updateHeadline(d: Distribution): void {
  const h = document.getElementById('headline');
  if (!h) return;
  const s = (d.posterior ?? d.prior).stats;
  const value = h.querySelector('.headline__value');
  if (value) value.textContent = formatValue(s.mean, d.unit);
  const interval = h.querySelector('.headline__interval');
  if (interval) interval.textContent = `90% interval ${formatInterval(s.p5, s.p95, d.unit).join(' to ')}`;
  h.dataset.mean = String(s.mean);
}

/**
 * Every panel of the page reads the new view: the first ones now, the rest when reached (and
 * only after the first ones are in, so they never hold up the headline).
 */
async function refreshPanels(modelId: string, query: string, panels: PanelLoader): Promise<void> {
  const jobs: Promise<void>[] = [];
  const later: HTMLElement[] = [];
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('section[data-panel]'))) {
    const id = el.dataset.panel!;
    // The resolution-impact panel shows the model's default view, which an edit does not change.
    if (id === 'impact') continue;
    el.dataset.panelSrc = `/models/${modelId}/panels/${id}${query ? `?${query}` : ''}`;
    if (FIRST.has(id)) {
      el.setAttribute('aria-busy', 'true');
      el.classList.add('is-updating');
      jobs.push(panels.load(el));
    } else {
      // A panel already shown keeps its numbers until the reader reaches it, then recomputes.
      el.setAttribute('data-panel-defer', '');
      later.push(el);
    }
  }
  await Promise.all(jobs);
  for (const el of later) panels.defer(el);
}

/** What one recomputation works on: the form, its model, the status line and the page's panels. */
interface WhatIf {
  form: HTMLFormElement;
  modelId: string;
  status: HTMLElement;
  panels: PanelLoader;
}

/**
 * Recompute the form's view: the headline from the JSON API, then the address and the panels.
 * `current()` turns false once a later edit has started, and this one then leaves the page alone.
 */
async function recompute(w: WhatIf, current: () => boolean): Promise<void> {
  const { form, modelId, status } = w;
  const query = queryOf(form, new URLSearchParams(location.search)).toString();
  const t0 = performance.now();
  document.getElementById('headline')?.classList.add('is-updating');
  status.textContent = 'Recomputing…';
  try {
    const run = new URLSearchParams([...new URLSearchParams(query)].filter(([k]) => RUN_PARAMS.test(k))).toString();
    const res = await fetch(`/api/models/${modelId}/distribution${run ? `?${run}` : ''}`, {
      headers: { Accept: 'application/json' },
    });
    const body = (await res.json()) as Distribution & { error?: string; errors?: string[] };
    if (!current()) return;
    if (!res.ok) {
      showErrors(form, body.errors ?? [body.error ?? `the server answered ${res.status}`]);
      status.textContent = 'Not recomputed: the results shown are from the last valid edit.';
      return;
    }
    clearFieldErrors(form);
    updateHeadline(body);
    history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
    status.textContent = `Updated in ${Math.round(performance.now() - t0)} ms; the address is a link to this view.`;
    await refreshPanels(modelId, query, w.panels);
  } catch (e) {
    if (current())
      status.textContent = `Could not recompute: ${(e as Error).message}. The results shown are unchanged.`;
  } finally {
    if (current()) document.getElementById('headline')?.classList.remove('is-updating');
  }
}

/** Typing recomputes after a pause; Enter, a sent form and a changed choice at once. */
function listen(form: HTMLFormElement, soon: (delay: number) => void): void {
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    soon(0);
  });
  for (const el of Array.from(document.querySelectorAll<HTMLInputElement>(`input[form="${form.id}"], #whatif input`))) {
    el.addEventListener('input', () => soon(TYPING_DELAY_MS));
    el.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        soon(0);
      }
    });
  }
  for (const el of Array.from(form.querySelectorAll<HTMLSelectElement>('select'))) {
    el.addEventListener('change', () => soon(0));
  }
}

export function initWhatIf(panels: PanelLoader): void {
  const form = document.querySelector<HTMLFormElement>('.model-page form#whatif');
  const modelId = form?.dataset.model;
  if (!form || !modelId) return;
  const status = document.createElement('p');
  status.className = 'live-status';
  status.setAttribute('role', 'status');
  form.append(status);
  let timer = 0;
  let seq = 0;
  const update = () => {
    const mine = ++seq;
    return recompute({ form, modelId, status, panels }, () => mine === seq);
  };
  listen(form, (delay) => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void update(), delay);
  });
}
