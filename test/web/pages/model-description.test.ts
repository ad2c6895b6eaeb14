// A model's description on its page: the first sentence shown, the rest folded. The first
// sentence is 20 to 300 characters and ends at . ! or ? followed by space, not after an
// abbreviation such as "e.g."; whitespace, line breaks included, is collapsed first.

import { describe, expect, it } from 'vitest';
import { splitDescription } from '../../../src/web/pages/model.ts';

describe('splitDescription', () => {
  it('splits after the first sentence, collapsing line breaks and runs of spaces', () => {
    const text = 'The chance that   it rains\n tomorrow in Leeds. It reads\n\nthe forecast.';
    expect(splitDescription(text)).toEqual({
      lead: 'The chance that it rains tomorrow in Leeds.',
      rest: 'It reads the forecast.',
    });
  });

  it('does not end the first sentence at an abbreviation', () => {
    const text = 'Models of weather, e.g. rain and wind, as odds. More follows!';
    expect(splitDescription(text)).toEqual({
      lead: 'Models of weather, e.g. rain and wind, as odds.',
      rest: 'More follows!',
    });
  });

  it('passes over a sentence shorter than 20 characters to the next end', () => {
    // "Short one." is 10 characters: the lead runs on to the question mark
    expect(splitDescription('Short one. Does the longer part end here? Yes.')).toEqual({
      lead: 'Short one. Does the longer part end here?',
      rest: 'Yes.',
    });
  });

  it('keeps a text of one sentence, or with no end within 300 characters, whole', () => {
    expect(splitDescription('  One sentence only, ending here.  ')).toEqual({
      lead: 'One sentence only, ending here.',
      rest: '',
    });
    const long = `${'word '.repeat(70)}end. Next sentence.`; // the first end is at character 354
    expect(splitDescription(long)).toEqual({ lead: long.trim(), rest: '' });
  });
});
