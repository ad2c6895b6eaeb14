// A model brought in from another tool, written as a Credence model file: every input marked as
// an assumption whose note says where it came from (so `credence check` passes and the modeller
// sees what still needs a source or a reason), nodes as expressions, the output named.

import { stringify } from 'yaml';
import { IDENTIFIER, reservedReason } from '../names.ts';

export interface ImportedQuantity {
  expr: string;
  label?: string;
  /** Where in the other tool's file it came from, e.g. 'chain.squiggle:3'. */
  from: string;
}

export interface ImportedModel {
  title: string;
  inputs: Record<string, ImportedQuantity>;
  nodes: Record<string, ImportedQuantity>;
  output: string;
}

/** A plain number's text as a YAML number (so it is not written quoted), anything else as text. */
const value = (expr: string): string | number => (/^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(expr) ? Number(expr) : expr);

export function modelFileText(m: ImportedModel, tool: string): string {
  const inputs = Object.fromEntries(
    Object.entries(m.inputs).map(([name, q]) => [
      name,
      {
        ...(q.label ? { label: q.label } : {}),
        basis: 'assumption',
        note: `Imported from ${tool} (${q.from}); give its source (basis: source, from: …) or the reason for it.`,
        dist: value(q.expr),
      },
    ]),
  );
  const nodes = Object.fromEntries(
    Object.entries(m.nodes).map(([name, q]) => [name, q.label ? { label: q.label, expr: q.expr } : value(q.expr)]),
  );
  const doc = {
    title: m.title,
    ...(Object.keys(inputs).length ? { inputs } : {}),
    ...(Object.keys(nodes).length ? { nodes } : {}),
    output: m.output,
  };
  return `# Imported from ${tool} by credence import.\n${stringify(doc, { lineWidth: 0 })}`;
}

/**
 * A Credence name for a label: lower-case words joined by '_', not starting with a digit, not a
 * reserved word, and not one already taken (then _2, _3 …).
 */
export function nameFor(label: string, taken: Set<string>): string {
  let base = label
    .normalize('NFKD')
    .replace(/[^\w\s]/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '_')
    .slice(0, 40);
  if (base === '' || !IDENTIFIER.test(base)) base = `q_${base}`.replace(/[^\w]/g, '_');
  if (reservedReason(base) !== null) base = `${base}_`;
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
  taken.add(name);
  return name;
}
