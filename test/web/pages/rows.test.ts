// A model page lists at most ROWS_SHOWN rows of a long list (inputs, formulas, the quantities
// and inputs to choose from) and says where the rest are; what the reader entered is always
// listed, and a smaller model's page lists everything as before.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import request from 'supertest';
import { appWith, escapeHtml, type Fixture } from '../helpers.ts';
import { UNTIL_READY_MS } from '../../support/waits.ts';
import { ROWS_SHOWN, listedInputs, choices } from '../../../src/web/pages/rows.ts';
import { FORMULAS_SHOWN } from '../../../src/analysis/page-report.ts';
import type { FormInput, InputGroup } from '../../../src/web/pages/request.ts';

const N = ROWS_SHOWN + 150;
const lines = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n');
// Every input reaches the output through its node; x0 and y0 first in the file.
const WIDE = `title: Wide
inputs:
${lines(N, (i) => `  x${i}: uniform(0, ${i + 1})`)}
nodes:
${lines(N, (i) => `  y${i}: x${i} * 2`)}
  total: ${lines(N, (i) => `y${i}`).replace(/\n/g, ' + ')}
output: total
`;

let f: Fixture;
const get = (url: string) => request(f.web.app).get(url);

beforeAll(async () => {
  f = await appWith({ 'wide.yaml': WIDE }, { firstScreenMs: UNTIL_READY_MS, budgetMs: UNTIL_READY_MS });
});

afterAll(async () => {
  await f?.close();
});

const inputRows = (html: string) => [...html.matchAll(/<tr class="input-row[^"]*">/g)].length;

describe('a model with more inputs and nodes than a page lists', () => {
  it('lists ROWS_SHOWN inputs, says how many more and where they are, and lists an edited one past them', async () => {
    const page = (await get('/models/wide?samples=200')).text;
    expect(inputRows(page)).toBe(ROWS_SHOWN);
    expect(page).toContain(`${N - ROWS_SHOWN} more inputs are not listed here`);
    expect(page).toContain('href="/api/models/wide"');
    expect(page).toContain('name="set.x0"');
    expect(page).not.toContain(`name="set.x${N - 1}"`);
    // An edit to an input past the first ROWS_SHOWN is listed, with the reader's text kept.
    const edited = (await get(`/models/wide?samples=200&set.x${N - 1}=uniform(0,%202)`)).text;
    expect(edited).toContain(`name="set.x${N - 1}" value="${escapeHtml('uniform(0, 2)')}"`);
    expect(inputRows(edited)).toBe(ROWS_SHOWN);
    // The JSON the page links to has every input.
    const json = (await get('/api/models/wide')).body as { inputs: Record<string, unknown> };
    expect(Object.keys(json.inputs)).toHaveLength(N);
  });

  it('offers any quantity by name instead of listing them all, and shows the formulas of the first nodes', async () => {
    const summary = (await get('/models/wide/panels/summary?samples=200')).text;
    expect(summary).toMatch(/<input type="text" name="node"[^>]*value="total"/);
    expect([...summary.matchAll(/<option value=/g)]).toHaveLength(ROWS_SHOWN);
    expect(summary).not.toContain('<select name="node"');
    const formulas = (await get('/models/wide/panels/formulas?samples=200')).text;
    expect([...formulas.matchAll(/<section class="formula" /g)]).toHaveLength(FORMULAS_SHOWN);
    expect(formulas).toContain('id="formula-total"');
    expect(formulas).toContain(`${N + 1 - FORMULAS_SHOWN} more are in`);
    const stats = (await get('/models/wide/panels/input-stats?samples=200')).text;
    const shown = JSON.parse(/class="input-stats">([^<]*)</.exec(stats)![1]!.replace(/&quot;/g, '"'));
    expect(Object.keys(shown)).toHaveLength(ROWS_SHOWN);
  });

  it('lists every row of a smaller model', async () => {
    const small = await appWith({
      'small.yaml': `title: Small\ninputs:\n  a: uniform(0, 1)\n  b: uniform(0, 1)\nnodes:\n  c: a + b\noutput: c\n`,
    });
    try {
      const summary = (await request(small.web.app).get('/models/small/panels/summary?samples=200')).text;
      expect(summary).toContain('<select name="node"');
      const page = (await request(small.web.app).get('/models/small?samples=200')).text;
      expect(inputRows(page)).toBe(2);
      expect(page).not.toContain('more inputs are not listed');
    } finally {
      await small.close();
    }
  });
});

describe('listedInputs and choices', () => {
  const input = (name: string, edited = false): FormInput =>
    ({ name, edited, errors: [], affects: true }) as unknown as FormInput;
  const group = (path: string, inputs: FormInput[]): InputGroup =>
    ({ path, inputs, used: inputs, unused: [] }) as unknown as InputGroup;

  it('keeps edited inputs, then the groups in order, up to the bound', () => {
    const a = group('', [input('a1'), input('a2'), input('a3')]);
    const b = group('b', [input('b.1'), input('b.2', true)]);
    const { groups, hidden } = listedInputs([a, b], 3);
    expect(groups.map((g) => g.inputs.map((i) => i.name))).toEqual([['a1', 'a2'], ['b.2']]);
    expect(hidden).toBe(2);
    expect(listedInputs([a, b], 5)).toEqual({ groups: [a, b], hidden: 0 });
  });

  it('puts the chosen names first', () => {
    const names = Array.from({ length: 10 }, (_, i) => `n${i}`);
    expect(choices(names, (n) => n, ['n9', undefined, 'nope'], 3)).toEqual({ all: false, items: ['n9', 'n0', 'n1'] });
    expect(choices(names, (n) => n, ['n9'], 10)).toEqual({ all: true, items: names });
  });
});
