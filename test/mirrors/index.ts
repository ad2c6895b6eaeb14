// The modules of src/ without a test file of their own name, by stage: for each, why it has no
// behaviour of its own, or the test (test/…) that covers it.

import { ANALYSIS } from './analysis.ts';
import { CLI } from './cli.ts';
import { ENGINE } from './engine.ts';
import { MODEL } from './model.ts';
import { PREDICTIONS } from './predictions.ts';
import { WEB } from './web.ts';

export const EXEMPT: Record<string, string> = {
  ...MODEL,
  ...ENGINE,
  ...ANALYSIS,
  ...PREDICTIONS,
  ...CLI,
  ...WEB,
};
