// A forecast's percent field: the slider and the number move together. The number is what the
// form submits, so moving the slider writes the number; typing a number moves the slider to it,
// rounded and held within the slider's 1–99, and leaves it where it is for an empty or
// non-numeric entry. Drawn into a linkedom document, no browser.

import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { initPercentFields } from '../../../src/web/client/percent.ts';

function page() {
  const { document } = parseHTML(`<html><body><form>
    <input type="range" min="1" max="99" value="50" data-percent-for="p">
    <input type="number" id="p" name="p" value="50">
    <input type="range" data-percent-for="missing" value="50">
  </form></body></html>`);
  initPercentFields(document);
  const slider = document.querySelector('input[type=range]') as unknown as HTMLInputElement;
  const number = document.querySelector('#p') as unknown as HTMLInputElement;
  const input = (el: HTMLInputElement, v: string) => {
    el.value = v;
    el.dispatchEvent(new document.defaultView!.Event('input'));
  };
  return { slider, number, input };
}

describe('initPercentFields', () => {
  it('writes the slider’s value into the number', () => {
    const { slider, number, input } = page();
    input(slider, '73');
    expect(number.value).toBe('73');
  });

  it('moves the slider to a typed number, rounded and held within 1 to 99', () => {
    const { slider, number, input } = page();
    for (const [typed, at] of [
      ['12.6', '13'],
      ['0.2', '1'],
      ['99.7', '99'],
      ['-5', '1'],
      ['250', '99'],
    ]) {
      input(number, typed!);
      expect(slider.value, typed).toBe(at);
    }
  });

  it('leaves the slider where it is for an empty or non-numeric entry', () => {
    const { slider, number, input } = page();
    input(number, '40');
    input(number, ' ');
    expect(slider.value).toBe('40');
    input(number, 'abc');
    expect(slider.value).toBe('40');
  });
});
