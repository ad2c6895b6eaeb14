// Formulas as TeX: each form of the expression tree prints as the mathematics it means, with
// parentheses only where precedence needs them, and KaTeX renders every one without an error.

import { describe, it, expect } from 'vitest';
import { parseExpression, inlineSource } from '../../src/model/expression.ts';
import { toTex, texNumber, texName } from '../../src/web/tex.ts';
import { renderTex, formulaHtml } from '../../src/web/math.ts';

function tex(text: string): string {
  const r = parseExpression(text, inlineSource(text, 'test'));
  if (!r.ok) throw new Error(r.error.message);
  return toTex(r.value.expr);
}

describe('expression → TeX', () => {
  it('prints names upright with their underscores and dots', () => {
    expect(texName('p_step')).toBe('\\text{p\\_step}');
    expect(tex('chain.p_step')).toBe('\\text{chain.p\\_step}');
  });

  it('parenthesises by precedence only', () => {
    expect(tex('a * (b + c)')).toBe('\\text{a} \\cdot \\left(\\text{b} + \\text{c}\\right)');
    expect(tex('a * b + c')).toBe('\\text{a} \\cdot \\text{b} + \\text{c}');
    expect(tex('a - (b - c)')).toBe('\\text{a} - \\left(\\text{b} - \\text{c}\\right)');
    expect(tex('(a - b) - c')).toBe('\\text{a} - \\text{b} - \\text{c}');
    expect(tex('(a + b) ^ 2')).toBe('{\\left(\\text{a} + \\text{b}\\right)}^{2}');
    expect(tex('-a ^ 2')).toBe('-{\\text{a}}^{2}');
  });

  it('writes fractions, floors, logarithms and conditionals as mathematics', () => {
    expect(tex('1 / (1 + x)')).toBe('\\frac{1}{1 + \\text{x}}');
    expect(tex('p_base * p_step ^ floor(n)')).toBe(
      '\\text{p\\_base} \\cdot {\\text{p\\_step}}^{\\left\\lfloor \\text{n} \\right\\rfloor}',
    );
    expect(tex('log(x)')).toBe('\\ln\\left(\\text{x}\\right)');
    expect(tex('log(x, 2)')).toBe('\\log_{2}\\left(\\text{x}\\right)');
    expect(tex('x > 0.5 ? 1 : 0')).toBe(
      '\\begin{cases} 1 & \\text{if } \\text{x} > 0.5 \\\\ 0 & \\text{otherwise} \\end{cases}',
    );
    expect(tex('beta(2, 3)')).toBe('\\operatorname{Beta}\\left(2, 3\\right)');
  });

  it('prints numbers far from 1 as powers of ten', () => {
    expect(texNumber(1e-9)).toBe('10^{-9}');
    expect(texNumber(2.5e-7)).toBe('2.5 \\times 10^{-7}');
    expect(texNumber(0.98)).toBe('0.98');
    expect(texNumber(1 / 3)).toBe('0.3333');
    expect(texNumber(1267650600228229401496703205376)).toBe('1.268 \\times 10^{30}');
  });

  it('renders every form with KaTeX, with MathML for screen readers', () => {
    const all =
      'min(a, b) + max(a, 1) * abs(c) - sqrt(d) / exp(e) + log2(f) + log10(g) + log1p(h) + clamp(x, 0, 1) + sigmoid(y) + logit(z) + ceil(w) + round(v) + (a and b or not c xor d ? mixture(beta(1, 2), normal(0, 1), [0.3, 0.7]) : ci90(1, 10)) + a % 3 + pow(a, 2)';
    const html = renderTex(tex(all), true).html;
    expect(html).not.toMatch(/katex-error/);
    expect(html).toMatch(/<math/);
    expect(formulaHtml('p', { kind: 'ref', name: 'a', at: 0 }).html).toMatch(/katex-display/);
    // No inline style attribute: the page's CSP allows none; the script applies data-kstyle.
    expect(html).not.toMatch(/ style=/);
    expect(html).toMatch(/ data-kstyle="/);
  });

  it('gives each name one MathML element, so a screen reader reads it as a word', () => {
    const html = formulaHtml('p_success', { kind: 'ref', name: 'chain.p_step', at: 0 }).html;
    const mathml = /<math[\s\S]*<\/math>/.exec(html)![0];
    expect(mathml).toContain('<mtext>p_success</mtext><mo>=</mo><mtext>chain.p_step</mtext>');
    expect(mathml).not.toMatch(/<mi\b/);
  });
});
