// The home page: P(output) of the overall model under each worldview, every model with its
// output mean, and the prediction scoreboard.

import { formatError } from '../../model/errors.ts';
import type { Panel, PanelSpec } from './panels.ts';
import { argumentOrder, headlineSpec } from './headline.ts';
import { derive, distributionJob, jobFor } from '../jobs.ts';
import type { Snapshot } from '../live-project.ts';
import type { Site } from '../site.ts';
import type { Board } from '../track.ts';

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
  return {
    id: 'worldviews',
    title: `${model.title}: each worldview`,
    partial: 'panel-worldviews',
    job: jobFor(site.track, snapshot, 'worldviews', derive('worldviews', { model: model.id })),
    src: '/panels/worldviews',
    extra: { model: { id: model.id, title: model.title, description: model.description } },
  };
}

/** The overall model's headline, first on the home page. */
export function homeHeadlineSpec(site: Site, snapshot: Snapshot): PanelSpec | null {
  const model = site.headline ? snapshot.project.models.get(site.headline) : undefined;
  if (!model) return null;
  const job = distributionJob(site.track, snapshot, { model: model.id });
  const spec = headlineSpec(model, job, '/panels/headline', Object.keys(model.evidence).length);
  return { ...spec, extra: { ...spec.extra, link: true } };
}

/** Every model's default run, as rows in the order of the argument; ready when every row is. */
export async function modelsPanel(site: Site, snapshot: Snapshot, budgetMs: number): Promise<Panel> {
  const deadline = Date.now() + budgetMs;
  const rows = await Promise.all(
    argumentOrder(snapshot.project, site.headline).map(async (id): Promise<ModelRow> => {
      const m = snapshot.project.models.get(id)!;
      const job = distributionJob(site.track, snapshot, { model: m.id });
      const left = deadline - Date.now();
      const c = left > 0 ? await site.results.within(job, snapshot, left) : site.results.peek(job, snapshot);
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
      const d = c.result.value;
      const s = d.prior.stats;
      return {
        ...base,
        state: 'ready',
        label: d.label,
        unit: d.unit,
        mean: s.mean,
        p5: s.p5,
        p95: s.p95,
        posteriorMean: d.posterior?.stats.mean ?? null,
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
