import type { Root } from 'mdast';
import { createSourceText, lineIndexAt as lineIndexOf, type SourceText } from '../../core/source-text.js';

/**
 * The Markdown text twice: as written (values and positions refer to it) and as the parser reads
 * it. Lezer only knows LF line endings, so CRLF becomes LF (one unit shorter) and a lone CR
 * becomes LF (same length); `crlf` remembers where units went missing.
 */
export type Position = NonNullable<Root['position']>;
export type Point = Position['start'];

export interface MarkdownSource {
  readonly text: string;
  readonly parsed: string;
  /** Offsets in `parsed` of the LFs that stand for a CRLF, ascending. */
  readonly crlf: readonly number[];
  readonly lines: SourceText;
}

/**
 * `lineStarts`, when given, are those of `input` (or of a text with its line endings at the same
 * offsets), computed already by the caller.
 */
export function prepareSource(input: string, lineStarts?: readonly number[]): MarkdownSource {
  // As micromark does: a leading byte order mark is not part of the document (positions count
  // from after it), and NUL reads as U+FFFD (CommonMark 2.3; same length, so offsets stay).
  let text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.includes('\0')) text = text.replaceAll('\0', '\uFFFD');
  const lines = lineStarts !== undefined && text.length === input.length ? { text, lineStarts } : createSourceText(text);
  if (!text.includes('\r')) return { text, parsed: text, crlf: [], lines };
  const crlf: number[] = [];
  let parsed = '';
  let copied = 0;
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) {
    parsed += text.slice(copied, i) + '\n';
    if (text.charCodeAt(i + 1) === 10) {
      crlf.push(i - crlf.length);
      i++;
    }
    copied = i + 1;
  }
  parsed += text.slice(copied);
  return { text, parsed, crlf, lines };
}

/** Maps an offset in `parsed` to the same place in `text`. */
export function originalOffset(source: MarkdownSource, offset: number): number {
  const crlf = source.crlf;
  if (crlf.length === 0) return offset;
  let low = 0;
  let high = crlf.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((crlf[mid] as number) < offset) low = mid + 1;
    else high = mid;
  }
  return offset + low;
}

export function pointAt(source: MarkdownSource, offset: number): Point {
  const line = lineIndexAt(source, offset);
  return { line: line + 1, column: offset - (source.lines.lineStarts[line] as number) + 1, offset };
}

export function positionOf(source: MarkdownSource, start: number, end: number): Position {
  return { start: pointAt(source, start), end: pointAt(source, end) };
}

/** Index (0-based) of the line that holds `offset`. */
export function lineIndexAt(source: MarkdownSource, offset: number): number {
  return lineIndexOf(source.lines, offset);
}

export function lineStartAt(source: MarkdownSource, offset: number): number {
  return source.lines.lineStarts[lineIndexAt(source, offset)] as number;
}

/** The offset where the line that starts at `lineStart` ends, before its line ending. */
export function lineEndFrom(text: string, lineStart: number): number {
  let i = lineStart;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 10 || code === 13) break;
    i++;
  }
  return i;
}

/** Length of the line ending at `offset` (0 at the end of the text or when there is none). */
export function lineEndingLength(text: string, offset: number): number {
  const code = text.charCodeAt(offset);
  if (code === 10) return 1;
  if (code === 13) return text.charCodeAt(offset + 1) === 10 ? 2 : 1;
  return 0;
}

export function isSpaceOrTab(code: number): boolean {
  return code === 32 || code === 9;
}

/** Whether a blank line lies between two blocks, i.e. at least two line endings separate them. */
export function hasBlankLine(text: string, from: number, to: number): boolean {
  let endings = 0;
  for (let i = from; i < to; i++) {
    const eol = lineEndingLength(text, i);
    if (eol > 0) {
      endings++;
      if (endings >= 2) return true;
      i += eol - 1;
    }
  }
  return false;
}
