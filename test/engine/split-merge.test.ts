// A run split between threads in any way gives the same bits: here the split is done by hand (no
// threads), handing each part's segments to its own runner and reducer, in any order, and the
// parts' messages to the merge functions in any order. Compared bit for bit: the merged first
// pass (every bin's count, weight and single value, every exact sum), the merged later passes
// (region counts and weights, collected values as a multiset, finer bins) and the summaries.

import { describe, it, expect, afterAll } from 'vitest';
import { prepare, type Prepared } from '../../src/engine/run.ts';
import type { RunSummaries } from '../../src/engine/summarize.ts';
import { runnerFor, type PassExecutor } from '../../src/engine/pass-executors.ts';
import {
  mergeBrackets,
  mergeFirst,
  passReducer,
  type BracketsMessage,
  type FirstMessage,
  type PassMessage,
} from '../../src/engine/reducers.ts';
import { mergeProblems, newProblems } from '../../src/engine/blocks.ts';
import { cleanupTemp, modelText, project } from './helpers.ts';

afterAll(cleanupTemp);

// Weights spanning hundreds of binades (the likelihood), atoms (k, q), both zeros (0 · z is −0
// for negative z), a heavy tail (m) and values that tie.
const MODEL = `${modelText(
  {
    p: 'beta(3, 5)',
    k: 'bernoulli(0.3)',
    z: 'normal(0, 1)',
    m: 'mixture(0, lognormal(0, 2), [0.3, 0.7])',
  },
  { y: 'p * k + z', zero: '0 * z', q: 'floor(10 * p) / 10', tiny: 'p ^ (20 * m)' },
  'y',
)}evidence:
  saw:
    likelihood: "p ^ (40 * m) + 1e-300 * p"
`;

function prepared(): Prepared {
  const p = prepare(project({ 'm.yaml': MODEL }), 'm');
  if (!p.ok) throw new Error(p.errors[0]!.message);
  return p.value;
}

/** A way to split segments: which part each goes to, each part's order, the messages' order. */
interface Split {
  name: string;
  part: (seg: number) => number;
  reverse: boolean;
  shuffle: (n: number) => number[];
}

const SPLITS: Split[] = [
  { name: 'one part, in order', part: () => 0, reverse: false, shuffle: (n) => [...Array(n).keys()] },
  {
    name: 'two parts, alternate segments',
    part: (s) => s % 2,
    reverse: false,
    shuffle: (n) => [...Array(n).keys()].reverse(),
  },
  {
    name: 'three parts, blocks of 2',
    part: (s) => Math.floor(s / 2) % 3,
    reverse: true,
    shuffle: (n) => [...Array(n).keys()],
  },
  {
    name: 'five parts, scattered',
    part: (s) => (s * 7 + 3) % 5,
    reverse: true,
    shuffle: (n) => [...Array(n).keys()].map((i) => (i * 2 + 1) % n),
  },
  {
    name: 'every segment its own part',
    part: (s) => s,
    reverse: false,
    shuffle: (n) => [...Array(n).keys()].reverse(),
  },
];

/** What each pass's messages merge to, for comparison across splits. */
interface Seen {
  first: FirstMessage[][];
  brackets: BracketsMessage[][];
}

function splitExecutor(p: Prepared, split: Split, seen: Seen): PassExecutor {
  return (task, progress) => {
    const parts = new Map<number, number[]>();
    for (let seg = task.from; seg < task.to; seg++) {
      const k = split.part(seg);
      parts.set(k, [...(parts.get(k) ?? []), seg]);
    }
    const messages: PassMessage[] = [];
    const problems = newProblems();
    let done = 0;
    for (const segs of parts.values()) {
      const runner = runnerFor(p.plan, task);
      const reducer = passReducer(task.job);
      for (const seg of split.reverse ? [...segs].reverse() : segs) {
        runner.segment(seg, reducer);
        progress(++done);
      }
      messages.push(reducer.message());
      mergeProblems(problems, runner.problems);
    }
    const ordered = split.shuffle(messages.length).map((i) => messages[i]!);
    if (task.job.kind === 'first') seen.first.push(ordered as FirstMessage[]);
    if (task.job.kind === 'brackets') seen.brackets.push(ordered as BracketsMessage[]);
    return { messages: ordered, problems };
  };
}

const sameBits = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  a.length === b.length && Array.from(a).every((x, i) => Object.is(x, b[i]));

/** Every number of the summaries, −0 and NaN told apart. */
function numbers(s: RunSummaries): number[] {
  const out: number[] = [s.ess ?? NaN];
  for (const side of [s.prior, s.posterior ?? {}])
    for (const name of Object.keys(side).sort()) out.push(...Object.values(side[name]!));
  return out;
}

/** The merged first pass as arrays: each quantity's bins and exact sums. */
function firstArrays(msgs: FirstMessage[]): Float64Array[] {
  const r = mergeFirst(msgs);
  const out: Float64Array[] = [];
  r.histograms.forEach((h) => {
    const b = h.bins();
    out.push(Float64Array.from(b.keys), b.counts, b.weights, b.single);
  });
  r.moments.forEach((m) => {
    const msg = m.toMessage();
    out.push(Float64Array.of(msg.count, msg.min, msg.max, msg.wcount, msg.wmin, msg.wmax), ...msg.sums);
  });
  return out;
}

/** The merged later pass as arrays: regions, collected values and their weights' sum, finer bins. */
function bracketArrays(msgs: BracketsMessage[]): Float64Array[] {
  const out: Float64Array[] = [];
  for (const pass of mergeBrackets(msgs)) {
    out.push(pass.regionCount, ...pass.regionWeight.map((s) => Float64Array.of(s.value())));
    // Collected values in their merged order (by value, then weight, −0 first): one sequence.
    pass.values.forEach((v, k) => {
      out.push(v);
      if (pass.weighted) out.push(pass.valueWeights[k]!, Float64Array.of(pass.collectedWeight[k]!.value()));
    });
    pass.bins.forEach((_, k) => {
      if (pass.bins[k]) out.push(Float64Array.from(pass.subBins(k).flatMap((s) => [s.count, s.weight, s.min, s.max])));
    });
  }
  return out;
}

describe('a run split in different ways', () => {
  for (const collectBudget of [undefined, 200]) {
    it(`merges to the same bits, pass by pass and in its summaries (${collectBudget ? 'finer bins' : 'values collected'})`, () => {
      const p = prepared();
      const opts = { samples: 9 * 4096 + 123, seed: 3, keepBytes: 0, collectBudget };
      const runs = SPLITS.map((split) => {
        const seen: Seen = { first: [], brackets: [] };
        const summaries = p.summarize(opts, splitExecutor(p, split, seen));
        return { split, seen, summaries };
      });
      const [want, ...others] = runs;
      // The runs need a later pass, weighted quantities and both zeros to test anything.
      expect(want!.seen.brackets.length).toBeGreaterThan(0);
      expect(want!.summaries.posterior).not.toBeNull();
      expect(want!.summaries.prior.zero!.p50).toBe(0);
      const wantFirst = firstArrays(want!.seen.first[0]!);
      const wantBrackets = want!.seen.brackets.map(bracketArrays);
      for (const got of others) {
        const what = got.split.name;
        expect(got.seen.first.length, what).toBe(1);
        const first = firstArrays(got.seen.first[0]!);
        first.forEach((a, i) => expect(sameBits(a, wantFirst[i]!), `${what}: first pass, array ${i}`).toBe(true));
        expect(got.seen.brackets.length, what).toBe(wantBrackets.length);
        got.seen.brackets.forEach((msgs, pass) => {
          const arrays = bracketArrays(msgs);
          arrays.forEach((a, i) =>
            expect(sameBits(a, wantBrackets[pass]![i]!), `${what}: pass ${pass + 2}, array ${i}`).toBe(true),
          );
        });
        expect(sameBits(numbers(got.summaries), numbers(want!.summaries)), `${what}: summaries`).toBe(true);
        expect(got.summaries.warnings, what).toEqual(want!.summaries.warnings);
      }
    }, 120_000);
  }
});
