/**
 * Quote removal for one shell word as written (POSIX rules: single quotes literal, double quotes
 * keep `\` only before `$`, backquote, `"`, `\` and a newline, a bare `\` escapes the next
 * character, `\` + newline disappears). `offsets[i]` is the index in `raw` of the value's
 * character `i`, so positions inside a quoted JSON argument map back to the file exactly.
 */
export interface DequotedWord {
  value: string;
  offsets: number[];
  /** The word holds a parameter, command or arithmetic expansion outside single quotes: its value is not known. */
  opaque: boolean;
}

const ESCAPABLE_IN_DOUBLE_QUOTES = new Set(['$', '`', '"', '\\', '\n']);

export function dequoteWord(raw: string): DequotedWord {
  let value = '';
  const offsets: number[] = [];
  let opaque = false;
  const push = (index: number) => {
    value += raw[index];
    offsets.push(index);
  };
  let i = 0;
  while (i < raw.length) {
    const c = raw[i];
    if (c === "'") {
      const close = raw.indexOf("'", i + 1);
      const end = close < 0 ? raw.length : close;
      for (let k = i + 1; k < end; k++) push(k);
      i = end + 1;
    } else if (c === '"') {
      i++;
      while (i < raw.length && raw[i] !== '"') {
        const d = raw[i] as string;
        if (d === '\\' && ESCAPABLE_IN_DOUBLE_QUOTES.has(raw[i + 1] ?? '')) {
          if (raw[i + 1] !== '\n') push(i + 1);
          i += 2;
          continue;
        }
        if (d === '$' || d === '`') opaque = true;
        push(i);
        i++;
      }
      i++;
    } else if (c === '\\') {
      if (i + 1 < raw.length && raw[i + 1] !== '\n') push(i + 1);
      i += 2;
    } else {
      if (c === '$' || c === '`') opaque = true;
      push(i);
      i++;
    }
  }
  return { value, offsets, opaque };
}
