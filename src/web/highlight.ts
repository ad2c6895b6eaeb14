// A model file as highlighted lines for the model-file view: lezer's YAML grammar with the same
// token classes (`tok-*`) that the browser editor's highlighter gives, so one stylesheet colours
// both. Lines are numbered as error messages count them (1-based).

import { parser } from '@lezer/yaml';
import { highlightCode, classHighlighter } from '@lezer/highlight';

export interface Token {
  text: string;
  /** Space-separated `tok-*` classes, or '' for plain text. */
  cls: string;
}

export interface HighlightedLine {
  n: number;
  tokens: Token[];
}

export function highlightYaml(text: string): HighlightedLine[] {
  const lines: HighlightedLine[] = [{ n: 1, tokens: [] }];
  highlightCode(
    text,
    parser.parse(text),
    classHighlighter,
    (t, cls) => lines[lines.length - 1]!.tokens.push({ text: t, cls }),
    () => lines.push({ n: lines.length + 1, tokens: [] }),
  );
  // A final newline ends the last line rather than starting an empty one.
  if (text.endsWith('\n') && lines.length > 1 && lines[lines.length - 1]!.tokens.length === 0) lines.pop();
  return lines;
}
