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
 * The parser is @lezer/markdown (plain CommonMark, about ten times faster than micromark); the
 * conversion builds the tree mdast-util-from-markdown builds, which test/markdown-parity.test.ts
 * checks node for node.
 */
export function parseMarkdown(text: string): Root {
  const source = prepareSource(text);
  let tree = withoutDefinitions.parse(source.parsed);
  const definitions = collectDefinitions(tree, source);
  // Whether `[text]` is a link depends on definitions anywhere in the document: parse again knowing them.
  if (definitions.size > 0) tree = micromarkCompatible(parser, definitions).parse(source.parsed);
  return toMdast(tree, source, definitions);
}
