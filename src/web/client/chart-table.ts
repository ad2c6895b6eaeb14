// A chart's numbers as a table beside the drawing, for screen readers and for copying, behind a
// "Table of the numbers" disclosure.

import type { ChartTable } from '../charts/chart.ts';

function tableOf(doc: Document, t: ChartTable): HTMLTableElement {
  const table = doc.createElement('table');
  const caption = doc.createElement('caption');
  caption.textContent = t.caption;
  const thead = doc.createElement('thead');
  const hr = doc.createElement('tr');
  for (const c of t.columns) {
    const th = doc.createElement('th');
    th.scope = 'col';
    th.textContent = c;
    hr.append(th);
  }
  thead.append(hr);
  const tbody = doc.createElement('tbody');
  for (const row of t.rows) {
    const tr = doc.createElement('tr');
    row.forEach((cell, i) => {
      const td = doc.createElement(i === 0 ? 'th' : 'td');
      if (i === 0) (td as HTMLTableCellElement).scope = 'row';
      td.textContent = String(cell);
      tr.append(td);
    });
    tbody.append(tr);
  }
  table.append(caption, thead, tbody);
  return table;
}

/**
 * The chart's numbers behind a disclosure. The table is built when the reader first opens it: a
 * long page's tables (a heatmap's grid, every sweep's points) would otherwise be thousands of
 * elements that nobody asked for, which every layout, style recalculation and assistive
 * technology's tree walk pays for.
 */
export function tableElement(doc: Document, table: () => ChartTable, open: boolean): HTMLElement {
  const details = doc.createElement('details');
  details.className = 'chart-table';
  const summary = doc.createElement('summary');
  summary.textContent = 'Table of the numbers';
  details.append(summary);
  let built = false;
  const build = () => {
    if (built) return;
    built = true;
    details.append(tableOf(doc, table()));
  };
  if (open) {
    details.open = true;
    build();
  } else details.addEventListener('toggle', () => details.open && build());
  return details;
}
