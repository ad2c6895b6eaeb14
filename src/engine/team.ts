// Two threads sharing one run. Every step of a plan writes its own column from the columns it
// reads and from its own random stream (keyed by the quantity's name, not by who draws it), so
// the steps can be shared out between threads and the numbers stay exactly those of a run on
// one thread. The threads agree through a board of shared words: each step is free, claimed or
// done, and a thread claims the first free step whose inputs are done. Nothing is assigned in
// advance, so a thread that starts late or runs slow simply does fewer steps.

import type { Step } from './plan.ts';

const FREE = 0;
const CLAIMED = 1;
const DONE = 2;

/** Where a team run keeps its shared state: one word per step and one generation counter. */
export interface Board {
  /** Shared: `steps` words of step state, then the generation counter. */
  words: Int32Array;
  steps: number;
}

export const boardWords = (steps: number) => steps + 1;

export function boardOf(words: Int32Array, steps: number): Board {
  if (words.length < boardWords(steps)) throw new RangeError(`a board for ${steps} steps needs ${boardWords(steps)} words`);
  return { words, steps };
}

/** Don't wait longer than this for the other thread to finish a step. */
export const STEP_WAIT_MS = 60_000;

/**
 * Do steps of `steps` (the plan's, in its order) until none is free: claim each free step whose
 * inputs are done, run it, mark it done. `skip` holds steps the run leaves out (they count as
 * done). With `all`, keep waiting until every step is done, whoever ran it; otherwise return as
 * soon as nothing is left to claim. `slotStep[slot]` is the index of the step that fills a slot,
 * or -1 for a slot filled before the run (a given column).
 */
export function workSteps(board: Board, steps: readonly Step[], skip: ReadonlySet<Step>, slotStep: Int32Array, all: boolean, run: (step: Step) => void): void {
  const w = board.words;
  const gen = board.steps;
  let pending: number[] = [];
  for (let i = 0; i < steps.length; i++) if (!skip.has(steps[i]!)) pending.push(i);
  const ready = (i: number) => {
    for (const slot of steps[i]!.reads) {
      const s = slotStep[slot]!;
      if (s >= 0 && !skip.has(steps[s]!) && Atomics.load(w, s) !== DONE) return false;
    }
    return true;
  };
  while (pending.length > 0) {
    const seen = Atomics.load(w, gen);
    let ran = false;
    let free = false;
    const left: number[] = [];
    for (const i of pending) {
      const state = Atomics.load(w, i);
      if (state === DONE) continue;
      if (state === FREE && !ran && ready(i) && Atomics.compareExchange(w, i, FREE, CLAIMED) === FREE) {
        try {
          run(steps[i]!);
        } catch (e) {
          // Hand the step back, so the other thread is not left waiting for it.
          Atomics.store(w, i, FREE);
          Atomics.add(w, gen, 1);
          Atomics.notify(w, gen);
          throw e;
        }
        Atomics.store(w, i, DONE);
        Atomics.add(w, gen, 1);
        Atomics.notify(w, gen);
        ran = true;
        continue;
      }
      if (Atomics.load(w, i) === FREE) free = true;
      left.push(i);
    }
    pending = left;
    if (ran) continue;
    if (!free && !all) return;
    if (pending.length === 0) return;
    // Everything left waits on a step the other thread holds: sleep until it marks one done.
    if (Atomics.wait(w, gen, seen, STEP_WAIT_MS) === 'timed-out' && Atomics.load(w, gen) === seen) {
      throw new Error(`a shared run waited ${STEP_WAIT_MS / 1000} s for another thread's step`);
    }
  }
}

/** For each slot, the index of the step that fills it (-1 for none). */
export function slotSteps(steps: readonly Step[], slots: number): Int32Array {
  const out = new Int32Array(slots).fill(-1);
  steps.forEach((s, i) => (out[s.slot] = i));
  return out;
}
