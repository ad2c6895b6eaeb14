// Which inputs an analysis looks at: the names a user wrote resolved to qualified inputs
// (`p_step` for `chain.p_step`), and the inputs that vary and reach the output, with the
// others listed and why they are left out.

import type { Prepared, RunResult } from '../engine/run.ts';
import { suggest } from '../model/suggest.ts';
import { isConstant } from '../stats/column.ts';
import { dependencyClosure } from '../model/graph.ts';
import type { CredenceError, Result } from '../model/errors.ts';

export interface ExcludedInput {
  input: string;
  /**
   * `same-as`: the input's expression is another quantity's name (an import's `set:` handing it
   * down, or an override), so it is that quantity under a second name: pinning it alone would
   * split one fact in two, and its row would repeat the other's.
   */
  reason: 'constant' | 'unused' | 'same-as';
  /** For `same-as`: the quantity it is. */
  as?: string;
}

/** The inputs that vary and reach the output (or the applied evidence), and the others with why not. */
export function classifyInputs(
  prepared: Prepared,
  base: RunResult,
  applied: string[],
): { candidates: string[]; excluded: ExcludedInput[] } {
  const used = dependencyClosure(prepared.graph, [prepared.graph.output], applied);
  const candidates: string[] = [];
  const excluded: ExcludedInput[] = [];
  for (const name of prepared.inputs) {
    const entity = prepared.graph.byName.get(name)!;
    if (!used.has(name)) excluded.push({ input: name, reason: 'unused' });
    else if (isConstant(base.columns[name]!)) excluded.push({ input: name, reason: 'constant' });
    else if (entity.expr.kind === 'ref') excluded.push({ input: name, reason: 'same-as', as: entity.deps[0]! });
    else candidates.push(name);
  }
  return { candidates, excluded };
}

/**
 * Resolve input names as written by a user: a qualified name, or a local name that ends
 * exactly one qualified input name (`p_step` for `chain.p_step`).
 */
export function resolveInputs(prepared: Prepared, names: string[], where = '--inputs'): Result<string[]> {
  const all = prepared.inputs;
  const out: string[] = [];
  const errors: CredenceError[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (all.includes(name)) {
      out.push(name);
      continue;
    }
    const matches = all.filter((q) => q.endsWith(`.${name}`));
    if (matches.length === 1) out.push(matches[0]!);
    else if (matches.length > 1)
      errors.push({
        code: 'invalid-request',
        file: where,
        message: `'${name}' names several inputs (${matches.join(', ')}); write the qualified name`,
      });
    else {
      const node = prepared.graph.byName.get(name);
      const why = node
        ? `'${name}' is a node, not an input`
        : `'${name}' is not an input of model '${prepared.graph.model.id}'${suggest(name, all)}`;
      errors.push({ code: node ? 'not-an-input' : 'unknown-name', file: where, message: why });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: [...new Set(out)] };
}
