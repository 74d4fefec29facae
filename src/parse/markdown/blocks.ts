import type { Tree, TreeCursor } from '@lezer/common';
import type { BlockContent, Code, DefinitionContent, Heading, Html, List, ListItem, Root, RootContent } from 'mdast';
import { decodeString } from 'micromark-util-decode-string';
import { consumeIndent, skipContainerPrefixes, type Column, type Container } from './containers.js';
import { childSpans, fromOf, labelIdentifier, toOf, type BuildContext, type ChildSpan } from './context.js';
import { phrasing } from './inline.js';
import { lineEndFrom, lineEndingLength, lineIndexAt, lineStartAt, positionOf, type MarkdownSource } from './source.js';

/** Builds the mdast tree mdast-util-from-markdown would build, from Lezer's tree of the same text. */
export function toMdast(tree: Tree, source: MarkdownSource, definitions: ReadonlySet<string>): Root {
  const context: BuildContext = { source, definitions };
  const root: Root = { type: 'root', children: [], position: positionOf(source, 0, source.text.length) };
  const cursor = tree.cursor();
  blockChildren(context, cursor, [], root.children);
  return root;
}

/** The normalised labels of the document's link reference definitions. */
export function collectDefinitions(tree: Tree, source: MarkdownSource): Set<string> {
  const definitions = new Set<string>();
  if (!source.parsed.includes(']:')) return definitions;
  tree.iterate({
    enter(node) {
      if (node.name === 'LinkLabel' && node.node.parent?.name === 'LinkReference') {
        definitions.add(labelIdentifier(source.parsed.slice(node.from + 1, node.to - 1)));
      }
      // Inline content holds no definitions.
      return !/^(Paragraph|ATXHeading|SetextHeading|FencedCode|CodeBlock|HTMLBlock)/.test(node.name);
    },
  });
  return definitions;
}

type Flow = RootContent;

function blockChildren(context: BuildContext, cursor: TreeCursor, containers: readonly Container[], out: Flow[]): void {
  if (!cursor.firstChild()) return;
  do block(context, cursor, containers, out);
  while (cursor.nextSibling());
  cursor.parent();
}

function block(context: BuildContext, cursor: TreeCursor, containers: readonly Container[], out: Flow[]): void {
  const from = fromOf(context, cursor);
  const to = toOf(context, cursor);
  const source = context.source;
  const name = cursor.name;
  switch (name) {
    case 'Paragraph':
      out.push({
        type: 'paragraph',
        children: phrasing(context, cursor, from, to, containers),
        position: positionOf(source, from, to),
      });
      return;
    case 'ATXHeading1':
    case 'ATXHeading2':
    case 'ATXHeading3':
    case 'ATXHeading4':
    case 'ATXHeading5':
    case 'ATXHeading6':
      out.push(atxHeading(context, cursor, from, to, containers));
      return;
    case 'SetextHeading1':
    case 'SetextHeading2':
      out.push(setextHeading(context, cursor, definitionsBefore(context, out, from), to, containers));
      return;
    case 'HorizontalRule':
      out.push({ type: 'thematicBreak', position: positionOf(source, from, to) });
      return;
    case 'Blockquote': {
      const children: BlockContent[] = [];
      blockChildren(context, cursor, [...containers, { kind: 'quote' }], children as Flow[]);
      out.push({ type: 'blockquote', children: children, position: positionOf(source, from, to) });
      return;
    }
    case 'BulletList':
    case 'OrderedList':
      out.push(list(context, cursor, from, to, containers));
      return;
    case 'FencedCode':
      out.push(fencedCode(context, cursor, from, to, containers));
      return;
    case 'CodeBlock':
      out.push(indentedCode(context, from, to, containers));
      return;
    case 'HTMLBlock':
    case 'CommentBlock':
    case 'ProcessingInstructionBlock':
      out.push(htmlBlock(context, from, to, containers));
      return;
    case 'LinkReference':
      out.push(definition(context, cursor, from, to));
      return;
    default:
      // Container marks (QuoteMark, ListMark) carry no content of their own.
      return;
  }
}

function atxHeading(
  context: BuildContext,
  cursor: TreeCursor,
  from: number,
  to: number,
  containers: readonly Container[],
): Heading {
  const depth = Number(cursor.name.slice(-1)) as Heading['depth'];
  const marks = childSpans(context, cursor).filter((span) => span.name === 'HeaderMark');
  const open = marks[0];
  const close = marks.length > 1 ? marks[marks.length - 1] : undefined;
  const contentFrom = open ? open.to : from;
  const contentTo = close ? close.from : to;
  return {
    type: 'heading',
    depth,
    children: contentFrom < contentTo ? phrasing(context, cursor, contentFrom, contentTo, containers) : [],
    position: positionOf(context.source, from, to),
  };
}

/**
 * micromark reads definitions and the setext heading after them as one chunk, so mdast's heading
 * starts with the first definition of the chunk.
 */
function definitionsBefore(context: BuildContext, siblings: readonly Flow[], from: number): number {
  let start = from;
  for (let i = siblings.length - 1; i >= 0; i--) {
    const sibling = siblings[i] as Flow;
    const end = sibling.position?.end.offset as number;
    if (sibling.type !== 'definition' || hasBlankLine(context.source.text, end, start)) break;
    start = sibling.position?.start.offset as number;
  }
  return start;
}

function setextHeading(
  context: BuildContext,
  cursor: TreeCursor,
  from: number,
  to: number,
  containers: readonly Container[],
): Heading {
  const marks = childSpans(context, cursor).filter((span) => span.name === 'HeaderMark');
  const underline = marks[marks.length - 1];
  let contentTo = underline ? underline.from : to;
  if (underline) {
    // The content ends with the line before the underline.
    contentTo = lineStartAt(context.source, underline.from);
    const text = context.source.text;
    while (contentTo > from && lineEndingLength(text, contentTo - 1) > 0) contentTo--;
    if (contentTo > from && text.charCodeAt(contentTo) === 10 && text.charCodeAt(contentTo - 1) === 13) contentTo--;
  }
  return {
    type: 'heading',
    depth: cursor.name === 'SetextHeading1' ? 1 : 2,
    children: phrasing(context, cursor, fromOf(context, cursor), contentTo, containers),
    position: positionOf(context.source, from, to),
  };
}

function list(
  context: BuildContext,
  cursor: TreeCursor,
  from: number,
  to: number,
  containers: readonly Container[],
): List {
  const text = context.source.text;
  const ordered = cursor.name === 'OrderedList';
  const items: ListItem[] = [];
  let start: number | null = null;
  let spread = false;
  let previousEnd = -1;
  if (cursor.firstChild()) {
    do {
      if (cursor.name !== 'ListItem') continue;
      const itemFrom = fromOf(context, cursor);
      const itemTo = toOf(context, cursor);
      const item = listItem(context, cursor, itemFrom, itemTo, containers);
      const itemStart = item.node.position?.start.offset as number;
      if (previousEnd >= 0 && hasBlankLine(text, previousEnd, itemStart)) spread = true;
      if (ordered && start === null) start = item.start;
      items.push(item.node);
      previousEnd = item.node.position?.end.offset as number;
    } while (cursor.nextSibling());
    cursor.parent();
  }
  const listFrom = items[0]?.position?.start.offset ?? from;
  const listTo = Math.max(to, items.at(-1)?.position?.end.offset ?? to);
  return { type: 'list', ordered, start, spread, children: items, position: positionOf(context.source, listFrom, listTo) };
}

function listItem(
  context: BuildContext,
  cursor: TreeCursor,
  from: number,
  to: number,
  containers: readonly Container[],
): { node: ListItem; start: number | null } {
  const text = context.source.text;
  const marker = childSpans(context, cursor).find((span) => span.name === 'ListMark') as ChildSpan;
  const container = itemContainer(context, marker, containers);
  const children: Flow[] = [];
  blockChildren(context, cursor, [...containers, container], children);
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
  return { kind: 'item', width, firstLineStart: lineStart, content };
}

/** Whether a blank line lies between two blocks, i.e. at least two line endings separate them. */
function hasBlankLine(text: string, from: number, to: number): boolean {
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

function fencedCode(
  context: BuildContext,
  cursor: TreeCursor,
  from: number,
  to: number,
  containers: readonly Container[],
): Code {
  const source = context.source;
  const text = source.text;
  const spans = childSpans(context, cursor);
  const open = spans[0] as ChildSpan;
  const closeSpan = spans.length > 1 ? (spans[spans.length - 1] as ChildSpan) : undefined;
  const close = closeSpan?.name === 'CodeMark' && closeSpan.from > open.from ? closeSpan : undefined;
  const info = spans.find((span) => span.name === 'CodeInfo');
  let lang: string | null = null;
  let meta: string | null = null;
  if (info) {
    const raw = text.slice(info.from, info.to);
    const match = /^(\S+)(?:[ \t]+([^]*))?$/.exec(raw);
    lang = decodeString(match?.[1] ?? raw);
    if (match?.[2]) meta = decodeString(match[2]);
  }
  const fenceLine = lineStartAt(source, open.from);
  const fenceIndent = open.from - skipContainerPrefixes(text, fenceLine, containers).at.pos;
  const firstLine = lineIndexAt(source, open.from) + 1;
  const contentStart = source.lines.lineStarts[firstLine] ?? text.length;
  const end = close ? to : unclosedCodeEnd(context, open.from, to, containers, fenceIndent);
  const contentEnd = close ? lineStartAt(source, close.from) : end;
  // Like mdast-util-from-markdown, drop the line ending before the closing fence (or the end).
  const value =
    contentStart < contentEnd
      ? linesOf(context, contentStart, contentEnd, containers, fenceIndent, false).replace(/(?:\r\n|\r|\n)$/, '')
      : '';
  return { type: 'code', lang, meta, value, position: positionOf(source, from, end) };
}

const STARTS_CONTAINER = /^ {0,3}(?:>|[-+*](?:[ \t]|$|\r|\n)|\d{1,9}[.)](?:[ \t]|$|\r|\n))/;

/**
 * An unclosed fence runs to the end of its container. mdast ends it after the line ending of
 * its last line, or at the end of the last line's content when the text ends there.
 */
function unclosedCodeEnd(
  context: BuildContext,
  openFrom: number,
  to: number,
  containers: readonly Container[],
  fenceIndent: number,
): number {
  const text = context.source.text;
  const eol = lineEndingLength(text, to);
  // Closed by its container: micromark ends it after the line ending when a new container starts the next line.
  if (eol > 0) return STARTS_CONTAINER.test(text.slice(to + eol, to + eol + 16)) ? to + eol : to;
  const lineStart = lineStartAt(context.source, to);
  if (lineStart <= openFrom) return to;
  const { at } = skipContainerPrefixes(text, lineStart, containers);
  consumeIndent(text, at, fenceIndent);
  return at.pos < to ? to : lineStart;
}

function indentedCode(context: BuildContext, from: number, to: number, containers: readonly Container[]): Code {
  const source = context.source;
  const lineStart = lineStartAt(source, from);
  const start = skipContainerPrefixes(source.text, lineStart, containers).at.pos;
  return {
    type: 'code',
    lang: null,
    meta: null,
    value: linesOf(context, lineStart, to, containers, 4, false),
    position: positionOf(source, Math.min(start, from), to),
  };
}

/**
 * The text of the lines in [from, to) without their container prefixes and up to `indent`
 * columns of indentation, joined by their own line endings. `firstAsIs` keeps the first line
 * from `from` (an HTML block starts there).
 */
function linesOf(
  context: BuildContext,
  from: number,
  to: number,
  containers: readonly Container[],
  indent: number,
  firstAsIs: boolean,
): string {
  const text = context.source.text;
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

function htmlBlock(context: BuildContext, from: number, to: number, containers: readonly Container[]): Html {
  // Unlike Lezer's node, mdast's starts before the block's indentation (which is part of the value).
  const { at } = skipContainerPrefixes(context.source.text, lineStartAt(context.source, from), containers);
  const start = Math.min(at.pos, from);
  return {
    type: 'html',
    value: (at.spare > 0 ? ' '.repeat(at.spare) : '') + linesOf(context, start, to, containers, 0, true),
    position: positionOf(context.source, start, to),
  };
}

function definition(context: BuildContext, cursor: TreeCursor, from: number, to: number): DefinitionContent {
  const text = context.source.text;
  const spans = childSpans(context, cursor);
  const label = spans.find((span) => span.name === 'LinkLabel');
  const url = spans.find((span) => span.name === 'URL');
  const title = spans.find((span) => span.name === 'LinkTitle');
  const rawLabel = label ? text.slice(label.from + 1, label.to - 1) : '';
  let destination = url ? text.slice(url.from, url.to) : '';
  if (destination.startsWith('<')) destination = destination.slice(1, -1);
  return {
    type: 'definition',
    identifier: labelIdentifier(rawLabel),
    label: decodeString(rawLabel),
    title: title ? decodeString(text.slice(title.from + 1, title.to - 1)) : null,
    url: decodeString(destination),
    position: positionOf(context.source, from, to),
  };
}
