// The sections of a model file that passed its schema, each read into the Model's records:
// inputs and nodes, imports, scenarios and evidence, every expression parsed at its place.
// Problems are collected rather than returned at the first, so one load reports them all, in
// the order of the file's sections.

import type { ModelFile, Basis } from './schema.ts';
import { MODEL_ID } from './schema.ts';
import { parseExpression, type Expr, type ExprSource } from './expression.ts';
import { exprSource, keyLoc, pathLoc, type YamlSource } from './yaml-source.ts';
import { reservedReason } from './names.ts';
import { error, type CredenceError } from './errors.ts';
import type { Evidence, Import, Override, Quantity, Scenario } from './load.ts';

/** One file's parsed YAML and the problems found in it so far. */
export interface SectionReader {
  src: YamlSource;
  errors: CredenceError[];
}

type Path = (string | number)[];
type Entries<K extends 'imports' | 'scenarios'> = NonNullable<ModelFile[K]>[string];

/** The expression at `path`, or null when it does not parse (the error is recorded). */
function parsedAt(r: SectionReader, path: Path, value: string): { expr: Expr; source: ExprSource } | null {
  const source = exprSource(r.src, path, value);
  const parsed = parseExpression(value, source);
  if (!parsed.ok) {
    r.errors.push(parsed.error);
    return null;
  }
  return { expr: parsed.value.expr, source };
}

function checkName(r: SectionReader, section: string, name: string): void {
  const why = reservedReason(name);
  if (why) r.errors.push(error('bad-name', why, keyLoc(r.src, [section], name)));
}

/** An input or node, written as its expression alone or as a mapping with `field` beside its labels. */
function quantity(
  r: SectionReader,
  section: 'inputs' | 'nodes',
  field: 'dist' | 'expr',
  name: string,
  raw: unknown,
): Quantity | null {
  checkName(r, section, name);
  const obj = typeof raw === 'string' ? { [field]: raw } : (raw as Record<string, string | undefined>);
  const value = obj[field]!;
  const path = typeof raw === 'string' ? [section, name] : [section, name, field];
  const e = parsedAt(r, path, value);
  if (!e) return null;
  return {
    name,
    label: obj.label ?? null,
    unit: obj.unit ?? null,
    note: obj.note ?? null,
    basis: (obj.basis as Basis | undefined) ?? null,
    from: obj.from ?? null,
    text: value,
    ...e,
    loc: keyLoc(r.src, [section], name),
  };
}

// Records without a prototype, so that a lookup by a name from the file never finds Object's members.
function record<T>(): Record<string, T> {
  return Object.create(null);
}

export function readInputs(r: SectionReader, f: ModelFile): Record<string, Quantity> {
  const inputs = record<Quantity>();
  for (const [name, raw] of Object.entries(f.inputs ?? {})) {
    const q = quantity(r, 'inputs', 'dist', name, raw);
    if (q) inputs[name] = q;
  }
  return inputs;
}

export function readNodes(r: SectionReader, f: ModelFile): Record<string, Quantity> {
  const nodes = record<Quantity>();
  for (const [name, raw] of Object.entries(f.nodes ?? {})) {
    if (Object.hasOwn(f.inputs ?? {}, name)) {
      const where = keyLoc(r.src, ['nodes'], name);
      r.errors.push(error('duplicate-name', `'${name}' is defined both as an input and as a node`, where));
      continue;
    }
    const q = quantity(r, 'nodes', 'expr', name, raw);
    if (q) nodes[name] = q;
  }
  return nodes;
}

/** Overrides written as a mapping of names to expressions under `base`. */
function overridesAt(r: SectionReader, base: Path, set: Record<string, string>): Override[] {
  const overrides: Override[] = [];
  for (const [target, value] of Object.entries(set)) {
    const e = parsedAt(r, [...base, target], value);
    if (e) overrides.push({ name: target, text: value, ...e, loc: keyLoc(r.src, base, target) });
  }
  return overrides;
}

export function readImports(
  r: SectionReader,
  f: ModelFile,
  quantities: { inputs: Record<string, Quantity>; nodes: Record<string, Quantity> },
): Record<string, Import> {
  const imports = record<Import>();
  for (const [alias, raw] of Object.entries(f.imports ?? {})) {
    checkName(r, 'imports', alias);
    imports[alias] = importOf(r, alias, raw, quantities);
  }
  return imports;
}

function importOf(
  r: SectionReader,
  alias: string,
  raw: Entries<'imports'>,
  { inputs, nodes }: { inputs: Record<string, Quantity>; nodes: Record<string, Quantity> },
): Import {
  const long = typeof raw !== 'string';
  const modelId = long ? raw.model : raw;
  const loc = pathLoc(r.src, long ? ['imports', alias, 'model'] : ['imports', alias]);
  if (alias in inputs || alias in nodes)
    r.errors.push(
      error('duplicate-name', `the import alias '${alias}' is also the name of a quantity in this model`, loc),
    );
  if (!MODEL_ID.test(modelId))
    r.errors.push(error('bad-model-id', `'${modelId}' is not a model id (a file name in models/ without .yaml)`, loc));
  const overrides = overridesAt(r, ['imports', alias, 'set'], (long && raw.set) || {});
  return { alias, modelId, overrides, note: (long && raw.note) || null, loc };
}

export function readScenarios(r: SectionReader, f: ModelFile): Record<string, Scenario> {
  const scenarios = record<Scenario>();
  for (const [name, raw] of Object.entries(f.scenarios ?? {})) scenarios[name] = scenarioOf(r, name, raw);
  return scenarios;
}

/** A scenario, written as its overrides alone or as `set` beside its label, note and sources. */
function scenarioOf(r: SectionReader, name: string, raw: Entries<'scenarios'>): Scenario {
  const long = 'set' in raw && typeof raw.set === 'object' && raw.set !== null;
  const set = (long ? raw.set : raw) as Record<string, string>;
  const base = long ? ['scenarios', name, 'set'] : ['scenarios', name];
  const overrides = overridesAt(r, base, set);
  const meta = long ? (raw as { label?: string; note?: string; sources?: string[] }) : {};
  return {
    name,
    label: meta.label ?? null,
    note: meta.note ?? null,
    sources: meta.sources ?? [],
    overrides,
    loc: keyLoc(r.src, ['scenarios'], name),
  };
}

export function readEvidence(r: SectionReader, f: ModelFile): Record<string, Evidence> {
  const evidence = record<Evidence>();
  for (const [name, raw] of Object.entries(f.evidence ?? {})) {
    const e = parsedAt(r, ['evidence', name, 'likelihood'], raw.likelihood);
    if (!e) continue;
    evidence[name] = {
      name,
      text: raw.likelihood,
      likelihood: e.expr,
      source: e.source,
      note: raw.note ?? null,
      citation: raw.source ?? null,
      applied: raw.applied ?? true,
      loc: keyLoc(r.src, ['evidence'], name),
    };
  }
  return evidence;
}
