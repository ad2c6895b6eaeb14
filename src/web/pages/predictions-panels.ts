// The computed parts of the predictions list: the table of every prediction with the author's
// credence beside the one the overall model implies and the forecasters' median (the implied
// analysis of the registry, the same numbers as `credence predictions`), and the open
// predictions ranked by their value of information on the overall model's output (the voi
// analysis, as `credence voi --model <overall>` and /charts/<overall>/voi.svg).

import { aggregateOf, type Status } from '../../predictions/index.ts';
import { derive, jobFor } from '../jobs.ts';
import { settlePanels, type Panel, type PanelSpec } from './panels.ts';
import type { ResultOf } from '../../analysis/registry/index.ts';
import type { Snapshot } from '../live-project.ts';
import type { Site } from '../site.ts';
import type { Board } from '../track.ts';

export interface PredictionRow {
  id: string;
  statement: string;
  model: string;
  /** The model it is read in (the overall model, or its linked model outside it). */
  valuedIn: string | null;
  /** The author's credence. */
  credence: number;
  /** The credence `valuedIn` implies (null when it cannot run: see `impliedError`). */
  implied: number | null;
  impliedError: string | null;
  /** The median of each forecaster's latest forecast, and how many forecasters. */
  aggregate: number | null;
  forecasters: number;
  status: Status;
  /** When the current status was set (null while open). */
  resolvedAt: string | null;
}

export type PredictionsPanelName = 'predictions' | 'voi';

export const PREDICTIONS_PANELS: readonly PredictionsPanelName[] = ['predictions', 'voi'];

function specs(site: Site, snapshot: Snapshot): PanelSpec[] {
  const out: PanelSpec[] = [
    {
      id: 'predictions',
      title: 'All predictions',
      partial: 'panel-predictions',
      job: jobFor(site.track, snapshot, 'implied', derive('implied', {})),
      src: '/predictions/panels/predictions',
    },
  ];
  const overall = site.headline ? snapshot.project.models.get(site.headline) : undefined;
  if (overall)
    out.push({
      id: 'voi',
      title: 'Which open prediction is most worth resolving',
      partial: 'panel-voi',
      job: jobFor(site.track, snapshot, 'voi', derive('voi', { model: overall.id })),
      src: '/predictions/panels/voi',
      extra: { model: { id: overall.id, title: overall.title } },
    });
  return out;
}

/** Each prediction of the board as a row, with the implied credences of `implied`. */
export function predictionRows(board: Board, implied: ResultOf<'implied'>): PredictionRow[] {
  const byId = new Map(implied.predictions.map((p) => [p.id, p]));
  return board.records.map(({ prediction: p, state }) => {
    const latest = new Set(state.forecasts.map((f) => f.forecaster));
    return {
      id: p.id,
      statement: p.statement,
      model: p.model,
      valuedIn: byId.get(p.id)?.valuedIn ?? null,
      credence: p.credence,
      implied: byId.get(p.id)?.implied ?? null,
      impliedError: byId.get(p.id)?.error ?? null,
      aggregate: aggregateOf(state.forecasts),
      forecasters: latest.size,
      status: state.status,
      resolvedAt: state.resolution?.at ?? null,
    };
  });
}

/**
 * The panels (all, or the one named), waited for up to `budgetMs`; a ready table's value is
 * its rows, a ready ranking's the voi result itself.
 */
export async function predictionsPanels(
  site: Site,
  snapshot: Snapshot,
  board: Board,
  budgetMs: number,
  only: PredictionsPanelName | null = null,
): Promise<Panel[]> {
  const wanted = specs(site, snapshot).filter((s) => only === null || s.id === only);
  const panels = await settlePanels(site.results, snapshot, wanted, budgetMs);
  return panels.map((p) =>
    p.id === 'predictions' && p.state === 'ready'
      ? {
          ...p,
          value: {
            rows: predictionRows(board, p.value as ResultOf<'implied'>),
            model: (p.value as ResultOf<'implied'>).model,
          },
        }
      : p,
  );
}
