// One request, one answer: every analysis that has a command gives the same JSON from the CLI
// (`--json`) as from the API, parameters and defaults included, with a recorded resolution
// applied as evidence on both sides; and a mistake gets the same sentence from both.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import request from 'supertest';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type WebApp } from '../../src/web/app.ts';
import { BUILT_WORKERS } from '../support/built-workers.ts';
import { main } from '../../src/main/credence.ts';
import { writeChainProject } from '../support/chain-project.ts';

let dir: string;
let modelsDir: string;
let dbPath: string;
let web: WebApp;

async function cli(args: string[]): Promise<{ code: number; out: string; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s), modelsDir, dbPath });
  return { code, out: out.join('\n'), err };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'credence-api-cli-'));
  modelsDir = join(dir, 'models');
  mkdirSync(modelsDir);
  writeChainProject(modelsDir, ['step-test', 'long-chain']);
  dbPath = join(dir, 'credence.db');
  web = await createApp({ modelsDir, dbPath, workers: 0, rateLimit: false, workerEntries: BUILT_WORKERS });
  // One resolution: its evidence applies to the chain on both sides, and voi values only the other.
  expect((await cli(['resolve', 'step-test', 'yes', '--note', 'it passed'])).code).toBe(0);
});

afterAll(async () => {
  await web?.close();
  rmSync(dir, { recursive: true, force: true });
});

const api = async (url: string) => {
  const res = await request(web.app).get(url);
  return { status: res.status, body: res.body as unknown, error: (res.body as { error?: string }).error };
};

/** Each analysis with a command: the command line and the same request as a URL. */
const CASES: [string, string[], string][] = [
  [
    'run',
    ['run', 'chain', '--samples', '3000', '--seed', '4', '--scenario', 'long'],
    '/api/models/chain/run?samples=3000&seed=4&scenario=long',
  ],
  [
    'run with an override',
    ['run', 'chain', '--samples', '2000', '--set', 'n=uniform(1, 3)'],
    '/api/models/chain/run?samples=2000&set.n=uniform(1,%203)',
  ],
  [
    'tornado',
    ['sensitivity', 'chain', '--method', 'tornado', '--samples', '2000'],
    '/api/models/chain/sensitivity?method=tornado&samples=2000',
  ],
  [
    'sweep',
    ['sensitivity', 'chain', '--method', 'sweep', '--samples', '1000', '--points', '11'],
    '/api/models/chain/sensitivity?method=sweep&samples=1000&points=11',
  ],
  [
    'grid',
    ['sensitivity', 'chain', '--method', 'grid', '--samples', '300', '--points', '21', '--inputs', 'p_step,n'],
    '/api/models/chain/sensitivity?method=grid&samples=300&points=21&inputs=p_step,n',
  ],
  [
    'importance',
    ['sensitivity', 'chain', '--method', 'importance', '--samples', '3000', '--seed', '2'],
    '/api/models/chain/sensitivity?method=importance&samples=3000&seed=2',
  ],
  [
    'sobol',
    ['sensitivity', 'chain', '--method', 'sobol', '--samples', '512', '--bootstrap', '50'],
    '/api/models/chain/sensitivity?method=sobol&samples=512&bootstrap=50',
  ],
  [
    'threshold',
    ['sensitivity', 'chain', '--method', 'threshold', '--threshold', '0.5', '--samples', '1000'],
    '/api/models/chain/sensitivity?method=threshold&threshold=0.5&samples=1000',
  ],
  [
    'crux',
    ['crux', 'chain', '--from', 'pessimist', '--to', 'long', '--samples', '2000'],
    '/api/models/chain/crux?from=pessimist&to=long&samples=2000',
  ],
  [
    'crux with overrides on both sides',
    ['crux', 'chain', '--from-set', 'n=6', '--set', 'n=9', '--samples', '1000'],
    '/api/models/chain/crux?fromSet.n=6&set.n=9&samples=1000',
  ],
  ['voi', ['voi', '--samples', '3000'], '/api/voi?samples=3000'],
  ['track record', ['predictions', '--samples', '3000', '--seed', '7'], '/api/track-record?samples=3000&seed=7'],
];

describe('the CLI and the API', () => {
  it.each(CASES)('%s: the same JSON', async (_name, args, url) => {
    const [c, a] = [await cli([...args, '--json']), await api(url)];
    expect(c.code).toBe(0);
    expect(a.status).toBe(200);
    expect(a.body).toEqual(JSON.parse(c.out));
  });

  it('write the same track record as CSV, holding the resolution recorded', async () => {
    const c = await cli(['predictions', '--samples', '2000', '--csv']);
    const a = await request(web.app).get('/api/track-record.csv?samples=2000');
    expect(c.code).toBe(0);
    expect(a.status).toBe(200);
    expect(a.headers['content-type']).toMatch(/^text\/csv/);
    expect(a.text.trimEnd()).toBe(c.out);
    const resolution = c.out.split('\n').filter((l) => l.startsWith('resolution,'));
    expect(resolution).toEqual([expect.stringMatching(/^resolution,step-test,.*,yes,.*it passed/)]);
  });

  it('apply the recorded resolution as evidence on both sides', async () => {
    const c = JSON.parse((await cli(['run', 'chain', '--samples', '1000', '--json'])).out);
    expect(c.evidence).toEqual(['prediction_step-test']);
    const voi = JSON.parse((await cli(['voi', '--samples', '1000', '--json'])).out);
    expect(voi.rows.map((r: { id: string }) => r.id)).toEqual(['long-chain']);
  });

  it('read the implied credences in the model a request names, and refuse an unknown one alike', async () => {
    const a = await api('/api/implied?model=chain&samples=1000');
    expect(a.status).toBe(200);
    expect((a.body as { model: string }).model).toBe('chain');
    const [c, bad] = [await cli(['predictions', '--model', 'nope']), await api('/api/implied?model=nope')];
    expect(c.code).not.toBe(0);
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(c.err.join('\n')).toContain("there is no model 'nope'");
    expect(bad.error).toContain("there is no model 'nope'");
  });

  it('use the same defaults: the sample count of each analysis', async () => {
    const c = JSON.parse((await cli(['sensitivity', 'chain', '--method', 'sobol', '--bootstrap', '0', '--json'])).out);
    const a = await api('/api/models/chain/sensitivity?method=sobol&bootstrap=0');
    expect(c.samples).toBe(8192);
    expect(a.body).toEqual(c);
  });

  it.each([
    [['run', 'chain', '--samples', '1.5'], '/api/models/chain/run?samples=1.5'],
    [['run', 'chain', '--sampler', 'halton'], '/api/models/chain/run?sampler=halton'],
    [['run', 'chain', '--scenario', 'nope'], '/api/models/chain/run?scenario=nope'],
    [['run', 'chain', '--evidence', 'nope'], '/api/models/chain/run?evidence=nope'],
    [['sensitivity', 'chain', '--method', 'spiral'], '/api/models/chain/sensitivity?method=spiral'],
    [['sensitivity', 'chain', '--method', 'threshold'], '/api/models/chain/sensitivity?method=threshold'],
    [
      ['sensitivity', 'chain', '--method', 'tornado', '--points', '11'],
      '/api/models/chain/sensitivity?method=tornado&points=11',
    ],
    [
      ['sensitivity', 'chain', '--method', 'sweep', '--points', '3'],
      '/api/models/chain/sensitivity?method=sweep&points=3',
    ],
    [['sensitivity', 'chain', '--inputs', 'nope'], '/api/models/chain/sensitivity?inputs=nope'],
    [['crux', 'chain', '--permutations', '1'], '/api/models/chain/crux?permutations=1'],
  ])('%j: the same message as its URL', async (args, url) => {
    const [c, a] = [await cli(args), await api(url)];
    expect(c.code).toBe(2);
    expect(a.status).toBe(400);
    expect(c.err).toEqual([a.error]);
  });
});
