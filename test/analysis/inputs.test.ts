// Which inputs the one-at-a-time analyses vary: an input that an import's `set:` (or an
// override) makes another quantity under a second name is that quantity, listed once.

import { afterAll, describe, expect, it } from 'vitest';
import { tornado } from '../../src/analysis/tornado.ts';
import { importance } from '../../src/analysis/importance.ts';
import { cleanup, ok, prepared, projectOf } from './helpers.ts';

afterAll(cleanup);

const FILES = {
  'part.yaml': 'title: Part\ninputs:\n  w: normal(0, 1)\n  v: normal(0, 1)\nnodes:\n  z: w + v\noutput: z\n',
  'whole.yaml': [
    'title: Whole',
    'imports:',
    '  part:',
    '    model: part',
    '    set:',
    '      w: x',
    'inputs:',
    '  x: normal(0, 2)',
    'nodes:',
    '  y: part.z + x',
    'output: y',
    '',
  ].join('\n'),
};

describe('an input set to another quantity by an import', () => {
  const p = prepared(projectOf(FILES), 'whole');

  it('is left out of the tornado, named with the quantity it is, and that quantity pinned carries both', () => {
    const r = ok(tornado(p, { samples: 4000, seed: 3 }));
    expect(r.rows.map((row) => row.input).sort()).toEqual(['part.v', 'x']);
    expect(r.excluded).toEqual([{ input: 'part.w', reason: 'same-as', as: 'x' }]);
    // y = 2x + v: pinning x moves y by twice its own range (common random numbers: exact).
    const row = r.rows.find((q) => q.input === 'x')!;
    expect(row.high.mean - row.low.mean).toBeCloseTo(2 * (row.high.value - row.low.value), 9);
  });

  it('is left out of the importance ranking too', () => {
    const r = ok(importance(p, { samples: 4000, seed: 3 }));
    expect(r.excluded).toEqual([{ input: 'part.w', reason: 'same-as', as: 'x' }]);
  });
});
