// A model file of a binary tree of any size, for tests of large models: node b_i reads input a_i
// and its children b_{2i+1} and b_{2i+2}, so every input reaches the output b0.

const lines = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n');

/** The text of a tree model with `n` inputs a0… and `n` nodes b0…, each a ~ uniform(0, 1). */
export function treeModel(n: number): string {
  const reads = (i: number) => [`a${i}`, ...[2 * i + 1, 2 * i + 2].filter((k) => k < n).map((k) => `b${k}`)];
  return `title: Tree
inputs:
${lines(n, (i) => `  a${i}: uniform(0, 1)`)}
nodes:
${lines(n, (i) => `  b${i}: ${reads(i).join(' + ')}`)}
output: b0
`;
}
