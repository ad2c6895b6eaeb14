// Threads sharing one piece of work made of tasks that depend on each other: a run's steps
// (each writes its own column from the columns it reads and from its own random stream, keyed by
// the quantity's name and not by who draws it), and whatever the caller adds after them. The
// threads agree through a board of shared words: each task is free, claimed or done, and a
// thread claims a free task whose dependencies are done. Nothing is assigned in advance, so a
// thread that starts late or runs slow simply does fewer tasks, and the numbers are those of one
// thread doing everything in order.

const FREE = 0;
const CLAIMED = 1;
const DONE = 2;

/** Shared words: one per task, then a generation counter that moves whenever a task is done. */
export interface Board {
  words: Int32Array;
  tasks: number;
}

export const boardWords = (tasks: number) => tasks + 1;

export function newBoard(tasks: number): Board {
  return { words: new Int32Array(new SharedArrayBuffer(4 * boardWords(tasks))), tasks };
}

export function boardOf(words: Int32Array, tasks: number): Board {
  if (words.length < boardWords(tasks))
    throw new RangeError(`a board for ${tasks} tasks needs ${boardWords(tasks)} words`);
  return { words, tasks };
}

/** Don't wait longer than this for another thread to finish a task. */
export const TASK_WAIT_MS = 60_000;

/**
 * Do tasks until none is left to claim: a free task whose dependencies (`deps[i]`, indices of
 * earlier tasks) are done. After a task, its own dependants come first (the thread that has just
 * written a column goes on to read it while it is in its cache); otherwise the first task in
 * order. With `all`, return only when every task is done, whoever did it; otherwise as soon as
 * nothing is free. A task that throws is handed back free before the error goes on.
 */
export function workTasks(
  board: Board,
  deps: readonly (readonly number[])[],
  run: (task: number) => void,
  all: boolean,
): void {
  const w = board.words;
  const gen = board.tasks;
  const m = deps.length;
  if (m > board.tasks) throw new RangeError(`${m} tasks on a board for ${board.tasks}`);
  const after: number[][] = deps.map(() => []);
  deps.forEach((d, i) => d.forEach((j) => after[j]!.push(i)));
  const ready = (i: number) => {
    for (const j of deps[i]!) if (Atomics.load(w, j) !== DONE) return false;
    return true;
  };
  const claim = (i: number) =>
    Atomics.load(w, i) === FREE && ready(i) && Atomics.compareExchange(w, i, FREE, CLAIMED) === FREE;
  const perform = (i: number) => {
    try {
      run(i);
    } catch (e) {
      Atomics.store(w, i, FREE);
      Atomics.add(w, gen, 1);
      Atomics.notify(w, gen);
      throw e;
    }
    Atomics.store(w, i, DONE);
    Atomics.add(w, gen, 1);
    Atomics.notify(w, gen);
  };
  let first = 0; // tasks before this one are done
  let last = -1;
  for (;;) {
    const seen = Atomics.load(w, gen);
    let next = -1;
    if (last >= 0)
      for (const i of after[last]!)
        if (claim(i)) {
          next = i;
          break;
        }
    let free = false;
    let open = false;
    if (next < 0) {
      while (first < m && Atomics.load(w, first) === DONE) first++;
      for (let i = first; i < m; i++) {
        const state = Atomics.load(w, i);
        if (state === DONE) continue;
        open = true;
        if (state !== FREE) continue;
        if (claim(i)) {
          next = i;
          break;
        }
        free = true;
      }
    }
    if (next >= 0) {
      perform(next);
      last = next;
      continue;
    }
    last = -1;
    if (!open || (!free && !all)) return;
    // Everything left waits on a task another thread holds: sleep until one is done.
    if (Atomics.wait(w, gen, seen, TASK_WAIT_MS) === 'timed-out' && Atomics.load(w, gen) === seen) {
      throw new Error(`a shared computation waited ${TASK_WAIT_MS / 1000} s for another thread`);
    }
  }
}
