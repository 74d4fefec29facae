import type { TreeCursor } from '@lezer/common';
import type { Code } from 'mdast';
import { decodeString } from 'micromark-util-decode-string';
import { consumeIndent, newContainerAfter, skipContainerPrefixes, unprefixedLines, type Container } from './containers.js';
import { childSpans, type BuildContext, type ChildSpan } from './context.js';
import { lineEndingLength, lineIndexAt, lineStartAt, positionOf } from './source.js';

/** A ``` or ~~~ fence: info split into lang and meta, lines without container prefixes and fence indentation. */
export function fencedCode(
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
      ? unprefixedLines(text, contentStart, contentEnd, containers, fenceIndent, false).replace(/(?:\r\n|\r|\n)$/, '')
      : '';
  return { type: 'code', lang, meta, value, position: positionOf(source, from, end) };
}

/**
 * An unclosed fence runs to the end of its container. mdast ends it with its last line, after
 * that line's ending when the next line starts a new container, and at the start of the last
 * line when the text ends with nothing but that line's prefixes.
 */
function unclosedCodeEnd(
  context: BuildContext,
  openFrom: number,
  to: number,
  containers: readonly Container[],
  fenceIndent: number,
): number {
  const text = context.source.text;
  // Closed by its container: micromark ends it after the line ending when a new container starts the next line.
  const eol = lineEndingLength(text, to);
  if (eol > 0) return newContainerAfter(text, to, containers) ? to + eol : to;
  const lineStart = lineStartAt(context.source, to);
  if (lineStart <= openFrom) return to;
  const { at } = skipContainerPrefixes(text, lineStart, containers);
  consumeIndent(text, at, fenceIndent);
  return at.pos < to ? to : lineStart;
}

/** Indented code: its lines without container prefixes and 4 columns of indentation; mdast starts it at the indentation. */
export function indentedCode(context: BuildContext, from: number, to: number, containers: readonly Container[]): Code {
  const source = context.source;
  const text = source.text;
  const lineStart = lineStartAt(source, from);
  const start = skipContainerPrefixes(text, lineStart, containers).at.pos;
  return {
    type: 'code',
    lang: null,
    meta: null,
    value: unprefixedLines(text, lineStart, to, containers, 4, false),
    position: positionOf(source, Math.min(start, from), to),
  };
}
