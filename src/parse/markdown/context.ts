import type { TreeCursor } from '@lezer/common';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import { originalOffset, type MarkdownSource } from './source.js';

/**
 * Block quotes and list items nested deeper than this, and emphasis, links and images nested
 * deeper than this, are kept as plain text: neither this conversion nor the rules that walk the
 * tree recursively may run out of stack on a hostile document. CommonMark sets no limit (nor does
 * micromark); markdown-it's default is 100.
 */
export const MAX_NESTING = 256;

/** What the conversion of one document needs everywhere. */
export interface BuildContext {
  source: MarkdownSource;
  /** Normalised labels of the link reference definitions in the document. */
  definitions: ReadonlySet<string>;
}

/** Where the node under the cursor starts, in the original text. */
export function fromOf(context: BuildContext, cursor: TreeCursor): number {
  return originalOffset(context.source, cursor.from);
}

/** Where the node under the cursor ends, in the original text. */
export function toOf(context: BuildContext, cursor: TreeCursor): number {
  return originalOffset(context.source, cursor.to);
}

/** The identifier mdast gives a link label: whitespace folded, case folded. */
export function labelIdentifier(raw: string): string {
  return normalizeIdentifier(raw).toLowerCase();
}

/** A child of the node under the cursor, flattened (offsets in the original text). */
export interface ChildSpan {
  name: string;
  from: number;
  to: number;
}

export function childSpans(context: BuildContext, cursor: TreeCursor): ChildSpan[] {
  const spans: ChildSpan[] = [];
  if (!cursor.firstChild()) return spans;
  do spans.push({ name: cursor.name, from: fromOf(context, cursor), to: toOf(context, cursor) });
  while (cursor.nextSibling());
  cursor.parent();
  return spans;
}
