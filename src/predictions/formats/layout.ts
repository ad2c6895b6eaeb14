// What reading another tool's file gives: its questions, or every row that could not be read
// with its file and line (nothing is recorded from a file with such rows).

import type { ExternalQuestion } from './questions.ts';

export interface RowError {
  file: string;
  line: number;
  message: string;
}

export type LayoutRead = { ok: true; value: ExternalQuestion[] } | { ok: false; errors: RowError[] };
