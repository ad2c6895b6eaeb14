// A model with its imports copied in under qualified names (`p_step`, `chain.p_step`,
// `a.b.x`): each import is its own copy, with the import's `set:` overrides applied after the
// copy it sets. Iterative, in the order the files are written; the import checks (imports.ts)
// bound how deep and how large the copy can be.

import { mapRefs, showExpr } from './expression.ts';
import { CONSTANTS } from './names.ts';
import { error, type CredenceError } from './errors.ts';
import type { Import, Model } from './load.ts';
import type { Project } from './project.ts';
import type { Entity, GraphEvidence } from './graph.ts';

export interface Flat {
  entities: Map<string, Entity>;
  evidence: GraphEvidence[];
  errors: CredenceError[];
}

/** A name of model `m` as seen from the top: prefixed, unless it is a constant the model does not redefine. */
function qualify(m: Model, prefix: string, name: string): string {
  if (name in CONSTANTS && !(name in m.inputs) && !(name in m.nodes)) return name;
  return prefix + name;
}

type Task = { copy: Model; prefix: string } | { set: Import; importer: Model; prefix: string };

export function flatten(project: Project, model: Model): Flat {
  const out: Flat = { entities: new Map(), evidence: [], errors: [] };
  const tasks: Task[] = [{ copy: model, prefix: '' }];
  while (tasks.length > 0) {
    const t = tasks.pop()!;
    if ('set' in t) {
      applyImportOverrides(out, t.set, t.importer, t.prefix);
      continue;
    }
    copyModel(out, t.copy, t.prefix);
    // Each import's copy, then its overrides, in the order written (the stack pops in reverse).
    const imports = Object.values(t.copy.imports);
    for (let i = imports.length - 1; i >= 0; i--) {
      const imp = imports[i]!;
      tasks.push({ set: imp, importer: t.copy, prefix: t.prefix });
      tasks.push({ copy: project.models.get(imp.modelId)!, prefix: `${t.prefix}${imp.alias}.` });
    }
  }
  return out;
}

function copyModel(out: Flat, m: Model, prefix: string): void {
  const q = (name: string) => qualify(m, prefix, name);
  for (const [kind, group] of [
    ['input', m.inputs],
    ['node', m.nodes],
  ] as const) {
    for (const quantity of Object.values(group)) {
      const name = prefix + quantity.name;
      out.entities.set(name, {
        name,
        kind,
        expr: mapRefs(quantity.expr, q),
        source: quantity.source,
        modelId: m.id,
        local: quantity.name,
        quantity,
        override: null,
        deps: [],
      });
    }
  }
  for (const e of Object.values(m.evidence)) {
    out.evidence.push({
      name: prefix + e.name,
      expr: mapRefs(e.likelihood, q),
      source: e.source,
      applied: e.applied,
      note: e.note,
      text: e.text,
    });
  }
}

/**
 * An import's own overrides: after the imported model (so they replace what it and its imports
 * set), before the run's scenario and edits (which replace them in turn).
 */
function applyImportOverrides(out: Flat, imp: Import, importer: Model, prefix: string): void {
  for (const o of imp.overrides) {
    const name = `${prefix}${imp.alias}.${o.name}`;
    const target = out.entities.get(name);
    if (!target || target.kind !== 'input') {
      out.errors.push(
        target
          ? error(
              'not-an-input',
              `'${o.name}' is a node of '${imp.modelId}', not an input; only inputs can be set by an import`,
              o.loc,
            )
          : error('unknown-name', `'${o.name}' is not an input of model '${imp.modelId}'`, o.loc),
      );
      continue;
    }
    const expr = mapRefs(o.expr, (n) => qualify(importer, prefix, n));
    out.entities.set(name, { ...target, expr, source: o.source, override: showExpr(expr) });
  }
}
