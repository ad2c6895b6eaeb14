// A valid model too large for a page's default samples (5,000 quantities × 100,000 samples is
// more than one request may ask for) still gets its page: the panels whose computation is too
// large say so one by one, with the reason and what to do, and the rest of the page renders.

import { describe, it, expect, afterAll, beforeAll } from 'vitest';
import request from 'supertest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_BUDGET } from '../../src/web/app.ts';
import { fixture, type Fixture } from './helpers.ts';
import { UNTIL_READY_MS } from '../support/waits.ts';

let f: Fixture;
beforeAll(async () => {
  // The server's own allowance: what one request may ask for is its burst. The page is asserted
  // with its first screen's refusals: it waits for them however long that takes.
  f = await fixture({ budget: DEFAULT_BUDGET, firstScreenMs: UNTIL_READY_MS });
  const nodes = Array.from({ length: 4999 }, (_, i) => `  n${i + 1}: n${i} + 1`).join('\n');
  writeFileSync(join(f.modelsDir, 'chain.yaml'), `title: A long chain\nnodes:\n  n0: 1\n${nodes}\noutput: n4999\n`);
});
afterAll(async () => {
  await f?.close();
});

describe('a valid 5,000-quantity model', () => {
  it('has a page whose too-large panels each say why, not a whole-page 400', async () => {
    const page = await request(f.web.app).get('/models/chain');
    expect(page.status).toBe(200);
    expect(page.text).toContain('A long chain');
    const refusals = page.text.match(/is larger than one request may ask for/g) ?? [];
    expect(refusals.length).toBeGreaterThan(0);
    expect(page.text).toContain('ask for fewer samples');
  });

  it('runs at samples one request may ask for, with the exact result', async () => {
    const res = await request(f.web.app).get('/api/models/chain/run?samples=1000');
    expect(res.status).toBe(200);
    expect(res.body.nodes.n4999.mean).toBe(5000);
    const page = await request(f.web.app).get('/models/chain?samples=1000');
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('is larger than one request may ask for');
  });
});
