// The two views a crux compares, prepared: each side's overrides (its scenario's, then its own),
// which inputs they set differently, which of those can reach the output or the applied evidence
// (the players), and a function that runs any coalition of players switched to the second view.
// Every coalition runs with the first view's random numbers, so coalitions differ by the players
// alone.

import { prepare, type Prepared, type RunOptions, type RunResult } from '../engine/run.ts';
import { dependencyClosure, type ExtraEvidence } from '../model/graph.ts';
import { scenarioOverrides, type InputOverride } from '../model/overrides.ts';
import type { Project } from '../model/project.ts';
import type { Result } from '../model/errors.ts';
import { givenFor, onlyNeeded, reuseColumns } from './pinning.ts';

export interface CruxSide {
  /** A scenario name, or null for the model as written. */
  scenario: string | null;
  /** Overrides on top of the scenario's (later ones win). */
  overrides?: InputOverride[];
}

export interface CruxViews {
  from: Prepared;
  to: Prepared;
  /** Each side's overrides by input name. */
  fromSet: Map<string, InputOverride>;
  toSet: Map<string, InputOverride>;
  /** Inputs set differently that can reach the output or the applied evidence. */
  players: string[];
  /** Inputs set differently that cannot (their parts are exactly 0). */
  noEffect: string[];
  /** Inputs a view replaces, with the same text in both. */
  unchanged: string[];
  /** What the means depend on in any mixture of the two views. */
  reach: Set<string>;
  /** Evidence from outside the model files, applied in both views. */
  extra: ExtraEvidence[];
}

function sideOverrides(project: Project, modelId: string, side: CruxSide): Result<Map<string, InputOverride>> {
  const model = project.models.get(modelId)!;
  const s = scenarioOverrides(model, side.scenario);
  if (!s.ok) return s;
  const map = new Map<string, InputOverride>();
  for (const o of [...s.value, ...(side.overrides ?? [])]) map.set(o.name, o);
  return { ok: true, value: map };
}

/** An input's text in a view: its override's, or the model's own. */
export const textIn = (view: Prepared, set: Map<string, InputOverride>, name: string) =>
  set.get(name)?.text ?? view.graph.byName.get(name)!.quantity.text;

/** Prepare both views and sort the inputs they configure into players and the rest. */
export function cruxViews(
  project: Project,
  modelId: string,
  sides: { from: CruxSide; to: CruxSide },
  applied: (from: Prepared) => string[],
  extraEvidence: ExtraEvidence[],
): Result<CruxViews & { applied: string[] }> {
  const fromSet = sideOverrides(project, modelId, sides.from);
  if (!fromSet.ok) return fromSet;
  const toSet = sideOverrides(project, modelId, sides.to);
  if (!toSet.ok) return toSet;
  const from = prepare(project, modelId, { overrides: [...fromSet.value.values()], extraEvidence });
  if (!from.ok) return from;
  const to = prepare(project, modelId, { overrides: [...toSet.value.values()], extraEvidence });
  if (!to.ok) return to;
  const names = new Set([...fromSet.value.keys(), ...toSet.value.keys()]);
  const order = from.value.graph.entities.map((e) => e.name).filter((n) => names.has(n));
  // An input is configured the same way when its text is the same in both views.
  const differ = order.filter((n) => textIn(from.value, fromSet.value, n) !== textIn(to.value, toSet.value, n));
  const used = applied(from.value);
  // Inputs that no mixture of the two views lets reach the output or the applied evidence have
  // a part of exactly zero: they are listed, not played. Nothing else is computed either.
  const reach = dependencyClosure([from.value.graph, to.value.graph], [from.value.graph.output], used);
  return {
    ok: true,
    value: {
      from: from.value,
      to: to.value,
      fromSet: fromSet.value,
      toSet: toSet.value,
      players: differ.filter((p) => reach.has(p)),
      noEffect: differ.filter((p) => !reach.has(p)),
      unchanged: order.filter((n) => !differ.includes(n)),
      reach,
      extra: extraEvidence,
      applied: used,
    },
  };
}

/**
 * The first view's run, and a function that runs a coalition (members switched to the second
 * view). Players whose distributions have fixed parameters are swapped as whole columns; others
 * need the model prepared with the coalition's overrides.
 */
export function coalitionRunner(
  project: Project,
  v: CruxViews,
  run: RunOptions,
): { base: RunResult; evaluate(members: Uint8Array): Result<RunResult> } {
  const { from, to, players, reach } = v;
  const base = from.run({ ...run, given: onlyNeeded(from.graph, reach, run.samples) });
  const fixed = (p: string) => from.graph.byName.get(p)!.deps.length === 0 && to.graph.byName.get(p)!.deps.length === 0;
  if (players.every(fixed)) {
    let toColumns: Record<string, Float64Array> = {};
    if (players.length > 0) {
      const r = to.run({ ...run, given: reuseColumns(to.graph, base, players, reach) });
      toColumns = Object.fromEntries(players.map((p) => [p, r.columns[p]!]));
    }
    const evaluate = (members: Uint8Array): Result<RunResult> => {
      const replace: Record<string, Float64Array> = {};
      players.forEach((p, i) => (replace[p] = members[i] ? toColumns[p]! : base.columns[p]!));
      return { ok: true, value: from.run({ ...run, given: givenFor(from.graph, base, replace, reach) }) };
    };
    return { base, evaluate };
  }
  const shared = v.unchanged.map((n) => v.fromSet.get(n)).filter((o): o is InputOverride => o !== undefined);
  const evaluate = (members: Uint8Array): Result<RunResult> => {
    const overrides = [...shared];
    for (const p of v.noEffect) {
      const o = v.fromSet.get(p);
      if (o) overrides.push(o);
    }
    players.forEach((p, i) => {
      const o = (members[i] ? v.toSet : v.fromSet).get(p);
      if (o) overrides.push(o);
    });
    const prep = prepare(project, from.graph.model.id, { overrides, extraEvidence: v.extra });
    if (!prep.ok) return prep;
    return { ok: true, value: prep.value.run({ ...run, given: reuseColumns(prep.value.graph, base, players, reach) }) };
  };
  return { base, evaluate };
}
