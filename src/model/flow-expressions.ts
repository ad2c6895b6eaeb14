// YAML flow mappings split plain scalars at commas, so `{ dist: beta(6, 4) }` would read as
// `dist: "beta(6"` plus a stray key `4)`. Forecasters write exactly that, so before parsing we
// quote any plain scalar in a flow collection that opens a parenthesis, up to its balanced
// end. The inserted quotes are recorded so every position still maps to the original text.

export interface Quoted {
  text: string;
  /** Offsets in `text` of the inserted quote characters, ascending. */
  inserted: number[];
}

export function quoteFlowExpressions(src: string): Quoted {
  let out = '';
  const inserted: number[] = [];
  let flow = 0;
  let i = 0;
  let atValueStart = false;
  const n = src.length;
  /**
   * Whether offset `at` can begin a YAML node (a quoted scalar, a flow collection, a block
   * scalar): after a line's indentation or an indicator (`key: `, `- `, `[`, `{`, `,`). An
   * apostrophe in `the critic's view` or a brace in `P(x) in {A, B}` is plain text.
   */
  const atNodeStart = (at: number): boolean => {
    const prev = at > 0 ? src[at - 1]! : '\n';
    if (!(/\s/.test(prev) || (flow > 0 && /[[{,]/.test(prev)))) return false;
    let k = at - 1;
    while (k >= 0 && (src[k] === ' ' || src[k] === '\t')) k--;
    return k < 0 || src[k] === '\n' || /[:\-?,[{]/.test(src[k]!);
  };
  while (i < n) {
    const ch = src[i]!;
    if (flow === 0 && (ch === '|' || ch === '>') && atNodeStart(i)) {
      // A block scalar: copy its header line and every following line that is blank or
      // indented deeper than the line that opened it.
      const lineStart = src.lastIndexOf('\n', i - 1) + 1;
      const indent = /^[ ]*/.exec(src.slice(lineStart))![0].length;
      let end = src.indexOf('\n', i);
      while (end >= 0) {
        const next = src.indexOf('\n', end + 1);
        const line = src.slice(end + 1, next < 0 ? n : next);
        if (line.trim() !== '' && /^[ ]*/.exec(line)![0].length <= indent) break;
        end = next;
      }
      const stop = end < 0 ? n : end;
      out += src.slice(i, stop);
      i = stop;
      continue;
    }
    if ((ch === '"' || ch === "'") && atNodeStart(i)) {
      // Copy a quoted scalar whole.
      let j = i + 1;
      while (j < n) {
        if (ch === '"' && src[j] === '\\') j += 2;
        else if (src[j] === ch) {
          if (ch === "'" && src[j + 1] === "'") j += 2;
          else break;
        } else j++;
      }
      out += src.slice(i, j + 1);
      i = j + 1;
      atValueStart = false;
      continue;
    }
    if (ch === '#' && (i === 0 || /\s/.test(src[i - 1]!))) {
      const j = src.indexOf('\n', i);
      const end = j < 0 ? n : j;
      out += src.slice(i, end);
      i = end;
      continue;
    }
    if ((ch === '{' || ch === '[') && (flow > 0 || atNodeStart(i))) {
      flow++;
      atValueStart = true;
      out += ch;
      i++;
      continue;
    }
    if ((ch === '}' || ch === ']') && flow > 0) {
      flow--;
      atValueStart = false;
      out += ch;
      i++;
      continue;
    }
    if (flow > 0 && (ch === ',' || (ch === ':' && /[\s]/.test(src[i + 1] ?? ' ')))) {
      atValueStart = true;
      out += ch;
      i++;
      continue;
    }
    if (flow > 0 && atValueStart && !/\s/.test(ch)) {
      atValueStart = false;
      const end = balancedEnd(src, i);
      if (end > i) {
        let stop = end;
        while (stop > i && /\s/.test(src[stop - 1]!)) stop--;
        const body = src.slice(i, stop);
        if (!/["\\\n]/.test(body)) {
          inserted.push(out.length);
          out += '"';
          out += body;
          inserted.push(out.length);
          out += '"';
          i = stop;
          continue;
        }
      }
    }
    out += ch;
    i++;
  }
  return { text: out, inserted };
}

/**
 * If a plain scalar starting at `start` opens a parenthesis before it ends, the offset just past
 * its balanced end (the next `,`, `}` or `]` outside brackets); otherwise `start`.
 */
function balancedEnd(src: string, start: number): number {
  let depth = 0;
  let sawParen = false;
  for (let j = start; j < src.length; j++) {
    const c = src[j]!;
    if (c === '\n' && depth === 0) return sawParen ? j : start;
    if (c === '(' || c === '[') {
      if (c === '(') sawParen = true;
      depth++;
    } else if (c === ')' || c === ']') {
      if (depth === 0) return sawParen ? j : start;
      depth--;
    } else if ((c === ',' || c === '}') && depth === 0) {
      return sawParen ? j : start;
    } else if (c === ':' && depth === 0 && /\s/.test(src[j + 1] ?? ' ')) {
      return start; // a key, not a value
    }
  }
  return start;
}

/** Map an offset in the quoted text back to the original text. */
export function originalOffset(q: Quoted, offset: number): number {
  let shift = 0;
  for (const p of q.inserted) {
    if (p < offset) shift++;
    else break;
  }
  return offset - shift;
}
