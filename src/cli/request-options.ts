// The options of an analysis command, read off the analysis's request schema in the registry:
// each parameter becomes `--kebab-name VALUE` with the schema's description and default, so
// the command line takes exactly what the API takes and its help cannot drift from the parser.
// `set` and `fromSet` (records of overrides) become repeatable `--set name=expr` options.

import * as z from 'zod';
import { requestSchema, type AnalysisName } from '../analysis/registry/index.ts';
import { CLI_LIMITS } from '../analysis/request.ts';
import { formatCount } from '../analysis/format.ts';
import type { OptionSpec, OptionSpecs } from './spec.ts';

/** How a parameter's value is written in the help where its type alone would not say. */
const VALUES: Record<string, string> = {
  scenario: 'NAME',
  evidence: 'all|none|NAME,…',
  inputs: 'NAME,…',
  from: 'SCENARIO|default',
  to: 'SCENARIO|default',
  set: 'name=expr',
  fromSet: 'name=expr',
  model: 'MODEL',
  threshold: 'X',
};

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
export const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

interface JsonProperty {
  type?: string;
  enum?: unknown[];
  description?: string;
  anyOf?: JsonProperty[];
  maximum?: number;
}

/** The default a field fills in when the parameter is absent, as help text ('' if none to show). */
function defaultOf(field: z.ZodType): string {
  const r = field.safeParse(undefined);
  if (!r.success) return '';
  const v: unknown = r.data;
  if (v === undefined || v === null || (typeof v === 'object' && Object.keys(v).length === 0)) return '';
  if (Array.isArray(v)) return '';
  return typeof v === 'number' ? formatCount(v) : String(v);
}

function valueOf(key: string, p: JsonProperty): string {
  if (VALUES[key]) return VALUES[key];
  const enums = p.enum ?? p.anyOf?.find((a) => a.enum)?.enum;
  if (enums) return enums.join('|');
  return p.type === 'integer' ? 'N' : p.type === 'number' ? 'X' : 'TEXT';
}

/** One option per parameter of `name`'s request (but those in `skip`). */
export function requestOptions(name: AnalysisName, skip: readonly string[] = ['model']): Record<string, OptionSpec> {
  const schema = requestSchema(name, CLI_LIMITS) as unknown as z.ZodObject;
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties: Record<string, JsonProperty>;
  };
  const out: Record<string, OptionSpec> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    if (skip.includes(key)) continue;
    const p = json.properties[key] ?? {};
    const record = key === 'set' || key === 'fromSet';
    const described = (p.description ?? '').replace(/\.$/, '');
    const dflt = /\(default/.test(described) ? '' : defaultOf(field as z.ZodType);
    const most = p.type === 'integer' && p.maximum !== undefined && p.maximum >= 1e6 ? formatCount(p.maximum) : '';
    const notes = [dflt && `default: ${dflt}`, most && `at most ${most}`].filter(Boolean).join('; ');
    out[kebab(key)] = {
      type: 'string',
      ...(record ? { multiple: true } : {}),
      value: valueOf(key, p),
      help: `${described}${notes ? ` (${notes})` : ''}.`,
    };
  }
  return out;
}

/** The options of several analyses merged (a parameter only some take says which). */
export function mergedRequestOptions(names: readonly AnalysisName[], skip?: readonly string[]): OptionSpecs {
  const each = names.map((n) => [n, requestOptions(n, skip)] as const);
  const out: OptionSpecs = {};
  for (const [, opts] of each)
    for (const [flag, o] of Object.entries(opts)) {
      if (out[flag]) continue;
      const takers = each.filter(([, other]) => flag in other).map(([n]) => n);
      out[flag] = takers.length === names.length ? o : { ...o, help: `${o.help} (${takers.join(', ')})` };
    }
  return out;
}
