// The Squiggle that reads sample by sample, as Credence's export writes it: SampleSet.fromDist(d)
// is d (Credence draws every distribution once per sample), SampleSet.mapN([a, b], {|xs| …})
// is its body with xs[i] the i-th name, sample(d) inside it is d, and the logic of such bodies
// (comparisons, && || !, c ? a : b, min/max/sum/product of a list, inv/cdf/pdf of a written-out
// distribution) has Credence's own spelling. With these, a model exported to Squiggle reads back.

/** A node of Squiggle's syntax tree, as the importer sees it. */
export type SquiggleNode = { kind: string; location: { start: { line: number; column: number } } } & Record<
  string,
  unknown
>;

/** What this module needs of the importer's reader. */
export interface ExprReader {
  expr(n: SquiggleNode): string;
  refuse(n: SquiggleNode, message: string): Error;
}

/** Squiggle's comparison and logic operators → Credence's (math.js's) spelling. */
const LOGIC: Record<string, string> = {
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  '==': '==',
  '!=': '!=',
  '&&': 'and',
  '||': 'or',
};

/** Functions of a list in Squiggle, of their arguments in Credence. */
const OF_LIST: Record<string, string> = { min: 'min', max: 'max', sum: 'sum', product: 'prod' };

/** A distribution's function in Squiggle → Credence's name for it. */
const OF_DIST: Record<string, string> = { inv: 'quantile', cdf: 'cdf', pdf: 'pdf' };

/**
 * The names a mapN body's parameter stands for, innermost last: `xs[i]` is the i-th name of
 * the list given to the mapN the body belongs to.
 */
export class Indexed {
  private readonly scopes: { param: string; names: SquiggleNode[] }[] = [];

  within<T>(param: string, names: SquiggleNode[], read: () => T): T {
    this.scopes.push({ param, names });
    try {
      return read();
    } finally {
      this.scopes.pop();
    }
  }

  /** The name node `xs[i]` stands for, or null when `n` is no such lookup. */
  lookup(n: SquiggleNode): SquiggleNode | null {
    const arg = n.arg as SquiggleNode;
    const key = n.key as SquiggleNode;
    const scope = [...this.scopes].reverse().find((s) => arg.kind === 'Identifier' && s.param === arg.value);
    if (!scope || key.kind !== 'Float' || key.fractional !== null || key.exponent !== null) return null;
    return scope.names[key.integer as number] ?? null;
  }
}

/** A comparison, logic operator, negation, conditional or list index; null for anything else. */
export function readLogic(r: ExprReader, indexed: Indexed, n: SquiggleNode): string | null {
  switch (n.kind) {
    case 'InfixCall': {
      const op = LOGIC[n.op as string];
      if (!op) return null;
      const [a, b] = (n.args as SquiggleNode[]).map((x) => r.expr(x));
      return `(${a} ${op} ${b})`;
    }
    case 'UnaryCall':
      return n.op === '!' ? `not (${r.expr(n.arg as SquiggleNode)})` : null;
    case 'Ternary': {
      const [c, t, f] = [n.condition, n.trueExpression, n.falseExpression].map((x) => r.expr(x as SquiggleNode));
      return `(${c} ? ${t} : ${f})`;
    }
    case 'BracketLookup': {
      const name = indexed.lookup(n);
      if (!name) throw r.refuse(n, 'an index [ … ] is read only as xs[i] inside SampleSet.mapN([…], {|xs| …})');
      return r.expr(name);
    }
    default:
      return null;
  }
}

/** SampleSet.fromDist, SampleSet.mapN, sample, functions of a list or of a distribution; null otherwise. */
export function readSampledCall(
  r: ExprReader,
  indexed: Indexed,
  n: SquiggleNode,
  name: string,
  args: SquiggleNode[],
): string | null {
  const one = () => {
    if (args.length !== 1) throw r.refuse(n, `${name}() takes one argument here, not ${args.length}`);
    return r.expr(args[0]!);
  };
  if (name === 'SampleSet.fromDist' || name === 'sample') return one();
  if (name === 'SampleSet.mapN') return mapN(r, indexed, n, args);
  const list = OF_LIST[name];
  if (list) {
    const [only] = args;
    if (args.length !== 1 || only?.kind !== 'Array') throw r.refuse(n, `${name}() takes one list [ … ] here`);
    return `${list}(${(only.elements as SquiggleNode[]).map((x) => r.expr(x)).join(', ')})`;
  }
  const ofDist = OF_DIST[name];
  if (ofDist) {
    if (args.length !== 2) throw r.refuse(n, `${name}() takes a distribution and a number here`);
    return `${ofDist}(${r.expr(args[0]!)}, ${r.expr(args[1]!)})`;
  }
  return null;
}

/** SampleSet.mapN([a, b, …], {|xs| body}): the body, xs[i] read as the i-th name. */
function mapN(r: ExprReader, indexed: Indexed, n: SquiggleNode, args: SquiggleNode[]): string {
  const [list, fn] = args;
  const names = list?.kind === 'Array' ? (list.elements as SquiggleNode[]) : null;
  const params = fn?.kind === 'Lambda' ? (fn.args as SquiggleNode[]) : null;
  if (args.length !== 2 || !names || !params || params.length !== 1)
    throw r.refuse(n, 'SampleSet.mapN() is read as SampleSet.mapN([names…], {|xs| …})');
  if (!names.every((x) => x.kind === 'Identifier'))
    throw r.refuse(list!, 'the list given to SampleSet.mapN() is read when it holds names only');
  const param = (params[0]!.variable as SquiggleNode).value as string;
  return indexed.within(param, names, () => r.expr(fn!.body as SquiggleNode));
}
