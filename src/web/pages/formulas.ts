// "How it is computed": each node of a model as a formula in mathematics, with every quantity it
// reads named by its label and shown at its current value (mean and 90% interval, after the
// evidence when the run applied it), and where each input's number comes from.

import { refsOf, type Expr } from '../../model/expression.ts';
import type { Model, Quantity } from '../../model/load.ts';
import type { Project } from '../../model/project.ts';
import type { RunReport, Stats } from '../../analysis/report.ts';
import { formulaHtml, type MathHtml } from '../math.ts';
import { formulaNodes } from '../../analysis/page-report.ts';
import { value } from '../format.ts';

export interface Term {
  name: string;
  label: string | null;
  kind: 'input' | 'node';
  /** Mean, and the 90% interval when the quantity varies. */
  mean: string;
  interval: string | null;
  /** Where an input's figure comes from ('source' | 'assumption'), when the file says. */
  basis: string | null;
}

export interface Formula {
  name: string;
  label: string | null;
  /** KaTeX's HTML (with MathML) for `name = expression`. */
  html: MathHtml;
  /** The expression as written in the file. */
  text: string;
  value: Term | null;
  terms: Term[];
}

/** The quantity a qualified name (`chain.p_step`, `a.b.x`) refers to, through the imports. */
export function quantityAt(
  project: Project,
  model: Model,
  name: string,
): { q: Quantity; kind: 'input' | 'node' } | null {
  const dot = name.indexOf('.');
  if (dot > 0) {
    const imp = model.imports[name.slice(0, dot)];
    const next = imp && project.models.get(imp.modelId);
    return next ? quantityAt(project, next, name.slice(dot + 1)) : null;
  }
  if (model.inputs[name]) return { q: model.inputs[name], kind: 'input' };
  if (model.nodes[name]) return { q: model.nodes[name], kind: 'node' };
  return null;
}

function termOf(project: Project, model: Model, report: RunReport | null, name: string): Term | null {
  const found = quantityAt(project, model, name);
  if (!found) return null;
  const s: Stats | undefined = report?.posterior?.[name] ?? report?.nodes[name];
  const unit = found.q.unit;
  const varies = s !== undefined && s.p5 !== s.p95;
  return {
    name,
    label: found.q.label,
    kind: found.kind,
    mean: s ? value(s.mean, unit) : '…',
    interval: varies ? `${value(s.p5, unit)} to ${value(s.p95, unit)}` : null,
    basis: found.q.basis ?? null,
  };
}

const uniqueRefs = (e: Expr) => [...new Set(refsOf(e).map((r) => r.name))];

/** The model's own nodes as formulas, the output first, then in file order (at most FORMULAS_SHOWN). */
export function formulasOf(project: Project, model: Model, report: RunReport | null): Formula[] {
  return formulaNodes(model).map((name) => {
    const q = model.nodes[name]!;
    return {
      name,
      label: q.label,
      html: formulaHtml(name, q.expr),
      text: q.text,
      value: termOf(project, model, report, name),
      terms: uniqueRefs(q.expr)
        .map((r) => termOf(project, model, report, r))
        .filter((t): t is Term => t !== null),
    };
  });
}
