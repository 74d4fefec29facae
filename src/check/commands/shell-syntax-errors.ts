import type { Node } from 'web-tree-sitter';
import type { OffsetMap } from './shell-reading.js';

/** A place where a script does not parse: `[start, end)` in the script and what is wrong, for a person. */
export interface SyntaxProblem {
  start: number;
  end: number;
  message: string;
}

/** Where the problems of one tree are described: the script's text and the way back to it. */
export interface ProblemContext {
  /** The script as written, with a final `\` blanked (the parser was told the same). */
  text: string;
  toScript: OffsetMap;
}

/**
 * An unclosed quote runs to the end of the script, so it shows at the tree's last token: a closing
 * quote the parser had to make up, a single-quoted text that is one error token to the end, or a
 * double quote or backquote left alone in an error with its text after it.
 */
export function unclosedQuote(root: Node, context: ProblemContext): SyntaxProblem | undefined {
  let leaf = root;
  while (leaf.lastChild) leaf = leaf.lastChild;
  const toEnd = isBlank(context.text.slice(context.toScript(leaf.endIndex)));
  if (leaf.isMissing) return QUOTE_TOKENS.has(leaf.type) ? quoteProblem(openerOf(leaf), context) : undefined;
  if (leaf.isError) return toEnd ? quoteProblem(leaf, context) : undefined;
  if (!toEnd || !leaf.parent?.isError) return undefined;
  const quotes = leaf.parent.children.filter((child): child is Node => child !== null && QUOTE_TOKENS.has(child.type));
  const last = quotes[quotes.length - 1];
  return last && quotes.filter((quote) => quote.type === last.type).length % 2 === 1 ? quoteProblem(last, context) : undefined;
}

/** The first error or missing token of the tree, in document order, described. */
export function describeProblem(node: Node, context: ProblemContext): SyntaxProblem {
  if (node.isMissing) {
    if (QUOTE_TOKENS.has(node.type)) {
      const quote = quoteProblem(openerOf(node), context);
      if (quote) return quote;
    }
    return endsTooEarly(context);
  }
  const parts = node.childCount === 0 ? [node] : node.children.filter((child): child is Node => child !== null);
  // A quote the parser could not pair is one that was never closed (quotes pair from the left).
  for (const type of QUOTE_TOKENS) {
    const alone = parts.filter((part) => part.type === type);
    const quote = alone.length % 2 === 1 ? quoteProblem(alone[alone.length - 1], context) : undefined;
    if (quote) return quote;
  }
  const quoted = parts.find((part) => part.isError && part.childCount === 0 && quoteProblem(part, context));
  if (quoted) return quoteProblem(quoted, context) as SyntaxProblem;
  const token = parts.find((part) => !part.isNamed) ?? firstLeaf(node);
  const toEnd = isBlank(context.text.slice(context.toScript(node.endIndex)));
  if (toEnd && !token.isNamed && !CLOSERS.has(token.type)) return endsTooEarly(context);
  return unexpected(token, context);
}

/** `token` cannot stand where it is: the whole line is reported, as a shell reports the line. */
export function unexpected(token: Node, context: ProblemContext): SyntaxProblem {
  const { text, toScript } = context;
  const start = toScript(token.startIndex);
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', start) < 0 ? text.length : text.indexOf('\n', start);
  const line = text.slice(lineStart, lineEnd);
  const written = text.slice(start, Math.max(start + 1, toScript(token.endIndex))).split('\n')[0]?.slice(0, 24);
  const name = token.type === '\n' ? 'a line break' : `\`${written}\``;
  return { start: lineStart + (line.length - line.trimStart().length), end: lineEnd, message: `unexpected ${name} on this line` };
}

/** Ends a construct: as a command name bash refuses it, though tree-sitter-bash reads it as a word. */
export const CLOSING_WORDS = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', '}']);

/** End a `case` item: anywhere else bash refuses them, though tree-sitter-bash lets them pass. */
export const CASE_TERMINATORS = new Set([';;', ';&', ';;&']);

const QUOTE_TOKENS = new Set(['"', '`', "'"]);

/** Tokens that close or separate: an error that starts with one is not an unfinished construct. */
const CLOSERS = new Set([')', '))', '}', ';', ';;', ';&', ';;&', '&', 'fi', 'done', 'esac', ']]', ']']);

/** The quote that opens at `token`, if one does (`$'` when a `$` stands right before a `'`). */
function quoteProblem(token: Node | undefined, context: ProblemContext): SyntaxProblem | undefined {
  if (!token) return undefined;
  const { text, toScript } = context;
  let start = toScript(token.startIndex);
  const quote = text[start];
  if (quote !== "'" && quote !== '"' && quote !== '`') return undefined;
  const dollar = quote === "'" && /(?<!\\)(?:\\\\)*\$$/.test(text.slice(Math.max(0, start - 64), start));
  if (dollar) start--;
  const written = dollar ? "$'" : quote;
  return { start, end: start + written.length, message: `the quote ${written} opened here is never closed` };
}

function endsTooEarly(context: ProblemContext): SyntaxProblem {
  const end = context.text.trimEnd().length;
  return { start: Math.max(0, end - 1), end, message: 'the command ends too early (a `|`, `&&` or `(` without what follows)' };
}

/** The opening quote of the string or backquoted command whose closing quote is missing. */
function openerOf(missing: Node): Node | undefined {
  return missing.parent?.children.find((child): child is Node => child !== null && child.type === missing.type && !child.isMissing);
}

function isBlank(text: string): boolean {
  return text.trim() === '';
}

function firstLeaf(node: Node): Node {
  let leaf = node;
  while (leaf.firstChild) leaf = leaf.firstChild;
  return leaf;
}
