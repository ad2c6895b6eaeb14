// The model editor page (/models/:id/edit, /models/new): the YAML in a code editor, results as
// you type from Web Workers running the engine, errors at their line:col, a share link that
// carries the text, Download .yaml, and a draft kept in this browser so no edit is lost.

import { createCodeView, type CodeView } from './code-view.ts';
import { createResultsView, type ResultsView } from './results.ts';
import { Runner } from './runner.ts';
import { decodeFragment, encodeFragment } from './share.ts';
import { initCharts } from '../charts.ts';
import type { CredenceError } from '../../../model/errors.ts';
import type { EditorReply } from '../../editor/protocol.ts';

const HEADLINE_DELAY_MS = 60;
const TORNADO_DELAY_MS = 250;
const DRAFT_DELAY_MS = 400;

interface Source {
  id: string;
  text: string;
  isNew: boolean;
}

function readSource(): Source {
  const el = document.getElementById('editor-source');
  return JSON.parse(el?.textContent ?? '{}') as Source;
}

const draftKey = (id: string) => `credence:draft:${id}`;

function loadDraft(id: string): { text: string; savedAt: string } | null {
  try {
    const raw = localStorage.getItem(draftKey(id));
    return raw ? (JSON.parse(raw) as { text: string; savedAt: string }) : null;
  } catch {
    return null;
  }
}

function saveDraft(id: string, text: string, original: string): void {
  try {
    if (text === original) localStorage.removeItem(draftKey(id));
    else localStorage.setItem(draftKey(id), JSON.stringify({ text, savedAt: new Date().toISOString() }));
  } catch {
    // Storage full or disabled: the share link and Download still keep the text.
  }
}

function showProblems(list: HTMLElement, errors: CredenceError[], code: CodeView): void {
  list.replaceChildren();
  for (const e of errors) {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'problem';
    const { line, col = 1 } = e;
    b.textContent = line === undefined ? e.message : `Line ${line}, column ${col}: ${e.message}`;
    if (line !== undefined) b.addEventListener('click', () => code.goTo(line, col));
    li.append(b);
    list.append(li);
  }
  list.hidden = errors.length === 0;
}

function notice(el: HTMLElement, text: string, action?: { label: string; run: () => void }): void {
  el.replaceChildren(document.createTextNode(text));
  if (action) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'button button--small button--quiet';
    b.textContent = action.label;
    b.addEventListener('click', () => {
      action.run();
      el.hidden = true;
    });
    el.append(' ', b);
  }
  el.hidden = false;
}

/** The text to edit: a shared link's, else this browser's unsaved draft, else the file's. */
async function initialText(source: Source, noticeEl: HTMLElement, discardDraft: () => void): Promise<string> {
  let text = source.text;
  try {
    const shared = await decodeFragment(location.hash);
    if (shared !== null) {
      text = shared;
      if (shared !== source.text)
        notice(noticeEl, 'This link carries an edited version of the model; the file on the server is unchanged.');
    }
  } catch (e) {
    notice(noticeEl, `The link's model text could not be read: ${(e as Error).message}. Showing the file instead.`);
  }
  const draft = location.hash ? null : loadDraft(source.id);
  if (draft && draft.text !== source.text) {
    text = draft.text;
    notice(noticeEl, `Your unsaved edits from ${new Date(draft.savedAt).toLocaleString()} are back.`, {
      label: 'Discard them',
      run: discardDraft,
    });
  }
  return text;
}

/**
 * What the page does with each reply of the engine's worker. A headline schedules the tornado
 * (`tornado(gen)`) a little later, so typing is not held up by it.
 */
function replyHandler(
  results: ResultsView,
  problems: HTMLElement,
  code: () => CodeView,
  tornado: (gen: number) => void,
): (r: EditorReply) => void {
  let loadErrors: CredenceError[] = [];
  let tornadoTimer = 0;
  return (r) => {
    switch (r.kind) {
      case 'errors':
        loadErrors = r.errors;
        code().showErrors(r.errors);
        showProblems(problems, r.errors, code());
        results.setState('stale', 'The text has errors: the results shown are from the last version that ran.');
        break;
      case 'headline':
        loadErrors = [];
        code().showErrors([]);
        showProblems(problems, [], code());
        results.showHeadline(r.headline, r.ms);
        results.setState('current');
        window.clearTimeout(tornadoTimer);
        tornadoTimer = window.setTimeout(() => tornado(r.gen), TORNADO_DELAY_MS);
        break;
      case 'checked':
        code().showErrors([...loadErrors, ...r.errors]);
        showProblems(problems, [...loadErrors, ...r.errors], code());
        break;
      case 'tornado':
        results.showTornado(r.tornado);
        break;
      case 'failed':
        results.setState('stale', `The model could not be run: ${r.message}`);
        break;
    }
  };
}

function wireDownload(button: HTMLElement, code: CodeView, id: string): void {
  button.addEventListener('click', () => {
    const blob = new Blob([code.text()], { type: 'text/yaml' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${id}.yaml`;
    document.body.append(a);
    a.click();
    a.remove();
    window.setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  });
}

/** Share: a link carrying the text, put in the address bar and the field below, and copied. */
function wireShare(button: HTMLElement, linkOut: HTMLInputElement, code: CodeView, noticeEl: HTMLElement): void {
  button.addEventListener('click', async () => {
    const url = `${location.origin}${location.pathname}#${await encodeFragment(code.text())}`;
    history.replaceState(null, '', url);
    linkOut.value = url;
    linkOut.hidden = false;
    linkOut.select();
    try {
      await navigator.clipboard?.writeText(url);
      notice(noticeEl, 'Link copied: it carries your text, so whoever opens it sees this model and its numbers.');
    } catch {
      notice(noticeEl, 'Copy the link below: it carries your text, so whoever opens it sees this model.');
    }
  });
}

/** What a run is asked for: the text as it is now, with the page's samples and seed. */
function runSettings(id: string, code: CodeView, samplesEl: HTMLSelectElement, seedEl: HTMLInputElement) {
  return {
    id,
    text: code.text(),
    samples: Number(samplesEl.value) || 10_000,
    seed: Math.trunc(Number(seedEl.value)) || 0,
  };
}

async function start(): Promise<void> {
  const root = document.querySelector<HTMLElement>('[data-editor]');
  if (!root) return;
  initCharts(document.body);
  const source = readSource();
  const q = <T extends HTMLElement>(sel: string) => root.querySelector<T>(sel)!;
  const noticeEl = q('[data-editor-notice]');
  const problems = q('[data-editor-problems]');
  const samplesEl = q<HTMLSelectElement>('select[name="samples"]');
  const seedEl = q<HTMLInputElement>('input[name="seed"]');
  // The draft's "Discard them" can only be clicked once the code view below exists.
  const text = await initialText(source, noticeEl, () => code.setText(source.text));

  const results = createResultsView(root);
  let pendingGen = 0;
  const settings = () => runSettings(source.id, code, samplesEl, seedEl);
  // Replies come only after a run the code view starts, so `code` and `runner` exist by then.
  const onReply = replyHandler(
    results,
    problems,
    () => code,
    (gen) => runner.tornado(settings(), gen),
  );
  const runner = new Runner(root.dataset.workerSrc!, { onReply });

  let headlineTimer = 0;
  let draftTimer = 0;
  const rerun = (delay: number) => {
    window.clearTimeout(headlineTimer);
    results.setState('computing', 'Computing…');
    headlineTimer = window.setTimeout(() => {
      pendingGen = runner.headline(settings());
      root.dataset.gen = String(pendingGen);
    }, delay);
  };
  const code = createCodeView(
    q('[data-editor-code]'),
    text,
    (t) => {
      rerun(HEADLINE_DELAY_MS);
      window.clearTimeout(draftTimer);
      draftTimer = window.setTimeout(() => saveDraft(source.id, t, source.text), DRAFT_DELAY_MS);
      if (location.hash) history.replaceState(null, '', location.pathname + location.search);
    },
    root.dataset.codeCss!,
  );
  samplesEl.addEventListener('change', () => rerun(0));
  seedEl.addEventListener('change', () => rerun(0));
  rerun(0);

  wireDownload(q('[data-editor-download]'), code, source.id);
  wireShare(q('[data-editor-share]'), q<HTMLInputElement>('[data-editor-link]'), code, noticeEl);
  q('[data-editor-reset]').addEventListener('click', () => {
    code.setText(source.text);
    saveDraft(source.id, source.text, source.text);
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void start());
else void start();
