// A run that keeps its columns: the quantities asked for (and the applied likelihoods and the
// weights) stored whole, every other column in a register of one segment. On several threads the
// kept columns live in shared memory that every thread writes into; its summaries read them back
// segment by segment through the same reducers as a summarised run (the same numbers).

import { SegmentRunner, segmentsOf, warningsOf, type Problems, type RunSpec } from './blocks.ts';
import { startRun } from './progress.ts';
import { SEGMENT } from './random.ts';
import { appliedNames, homeSlot, isInformed, schedule, scheduleMessage, type Schedule } from './schedule.ts';
import { summarizeRun, type RunSummaries } from './summarize.ts';
import { columnsExecutor, processExecutor, type PassExecutor } from './pass-executors.ts';
import type { ColumnPool } from './column-pool.ts';
import type { Graph } from '../model/graph.ts';
import type { Plan } from './plan.ts';
import type { RunOptions, RunResult, RunWarning } from './run.ts';

/** What a run keeps whole, and the schedule that keeps them. */
interface Chosen {
  /** The quantities computed (asked for and what they read), in evaluation order. */
  names: string[];
  /** Slots kept whole: every quantity computed and every applied likelihood. */
  wanted: number[];
  /** Their home slots that a step writes (a node defined as another shares its column). */
  keep: Set<number>;
  sched: Schedule;
}

/** Run `opts.samples` rows (at most MAX_COLUMN_SAMPLES, checked by the caller) keeping columns. */
export function execute(graph: Graph, plan: Plan, scenario: string | null, opts: RunOptions): RunResult {
  const n = opts.samples;
  const chosen = chooseColumns(graph, plan, opts);
  const segments = segmentsOf(n);
  const executor = segments > 1 ? (opts.executor ?? processExecutor(graph, plan) ?? null) : null;
  const store = new ColumnStore(n, opts.pool, executor !== null);
  const kept = new Map<number, Float64Array>();
  for (const home of chosen.keep) kept.set(home, store.take());
  for (const s of chosen.wanted) if (kept.has(homeSlot(plan, s))) kept.set(s, kept.get(homeSlot(plan, s))!);
  const weights = chosen.sched.evidence.length > 0 ? store.take() : null;
  if (weights) kept.set(-1, weights);
  const spec: RunSpec = {
    samples: n,
    seed: opts.seed,
    sampler: opts.sampler ?? 'mc',
    dimOffset: opts.quasiOffset ?? 0,
  };
  const problems = fill(plan, chosen, spec, kept, executor);
  const warnings = warningsOf(plan, problems, n);
  if (weights && !weights.some((x) => x > 0))
    warnings.push({
      node: 'evidence',
      count: n,
      message: 'the applied evidence has likelihood 0 in every sample: the posterior is undefined',
    });
  return resultOf(graph, plan, scenario, { opts, chosen, kept, weights, warnings, store, executor });
}

function chooseColumns(graph: Graph, plan: Plan, opts: RunOptions): Chosen {
  const applied = appliedNames(graph, opts.evidence ?? 'default');
  const base = { samples: opts.samples, given: opts.given, applied, only: opts.only ?? null };
  const first = schedule(graph, plan, { ...base, keep: new Set() });
  const names = graph.entities.filter((e) => !first.needed || first.needed.has(e.name)).map((e) => e.name);
  // Kept in full: every quantity asked for and every applied likelihood, each in its home slot
  // (a node defined as another quantity shares its column), and the weights (slot −1).
  const wanted = [...names.map((nm) => plan.entitySlot.get(nm)!), ...first.evidence.map((e) => e.slot)];
  const keep = new Set(wanted.map((s) => homeSlot(plan, s)).filter((s) => first.stepOfSlot[s]! >= 0));
  return { names, wanted, keep, sched: schedule(graph, plan, { ...base, keep }) };
}

/** Where a run's whole columns come from: its pool or new, in shared memory when on threads. */
class ColumnStore {
  readonly owned: Float64Array[] = [];
  private released = false;

  constructor(
    private readonly n: number,
    readonly pool: ColumnPool | undefined,
    private readonly shared: boolean,
  ) {}

  take(): Float64Array {
    if (!this.pool) return this.shared ? new Float64Array(new SharedArrayBuffer(8 * this.n)) : new Float64Array(this.n);
    const col = this.pool.take(this.n, this.shared);
    this.owned.push(col);
    return col;
  }

  /** Hand the columns taken from the pool back to it (once). */
  release(): void {
    if (this.released || !this.pool) return;
    this.released = true;
    this.pool.give(this.owned);
  }
}

/** Compute every segment into the kept columns, on `executor`'s threads or here. */
function fill(
  plan: Plan,
  chosen: Chosen,
  spec: RunSpec,
  kept: Map<number, Float64Array>,
  executor: PassExecutor | null,
): Problems {
  const { sched, keep } = chosen;
  const n = spec.samples;
  const segments = segmentsOf(n);
  const report = startRun();
  if (executor) {
    const task = {
      schedule: scheduleMessage(plan, sched, keep, []),
      run: spec,
      job: { kind: 'columns' as const, slots: [], weighted: [] },
      from: 0,
      to: segments,
      given: [...sched.given],
      kept: [...kept],
    };
    return executor(task, (done) => report(0, Math.min(n, done * SEGMENT), n)).problems;
  }
  const runner = new SegmentRunner(plan, sched, spec, kept);
  for (let seg = 0; seg < segments; seg++) {
    runner.segment(seg, {});
    if ((seg & 15) === 15) report(0, (seg + 1) * SEGMENT, n);
  }
  return runner.problems;
}

interface Filled {
  opts: RunOptions;
  chosen: Chosen;
  kept: Map<number, Float64Array>;
  weights: Float64Array | null;
  warnings: RunWarning[];
  store: ColumnStore;
  executor: PassExecutor | null;
}

function resultOf(graph: Graph, plan: Plan, scenario: string | null, f: Filled): RunResult {
  const { sched, names } = f.chosen;
  const { kept, weights } = f;
  const colOf = (slot: number) => kept.get(slot) ?? sched.given.get(slot)!;
  const weightsOf = (name: string): Float64Array | null => {
    const slot = plan.entitySlot.get(name);
    if (!weights || slot === undefined) return weights;
    return isInformed(sched, slot) ? weights : null;
  };
  const columns: Record<string, Float64Array> = {};
  for (const name of names) columns[name] = colOf(plan.entitySlot.get(name)!);
  const result: RunResult = {
    model: graph.model.id,
    samples: f.opts.samples,
    seed: f.opts.seed,
    sampler: f.opts.sampler ?? 'mc',
    scenario,
    output: graph.output,
    columns,
    evidence: sched.evidence.map((e) => ({ name: e.name, likelihood: colOf(e.slot) })),
    weights,
    weightsOf,
    warnings: f.warnings,
    summarize: (asked) => summarizeColumns(graph, plan, result, asked ?? Object.keys(columns), f.executor ?? undefined),
    release: () => f.store.release(),
  };
  return result;
}

/**
 * The summaries of a run's stored columns: the same numbers as summarising it without them, read
 * on `threads` when the columns are in shared memory.
 */
export function summarizeColumns(
  graph: Graph,
  plan: Plan,
  result: RunResult,
  names: readonly string[],
  threads?: PassExecutor,
): RunSummaries {
  const columns = new Map<number, Float64Array>();
  for (const [name, col] of Object.entries(result.columns))
    columns.set(homeSlot(plan, plan.entitySlot.get(name)!), col);
  const s = summarizeRun(
    graph,
    plan,
    { model: result.model, scenario: result.scenario, output: result.output },
    {
      samples: result.samples,
      seed: result.seed,
      sampler: result.sampler,
      evidence: result.evidence.map((e) => e.name),
      only: names,
    },
    columnsExecutor(plan, columns, result.weights, threads),
  );
  return { ...s, warnings: result.warnings };
}
