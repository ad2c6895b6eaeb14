// The limits are stated in the README as they are in the code, and each names itself.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { LIMITS, count, limitError, type LimitName } from '../../src/model/limits.ts';

const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
const section = /- \*\*Limits\*\*:([\s\S]*?)(?:\n- |\n\n)/.exec(readme)?.[1] ?? '';

describe('limits', () => {
  it.each(Object.entries(LIMITS))('the README states %s = %d', (_, value) => {
    expect(section.replace(/\s+/g, ' ')).toContain(count(value));
  });

  it('an error names the limit, its value and its unit', () => {
    const e = limitError('import-depth' as LimitName, 'this chain has 40 models', { file: 'a.yaml', line: 3, col: 6 });
    expect(e).toEqual({
      code: 'limit-exceeded',
      message: 'this chain has 40 models, over the limit of 32 models (import-depth)',
      file: 'a.yaml',
      line: 3,
      col: 6,
      limit: { name: 'import-depth', max: 32 },
    });
  });
});
