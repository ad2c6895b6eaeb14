// Modules of src/engine/ without a test file of their own name: why, or which test covers them.
// Most are stages of a run, pinned through runs against closed forms and bit-for-bit comparisons.

export const ENGINE: Record<string, string> = {
  'engine/blocks.ts': 'test/engine/split-merge.test.ts',
  'engine/bracket-pass.ts': 'test/engine/summaries.test.ts',
  'engine/check.ts': 'test/cli/check.test.ts',
  'engine/compile.ts': 'test/engine/functions.test.ts',
  'engine/dist-functions.ts': 'test/engine/functions.test.ts',
  'engine/fill.ts': 'test/engine/distributions.test.ts',
  'engine/key-histogram.ts': 'test/engine/summaries.test.ts',
  'engine/pass-executors.ts': 'test/engine/split-merge.test.ts',
  'engine/plan-builder.ts': 'test/engine/run.test.ts',
  'engine/plan-reads.ts': 'test/engine/run.test.ts',
  'engine/plan.ts': 'test/engine/run.test.ts',
  'engine/progress.ts': 'test/cli/progress.test.ts',
  'engine/quantile-targets.ts': 'test/engine/summaries.test.ts',
  'engine/reducers.ts': 'test/engine/split-merge.test.ts',
  'engine/run-columns.ts': 'test/engine/column-pool.test.ts',
  'engine/sample.ts': 'test/engine/distributions.test.ts',
  'engine/sobol-directions.ts': "generated direction numbers (test/engine/sobol-sequence holds the points to SciPy's)",
  'engine/summarize.ts': 'test/engine/summaries.test.ts',
  'engine/summary-passes.ts': 'test/engine/summaries.test.ts',
  'engine/summary-targets.ts': 'test/engine/summaries.test.ts',
  'engine/thread-jobs.ts': 'test/engine/thread-ended.test.ts (a stopped thread noticed mid-pass) and summaries.test.ts',
  'engine/threads-protocol.ts': 'message types and the layout of the shared control words',
  'engine/threads.ts': 'test/engine/thread-ended.test.ts',
  'engine/worker.ts': 'test/engine/summaries.test.ts (runs its passes through dist/engine-worker.js)',
};
