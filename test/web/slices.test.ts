// The request thread's turns for longer steps: one step per turn of the event loop, in the order
// asked, with what else the loop had waiting (here an immediate, standing for I/O and timers)
// running between two steps. Ordered by the loop's phases, never by the clock.

import { describe, it, expect } from 'vitest';
import { nextSlice } from '../../src/web/slices.ts';

describe('steps on the request thread', () => {
  it('go on one per turn of the event loop, in the order they asked, with other callbacks between them', async () => {
    const seen: string[] = [];
    const steps = ['s1', 's2', 's3'].map((name) => nextSlice().then(() => void seen.push(name)));
    setImmediate(() => {
      seen.push('other');
      // Queued during this turn: it runs on the next, before the step after it.
      setImmediate(() => seen.push('later'));
    });
    await Promise.all(steps);
    expect(seen).toEqual(['s1', 'other', 's2', 'later', 's3']);
  });

  it('asked for while others wait, a step goes after them; alone, it goes on at the next turn', async () => {
    const seen: string[] = [];
    const first = nextSlice().then(async () => {
      seen.push('a1');
      await nextSlice();
      seen.push('a2');
    });
    const other = nextSlice().then(() => void seen.push('b1'));
    await Promise.all([first, other]);
    expect(seen).toEqual(['a1', 'b1', 'a2']);
    await nextSlice();
  });
});
