import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { Language, Parser, type Tree } from 'web-tree-sitter';

/*
 * tree-sitter-bash, compiled to WebAssembly and run by web-tree-sitter. Loading it is
 * asynchronous (the WebAssembly is compiled) while the lint API is synchronous, so it is loaded
 * once, when this module is first imported (top-level await), and every importer sees it ready.
 * This is not mutable state in use: the language never changes after loading, and the one parser
 * is only reached through `withBashTree`, which runs a parse synchronously and, when it cancels
 * one (see below), resets the parser, so no parse is ever left half-done for the next caller.
 */
// V8 would otherwise re-compile the whole 1.4 MB grammar with its optimising compiler on background
// threads, which costs more CPU than a whole one-skill run and gains little even on large runs.
setFlagsFromString('--liftoff-only');
const resolvePackageFile = createRequire(import.meta.url).resolve;
// Named explicitly: web-tree-sitter would look for its runtime next to the running script, which in
// the bundled CLI (dist/bin/) is not its package folder.
await Parser.init({ locateFile: () => resolvePackageFile('web-tree-sitter/tree-sitter.wasm') });
const bash = await Language.load(readFileSync(resolvePackageFile('tree-sitter-bash/tree-sitter-bash.wasm')));
const parser = new Parser().setLanguage(bash);

/**
 * Parses `text` as bash and hands the tree to `read`; the tree lives in WebAssembly memory and
 * is freed when `read` returns, so nothing of it may be kept. Undefined when the parser gives up.
 */
export function withBashTree<T>(text: string, read: (tree: Tree) => T): T | undefined {
  const tree = parser.parse(text);
  if (!tree) return undefined;
  try {
    return read(tree);
  } finally {
    tree.delete();
  }
}

/**
 * Progress reports the parser may make once it has met a syntax error. tree-sitter's error
 * recovery costs 50 to 600 microseconds per byte on operator soup (`|` x 20,000 took 3.5 s, a 60 KB
 * block of pipes and `<<` 122 s) against a fraction of a microsecond for ordinary shell, and it
 * reports progress every few hundred operations: it may report twice after its first error.
 */
export const MAX_PROGRESS_AFTER_ERROR = 2;

/**
 * `withBashTree`, but a parse that meets a syntax error and keeps recovering for more than
 * MAX_PROGRESS_AFTER_ERROR progress reports is cancelled: the answer is then `'cancelled'`.
 */
export function withBoundedBashTree<T>(text: string, read: (tree: Tree) => T): T | 'cancelled' | undefined {
  let afterError = 0;
  const progressCallback = (state: { hasError: boolean }): boolean => state.hasError && ++afterError > MAX_PROGRESS_AFTER_ERROR;
  const tree = parser.parse(text, null, { progressCallback: progressCallback as (state: { hasError: boolean }) => void });
  if (!tree) {
    parser.reset();
    return afterError > MAX_PROGRESS_AFTER_ERROR ? 'cancelled' : undefined;
  }
  try {
    return read(tree);
  } finally {
    tree.delete();
  }
}
