// The scoring rules (pure). Brier score of a credence p on an outcome o ∈ {1 (yes), 0 (no)}:
// (p − o)², in [0, 1], LOWER is better; always saying 50% scores 0.25. Log score: the natural
// log of the probability given to what happened, at most 0, HIGHER is better; always saying 50%
// scores ln 0.5 ≈ −0.693.

export function brierScore(credence: number, yes: boolean): number {
  const d = credence - (yes ? 1 : 0);
  return d * d;
}

export function logScore(credence: number, yes: boolean): number {
  return Math.log(yes ? credence : 1 - credence);
}
