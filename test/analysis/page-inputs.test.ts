// The inputs a model page's run summarises: all of them for a model with no more than the page
// lists; past that, the first ones in the page's order (own inputs, then imported ones that
// reach the output, those the output reads first, in file order) and every replaced one.

import { afterAll, describe, expect, it } from 'vitest';
import { pageInputs } from '../../src/analysis/page-inputs.ts';
import { parseOverride } from '../../src/model/overrides.ts';
import { ok, prepared, projectOf, cleanup } from './helpers.ts';

afterAll(cleanup);

const project = projectOf({
  'part.yaml': `title: Part
inputs:
  p: uniform(0, 1)
  q: uniform(0, 1)
nodes:
  r: p * 2
output: r
`,
  'whole.yaml': `title: Whole
imports:
  part: part
inputs:
  u: uniform(0, 1)
  a: uniform(0, 1)
  b: uniform(0, 1)
nodes:
  out: a + b + part.r
output: out
`,
});

const names = (max: number, set: Record<string, string> = {}) => {
  const overrides = Object.entries(set).map(([name, text]) => ok(parseOverride(name, text, `--set ${name}`)));
  return pageInputs(prepared(project, 'whole', { overrides }).graph, [], max).map((e) => e.name);
};

describe('pageInputs', () => {
  it('is every input when there are no more than the page lists', () => {
    expect(names(5).sort()).toEqual(['a', 'b', 'part.p', 'part.q', 'u']);
  });

  it('orders own inputs the output reads, own ones it does not, then imported ones it reads', () => {
    // part.q reaches nothing and is not the model's own: never summarised past the bound.
    expect(names(4)).toEqual(['a', 'b', 'u', 'part.p']);
    expect(names(2)).toEqual(['a', 'b']);
  });

  it('adds a replaced input past the bound, where the page lists it', () => {
    expect(names(2, { 'part.p': '0.5' })).toEqual(['a', 'b', 'part.p']);
    expect(names(1, { u: '0.5' })).toEqual(['a', 'u']);
  });
});
