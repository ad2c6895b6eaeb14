// A model's `sources` entry is looked up by the three-digit document number it starts with; the
// rest of the entry is the citation's text. An entry without a known number stays whole.

import { describe, expect, it } from 'vitest';
import { SOURCE_DOCUMENTS, citation } from '../../src/web/source-documents.ts';

describe('citation', () => {
  it('finds the document by its number and keeps the rest as the text, after a comma or a colon', () => {
    expect(citation("000, 'Reasoning models': the 25% figure")).toEqual({
      text: "'Reasoning models': the 25% figure",
      document: SOURCE_DOCUMENTS['000'],
    });
    expect(citation('  001: section 2')).toEqual({ text: 'section 2', document: SOURCE_DOCUMENTS['001'] });
  });

  it('keeps an entry whole when its number is unknown, missing, or part of a longer number', () => {
    for (const entry of ['999, a paper', 'A paper, 2023', '0001 a paper'])
      expect(citation(entry)).toEqual({ text: entry, document: null });
  });

  it('lists each document under its own number', () => {
    for (const [n, d] of Object.entries(SOURCE_DOCUMENTS)) expect(d.id).toBe(n);
  });
});
