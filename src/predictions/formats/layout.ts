// What reading another tool's file gives: its questions, or every row that could not be read
// with its file and line (nothing is recorded from a file with such rows).

import type { ErrorCode } from '../../model/errors.ts';
import type { ExternalQuestion } from './questions.ts';

export interface RowError {
  file: string;
  /** 1-based; 0 when the error is about the whole file (it is missing or too large). */
  line: number;
  code: ErrorCode;
  message: string;
}

/**
 * The largest file a track-record import reads (bytes): a person's or a team's record is far
 * smaller, and a whole site's dump (Manifold's is a gigabyte) should be filtered first.
 */
export const RECORD_FILE_MAX_BYTES = 64 * 1024 * 1024;

export type LayoutRead = { ok: true; value: ExternalQuestion[] } | { ok: false; errors: RowError[] };
