// A model as the API describes it: what its file says, without running it.

import type { Model } from '../../model/load.ts';
import type { Snapshot } from '../live-project.ts';
import { countProvenance, inputsWithImports } from '../../model/provenance.ts';
import type { ModelJson } from '../api-types.ts';

export function modelJson(snapshot: Snapshot, m: Model): ModelJson {
  const quantity = (q: Model['inputs'][string]) => ({ label: q.label, unit: q.unit, note: q.note, text: q.text });
  return {
    id: m.id,
    title: m.title,
    description: m.description,
    sources: m.sources,
    file: m.file,
    hash: snapshot.keyOf(m.id),
    stale: snapshot.project.stale.has(m.id),
    output: m.output,
    inputs: Object.fromEntries(
      Object.values(m.inputs).map((q) => [q.name, { ...quantity(q), basis: q.basis, from: q.from, dist: q.text }]),
    ),
    /** How many inputs state a source's figure or the modeller's assumption: this file's, and with its imports. */
    provenance: {
      own: countProvenance(Object.values(m.inputs)),
      withImports: countProvenance(inputsWithImports(snapshot.project, m)),
    },
    nodes: Object.fromEntries(Object.values(m.nodes).map((q) => [q.name, { ...quantity(q), expr: q.text }])),
    scenarios: Object.fromEntries(
      Object.values(m.scenarios).map((s) => [
        s.name,
        {
          label: s.label,
          note: s.note,
          sources: s.sources,
          set: Object.fromEntries(s.overrides.map((o) => [o.name, o.text])),
        },
      ]),
    ),
    evidence: Object.fromEntries(
      Object.values(m.evidence).map((e) => [
        e.name,
        { likelihood: e.text, note: e.note, source: e.citation, applied: e.applied },
      ]),
    ),
    imports: Object.fromEntries(Object.values(m.imports).map((i) => [i.alias, i.modelId])),
  };
}
