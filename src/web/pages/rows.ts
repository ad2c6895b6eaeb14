// How much of a long list a model page holds. A model may have tens of thousands of inputs and
// nodes; the page lists at most ROWS_SHOWN of each list (inputs, formulas, the quantities and
// inputs to choose from) and says where the rest are (the model's JSON, its file, a field that
// takes any name), so the page of a huge model costs the request thread about what a page of a
// few hundred quantities does. What the reader entered is always listed.

import type { FormInput, InputGroup } from './request.ts';
import { INPUTS_SHOWN } from '../../analysis/page-inputs.ts';

/** The most rows a model page lists of one list (the inputs its run summarises, in the same order). */
export const ROWS_SHOWN = INPUTS_SHOWN;

/** The input groups as the page lists them, and how many inputs it leaves out. */
export interface ListedInputs {
  groups: InputGroup[];
  hidden: number;
}

/**
 * The inputs a page lists: every edited input and every input with an error, then the others
 * in the groups' order (those that affect the output before those that do not) up to
 * `max` in all. A group none of whose inputs is listed is left out.
 */
export function listedInputs(groups: InputGroup[], max = ROWS_SHOWN): ListedInputs {
  const all = groups.flatMap((g) => [...g.used, ...g.unused]);
  if (all.length <= max) return { groups, hidden: 0 };
  const listed = new Set<FormInput>(all.filter((i) => i.edited || i.errors.length > 0));
  for (const i of all) {
    if (listed.size >= max) break;
    listed.add(i);
  }
  const kept = groups
    .map((g) => {
      const used = g.used.filter((i) => listed.has(i));
      const unused = g.unused.filter((i) => listed.has(i));
      return { ...g, inputs: [...used, ...unused], used, unused };
    })
    .filter((g) => g.inputs.length > 0);
  return { groups: kept, hidden: all.length - listed.size };
}

/** Things to choose from: all of them (a list to pick from), or too many to list (a field with suggestions). */
export interface Choices<T> {
  /** Whether `items` is every one (shown as a list); if not, any name may be typed. */
  all: boolean;
  items: T[];
}

/** At most `max` of `items`, those named in `keep` (the chosen ones) first. */
export function choices<T>(
  items: readonly T[],
  nameOf: (t: T) => string,
  keep: readonly (string | undefined)[],
  max = ROWS_SHOWN,
): Choices<T> {
  if (items.length <= max) return { all: true, items: [...items] };
  const wanted = new Set(keep.filter((k): k is string => k !== undefined));
  const first = new Set(items.filter((t) => wanted.has(nameOf(t))));
  for (const t of items) {
    if (first.size >= max) break;
    first.add(t);
  }
  return { all: false, items: [...first] };
}
