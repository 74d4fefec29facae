import { parser } from '@lezer/markdown';
import type { Root } from 'mdast';
import { collectDefinitions, toMdast } from './markdown/blocks.js';
import { micromarkCompatible } from './markdown/parser-config.js';
import { prepareSource } from './markdown/source.js';

/** For documents without link reference definitions, which is nearly all of them. */
const withoutDefinitions = micromarkCompatible(parser, new Set());

/**
 * The one place that knows which Markdown parser the project uses. Everything else reads mdast
 * (https://github.com/syntax-tree/mdast) with positions in the coordinates of the whole file.
 *
 * The parser is @lezer/markdown (plain CommonMark, about ten times faster than micromark), and
 * the tree is the one mdast-util-from-markdown builds: same nodes, fields, values and positions,
 * which test/markdown-parity.test.ts checks. It differs only in these rare cases, each pinned there:
 * - a line right after a link reference definition that CommonMark reads as a continuation of the
 *   definition's paragraph (a lazy line, or one indented 4+ columns) starts a new block instead,
 *   and a definition title that starts on the next line and spans lines is not read;
 * - indented code right after a list or block quote is one code block where micromark makes one
 *   per line; on the line after it micromark then lets any list item start, where parseMarkdown
 *   keeps micromark's usual rule (only non-empty bullets and items numbered 1);
 * - a tag alone on a lazy line (an HTML block that cannot interrupt a paragraph) continues the
 *   paragraph, where micromark starts an HTML block inside the container;
 * - block quotes and lists nested more than 256 deep, and emphasis, links and images nested more
 *   than 256 deep, are plain text (MAX_NESTING in markdown/context.ts), so no recursive reader of
 *   the tree runs out of stack on a hostile document;
 * - an inline section (a paragraph, a heading, a table cell) uses at most MAX_EMPHASIS_MARKS (512)
 *   `*` and `_` characters as emphasis delimiters; later runs are text, which keeps a hostile run
 *   of thousands of `*` linear in time and shallow in stack (markdown/parser-config.ts).
 *
 * `lineStarts` may pass the line index of a text whose line endings stand where `text`'s do.
 */
export function parseMarkdown(text: string, lineStarts?: readonly number[]): Root {
  const source = prepareSource(text, lineStarts);
  let tree = withoutDefinitions.parse(source.parsed);
  const definitions = collectDefinitions(tree, source);
  // Whether `[text]` is a link depends on the definitions anywhere in the document.
  if (definitions.size > 0) tree = micromarkCompatible(parser, definitions).parse(source.parsed);
  return toMdast(tree, source, definitions);
}
