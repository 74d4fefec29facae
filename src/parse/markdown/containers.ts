import { isSpaceOrTab, lineEndingLength } from './source.js';

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
): { at: Column; lazy: boolean } {
  let at: Column = { pos: lineStart, col: 0, spare: 0 };
  for (const container of containers) {
    if (container.kind === 'quote') {
      const before = { ...at };
      consumeIndent(text, at, 3);
      if (at.spare > 0 || text.charCodeAt(at.pos) !== 62) return { at: before, lazy: true };
      at.pos++;
      at.col++;
      consumeIndent(text, at, 1);
    } else if (lineStart === container.firstLineStart) {
      at = { ...container.content };
    } else {
      const before = { ...at };
      const taken = consumeIndent(text, at, container.width);
      if (taken < container.width && !isBlankFrom(text, at.pos)) return { at: before, lazy: true };
    }
  }
  return { at, lazy: false };
}
