// `graph`: the model's dependency graph — inputs, intermediate nodes, the output, and imported
// models (one box each unless expanded) — laid out in layers by longest path from the inputs:
// left to right when wide, top to bottom (layers wrapping onto several rows) when narrow. Nodes
// are ordered within layers by a few barycentre sweeps to reduce crossings; links are d3 curves
// with arrowheads, passing through waypoints in the layers they skip so that they run between
// boxes. Quantities of expanded imported models carry their model's colour stripe.
//
// Data: `GraphData` from `graphData(prepared.graph, { depth, titleOf })` in
// src/analysis/graph-data.ts.
//
// Classes: `.node` one group per node (with `data-id`, `data-kind`), also `.node-input`,
// `.node-node`, `.node-output`, `.node-imported`, and `.overridden` for inputs a scenario or edit
// replaced · `.link` one path per edge (with `data-source`, `data-target`) · `.arrow` its
// arrowhead · `.node-label` · `.legend-item`.

import * as d3 from 'd3';
import { formatCount } from '../../analysis/format.ts';
import type { Chart, ChartSize, ChartTable } from './chart.ts';
import { contentHeight, layout, type Layered, type Placed } from './graph-layout.ts';
import type { GraphData, GraphNode, GraphNodeKind } from '../../analysis/graph-data.ts';
import {
  frame,
  emptyNote,
  legend,
  tip,
  px,
  isNarrow,
  CATEGORICAL,
  OKABE_ITO,
  INK,
  MUTED,
  type LegendItem,
  type Sel,
  type Frame,
} from './common.ts';

export type { GraphData, GraphNode };

export const KIND_STYLE: Record<
  GraphNodeKind,
  { fill: string; stroke: string; dash: string | null; width: number; name: string }
> = {
  input: { fill: '#E3F1FB', stroke: OKABE_ITO.blue, dash: null, width: 1.4, name: 'Input' },
  node: { fill: '#F1F1F1', stroke: '#767676', dash: null, width: 1.2, name: 'Derived quantity' },
  output: { fill: '#FCE9CF', stroke: '#B87D00', dash: null, width: 2.4, name: 'Output' },
  imported: { fill: '#E0F3EC', stroke: OKABE_ITO.green, dash: '5 3', width: 1.6, name: 'Imported model' },
};

const LINK = '#9b9b9b';

function groupColors(d: GraphData): Map<string, string> {
  const m = new Map<string, string>();
  let i = 0;
  for (const g of d.groups) if (g.id !== '' && g.expanded) m.set(g.id, CATEGORICAL[(i++ + 2) % CATEGORICAL.length]!);
  return m;
}

export const graph: Chart<GraphData> = {
  title(d) {
    return `How ${d.title} is built: dependency graph`;
  },

  render(svgEl, d, size: ChartSize) {
    const fr = frame(svgEl, size, this.title(d), subtitle(d));
    const gc = groupColors(d);
    const lh = graphLegend(fr, d, gc);
    const { placed, chains, vertical, lines: boxText } = layout(fr, d, fr.top + lh + 12);
    const links = fr.svg.append('g').attr('class', 'links') as Sel;
    const curve = d3.line<[number, number]>().curve(vertical ? d3.curveBumpY : d3.curveBumpX);
    for (const c of chains) drawLink(links, c, placed, vertical, curve);
    const nodes = fr.svg.append('g').attr('class', 'nodes') as Sel;
    for (const p of placed.values()) if (p.node) drawNode(nodes, p, p.node, gc, boxText.get(p.node.id), fr.fonts.small);
    if (d.nodes.length === 0) emptyNote(fr, fr.top, fr.height - fr.pad, 'This model has no quantities to draw.');
  },

  table(d): ChartTable {
    const uses = new Map<string, string[]>();
    for (const e of d.edges) (uses.get(e.target) ?? uses.set(e.target, []).get(e.target)!).push(e.source);
    return {
      caption: `Dependency graph of ${d.title}${d.total.nodes > d.nodes.length ? `, the ${formatCount(d.nodes.length)} nodes nearest ${d.focus} of ${formatCount(d.total.nodes)}` : ''}: ${d.nodes.filter((n) => n.kind === 'input').length} inputs, ${d.nodes.filter((n) => n.kind === 'node').length} derived quantities, ${d.nodes.filter((n) => n.kind === 'imported').length} imported models, output ${d.output}.`,
      columns: ['Name', 'Kind', 'Label', 'Reads'],
      rows: d.nodes.map((n) => [n.id, KIND_STYLE[n.kind].name, n.label, (uses.get(n.id) ?? []).join(', ')]),
    };
  },
};

function subtitle(d: GraphData): string {
  const imported = d.nodes.filter((n) => n.kind === 'imported').length;
  const cut = d.total.nodes > d.nodes.length;
  const shown = cut
    ? `the ${formatCount(d.nodes.length)} nodes nearest ${d.focus} of ${formatCount(d.total.nodes)} (the rest are in the model's JSON)`
    : `${d.nodes.length} nodes`;
  return `${shown}, ${formatCount(d.edges.length)} links${imported ? ` · ${imported} imported model${imported === 1 ? '' : 's'} shown as one box each` : ''} · arrows point from a quantity to those that use it`;
}

/** The legend: the kinds of box drawn, then each expanded import's colour. Its height. */
function graphLegend(fr: Frame, d: GraphData, gc: Map<string, string>): number {
  const kinds = new Set(d.nodes.map((n) => n.kind));
  const items: LegendItem[] = (['input', 'node', 'output', 'imported'] as const)
    .filter((k) => kinds.has(k))
    .map((k) => ({ label: KIND_STYLE[k].name, color: KIND_STYLE[k].stroke, symbol: 'outline' }));
  for (const g of d.groups)
    if (gc.has(g.id)) items.push({ label: `${g.id}: ${g.title}`, color: gc.get(g.id)!, symbol: 'swatch' });
  const lg = fr.svg.append('g').attr('transform', `translate(${fr.pad},${px(fr.top)})`) as Sel;
  return legend(lg, items, fr.width - 2 * fr.pad, fr.fonts);
}

/** A link from a quantity to one that uses it, through its waypoints, ending in an arrowhead. */
function drawLink(
  links: Sel,
  c: Layered['chains'][number],
  placed: Map<string, Placed>,
  vertical: boolean,
  curve: d3.Line<[number, number]>,
): void {
  const s = placed.get(c.source);
  const t = placed.get(c.target);
  if (!s || !t) return;
  const pts: [number, number][] = [vertical ? [s.x + s.w / 2, s.y + s.h] : [s.x + s.w, s.y + s.h / 2]];
  for (const id of c.ids.slice(1, -1)) {
    const wp = placed.get(id);
    if (!wp) continue;
    if (vertical) pts.push([wp.x + wp.w / 2, wp.y], [wp.x + wp.w / 2, wp.y + wp.h]);
    else pts.push([wp.x, wp.y + wp.h / 2], [wp.x + wp.w, wp.y + wp.h / 2]);
  }
  const to: [number, number] = vertical ? [t.x + t.w / 2, t.y - 5] : [t.x - 5, t.y + t.h / 2];
  pts.push(to);
  const path = links
    .append('path')
    .attr('class', 'link')
    .attr('data-source', c.source)
    .attr('data-target', c.target)
    .attr('d', (curve(pts.map(([x, y]) => [px(x), px(y)] as [number, number])) ?? '').replace(/(\.\d{2})\d+/g, '$1'))
    .attr('fill', 'none')
    .attr('stroke', LINK)
    .attr('stroke-width', 1.2);
  tip(path, `${c.source} → ${c.target}`);
  const [ax, ay] = to;
  const arrow = vertical
    ? `M${px(ax - 4)},${px(ay)}L${px(ax + 4)},${px(ay)}L${px(ax)},${px(ay + 5)}Z`
    : `M${px(ax)},${px(ay - 4)}L${px(ax)},${px(ay + 4)}L${px(ax + 5)},${px(ay)}Z`;
  links.append('path').attr('class', 'arrow').attr('d', arrow).attr('fill', LINK);
}

/** A quantity's box: styled by kind, striped by its import's colour, marked when overridden, labelled. */
function drawNode(
  nodes: Sel,
  p: Placed,
  n: GraphNode,
  gc: Map<string, string>,
  text: { lines: string[]; nameLines: number } | undefined,
  size: number,
): void {
  const st = KIND_STYLE[n.kind];
  const g = nodes
    .append('g')
    .attr('class', `node node-${n.kind}${n.override ? ' overridden' : ''}`)
    .attr('data-id', n.id)
    .attr('data-kind', n.kind)
    .attr('transform', `translate(${px(p.x)},${px(p.y)})`) as Sel;
  const rect = g
    .append('rect')
    .attr('width', px(p.w))
    .attr('height', px(p.h))
    .attr('rx', 5)
    .attr('fill', st.fill)
    .attr('stroke', st.stroke)
    .attr('stroke-width', st.width);
  if (st.dash) rect.attr('stroke-dasharray', st.dash);
  const stripe = gc.get(n.group.split('.').slice(0, 1).join('.')) ?? gc.get(n.group);
  if (stripe && n.kind !== 'imported')
    g.append('rect')
      .attr('class', 'group-stripe')
      .attr('x', 0)
      .attr('y', 0)
      .attr('width', 4)
      .attr('height', px(p.h))
      .attr('fill', stripe);
  if (n.override)
    g.append('circle')
      .attr('class', 'override-mark')
      .attr('cx', px(p.w - 5))
      .attr('cy', 5)
      .attr('r', 3.5)
      .attr('fill', OKABE_ITO.vermillion);
  nodeLabel(g, p, n, text ?? { lines: [n.name], nameLines: 1 }, size);
  const what =
    n.kind === 'imported'
      ? `imported model ${n.model} (${n.label}), ${n.hidden} quantities`
      : `${st.name.toLowerCase()}${n.unit ? `, ${n.unit}` : ''}${n.group ? `, from ${n.model}` : ''}`;
  tip(
    g,
    `${n.id}: ${n.kind === 'imported' ? '' : n.label + ' — '}${what}${n.override ? `; set to ${n.override}` : ''}`,
  );
}

/** The box's lines, centred: its name, then (muted) the imported model's id. */
function nodeLabel(g: Sel, p: Placed, n: GraphNode, text: { lines: string[]; nameLines: number }, size: number): void {
  const { lines, nameLines } = text;
  const t = g
    .append('text')
    .attr('class', 'node-label')
    .attr('x', px(p.w / 2))
    .attr('text-anchor', 'middle')
    .attr('font-size', size)
    .attr('font-weight', n.kind === 'output' ? 700 : 400)
    .attr('fill', INK);
  const y0 = p.h / 2 - ((lines.length - 1) * size * 1.2) / 2 + size * 0.35;
  lines.forEach((l, i) => {
    const span = t
      .append('tspan')
      .attr('x', px(p.w / 2))
      .attr('y', px(y0 + i * size * 1.2))
      .text(l);
    if (i >= nameLines) span.attr('fill', MUTED).attr('class', 'node-model');
  });
}

export function graphHeight(d: GraphData, width: number): number {
  return Math.round(110 + Math.max(isNarrow(width) ? 60 : 120, contentHeight(d, width)) + 20);
}
