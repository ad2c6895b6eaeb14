// The page's script: draws the charts, fills panels that were still computing when the page
// was sent (with visible progress), keeps what-if links short, and copies permalinks.

import { initCharts } from './charts.ts';
import { loadPanels } from './panels.ts';
import { initForms } from './forms.ts';
import { initWhatIf } from './whatif.ts';
import { initPercentFields } from './percent.ts';

/** KaTeX's layout styles arrive as data attributes (see src/web/math.ts); the CSSOM applies them. */
export function applyMathStyles(root: ParentNode): void {
  for (const el of Array.from(root.querySelectorAll<HTMLElement>('[data-kstyle]'))) {
    el.style.cssText = el.dataset.kstyle ?? '';
    el.removeAttribute('data-kstyle');
  }
}

function start(): void {
  applyMathStyles(document);
  initCharts(document.body);
  initForms(document);
  initPercentFields(document);
  const panels = loadPanels(document, (el) => {
    applyMathStyles(el);
    initCharts(el);
  });
  initWhatIf(panels);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
