// How far the engine has got, for whoever draws a progress bar (the command line, when its
// stderr is a terminal). One observer per process: runs report to it without every analysis in
// between passing a callback down, and reporting costs nothing when nobody listens.

export interface Progress {
  /** Runs started since the observer was set (an analysis runs the model many times). */
  run: number;
  /** Pass over the samples within this run (a summarised run makes two or three). */
  pass: number;
  /** Samples of this pass done, of `samples`. */
  done: number;
  samples: number;
}

type Observer = (p: Progress) => void;

let observer: Observer | null = null;
let runs = 0;

/** Set (or clear, with null) the observer of every run in this process. */
export function observeProgress(fn: Observer | null): void {
  observer = fn;
  runs = 0;
}

/** A run starting: returns its reporter (a no-op without an observer). */
export function startRun(): (pass: number, done: number, samples: number) => void {
  if (!observer) return () => {};
  const run = ++runs;
  const o = observer;
  return (pass, done, samples) => o({ run, pass, done, samples });
}
