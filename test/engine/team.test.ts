// Work shared between threads: a run taken apart into its steps (Session), and the board that
// hands tasks out (team.ts), here on one thread with the board in the states another thread
// would leave it in. Two real threads sharing a report are in test/web/compute.

import { describe, it, expect, afterAll } from 'vitest';
import { prepare, type Prepared } from '../../src/engine/run.ts';
import { newBoard, workTasks } from '../../src/engine/team.ts';
import { ColumnPool } from '../../src/engine/column-pool.ts';
import { cleanupTemp, project } from './helpers.ts';
import { rng } from '../analysis/helpers.ts';

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
  '  same: out',
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

describe('a run taken apart', () => {
  it('steps run in any order that respects what they read give exactly the columns, weights and warnings of a plain run', () => {
    const m = prepared();
    const plain = m.run({ samples: 4000, seed: 11 });
    const random = rng(5);
    for (let trial = 0; trial < 5; trial++) {
      const session = m.begin({ samples: 4000, seed: 11, pool: new ColumnPool(undefined, true) });
      // A random order among the steps whose inputs are done.
      const done = new Set<number>();
      while (done.size < session.steps.length) {
        const ready = session.steps
          .map((s, i) => i)
          .filter(
            (i) =>
              !done.has(i) &&
              session.steps[i]!.reads.every(
                (slot) => session.stepOfSlot[slot]! < 0 || done.has(session.stepOfSlot[slot]!),
              ),
          );
        const i = ready[Math.floor(random() * ready.length)]!;
        session.runStep(session.steps[i]!);
        done.add(i);
      }
      session.applyEvidence();
      const r = session.result();
      for (const name of Object.keys(plain.columns)) expect(r.columns[name]).toEqual(plain.columns[name]);
      expect(r.weights).toEqual(plain.weights);
      expect(r.warnings).toEqual(plain.warnings);
    }
    // normal(a, s) with s < 0 in about half the rows: one warning, for b.
    expect(plain.warnings.map((w) => w.node)).toEqual(['b']);
  });

  it('a node that only names another quantity shares its column', () => {
    const r = prepared().run({ samples: 100, seed: 1 });
    expect(r.columns.same).toBe(r.columns.out);
  });

  it("a session over another session's columns writes into them, and takes none of its own", () => {
    const m = prepared();
    const lead = m.begin({ samples: 300, seed: 4, pool: new ColumnPool(undefined, true) });
    for (const col of lead.columns) if (col) expect(col.buffer).toBeInstanceOf(SharedArrayBuffer);
    const helper = m.begin({ samples: 300, seed: 4 }, { columns: lead.columns, weights: lead.weights });
    for (const step of helper.steps) helper.runStep(step);
    helper.applyEvidence();
    const plain = m.run({ samples: 300, seed: 4 });
    const r = lead.result();
    for (const name of Object.keys(plain.columns)) expect(r.columns[name]).toEqual(plain.columns[name]);
    expect(r.weights).toEqual(plain.weights);
    expect(helper.result().columns.out).toBe(r.columns.out);
  });
});

describe('the board', () => {
  // 0 → 1 → 3, 0 → 2, and 4 on its own.
  const DEPS = [[], [0], [0], [1], []];

  it("one thread does every task after its dependencies, a task's dependants first", () => {
    const board = newBoard(DEPS.length);
    const ran: number[] = [];
    workTasks(board, DEPS, (t) => ran.push(t), true);
    expect(ran).toEqual([0, 1, 3, 2, 4]);
    expect(Array.from(board.words.subarray(0, DEPS.length))).toEqual([2, 2, 2, 2, 2]);
    // The generation counter moved once per task.
    expect(board.words[DEPS.length]).toBe(DEPS.length);
  });

  it('a task whose dependency another thread holds waits for it, and the thread does what it can meanwhile', () => {
    const board = newBoard(DEPS.length);
    Atomics.store(board.words, 0, 1); // the other thread holds task 0
    const ran: number[] = [];
    workTasks(
      board,
      DEPS,
      (t) => {
        ran.push(t);
        if (t === 4) {
          // ... and finishes it while this one does task 4.
          Atomics.store(board.words, 0, 2);
          Atomics.add(board.words, DEPS.length, 1);
        }
      },
      false,
    );
    expect(ran).toEqual([4, 1, 3, 2]);
  });

  it('a thread that is not the lead leaves as soon as nothing is free', () => {
    const board = newBoard(DEPS.length);
    for (let t = 0; t < DEPS.length; t++) Atomics.store(board.words, t, 1); // all held elsewhere
    const ran: number[] = [];
    workTasks(board, DEPS, (t) => ran.push(t), false);
    expect(ran).toEqual([]);
  });

  it('a task that throws is handed back free, so the other thread is not left waiting for it', () => {
    const board = newBoard(DEPS.length);
    expect(() =>
      workTasks(
        board,
        DEPS,
        (t) => {
          if (t === 3) throw new Error('boom');
        },
        true,
      ),
    ).toThrow('boom');
    expect(Array.from(board.words.subarray(0, DEPS.length))).toEqual([2, 2, 0, 0, 0]);
  });
});
