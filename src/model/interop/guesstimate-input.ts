// A Guesstimate cell's typed text (its `input`), read as Guesstimate's own formatters read it
// when a space carries no processed `expression` (src/lib/guesstimator/formatter in
// getguesstimate/guesstimate-app): a number with Guesstimate's suffixes (1,200, 3.5K, 10%), a
// range `a to b`, `a .. b`, `a -> b`, `a : b` or `[a, b]`, and a formula `=…` over cells named
// by their readable ids (AB). A range without a stated type is a normal when its low end is 0 or
// below and a lognormal otherwise, as Guesstimate decides. Anything else (proportions `3 of 10`,
// pasted data) is left to the caller to refuse.

/** Guesstimate's suffixes as powers of ten. */
const SUFFIX: Record<string, number> = { '%': -2, K: 3, M: 6, B: 9, T: 12 };

const NUM = String.raw`(-?(?:\d{1,3}(?:,\d{3})+|\d*\.\d+|\d+))\s?([%KMBT])?`;
const POINT = new RegExp(String.raw`^\s*${NUM}\s*$`);
const RANGE = new RegExp(String.raw`^\s*${NUM}\s*(?:to|\.\.|->|:)\s*${NUM}\s*$`);
const BRACKETS = new RegExp(String.raw`^\s*\[\s*${NUM}\s*,\s*${NUM}\s*\]\s*$`);

/** A number as Guesstimate writes it, as plain text ('3.5K' → '3500'). */
function numberText(digits: string, suffix: string | undefined): string {
  return String(Number(`${digits.replace(/,/g, '')}e${suffix ? SUFFIX[suffix] : 0}`));
}

export type InputReading =
  | { kind: 'point'; value: string }
  | { kind: 'range'; type: 'NORMAL' | 'LOGNORMAL' | 'UNIFORM'; lo: string; hi: string }
  | { kind: 'formula'; text: string }
  | null;

/** What Guesstimate reads in `input`, given the cell's stated type (or null). */
export function readInput(input: string, statedType: string): InputReading {
  const text = input.trim();
  if (text.startsWith('=')) return { kind: 'formula', text: text.slice(1) };
  const point = POINT.exec(text);
  if (point) return { kind: 'point', value: numberText(point[1]!, point[2]) };
  const range = RANGE.exec(text) ?? BRACKETS.exec(text);
  if (!range) return null;
  const lo = numberText(range[1]!, range[2]);
  const hi = numberText(range[3]!, range[4]);
  const type =
    statedType === 'UNIFORM' || statedType === 'NORMAL' ? statedType : Number(lo) <= 0 ? 'NORMAL' : 'LOGNORMAL';
  return { kind: 'range', type, lo, hi };
}

/** A formula typed with readable ids (=AB*CD) in the `${metric:ID}` form of an expression. */
export function formulaOfInput(text: string, idOfReadable: ReadonlyMap<string, string>): string {
  return text.replace(/[A-Za-z_]\w*/g, (word) => {
    const id = idOfReadable.get(word);
    return id === undefined ? word : `\${metric:${id}}`;
  });
}
