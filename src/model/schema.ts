// The shape of a model file (`models/*.yaml`), as a zod schema: the boundary where a
// forecaster's file becomes typed data. Expressions stay text here; `load.ts` parses them.

import * as z from 'zod';

/** YAML hands numbers as numbers; an expression field accepts both and keeps text. */
export const ExpressionText = z
  .union([z.string(), z.number(), z.boolean()])
  .transform((v) => (typeof v === 'boolean' ? (v ? '1' : '0') : String(v)));

const text = z.string();

/**
 * Where an input's number comes from: a figure a source states (`from` names the document and
 * passage) or the modeller's assumption (its reason in `note`). `credence check` requires one
 * on every input (see provenance.ts); loading and running do not.
 */
export const BASES = ['source', 'assumption'] as const;
export type Basis = (typeof BASES)[number];

export const InputSchema = z.union([
  ExpressionText,
  z.strictObject({
    label: text.optional(),
    unit: text.optional(),
    note: text.optional(),
    basis: z.enum(BASES, { error: "the basis must be 'source' or 'assumption'" }).optional(),
    from: text.optional(),
    dist: ExpressionText,
  }),
]);

export const NodeSchema = z.union([
  ExpressionText,
  z.strictObject({
    label: text.optional(),
    unit: text.optional(),
    note: text.optional(),
    expr: ExpressionText,
  }),
]);

export const OverridesSchema = z.record(z.string(), ExpressionText);

export const ScenarioSchema = z.union([
  z.strictObject({
    label: text.optional(),
    note: text.optional(),
    sources: z.array(text).optional(),
    set: OverridesSchema,
  }),
  OverridesSchema,
]);

/**
 * An import: the model's id, or the id with `set`, overrides of the imported model's inputs
 * (keys are its input names, dotted for its own imports; expressions are in this file's names)
 * that hold wherever this file is run or imported.
 */
export const ImportSchema = z.union([
  text,
  z.strictObject({
    model: text,
    set: OverridesSchema.optional(),
    note: text.optional(),
  }),
]);

export const EvidenceSchema = z.strictObject({
  likelihood: ExpressionText,
  note: text.optional(),
  source: text.optional(),
  applied: z.boolean().optional(),
});

export const ModelFileSchema = z.strictObject({
  title: text.min(1, 'the title is empty'),
  description: text.optional(),
  sources: z.array(text).optional(),
  inputs: z.record(z.string(), InputSchema).optional(),
  nodes: z.record(z.string(), NodeSchema).optional(),
  output: text.min(1),
  scenarios: z.record(z.string(), ScenarioSchema).optional(),
  evidence: z.record(z.string(), EvidenceSchema).optional(),
  imports: z.record(z.string(), ImportSchema).optional(),
});

export type ModelFile = z.infer<typeof ModelFileSchema>;

export const MODEL_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
