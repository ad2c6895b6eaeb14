// Where the test-suite CPU survey writes its lines (one JSON object per test file).
import { resolve } from 'node:path';

export const SURVEY_OUT = resolve(process.env.CREDENCE_TEST_CPU_OUT ?? 'test-output/test-cpu.jsonl');
