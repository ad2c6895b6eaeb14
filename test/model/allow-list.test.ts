// The operator allow-list against math.js's parser: every operator the README allows parses to a
// function on the list, every other operator math.js reads is refused and named in words, and
// each refused kind of construct gets its own sentence.

import { describe, expect, it } from 'vitest';
import { parse } from 'mathjs';
import { OPS, OPERATOR_WORDS, ALLOWED_FUNCTIONS, describeForbidden } from '../../src/model/allow-list.ts';
import { FUNCTIONS } from '../../src/model/names.ts';
import { inlineSource, parseExpression } from '../../src/model/expression.ts';

const opOf = (text: string) => (parse(text) as unknown as { fn: string }).fn;

describe('OPS', () => {
  it('holds exactly the operators the README lists: + - * / ^ %, comparisons, and, or, not, xor', () => {
    const allowed = ['a + b', 'a - b', 'a * b', 'a / b', 'a ^ b', 'a % b', 'a mod b', '-a', '+a', 'not a'];
    allowed.push('a and b', 'a or b', 'a xor b', 'a == b', 'a != b', 'a < b', 'a <= b', 'a > b', 'a >= b');
    const fns = new Set(allowed.map(opOf));
    expect([...fns].sort()).toEqual([...OPS].sort());
  });
});

describe('OPERATOR_WORDS', () => {
  const REFUSED = ["a'", 'a!', 'a .* b', 'a ./ b', 'a .^ b', 'a to b', 'a & b', 'a | b', 'a ^| b', '~a'];
  REFUSED.push('a << b', 'a >> b', 'a >>> b', 'a ?? b');

  it('names in words every operator math.js reads that is not on the list', () => {
    for (const text of REFUSED) {
      const fn = opOf(text);
      expect(OPS.has(fn), text).toBe(false);
      expect(OPERATOR_WORDS[fn], text).toBeDefined();
    }
  });

  it('refuses each with its name in the message', () => {
    for (const text of REFUSED) {
      const r = parseExpression(text, inlineSource(text, 'x'));
      expect(r.ok, text).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('not-allowed');
        expect(r.error.message, text).toContain(`the operator ${OPERATOR_WORDS[opOf(text)]} is not allowed`);
      }
    }
  });
});

describe('describeForbidden', () => {
  it('gives each refused construct math.js parses its own sentence', () => {
    const cases: [string, RegExp][] = [
      ['a = 1', /assignment \(=\) is not allowed/],
      ['f(x) = x', /defining a function is not allowed/],
      ['a; b', /only one expression is allowed/],
      ['a[1]', /property or index access is not allowed/],
      ['{a: 1}', /objects are not allowed/],
      ['1:3', /ranges \(a:b\) are not allowed/],
      ['[1, 2]', /only allowed as the weights of mixture/],
    ];
    for (const [text, want] of cases) expect(describeForbidden(parse(text).type), text).toMatch(want);
    expect(describeForbidden('ParenthesisNode')).toBe('parenthesis expressions are not allowed');
  });

  it('ALLOWED_FUNCTIONS lists every function by name', () => {
    expect(ALLOWED_FUNCTIONS.split(', ').sort()).toEqual(Object.keys(FUNCTIONS).sort());
  });
});
