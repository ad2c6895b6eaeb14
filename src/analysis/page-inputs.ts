// Which inputs a model page's run summarises. A model may have tens of thousands of inputs; the
// page lists at most INPUTS_SHOWN of them, so its run summarises those (and any input a scenario
// or edit replaced) and no more: summarising every input of a 44,000-quantity model takes
// minutes. The order is the page's: the model's own inputs, then imported models' inputs
// that reach the output (by import path), then the rest; within each, those the output (or the
// applied evidence) reads first, in file order. Any other quantity is summarised on request
// (the summary's `node`).

import type { Entity, Graph } from '../model/graph.ts';
import { dependencyClosure } from '../model/graph.ts';
import { groupOf } from './graph-data.ts';

/** The most inputs a model page lists (and its run summarises, besides replaced ones). */
export const INPUTS_SHOWN = 200;

/**
 * The inputs a page summarises: all of them when there are at most `max` (those the run does
 * not compute are then left out of the report); else every input the page may list among its
 * first `max` (in the page's order, see above), and every replaced one, where imported inputs
 * that do not reach the output are never summarised (their own model's page has them).
 */
export function pageInputs(graph: Graph, applied: readonly string[], max = INPUTS_SHOWN): Entity[] {
  const inputs = graph.entities.filter((e) => e.kind === 'input');
  if (inputs.length <= max) return inputs;
  const used = dependencyClosure(graph, [graph.output], applied);
  const own = (e: Entity) => e.name === e.local;
  const summarised = inputs.filter((e) => own(e) || used.has(e.name));
  const pathUsed = new Set(summarised.filter((e) => used.has(e.name)).map((e) => groupOf(e.name)));
  const rank = (e: Entity) => (own(e) ? 0 : pathUsed.has(groupOf(e.name)) ? 1 : 2);
  const ordered = summarised
    .map((e, i) => ({ e, i }))
    .sort(
      (a, b) =>
        rank(a.e) - rank(b.e) ||
        groupOf(a.e.name).localeCompare(groupOf(b.e.name)) ||
        Number(used.has(b.e.name)) - Number(used.has(a.e.name)) ||
        a.i - b.i,
    )
    .map((x) => x.e);
  const kept = new Set(ordered.slice(0, max));
  return ordered.filter((e) => kept.has(e) || e.override !== null);
}
