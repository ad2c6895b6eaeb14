// A model page's request, checked the way the CLI checks `credence run`: the query becomes a
// run request (bad parameters name themselves), overrides equal to what is already in force
// are dropped so that equal views share one URL, and `resolveRequest` reports located errors,
// which the what-if form shows beside the field they belong to.

import {
  resolveRequest,
  resolveParsed,
  parseEvidence,
  parseOverrides,
  type RunRequest,
  type ResolvedRequest,
} from '../../analysis/request.ts';
import { selectEvidence } from '../../engine/run.ts';
import { formatError, type CredenceError } from '../../model/errors.ts';
import { fieldMessage } from '../field-errors.ts';
import { dependencyClosure, type ExtraEvidence, type Graph } from '../../model/graph.ts';
import type { Project } from '../../model/project.ts';
import { countProvenance, type ProvenanceCount } from '../../model/provenance.ts';
import type { Basis } from '../../model/schema.ts';
import type { InputOverride } from '../../model/overrides.ts';
import type { Result } from '../../model/errors.ts';
import {
  UNBOUNDED,
  checkTimeError,
  stopped,
  wasStopped,
  type CheckBudget,
  type Stopped,
} from '../compute/check-budget.ts';

export interface FormInput {
  name: string;
  label: string | null;
  unit: string | null;
  note: string | null;
  /** Provenance: a source's figure or the modeller's assumption (null when undeclared). */
  basis: Basis | null;
  /** For a source's figure, the document and passage. */
  from: string | null;
  /** The file's distribution text. */
  original: string;
  /** The scenario's text when it overrides this input, else the file's. */
  base: string;
  /** What the field shows: the user's text when they edited it, else `base`. */
  value: string;
  edited: boolean;
  /** Import path ('' for the model's own inputs). */
  group: string;
  errors: string[];
  /** Whether the output (or applied evidence) reads this input. */
  affects: boolean;
  /**
   * Whether the page's run summarises it: the model's own inputs and the imported ones that
   * affect the output (the page runs only what those read).
   */
  summarised: boolean;
}

export interface InputGroup {
  /** Import path ('' for the model's own inputs). */
  path: string;
  /** The imported model's id and title. */
  model: string;
  title: string;
  inputs: FormInput[];
  /** Whether any of its inputs affects the output. */
  affects: boolean;
  /** Whether one of its inputs is edited or has an error (a folded group then shows open). */
  attention: boolean;
  /** Its inputs that reach the output (listed), and those that do not (folded). */
  used: FormInput[];
  unused: FormInput[];
  /** Whether a folded input is edited or has an error (the fold then shows open). */
  unusedAttention: boolean;
}

export interface CheckedRequest {
  request: RunRequest;
  inputs: FormInput[];
  groups: InputGroup[];
  /** Errors not tied to one field (an unknown scenario, a cycle an override introduced). */
  errors: string[];
  ok: boolean;
  /** Provenance of the inputs the output (or the applied evidence) reads, with imports. */
  provenance: ProvenanceCount;
  scenarios: { name: string; label: string; note: string | null }[];
  evidence: { name: string; applied: boolean; note: string | null; text: string }[];
  /** Every quantity of the view (for choosing which one to show), and the output's name. */
  names: string[];
  output: string;
}

function groupOf(name: string): string {
  const i = name.lastIndexOf('.');
  return i < 0 ? '' : name.slice(0, i);
}

/** What a check needs besides the project: plain data, so it can run in a worker. */
export interface CheckInput {
  model: string;
  request: RunRequest;
  /** Evidence from the track record's resolutions. */
  extra: ExtraEvidence[];
}

/**
 * Check a request against a model of the project (pure; the web runs it off the main thread, or
 * within `budget`, looked at between steps, when there is no worker to stop it from outside).
 */
export function checkRequestIn(
  project: Project,
  { model: modelId, request, extra }: CheckInput,
  budget: CheckBudget = UNBOUNDED,
): CheckedRequest | Stopped {
  const model = project.models.get(modelId)!;
  const scenarios = Object.values(model.scenarios).map((s) => ({
    name: s.name,
    label: s.label ?? s.name,
    note: s.note,
  }));
  // The inputs and their texts under the scenario alone (no what-if edits).
  if (budget.spent()) return stopped(checkTimeError(budget.ms));
  const base = resolveRequest(project, { ...request, set: {}, evidence: 'default' }, extra);
  if (!base.ok) {
    return {
      request,
      inputs: [],
      groups: [],
      errors: base.errors.map(formatError),
      ok: false,
      provenance: countProvenance([]),
      scenarios,
      evidence: [],
      names: [],
      output: model.output,
    };
  }
  const graph = base.value.prepared.graph;
  const inputs = formInputs(graph);
  const byName = new Map(inputs.map((i) => [i.name, i]));
  const req: RunRequest = { ...request, set: realEdits(request.set, byName) };
  const full = resolveEdits(project, req, extra, budget);
  if (wasStopped(full)) return full;
  const errors = full.ok ? [] : placeErrors(full.errors, byName);
  const inForce = full.ok ? full.value.prepared.graph : graph;
  markAffecting(inputs, inForce, req);
  return {
    request: req,
    inputs,
    groups: groupInputs(project, graph, byName),
    errors,
    ok: full.ok,
    provenance: countProvenance(inputs.filter((i) => i.affects)),
    scenarios,
    evidence: base.value.prepared.evidence,
    names: inForce.entities.map((e) => e.name),
    output: inForce.output,
  };
}

/** The request with its what-if edits, parsed one text at a time within the budget. */
function resolveEdits(
  project: Project,
  req: RunRequest,
  extra: ExtraEvidence[],
  budget: CheckBudget,
): Result<ResolvedRequest> | Stopped {
  const overrides: InputOverride[] = [];
  const errors: CredenceError[] = [];
  for (const [name, text] of Object.entries(req.set)) {
    if (budget.spent()) return stopped(checkTimeError(budget.ms, name));
    const r = parseOverrides({ [name]: text });
    if (r.ok) overrides.push(...r.value);
    else errors.push(...r.errors);
  }
  if (errors.length > 0) return { ok: false, errors };
  if (budget.spent()) return stopped(checkTimeError(budget.ms));
  return resolveParsed(project, req, overrides, extra);
}

/** A field for each input of the graph, showing its text under the scenario. */
function formInputs(graph: Graph): FormInput[] {
  return graph.entities
    .filter((e) => e.kind === 'input')
    .map((e) => ({
      name: e.name,
      label: e.quantity.label,
      unit: e.quantity.unit,
      note: e.quantity.note,
      basis: e.quantity.basis,
      from: e.quantity.from,
      original: e.quantity.text,
      base: e.override ?? e.quantity.text,
      value: e.override ?? e.quantity.text,
      edited: false,
      group: groupOf(e.name),
      errors: [],
      affects: true,
      summarised: true,
    }));
}

/**
 * The what-if edits that change something (each field shows its edit), so the canonical URL
 * carries only real overrides.
 */
function realEdits(edits: Record<string, string>, byName: Map<string, FormInput>): Record<string, string> {
  const set: Record<string, string> = {};
  for (const [name, text] of Object.entries(edits)) {
    const input = byName.get(name);
    if (input && normalise(text) === normalise(input.base)) continue;
    set[name] = text;
    if (input) {
      input.value = text;
      input.edited = true;
    }
  }
  return set;
}

/** Errors go beside the field they belong to; the others are returned, for the top of the form. */
function placeErrors(found: CredenceError[], byName: Map<string, FormInput>): string[] {
  const errors: string[] = [];
  for (const e of found) {
    const input = fieldOf(e, byName);
    if (input) input.errors.push(fieldMessage(input.name, e.col, e.message));
    else errors.push(formatError(e));
  }
  return errors;
}

/** Which inputs the output (or the applied evidence) reads in the graph in force. */
function markAffecting(inputs: FormInput[], inForce: Graph, req: RunRequest): void {
  const applied = selectEvidence(inForce, parseEvidence(req.evidence)).names;
  const used = dependencyClosure(inForce, [inForce.output], applied);
  for (const input of inputs) {
    input.affects = used.has(input.name);
    input.summarised = input.affects || input.group === '';
  }
}

/** The inputs by import path, each group with the title of the model it comes from. */
function groupInputs(project: Project, graph: Graph, byName: Map<string, FormInput>): InputGroup[] {
  const groups: InputGroup[] = [];
  for (const e of graph.entities) {
    if (e.kind !== 'input') continue;
    const path = groupOf(e.name);
    let g = groups.find((x) => x.path === path);
    if (!g) {
      g = emptyGroup(path, e.modelId, project.models.get(e.modelId)?.title ?? e.modelId);
      groups.push(g);
    }
    const input = byName.get(e.name)!;
    g.inputs.push(input);
    g.affects ||= input.affects || path === '';
    g.attention ||= input.edited || input.errors.length > 0;
  }
  return orderGroups(groups);
}

function emptyGroup(path: string, model: string, title: string): InputGroup {
  return {
    path,
    model,
    title,
    inputs: [],
    affects: false,
    attention: false,
    used: [],
    unused: [],
    unusedAttention: false,
  };
}

/**
 * The model's own inputs first, then the imported groups that reach the output; within a
 * group, the inputs that affect the output before those that do not.
 */
function orderGroups(groups: InputGroup[]): InputGroup[] {
  const rank = (g: InputGroup) => (g.path === '' ? 0 : g.affects ? 1 : 2);
  groups.sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
  for (const g of groups) {
    g.inputs.sort((a, b) => Number(b.affects) - Number(a.affects));
    g.used = g.inputs.filter((i) => i.affects);
    g.unused = g.inputs.filter((i) => !i.affects);
    g.unusedAttention = g.unused.some((i) => i.edited || i.errors.length > 0);
  }
  return groups;
}

function normalise(text: string): string {
  return text.replace(/\s+/g, '');
}

/** The field an error belongs to: errors in an override are located in `--set <name>`. */
function fieldOf(e: CredenceError, byName: Map<string, FormInput>): FormInput | undefined {
  const m = /^--set (.+)$/.exec(e.file ?? '');
  return m ? byName.get(m[1]!) : undefined;
}
