import { isSpaceOrTab, lineEndFrom, lineEndingLength } from './source.js';

/**
 * A place in a line in CommonMark's terms: tabs advance to the next multiple of 4 columns and may
 * be consumed partly, the rest of such a tab (`spare` columns) then counts as spaces.
 */
export interface Column {
  pos: number;
  col: number;
  spare: number;
}

/** The block containers around a leaf block, outermost first, with what their lines start with. */
export type Container =
  | { kind: 'quote' }
  | {
      kind: 'item';
      /** Columns of indentation a continuation line needs, counted from the enclosing container's content. */
      width: number;
      /** Start of the line with the item's marker, and where its content starts on that line. */
      firstLineStart: number;
      content: Column;
      /** The bullet, or the delimiter after an ordered item's number: items with the same one are siblings. */
      marker: string;
    };

/** Consumes up to `max` columns of spaces and tabs; returns how many columns it consumed. */
export function consumeIndent(text: string, at: Column, max: number): number {
  let taken = 0;
  while (taken < max) {
    if (at.spare > 0) {
      const used = Math.min(at.spare, max - taken);
      at.spare -= used;
      at.col += used;
      taken += used;
      continue;
    }
    const code = text.charCodeAt(at.pos);
    if (code === 32) {
      at.pos++;
      at.col++;
      taken++;
    } else if (code === 9) {
      const width = 4 - (at.col % 4);
      const used = Math.min(width, max - taken);
      at.pos++;
      at.col += used;
      at.spare = width - used;
      taken += used;
    } else {
      break;
    }
  }
  return taken;
}

export function isBlankFrom(text: string, pos: number): boolean {
  let i = pos;
  while (isSpaceOrTab(text.charCodeAt(i))) i++;
  return i >= text.length || lineEndingLength(text, i) > 0;
}

/**
 * Skips the container prefixes (`>` markers, list item indentation) at the start of a line.
 * `lazy` is true when a container did not continue on this line (a paragraph continuation line);
 * nothing of that container's prefix is consumed then.
 */
export function skipContainerPrefixes(
  text: string,
  lineStart: number,
  containers: readonly Container[],
): { at: Column; lazy: boolean; continued: number } {
  let at: Column = { pos: lineStart, col: 0, spare: 0 };
  let continued = 0;
  for (const container of containers) {
    if (container.kind === 'quote') {
      const before = { ...at };
      consumeIndent(text, at, 3);
      if (at.spare > 0 || text.charCodeAt(at.pos) !== 62) return { at: before, lazy: true, continued };
      at.pos++;
      at.col++;
      consumeIndent(text, at, 1);
    } else if (lineStart === container.firstLineStart) {
      at = { ...container.content };
    } else {
      const before = { ...at };
      const taken = consumeIndent(text, at, container.width);
      if (taken < container.width && !isBlankFrom(text, at.pos)) return { at: before, lazy: true, continued };
    }
    continued++;
  }
  return { at, lazy: false, continued };
}

const CONTAINER_START = /^ {0,3}(?:>|([-+*])(?:[ \t]|$)|\d{1,9}([.)])(?:[ \t]|$))/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/**
 * When the line after `lineEnd` starts a block quote or list item after the prefixes of the
 * `containers` that continue on it: where it starts, how many continued, and whether it is the
 * next item of the list of the first container that did not continue.
 */
export function newContainerAfter(
  text: string,
  lineEnd: number,
  containers: readonly Container[],
): { at: number; continued: number; sibling: boolean } | undefined {
  const eol = lineEndingLength(text, lineEnd);
  if (eol === 0) return undefined;
  const { at, continued } = skipContainerPrefixes(text, lineEnd + eol, containers);
  let end = at.pos;
  while (end < text.length && lineEndingLength(text, end) === 0) end++;
  const rest = text.slice(at.pos, end);
  const start = CONTAINER_START.exec(rest);
  if (!start || THEMATIC_BREAK.test(rest)) return undefined;
  const failed = containers[continued];
  const sibling = failed?.kind === 'item' && failed.marker === (start[1] ?? start[2]);
  return { at: at.pos, continued, sibling };
}

/**
 * A container ends with its last line, or later when its last child does. When the next line
 * starts a new container, micromark closes the container after that line's prefixes if a block
 * quote around continues there or its last block (code, HTML) took the line ending with it.
 */
export function containerEnd(
  text: string,
  lineEnd: number,
  to: number,
  lastChildEnd: number | undefined,
  ancestors: readonly Container[],
  isList: boolean,
): number {
  let end = Math.max(lineEnd, lastChildEnd ?? to);
  let last = lineEndFrom(text, to);
  if (isList && ancestors.some((ancestor) => ancestor.kind === 'quote')) {
    // Blank lines of the block quote around a list after it still belong to the list.
    for (let eol = lineEndingLength(text, last); eol > 0; eol = lineEndingLength(text, last)) {
      const { at, lazy } = skipContainerPrefixes(text, last + eol, ancestors);
      if (lazy || !isBlankFrom(text, at.pos)) break;
      last = lineEndFrom(text, last + eol);
      end = Math.max(end, last);
    }
  }
  const next = newContainerAfter(text, last, ancestors);
  if (!next || next.sibling) return end;
  // Code or HTML that took its line ending with it, or a block quote around that continues.
  const flowTookLineEnding = lastChildEnd !== undefined && lineEndingLength(text, lastChildEnd - 1) > 0 && lastChildEnd > last;
  if (flowTookLineEnding || ancestors.slice(0, next.continued).some((ancestor) => ancestor.kind === 'quote')) {
    return Math.max(end, next.at);
  }
  return end;
}

/**
 * The text of the lines in [from, to) without their container prefixes and up to `indent`
 * columns of indentation, joined by their own line endings. `firstAsIs` keeps the first line
 * from `from` (an HTML block starts there).
 */
export function unprefixedLines(
  text: string,
  from: number,
  to: number,
  containers: readonly Container[],
  indent: number,
  firstAsIs: boolean,
): string {
  let value = '';
  let lineStart = from;
  let first = true;
  while (true) {
    let start = lineStart;
    let spare = 0;
    if (!(first && firstAsIs)) {
      const { at } = skipContainerPrefixes(text, lineStart, containers);
      consumeIndent(text, at, indent);
      start = at.pos;
      spare = at.spare;
    }
    const end = Math.min(lineEndFrom(text, Math.max(start, lineStart)), to);
    if (spare > 0 && start < end) value += ' '.repeat(spare);
    if (start < end) value += text.slice(start, end);
    const eol = lineEndingLength(text, end);
    if (eol === 0 || end + eol > to || end >= to) break;
    value += text.slice(end, end + eol);
    lineStart = end + eol;
    first = false;
    if (lineStart >= to) break;
  }
  return value;
}

/**
 * Raw text over several lines inside a paragraph: each line after the first loses its container
 * prefixes and up to `indent` columns of indentation (code spans keep theirs, inline HTML loses
 * up to 3, link titles and labels all).
 */
export function joinLines(
  text: string,
  from: number,
  to: number,
  containers: readonly Container[],
  indent: number,
): string {
  let value = '';
  let pos = from;
  while (pos < to) {
    let end = pos;
    while (end < to && lineEndingLength(text, end) === 0) end++;
    value += text.slice(pos, end);
    if (end >= to) break;
    const eol = Math.min(lineEndingLength(text, end), to - end);
    value += text.slice(end, end + eol);
    const { at } = skipContainerPrefixes(text, end + eol, containers);
    consumeIndent(text, at, indent);
    if (at.spare > 0) value += ' '.repeat(at.spare);
    pos = Math.min(at.pos, to);
  }
  return value;
}
