import type { Position, Range } from './diagnostic.js';

/**
 * The text of one file with a line index, so any offset maps to an exact line and column.
 * Lines end at LF, CRLF or a lone CR, as in CommonMark and YAML.
 */
export interface SourceText {
  readonly text: string;
  readonly lineStarts: readonly number[];
}

export function createSourceText(text: string): SourceText {
  const lineStarts = [0];
  if (text.indexOf('\r') === -1) {
    // LF alone, the usual case: indexOf finds each line end faster than a look at every character.
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
    return { text, lineStarts };
  }
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) lineStarts.push(i + 1);
    else if (code === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      lineStarts.push(i + 1);
    }
  }
  return { text, lineStarts };
}

/** The 0-based index of the line that holds `offset`. */
export function lineIndexAt(source: SourceText, offset: number): number {
  return lastAtMost(source.lineStarts, offset);
}

/** The index of the last value in an ascending list that is at most `value` (0 if none is). */
export function lastAtMost(ascending: readonly number[], value: number): number {
  let low = 0;
  let high = ascending.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((ascending[mid] as number) <= value) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * The line and column of an offset. An offset inside a line break (between the CR and the LF of
 * a CRLF) counts as the end of the line, so a column is never past the line's length + 1.
 */
export function positionAt(source: SourceText, offset: number): Position {
  const clamped = Math.max(0, Math.min(offset, source.text.length));
  const line = lineIndexAt(source, clamped);
  const start = source.lineStarts[line] as number;
  return { line: line + 1, column: Math.min(clamped, lineContentEnd(source, line)) - start + 1 };
}

/** Where the content of a 0-based line ends: before its LF, CR or CRLF, or at the end of the text. */
export function lineContentEnd(source: SourceText, line: number): number {
  const next = source.lineStarts[line + 1];
  if (next === undefined) return source.text.length;
  return source.text.charCodeAt(next - 1) === 10 && source.text.charCodeAt(next - 2) === 13 ? next - 2 : next - 1;
}

export function rangeAt(source: SourceText, start: number, end: number = start): Range {
  return { start: positionAt(source, start), end: positionAt(source, Math.max(start, end)) };
}

export function offsetAt(source: SourceText, position: Position): number {
  const lineStart = source.lineStarts[position.line - 1] ?? source.text.length;
  return Math.min(lineStart + position.column - 1, source.text.length);
}
