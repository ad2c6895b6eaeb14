// The what-if form in a linkedom document, no browser: on submit, fields equal to the model's
// value (spaces aside) or left empty are disabled, so the URL carries only real edits, and are
// enabled again once the navigation has started; a select marked to apply at once submits its
// form when changed; the copy-link button shows only where the clipboard can be written.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseHTML } from 'linkedom';
import { initForms } from '../../../src/web/client/forms.ts';

function page() {
  const { document, window } = parseHTML(`<html><body>
    <form id="whatif">
      <input name="set.a" data-default="beta(6, 4)" value=" beta(6,4) ">
      <input name="set.b" data-default="0.5" value="0.7">
      <input name="samples" value="">
      <input name="seed" value="7">
      <input value="">
    </form>
    <form id="views">
      <select name="scenario" data-autosubmit><option value="">model</option><option value="x">x</option></select>
      <select name="node"><option value="">output</option></select>
    </form>
    <button data-copy-link hidden>Copy link</button>
  </body></html>`);
  // linkedom has neither a form's `elements` nor a control's `form`: given here as the DOM defines
  // them for controls inside their form.
  for (const f of Array.from(document.querySelectorAll('form'))) {
    const controls = Array.from(f.querySelectorAll('input, select, textarea, button'));
    Object.defineProperty(f, 'elements', { value: controls });
    for (const c of controls) Object.defineProperty(c, 'form', { value: f });
  }
  // forms.ts reads the page's globals, as in a browser.
  vi.stubGlobal('window', {
    setTimeout: globalThis.setTimeout,
    location: { href: 'http://credence.test/models/m?set.b=0.7' },
  });
  vi.stubGlobal('HTMLSelectElement', window.HTMLSelectElement);
  const form = document.getElementById('whatif') as unknown as HTMLFormElement;
  const field = (name: string) => document.querySelector(`[name="${name}"]`) as unknown as HTMLInputElement;
  const fire = (el: EventTarget, type: string) => el.dispatchEvent(new window.Event(type, { bubbles: true }));
  return { document, form, field, fire };
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('initForms', () => {
  it('disables unchanged and empty fields while the form submits, then enables them again', () => {
    vi.useFakeTimers();
    vi.stubGlobal('navigator', {});
    const { document, form, field, fire } = page();
    initForms(document as unknown as Document);
    fire(form, 'submit');
    expect(field('set.a').disabled).toBe(true);
    expect(field('samples').disabled).toBe(true);
    expect(field('set.b').disabled).toBe(false);
    expect(field('seed').disabled).toBe(false);
    expect((document.querySelector('input:not([name])') as unknown as HTMLInputElement).disabled).toBe(false);
    vi.runAllTimers();
    expect(field('set.a').disabled).toBe(false);
    expect(field('samples').disabled).toBe(false);
  });

  it('submits the form when a select marked to apply at once changes, and only then', () => {
    vi.stubGlobal('navigator', {});
    const { document, field, fire } = page();
    const submitted = vi.fn();
    const views = document.getElementById('views') as unknown as { requestSubmit: () => void };
    views.requestSubmit = submitted;
    initForms(document as unknown as Document);
    fire(field('node'), 'change');
    expect(submitted).not.toHaveBeenCalled();
    fire(field('scenario'), 'change');
    expect(submitted).toHaveBeenCalledTimes(1);
  });

  it('shows the copy-link button where the clipboard can be written, and copies the address', async () => {
    vi.useFakeTimers();
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    const { document, fire } = page();
    initForms(document as unknown as Document);
    const button = document.querySelector('[data-copy-link]') as unknown as HTMLButtonElement;
    expect(button.hidden).toBe(false);
    fire(button, 'click');
    await vi.waitFor(() => expect(button.textContent).toBe('Link copied'));
    expect(writeText).toHaveBeenCalledWith('http://credence.test/models/m?set.b=0.7');
    vi.advanceTimersByTime(1500);
    expect(button.textContent).toBe('Copy link');
  });

  it('leaves the copy-link button hidden without a clipboard', () => {
    vi.stubGlobal('navigator', {});
    const { document } = page();
    initForms(document as unknown as Document);
    expect((document.querySelector('[data-copy-link]') as unknown as HTMLButtonElement).hidden).toBe(true);
  });
});
