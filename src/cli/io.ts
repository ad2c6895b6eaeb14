// What a CLI command gets from the outside world: where to print, and where the project lives.
// Commands are functions of (args, io) returning an exit code, so tests call them directly.

export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  /** The folder holding the model files (default: ./models). */
  modelsDir: string;
  /** The track record: CREDENCE_DB (a SQLite file or a postgres:// URL), else ./data/credence.db. */
  dbPath: string;
  /**
   * Whether dbPath was named (CREDENCE_DB). The default ./data/credence.db is created only by
   * `serve`; other commands read it when it exists. Absent: named.
   */
  dbNamed?: boolean;
  /** Redraw the progress line (null erases it); absent when stderr is not a terminal. */
  progress?: (line: string | null) => void;
}

export type Command = (args: string[], io: CliIO) => Promise<number> | number;

/** Exit codes: 0 success, 1 the models or data have problems, 2 the command line is wrong. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;
