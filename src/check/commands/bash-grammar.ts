import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import type { Parser, Tree } from 'web-tree-sitter';

/*
 * tree-sitter-bash, compiled to WebAssembly and run by web-tree-sitter. Loading it costs about as
 * much CPU as the rest of a one-skill run (web-tree-sitter's own module, compiling two WebAssembly
 * modules, and the lazy compilation of the parser's functions at the first parse; Node 20 cannot
 * keep compiled WebAssembly between processes), and most shell examples are read without it
 * (plain-shell.ts). So it is loaded on first need, asynchronously (web-tree-sitter has no
 * synchronous set-up), while the lint API is synchronous: a parse asked for before
 * `loadBashGrammar()` has finished throws `BashGrammarNotLoaded`, which the analysis lets through
 * (lint.ts) and its asynchronous callers answer by loading the grammar and analysing the file again
 * (check/analyze-file.ts). Once loaded, the language never changes; the one parser is only reached
 * through `withBashTree`, which runs a parse synchronously and, when it cancels one (see below),
 * resets the parser, so no parse is ever left half-done for the next caller.
 */

/** A shell parse was needed before the grammar was loaded: `await loadBashGrammar()`, then try again. */
export class BashGrammarNotLoaded extends Error {
  constructor() {
    super('the bash grammar is not loaded yet: await loadBashGrammar() before reading this shell');
    this.name = 'BashGrammarNotLoaded';
  }
}

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/** Loads and compiles the grammar once per thread; later calls return the same promise. */
export function loadBashGrammar(): Promise<void> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

export function isBashGrammarLoaded(): boolean {
  return parser !== undefined;
}

async function load(): Promise<void> {
  // V8 would otherwise re-compile the whole 1.4 MB grammar with its optimising compiler on background
  // threads, which costs more CPU than a whole one-skill run and gains little even on large runs.
  setFlagsFromString('--liftoff-only');
  const { Language, Parser } = await import('web-tree-sitter');
  const resolvePackageFile = createRequire(import.meta.url).resolve;
  // Named explicitly: web-tree-sitter would look for its runtime next to the running script, which in
  // the bundled CLI (dist/bin/) is not its package folder.
  await Parser.init({ locateFile: () => resolvePackageFile('web-tree-sitter/tree-sitter.wasm') });
  const bash = await Language.load(readFileSync(resolvePackageFile('tree-sitter-bash/tree-sitter-bash.wasm')));
  parser = new Parser().setLanguage(bash);
}

function loadedParser(): Parser {
  if (!parser) throw new BashGrammarNotLoaded();
  return parser;
}

/**
 * Parses `text` as bash and hands the tree to `read`; the tree lives in WebAssembly memory and
 * is freed when `read` returns, so nothing of it may be kept. Undefined when the parser gives up.
 */
export function withBashTree<T>(text: string, read: (tree: Tree) => T): T | undefined {
  const tree = loadedParser().parse(text);
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
  const bashParser = loadedParser();
  let afterError = 0;
  const progressCallback = (state: { hasError: boolean }): boolean => state.hasError && ++afterError > MAX_PROGRESS_AFTER_ERROR;
  const tree = bashParser.parse(text, null, { progressCallback: progressCallback as (state: { hasError: boolean }) => void });
  if (!tree) {
    bashParser.reset();
    return afterError > MAX_PROGRESS_AFTER_ERROR ? 'cancelled' : undefined;
  }
  try {
    return read(tree);
  } finally {
    tree.delete();
  }
}
