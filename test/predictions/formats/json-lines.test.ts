// The line each element of a JSON array starts on, which the importers name in their errors: a
// scan that skips brackets, braces, commas and escaped quotes inside strings.

import { describe, expect, it } from 'vitest';
import { elementLines } from '../../../src/predictions/formats/json-lines.ts';

describe('the line each element of a JSON array starts on', () => {
  it('skips brackets, braces, commas and escaped quotes inside strings', () => {
    const text = '[\n  {"a": "x, ] } [ \\" {"},\n  [1,\n 2],\n\n  "s\\\\", 3\n]';
    expect(JSON.parse(text)).toHaveLength(4);
    expect(elementLines(text)).toEqual([2, 3, 6, 6]);
    expect(elementLines('[]')).toEqual([]);
    expect(elementLines('{"a": [1, 2]}')).toEqual([1]);
  });
});
