// Where the dependency graph's boxes go: layers by longest path from the inputs, left to right
// when wide and top to bottom (layers wrapping onto rows) when narrow, ordered within layers to
// reduce crossings, each box as tall as its name needs (names wrap at _ . and spaces, never cut).

import { breakWord, fonts, isNarrow, textWidth } from './text.ts';
import type { Frame } from './frame.ts';
import type { GraphData, GraphNode } from '../../analysis/graph-data.ts';

/** Break an identifier into lines at underscores, dots and spaces (keeping them); every character kept. */
export function wrapName(name: string, maxWidth: number, size: number): string[] {
  const tokens = name.split(/(?<=[_.\s])/).flatMap((t) => breakWord(t, maxWidth, size, false));
  const lines: string[] = [];
  let line = '';
  for (const t of tokens) {
    if (!line || textWidth(line + t, size) <= maxWidth) line += t;
    else {
      lines.push(line.trim());
      line = t;
    }
  }
  if (line) lines.push(line.trim());
  return lines;
}

/** The lines of a node's box: its name, and for an imported model its model id beneath. */
export function boxLines(n: GraphNode, w: number, size: number): { lines: string[]; nameLines: number } {
  const lines = wrapName(n.name, w - 10, size);
  const nameLines = lines.length;
  if (n.kind === 'imported' && n.model !== n.name) lines.push(...wrapName(n.model, w - 10, size));
  return { lines, nameLines };
}

export interface Placed {
  id: string;
  /** null for the waypoints of links that span several layers. */
  node: GraphNode | null;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Item {
  id: string;
  node: GraphNode | null;
}

export interface Layered {
  layers: Item[][];
  /** Each edge as the chain of item ids it passes through (source, waypoints…, target). */
  chains: { source: string; target: string; ids: string[] }[];
}

/**
 * Layers with waypoints on links that skip layers (so they run between boxes, not behind them),
 * ordered within each layer by a few barycentre sweeps down and up to reduce crossings.
 */
export function orderLayers(d: GraphData, waypoints = true): Layered {
  const layers: Item[][] = [];
  const layerOf = new Map<string, number>();
  for (const n of d.nodes) {
    (layers[n.layer] ??= []).push({ id: n.id, node: n });
    layerOf.set(n.id, n.layer);
  }
  for (let i = 0; i < layers.length; i++) layers[i] ??= [];
  const chains: Layered['chains'] = [];
  for (const e of d.edges) {
    const ls = layerOf.get(e.source);
    const lt = layerOf.get(e.target);
    if (ls === undefined || lt === undefined) continue;
    const ids = [e.source];
    if (waypoints && lt - ls > 1) {
      for (let l = ls + 1; l < lt; l++) {
        const id = `\u0000${e.source}\u0000${e.target}\u0000${l}`;
        layers[l]!.push({ id, node: null });
        ids.push(id);
      }
    }
    ids.push(e.target);
    chains.push({ source: e.source, target: e.target, ids });
  }
  const up = new Map<string, string[]>();
  const down = new Map<string, string[]>();
  for (const c of chains) {
    for (let i = 0; i + 1 < c.ids.length; i++) {
      const a = c.ids[i]!;
      const b = c.ids[i + 1]!;
      (up.get(b) ?? up.set(b, []).get(b)!).push(a);
      (down.get(a) ?? down.set(a, []).get(a)!).push(b);
    }
  }
  const pos = new Map<string, number>();
  const index = () => layers.forEach((l) => l.forEach((it, i) => pos.set(it.id, (i + 0.5) / l.length)));
  index();
  const bary = (id: string, nbrs: Map<string, string[]>) => {
    const list = (nbrs.get(id) ?? []).map((n) => pos.get(n)).filter((v): v is number => v !== undefined);
    return list.length ? list.reduce((a, b) => a + b, 0) / list.length : pos.get(id)!;
  };
  for (let sweep = 0; sweep < 6; sweep++) {
    const goingDown = sweep % 2 === 0;
    const order = goingDown
      ? layers.map((_, i) => i).slice(1)
      : layers
          .map((_, i) => i)
          .reverse()
          .slice(1);
    for (const li of order) {
      const nbrs = goingDown ? up : down;
      const keyed = layers[li]!.map((it, i) => ({ it, k: bary(it.id, nbrs), i }));
      keyed.sort((a, b) => a.k - b.k || a.i - b.i);
      layers[li] = keyed.map((x) => x.it);
      index();
    }
  }
  return { layers, chains };
}

const WAYPOINT = 6;
const GAP = 10;
const LAYER_GAP = 26;
const ROW_GAP = 8;

/** Box width and line height for a graph drawn `width` wide. */
function geometry(width: number, layerCount: number) {
  const f = fonts(width);
  const pad = isNarrow(width) ? 8 : 14;
  const inner = width - 2 * pad;
  const lineH = f.small * 1.2;
  if (!isNarrow(width)) {
    const colW = inner / Math.max(1, layerCount);
    const gap = Math.max(28, Math.min(70, colW * 0.3));
    return { f, pad, inner, lineH, colW, w: Math.max(50, Math.min(190, colW - gap)), perRow: 0 };
  }
  const perRow = Math.max(1, Math.floor(inner / 104));
  return { f, pad, inner, lineH, colW: 0, w: (inner - (perRow - 1) * 8) / perRow, perRow };
}

/** A box's height for its lines: at least two lines' worth, so short names keep one size. */
const boxHeight = (lines: number, lineH: number) => Math.max(2, lines) * lineH + 12;

/** Each layer's content height (wide) or each row's box height (narrow), at `width`. */
function measure(d: GraphData, width: number) {
  const vertical = isNarrow(width);
  const { layers, chains } = orderLayers(d, !vertical);
  const g = geometry(width, layers.length);
  const heightOf = (it: Item) =>
    it.node ? boxHeight(boxLines(it.node, g.w, g.f.small).lines.length, g.lineH) : WAYPOINT;
  return { vertical, layers, chains, g, heightOf };
}

export function layout(
  fr: Frame,
  d: GraphData,
  top: number,
): {
  placed: Map<string, Placed>;
  chains: Layered['chains'];
  vertical: boolean;
  lines: Map<string, { lines: string[]; nameLines: number }>;
} {
  const { vertical, layers, chains, g, heightOf } = measure(d, fr.width);
  const availH = fr.height - top - fr.pad;
  const placed = new Map<string, Placed>();
  const lines = new Map<string, { lines: string[]; nameLines: number }>();
  for (const l of layers) for (const it of l) if (it.node) lines.set(it.id, boxLines(it.node, g.w, g.f.small));
  if (!vertical) {
    layers.forEach((l, li) => {
      const x = fr.pad + li * g.colW + (g.colW - g.w) / 2;
      const boxes = l.reduce((a, it) => a + heightOf(it), 0);
      // Gaps shrink before boxes do, and only when the chart was given less height than it needs.
      const gap = l.length > 1 ? Math.max(2, Math.min(GAP, (availH - boxes) / (l.length - 1))) : 0;
      const k = boxes + gap * (l.length - 1) > availH ? Math.max(0.3, (availH - gap * (l.length - 1)) / boxes) : 1;
      const total = boxes * k + gap * (l.length - 1);
      let y = top + Math.max(0, (availH - total) / 2);
      for (const it of l) {
        const ih = heightOf(it) * k;
        placed.set(it.id, { id: it.id, node: it.node, x, y, w: g.w, h: ih });
        y += ih + gap;
      }
    });
  } else {
    let y = top;
    layers.forEach((l, li) => {
      const rows = Math.max(1, Math.ceil(l.length / g.perRow));
      for (let r = 0; r < rows; r++) {
        const row = l.slice(r * g.perRow, (r + 1) * g.perRow);
        const h = Math.max(boxHeight(1, g.lineH), ...row.map(heightOf));
        const x0 = fr.pad + (g.inner - (row.length * g.w + (row.length - 1) * 8)) / 2;
        row.forEach((it, i) => placed.set(it.id, { id: it.id, node: it.node, x: x0 + i * (g.w + 8), y, w: g.w, h }));
        y += h + (r < rows - 1 ? ROW_GAP : li < layers.length - 1 ? LAYER_GAP : 0);
      }
    });
  }
  return { placed, chains, vertical, lines };
}

/** The height the graph's boxes need at `width` (below its header). */
export function contentHeight(d: GraphData, width: number): number {
  const { vertical, layers, g, heightOf } = measure(d, width);
  if (!vertical) {
    let most = 0;
    for (const l of layers) most = Math.max(most, l.reduce((a, it) => a + heightOf(it), 0) + (l.length - 1) * GAP);
    return most;
  }
  let total = 0;
  layers.forEach((l, li) => {
    const rows = Math.max(1, Math.ceil(l.length / g.perRow));
    for (let r = 0; r < rows; r++) {
      const row = l.slice(r * g.perRow, (r + 1) * g.perRow);
      total += Math.max(boxHeight(1, g.lineH), ...row.map(heightOf));
      total += r < rows - 1 ? ROW_GAP : li < layers.length - 1 ? LAYER_GAP : 0;
    }
  });
  return total;
}
