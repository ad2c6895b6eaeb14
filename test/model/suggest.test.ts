// "Did you mean …?" is exact where it answers and bounded where it cannot: the banded edit
// distance agrees with the textbook one, a name past the compared length gets no suggestion
// (a 14,000-character name costs nothing), and one Suggester stops suggesting once its budget
// of compared characters is spent. Nothing here measures time: the bounds are counted.

import { describe, it, expect } from 'vitest';
import {
  boundedDistance,
  suggest,
  Suggester,
  MAX_SUGGEST_LENGTH,
  MAX_SUGGEST_CANDIDATES,
  SUGGEST_BUDGET,
} from '../../src/model/suggest.ts';

/** Optimal string alignment distance by the full table (Damerau's swaps of neighbours count one). */
function textbook(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => i + j));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}

/** A small seeded generator (mulberry32), so the pairs are the same on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the banded edit distance', () => {
  it('equals the textbook distance, or k + 1 beyond k, on 3,000 seeded pairs', () => {
    const next = random(17);
    const word = () => Array.from({ length: Math.floor(next() * 9) }, () => 'abc'[Math.floor(next() * 3)]).join('');
    for (let n = 0; n < 3000; n++) {
      const [a, b, k] = [word(), word(), Math.floor(next() * 5)];
      expect([a, b, k, boundedDistance(a, b, k)]).toEqual([a, b, k, Math.min(textbook(a, b), k + 1)]);
    }
  });

  it('counts a swap of neighbours as one edit', () => {
    expect(boundedDistance('lable', 'label', 2)).toBe(1);
    expect(suggest('lable', ['label', 'unit', 'note'])).toBe(" (did you mean 'label'?)");
  });
});

describe('suggestions are bounded', () => {
  it('a name longer than the compared length gets none, even one letter away from a candidate', () => {
    const long = 'n'.repeat(MAX_SUGGEST_LENGTH + 1);
    expect(suggest(`${long.slice(1)}m`, [long])).toBe('');
    expect(suggest('z'.repeat(14_000), [long, 'z'.repeat(200_000), 'zz'])).toBe('');
    const edge = 'n'.repeat(MAX_SUGGEST_LENGTH);
    expect(suggest(`${edge.slice(1)}m`, [edge])).toBe(` (did you mean '${edge}'?)`);
  });

  it('compares at most the candidate limit per name', () => {
    // Every candidate has the word's length and is far from it; the one a letter away comes last.
    const many = Array.from({ length: MAX_SUGGEST_CANDIDATES }, (_, i) => `q${String(i).padStart(7, '0')}x`);
    expect(suggest('abcdefghi', [...many, 'abcdefghx'])).toBe('');
    expect(suggest('abcdefghi', ['abcdefghx', ...many])).toBe(" (did you mean 'abcdefghx'?)");
  });

  it('one Suggester stops suggesting once its budget of compared characters is spent', () => {
    // 4,000 candidates of 10 letters, none equal to a word, so each word is compared with all
    // of them (a few are one letter away, so it gets an answer while the budget lasts).
    const candidates = Array.from({ length: 4000 }, (_, i) => `c${String(i).padStart(9, '0')}`);
    const s = new Suggester(candidates);
    const word = (i: number) => `c00000000${'abcdefghij'[i % 10]}`;
    const answered = Array.from({ length: 2000 }, (_, i) => s.suggest(word(i)) !== '').map(Number);
    const k = Math.floor(10 / 3);
    const perWord = candidates.length * (10 + 1) * (2 * k + 1); // cells in the band of each pair
    const full = Math.floor(SUGGEST_BUDGET / perWord);
    expect(answered[0]).toBe(1);
    expect(answered.at(-1)).toBe(0);
    const count = answered.reduce((a, b) => a + b, 0);
    expect(count).toBeGreaterThanOrEqual(full);
    expect(count).toBeLessThanOrEqual(full + 1); // the last one answered from part of its candidates
    // Once refused, always refused: the budget is spent, not reset.
    expect(answered.slice(answered.indexOf(0)).every((x) => x === 0)).toBe(true);
  });
});
