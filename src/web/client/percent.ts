// Percent fields: a slider and a number that move together (the number is the one submitted,
// so the form works without script; the slider is a quicker way to set it).

export function initPercentFields(root: ParentNode): void {
  for (const slider of Array.from(root.querySelectorAll<HTMLInputElement>('input[type=range][data-percent-for]'))) {
    const number = (root as Document | Element).querySelector<HTMLInputElement>(`#${slider.dataset.percentFor}`);
    if (!number) continue;
    slider.addEventListener('input', () => {
      number.value = slider.value;
    });
    number.addEventListener('input', () => {
      const v = Number(number.value);
      if (Number.isFinite(v) && number.value.trim() !== '')
        slider.value = String(Math.min(99, Math.max(1, Math.round(v))));
    });
  }
}
