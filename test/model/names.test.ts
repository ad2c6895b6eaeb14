// What may name a quantity: identifiers that are not a function, a distribution, an operator word
// or a constant; the lists held to the README's, and names that only look like an object's own
// properties (constructor, __proto__) allowed.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONSTANTS,
  DISTRIBUTIONS,
  DIST_FUNCTIONS,
  FUNCTIONS,
  isDistName,
  isFunctionName,
  reservedReason,
} from '../../src/model/names.ts';

const README = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');

describe('the lists', () => {
  it("are the README's: the functions of a node's formula and the distributions of an input", () => {
    // "the functions `min max … erf`, `cdf(d, x)`, `pdf(d, x)` and `quantile(d, p)`"
    const listed = /the functions `([^`]+)`/.exec(README.replace(/\s+/g, ' '))![1]!.split(' ');
    expect([...listed, 'cdf', 'pdf', 'quantile'].sort()).toEqual(Object.keys(FUNCTIONS).sort());
    for (const d of DISTRIBUTIONS) expect(README).toContain(`\`${d}(`);
    expect([...DIST_FUNCTIONS].sort()).toEqual(['cdf', 'pdf', 'quantile']);
  });

  it('give each function the arguments it takes', () => {
    expect(FUNCTIONS.atan2).toEqual([2, 2]);
    expect(FUNCTIONS.clamp).toEqual([3, 3]);
    expect(FUNCTIONS.log).toEqual([1, 2]);
    expect(FUNCTIONS.max).toEqual([1, Infinity]);
    expect(CONSTANTS.pi).toBe(Math.PI);
    expect(CONSTANTS.e).toBe(Math.E);
  });
});

describe('reservedReason', () => {
  it('allows identifiers, including ones an object has as properties', () => {
    for (const name of ['p_step', 'x1', '_hidden', 'Normal', 'constructor', '__proto__', 'toString', 'hasOwnProperty'])
      expect(reservedReason(name), name).toBeNull();
    expect(isFunctionName('toString')).toBe(false);
    expect(isDistName('constructor')).toBe(false);
  });

  it('refuses what is not an identifier, with the rule', () => {
    for (const name of ['1x', 'a-b', 'a.b', '', 'é', 'a b'])
      expect(reservedReason(name), name).toMatch(/is not a valid name: use letters, digits and underscores/);
  });

  it('refuses functions, distributions, operator words and constants, each saying which', () => {
    expect(reservedReason('sqrt')).toBe("'sqrt' is the name of a function and cannot name a quantity");
    expect(reservedReason('beta_ci90')).toBe("'beta_ci90' is the name of a distribution and cannot name a quantity");
    for (const w of ['and', 'xor', 'mod', 'to', 'in', 'true', 'NaN', 'Infinity', 'end'])
      expect(reservedReason(w), w).toBe(`'${w}' is a reserved word and cannot name a quantity`);
    expect(reservedReason('pi')).toBe(`'pi' is a constant (pi = ${Math.PI}) and cannot name a quantity`);
  });
});
