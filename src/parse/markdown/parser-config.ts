import {
  InlineContext,
  type BlockContext,
  type BlockParser,
  type Element,
  type Line,
  type MarkdownParser,
} from '@lezer/markdown';
import type { Input, PartialParse, TreeFragment } from '@lezer/common';
import { labelIdentifier, MAX_NESTING } from './context.js';

/*
 * Lezer's CommonMark parser and micromark (which mdast-util-from-markdown uses) disagree in a few
 * places that change the tree, so the parser is adjusted to micromark's reading:
 *
 * - Brackets: Lezer makes every `[text]` a link and leaves reference resolution to its user; in
 *   CommonMark `[text]`, `[text][]` and `[text][label]` are links only when the label is defined,
 *   and brackets that are not links neither block an outer link nor split emphasis.
 * - An item that starts with a blank line may hold several blocks after its first content line;
 *   Lezer ends it at the first blank line that follows a block still being read, and takes an
 *   item with a tab after its marker for one that starts with a blank line.
 * - Indented code continues while a line is indented 4 columns past its own container content;
 *   Lezer measures from the first line's.
 * - An HTML block that ends at a blank line runs past a `>`-only line in a block quote, and a
 *   `>` indented 4 or more columns still continues a block quote.
 * - List items interrupting a paragraph (or indented code, which micromark treats alike up to
 *   the next non-blank line): micromark lets any list item start on a lazy line, and on a line
 *   where every container continued only non-empty items that are bullets or `1.`/`1)`, also for
 *   containers nested further on that line. Lezer relaxes that inside any list of the same kind
 *   and does not carry it into nested containers.
 *
 * This needs a few fields Lezer does not declare (ParserInternals and the like below); the version
 * is pinned by the lockfile, and test/markdown-parity.test.ts fails if they change.
 */

/** Undeclared Lezer internals this module relies on. */
interface InlineInternals {
  parts: (InlinePart | null)[];
}
interface InlinePart {
  type: unknown;
  from: number;
  to: number;
  side?: number;
}
interface LineInternals {
  /** How many of the open block contexts this line continued. */
  depth: number;
}
interface ParserInternals {
  blockParsers: (BlockParser['parse'] | undefined)[];
  blockNames: string[];
  inlineParsers: (InlineParse | undefined)[];
  inlineNames: string[];
  endLeafBlock: ((cx: BlockContext, line: Line, leaf: unknown) => boolean)[];
  /** Continuation checks of the open composite blocks, by node type id. */
  skipContextMarkup: Record<number, (block: ListItemBlock, cx: BlockContext, line: Line) => boolean>;
}
interface ListItemBlock {
  /** The item's content indentation. */
  value: number;
  blankFirstLine?: boolean;
  [HAS_CONTENT]?: boolean;
}

type InlineParse = (cx: InlineContext, next: number, start: number) => number;

const DEFAULT_LIST_END_LEAF = [3, 4];
/** Where the link and image openers of an inline section are in its parts, so `]` finds the nearest at once. */
const OPENERS = Symbol('indices of link and image openers');
/** From where on no title closes, by closing character (see titleEnd). */
const UNCLOSED = Symbol('no unescaped closing character after');
/** Parts below this index hold no active link opener any more (see linkEnd). */
const CLEARED = Symbol('link openers cleared below');
/** Emphasis delimiter characters read so far in an inline section (see boundedEmphasis). */
const MARKS = Symbol('emphasis delimiter characters');
type TrackedContext = InlineContext & {
  [OPENERS]?: number[];
  [UNCLOSED]?: Map<number, number>;
  [CLEARED]?: number;
  [MARKS]?: number;
};
const HAS_CONTENT = Symbol('list item had a line of content');
const INTERRUPTED = Symbol('line where an open paragraph met a possible interruption');

type MarkedContext = BlockContext & { [INTERRUPTED]?: number };

/** The parser, adjusted to read Markdown the way micromark does; `definitions` are the document's normalised link labels. */
export function micromarkCompatible(base: MarkdownParser, definitions: ReadonlySet<string>): MarkdownParser {
  const internals = base as unknown as ParserInternals;
  const original = (name: string): NonNullable<BlockParser['parse']> => {
    const parse = internals.blockParsers[internals.blockNames.indexOf(name)];
    if (!parse) throw new Error(`@lezer/markdown has no ${name} block parser`);
    return parse;
  };
  const inline = (name: string): InlineParse => {
    const parse = internals.inlineParsers[internals.inlineNames.indexOf(name)];
    if (!parse) throw new Error(`@lezer/markdown has no ${name} inline parser`);
    return parse;
  };
  const bullet = original('BulletList');
  const ordered = original('OrderedList');
  const indentedCode = original('IndentedCode');
  const htmlBlock = original('HTMLBlock');
  const configured = base.configure({
    wrap: withoutContextHashes,
    parseBlock: [
      {
        name: 'IndentedCode',
        parse: (cx, line) => {
          const result = withRelativeIndent(cx, line, () => indentedCode(cx, line));
          // micromark still counts the code as open on the next non-blank line, as it does a paragraph.
          if (result && !isLazy(cx, line)) (cx as MarkedContext)[INTERRUPTED] = cx.lineStart;
          return result;
        },
      },
      { name: 'HTMLBlock', parse: (cx, line) => withPrefixesBlanked(cx, line, () => htmlBlock(cx, line)) },
      { name: 'BulletList', parse: (cx, line) => (interruptedHere(cx) && !mayInterrupt(line) ? false : listItemStarted(cx, line, bullet(cx, line))) },
      { name: 'OrderedList', parse: (cx, line) => (interruptedHere(cx) && !mayInterrupt(line) ? false : listItemStarted(cx, line, ordered(cx, line))) },
    ],
    parseInline: [
      { name: 'PlainText', parse: plainText, before: 'Escape' },
      { name: 'Emphasis', parse: boundedEmphasis(inline('Emphasis')) },
      { name: 'Link', parse: trackOpener(inline('Link'), 91) },
      { name: 'Image', parse: trackOpener(inline('Image'), 33) },
      { name: 'LinkEnd', parse: (cx, next, start) => linkEnd(cx, next, start, definitions) },
    ],
  });
  const names = (configured as unknown as ParserInternals).inlineNames.join(' ');
  if (names !== INLINE_NAMES) throw new Error(`@lezer/markdown's inline parsers changed (${names}): check plainText's trigger characters`);
  const endLeaf = (configured as unknown as ParserInternals).endLeafBlock;
  const kept = endLeaf.filter((_, index) => !DEFAULT_LIST_END_LEAF.includes(index));
  // Runs first: remembers that this line met an open paragraph with all containers continued.
  kept.unshift((cx, line) => {
    if (!isLazy(cx, line)) (cx as MarkedContext)[INTERRUPTED] = cx.lineStart;
    return false;
  });
  kept.push((cx, line) => listItemStart(line) !== undefined && (isLazy(cx, line) || mayInterrupt(line)));
  (configured as unknown as ParserInternals).endLeafBlock = kept;
  const typeId = (name: string): number => {
    const type = configured.nodeSet.types.find((candidate) => candidate.name === name);
    if (!type) throw new Error(`@lezer/markdown has no ${name} node`);
    return type.id;
  };
  const skip = (configured as unknown as ParserInternals).skipContextMarkup;
  const continuesQuote = skip[typeId('Blockquote')];
  if (!continuesQuote) throw new Error('@lezer/markdown has no Blockquote continuation');
  (configured as unknown as ParserInternals).skipContextMarkup = {
    ...skip,
    [typeId('ListItem')]: continuesListItem,
    // A `>` indented 4 or more columns is not a block quote marker (it is code or text).
    [typeId('Blockquote')]: (block, cx, line) => line.indent < line.baseIndent + 4 && continuesQuote(block, cx, line),
  };
  return configured;
}

/** The fields of Lezer's BlockContext and CompositeBlock that record incremental-parse hashes. */
interface HashedContext {
  block: { hash: number | undefined };
  startContext(type: number, start: number, value?: number): void;
}

/**
 * Lezer gives every block the hash of its chain of containers (a `contextHash` prop), which only an
 * incremental parse, one given the fragments of an earlier tree, reads: CompositeBlock.addChild
 * wraps each finished block in a second Tree to carry it, unless the block already has its
 * container's hash. With no hash on the containers (undefined equals the missing prop), no block is
 * wrapped: the same tree with half the Tree objects. A parse given fragments is left as it is.
 */
export function withoutContextHashes(parse: PartialParse, _input: Input, fragments: readonly TreeFragment[]): PartialParse {
  if (fragments.length > 0) return parse;
  const cx = parse as unknown as HashedContext;
  const startContext = cx.startContext;
  if (typeof cx.block?.hash !== 'number' || typeof startContext !== 'function') throw new Error('@lezer/markdown changed its block context (block.hash, startContext)');
  cx.block.hash = undefined;
  cx.startContext = function (this: HashedContext, type: number, start: number, value?: number) {
    startContext.call(this, type, start, value);
    this.block.hash = undefined;
  };
  return parse;
}

/**
 * Lezer's own check ends an item that started with a blank line at any blank line as long as no
 * block was finished in it yet, which also cuts `-\n  text\n\n  more` after `text`.
 */
function continuesListItem(block: ListItemBlock, _cx: BlockContext, line: Line): boolean {
  if (line.next < 0) {
    if (block.blankFirstLine && !block[HAS_CONTENT]) return false;
  } else {
    if (line.indent < line.baseIndent + block.value) return false;
    block[HAS_CONTENT] = true;
  }
  line.moveBaseColumn(line.baseIndent + block.value);
  return true;
}

/**
 * Lezer decides whether an item's first line is blank by comparing its content column with the
 * line's length, which a tab after the marker throws off.
 */
function listItemStarted(cx: BlockContext, line: Line, result: boolean | null): boolean | null {
  if (result === null) {
    const item = (cx as unknown as { block: ListItemBlock }).block;
    item.blankFirstLine = line.skipSpace(line.basePos) >= line.text.length;
  }
  return result;
}

/**
 * Lezer continues indented code while a line is indented 4 columns past the first line's
 * container content, which moves when a `>` marker is followed by a space on one line and not
 * on another. While the code reads its lines, each line's indentation counts from its own base.
 */
function withRelativeIndent(cx: BlockContext, line: Line, parse: () => boolean | null): boolean | null {
  if (line.indent < line.baseIndent + 4) return false;
  const instance = cx as BlockContext & { nextLine: () => boolean };
  const nextLine = instance.nextLine;
  const firstBase = line.baseIndent;
  let shift = 0;
  instance.nextLine = () => {
    line.indent -= shift;
    const more = nextLine.call(cx);
    shift = firstBase - line.baseIndent;
    line.indent += shift;
    return more;
  };
  try {
    return parse();
  } finally {
    line.indent -= shift;
    delete (instance as { nextLine?: unknown }).nextLine;
  }
}

/**
 * Lezer ends an HTML block of the kinds that end at a blank line by testing the whole line, so a
 * `>`-only line in a block quote does not end it. While such a block reads its lines, each line's
 * container prefixes read as spaces (same length, so every offset stays).
 */
function withPrefixesBlanked(cx: BlockContext, line: Line, parse: () => boolean | null): boolean | null {
  if (line.next !== 60) return false;
  const instance = cx as BlockContext & { nextLine: () => boolean };
  const nextLine = instance.nextLine;
  instance.nextLine = () => {
    const more = nextLine.call(cx);
    if (line.basePos > 0) line.text = ' '.repeat(line.basePos) + line.text.slice(line.basePos);
    return more;
  };
  try {
    return parse();
  } finally {
    delete (instance as { nextLine?: unknown }).nextLine;
  }
}

function isLazy(cx: BlockContext, line: Line): boolean {
  return (line as unknown as LineInternals).depth < cx.depth;
}

function interruptedHere(cx: BlockContext): boolean {
  return (cx as MarkedContext)[INTERRUPTED] === cx.lineStart;
}

/** The list marker at the line's position: its kind and the number of an ordered one. */
function listItemStart(line: Line): { ordered: boolean; number: string; end: number } | undefined {
  const text = line.text;
  const next = line.next;
  if (next === 45 || next === 43 || next === 42) {
    const after = text.charCodeAt(line.pos + 1);
    if (line.pos + 1 < text.length && after !== 32 && after !== 9) return undefined;
    return { ordered: false, number: '', end: line.pos + 1 };
  }
  let pos = line.pos;
  while (pos < text.length && pos - line.pos < 10 && text.charCodeAt(pos) >= 48 && text.charCodeAt(pos) <= 57) pos++;
  if (pos === line.pos || pos - line.pos > 9) return undefined;
  const mark = text.charCodeAt(pos);
  if (mark !== 46 && mark !== 41) return undefined;
  const after = text.charCodeAt(pos + 1);
  if (pos + 1 < text.length && after !== 32 && after !== 9) return undefined;
  return { ordered: true, number: text.slice(line.pos, pos), end: pos + 1 };
}

/** Whether the list item at the line may interrupt a paragraph: not empty, and an ordered one numbered 1. */
function mayInterrupt(line: Line): boolean {
  const start = listItemStart(line);
  if (!start) return true;
  if (start.ordered && start.number !== '1') return false;
  return line.skipSpace(start.end) < line.text.length;
}

// Plain text, skipped.

/** The inline parsers plainText's trigger characters were taken from, in order. */
const INLINE_NAMES = 'PlainText Escape Entity InlineCode HTMLTag Emphasis HardBreak Link Image LinkEnd';

/**
 * Whether an inline parser may start at this character: `\\` (Escape, HardBreak), `&` (Entity),
 * a backtick (InlineCode), `<` (HTMLTag and autolinks), `*` and `_` (Emphasis), `[` (Link), `!`
 * (Image), `]` (LinkEnd), and two spaces (HardBreak needs at least two before a line ending).
 */
function mayStartInline(code: number, nextCode: number): boolean {
  switch (code) {
    case 92:
    case 38:
    case 96:
    case 60:
    case 42:
    case 95:
    case 91:
    case 33:
    case 93:
      return true;
    case 32:
      return nextCode === 32;
    default:
      return false;
  }
}

/**
 * Lezer offers every character of an inline section to every inline parser in turn, and all of
 * them decline the characters of plain text. This one runs first and consumes a run of
 * characters at which no parser can start (they become no element, exactly as when each parser
 * declines them), so the others see only the few characters that may start something.
 */
function plainText(cx: InlineContext, next: number, start: number): number {
  if (mayStartInline(next, cx.char(start + 1))) return -1;
  let pos = start + 1;
  while (pos < cx.end && !mayStartInline(cx.char(pos), cx.char(pos + 1))) pos++;
  return pos;
}

// Emphasis, bounded.

/**
 * Emphasis delimiter characters one inline section may use; later `*` and `_` runs are text.
 * Lezer resolves delimiters by scanning back from each closer and nests one element per matched
 * pair, so `*` x 8000 + `x` + `*` x 8000 cost quadratic time and overflowed the stack when the tree
 * was written. Past MAX_NESTING levels the conversion keeps emphasis as text anyway.
 */
export const MAX_EMPHASIS_MARKS = 2 * MAX_NESTING;

function boundedEmphasis(parse: InlineParse): InlineParse {
  return (cx, next, start) => {
    if (next !== 42 && next !== 95) return -1;
    let end = start + 1;
    while (cx.char(end) === next) end++;
    const tracked = cx as TrackedContext;
    const used = (tracked[MARKS] ?? 0) + (end - start);
    tracked[MARKS] = used;
    return used > MAX_EMPHASIS_MARKS ? end : parse(cx, next, start);
  };
}

// Link and image ends, after micromark's label-end construct.

function trackOpener(parse: InlineParse, trigger: number): InlineParse {
  return (cx, next, start) => {
    if (next !== trigger) return -1;
    const end = parse(cx, next, start);
    if (end >= 0) ((cx as TrackedContext)[OPENERS] ??= []).push((cx as unknown as InlineInternals).parts.length - 1);
    return end;
  };
}

function isOpener(part: InlinePart | null | undefined): part is InlinePart {
  return part != null && (part.type === InlineContext.linkStart || part.type === InlineContext.imageStart);
}

function linkEnd(cx: InlineContext, next: number, start: number, definitions: ReadonlySet<string>): number {
  if (next !== 93) return -1;
  const parts = (cx as unknown as InlineInternals).parts;
  const openers = (cx as TrackedContext)[OPENERS] ?? [];
  while (openers.length > 0 && !isOpener(parts[openers[openers.length - 1] as number])) openers.pop();
  const index = openers[openers.length - 1];
  const opener = index === undefined ? undefined : parts[index];
  if (index === undefined || !isOpener(opener)) return -1;
  if (!opener.side) {
    parts[index] = null;
    openers.pop();
    return -1;
  }
  const isImage = opener.type === InlineContext.imageStart;
  // A label longer than 999 characters is never defined (and is not worth normalising).
  const defined = definitions.size > 0 && start - opener.to <= 999 && definitions.has(labelIdentifier(cx.slice(opener.to, start)));
  const after = cx.char(start + 1);
  let tail: Element[] | undefined;
  let end = start + 1;
  if (after === 40) {
    const resource = parseResource(cx, start + 1);
    if (resource) ({ parts: tail, end } = resource);
    else if (defined) tail = [];
  } else if (after === 91) {
    const label = labelEnd(cx, start + 1);
    if (label !== undefined) {
      const inner = cx.slice(start + 2, label - 1);
      if ((/\S/.test(inner) && definitions.has(labelIdentifier(inner))) || (inner === '' && defined)) {
        tail = [cx.elt('LinkLabel', start + 1, label)];
        end = label;
      }
    }
  } else if (defined) {
    tail = [];
  }
  openers.pop();
  if (!tail) {
    parts[index] = null;
    return -1;
  }
  const content = cx.takeContent(index);
  // Parts from `index` on were just replaced, so no opener below the watermark can be above it.
  const tracked = cx as TrackedContext;
  const cleared = Math.min(tracked[CLEARED] ?? 0, index);
  const children = [
    cx.elt('LinkMark', opener.from, opener.to),
    ...content,
    cx.elt('LinkMark', start, start + 1),
    ...tail,
  ];
  cx.addElement(cx.elt(isImage ? 'Image' : 'Link', opener.from, end, children));
  if (isImage) {
    tracked[CLEARED] = cleared;
  } else {
    // No link inside a link: every earlier link opener is spent. The watermark keeps this linear
    // over a paragraph of many links (`[a] [a] [a] ...` was quadratic).
    for (let i = cleared; i < index; i++) {
      const part = parts[i];
      if (part && part.type === InlineContext.linkStart) part.side = 0;
    }
    tracked[CLEARED] = index;
  }
  return end;
}

/** `(destination "title")` at `open`; undefined when it is not one. */
function parseResource(cx: InlineContext, open: number): { parts: Element[]; end: number } | undefined {
  let pos = cx.skipSpace(open + 1);
  const destination = urlEnd(cx, pos);
  const parts = [cx.elt('LinkMark', open, open + 1)];
  if (destination !== undefined) {
    parts.push(cx.elt('URL', pos, destination));
    pos = cx.skipSpace(destination);
    if (pos !== destination) {
      const title = titleEnd(cx, pos);
      if (title !== undefined) {
        parts.push(cx.elt('LinkTitle', pos, title));
        pos = cx.skipSpace(title);
      }
    }
  }
  if (cx.char(pos) !== 41) return undefined;
  parts.push(cx.elt('LinkMark', pos, pos + 1));
  return { parts, end: pos + 1 };
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** The end of a link destination at `start`, as micromark reads one (at most 32 nested parentheses). */
function urlEnd(cx: InlineContext, start: number): number | undefined {
  const end = cx.end;
  if (cx.char(start) === 60) {
    for (let pos = start + 1; pos < end; pos++) {
      const code = cx.char(pos);
      if (code === 62) return pos + 1;
      if (code === 60 || code === 10 || code === 13) return undefined;
      if (code === 92) pos++;
    }
    return undefined;
  }
  let depth = 0;
  let pos = start;
  for (; pos < end; pos++) {
    const code = cx.char(pos);
    if (depth === 0 && (isSpace(code) || code === 41)) break;
    if (code === 40) {
      if (depth >= 32) return undefined;
      depth++;
    } else if (code === 41) {
      depth--;
    } else if (code <= 32 || code === 127) {
      // White space inside parentheses, or a control character.
      return undefined;
    } else if (code === 92 && (cx.char(pos + 1) === 40 || cx.char(pos + 1) === 41 || cx.char(pos + 1) === 92)) {
      pos++;
    }
  }
  return pos > start && depth === 0 ? pos : undefined;
}

/**
 * The end of a link title at `start`: "...", '...' or (...). An unclosed title is remembered per
 * closing character, so a section full of unclosed titles is not scanned again for each one.
 */
function titleEnd(cx: InlineContext, start: number): number | undefined {
  const open = cx.char(start);
  if (open !== 39 && open !== 34 && open !== 40) return undefined;
  const close = open === 40 ? 41 : open;
  const unclosed = ((cx as TrackedContext)[UNCLOSED] ??= new Map());
  if (start + 1 >= (unclosed.get(close) ?? Number.POSITIVE_INFINITY)) return undefined;
  for (let pos = start + 1; pos < cx.end; pos++) {
    const code = cx.char(pos);
    if (code === close) return pos + 1;
    if (code === 92) pos++;
  }
  unclosed.set(close, start + 1);
  return undefined;
}

/** The end of a link label `[...]` at `start` (at most 999 characters, no unescaped `[`). */
function labelEnd(cx: InlineContext, start: number): number | undefined {
  const end = Math.min(cx.end, start + 1000);
  for (let pos = start + 1, escaped = false; pos < end; pos++) {
    const code = cx.char(pos);
    if (escaped) escaped = false;
    else if (code === 93) return pos + 1;
    else if (code === 91) return undefined;
    else if (code === 92) escaped = true;
  }
  return undefined;
}
