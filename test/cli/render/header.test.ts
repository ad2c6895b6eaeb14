// The notes under an analysis's table: which inputs it left out, and why, one line per reason.

import { describe, expect, it } from 'vitest';
import { excludedNote } from '../../../src/cli/render/header.ts';

describe('the note of inputs left out', () => {
  it('names an input that is another quantity under a second name, with the quantity it is', () => {
    expect(
      excludedNote({
        excluded: [
          { input: 'fixed', reason: 'constant' },
          { input: 'part.w', reason: 'same-as', as: 'x' },
          { input: 'spare', reason: 'unused' },
        ],
      }),
    ).toEqual([
      '',
      'not varied (fixed values): fixed',
      'not analysed (the output does not depend on them): spare',
      'not varied on their own (each is another quantity under a second name): part.w (is x)',
    ]);
  });

  it('is empty when nothing was left out', () => {
    expect(excludedNote({ excluded: [] })).toEqual([]);
  });
});
