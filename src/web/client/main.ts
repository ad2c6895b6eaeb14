// The page's script: draws the charts, fills panels that were still computing when the page
// was sent (with visible progress), keeps what-if links short, and copies permalinks.

import { initCharts } from './charts.ts';
import { loadPanels } from './panels.ts';
import { initForms } from './forms.ts';

function start(): void {
  initCharts(document.body);
  initForms(document);
  loadPanels(document, (el) => initCharts(el));
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
