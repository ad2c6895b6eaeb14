// The answer first: the headline of a model (its output's value after the evidence, with the
// 90% interval, the question it answers and what it is conditioned on), and the order in which
// the home page lists models: the overall model first, then the others along its imports, as the
// argument runs.

import type { Model } from '../../model/load.ts';
import type { Project } from '../../model/project.ts';
import type { Job } from '../../analysis/registry/index.ts';
import type { PanelSpec } from './panels.ts';

/** The plain-language question a model's output answers: the file's `question`, else the output's label. */
export function questionOf(model: Model): string {
  const q = (model as Model & { question?: string | null }).question;
  if (q) return q;
  const out = model.nodes[model.output] ?? model.inputs[model.output];
  return out?.label ?? model.title;
}

/**
 * The headline panel of a model view: its output's distribution alone (the page's distribution
 * chart shares the computation), so the answer waits for nothing else. `evidence` counts the
 * entries the view could apply (the line under the number says when it sets them aside).
 */
export function headlineSpec(model: Model, job: Job<'distribution'>, src: string, evidence: number): PanelSpec {
  return {
    id: 'headline',
    title: questionOf(model),
    partial: 'panel-headline',
    job,
    src,
    extra: { bare: true, question: questionOf(model), model: { id: model.id, title: model.title }, evidence },
  };
}

/**
 * Model ids in the order of the argument: `first` (the overall model), then depth-first through
 * its imports in the order its file declares them; models it does not reach follow by title.
 */
export function argumentOrder(project: Project, first: string | null): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return;
    const m = project.models.get(id);
    if (!m) return;
    seen.add(id);
    out.push(id);
    for (const imp of Object.values(m.imports)) visit(imp.modelId);
  };
  if (first) visit(first);
  const rest = [...project.models.values()].filter((m) => !seen.has(m.id));
  rest.sort((a, b) => a.title.localeCompare(b.title));
  for (const m of rest) visit(m.id);
  return out;
}
