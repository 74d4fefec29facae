import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';

/**
 * The one place that knows which Markdown parser the project uses. Everything else reads mdast
 * (https://github.com/syntax-tree/mdast) with positions in the coordinates of the whole file.
 */
export function parseMarkdown(text: string): Root {
  return fromMarkdown(text);
}
