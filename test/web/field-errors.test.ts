// What-if errors beside their form field: the engine counts the column in `--set name=…`, the
// field counts it in what the reader typed (after `name=`), so column c becomes character
// c − (length of name) − 1. Expected characters are counted by hand.

import { describe, expect, it } from 'vitest';
import { fieldMessage, parseFieldError } from '../../src/web/field-errors.ts';

describe('fieldMessage', () => {
  it('counts the column in what was typed, after "name="', () => {
    // "p_step=" is 7 characters: column 8 is the first typed character
    expect(fieldMessage('p_step', 8, 'unexpected "*"')).toBe('At character 1: unexpected "*"');
    expect(fieldMessage('x', 5, 'bad')).toBe('At character 3: bad');
  });

  it('gives the message alone when the column falls within "name=" or is unknown', () => {
    expect(fieldMessage('p_step', 7, 'bad')).toBe('bad');
    expect(fieldMessage('p_step', undefined, 'bad')).toBe('bad');
  });
});

describe('parseFieldError', () => {
  it('splits a located error into its field and the message in the field’s terms', () => {
    expect(parseFieldError('--set p_step:10: expected a number')).toEqual({
      name: 'p_step',
      message: 'At character 3: expected a number',
    });
    // with a line before the column, and a message over several lines
    expect(parseFieldError('--set x:1:5: bad\nsee the docs')).toEqual({
      name: 'x',
      message: 'At character 3: bad\nsee the docs',
    });
  });

  it('keeps the message of an error located only at its field, and refuses anything else', () => {
    expect(parseFieldError('--set rate: unknown input')).toEqual({ name: 'rate', message: 'unknown input' });
    expect(parseFieldError('models/a.yaml:3:1: bad')).toBeNull();
  });
});
