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

/**
 * The first and last children of the node under the cursor (of those named `name`, when given)
 * and how many there are: what childSpans(...) then filtering gives, without a span per child.
 */
export interface EdgeSpans {
  first: ChildSpan | undefined;
  last: ChildSpan | undefined;
  count: number;
}

export function edgeSpans(context: BuildContext, cursor: TreeCursor, name?: string): EdgeSpans {
  const edges: EdgeSpans = { first: undefined, last: undefined, count: 0 };
  if (!cursor.firstChild()) return edges;
  let lastFrom = 0;
  let lastTo = 0;
  let lastName = '';
  do {
    const childName = cursor.name;
    if (name !== undefined && childName !== name) continue;
    lastFrom = cursor.from;
    lastTo = cursor.to;
    lastName = childName;
    if (edges.count === 0) edges.first = { name: childName, from: fromOf(context, cursor), to: toOf(context, cursor) };
    edges.count++;
  } while (cursor.nextSibling());
  cursor.parent();
  if (edges.count === 1) edges.last = edges.first;
  else if (edges.count > 1) {
    const source = context.source;
    edges.last = { name: lastName, from: originalOffset(source, lastFrom), to: originalOffset(source, lastTo) };
  }
  return edges;
}

/** The first child of the node under the cursor named `name`, or undefined. */
export function firstChildSpan(context: BuildContext, cursor: TreeCursor, name: string): ChildSpan | undefined {
  if (!cursor.firstChild()) return undefined;
  let found: ChildSpan | undefined;
  do {
    if (cursor.name === name) {
      found = { name, from: fromOf(context, cursor), to: toOf(context, cursor) };
      break;
    }
  } while (cursor.nextSibling());
  cursor.parent();
  return found;
}
