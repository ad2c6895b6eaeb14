// The line each element of a top-level JSON array starts on, so that an error in the n-th element
// of another tool's JSON file names its line. JSON.parse gives no positions, and a parser that
// keeps them all (a syntax tree per value) costs many times the file's size; this only walks the
// text once, tracking strings and depth, and keeps one number per element.

/** Lines (1-based) of the top-level array's elements; [1] when the text is not an array. */
export function elementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expecting = false; // at depth 1, after '[' or ',': the next value starts an element
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (inString) {
      if (c === 92)
        i++; // a backslash: the next character is escaped (never a newline in JSON)
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    if (depth === 0 && c !== 91) return lines.length ? lines : [1];
    if (expecting && depth === 1 && c !== 93) {
      lines.push(line);
      expecting = false;
    }
    if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth++;
      if (depth === 1) expecting = true;
    } else if (c === 93 || c === 125) depth--;
    else if (c === 44 && depth === 1) expecting = true;
  }
  return lines;
}
