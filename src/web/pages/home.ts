// The home page: P(output) of the overall model under each worldview, every model with its
// output mean, and the prediction scoreboard.

import { DEFAULT_SAMPLES, DEFAULT_SEED, type RunRequest } from '../../analysis/request.ts';
import { formatError } from '../../model/errors.ts';
import type { Panel, PanelSpec } from './panels.ts';
import { argumentOrder, headlineSpec } from './headline.ts';
import type { RunOutput } from '../compute/jobs.ts';
import type { Snapshot } from '../live-project.ts';
import type { Site } from '../site.ts';
import type { Board } from '../track.ts';

export const DEFAULT_REQUEST: RunRequest = {
  samples: DEFAULT_SAMPLES,
  seed: DEFAULT_SEED,
  sampler: 'mc',
  scenario: null,
  set: {},
  evidence: 'default',
};

export interface ModelRow {
  id: string;
  title: string;
  description: string;
  output: string;
  label: string | null;
  unit: string | null;
  stale: boolean;
  state: 'ready' | 'pending' | 'error';
  mean: number | null;
  p5: number | null;
  p95: number | null;
  posteriorMean: number | null;
  error: string | null;
}

export interface HomePage {
  worldviews: Panel | null;
  models: Panel;
  board: Board | null;
}

export function worldviewsSpec(site: Site, snapshot: Snapshot): PanelSpec | null {
  const id = site.headline;
  const model = id ? snapshot.project.models.get(id) : undefined;
  if (!model) return null;
  const extra = site.track?.evidence(snapshot, model.id) ?? [];
  return {
    id: 'worldviews',
    title: `${model.title}: each worldview`,
    partial: 'panel-worldviews',
    job: {
      kind: 'worldviews',
      model: model.id,
      request: DEFAULT_REQUEST,
      extra,
      scenarios: [null, ...Object.keys(model.scenarios)],
    },
    src: '/panels/worldviews',
    extra: { model: { id: model.id, title: model.title, description: model.description } },
  };
}

/** The overall model's headline, first on the home page. */
export function homeHeadlineSpec(site: Site, snapshot: Snapshot): PanelSpec | null {
  const model = site.headline ? snapshot.project.models.get(site.headline) : undefined;
  if (!model) return null;
  const extra = site.track?.evidence(snapshot, model.id) ?? [];
  const spec = headlineSpec(model, DEFAULT_REQUEST, extra, '/panels/headline');
  return { ...spec, extra: { ...spec.extra, link: true } };
}

/** Every model's default run, as rows in the order of the argument; ready when every row is. */
export async function modelsPanel(site: Site, snapshot: Snapshot, budgetMs: number): Promise<Panel> {
  const deadline = Date.now() + budgetMs;
  const rows = await Promise.all(
    argumentOrder(snapshot.project, site.headline).map(async (id): Promise<ModelRow> => {
      const m = snapshot.project.models.get(id)!;
      const extra = site.track?.evidence(snapshot, m.id) ?? [];
      const job = { kind: 'run' as const, model: m.id, request: DEFAULT_REQUEST, extra, node: null, brief: true };
      const left = deadline - Date.now();
      const c =
        left > 0
          ? await site.results.within<RunOutput>(job, snapshot, left)
          : site.results.peek<RunOutput>(job, snapshot);
      if (!c && left <= 0) void site.results.get(job, snapshot).catch(() => {});
      const out = m.output;
      const base = {
        id: m.id,
        title: m.title,
        description: firstSentence(m.description),
        output: out,
        stale: snapshot.project.stale.has(m.id),
        mean: null,
        p5: null,
        p95: null,
        posteriorMean: null,
        label: null,
        unit: null,
        error: null,
      };
      if (!c) return { ...base, state: 'pending' };
      if (!c.result.ok) return { ...base, state: 'error', error: c.result.errors.map(formatError).join('\n') };
      const r = c.result.value;
      const s = r.report.nodes[r.report.output]!;
      return {
        ...base,
        state: 'ready',
        label: r.distribution.label,
        unit: r.distribution.unit,
        mean: s.mean,
        p5: s.p5,
        p95: s.p95,
        posteriorMean: r.report.posterior?.[r.report.output]?.mean ?? null,
      };
    }),
  );
  const pending = rows.some((r) => r.state === 'pending');
  return {
    id: 'models',
    title: 'Models',
    partial: 'panel-models',
    state: pending ? 'pending' : 'ready',
    src: '/panels/models',
    value: rows,
    errors: [],
    extra: {},
    ms: 0,
    key: null,
  };
}

function firstSentence(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  const m = /^(.{40,260}?(?<!\b(?:i\.e|e\.g|etc|vs|cf))[.!?])\s/.exec(t);
  return m ? m[1]! : t.length > 260 ? `${t.slice(0, 257)}…` : t;
}
