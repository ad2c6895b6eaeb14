// The resolve and forecast forms of a signed-in resolver or forecaster. A resolution is
// recorded in two steps: the form (no outcome chosen for you), then a review that shows the
// shift it will cause to P(scheming) and the linked model's output, and asks to confirm. After
// recording, the prediction's page confirms with the shift (`?resolved=<version>`). Forecasts
// are typed in percent (a slider and a number). Every form carries the session's CSRF token.

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

/** How long the review waits for the runs that show the shift. */
const REVIEW_BUDGET_MS = 120_000;

const OUTCOME_TEXT: Record<string, string> = {
  yes: 'Yes: it happened as the criteria say',
  no: 'No: it did not',
  ambiguous: 'Ambiguous: the criteria cannot decide it (not scored, not evidence)',
  annulled: 'Annulled: the question no longer applies (not scored, not evidence)',
  unresolved: 'Reopen: undo the current resolution',
};

export function predictionFormRoutes(site: Site): Router {
  const r = Router();
  const form = formBody();
  const store = () => storeOf(site);
  const session = (req: Request) => sessionOf(site, req);
  const predictionOf = (req: Request) => {
    const pid = String(req.params.pid);
    const catalog = site.track?.catalog(site.live.current()).catalog;
    const prediction = catalog?.byId.get(pid);
    if (!catalog || !prediction) throw new HttpError(404, `there is no prediction '${pid}'`);
    return { pid, catalog, prediction };
  };
  /** The session, a valid CSRF token in the form and the role, or an error page (401/403). */
  const checked = async (req: Request, res: Response, role: 'resolver' | 'forecaster') => {
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
  };

  const writePage = async (
    req: Request,
    res: Response,
    status: number,
    error: string | null,
    values: Record<string, unknown> = {},
    review: Record<string, unknown> | null = null,
  ) => {
    const { pid, prediction } = predictionOf(req);
    const s = await session(req);
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
      csrf: await csrfToken(store(), s.id),
      resolver: s.identity.role === 'resolver',
      forecaster: s.identity.role === 'forecaster',
      open: state.status === 'open',
      outcomes,
      percent,
      slider: percent !== '' && Number.isFinite(Number(percent)) ? Math.round(Number(percent)) : 50,
    });
    res.set('Cache-Control', 'no-store').status(status).type('html').send(html);
  };

  r.get('/predictions/:pid/write', async (req, res) => {
    store();
    await writePage(req, res, 200, null);
  });

  const failed = async <T>(req: Request, res: Response, written: Write<T>, values: Record<string, unknown>) => {
    if (written.ok) return false;
    const status = httpStatus(written.error);
    if (status === 404) throw new HttpError(404, written.error.message);
    await writePage(req, res, status, written.error.message, values);
    return true;
  };

  r.post('/predictions/:pid/resolution', form, async (req, res) => {
    const s = await checked(req, res, 'resolver');
    if (!s) return;
    const { pid, catalog, prediction } = predictionOf(req);
    const b = req.body as Record<string, unknown>;
    const url = typeof b.evidenceUrl === 'string' ? b.evidenceUrl.trim() : '';
    const body = {
      outcome: b.outcome,
      note: b.note,
      version: typeof b.version === 'string' && /^\d+$/.test(b.version) ? Number(b.version) : b.version,
      ...(url ? { evidenceUrl: url } : {}),
    };
    const values = { outcome: b.outcome, note: b.note, evidenceUrl: url };
    const parsed = ResolutionRequest.safeParse(body);
    if (!parsed.success) return writePage(req, res, 400, describeIssues(parsed.error), values);
    const current = site.track!.state(pid);
    if (parsed.data.version !== current.version)
      return writePage(
        req,
        res,
        409,
        `prediction '${pid}' changed since you loaded the form (it is at version ${current.version}, now ${current.status}); review it and choose again`,
        values,
      );
    if (b.confirm !== '1' || b.edit !== undefined) {
      if (b.edit !== undefined) return writePage(req, res, 200, null, values);
      const outcome = parsed.data.outcome;
      const after: Status = outcome === 'unresolved' ? 'open' : outcome;
      const shifts = await shiftFigures(site, site.live.current(), prediction.model, pid, after, REVIEW_BUDGET_MS);
      return writePage(req, res, 200, null, values, {
        outcome,
        text: OUTCOME_TEXT[outcome],
        version: parsed.data.version,
        note: parsed.data.note,
        evidenceUrl: parsed.data.evidenceUrl,
        shifts,
        evidence: after === 'yes' || after === 'no',
      });
    }
    const written = await recordResolution(store(), catalog, pid, body, { name: s.identity.name, via: 'web' });
    if (await failed(req, res, written, values)) return;
    const version = written.ok ? written.value.version : 0;
    res.set('Cache-Control', 'no-store').redirect(303, `/predictions/${encodeURIComponent(pid)}?resolved=${version}`);
  });

  r.post('/predictions/:pid/forecasts', form, async (req, res) => {
    const s = await checked(req, res, 'forecaster');
    if (!s) return;
    const { pid, catalog } = predictionOf(req);
    const b = req.body as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v.trim().replace(/%$/, '').trim() : '');
    // The form sends percent; an API-style 0–1 credence is still taken.
    const credence =
      text(b.percent) !== ''
        ? Number(text(b.percent)) / 100
        : text(b.credence) !== ''
          ? Number(text(b.credence))
          : undefined;
    const note = typeof b.note === 'string' && b.note.trim() !== '' ? { note: b.note } : {};
    const values = { percent: typeof b.percent === 'string' ? b.percent : '', forecastNote: b.note };
    if (credence !== undefined && Number.isNaN(credence))
      return writePage(req, res, 400, 'the forecast must be a number of percent, e.g. 70', values);
    const written = await recordForecast(
      store(),
      catalog,
      pid,
      { credence, ...note },
      { name: s.identity.name, via: 'web' },
    );
    if (!written.ok && written.error.kind === 'invalid' && /credence/.test(written.error.message))
      return writePage(req, res, 400, 'the forecast must be more than 0% and less than 100%, e.g. 70', values);
    if (await failed(req, res, written, values)) return;
    res.set('Cache-Control', 'no-store').redirect(303, `/predictions/${encodeURIComponent(pid)}`);
  });

  return r;
}
