// The predictions pages: the list (statement, the author's credence beside the model's and the
// forecasters' median, status, scores and calibration), and one prediction as a question page
// (its figures side by side, what its resolution did or would do to the models, the criteria,
// the history with readable dates, and the forms of whoever is signed in).

import {
  timeline,
  aggregateOf,
  countedForecasts,
  type HistoryEntry,
  type Prediction,
} from '../../predictions/index.ts';
import type { Snapshot } from '../live-project.ts';
import type { Board } from '../track.ts';
import type { Panel } from './panels.ts';
import { predictionsPanels } from './predictions-panels.ts';
import type { Site } from '../site.ts';
import { aroundResolution, shownModels, type Shift } from '../impact.ts';
import { predictionPanels } from './prediction-panels.ts';

export interface PredictionsPage {
  board: Board;
  calibration: unknown;
  /** The table of predictions with the model-implied credences, and the value-of-information ranking. */
  panels: Panel[];
  panelById: Record<string, Panel>;
}

export async function predictionsPage(
  site: Site,
  snapshot: Snapshot,
  budgetMs: number,
): Promise<PredictionsPage | null> {
  const track = site.track;
  const board = track?.board(snapshot);
  if (!track || !board) return null;
  const forecasters = board.scoreboard.forecasters.filter((f) => f.forecaster !== 'author').map((f) => f.forecaster);
  const panels = await predictionsPanels(site, snapshot, board, budgetMs);
  return {
    board,
    panels,
    panelById: Object.fromEntries(panels.map((p) => [p.id, p])),
    calibration: {
      series: [
        { name: 'author', bins: board.calibration },
        ...forecasters.map((name) => ({ name, bins: track.calibrationOf(snapshot, name) })),
      ],
      title: 'Calibration of the author and each forecaster',
    },
  };
}

export interface ForecasterLine {
  forecaster: string;
  credence: number;
  at: string;
  /** Counted in the scores (made before the resolution). */
  counted: boolean;
}

export interface PredictionPage {
  prediction: Omit<Prediction, 'pYesExpr' | 'pYesSource' | 'loc'>;
  status: string;
  version: number;
  history: HistoryEntry[];
  /** Each forecaster's latest forecast. */
  forecasters: ForecasterLine[];
  aggregate: number | null;
  /** What its resolution does to the models, and its credences over time (ready or pending). */
  panels: Panel[];
  panelById: Record<string, Panel>;
  /** `?resolved=<version>`: the confirmation after recording a resolution, with its shift. */
  confirmation: { version: number; outcome: string; shifts: Shift[] } | null;
}

const BUDGET_MS = 3_000;

export async function predictionPage(
  site: Site,
  snapshot: Snapshot,
  id: string,
  resolvedVersion: number | null,
): Promise<PredictionPage | null> {
  const track = site.track;
  const p = track?.catalog(snapshot).catalog?.byId.get(id);
  if (!track || !p) return null;
  const state = track.state(id);
  const { pYesExpr: _e, pYesSource: _s, loc: _l, ...prediction } = p;
  const models = shownModels(site, snapshot, p.model, id);
  const latest = new Map(state.forecasts.map((f) => [f.forecaster, f]));
  const counted = new Set(countedForecasts(state).map((f) => f.id));
  const panels = await predictionPanels(site, snapshot, id, Math.min(BUDGET_MS, site.budgetMs));
  let confirmation: PredictionPage['confirmation'] = null;
  const event = resolvedVersion === null ? null : state.resolutions.find((e) => e.version === resolvedVersion);
  if (event) {
    const shifts = await Promise.all(
      models.map((m) => aroundResolution(site, snapshot, m, id, 60_000, resolvedVersion)),
    );
    confirmation = {
      version: event.version,
      outcome: event.outcome,
      shifts: shifts.filter((x): x is NonNullable<typeof x> => x !== null),
    };
  }
  return {
    prediction,
    status: state.status,
    version: state.version,
    history: timeline(state),
    forecasters: [...latest.values()].map((f) => ({
      forecaster: f.forecaster,
      credence: f.credence,
      at: f.at,
      counted: counted.has(f.id),
    })),
    aggregate: aggregateOf(state.forecasts),
    panels,
    panelById: Object.fromEntries(panels.map((x) => [x.id, x])),
    confirmation,
  };
}
