// The resolve and forecast forms of a signed-in resolver or forecaster. A resolution is
// recorded in two steps: the form (no outcome chosen for you), then a review that shows the
// shift it will cause to P(scheming) and the linked model's output, and asks to confirm. After
// recording, the prediction's page confirms with the shift (`?resolved=<version>`). Forecasts
// are typed in percent (a slider and a number). Every form carries the session's CSRF token,
// and every form that writes a key that makes sending it twice write once (form-once.ts).

import { Router, type Request, type Response } from 'express';
import {
  csrfToken,
  recordResolution,
  recordForecast,
  httpStatus,
  ResolutionRequest,
  describeIssues,
  OUTCOMES,
  type Status,
  type Write,
} from '../../predictions/index.ts';
import { HttpError, type Site } from '../site.ts';
import { renderPage, renderError } from './render.ts';
import { formBody, storeOf, sessionOf, checkedSession } from './form-session.ts';
import { shiftFigures } from '../impact.ts';
import { newFormKey, writeOnce } from './form-once.ts';

/** How long the review waits for the runs that show the shift. */
const REVIEW_BUDGET_MS = 120_000;

const OUTCOME_TEXT: Record<string, string> = {
  yes: 'Yes: it happened as the criteria say',
  no: 'No: it did not',
  ambiguous: 'Ambiguous: the criteria cannot decide it (not scored, not evidence)',
  annulled: 'Annulled: the question no longer applies (not scored, not evidence)',
  unresolved: 'Reopen: undo the current resolution',
};

type Values = Record<string, unknown>;

function predictionOf(site: Site, req: Request) {
  const pid = String(req.params.pid);
  const catalog = site.track?.catalog(site.live.current()).catalog;
  const prediction = catalog?.byId.get(pid);
  if (!catalog || !prediction) throw new HttpError(404, `there is no prediction '${pid}'`);
  return { pid, catalog, prediction };
}

/** The session, a valid CSRF token in the form and the role, or an error page (401/403) and null. */
async function checkedRole(site: Site, req: Request, res: Response, role: 'resolver' | 'forecaster') {
  const s = await checkedSession(site, req, res);
  if (!s) return null;
  if (s.identity.role !== role) {
    const what = role === 'resolver' ? 'resolving' : 'forecasting';
    renderError(
      site,
      req,
      res,
      403,
      `${s.identity.name} holds a ${s.identity.role} token; ${what} needs a ${role} token`,
    );
    return null;
  }
  return s;
}

/** The form page (or, with `review`, the resolution's review), with what was typed kept in it. */
async function writePage(
  site: Site,
  req: Request,
  res: Response,
  status: number,
  error: string | null,
  values: Values = {},
  review: Values | null = null,
) {
  const { pid, prediction } = predictionOf(site, req);
  const s = await sessionOf(site, req);
  if (!s)
    return void res
      .set('Cache-Control', 'no-store')
      .redirect(303, `/sign-in?next=${encodeURIComponent(`/predictions/${pid}/write`)}`);
  const state = site.track!.state(pid);
  const outcomes = (state.status === 'open' ? OUTCOMES : [...OUTCOMES, 'unresolved' as const])
    .filter((o) => o !== state.status)
    .map((o) => ({ value: o, text: OUTCOME_TEXT[o], checked: values.outcome === o }));
  const percent = typeof values.percent === 'string' ? values.percent : '';
  const html = renderPage(site, site.live.current(), 'prediction-write', `Resolve or forecast prediction ${pid}`, {
    prediction,
    state,
    error,
    values,
    review,
    identity: s.identity,
    csrf: await csrfToken(storeOf(site), s.id),
    formKey: newFormKey(),
    resolver: s.identity.role === 'resolver',
    forecaster: s.identity.role === 'forecaster',
    open: state.status === 'open',
    outcomes,
    percent,
    slider: percent !== '' && Number.isFinite(Number(percent)) ? Math.round(Number(percent)) : 50,
  });
  res.set('Cache-Control', 'no-store').status(status).type('html').send(html);
}

/** A refused write shown on the form (true), or false when it was recorded; 404 stays an error page. */
async function failed<T>(site: Site, req: Request, res: Response, written: Write<T>, values: Values) {
  if (written.ok) return false;
  const status = httpStatus(written.error);
  if (status === 404) throw new HttpError(404, written.error.message);
  await writePage(site, req, res, status, written.error.message, values);
  return true;
}

async function showWriteForm(site: Site, req: Request, res: Response) {
  storeOf(site);
  await writePage(site, req, res, 200, null);
}

/** The review step: the shift the chosen outcome would cause, and a button to confirm it. */
async function reviewResolution(site: Site, req: Request, res: Response, request: ResolutionRequest, values: Values) {
  const { pid, prediction } = predictionOf(site, req);
  const after: Status = request.outcome === 'unresolved' ? 'open' : request.outcome;
  const shifts = await shiftFigures(site, site.live.current(), prediction.model, pid, after, REVIEW_BUDGET_MS);
  await writePage(site, req, res, 200, null, values, {
    outcome: request.outcome,
    text: OUTCOME_TEXT[request.outcome],
    version: request.version,
    note: request.note,
    evidenceUrl: request.evidenceUrl,
    shifts,
    evidence: after === 'yes' || after === 'no',
  });
}

async function postResolution(site: Site, req: Request, res: Response) {
  const s = await checkedRole(site, req, res, 'resolver');
  if (!s) return;
  predictionOf(site, req);
  const b = req.body as Values;
  const url = typeof b.evidenceUrl === 'string' ? b.evidenceUrl.trim() : '';
  const body = {
    outcome: b.outcome,
    note: b.note,
    version: typeof b.version === 'string' && /^\d+$/.test(b.version) ? Number(b.version) : b.version,
    ...(url ? { evidenceUrl: url } : {}),
  };
  const values = { outcome: b.outcome, note: b.note, evidenceUrl: url };
  const parsed = ResolutionRequest.safeParse(body);
  if (!parsed.success) return writePage(site, req, res, 400, describeIssues(parsed.error), values);
  if (b.edit === undefined && b.confirm === '1')
    return writeOnce(
      storeOf(site),
      s.identity,
      req,
      res,
      () => recordConfirmed(site, req, res, s.identity.name, parsed.data.version, body, values),
      (r) => writePage(site, req, res, r.status, r.message, values),
    );
  if (!(await stale(site, req, res, parsed.data.version, values)))
    return b.edit !== undefined
      ? writePage(site, req, res, 200, null, values)
      : reviewResolution(site, req, res, parsed.data, values);
}

/** The form was loaded at another version of the prediction: shown again (409), true. */
async function stale(site: Site, req: Request, res: Response, version: number, values: Values) {
  const { pid } = predictionOf(site, req);
  const current = site.track!.state(pid);
  if (version === current.version) return false;
  await writePage(
    site,
    req,
    res,
    409,
    `prediction '${pid}' changed since you loaded the form (it is at version ${current.version}, now ${current.status}); review it and choose again`,
    values,
  );
  return true;
}

/** Record a confirmed resolution; the prediction's page to go to, or null when refused. */
async function recordConfirmed(
  site: Site,
  req: Request,
  res: Response,
  name: string,
  version: number,
  body: Values,
  values: Values,
): Promise<string | null> {
  const { pid, catalog } = predictionOf(site, req);
  if (await stale(site, req, res, version, values)) return null;
  const written = await recordResolution(storeOf(site), catalog, pid, body, { name, via: 'web' });
  if (await failed(site, req, res, written, values)) return null;
  const recorded = written.ok ? written.value.version : 0;
  return `/predictions/${encodeURIComponent(pid)}?resolved=${recorded}`;
}

/** The form sends percent; an API-style 0–1 credence is still taken. */
function credenceOf(b: Values): number | undefined {
  const text = (v: unknown) => (typeof v === 'string' ? v.trim().replace(/%$/, '').trim() : '');
  if (text(b.percent) !== '') return Number(text(b.percent)) / 100;
  return text(b.credence) !== '' ? Number(text(b.credence)) : undefined;
}

async function postForecast(site: Site, req: Request, res: Response) {
  const s = await checkedRole(site, req, res, 'forecaster');
  if (!s) return;
  const b = req.body as Values;
  const values = { percent: typeof b.percent === 'string' ? b.percent : '', forecastNote: b.note };
  await writeOnce(
    storeOf(site),
    s.identity,
    req,
    res,
    () => recordTyped(site, req, res, s.identity.name, values),
    (r) => writePage(site, req, res, r.status, r.message, values),
  );
}

/** Record the forecast typed in the form; the prediction's page to go to, or null when refused. */
async function recordTyped(site: Site, req: Request, res: Response, name: string, values: Values) {
  const { pid, catalog } = predictionOf(site, req);
  const b = req.body as Values;
  const credence = credenceOf(b);
  const note = typeof b.note === 'string' && b.note.trim() !== '' ? { note: b.note } : {};
  if (credence !== undefined && Number.isNaN(credence)) {
    await writePage(site, req, res, 400, 'the forecast must be a number of percent, e.g. 70', values);
    return null;
  }
  const written = await recordForecast(storeOf(site), catalog, pid, { credence, ...note }, { name, via: 'web' });
  if (!written.ok && written.error.kind === 'invalid' && written.error.fields.includes('credence')) {
    await writePage(site, req, res, 400, 'the forecast must be more than 0% and less than 100%, e.g. 70', values);
    return null;
  }
  if (await failed(site, req, res, written, values)) return null;
  return `/predictions/${encodeURIComponent(pid)}`;
}

export function predictionFormRoutes(site: Site): Router {
  const form = formBody();
  return Router()
    .get('/predictions/:pid/write', (req, res) => showWriteForm(site, req, res))
    .post('/predictions/:pid/resolution', form, (req, res) => postResolution(site, req, res))
    .post('/predictions/:pid/forecasts', form, (req, res) => postForecast(site, req, res));
}
