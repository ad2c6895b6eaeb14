// A progress bar on stderr for work that takes more than a second: samples done and an estimate
// of the time left, redrawn at most ten times a second on one line, erased when the command ends.
// Drawn only when stderr is a terminal (the IO says so by offering `progress`) and not --quiet.

import type { Progress } from '../engine/progress.ts';

const WIDTH = 24;

/** An observer for the engine that draws through `draw` (null erases the line). */
export function progressBar(draw: (line: string | null) => void, now: () => number = Date.now) {
  const start = now();
  let passStart = start;
  let lastPass = -1;
  let lastRun = -1;
  let lastDraw = 0;
  let drawn = false;
  const observe = (p: Progress) => {
    const t = now();
    if (p.pass !== lastPass || p.run !== lastRun) {
      passStart = t;
      lastPass = p.pass;
      lastRun = p.run;
    }
    if (t - start < 1000 || (t - lastDraw < 100 && p.done < p.samples)) return;
    lastDraw = t;
    drawn = true;
    const share = p.samples > 0 ? Math.min(1, p.done / p.samples) : 0;
    const filled = Math.round(share * WIDTH);
    const elapsed = (t - passStart) / 1000;
    const left = share > 0.02 ? Math.max(0, (elapsed / share) * (1 - share)) : NaN;
    const what = p.run > 1 ? `run ${p.run}, pass ${p.pass + 1}` : `pass ${p.pass + 1}`;
    draw(
      `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${what}: ${p.done.toLocaleString('en-US')} of ${p.samples.toLocaleString('en-US')} samples${Number.isFinite(left) ? `, ${left < 10 ? left.toFixed(1) : Math.round(left)} s left` : ''}`,
    );
  };
  const end = () => {
    if (drawn) draw(null);
  };
  return { observe, end };
}
