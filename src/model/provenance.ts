// Where every number of a model comes from. Each input declares `basis: source` (a figure a
// source document states; `from` names the document and passage) or `basis: assumption` (the
// modeller's own; `note` gives the reason). `credence check` reports an input that does not,
// so a reader can always tell the sources' numbers from the modeller's. Loading and running do
// not require it: a draft model still runs.

import type { Model, Quantity } from './load.ts';
import { error, type CredenceError } from './errors.ts';
import type { Project } from './project.ts';

export interface ProvenanceCount {
  /** Inputs whose number a source states. */
  source: number;
  /** Inputs whose number is the modeller's assumption. */
  assumption: number;
  /** Inputs that declare neither. */
  undeclared: number;
  total: number;
}

/** What is wrong with one input's provenance, as sentences (empty when it is complete). */
export function provenanceProblems(q: Pick<Quantity, 'basis' | 'from' | 'note'>): string[] {
  const has = (s: string | null) => s !== null && s.trim() !== '';
  if (q.basis === null)
    return [
      "has no 'basis': add 'basis: source' with 'from:' naming the document and passage, or 'basis: assumption' with the reason in 'note:'",
    ];
  if (q.basis === 'source' && !has(q.from))
    return ["is a source's figure ('basis: source') but has no 'from:' naming the document and passage"];
  if (q.basis === 'assumption' && !has(q.note))
    return ["is an assumption ('basis: assumption') but has no 'note:' giving the reason"];
  return [];
}

/** Every input of every model whose provenance is missing or incomplete, located at its name. */
export function checkProvenance(project: Project): CredenceError[] {
  const errors: CredenceError[] = [];
  for (const model of project.models.values()) {
    if (project.stale.has(model.id)) continue; // its file's load errors are reported instead
    for (const q of Object.values(model.inputs)) {
      for (const why of provenanceProblems(q)) errors.push(error('missing-field', `input '${q.name}' ${why}`, q.loc));
    }
  }
  return errors;
}

export function countProvenance(inputs: Iterable<Pick<Quantity, 'basis'>>): ProvenanceCount {
  const c: ProvenanceCount = { source: 0, assumption: 0, undeclared: 0, total: 0 };
  for (const q of inputs) {
    c.total++;
    if (q.basis === 'source') c.source++;
    else if (q.basis === 'assumption') c.assumption++;
    else c.undeclared++;
  }
  return c;
}

/**
 * The inputs of a model and of everything it imports, once per import path (as the engine
 * flattens them), so a count covers every number the model's output can rest on.
 */
export function inputsWithImports(project: Project, model: Model): Quantity[] {
  const out: Quantity[] = [];
  const walk = (m: Model, trail: ReadonlySet<string>) => {
    out.push(...Object.values(m.inputs));
    for (const imp of Object.values(m.imports)) {
      const child = project.models.get(imp.modelId);
      if (child && !trail.has(child.id)) walk(child, new Set([...trail, child.id]));
    }
  };
  walk(model, new Set([model.id]));
  return out;
}
