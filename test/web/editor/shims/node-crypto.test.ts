// The editor worker's stand-in for createHash: a cache key, not a digest. Its first eight hex
// digits are the 32-bit FNV-1a of the text, checked against the published test vectors
// (Fowler, Noll and Vo's reference: "" → 811c9dc5, "a" → e40c292c, "foobar" → bf9cf968).

import { describe, expect, it } from 'vitest';
import { createHash } from '../../../../src/web/editor/shims/node-crypto.ts';

const digest = (...parts: string[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
};

describe('createHash (the browser stand-in)', () => {
  it("starts with the text's 32-bit FNV-1a", () => {
    expect(digest('').slice(0, 8)).toBe('811c9dc5');
    expect(digest('a').slice(0, 8)).toBe('e40c292c');
    expect(digest('foobar').slice(0, 8)).toBe('bf9cf968');
  });

  it('hashes the concatenation of its updates, as 64 hex digits', () => {
    expect(digest('foo', 'bar')).toBe(digest('foobar'));
    expect(digest('foobar')).toMatch(/^[0-9a-f]{64}$/);
    expect(digest('foobar')).not.toBe(digest('foobaz'));
  });
});
