import type { Tree, TreeCursor } from '@lezer/common';
import type { BlockContent, DefinitionContent, Heading, Html, Root, RootContent } from 'mdast';
import { decodeString } from 'micromark-util-decode-string';
import { fencedCode, indentedCode } from './code.js';
import { containerEnd, joinLines, newContainerAfter, skipContainerPrefixes, unprefixedLines, type Container } from './containers.js';
import { childSpans, edgeSpans, fromOf, labelIdentifier, MAX_NESTING, toOf, type BuildContext } from './context.js';
import { phrasing } from './inline.js';
import { list } from './lists.js';
import { hasBlankLine, lineEndingLength, lineStartAt, positionOf, type MarkdownSource } from './source.js';

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
        // A line of a label can only start with a container prefix: `>` there is a quote marker.
        const label = source.parsed.slice(node.from + 1, node.to - 1).replace(/\n[\t >]*/g, '\n');
        definitions.add(labelIdentifier(label));
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
  let indentedCodeFrom: number | undefined;
  do {
    if (cursor.name === 'CodeBlock' && indentedCodeFrom !== undefined) {
      // Lezer splits indented code where the block quote marker around it moves; it is one block.
      out[out.length - 1] = indentedCode(context, indentedCodeFrom, toOf(context, cursor), containers);
      continue;
    }
    indentedCodeFrom = cursor.name === 'CodeBlock' ? fromOf(context, cursor) : isMark(cursor.name) ? indentedCodeFrom : undefined;
    block(context, cursor, containers, out);
  } while (cursor.nextSibling());
  cursor.parent();
}

function isMark(name: string): boolean {
  return name === 'QuoteMark' || name === 'ListMark';
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
    case 'Blockquote':
    case 'BulletList':
    case 'OrderedList':
      if (containers.length >= MAX_NESTING) {
        out.push(plainParagraph(context, from, to));
        return;
      }
      if (name === 'Blockquote') {
        const children: BlockContent[] = [];
        blockChildren(context, cursor, [...containers, { kind: 'quote' }], children as Flow[]);
        const end = containerEnd(source.text, to, to, children.at(-1)?.position?.end.offset, containers, false);
        out.push({ type: 'blockquote', children: children, position: positionOf(source, from, end) });
      } else {
        out.push(list(context, cursor, from, to, containers, blockChildren));
      }
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
      out.push(definition(context, cursor, from, to, containers));
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
  const marks = edgeSpans(context, cursor, 'HeaderMark');
  const open = marks.first;
  const close = marks.count > 1 ? marks.last : undefined;
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
  }
  return {
    type: 'heading',
    depth: cursor.name === 'SetextHeading1' ? 1 : 2,
    children: phrasing(context, cursor, fromOf(context, cursor), contentTo, containers),
    position: positionOf(context.source, from, to),
  };
}

function htmlBlock(context: BuildContext, from: number, to: number, containers: readonly Container[]): Html {
  const text = context.source.text;
  // Unlike Lezer's node, mdast's starts before the block's indentation (which is part of the value).
  const { at } = skipContainerPrefixes(text, lineStartAt(context.source, from), containers);
  const start = Math.min(at.pos, from);
  let value = (at.spare > 0 ? ' '.repeat(at.spare) : '') + unprefixedLines(text, start, to, containers, 0, true);
  let end = to;
  // Cut off by its container before its end condition when the next line starts a new
  // container: micromark keeps the line ending, as with unclosed fenced code.
  const endCondition = HTML_END_CONDITIONS.find(([opener]) => opener.test(text.slice(from, from + 10)))?.[1];
  const lastLine = text.slice(lineStartAt(context.source, to), to);
  const eol = lineEndingLength(text, to);
  const next = endCondition && !endCondition.test(lastLine) && eol > 0 ? newContainerAfter(text, to, containers) : undefined;
  if (next && next.continued < containers.length) {
    value += text.slice(to, to + eol);
    end = to + eol;
  }
  return { type: 'html', value, position: positionOf(context.source, start, end) };
}

/** CommonMark's HTML blocks of kinds 1 to 5, which end at a line with their end marker (not at a blank line). */
const HTML_END_CONDITIONS: readonly (readonly [RegExp, RegExp])[] = [
  [/^<(?:script|pre|style|textarea)(?:[ \t>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^<!--/, /-->/],
  [/^<\?/, /\?>/],
  [/^<![a-z]/i, />/],
  [/^<!\[CDATA\[/, /\]\]>/],
];

/** A container nested too deep (see MAX_NESTING), as its plain source text. */
function plainParagraph(context: BuildContext, from: number, to: number): RootContent {
  const position = positionOf(context.source, from, to);
  return {
    type: 'paragraph',
    children: [{ type: 'text', value: context.source.text.slice(from, to), position: positionOf(context.source, from, to) }],
    position,
  };
}

function definition(
  context: BuildContext,
  cursor: TreeCursor,
  from: number,
  to: number,
  containers: readonly Container[],
): DefinitionContent {
  const text = context.source.text;
  const unprefixed = (start: number, end: number) => joinLines(text, start, end, containers, Number.POSITIVE_INFINITY);
  const spans = childSpans(context, cursor);
  const label = spans.find((span) => span.name === 'LinkLabel');
  const url = spans.find((span) => span.name === 'URL');
  const title = spans.find((span) => span.name === 'LinkTitle');
  const rawLabel = label ? unprefixed(label.from + 1, label.to - 1) : '';
  let destination = url ? text.slice(url.from, url.to) : '';
  if (destination.startsWith('<')) destination = destination.slice(1, -1);
  return {
    type: 'definition',
    identifier: labelIdentifier(rawLabel),
    label: decodeString(rawLabel),
    title: title ? decodeString(unprefixed(title.from + 1, title.to - 1)) : null,
    url: decodeString(destination),
    position: positionOf(context.source, from, to),
  };
}
