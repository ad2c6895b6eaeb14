// Which units are probabilities or shares in [0, 1]: the words, in any case and with a
// qualifier after them, and nothing that merely contains them.

import { describe, expect, it } from 'vitest';
import { isProbabilityUnit } from '../../src/model/units.ts';

describe('isProbabilityUnit', () => {
  it('is true for probability, share and fraction, in any case, alone or qualified', () => {
    for (const u of [
      'probability',
      'Probability',
      ' share ',
      'FRACTION',
      'probability of scheming',
      'probability, per year',
      'share of labs',
    ])
      expect(isProbabilityUnit(u), u).toBe(true);
  });

  it('is false for other units, words that only contain them, and no unit', () => {
    for (const u of [
      'generations',
      'probabilities',
      'shares',
      'market share',
      'log-odds',
      'probability-weighted',
      '',
      null,
      undefined,
    ])
      expect(isProbabilityUnit(u), String(u)).toBe(false);
  });
});
