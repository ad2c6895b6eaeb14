// The progress bar: nothing in the first second, then samples done and the time left, at most
// ten redraws a second, erased at the end; nothing at all when stderr is not a terminal.

import { describe, it, expect } from 'vitest';
import { progressBar } from '../../src/cli/progress.ts';
import { main } from '../../src/main/credence.ts';
import { captureIO, modelText, tempProject } from '../engine/helpers.ts';

describe('the progress bar', () => {
  it('waits a second, then shows samples done and the time left, and erases itself', () => {
    let t = 0;
    const lines: (string | null)[] = [];
    const bar = progressBar(
      (l) => lines.push(l),
      () => t,
    );
    bar.observe({ run: 1, pass: 0, done: 100_000, samples: 1_000_000 });
    t = 500;
    bar.observe({ run: 1, pass: 0, done: 200_000, samples: 1_000_000 });
    expect(lines).toEqual([]);
    t = 2000;
    bar.observe({ run: 1, pass: 0, done: 500_000, samples: 1_000_000 });
    t = 2050; // too soon to redraw
    bar.observe({ run: 1, pass: 0, done: 510_000, samples: 1_000_000 });
    expect(lines).toEqual(['[############............] pass 1: 500,000 of 1,000,000 samples, 2.0 s left']);
    bar.end();
    expect(lines[lines.length - 1]).toBeNull();
  });

  it('is not drawn when stderr is not a terminal (no progress in the IO)', async () => {
    const dir = tempProject({ 'm.yaml': modelText({ x: 'normal(0, 1)' }) });
    const io = captureIO(dir);
    expect(await main(['run', 'm', '--samples', '5000', '--threads', '1', '--quiet'], io)).toBe(0);
    expect(io.stderr.filter((l) => l.includes('samples,') || l.includes('['))).toEqual([]);
  });
});
