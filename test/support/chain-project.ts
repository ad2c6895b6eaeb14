// A small project for the tests that run analyses through the command line and the API: a chain
// of steps (a per-step probability raised to a whole number of steps) with two scenarios, and
// predictions linked to it.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const CHAIN_YAML = `title: Chain
inputs:
  p_step:
    dist: beta(20, 1)
    unit: probability
  n: uniform(5, 10)
  extra: normal(0, 1)
nodes:
  p_success:
    expr: pow(p_step, floor(n))
    label: P(the chain succeeds)
    unit: probability
output: p_success
scenarios:
  pessimist:
    p_step: beta(10, 1)
  long:
    label: A long chain
    set:
      n: uniform(20, 30)
`;

const PREDICTIONS = {
  'step-test': `  - id: step-test
    statement: The next step test passes
    credence: 0.8
    stated: 2025-01-01
    criteria: A test of one step passes
    model: chain
    p_yes: p_step
`,
  'long-chain': `  - id: long-chain
    statement: A chain of twenty steps is tried
    credence: 0.3
    stated: 2025-01-01
    criteria: Someone tries twenty steps
    model: chain
    p_yes: n > 8
`,
};

/** Write chain.yaml and a predictions.yaml holding the named predictions into `dir`. */
export function writeChainProject(dir: string, predictions: (keyof typeof PREDICTIONS)[] = ['step-test']): void {
  writeFileSync(join(dir, 'chain.yaml'), CHAIN_YAML);
  writeFileSync(join(dir, 'predictions.yaml'), `predictions:\n${predictions.map((p) => PREDICTIONS[p]).join('')}`);
}
