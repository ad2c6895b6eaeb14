// The shape of a query string, checked for every request before a route reads it (so before
// any rate limit, lookup or computation): a bounded number of parameters, each given once, with
// names and values of bounded length in valid UTF-8; names of quantities (`set.<name>`, `node`,
// `gx`, `inputs`, …) written as names can be. Whatever a route then does with a parameter
// (parse it, look it up, suggest a near name) works on text of bounded length. A query that
// fails is a 400 naming the parameter, with a code.

import * as z from 'zod';
import { LIMITS } from '../model/limits.ts';
import { IDENTIFIER } from '../model/names.ts';
import { BadRequest } from './bad-request.ts';

export const QUERY_LIMITS = {
  /** Parameters in one query (a what-if of every input of a large model fits). */
  parameters: 500,
  /** Characters in one parameter's name (`set.` and an import path included). */
  'parameter-name': 1_000,
  /** Characters in one value (an override's expression). */
  'value-length': 10_000,
} as const;

/** Parameters whose value names quantities of the model (a list for `inputs`). */
const QUANTITY_PARAMS = new Set(['node', 'gx', 'gy']);
const QUANTITY_LIST_PARAMS = new Set(['inputs']);
/** Parameters whose value names a scenario. */
const SCENARIO_PARAMS = new Set(['scenario', 'from', 'to', 'a', 'b']);

/**
 * A parameter that overrides an input: `set.<name>` or `set[<name>]` (an OpenAPI deepObject),
 * `fromSet.<name>` (a crux's first view), `a.set.<name>` and `b.set.<name>` (the compare page).
 */
const OVERRIDE = /^(?:[ab]\.)?(?:set|fromSet)(?:\.([^]*)|\[([^]*)\])$/;

const count = (n: number) => n.toLocaleString('en-US');
const quote = (s: string) => `'${s.length > 60 ? `${s.slice(0, 57)}…` : s}'`;

/**
 * Why `name` cannot name a quantity (an input or node of a model, or of an import as
 * `alias.name`), or null when it can: names are identifiers of bounded length, paths no deeper
 * than imports can go, and no name is an object's member ('__proto__').
 */
export function quantityPathProblem(name: string): string | null {
  const parts = name.split('.');
  if (parts.length > LIMITS['import-depth'] + 1)
    return `${quote(name)} goes ${count(parts.length - 1)} imports deep, more than imports can (${LIMITS['import-depth']})`;
  for (const part of parts) {
    if (part.length > LIMITS['name-length'])
      return `a name of ${count(part.length)} characters is longer than any name can be (${LIMITS['name-length']})`;
    if (!IDENTIFIER.test(part) || part === '__proto__')
      return `${quote(part)} is not a name: names use letters, digits and underscores, starting with a letter`;
  }
  return null;
}

/** A query parameter naming a quantity, for a route's own zod schema. */
export const quantityName = (what: string) =>
  z.string().superRefine((v, ctx) => {
    const why = quantityPathProblem(v);
    if (why) ctx.addIssue({ code: 'custom', message: `${what}: ${why}` });
  });

/** One raw `name=value` pair, decoded; invalid percent-encoding or UTF-8 is reported. */
function decode(raw: string, what: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    throw new BadRequest(`${what} is not valid UTF-8 percent-encoding: ${quote(raw)}`, 'invalid-utf8');
  }
}

/** Check the query of `url` (the part after '?'); throws BadRequest naming the parameter. */
export function checkQueryShape(url: string): void {
  const i = url.indexOf('?');
  if (i < 0) return;
  const pairs = url
    .slice(i + 1)
    .split('&')
    .filter((p) => p !== '');
  if (pairs.length > QUERY_LIMITS.parameters)
    throw new BadRequest(
      `the query has ${count(pairs.length)} parameters; at most ${count(QUERY_LIMITS.parameters)} are taken`,
      'limit-exceeded',
    );
  const seen = new Set<string>();
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const rawName = eq < 0 ? pair : pair.slice(0, eq);
    if (rawName.length > 3 * QUERY_LIMITS['parameter-name'])
      throw new BadRequest(tooLong('a parameter name', rawName.length, 'parameter-name'), 'limit-exceeded');
    const name = decode(rawName, 'a parameter name');
    const value = decode(eq < 0 ? '' : pair.slice(eq + 1), `the value of ${quote(name)}`);
    if (name.length > QUERY_LIMITS['parameter-name'])
      throw new BadRequest(
        tooLong(`the parameter name ${quote(name)}`, name.length, 'parameter-name'),
        'limit-exceeded',
      );
    if (value.length > QUERY_LIMITS['value-length'])
      throw new BadRequest(`${name}: ${tooLong('the value', value.length, 'value-length')}`, 'limit-exceeded');
    if (seen.has(name))
      throw new BadRequest(`${name}: the parameter is given more than once; give it once`, 'repeated-parameter');
    seen.add(name);
    checkNames(name, value);
  }
}

function tooLong(what: string, length: number, limit: keyof typeof QUERY_LIMITS): string {
  return `${what} has ${count(length)} characters, over the limit of ${count(QUERY_LIMITS[limit])} (${limit})`;
}

/** Parameters that name quantities or scenarios must be names that could exist. */
function checkNames(name: string, value: string): void {
  const override = OVERRIDE.exec(name);
  const bad = (why: string) => new BadRequest(`${name}: ${why}`, 'bad-name');
  if (override) {
    const why = quantityPathProblem((override[1] ?? override[2])!);
    if (why) throw bad(why);
    return;
  }
  const text = value.trim();
  if (text === '') return;
  if (QUANTITY_PARAMS.has(name)) {
    const why = quantityPathProblem(text);
    if (why) throw bad(why);
  } else if (QUANTITY_LIST_PARAMS.has(name)) {
    for (const item of text.split(',')) {
      const why = item.trim() === '' ? null : quantityPathProblem(item.trim());
      if (why) throw bad(why);
    }
  } else if (SCENARIO_PARAMS.has(name) && text.length > LIMITS['name-length']) {
    throw bad(
      `a scenario name of ${count(text.length)} characters is longer than any name can be (${LIMITS['name-length']})`,
    );
  }
}
