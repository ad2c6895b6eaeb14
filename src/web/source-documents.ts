// The source documents the shipped models cite, by the number a model's `sources` entries start
// with ("001, 'Summing up': …"): title, author and year, shown beside each citation.

export interface SourceDocument {
  id: string;
  title: string;
  author: string;
  year: number;
  what: string;
}

export const SOURCE_DOCUMENTS: Record<string, SourceDocument> = {
  '000': {
    id: '000',
    title: 'How reasoning models like DeepSeek r1 bear on scheming (a post with six predictions)',
    author: 'Fabien Roger',
    year: 2025,
    what: 'argues that reasoning models make scheming less likely than the 2023 report implied: ~25% to ~15%',
  },
  '001': {
    id: '001',
    title: 'Scheming AIs: Will AIs fake alignment during training in order to get power?, section 5 “Summing up”',
    author: 'Joe Carlsmith',
    year: 2023,
    what: 'the counting argument, the selection-pressure rebuttal, the conjunctive story and the ~25% estimate',
  },
  '002': {
    id: '002',
    title: 'Comment thread on iterative alignment and the 2025 evidence of scheming',
    author: 'several commenters',
    year: 2025,
    what: 'the 98%-per-step chain, its critics, and the 2025 report as a 3-to-1 update',
  },
};

export interface Citation {
  /** The citation as the model file writes it, without the document number. */
  text: string;
  document: SourceDocument | null;
}

/** A model's `sources` entry with its document looked up: "002, 'Reduces…': …" → document 002. */
export function citation(entry: string): Citation {
  const m = /^\s*(\d{3})\b[,:]?\s*(.*)$/s.exec(entry);
  const doc = m ? (SOURCE_DOCUMENTS[m[1]!] ?? null) : null;
  return { text: doc ? m![2]! : entry, document: doc };
}
