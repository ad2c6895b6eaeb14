// The formulas panel ("How it is computed") shows each term at the values `credence run --json`
// prints for the same model, seed and sample count: after the evidence when the run applies it,
// for the model's own quantities and for those it reads through its imports.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import request from 'supertest';
import { fixture, cli, escapeHtml, type Fixture } from '../helpers.ts';
import { value } from '../../../src/web/format.ts';
import type { RunReport, Stats } from '../../../src/analysis/report.ts';
import { loadProject } from '../../../src/model/project.ts';
import { buildGraph } from '../../../src/model/graph.ts';

let f: Fixture;

beforeAll(async () => {
  f = await fixture();
});

afterAll(async () => {
  await f?.close();
});

interface Shown {
  name: string;
  mean: string;
  interval: string;
}

/** Every term row of the panel: the name in the formula, its mean and its 90% interval as shown. */
function termsOf(html: string): Shown[] {
  const rows = html.matchAll(
    /<tr><th scope="row"><code>([^<]+)<\/code><\/th><td>[\s\S]*?<\/td><td class="num">([^<]*)<\/td><td class="num">([^<]*)<\/td><\/tr>/g,
  );
  return [...rows].map((m) => ({ name: m[1]!, mean: m[2]!, interval: m[3]! }));
}

/** The `credence run --json` report of a model at these options. */
async function runReport(id: string, args: string[]): Promise<RunReport> {
  const r = await cli(['run', id, '--json', ...args], f.modelsDir);
  expect(r.code, r.err.join('\n')).toBe(0);
  return JSON.parse(r.out.join('\n')) as RunReport;
}

/** Each quantity's unit, from the model files: the panel formats a term in its own unit. */
function unitsOf(id: string): Map<string, string | null> {
  const graph = buildGraph(loadProject(f.modelsDir), id);
  if (!graph.ok) throw new Error(`${id} does not build`);
  return new Map(graph.value.entities.map((e) => [e.name, e.quantity.unit]));
}

const query = 'samples=3000&seed=7';

describe('the formulas panel', () => {
  // p-scheming applies the 2025 report's evidence through its imports; selection-bits has the
  // most formulas; iterative-chain applies none.
  it.each(['p-scheming', 'selection-bits', 'iterative-chain'])(
    'shows every term at the values of credence run --json (%s)',
    async (id) => {
      const html = (await request(f.web.app).get(`/models/${id}/panels/formulas?${query}`)).text;
      const run = await runReport(id, ['--samples', '3000', '--seed', '7']);
      const api = (await request(f.web.app).get(`/api/models/${id}/summary?${query}`)).body as { report: RunReport };
      const units = unitsOf(id);
      const shown = termsOf(html);
      // Every formula has a table of what it reads, and each row a value.
      expect(shown.length).toBeGreaterThanOrEqual(html.match(/class="formula__terms"/g)!.length);
      expect(new Set(shown.map((t) => t.name)).size).toBeGreaterThan(1);
      for (const t of shown) {
        const stats: Stats | undefined = run.posterior?.[t.name] ?? run.nodes[t.name];
        expect(stats, t.name).toBeDefined();
        // The same numbers, not only the same digits: the summary the panel reads is the CLI's.
        expect(api.report.posterior?.[t.name] ?? api.report.nodes[t.name], t.name).toEqual(stats);
        const unit = units.get(t.name) ?? null;
        expect(t.mean, t.name).toBe(escapeHtml(value(stats!.mean, unit)));
        const varies = stats!.p5 !== stats!.p95;
        expect(t.interval, t.name).toBe(
          varies ? escapeHtml(`${value(stats!.p5, unit)} to ${value(stats!.p95, unit)}`) : 'fixed',
        );
      }
      if (id === 'p-scheming') expect(run.posterior).not.toBeNull();
    },
  );
});
