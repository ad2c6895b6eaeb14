// An analysis's query parameters for the OpenAPI description, generated from its zod request
// schema (the one the server parses with): one parameter per field, with its type, range,
// default and description; the model as a path parameter; a record field (`set`) as a
// deepObject, which the server reads as `set[name]=…` and as `set.name=…`.

import * as z from 'zod';
import { requestSchema, type AnalysisName } from '../../analysis/registry/index.ts';
import { WEB_LIMITS } from '../query.ts';

type Schema = Record<string, unknown>;

export interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required: boolean;
  description?: string;
  schema: Schema;
  style?: 'deepObject';
  explode?: boolean;
}

/** The path parameter naming the model. */
export const MODEL_PARAMETER: Parameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The model id: a file name in models/ without .yaml.',
  schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]*$' },
};

/** A query parameter's value is text: a list of names travels comma-separated. */
function asQuery(schema: Schema): Schema {
  const anyOf = schema.anyOf as Schema[] | undefined;
  if (anyOf?.some((s) => s.type === 'string')) {
    const { anyOf: _a, ...rest } = schema;
    return { ...rest, type: 'string' };
  }
  return schema;
}

function parameterOf(name: string, schema: Schema, required: boolean): Parameter {
  const { description, ...rest } = schema;
  const text = typeof description === 'string' ? description : undefined;
  if (rest.type === 'object')
    return {
      name,
      in: 'query',
      required: false,
      description: `${text ?? ''} As \`${name}[name]=text\` (or \`${name}.name=text\`), one parameter per name.`.trim(),
      style: 'deepObject',
      explode: true,
      schema: rest,
    };
  return { name, in: 'query', required, ...(text ? { description: text } : {}), schema: asQuery(rest) };
}

/** The parameters of an analysis's request; `model` is the path's when `inPath`. */
export function analysisParameters(name: AnalysisName, inPath: boolean): Parameter[] {
  const json = z.toJSONSchema(requestSchema(name, WEB_LIMITS), { io: 'input', unrepresentable: 'any' });
  const properties = (json.properties ?? {}) as Record<string, Schema>;
  const required = new Set((json.required ?? []) as string[]);
  const out: Parameter[] = inPath ? [MODEL_PARAMETER] : [];
  for (const [key, schema] of Object.entries(properties)) {
    if (inPath && key === 'model') continue;
    out.push(parameterOf(key, schema, required.has(key)));
  }
  return out;
}
