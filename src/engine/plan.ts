// Turn a flattened graph into a plan of column steps: sample a distribution into a column, or
// evaluate a compiled expression into a column. Distributions inside expressions are hoisted
// into their own sampled columns; constant parameters are checked here, so an impossible
// `beta(0, 1)` is a load error at its place in the file.

import type { ColumnFn } from './compile.ts';
import type { SimpleDist } from './distributions.ts';
import type { Graph } from '../model/graph.ts';
import type { Result } from '../model/errors.ts';
import { PlanBuilder } from './plan-builder.ts';

/** A distribution parameter: a constant or a column slot. */
export type Operand = { const: number } | { slot: number };

export type DistSpec =
  | { dist: SimpleDist; params: Operand[] }
  | { dist: 'mixture'; components: (DistSpec | Operand)[]; weights: Operand[] | null };

export interface SampleStep {
  kind: 'sample';
  slot: number;
  spec: DistSpec;
  /** Stream key: the entity's qualified name, with `#k` for distributions inside it. */
  key: string;
  /** The entity this draw belongs to (for run-time warnings and for `given` columns). */
  owner: string;
  text: string;
  /** Slots its parameters read (steps that fill them run first). */
  reads: number[];
  /** Its dimension under quasi-Monte Carlo: its place among the plan's random draws. */
  dim: number;
}

export interface EvalStep {
  kind: 'eval';
  slot: number;
  fn: ColumnFn;
  owner: string;
  /** Constant expressions fill their column without a loop over columns. */
  constant: number | null;
  /** Slots the expression reads (steps that fill them run first). */
  reads: number[];
  /**
   * The slot this one is a plain reference to (a node defined as another quantity): the run
   * shares that column instead of copying it.
   */
  alias: number | null;
}

export type Step = SampleStep | EvalStep;

export interface Plan {
  slots: number;
  steps: Step[];
  /** Slot of every entity by qualified name. */
  entitySlot: Map<string, number>;
  /** Slot of every evidence likelihood. */
  evidenceSlot: Map<string, number>;
  /** Steps that belong to each entity, so a given column can skip them. */
  stepsOf: Map<string, Step[]>;
}

/** How many quasi-random dimensions a plan's draws take (one per draw). */
export function quasiDimensions(plan: Plan): number {
  let dims = 0;
  for (const s of plan.steps) if (s.kind === 'sample') dims = Math.max(dims, s.dim + 1);
  return dims;
}

/** What a plan is built from: a graph's quantities and evidence, in evaluation order. */
export interface PlanInput {
  entities: readonly Pick<Graph['entities'][number], 'name' | 'expr' | 'source'>[];
  evidence: readonly Pick<Graph['evidence'][number], 'name' | 'expr' | 'source'>[];
}

export function buildPlan(graph: PlanInput): Result<Plan> {
  const builder = new PlanBuilder();
  for (const ent of graph.entities) builder.addEntity(ent);
  for (const ev of graph.evidence) builder.addEvidence(ev);
  return builder.result();
}
