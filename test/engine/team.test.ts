// A run shared between threads (team.ts): on one thread here, with the board in the states the
// other thread would leave it in. Two real threads sharing a report are in test/web/compute.

import { describe, it, expect, afterAll } from 'vitest';
import { prepare, type Prepared } from '../../src/engine/run.ts';
import { boardOf, boardWords, workSteps, slotSteps } from '../../src/engine/team.ts';
import { ColumnPool } from '../../src/engine/column-pool.ts';
import { cleanupTemp, project } from './helpers.ts';

afterAll(cleanupTemp);

const MODEL = [
  'title: t',
  'inputs:',
  '  a: beta(2, 3)',
  '  s: uniform(-1, 1)',
  '  b: normal(a, s)',
  '  c: lognormal(0, 1)',
  'nodes:',
  '  out: a * c + b',
  'output: out',
  'evidence:',
  '  obs: { likelihood: "a" }',
  '',
].join('\n');

function prepared(): Prepared {
  const p = prepare(project({ 'm.yaml': MODEL }), 'm');
  if (!p.ok) throw new Error('the test model does not prepare');
  return p.value;
}

const newBoard = (steps: number) => boardOf(new Int32Array(new SharedArrayBuffer(4 * boardWords(steps))), steps);

describe('a team run', () => {
  it('a lead whose helper never comes does every step: the same columns, weights and warnings as a plain run', () => {
    const m = prepared();
    const plain = m.run({ samples: 4000, seed: 11 });
    const board = newBoard(m.plan.steps.length);
    let shared: (Float64Array | null)[] = [];
    const lead = m.run({ samples: 4000, seed: 11, pool: new ColumnPool(undefined, true), team: { board, share: (cols) => (shared = cols) } });
    for (const name of Object.keys(plain.columns)) expect(lead.columns[name]).toEqual(plain.columns[name]);
    expect(lead.weights).toEqual(plain.weights);
    // normal(a, s) with s < 0 in about half the rows: the same warning, counted the same.
    expect(plain.warnings.map((w) => w.node)).toEqual(['b']);
    expect(lead.warnings).toEqual(plain.warnings);
    // It handed over every column it computes, in shared memory, and marked every step done.
    expect(shared.filter(Boolean).length).toBe(m.plan.steps.length);
    for (const col of shared) if (col) expect(col.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(board.words.subarray(0, m.plan.steps.length))).toEqual(m.plan.steps.map(() => 2));
    expect(board.words[m.plan.steps.length]).toBe(m.plan.steps.length);
  });

  it('a helper that comes after the lead has finished finds nothing to claim and leaves every column as it was', () => {
    const m = prepared();
    const board = newBoard(m.plan.steps.length);
    let shared: (Float64Array | null)[] = [];
    const lead = m.run({ samples: 500, seed: 2, pool: new ColumnPool(undefined, true), team: { board, share: (cols) => (shared = cols) } });
    const before = Object.fromEntries(Object.entries(lead.columns).map(([k, v]) => [k, Float64Array.from(v)]));
    const helper = m.run({ samples: 500, seed: 99, team: { board, columns: shared } });
    expect(helper.warnings).toEqual([]);
    expect(helper.weights).toBeNull();
    for (const [name, col] of Object.entries(before)) expect(helper.columns[name]).toEqual(col);
  });

  it('a thread takes only steps whose inputs are done: a step reading one the other thread holds waits for it', () => {
    const m = prepared();
    const steps = m.plan.steps;
    const board = newBoard(steps.length);
    const at = (owner: string) => steps.findIndex((s) => s.owner === owner);
    // The other thread holds the step that fills `a`, and finishes it while this one draws `c`.
    Atomics.store(board.words, at('a'), 1);
    const ran: string[] = [];
    workSteps(board, steps, new Set(), slotSteps(steps, m.plan.slots), false, (s) => {
      ran.push(s.owner);
      if (s.owner === 'c') {
        Atomics.store(board.words, at('a'), 2);
        Atomics.add(board.words, steps.length, 1);
      }
    });
    // b reads a and s: it comes after c although it is before c in the plan.
    expect(ran).toEqual(['s', 'c', 'b', 'out', 'evidence:obs']);
    expect(Array.from(board.words.subarray(0, steps.length))).toEqual(steps.map(() => 2));
  });

  it('a step that throws is handed back free, so the other thread is not left waiting for it', () => {
    const m = prepared();
    const steps = m.plan.steps;
    const board = newBoard(steps.length);
    expect(() =>
      workSteps(board, steps, new Set(), slotSteps(steps, m.plan.slots), true, (s) => {
        if (s.owner === 's') throw new Error('boom');
      }),
    ).toThrow('boom');
    const i = steps.findIndex((s) => s.owner === 's');
    expect(board.words[i]).toBe(0);
    // Steps before it in the plan were done.
    for (let k = 0; k < i; k++) expect(board.words[k]).toBe(2);
  });
});
