// The code editor: CodeMirror 6 with YAML highlighting (the same token classes as the server's
// model-file view), Tab to indent (Escape then Tab leaves the editor), and the loader's errors
// as diagnostics underlined at their line:col.

import { basicSetup, EditorView } from 'codemirror';
import { keymap } from '@codemirror/view';
import { indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { syntaxHighlighting } from '@codemirror/language';
import { setDiagnostics, lintGutter, type Diagnostic } from '@codemirror/lint';
import { classHighlighter } from '@lezer/highlight';
import type { Text } from '@codemirror/state';
import type { CredenceError } from '../../../model/errors.ts';

export interface CodeView {
  view: EditorView;
  text(): string;
  setText(text: string): void;
  showErrors(errors: CredenceError[]): void;
  /** Move the cursor to line:col and focus the editor. */
  goTo(line: number, col: number): void;
}

/** The document offset of a 1-based line:col, clamped into the text. */
export function offsetOf(doc: Text, line: number, col: number): number {
  const l = doc.line(Math.max(1, Math.min(doc.lines, line)));
  return Math.min(l.to, l.from + Math.max(0, col - 1));
}

/** The range to underline for an error at `from`: the word or token there, at least one character. */
function spanAt(doc: Text, from: number): { from: number; to: number } {
  const line = doc.lineAt(from);
  const rest = line.text.slice(from - line.from);
  const m = /^[\w.]+|^\S/.exec(rest);
  if (m) return { from, to: from + m[0].length };
  // At the end of a line: mark the last character before it.
  return from > line.from ? { from: from - 1, to: from } : { from, to: Math.min(doc.length, from + 1) };
}

/**
 * The editor lives in a shadow root: CodeMirror then styles itself with constructed stylesheets
 * instead of a <style> element, so the page's Content-Security-Policy (no inline style) stands.
 * The token colours come from the same stylesheet as the file view, linked inside the root.
 */
function shadowHost(host: HTMLElement, stylesheet: string): { root: ShadowRoot; parent: HTMLElement } {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = stylesheet;
  const parent = document.createElement('div');
  parent.className = 'editor-code__inner';
  root.replaceChildren(link, parent);
  return { root, parent };
}

export function createCodeView(
  host: HTMLElement,
  text: string,
  onChange: (text: string) => void,
  stylesheet: string,
): CodeView {
  const { root, parent } = shadowHost(host, stylesheet);
  const view = new EditorView({
    doc: text,
    parent,
    root,
    extensions: [
      basicSetup,
      keymap.of([indentWithTab]),
      yaml(),
      syntaxHighlighting(classHighlighter),
      lintGutter(),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': 'Model file (YAML)', tabindex: '0' }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) onChange(u.state.doc.toString());
      }),
    ],
  });
  return {
    view,
    text: () => view.state.doc.toString(),
    setText(t) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: t } });
    },
    showErrors(errors) {
      const doc = view.state.doc;
      // An error without a line (a whole-file problem) is listed beside the editor, not underlined.
      const diagnostics: Diagnostic[] = errors.flatMap((e) =>
        e.line === undefined
          ? []
          : [
              {
                ...spanAt(doc, offsetOf(doc, e.line, e.col ?? 1)),
                severity: 'error' as const,
                message: `${e.line}:${e.col ?? 1}: ${e.message}`,
              },
            ],
      );
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    goTo(line, col) {
      const at = offsetOf(view.state.doc, line, col);
      view.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: 'center' }) });
      view.focus();
    },
  };
}
