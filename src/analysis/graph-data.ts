// The dependency graph of a prepared model as the `graph` chart and the API share it: nodes
// (inputs, intermediate nodes, the output, and imported models shown as one node each unless
// expanded) and edges from each quantity to the quantities that read it, with a longest-path
// layer per node for a left-to-right layout. A graph of more than GRAPH_NODES nodes is cut to the
// neighbourhood of a focus (the output, or a chosen quantity), with the whole graph's counts.
// Pure: reads the flattened graph, no DOM, no I/O.

import type { Graph } from '../model/graph.ts';
import { GRAPH_NODES, neighbourhood } from './graph-neighbourhood.ts';

export type GraphNodeKind = 'input' | 'node' | 'output' | 'imported';

export interface GraphNode {
  /** Qualified name (`p_step`, `chain.p_step`), or the import path (`chain`) of a collapsed import. */
  id: string;
  kind: GraphNodeKind;
  /** The quantity's label, or its local name; an import's model title. */
  label: string;
  /** Short name to draw in the box: the local name, or the import alias. */
  name: string;
  unit: string | null;
  /** Id of the model file the quantity (or the collapsed import) comes from. */
  model: string;
  /** Import path of the model the node belongs to: '' for the model itself, 'chain', 'a.b'. */
  group: string;
  /** Set when a scenario, `--set` or what-if edit replaced this input's distribution. */
  override: string | null;
  /** Quantities hidden inside a collapsed import (0 for quantities). */
  hidden: number;
  /** Longest path from a node without dependencies: 0 for sources. */
  layer: number;
}

export interface GraphEdge {
  /** The quantity read. */
  source: string;
  /** The quantity reading it. */
  target: string;
}

export interface GraphGroup {
  /** Import path ('' for the model itself). */
  id: string;
  model: string;
  title: string;
  /** Whether its quantities are shown (false: the import is one node). */
  expanded: boolean;
}

export interface GraphData {
  model: string;
  title: string;
  output: string;
  /** The node the shown part is centred on: the output's, or a chosen quantity's (its import's box when collapsed). */
  focus: string;
  /** The nodes shown: all of them, or the GRAPH_NODES nearest the focus. */
  nodes: GraphNode[];
  /** The links between the nodes shown. */
  edges: GraphEdge[];
  groups: GraphGroup[];
  /** Nodes and links of the whole graph (more than those shown when it is cut). */
  total: { nodes: number; edges: number };
}

export interface GraphDataOptions {
  /**
   * How many levels of imports to show quantity by quantity: 0 (default) shows each import of
   * the model as one node; Infinity shows every quantity of every imported model.
   */
  depth?: number;
  /** Title of a model by id (e.g. from the project), for imported models; defaults to the id. */
  titleOf?: (modelId: string) => string | undefined;
  /** The quantity whose neighbourhood a graph too large to show is cut to (default: the output). */
  focus?: string;
  /** The most nodes shown (default GRAPH_NODES). */
  max?: number;
}

/** Import path of a qualified name: 'a.b.x' → 'a.b', 'x' → ''. */
export function groupOf(name: string): string {
  const i = name.lastIndexOf('.');
  return i < 0 ? '' : name.slice(0, i);
}

function depthOf(group: string): number {
  return group === '' ? 0 : group.split('.').length;
}

/** The shown node standing for an entity: itself, or its outermost collapsed import. */
function representative(name: string, depth: number): string {
  const parts = groupOf(name).split('.').filter(Boolean);
  if (parts.length <= depth) return name;
  return parts.slice(0, depth + 1).join('.');
}

/** Import path → model id: the root's own imports, then every path an entity lives under. */
function modelsByPath(graph: Graph): Map<string, string> {
  const groupModel = new Map<string, string>([['', graph.model.id]]);
  for (const imp of Object.values(graph.model.imports)) groupModel.set(imp.alias, imp.modelId);
  for (const e of graph.entities) {
    const g = groupOf(e.name);
    if (!groupModel.has(g)) groupModel.set(g, e.modelId);
  }
  return groupModel;
}

/** One node per quantity shown, and one per collapsed import counting the quantities it hides. */
function nodesOf(graph: Graph, depth: number, titleOf: (model: string) => string, modelOf: (path: string) => string) {
  const nodes = new Map<string, GraphNode>();
  for (const e of graph.entities) {
    const rep = representative(e.name, depth);
    if (rep === e.name) {
      nodes.set(e.name, {
        id: e.name,
        kind: e.name === graph.output ? 'output' : e.kind,
        label: e.quantity.label ?? e.local,
        name: e.local,
        unit: e.quantity.unit,
        model: e.modelId,
        group: groupOf(e.name),
        override: e.override,
        hidden: 0,
        layer: 0,
      });
      continue;
    }
    let n = nodes.get(rep);
    if (!n) {
      const model = modelOf(rep);
      n = {
        id: rep,
        kind: 'imported',
        label: titleOf(model),
        name: rep.slice(rep.lastIndexOf('.') + 1),
        unit: null,
        model,
        group: groupOf(rep),
        override: null,
        hidden: 0,
        layer: 0,
      };
      nodes.set(rep, n);
    }
    n.hidden++;
  }
  return nodes;
}

/** The dependencies between the nodes shown, each once. */
function edgesOf(graph: Graph, depth: number): GraphEdge[] {
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  for (const e of graph.entities) {
    const target = representative(e.name, depth);
    for (const d of e.deps) {
      const source = representative(d, depth);
      if (source === target) continue;
      const key = `${source}\u0000${target}`;
      if (seen.has(key)) continue;
      seen.add(key);
      edges.push({ source, target });
    }
  }
  return edges;
}

/** `graphData(prepared.graph)`: the graph to draw, collapsed to `depth` levels of imports. */
export function graphData(graph: Graph, opts: GraphDataOptions = {}): GraphData {
  const depth = opts.depth ?? 0;
  const root = graph.model;
  const titleOf = (id: string) => (id === root.id ? root.title : opts.titleOf?.(id)) ?? id;
  const groupModel = modelsByPath(graph);
  const all = nodesOf(graph, depth, titleOf, (path) => groupModel.get(path) ?? path);
  const allEdges = edgesOf(graph, depth);
  const focus = representative(opts.focus ?? graph.output, depth);
  const { nodes, edges } = cut(all, allEdges, focus, opts.max ?? GRAPH_NODES);
  assignLayers(nodes, edges);
  const groups: GraphGroup[] = [];
  for (const [id, model] of [...groupModel.entries()].sort((x, y) => x[0].localeCompare(y[0]))) {
    if (depthOf(id) > depth + 1) continue;
    groups.push({ id, model, title: titleOf(model), expanded: depthOf(id) <= depth });
  }
  return {
    model: root.id,
    title: root.title,
    output: graph.output,
    focus,
    nodes: [...nodes.values()],
    edges,
    groups,
    total: { nodes: all.size, edges: allEdges.length },
  };
}

/** The whole graph when it has at most `max` nodes, else the neighbourhood of `focus`. */
function cut(all: Map<string, GraphNode>, edges: GraphEdge[], focus: string, max: number) {
  if (all.size <= max) return { nodes: all, edges };
  const kept = neighbourhood(all.keys(), edges, focus, max);
  // In the graph's own order, so the layout's starting order does not depend on the focus.
  const nodes = new Map([...all].filter(([id]) => kept.has(id)));
  return { nodes, edges: edges.filter((e) => kept.has(e.source) && kept.has(e.target)) };
}

/**
 * Longest-path layering: sources at layer 0, every other node one past its deepest dependency.
 * A cycle (possible only between collapsed imports and what overrides make them read) is
 * broken at the edge that closes it.
 */
export function assignLayers(nodes: Map<string, GraphNode>, edges: readonly GraphEdge[]): void {
  const deps = new Map<string, string[]>();
  for (const n of nodes.keys()) deps.set(n, []);
  for (const e of edges) deps.get(e.target)?.push(e.source);
  const state = new Map<string, 1 | 2>();
  const layer = (id: string): number => {
    const s = state.get(id);
    if (s === 2) return nodes.get(id)!.layer;
    if (s === 1) return -1; // closes a cycle: ignored
    state.set(id, 1);
    let l = 0;
    for (const d of deps.get(id) ?? []) if (nodes.has(d)) l = Math.max(l, layer(d) + 1);
    state.set(id, 2);
    nodes.get(id)!.layer = l;
    return l;
  };
  for (const id of nodes.keys()) layer(id);
}
