// The panels of a model too large to show whole are bounded, and each says what it leaves out
// and where that is: the graph shows the GRAPH_NODES nearest the output (or a chosen quantity),
// the page's run summarises the inputs it lists (and edited ones), and the heatmap chooses its
// pair among the first GRID_CHOICES inputs.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import request from 'supertest';
import { appWith, type Fixture } from '../helpers.ts';
import { UNTIL_READY_MS } from '../../support/waits.ts';
import { GRAPH_NODES } from '../../../src/analysis/graph-neighbourhood.ts';
import { INPUTS_SHOWN } from '../../../src/analysis/page-inputs.ts';
import { GRID_CHOICES } from '../../../src/analysis/grid.ts';
import { treeModel } from '../../support/tree-model.ts';

const N = INPUTS_SHOWN + 60;
const TREE = treeModel(N);
const NODES = 2 * N;
const LINKS = N + N - 1;

let f: Fixture;
const get = (url: string) => request(f.web.app).get(url);

beforeAll(async () => {
  f = await appWith({ 'tree.yaml': TREE }, { firstScreenMs: UNTIL_READY_MS, budgetMs: UNTIL_READY_MS });
});

afterAll(async () => {
  await f?.close();
});

describe('the graph of a model with more nodes than a graph shows', () => {
  it('draws the GRAPH_NODES nearest the output and says how many are left out and where they are', async () => {
    const panel = (await get('/models/tree/panels/graph?samples=200')).text;
    expect(panel).toContain(
      `This model's graph has ${NODES} nodes and ${LINKS} links; drawn here are the ${GRAPH_NODES} nearest <code>b0</code> (the output)`,
    );
    expect(panel).toContain(`so ${NODES - GRAPH_NODES} nodes are left out`);
    expect(panel).toContain('href="/api/models/tree"');
    const api = (await get('/api/models/tree/graph')).body;
    expect(api.nodes).toHaveLength(GRAPH_NODES);
    expect(api.total).toEqual({ nodes: NODES, edges: LINKS });
    expect(api.focus).toBe('b0');
    const svg = (await get('/charts/tree/graph.svg').buffer(true)).body.toString();
    expect(svg).toContain(`the ${GRAPH_NODES} nodes nearest b0 of ${NODES}`);
    expect([...svg.matchAll(/class="node node-/g)]).toHaveLength(GRAPH_NODES);
  });

  it('centres on a chosen quantity, and names an unknown one', async () => {
    const api = (await get(`/api/models/tree/graph?node=a${N - 1}`)).body;
    expect(api.focus).toBe(`a${N - 1}`);
    expect(api.nodes.map((n: { id: string }) => n.id)).toContain(`b${N - 1}`);
    const panel = (await get(`/models/tree/panels/graph?samples=200&node=b${N - 1}`)).text;
    expect(panel).toContain(`nearest <code>b${N - 1}</code> and`);
    const bad = await get('/api/models/tree/graph?node=nope');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain("model 'tree' has no quantity 'nope'");
  });
});

describe('the inputs a huge model page summarises', () => {
  it('summarises the inputs the page lists, an edited one past them, and any quantity asked for', async () => {
    const plain = (await get('/api/models/tree/summary?samples=200')).body;
    const names = (r: { inputs: { name: string }[] }) => r.inputs.map((i) => i.name);
    expect(names(plain)).toEqual(Array.from({ length: INPUTS_SHOWN }, (_, i) => `a${i}`));
    expect(plain.report.nodes[`a${INPUTS_SHOWN - 1}`]).toBeDefined();
    expect(plain.report.nodes[`a${INPUTS_SHOWN}`]).toBeUndefined();
    const edited = (await get(`/api/models/tree/summary?samples=200&set.a${N - 1}=0.25`)).body;
    expect(names(edited)).toHaveLength(INPUTS_SHOWN + 1);
    expect(edited.report.nodes[`a${N - 1}`].mean).toBe(0.25);
    const asked = (await get(`/api/models/tree/summary?samples=200&node=a${N - 2}`)).body;
    // Uniform(0, 1): the mean of 200 draws is within 4 standard errors (1/sqrt(12·200)) of 1/2.
    expect(Math.abs(asked.report.nodes[`a${N - 2}`].mean - 0.5)).toBeLessThan(4 / Math.sqrt(12 * 200));
    // The page shows the percentiles of every input it lists.
    const stats = (await get('/models/tree/panels/input-stats?samples=200')).text;
    const shown = JSON.parse(/class="input-stats">([^<]*)</.exec(stats)![1]!.replace(/&quot;/g, '"'));
    expect(Object.keys(shown)).toHaveLength(INPUTS_SHOWN);
  });
});

describe('the heatmap of a model with more inputs than it compares', () => {
  it('chooses its pair among the first GRID_CHOICES inputs and says so; a chosen pair is drawn as asked', async () => {
    const panel = (await get('/models/tree/panels/grid?samples=100')).text;
    expect(panel).toContain(
      `The two inputs were chosen by their swings among the first ${GRID_CHOICES} of the ${N} inputs that move the output`,
    );
    const pair = (await get('/api/models/tree/sensitivity?method=grid&samples=100')).body;
    for (const axis of [pair.x, pair.y]) expect(Number(axis.input.slice(1))).toBeLessThan(GRID_CHOICES);
    const chosen = (await get(`/api/models/tree/sensitivity?method=grid&samples=100&inputs=a${N - 1},a${N - 2}`)).body;
    expect([chosen.x.input, chosen.y.input]).toEqual([`a${N - 1}`, `a${N - 2}`]);
    expect(chosen.warnings).toEqual([]);
    // The output is the sum of every input: the mean rises with each, so the corners are ordered.
    const m = chosen.means as number[][];
    expect(m.at(-1)!.at(-1)!).toBeGreaterThan(m[0]![0]!);
  });
});
