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
import type { Chart, ChartSize, ChartTable } from './chart.ts';
import { contentHeight, layout } from './graph-layout.ts';
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
    const imported = d.nodes.filter((n) => n.kind === 'imported').length;
    const fr = frame(
      svgEl,
      size,
      this.title(d),
      `${d.nodes.length} nodes, ${d.edges.length} links${imported ? ` · ${imported} imported model${imported === 1 ? '' : 's'} shown as one box each` : ''} · arrows point from a quantity to those that use it`,
    );
    const f = fr.fonts;
    const kinds = new Set(d.nodes.map((n) => n.kind));
    const items: LegendItem[] = (['input', 'node', 'output', 'imported'] as const)
      .filter((k) => kinds.has(k))
      .map((k) => ({ label: KIND_STYLE[k].name, color: KIND_STYLE[k].stroke, symbol: 'outline' }));
    const gc = groupColors(d);
    for (const g of d.groups)
      if (gc.has(g.id)) items.push({ label: `${g.id}: ${g.title}`, color: gc.get(g.id)!, symbol: 'swatch' });
    const lg = fr.svg.append('g').attr('transform', `translate(${fr.pad},${px(fr.top)})`) as Sel;
    const lh = legend(lg, items, fr.width - 2 * fr.pad, f);
    const { placed, chains, vertical, lines: boxText } = layout(fr, d, fr.top + lh + 12);

    const links = fr.svg.append('g').attr('class', 'links') as Sel;
    const curve = d3.line<[number, number]>().curve(vertical ? d3.curveBumpY : d3.curveBumpX);
    for (const c of chains) {
      const s = placed.get(c.source);
      const t = placed.get(c.target);
      if (!s || !t) continue;
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
        .attr(
          'd',
          (curve(pts.map(([x, y]) => [px(x), px(y)] as [number, number])) ?? '').replace(/(\.\d{2})\d+/g, '$1'),
        )
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

    const nodes = fr.svg.append('g').attr('class', 'nodes') as Sel;
    for (const p of placed.values()) {
      const n = p.node;
      if (!n) continue;
      const st = KIND_STYLE[n.kind];
      const g = nodes
        .append('g')
        .attr('class', `node node-${n.kind}${n.override ? ' overridden' : ''}`)
        .attr('data-id', n.id)
        .attr('data-kind', n.kind)
        .attr('transform', `translate(${px(p.x)},${px(p.y)})`);
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
      const size = f.small;
      const { lines, nameLines } = boxText.get(n.id) ?? { lines: [n.name], nameLines: 1 };
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
      const what =
        n.kind === 'imported'
          ? `imported model ${n.model} (${n.label}), ${n.hidden} quantities`
          : `${st.name.toLowerCase()}${n.unit ? `, ${n.unit}` : ''}${n.group ? `, from ${n.model}` : ''}`;
      tip(
        g as unknown as Sel,
        `${n.id}: ${n.kind === 'imported' ? '' : n.label + ' — '}${what}${n.override ? `; set to ${n.override}` : ''}`,
      );
    }
    if (d.nodes.length === 0) emptyNote(fr, fr.top, fr.height - fr.pad, 'This model has no quantities to draw.');
  },

  table(d): ChartTable {
    const uses = new Map<string, string[]>();
    for (const e of d.edges) (uses.get(e.target) ?? uses.set(e.target, []).get(e.target)!).push(e.source);
    return {
      caption: `Dependency graph of ${d.title}: ${d.nodes.filter((n) => n.kind === 'input').length} inputs, ${d.nodes.filter((n) => n.kind === 'node').length} derived quantities, ${d.nodes.filter((n) => n.kind === 'imported').length} imported models, output ${d.output}.`,
      columns: ['Name', 'Kind', 'Label', 'Reads'],
      rows: d.nodes.map((n) => [n.id, KIND_STYLE[n.kind].name, n.label, (uses.get(n.id) ?? []).join(', ')]),
    };
  },
};

export function graphHeight(d: GraphData, width: number): number {
  return Math.round(110 + Math.max(isNarrow(width) ? 60 : 120, contentHeight(d, width)) + 20);
}
