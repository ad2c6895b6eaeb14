// The computed parts of a prediction's page, as panels: what its resolution does (or did) to
// the models, and its credences over time. Each is shown at once when its runs are ready within
// the page's budget, else sent as a placeholder that the page's script fills from the panel's
// own URL (/predictions/<id>/panels/<name>, which waits for the runs).

import type { Panel } from './panels.ts';
import type { Snapshot } from '../live-project.ts';
import type { Site } from '../site.ts';
import { aroundResolution, shownModels, whatIfStatus, type Shift } from '../impact.ts';
import { credenceHistory } from '../credence-history.ts';
import { requestContext } from '../request-context.ts';

export const PREDICTION_PANELS = ['impact', 'credence'] as const;
export type PredictionPanelName = (typeof PREDICTION_PANELS)[number];

/** Resolved: the models' output just before and after its resolution. Open: if yes, if no. */
export type PredictionImpact =
  { kind: 'resolved'; shifts: Shift[] } | { kind: 'open'; yes: Shift[]; no: Shift[] } | { kind: 'none' };

/** What the prediction's resolution does to the models it reaches; null while computing. */
async function impactOf(
  site: Site,
  snapshot: Snapshot,
  id: string,
  budgetMs: number,
): Promise<PredictionImpact | null> {
  const p = site.track?.catalog(snapshot).catalog?.byId.get(id);
  if (!site.track || !p) return { kind: 'none' };
  const models = shownModels(site, snapshot, p.model, id);
  if (models.length === 0) return { kind: 'none' };
  if (site.track.state(id).status === 'open') {
    const [yes, no] = await Promise.all(
      (['yes', 'no'] as const).map((o) =>
        Promise.all(models.map((m) => whatIfStatus(site, snapshot, m, id, o, budgetMs))),
      ),
    );
    if ([...yes!, ...no!].some((x) => x === null)) return null;
    return { kind: 'open', yes: yes as Shift[], no: no as Shift[] };
  }
  const shifts = await Promise.all(models.map((m) => aroundResolution(site, snapshot, m, id, budgetMs)));
  return shifts.some((x) => x === null) ? null : { kind: 'resolved', shifts: shifts as Shift[] };
}

/** A panel's own URL, keeping the request's pinned track record. */
function srcOf(id: string, panel: PredictionPanelName): string {
  const asof = requestContext()?.asof ?? null;
  return `/predictions/${encodeURIComponent(id)}/panels/${panel}${asof === null ? '' : `?asof=${asof}`}`;
}

function panelOf(
  id: string,
  name: PredictionPanelName,
  title: string,
  partial: string,
): Omit<Panel, 'state' | 'value' | 'errors'> {
  return { id: name, title, partial, src: srcOf(id, name), extra: { prediction: id }, ms: 0, key: null };
}

async function impactPanel(site: Site, snapshot: Snapshot, id: string, budgetMs: number): Promise<Panel> {
  const value = await impactOf(site, snapshot, id, budgetMs);
  const base = panelOf(id, 'impact', 'What its resolution does to the models', 'panel-prediction-impact');
  return value
    ? { ...base, state: 'ready', value, errors: [] }
    : { ...base, state: 'pending', value: null, errors: [] };
}

async function credencePanel(site: Site, snapshot: Snapshot, id: string, budgetMs: number): Promise<Panel | null> {
  const h = await credenceHistory(site, snapshot, id, budgetMs);
  if (!h) return null;
  const base = panelOf(id, 'credence', 'Credence over time', 'panel-credence');
  if (h.state === 'error') return { ...base, state: 'error', value: null, errors: h.errors };
  return { ...base, state: h.state, value: h.state === 'ready' ? h.value : null, errors: [] };
}

/** The prediction page's panels (or the one named), waiting up to `budgetMs` for their runs. */
export async function predictionPanels(
  site: Site,
  snapshot: Snapshot,
  id: string,
  budgetMs: number,
  only: PredictionPanelName | null = null,
): Promise<Panel[]> {
  const wanted = only === null ? PREDICTION_PANELS : [only];
  const panels = await Promise.all(
    wanted.map((name) =>
      name === 'impact' ? impactPanel(site, snapshot, id, budgetMs) : credencePanel(site, snapshot, id, budgetMs),
    ),
  );
  return panels.filter((p): p is Panel => p !== null);
}
