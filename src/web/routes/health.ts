// GET /healthz for load balancers and monitors: 200 when the database answers and the models
// folder has at least one model that runs, 503 otherwise, with the state of each as JSON.
// Never cached, never rate-limited, not in the access log.

import { Router } from 'express';
import type { Site } from '../site.ts';

export type DatabaseCheck = () => Promise<unknown> | unknown;

export function healthRoutes(site: Site, checkDatabase: DatabaseCheck | null): Router {
  const r = Router();
  r.get('/healthz', async (_req, res) => {
    let database: { ok: boolean; error?: string } | null = null;
    if (checkDatabase) {
      try {
        await checkDatabase();
        database = { ok: true };
      } catch (e) {
        database = { ok: false, error: e instanceof Error ? e.message : String(e) };
      }
    }
    let models: { ok: boolean; loaded: number; errors: number; error?: string };
    try {
      const p = site.live.current().project;
      models = { ok: p.models.size > 0, loaded: p.models.size, errors: p.errors.length };
    } catch (e) {
      models = { ok: false, loaded: 0, errors: 0, error: e instanceof Error ? e.message : String(e) };
    }
    const ok = models.ok && (database?.ok ?? true);
    res
      .status(ok ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json({ status: ok ? 'ok' : 'unavailable', models, database });
  });
  return r;
}
