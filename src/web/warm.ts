// After start: compute what the first visitors will ask for (the home page and each model's
// default view), so their pages arrive complete.

import { worldviewsSpec, modelsPanel } from './pages/home.ts';
import { panelSpecs } from './pages/model-panels.ts';
import { derive } from './jobs.ts';
import type { Site } from './site.ts';

/** `stopping()` tells a failure caused by the server shutting down, which is not reported. */
export async function warmUp(site: Site, stopping: () => boolean = () => false): Promise<void> {
  try {
    const snapshot = site.live.current();
    await modelsPanel(site, snapshot, 600_000);
    const spec = worldviewsSpec(site, snapshot);
    if (spec) await site.results.get(spec.job, snapshot);
    for (const model of snapshot.project.models.values()) {
      const extra = site.track?.evidence(snapshot, model.id) ?? [];
      const checked = await site.results.check(snapshot, {
        model: model.id,
        request: derive('run', { model: model.id }),
        extra,
      });
      if (!checked.ok) continue;
      for (const s of panelSpecs(site, snapshot, model, checked, {})) await site.results.get(s.job, snapshot);
    }
  } catch (e) {
    if (stopping()) return;
    console.error('credence: warming the cache failed:', e instanceof Error ? e.message : e);
  }
}
