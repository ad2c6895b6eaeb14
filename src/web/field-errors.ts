// What-if errors in the field's own terms. The engine locates an error in an override at
// `--set <name>:<col>`, counting the columns of `name=` too, as the command line shows it; beside
// a form field the column is counted in what the reader typed, and the field is not named.

const SET = /^--set ([^:\s]+):(?:\d+:)?(\d+):\s*(.*)$/s;
const SET_NO_COL = /^--set ([^:\s]+):\s*(.*)$/s;

/** The message for field `name` of an error located at column `col` of `--set name=…`. */
export function fieldMessage(name: string, col: number | undefined, message: string): string {
  const typed = col === undefined ? undefined : col - (name.length + 1);
  return typed !== undefined && typed >= 1 ? `At character ${typed}: ${message}` : message;
}

/** A formatted error (`--set name:col: message`, as the API sends it) split into field and message. */
export function parseFieldError(text: string): { name: string; message: string } | null {
  const m = SET.exec(text);
  if (m) return { name: m[1]!, message: fieldMessage(m[1]!, Number(m[2]), m[3]!) };
  const n = SET_NO_COL.exec(text);
  return n ? { name: n[1]!, message: n[2]! } : null;
}
