// A link preview's description: the headline's question and its answer, the posterior's mean
// and 90% interval (the prior's when no evidence applies), once the headline panel is ready,
// and nothing while it is still computing or failed. Numbers are written by hand from the
// formatting rules: a probability of 1% or more to one decimal, below that to two significant
// digits, and 0 and 1 as 0% and 100%.

import { describe, expect, it } from 'vitest';
import { answerText } from '../../../src/web/routes/share.ts';
import type { Panel } from '../../../src/web/pages/panels.ts';

const TAIL = ', from a model whose every number is traced to a source or an assumption.';

function panel(state: Panel['state'], value: unknown): Panel {
  return { state, value } as unknown as Panel;
}

const stats = (mean: number, p5: number, p95: number) => ({ stats: { mean, p5, p95 } });

describe('answerText', () => {
  it("answers with the posterior's mean and 90% interval when evidence applies", () => {
    const value = { unit: 'probability', prior: stats(0.9, 0, 1), posterior: stats(0.32, 0, 1) };
    expect(answerText('How likely?', panel('ready', value))).toBe(`How likely? 32.0% (90% interval 0% to 100%)${TAIL}`);
  });

  it("answers with the prior's when there is no posterior, small probabilities to two digits", () => {
    const value = { unit: 'probability', prior: stats(0.005, 0, 1), posterior: null };
    expect(answerText('How likely?', panel('ready', value))).toBe(`How likely? 0.5% (90% interval 0% to 100%)${TAIL}`);
  });

  it('says nothing for a panel still computing or failed, or with no distribution', () => {
    const value = { unit: 'probability', prior: stats(0.5, 0, 1), posterior: null };
    expect(answerText('Q?', panel('pending', value))).toBeUndefined();
    expect(answerText('Q?', panel('error', value))).toBeUndefined();
    expect(answerText('Q?', panel('ready', null))).toBeUndefined();
    expect(answerText('Q?', panel('ready', { unit: null, prior: null, posterior: null }))).toBeUndefined();
    expect(answerText('Q?', undefined)).toBeUndefined();
  });
});
