// The shape of a model file (`models/*.yaml`), as a zod schema: the boundary where a
// forecaster's file becomes typed data. Expressions stay text here; `load.ts` parses them.
// The descriptions are for people: they become the JSON Schema that editors use to check and
// complete model files (see json-schema.ts), so they say what a field means, not its type.

import * as z from 'zod';
import { IDENTIFIER } from './names.ts';
import { LIMITS } from './limits.ts';

export const MODEL_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** YAML hands numbers as numbers; an expression field accepts both and keeps text. */
export const ExpressionText = z
  .union([z.string(), z.number(), z.boolean()])
  .transform((v) => (typeof v === 'boolean' ? (v ? '1' : '0') : String(v)))
  .meta({
    description:
      'An expression: a number, a distribution such as beta(6, 4), or a formula over names of this model (math.js syntax, checked against an allow-list). Inside { … } quote it when it has a comma.',
  });

const text = z.string();

/** A name of an input, node or import (checked in load.ts; described here for editors). */
const Name = z.string().meta({ pattern: IDENTIFIER.source, maxLength: LIMITS['name-length'] });
/** A name as a scenario or import override writes it: dotted paths reach into imports. */
const DottedName = z
  .string()
  .meta({ pattern: `^${IDENTIFIER.source.slice(1, -1)}(\\.${IDENTIFIER.source.slice(1, -1)})*$` });

/**
 * Where an input's number comes from: a figure a source states (`from` names the document and
 * passage) or the modeller's assumption (its reason in `note`). `credence check` requires one
 * on every input (see provenance.ts); loading and running do not.
 */
export const BASES = ['source', 'assumption'] as const;
export type Basis = (typeof BASES)[number];

const label = text.describe('A short label for people (tables, charts); the name stays the key.').optional();
const unit = text
  .describe("What the number measures, e.g. 'probability' (then it must lie in [0, 1]) or 'generations'.")
  .optional();
const note = text.describe('Why this value: the reasoning a reader should see.').optional();
const Model = z
  .string()
  .meta({ pattern: MODEL_ID.source })
  .describe('A model id: the file name of a model in the same folder, without .yaml.');

export const InputSchema = z
  .union([
    ExpressionText,
    z.strictObject({
      label,
      unit,
      note,
      basis: z
        .enum(BASES, { error: "the basis must be 'source' or 'assumption'" })
        .describe(
          "'source': a figure a source states (name it in 'from'); 'assumption': the modeller's own (give the reason in 'note').",
        )
        .optional(),
      from: text.describe('The document and passage a source figure comes from.').optional(),
      dist: ExpressionText,
    }),
  ])
  .describe(
    'An input: a distribution, a number or an expression over other inputs; or a mapping with dist and details.',
  );

export const NodeSchema = z
  .union([ExpressionText, z.strictObject({ label, unit, note, expr: ExpressionText })])
  .describe('A node: an expression over inputs and other nodes; or a mapping with expr and details.');

export const OverridesSchema = z
  .record(DottedName, ExpressionText)
  .describe('Inputs to override, by name (dotted for an input of an import), with their new expressions.');

export const ScenarioSchema = z
  .union([
    z.strictObject({
      label,
      note,
      sources: z.array(text).describe('Where this view comes from.').optional(),
      set: OverridesSchema,
    }),
    OverridesSchema,
  ])
  .describe('A scenario: overrides of inputs, alone or under set: with a label, note and sources.');

/**
 * An import: the model's id, or the id with `set`, overrides of the imported model's inputs
 * (keys are its input names, dotted for its own imports; expressions are in this file's names)
 * that hold wherever this file is run or imported.
 */
export const ImportSchema = z
  .union([
    Model,
    z.strictObject({
      model: Model,
      set: OverridesSchema.optional(),
      note,
    }),
  ])
  .describe(
    "Another model brought in under this alias: its quantities read as alias.name. A model id, or { model, set } to also set the imported model's inputs.",
  );

export const EvidenceSchema = z
  .strictObject({
    likelihood: ExpressionText.describe(
      "The probability of what was observed, as an expression over the model's names.",
    ),
    note,
    source: text.describe('Where the observation is reported.').optional(),
    applied: z.boolean().describe('false keeps this entry off unless asked for (default true).').optional(),
  })
  .describe('An observation that reweights the samples by its likelihood (the Bayesian posterior).');

export const ModelFileSchema = z
  .strictObject({
    title: text.min(1, 'the title is empty').describe("The model's title."),
    question: text
      .describe('The question the output answers, in one plain sentence (shown above the headline number).')
      .optional(),
    description: text.describe('What the model argues, for a reader.').optional(),
    sources: z.array(text).describe('The documents the model draws on.').optional(),
    inputs: z.record(Name, InputSchema).describe('The uncertain quantities, by name.').optional(),
    nodes: z.record(Name, NodeSchema).describe('Quantities computed from others, by name.').optional(),
    output: text.min(1).describe("The name of the quantity the model answers with (dotted for an import's)."),
    scenarios: z.record(z.string(), ScenarioSchema).describe('Named sets of input overrides (worldviews).').optional(),
    evidence: z.record(z.string(), EvidenceSchema).describe('Observations, by name.').optional(),
    imports: z.record(Name, ImportSchema).describe('Other models, by alias.').optional(),
  })
  .describe(
    'A Credence model file: inputs as distributions, nodes as expressions, an output, and optionally scenarios, evidence and imports.',
  );

export type ModelFile = z.infer<typeof ModelFileSchema>;
