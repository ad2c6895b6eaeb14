// The what-if form: selects apply at once, unchanged fields stay out of the URL (so a link
// carries only real edits), and the permalink can be copied.

function submitOf(el: HTMLInputElement | HTMLSelectElement): HTMLFormElement | null {
  return el.form;
}

export function initForms(root: Document): void {
  // Delegated, so a select in a panel that arrived (or was replaced) after the page works too.
  root.addEventListener('change', (e) => {
    const el = e.target as HTMLSelectElement | null;
    if (el instanceof HTMLSelectElement && el.matches('select[data-autosubmit]')) submitOf(el)?.requestSubmit();
  });
  for (const form of Array.from(root.querySelectorAll<HTMLFormElement>('form'))) {
    form.addEventListener('submit', () => {
      for (const el of Array.from(form.elements) as (HTMLInputElement | HTMLSelectElement)[]) {
        if (!('value' in el) || !el.name) continue;
        const def = el.dataset.default;
        const unchanged = def !== undefined && el.value.replace(/\s+/g, '') === def.replace(/\s+/g, '');
        if (unchanged || el.value.trim() === '') {
          el.disabled = true;
          // Re-enable after the navigation starts, so Back shows the fields as they were.
          window.setTimeout(() => (el.disabled = false), 0);
        }
      }
    });
  }
  for (const button of Array.from(root.querySelectorAll<HTMLButtonElement>('[data-copy-link]'))) {
    if (!navigator.clipboard) continue;
    button.hidden = false;
    button.addEventListener('click', async () => {
      await navigator.clipboard.writeText(window.location.href);
      const label = button.textContent;
      button.textContent = 'Link copied';
      window.setTimeout(() => (button.textContent = label), 1500);
    });
  }
}
