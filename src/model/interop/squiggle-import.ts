// Reading Squiggle code into a Credence model: the subset both can say — named bindings of
// numbers, distributions (normal, lognormal, uniform, beta, triangular, bernoulli, pointMass,
// `a to b` and to(a, b), mixtures `mx`, and the named-parameter forms normal({p5, p95}),
// normal({mean, stdev}) and their kin), arithmetic, a few elementwise functions, and what
// Credence's export writes (squiggle-sampled.ts). Squiggle's own parser reads the text
// (@quri/squiggle-lang), so what is taken is exactly what Squiggle reads; anything outside the
// subset (functions, other lists, records, imports, other calls) is refused at its line and
// column. A binding with no name in it becomes an input, the others nodes; the program's last
// expression, or else its last binding, is the output. Expressions are read by
// squiggle-expression.ts.

import { basename } from 'node:path';
import { parse } from '@quri/squiggle-lang';
import { error, type CredenceError } from '../errors.ts';
import { reservedReason } from '../names.ts';
import type { ImportedModel } from './model-file.ts';
import { Reader, Refusal, describe, type Node } from './squiggle-expression.ts';

const place = (file: string, n: Node) => ({ file, line: n.location.start.line, col: n.location.start.column });

/** A binding's label from its @name("…") decorator; other decorators are refused. */
function labelOf(statement: Node, file: string, errors: CredenceError[]): string | null {
  let label: string | null = null;
  for (const d of (statement.decorators as Node[] | undefined) ?? []) {
    const name = (d.name as Node).value as string;
    const arg = (d.args as Node[])[0];
    if ((name === 'name' || name === 'doc') && arg?.kind === 'String') {
      if (name === 'name') label = arg.value as string;
    } else errors.push(error('unsupported', `the decorator @${name} is not read`, place(file, d)));
  }
  return label;
}

/** The model a Squiggle program is, or every refusal with its place. */
export function importSquiggle(
  text: string,
  file: string,
  title: string,
): { ok: true; value: ImportedModel } | { ok: false; errors: CredenceError[] } {
  const parsed = parse(text);
  if (!parsed.ok) {
    return {
      ok: false,
      errors: parsed.value.map((e) => {
        const at = e.location()?.start;
        const message = `Squiggle cannot read this: ${e.toString()}`;
        return error('expression-syntax', message, at ? { file, line: at.line, col: at.column } : { file });
      }),
    };
  }
  const program = parsed.value as unknown as Node;
  const r: Program = { reader: new Reader(), file, out: { title, inputs: {}, nodes: {}, output: '' }, errors: [] };
  for (const i of program.imports as Node[])
    r.errors.push(
      error('unsupported', 'imports are not read; bring the imported bindings into this file', place(file, i)),
    );
  let last: string | null = null;
  for (const s of program.statements as Node[]) last = readStatement(r, s) ?? last;
  const result = program.result as Node | null;
  if (result) readResult(r, result);
  else if (last !== null) r.out.output = last;
  const { out, errors } = r;
  if (errors.length === 0 && out.output === '')
    errors.push(error('unsupported', 'the file binds nothing: there is no quantity to import', { file }));
  return errors.length ? { ok: false, errors } : { ok: true, value: out };
}

/** What a program is read into. */
interface Program {
  reader: Reader;
  file: string;
  out: ImportedModel;
  errors: CredenceError[];
}

const fromOf = (file: string, n: Node) => `${basename(file)}:${n.location.start.line}`;

/** A binding into an input or a node; returns the name it binds, or null for what is not a binding. */
function readStatement(r: Program, s: Node): string | null {
  const { reader, file, out, errors } = r;
  if (s.kind !== 'LetStatement') {
    const what = s.kind === 'DefunStatement' ? 'a function' : describe(s.kind);
    errors.push(error('unsupported', `${what} is not read`, place(file, s)));
    return null;
  }
  const name = (s.variable as Node).value as string;
  const reserved = reservedReason(name);
  if (reserved) {
    errors.push(error('bad-name', `${reserved} in Credence; rename it`, place(file, s.variable as Node)));
    return null;
  }
  const label = labelOf(s, file, errors);
  reader.refs = new Set();
  try {
    const expr = reader.expr(s.value as Node);
    const quantity = { expr, from: fromOf(file, s), ...(label ? { label } : {}) };
    (reader.refs.size === 0 ? out.inputs : out.nodes)[name] = quantity;
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    errors.push(error('unsupported', `${name}: ${e.message}`, place(file, e.node)));
  }
  reader.names.add(name);
  return name;
}

/** The program's last expression as the output: a name as it is, anything else as a node 'output'. */
function readResult(r: Program, result: Node): void {
  const { reader, out } = r;
  reader.refs = new Set();
  try {
    const expr = reader.expr(result);
    if (result.kind === 'Identifier') out.output = expr;
    else {
      out.output = reader.names.has('output') ? 'output_' : 'output';
      out.nodes[out.output] = { expr, from: fromOf(r.file, result) };
    }
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    r.errors.push(error('unsupported', `the result: ${e.message}`, place(r.file, e.node)));
  }
}
