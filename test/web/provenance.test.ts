// Provenance on the web: `/api/models/:id` gives each input's basis and `from` and the counts,
// and the model page marks each input as a source's figure or an assumption, with a count of
// how many of the numbers the output rests on come from the sources.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import request from 'supertest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, type Fixture } from './helpers.ts';

let f: Fixture;

const MODEL = [
  'title: Provenance example',
  'description: Two inputs with a basis, one without, one unused.',
  'inputs:',
  '  stated:',
  '    label: A stated figure',
  '    basis: source',
  '    from: "002, Reduces with some loss: 98% per step"',
  '    dist: 0.98',
  '  mine:',
  '    label: My guess',
  '    basis: assumption',
  '    note: the thread gives no count',
  '    dist: uniform(5, 31)',
  '  bare: 2',
  '  unused:',
  '    basis: source',
  '    from: somewhere',
  '    dist: 1',
  'nodes:',
  '  y: stated ^ floor(mine) * bare',
  'output: y',
  '',
].join('\n');

beforeAll(async () => {
  f = await fixture();
  writeFileSync(join(f.modelsDir, 'provenance-example.yaml'), MODEL);
});
afterAll(() => f.close());

describe('provenance on the web', () => {
  it('/api/models/:id gives basis and from per input, and the counts', async () => {
    const res = await request(f.web.app).get('/api/models/provenance-example').expect(200);
    expect(res.body.inputs.stated).toMatchObject({
      basis: 'source',
      from: '002, Reduces with some loss: 98% per step',
      dist: '0.98',
    });
    expect(res.body.inputs.mine).toMatchObject({ basis: 'assumption', from: null, note: 'the thread gives no count' });
    expect(res.body.inputs.bare).toMatchObject({ basis: null, from: null });
    expect(res.body.provenance.own).toEqual({ source: 2, assumption: 1, undeclared: 1, total: 4 });
    expect(res.body.provenance.withImports).toEqual(res.body.provenance.own);
  });

  it('the model page marks each input and counts the numbers the output rests on', async () => {
    const res = await request(f.web.app).get('/models/provenance-example?samples=2000').expect(200);
    const html = res.text;
    // `unused` does not reach the output, so three numbers: one source, one assumption, one bare.
    expect(html).toMatch(/<strong>1 of 3<\/strong> numbers this output rests on come from the sources/);
    expect(html).toMatch(/1 are the modeller's assumptions/);
    expect(html).toMatch(/1 state no basis/);
    expect(html).toContain('From 002, Reduces with some loss: 98% per step');
    const markers = html.match(/<span class="basis basis--(source|assumption|none)">/g) ?? [];
    // One per input row (four), plus the two in the explanatory sentence.
    expect(markers).toHaveLength(6);
  });
});
