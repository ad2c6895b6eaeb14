// Which column each quantity's values live in: a node defined as another quantity (an alias) shares
// its target's column, through any chain of aliases, and a run reads each alias's values from it.

import { afterAll, describe, expect, it } from 'vitest';
import { prepare } from '../../src/engine/run.ts';
import { homeSlot } from '../../src/engine/schedule.ts';
import { cleanupTemp, project } from './helpers.ts';

afterAll(cleanupTemp);

/** x ~ uniform(0, 1); a1 = x, a_k = a_(k−1) (aliases); d = a_n * 2 (not an alias). */
function chain(n: number) {
  const nodes = Array.from({ length: n }, (_, i) => `  a${i + 1}: ${i === 0 ? 'x' : `a${i}`}`);
  const text = `title: aliases\ninputs:\n  x: uniform(0, 1)\nnodes:\n${nodes.join('\n')}\n  d: a${n} * 2\noutput: d\n`;
  const prepared = prepare(project({ 'm.yaml': text }), 'm');
  if (!prepared.ok) throw new Error(JSON.stringify(prepared.errors));
  return prepared.value;
}

describe('homeSlot', () => {
  it('follows a chain of aliases to the input they all name', () => {
    const p = chain(50);
    const slot = (name: string) => p.plan.entitySlot.get(name)!;
    for (const name of ['a1', 'a25', 'a50']) expect(homeSlot(p.plan, slot(name))).toBe(slot('x'));
    expect(homeSlot(p.plan, slot('x'))).toBe(slot('x'));
    expect(homeSlot(p.plan, slot('d'))).toBe(slot('d'));
  });

  it("gives every alias its target's values in a run, and the node computed from them twice them", () => {
    const p = chain(3_000);
    const r = p.run({ samples: 64, seed: 5 });
    expect(r.columns.a3000).toEqual(r.columns.x);
    expect(r.columns.a1500).toEqual(r.columns.x);
    expect(Array.from(r.columns.d!)).toEqual(Array.from(r.columns.x!, (v) => v * 2));
  });
});
