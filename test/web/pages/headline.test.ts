// The headline's question and the home page's order of models: the overall model first, then
// depth-first through its imports in the order its file declares them, then the models it does
// not reach by title. The projects are built by hand with only the fields these read.

import { describe, expect, it } from 'vitest';
import { argumentOrder, questionOf } from '../../../src/web/pages/headline.ts';
import type { Model } from '../../../src/model/load.ts';
import type { Project } from '../../../src/model/project.ts';

function model(id: string, title: string, imports: string[] = []): Model {
  const imps = Object.fromEntries(imports.map((to, i) => [`i${i}`, { modelId: to }]));
  return { id, title, imports: imps, nodes: {}, inputs: {}, output: 'out' } as unknown as Model;
}

function project(...models: Model[]): Project {
  return { models: new Map(models.map((m) => [m.id, m])) } as unknown as Project;
}

describe('argumentOrder', () => {
  it('walks the overall model and its imports depth-first, in declared order, each once', () => {
    // top imports b then c; b imports d and c; c imports d. Depth-first: top, b, d, c.
    const p = project(
      model('c', 'C', ['d']),
      model('top', 'Top', ['b', 'c']),
      model('d', 'D'),
      model('b', 'B', ['d', 'c']),
    );
    expect(argumentOrder(p, 'top')).toEqual(['top', 'b', 'd', 'c']);
  });

  it('lists the models the overall model does not reach by title, each followed by its own imports', () => {
    const p = project(model('top', 'Top'), model('z', 'Zeta', ['y']), model('a', 'Alpha'), model('y', 'Ypsilon'));
    // unreached, by title: Alpha, Ypsilon, Zeta; Zeta's import y is already listed by then
    expect(argumentOrder(p, 'top')).toEqual(['top', 'a', 'y', 'z']);
  });

  it('orders everything by title when there is no overall model, or it is unknown', () => {
    const p = project(model('m2', 'Beta'), model('m1', 'Alpha', ['m2']));
    expect(argumentOrder(p, null)).toEqual(['m1', 'm2']);
    expect(argumentOrder(p, 'gone')).toEqual(['m1', 'm2']);
  });
});

describe('questionOf', () => {
  it("asks the file's question, else names the output by its label, else the model's title", () => {
    const m = model('m', 'The model');
    expect(questionOf({ ...m, question: 'Will it rain?' } as Model)).toBe('Will it rain?');
    const labelled = { ...m, nodes: { out: { label: 'P(rain)' } } } as unknown as Model;
    expect(questionOf(labelled)).toBe('P(rain)');
    const input = { ...m, inputs: { out: { label: 'Rainfall' } } } as unknown as Model;
    expect(questionOf(input)).toBe('Rainfall');
    expect(questionOf(m)).toBe('The model');
  });
});
