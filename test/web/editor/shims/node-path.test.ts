// The editor worker's stand-in for node:path, against Node's own POSIX path on the names a model
// loader meets in the browser (plain relative and absolute file names, no "..").

import { describe, expect, it } from 'vitest';
import { posix } from 'node:path';
import * as shim from '../../../../src/web/editor/shims/node-path.ts';

const NAMES = ['models/a.yaml', 'a.yaml', '/srv/models/b.model.yaml', 'models/.hidden', 'models/noext', 'c.'];

describe('the node:path stand-in', () => {
  it('agrees with POSIX basename, extname and dirname', () => {
    for (const p of NAMES) {
      expect(shim.basename(p), p).toBe(posix.basename(p));
      expect(shim.basename(p, '.yaml'), p).toBe(posix.basename(p, '.yaml'));
      expect(shim.extname(p), p).toBe(posix.extname(p));
      expect(shim.dirname(p), p).toBe(posix.dirname(p));
    }
  });

  it('agrees with POSIX join, empty parts and doubled slashes included', () => {
    for (const parts of [
      ['models', 'a.yaml'],
      ['models/', '/a.yaml'],
      ['', 'a.yaml'],
      ['/srv', 'models', 'b.yaml'],
    ])
      expect(shim.join(...parts), parts.join(' + ')).toBe(posix.join(...parts));
  });

  it('leaves names as they are for display: relative gives the name itself', () => {
    expect(shim.relative('/anywhere', 'models/a.yaml')).toBe('models/a.yaml');
    expect(shim.sep).toBe(posix.sep);
  });
});
