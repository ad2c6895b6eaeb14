// The bounded cache of results and pages: the least recently used entry goes first when either
// the entry count or the total size is over its bound, reading an entry makes it the most recent,
// and an entry larger than the whole bound is never kept.

import { describe, expect, it } from 'vitest';
import { Lru } from '../../src/web/lru.ts';

const keys = (c: { has(k: string): boolean }, all: string[]) => all.filter((k) => c.has(k));

describe('Lru', () => {
  it('drops the least recently used entry beyond the entry bound, a read counting as a use', () => {
    const c = new Lru<number>(2);
    c.set('a', 1);
    c.set('b', 2);
    expect(c.get('a')).toBe(1); // a is now newer than b
    c.set('c', 3);
    expect(keys(c, ['a', 'b', 'c'])).toEqual(['a', 'c']);
    expect(c.get('b')).toBeUndefined();
    expect(c.size).toBe(2);
  });

  it('drops the oldest entries until the total size is within its bound', () => {
    const c = new Lru<string>(10, 10, (v) => v.length);
    c.set('a', 'xxxx'); // 4
    c.set('b', 'xxxx'); // 8
    c.set('c', 'xxxxxxx'); // 15: drop a (11), then b (7)
    expect(keys(c, ['a', 'b', 'c'])).toEqual(['c']);
  });

  it('counts a replaced entry at its new size only, and makes it the newest', () => {
    const c = new Lru<string>(10, 10, (v) => v.length);
    c.set('a', 'xxxxxx'); // 6
    c.set('b', 'xx'); // 8
    c.set('a', 'x'); // 3 in all, a newest
    c.set('c', 'xxxxxxx'); // 10: nothing dropped
    expect(keys(c, ['a', 'b', 'c'])).toEqual(['a', 'b', 'c']);
    c.set('d', 'x'); // 11: b is the oldest now
    expect(keys(c, ['a', 'b', 'c', 'd'])).toEqual(['a', 'c', 'd']);
  });

  it('never keeps an entry larger than the bound, and forgets the old value under its key', () => {
    const c = new Lru<string>(10, 5, (v) => v.length);
    c.set('a', 'xx');
    c.set('b', 'xx');
    c.set('a', 'xxxxxx');
    expect(keys(c, ['a', 'b'])).toEqual(['b']);
    c.clear();
    expect(c.size).toBe(0);
    c.set('e', 'xxxxx'); // the total was reset with the entries
    expect(c.has('e')).toBe(true);
  });
});
