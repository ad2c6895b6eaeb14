// The samples of one quantity as CSV: one row per sample with its index, the value and, when the
// run applied evidence, its weight.

export function samplesCsv(node: string, col: Float64Array, weights: Float64Array | null): string {
  const parts: string[] = [weights ? `sample,${node},weight\n` : `sample,${node}\n`];
  for (let i = 0; i < col.length; i++) {
    parts.push(weights ? `${i},${col[i]},${weights[i]}\n` : `${i},${col[i]}\n`);
  }
  return parts.join('');
}
