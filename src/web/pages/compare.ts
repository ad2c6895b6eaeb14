// The compare page: two scenarios (or override sets, `a.set.<input>` and `b.set.<input>`) of
// one model side by side, the inputs where they differ, and the crux decomposition of the gap.

import * as z from 'zod';
import { requestOf, paramsOf, BadRequest, type Query } from '../query.ts';
import type { CheckedRequest } from './request.ts';
import { settlePanels, type Panel, type PanelSpec } from './panels.ts';
import { derive, distributionJob, jobFor } from '../jobs.ts';
import { SAMPLES } from '../../analysis/registry/index.ts';
import type { Model } from '../../model/load.ts';
import type { ExtraEvidence } from '../../model/graph.ts';
import type { Snapshot } from '../live-project.ts';
import type { Site } from '../site.ts';

const Params = z.object({ a: z.string().optional(), b: z.string().optional() });

/** What the compare page takes besides each side's overrides (`a.set.<input>`, `b.set.<input>`). */
const KEYS = ['a', 'b', 'samples', 'seed', 'sampler', 'evidence'];
const SIDE_SET = /^[ab]\.set\./;

export interface Side {
  key: 'a' | 'b';
  scenario: string;
  label: string;
  checked: CheckedRequest;
}

export interface ComparePage {
  model: Model;
  a: Side;
  b: Side;
  differences: { name: string; label: string | null; a: string; b: string }[];
  panels: Panel[];
  panelById: Record<string, Panel>;
  scenarios: { name: string; label: string }[];
  problem: string | null;
  query: string;
  /** The two sides' charts share their x range (the page draws them on one axis). */
  xGroup: string;
}

/** The `x.set.<input>` parameters of one side as a query of `set.<input>`. */
function sideQuery(q: Query, side: 'a' | 'b', scenario: string): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of q) {
    if (k.startsWith(`${side}.set.`)) out.append(k.slice(2), v);
    else if (['samples', 'seed', 'sampler', 'evidence'].includes(k)) out.append(k, v);
  }
  if (scenario) out.set('scenario', scenario);
  return out;
}

export async function comparePage(
  site: Site,
  snapshot: Snapshot,
  model: Model,
  q: Query,
  gate?: () => Promise<void>,
  only?: string,
): Promise<ComparePage> {
  checkKeys(q);
  const params = paramsOf(q, Params, ['a', 'b']);
  const names = Object.keys(model.scenarios);
  const a = params.a ?? '';
  const b = params.b ?? (params.a === undefined ? (names[0] ?? '') : '');
  const c: Comparing = { site, snapshot, model, q, extra: site.track?.evidence(snapshot, model.id) ?? [] };
  const [A, B] = await Promise.all([sideOf(c, 'a', a), sideOf(c, 'b', b)]);
  const query = q.toString() ? `?${q.toString()}` : '';
  const specs = A.side.checked.ok && B.side.checked.ok ? compareSpecs(c, A.side, B.side, query) : [];
  const chosen = only ? specs.filter((s) => s.id === only) : specs;
  if (gate && chosen.some((s) => !site.results.known(s.job, snapshot))) await gate();
  const panels = await settlePanels(site.results, snapshot, chosen, only ? 600_000 : site.budgetMs);
  return {
    model,
    a: A.side,
    b: B.side,
    differences: differencesOf(A.side, B.side),
    panels,
    panelById: Object.fromEntries(panels.map((p) => [p.id, p])),
    scenarios: Object.values(model.scenarios).map((s) => ({ name: s.name, label: s.label ?? s.name })),
    // When both sides' overrides are refused, the second side's reason is the one shown.
    problem: B.problem ?? A.problem,
    query,
    xGroup: 'compare',
  };
}

/** What both sides of one comparison are computed from. */
interface Comparing {
  site: Site;
  snapshot: Snapshot;
  model: Model;
  q: Query;
  extra: ExtraEvidence[];
}

function checkKeys(q: Query): void {
  for (const k of q.keys())
    if (!KEYS.includes(k) && !SIDE_SET.test(k))
      throw new BadRequest(
        `${k}: unknown parameter; the compare page takes ${KEYS.join(', ')}, a.set.<input> and b.set.<input>`,
        'unknown-parameter',
      );
}

/** One side's checked run request; overrides it refuses are dropped (the scenario stays) and the reason kept. */
async function sideOf(c: Comparing, key: 'a' | 'b', scenario: string): Promise<{ side: Side; problem: string | null }> {
  const { model } = c;
  let problem: string | null = null;
  let request;
  try {
    request = requestOf('run', sideQuery(c.q, key, scenario), model.id);
  } catch (e) {
    if (!(e instanceof BadRequest)) throw e;
    problem = e.message;
    request = requestOf('run', new URLSearchParams(scenario ? { scenario } : {}), model.id);
  }
  const checked = await c.site.results.check(c.snapshot, { model: model.id, request, extra: c.extra });
  const s = scenario ? model.scenarios[scenario] : undefined;
  const label = s ? (s.label ?? s.name) : scenario ? scenario : 'The model as written';
  return { side: { key, scenario, label, checked }, problem };
}

/** The inputs whose values differ between the sides (white space aside). */
function differencesOf(A: Side, B: Side): ComparePage['differences'] {
  const differences: ComparePage['differences'] = [];
  const bInputs = new Map(B.checked.inputs.map((i) => [i.name, i]));
  for (const i of A.checked.inputs) {
    const other = bInputs.get(i.name);
    if (other && other.value.replace(/\s+/g, '') !== i.value.replace(/\s+/g, ''))
      differences.push({ name: i.name, label: i.label, a: i.value, b: other.value });
  }
  return differences;
}

/** Each side's summary and the crux of the gap between them. */
function compareSpecs({ site, snapshot, model }: Comparing, A: Side, B: Side, query: string): PanelSpec[] {
  const summary = (s: Side): PanelSpec => ({
    id: s.key,
    title: s.label,
    partial: 'panel-summary',
    job: distributionJob(site.track, snapshot, { ...s.checked.request }),
    src: `/models/${model.id}/compare/panels/${s.key}${query}`,
  });
  const request = derive(
    'crux',
    { ...A.checked.request },
    {
      samples: Math.min(A.checked.request.samples, SAMPLES.crux.page),
      from: A.scenario || 'default',
      to: B.scenario || 'default',
      fromSet: A.checked.request.set,
      set: B.checked.request.set,
    },
  );
  const crux: PanelSpec = {
    id: 'crux',
    title: 'Where the gap comes from',
    partial: 'panel-crux',
    job: jobFor(site.track, snapshot, 'crux', request),
    src: `/models/${model.id}/compare/panels/crux${query}`,
    extra: { from: A.scenario, to: B.scenario },
  };
  return [summary(A), summary(B), crux];
}
