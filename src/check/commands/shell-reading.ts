import type { Node, Tree } from 'web-tree-sitter';

/**
 * What tree-sitter-bash is given to read instead of the script itself, where the two disagree
 * with bash or with the document. Every change keeps the text's length except the spaces added
 * by `splitArithmeticParens`, which `insertionMap` maps back; word values are always taken from
 * the script as written.
 */

/** Maps an offset in the text the parser read to the script's own offset. */
export type OffsetMap = (index: number) => number;

export const identity: OffsetMap = (index) => index;

/**
 * A `\` that ends the script (often a line continuation left on the last line) is read by bash as
 * itself or as nothing; tree-sitter-bash reports it. It is blanked.
 */
export function blankFinalBackslash(text: string): string {
  const final = /(?<!\\)(?:\\\\)*\\\s*$/.exec(text);
  if (!final) return text;
  const at = final.index + final[0].lastIndexOf('\\');
  return `${text.slice(0, at)} ${text.slice(at + 1)}`;
}

/**
 * The text the parser reads first:
 * - `<artifact-id>` in a document is a placeholder, not a redirection: its angle brackets are hidden;
 * - `\` before a space or tab makes a word of that blank in bash (`--input x \ ` with a space
 *   after the continuation passes " " and ends the command there), while tree-sitter-bash skips it
 *   as if it were a line continuation: the blank is made a letter, so the word is seen.
 */
export function maskForParser(text: string): string {
  return text
    .replace(/<([A-Za-z][\w.:/-]*)>/g, (_match, name: string) => `_${name}_`)
    .replace(/(?<!\\)((?:\\\\)*)\\[ \t]/g, (_match, pairs: string) => `${pairs}\\_`);
}

/**
 * bash reads `((` at the start of a command as arithmetic. Where such a construct does not parse,
 * the offsets at which a space splits each pair of parentheses in it (`((` and `))` alike), so
 * that it reads as nested subshells, as bash-parser read it. Empty when there is none.
 */
export function arithmeticParenSplits(tree: Tree): number[] {
  const splits: number[] = [];
  const stack: Node[] = [tree.rootNode];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (!node.hasError) continue;
    const children = node.children.filter((child): child is Node => child !== null);
    const opener = node.type === 'compound_statement' || node.type === 'ERROR' ? children.findIndex((child) => child.type === '((') : -1;
    if (opener >= 0) splits.push(...adjacentParens(children.slice(opener)));
    stack.push(...children.slice(0, opener < 0 ? children.length : opener));
  }
  return splits.sort((a, b) => a - b);
}

/** The text with a space inserted before each offset in `splits` (ascending). */
export function insertSpaces(text: string, splits: readonly number[]): string {
  let spaced = '';
  let from = 0;
  for (const at of splits) {
    spaced += `${text.slice(from, at)} `;
    from = at;
  }
  return spaced + text.slice(from);
}

/** Maps offsets in `insertSpaces(text, splits)` back to offsets in `text`. */
export function insertionMap(splits: readonly number[]): OffsetMap {
  return (index) => {
    let before = 0;
    while (before < splits.length && (splits[before] as number) + before < index) before++;
    return index - before;
  };
}

/** Offsets of parentheses that directly follow one of the same kind, among the parenthesis tokens of `nodes`. */
function adjacentParens(nodes: readonly Node[]): number[] {
  const found: number[] = [];
  let previous = { at: -2, char: '' };
  const stack: Node[] = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (node.childCount > 0) {
      for (let k = node.childCount - 1; k >= 0; k--) stack.push(node.child(k) as Node);
      continue;
    }
    if (!PAREN_TOKENS.has(node.type)) continue;
    for (let at = node.startIndex; at < node.endIndex; at++) {
      const char = node.type[0] as string;
      if (at === previous.at + 1 && char === previous.char) found.push(at);
      previous = { at, char };
    }
  }
  return found;
}

const PAREN_TOKENS = new Set(['(', '((', ')', '))']);
