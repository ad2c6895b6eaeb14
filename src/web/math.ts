// Formulas as mathematics on the server: a node's expression tree → TeX (tex.ts) → KaTeX's HTML
// with MathML for screen readers. The page needs only KaTeX's stylesheet and fonts, served
// locally from the package; no script runs in the browser for it.

import katex from 'katex';
import type { Expr } from '../model/expression.ts';
import { texName, toTex } from './tex.ts';

/**
 * Markup made here from a formula: the only HTML a view outputs unescaped (the `math` helper
 * accepts nothing else). KaTeX's inline `style` attributes travel as `data-kstyle`, applied by
 * the page's script through the CSSOM, so the Content-Security-Policy needs no inline style.
 */
export class MathHtml {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

/** KaTeX's HTML for `tex` (displayed as a block when `display`); errors show as the TeX source. */
export function renderTex(tex: string, display = false): MathHtml {
  const html = katex.renderToString(tex, {
    displayMode: display,
    throwOnError: false,
    output: 'htmlAndMathml',
    trust: false,
    strict: 'ignore',
    maxExpand: 1000,
    maxSize: 20,
  });
  return new MathHtml(html.replace(/ style="([^"]*)"/g, ' data-kstyle="$1"'));
}

/** `name = formula` as mathematics. */
export function formulaHtml(name: string, expr: Expr, display = true): MathHtml {
  return renderTex(`${texName(name)} = ${toTex(expr)}`, display);
}
