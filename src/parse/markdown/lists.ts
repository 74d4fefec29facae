import type { TreeCursor } from '@lezer/common';
import type { List, ListItem, RootContent } from 'mdast';
import {
  consumeIndent,
  containerEnd,
  isBlankFrom,
  skipContainerPrefixes,
  type Column,
  type Container,
} from './containers.js';
import { firstChildSpan, type BuildContext, type ChildSpan } from './context.js';
import { hasBlankLine, lineEndFrom, lineEndingLength, lineStartAt, pointAt, positionOf, type Position } from './source.js';

/** Converts the block children of the node under the cursor (blocks.ts provides it). */
export type ConvertChildren = (
  context: BuildContext,
  cursor: TreeCursor,
  containers: readonly Container[],
  out: RootContent[],
) => void;

/** A list and its items, with the spread and end positions micromark gives them. */
export function list(
  context: BuildContext,
  cursor: TreeCursor,
  from: number,
  to: number,
  containers: readonly Container[],
  convertChildren: ConvertChildren,
): List {
  const text = context.source.text;
  const ordered = cursor.name === 'OrderedList';
  const converted: ReturnType<typeof listItem>[] = [];
  if (cursor.firstChild()) {
    do {
      if (cursor.name === 'ListItem') converted.push(listItem(context, cursor, containers, convertChildren));
    } while (cursor.nextSibling());
    cursor.parent();
  }
  const items = converted.map((item) => item.node);
  const listFrom = items[0]?.position?.start.offset ?? from;
  const listTo = containerEnd(text, lineEndFrom(text, to), to, items.at(-1)?.position?.end.offset, containers, true);
  // An item whose last block took the line ending with it ends where micromark closes it: after
  // the next item's marker, or with the list.
  converted.forEach((item, index) => {
    if (item.endsAfterLineEnding) {
      const position = item.node.position as Position;
      position.end = pointAt(context.source, converted[index + 1]?.prefixEnd ?? listTo);
    }
  });
  // Loose when blank lines separate items, or end the list where the list still holds them.
  let spread = false;
  for (let i = 1; i <= items.length; i++) {
    const before = items[i - 1]?.position?.end.offset as number;
    if (hasBlankLine(text, before, items[i]?.position?.start.offset ?? listTo)) spread = true;
  }
  const start = ordered ? (converted[0]?.start ?? null) : null;
  return { type: 'list', ordered, start, spread, children: items, position: positionOf(context.source, listFrom, listTo) };
}

function listItem(
  context: BuildContext,
  cursor: TreeCursor,
  containers: readonly Container[],
  convertChildren: ConvertChildren,
): { node: ListItem; start: number | null; prefixEnd: number; endsAfterLineEnding: boolean } {
  const text = context.source.text;
  const marker = firstChildSpan(context, cursor, 'ListMark') as ChildSpan;
  const container = itemContainer(context, marker, containers);
  const children: RootContent[] = [];
  convertChildren(context, cursor, [...containers, container], children);
  const last = children.at(-1);
  let spread = false;
  for (let i = 1; i < children.length; i++) {
    const before = children[i - 1]?.position?.end.offset as number;
    const after = children[i]?.position?.start.offset as number;
    if (hasBlankLine(text, before, after)) spread = true;
  }
  return {
    node: {
      type: 'listItem',
      spread,
      checked: null,
      children: children as ListItem['children'],
      // The item ends with its content; blank lines after it belong to the list.
      position: positionOf(context.source, marker.from, children.at(-1)?.position?.end.offset ?? lineEndFrom(text, marker.to)),
    },
    start: /\d/.test(text.charAt(marker.from)) ? Number.parseInt(text.slice(marker.from, marker.to), 10) : null,
    // micromark's item prefix: the marker and the white space after it, unless the line ends there.
    prefixEnd: isBlankFrom(text, marker.to) ? marker.to : (container as { content: Column }).content.pos,
    endsAfterLineEnding: last !== undefined && endsAfterLineEnding(text, last.position?.end.offset ?? 0),
  };
}

/** How far the item's content is indented (CommonMark 5.2), from the line with its marker. */
function itemContainer(context: BuildContext, marker: ChildSpan, containers: readonly Container[]): Container {
  const text = context.source.text;
  const lineStart = lineStartAt(context.source, marker.from);
  const { at } = skipContainerPrefixes(text, lineStart, containers);
  const baseCol = at.col;
  consumeIndent(text, at, 3);
  const markerCol = at.col + (marker.from - at.pos);
  const content: Column = { pos: marker.to, col: markerCol + (marker.to - marker.from), spare: 0 };
  const probe = { ...content };
  const spacing = consumeIndent(text, probe, 5);
  let width = content.col - baseCol;
  if (probe.pos >= text.length || lineEndingLength(text, probe.pos) > 0 || spacing > 4) {
    width += 1;
    consumeIndent(text, content, 1);
  } else {
    width += spacing;
    consumeIndent(text, content, spacing);
  }
  const ordered = /\d/.test(text.charAt(marker.from));
  const kind = ordered ? text.charAt(marker.to - 1) : text.charAt(marker.from);
  return { kind: 'item', width, firstLineStart: lineStart, content, marker: kind };
}

function endsAfterLineEnding(text: string, offset: number): boolean {
  const code = text.charCodeAt(offset - 1);
  return code === 10 || code === 13;
}
