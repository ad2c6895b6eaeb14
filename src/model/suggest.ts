// "Did you mean …?" for a mistyped name, at bounded cost: words and candidates past a length are
// skipped, only candidates of a near length are compared, the edit distance is computed in a band
// around the diagonal that stops once it exceeds the distance worth suggesting, and a Suggester
// stops suggesting once a budget of compared characters is spent (a file with thousands of
// unknown names gets its first suggestions, then plain errors, never minutes of work).

/** Longest word or candidate compared. */
export const MAX_SUGGEST_LENGTH = 64;
/** Candidates compared per word, at most. */
export const MAX_SUGGEST_CANDIDATES = 5_000;
/** Distance-table cells one Suggester computes in all, at most (~0.1 s of work). */
export const SUGGEST_BUDGET = 20_000_000;

/** The farthest a candidate may be from `word` to be suggested: about one edit in three letters. */
const reach = (word: string) => Math.max(1, Math.floor(word.length / 3));

/**
 * Edit distance with a swap of two adjacent letters counted as one edit ('lable' → 'label'),
 * or `k + 1` when it is more than `k`. Only cells within `k` of the diagonal are computed.
 */
export function boundedDistance(a: string, b: string, k: number): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > k) return k + 1;
  const far = k + 1;
  let prev2 = new Int32Array(m + 1).fill(far);
  let prev = new Int32Array(m + 1).fill(far);
  let row = new Int32Array(m + 1).fill(far);
  for (let j = 0; j <= Math.min(m, k); j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    row.fill(far);
    const lo = Math.max(1, i - k);
    const hi = Math.min(m, i + k);
    if (i <= k) row[0] = i;
    let best = row[0]!;
    for (let j = lo; j <= hi; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1))
        d = Math.min(d, prev2[j - 2]! + 1);
      row[j] = Math.min(d, far);
      if (d < best) best = d;
    }
    if (best > k) return far;
    [prev2, prev, row] = [prev, row, prev2];
  }
  return Math.min(prev[m]!, far);
}

/** Suggestions among a fixed set of candidates, sharing one budget. */
export class Suggester {
  private readonly byLength = new Map<number, { name: string; lower: string }[]>();
  private spent = 0;

  constructor(candidates: Iterable<string>) {
    for (const name of candidates) {
      if (name.length > MAX_SUGGEST_LENGTH) continue;
      let list = this.byLength.get(name.length);
      if (!list) this.byLength.set(name.length, (list = []));
      list.push({ name, lower: name.toLowerCase() });
    }
  }

  /** " (did you mean 'x'?)" for the nearest candidate within reach, else ''. */
  suggest(word: string): string {
    if (word.length === 0 || word.length > MAX_SUGGEST_LENGTH) return '';
    const k = reach(word);
    const lower = word.toLowerCase();
    let best: string | null = null;
    let bestD = k + 1;
    let compared = 0;
    // Nearest lengths first, so the candidates compared are the likeliest ones.
    for (let delta = 0; delta <= k; delta++) {
      for (const len of delta === 0 ? [word.length] : [word.length - delta, word.length + delta]) {
        for (const c of this.byLength.get(len) ?? []) {
          if (compared++ >= MAX_SUGGEST_CANDIDATES) return best === null ? '' : ` (did you mean '${best}'?)`;
          const cost = (Math.min(lower.length, c.lower.length) + 1) * (2 * k + 1);
          if (this.spent + cost > SUGGEST_BUDGET) return best === null ? '' : ` (did you mean '${best}'?)`;
          this.spent += cost;
          const d = boundedDistance(lower, c.lower, Math.min(k, bestD - 1));
          if (d < bestD) {
            bestD = d;
            best = c.name;
            if (d === 0) return ` (did you mean '${best}'?)`;
          }
        }
      }
    }
    return best === null ? '' : ` (did you mean '${best}'?)`;
  }
}

/** One suggestion among a few candidates (field names, scenario names). */
export function suggest(word: string, candidates: Iterable<string>): string {
  return new Suggester(candidates).suggest(word);
}
