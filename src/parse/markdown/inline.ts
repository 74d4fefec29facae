import type { TreeCursor } from '@lezer/common';
import type { Html, InlineCode, PhrasingContent, Text } from 'mdast';
import { decodeString } from 'micromark-util-decode-string';
import { joinLines, skipContainerPrefixes, type Container } from './containers.js';
import { childSpans, edgeSpans, fromOf, labelIdentifier, MAX_NESTING, toOf, type BuildContext, type ChildSpan } from './context.js';
import { isSpaceOrTab, lineEndingLength, pointAt, positionOf, type Point } from './source.js';

/** Phrasing being collected: adjacent text, escapes, references and soft breaks merge into one text node. */
interface Run {
  out: PhrasingContent[];
  text: Text | undefined;
  textEnd: number;
  /** At the start of a line, where indentation and `>` markers are not content. */
  atLineStart: boolean;
  /** How many emphasis, link and image nodes hold this run. */
  depth: number;
  containers: readonly Container[];
  /** Whether the block's text so far holds a backtick that opened no code span (see lineEndingEnd). */
  backtick: { seen: boolean };
}

const PENDING_END: Point = { line: 0, column: 0, offset: 0 };

/**
 * The phrasing content of the leaf block under the cursor between `from` and `to` (original
 * offsets), as mdast-util-from-markdown builds it.
 */
export function phrasing(
  context: BuildContext,
  cursor: TreeCursor,
  from: number,
  to: number,
  containers: readonly Container[],
): PhrasingContent[] {
  const run: Run = { out: [], text: undefined, textEnd: 0, atLineStart: true, depth: 0, containers, backtick: { seen: false } };
  walk(context, cursor, from, to, run, containers, true);
  flush(context, run);
  return run.out;
}

function nested(
  context: BuildContext,
  cursor: TreeCursor,
  from: number,
  to: number,
  containers: readonly Container[],
  parent: Run,
): PhrasingContent[] {
  const run: Run = {
    out: [],
    text: undefined,
    textEnd: 0,
    atLineStart: false,
    depth: parent.depth + 1,
    containers,
    backtick: parent.backtick,
  };
  walk(context, cursor, from, to, run, containers, false);
  flush(context, run);
  return run.out;
}

/** Converts the children of the node under the cursor that lie in [from, to), and the text between them. */
function walk(
  context: BuildContext,
  cursor: TreeCursor,
  from: number,
  to: number,
  run: Run,
  containers: readonly Container[],
  blockEnd: boolean,
): void {
  let pos = from;
  if (cursor.firstChild()) {
    do {
      const childFrom = fromOf(context, cursor);
      const childTo = toOf(context, cursor);
      if (childTo <= from && childFrom < from) continue;
      if (childFrom >= to) break;
      gap(context, run, pos, childFrom, false);
      node(context, cursor, childFrom, childTo, run, containers);
      pos = childTo;
    } while (cursor.nextSibling());
    cursor.parent();
  }
  gap(context, run, pos, to, blockEnd);
}

function node(
  context: BuildContext,
  cursor: TreeCursor,
  from: number,
  to: number,
  run: Run,
  containers: readonly Container[],
): void {
  const text = context.source.text;
  const name = cursor.name;
  if (run.depth >= MAX_NESTING && (name === 'Emphasis' || name === 'StrongEmphasis' || name === 'Link' || name === 'Image')) {
    gap(context, run, from, to, false);
    return;
  }
  switch (name) {
    case 'Escape':
      data(context, run, from, to, text.charAt(from + 1));
      run.atLineStart = false;
      return;
    case 'Entity':
      data(context, run, from, to, decodeString(text.slice(from, to)));
      run.atLineStart = false;
      return;
    case 'QuoteMark':
      return;
    case 'HardBreak':
      flush(context, run);
      run.out.push({ type: 'break', position: positionOf(context.source, from, lineEndingEnd(context, run, to)) });
      run.atLineStart = true;
      return;
    case 'Emphasis':
    case 'StrongEmphasis': {
      flush(context, run);
      const spans = edgeSpans(context, cursor);
      const open = spans.first?.to ?? from;
      const close = spans.count > 1 ? (spans.last as ChildSpan).from : to;
      const children = nested(context, cursor, open, close, containers, run);
      const type = cursor.name === 'Emphasis' ? 'emphasis' : 'strong';
      run.out.push({ type, children, position: positionOf(context.source, from, to) });
      run.atLineStart = false;
      return;
    }
    case 'InlineCode':
      flush(context, run);
      run.out.push(inlineCode(context, cursor, from, to, containers));
      run.atLineStart = false;
      return;
    case 'Link':
    case 'Image':
      link(context, cursor, from, to, run, containers);
      return;
    case 'Autolink':
      flush(context, run);
      run.out.push(autolink(context, cursor, from, to));
      run.atLineStart = false;
      return;
    case 'HTMLTag':
    case 'Comment':
    case 'ProcessingInstruction':
      flush(context, run);
      run.out.push(inlineHtml(context, from, to, containers));
      run.atLineStart = false;
      return;
    default:
      gap(context, run, from, to, false);
  }
}

function data(context: BuildContext, run: Run, start: number, end: number, value: string): void {
  if (run.text === undefined) {
    run.text = { type: 'text', value, position: { start: pointAt(context.source, start), end: PENDING_END } };
    run.out.push(run.text);
  } else {
    run.text.value += value;
  }
  run.textEnd = end;
}

function flush(context: BuildContext, run: Run): void {
  if (run.text !== undefined) {
    (run.text.position as { end: Point }).end = pointAt(context.source, lineEndingEnd(context, run, run.textEnd));
    run.text = undefined;
  }
}

/**
 * Where a node that ends with a line ending (text, a hard break) ends: there, except that after a
 * backtick that opened no code span micromark ends it after the next line's container prefixes.
 */
function lineEndingEnd(context: BuildContext, run: Run, end: number): number {
  const text = context.source.text;
  const before = text.charCodeAt(end - 1);
  if (!run.backtick.seen || (before !== 10 && before !== 13)) return end;
  return skipContainerPrefixes(text, end, run.containers).at.pos;
}

function chunk(context: BuildContext, run: Run, from: number, to: number): void {
  const value = context.source.text.slice(from, to);
  data(context, run, from, to, value);
  if (value.includes('`')) run.backtick.seen = true;
}

/**
 * Plain text between inline nodes: indentation at line starts and white space before line
 * endings (and at the end of the block) are not content; line endings are.
 */
function gap(context: BuildContext, run: Run, from: number, to: number, blockEnd: boolean): void {
  const text = context.source.text;
  let pos = from;
  while (pos < to) {
    if (run.atLineStart) {
      while (pos < to && isSpaceOrTab(text.charCodeAt(pos))) pos++;
      if (pos >= to) return;
      run.atLineStart = false;
    }
    let end = pos;
    while (end < to && lineEndingLength(text, end) === 0) end++;
    if (end < to) {
      let contentEnd = end;
      while (contentEnd > pos && isSpaceOrTab(text.charCodeAt(contentEnd - 1))) contentEnd--;
      if (contentEnd > pos) chunk(context, run, pos, contentEnd);
      const eol = lineEndingLength(text, end);
      data(context, run, end, end + eol, text.slice(end, end + eol));
      pos = end + eol;
      run.atLineStart = true;
    } else {
      let contentEnd = to;
      if (blockEnd) while (contentEnd > pos && isSpaceOrTab(text.charCodeAt(contentEnd - 1))) contentEnd--;
      if (contentEnd > pos) chunk(context, run, pos, contentEnd);
      pos = to;
    }
  }
}

function inlineCode(
  context: BuildContext,
  cursor: TreeCursor,
  from: number,
  to: number,
  containers: readonly Container[],
): InlineCode {
  const spans = edgeSpans(context, cursor);
  const open = spans.first?.to ?? from;
  const close = spans.count > 1 ? (spans.last as ChildSpan).from : to;
  let value = joinLines(context.source.text, open, close, containers, 0);
  value = stripCodePadding(value);
  return { type: 'inlineCode', value, position: positionOf(context.source, from, to) };
}

/** One space or line ending on both sides goes, when something else is in between (CommonMark 6.1). */
function stripCodePadding(value: string): string {
  const head = paddingLength(value, 0);
  const tail = value.endsWith('\r\n') ? 2 : paddingLength(value, value.length - 1);
  if (head === 0 || tail === 0 || head + tail > value.length) return value;
  if (!/[^ \r\n]/.test(value)) return value;
  return value.slice(head, value.length - tail);
}

function paddingLength(value: string, index: number): number {
  const code = value.charCodeAt(index);
  if (code === 32 || code === 10) return 1;
  if (code === 13) return value.charCodeAt(index + 1) === 10 && index === 0 ? 2 : 1;
  return 0;
}

function inlineHtml(context: BuildContext, from: number, to: number, containers: readonly Container[]): Html {
  return {
    type: 'html',
    value: joinLines(context.source.text, from, to, containers, 3),
    position: positionOf(context.source, from, to),
  };
}

function autolink(context: BuildContext, cursor: TreeCursor, from: number, to: number): PhrasingContent {
  const spans = childSpans(context, cursor);
  const url = spans.find((span) => span.name === 'URL');
  const start = url ? url.from : from + 1;
  const end = url ? url.to : to - 1;
  const raw = context.source.text.slice(start, end);
  return {
    type: 'link',
    title: null,
    url: /^[a-zA-Z][a-zA-Z\d+.-]{1,31}:/.test(raw) ? raw : `mailto:${raw}`,
    children: [{ type: 'text', value: raw, position: positionOf(context.source, start, end) }],
    position: positionOf(context.source, from, to),
  };
}

function link(
  context: BuildContext,
  cursor: TreeCursor,
  from: number,
  to: number,
  run: Run,
  containers: readonly Container[],
): void {
  const text = context.source.text;
  const isImage = cursor.name === 'Image';
  const spans = childSpans(context, cursor);
  const marks = spans.filter((span) => span.name === 'LinkMark');
  const open = marks[0];
  const close = marks[1];
  if (!open || !close) {
    gap(context, run, from, to, false);
    return;
  }
  const resource = marks[2] !== undefined && text.charCodeAt(marks[2].from) === 40;
  // The parser only makes links of resources and of references to defined labels (parser-config.ts).
  // Labels and titles over several lines lose the container prefixes and indentation of each line.
  const unprefixed = (start: number, end: number) => joinLines(text, start, end, containers, Number.POSITIVE_INFINITY);
  const labelSpan = resource ? undefined : spans.find((span) => span.name === 'LinkLabel' && span.from >= close.to);
  const labelRaw = labelSpan ? unprefixed(labelSpan.from + 1, labelSpan.to - 1) : unprefixed(open.to, close.from);
  const referenceType = labelSpan ? (labelRaw.length === 0 ? 'collapsed' : 'full') : 'shortcut';
  const referenceLabel = referenceType === 'collapsed' ? unprefixed(open.to, close.from) : labelRaw;
  flush(context, run);
  run.atLineStart = false;
  const children = nested(context, cursor, open.to, close.from, containers, run);
  const position = positionOf(context.source, from, to);
  if (resource) {
    const url = spans.find((span) => span.name === 'URL');
    const title = spans.find((span) => span.name === 'LinkTitle');
    let destination = url ? text.slice(url.from, url.to) : '';
    if (destination.startsWith('<')) destination = destination.slice(1, -1);
    const resolved = {
      title: title ? decodeString(unprefixed(title.from + 1, title.to - 1)) : null,
      url: decodeString(destination),
    };
    if (isImage) run.out.push({ type: 'image', ...resolved, alt: phrasingToString(children), position });
    else run.out.push({ type: 'link', ...resolved, children, position });
    return;
  }
  const reference = {
    label: decodeString(referenceLabel),
    identifier: labelIdentifier(referenceLabel),
    referenceType,
  } as const;
  if (isImage) run.out.push({ type: 'imageReference', alt: phrasingToString(children), position, ...reference });
  else run.out.push({ type: 'linkReference', children, position, ...reference });
}

/** mdast-util-to-string over phrasing, which is what an image's `alt` is. */
function phrasingToString(nodes: readonly PhrasingContent[]): string {
  let value = '';
  for (const child of nodes) {
    if ('value' in child) value += child.value;
    else if ('alt' in child) value += child.alt ?? '';
    else if ('children' in child) value += phrasingToString(child.children);
  }
  return value;
}
