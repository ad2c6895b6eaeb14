// The overall model of a project: the one whose imports reach the most other models, however
// indirectly and each counted once, the first in the folder's order on a tie; none when empty.

import { describe, expect, it } from 'vitest';
import { overallModel } from '../../src/analysis/overall.ts';
import { projectOf } from '../model/project-of.ts';

/** A model importing `imports` (alias = model id), with one input its output reads. */
const importing = (...imports: string[]) =>
  `title: M\ninputs:\n  x: uniform(0, 1)\n${imports.length ? `imports:\n${imports.map((i) => `  ${i}: ${i}`).join('\n')}\n` : ''}output: x\n`;

describe('overallModel', () => {
  it('is the model whose imports reach the most others, through imports of imports', () => {
    // top reaches mid and leaf (2); wide reaches leaf and other directly (2) but comes later;
    // mid reaches leaf (1).
    const p = projectOf({
      leaf: importing(),
      other: importing(),
      mid: importing('leaf'),
      top: importing('mid'),
      wide: importing('leaf', 'other'),
    });
    expect(overallModel(p)).toBe('top');
  });

  it('counts a model reached along two paths once', () => {
    // diamond reaches a, b and leaf (3, leaf twice); chain reaches c1, c2, c3 (3) but comes later,
    // and deep reaches six.
    const base = { leaf: importing(), a: importing('leaf'), b: importing('leaf'), diamond: importing('a', 'b') };
    const chain = { c3: importing(), c2: importing('c3'), c1: importing('c2'), chain: importing('c1') };
    expect(overallModel(projectOf({ ...base, ...chain }))).toBe('diamond');
    expect(overallModel(projectOf({ ...base, ...chain, deep: importing('diamond', 'c2') }))).toBe('deep');
  });

  it('is the first model when none imports another, and none in an empty project', () => {
    expect(overallModel(projectOf({ b: importing(), a: importing() }))).toBe('b');
    expect(overallModel(projectOf({}))).toBeNull();
  });
});
