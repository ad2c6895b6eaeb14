// Every quantity of a shipped model whose unit is a probability or a share (the rule the
// number format and the load-time range check use) stays in [0, 1]: constants by their value,
// and every draw and every node under the default and every scenario, because each is built to
// (a Beta or Bernoulli draw, a sigmoid, min(1, …), a part over its whole, products and
// complements of probabilities). A change in units (a difference of probabilities is not a
// probability) is what this test catches.

import { describe, it, expect } from 'vitest';
import { isProbabilityUnit } from '../../src/analysis/format.ts';
import { project, run, column } from './helpers.ts';

const SAMPLES = 20_000;
const SEED = 11;

describe('probabilities and shares in the shipped models', () => {
  for (const [id, model] of project().models) {
    it(`${id}: every probability or share stays in [0, 1] in every sample of every scenario`, () => {
      const names = [...Object.values(model.inputs), ...Object.values(model.nodes)]
        .filter((q) => isProbabilityUnit(q.unit))
        .map((q) => q.name);
      for (const q of Object.values(model.inputs)) {
        if (!isProbabilityUnit(q.unit) || !/^-?[\d.e+-]+$/.test(q.text.trim())) continue;
        const v = Number(q.text);
        expect(v >= 0 && v <= 1, `${id}.${q.name} = ${q.text}`).toBe(true);
      }
      for (const scenario of [null, ...Object.keys(model.scenarios)]) {
        const r = run(id, scenario, SAMPLES, SEED);
        for (const name of names) {
          let outside = 0;
          for (const x of column(r, name)) if (!(x >= 0 && x <= 1)) outside++;
          expect(outside, `${id}.${name} (${scenario ?? 'default'}): samples outside [0, 1]`).toBe(0);
        }
      }
    });
  }
});
