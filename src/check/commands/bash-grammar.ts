import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { Language, Parser, type Tree } from 'web-tree-sitter';

/*
 * tree-sitter-bash, compiled to WebAssembly and run by web-tree-sitter. Loading it is
 * asynchronous (the WebAssembly is compiled) while the lint API is synchronous, so it is loaded
 * once, when this module is first imported (top-level await), and every importer sees it ready.
 * This is not mutable state in use: the language never changes after loading, and the one parser
 * is only reached through `withBashTree`, which runs a whole parse synchronously without a
 * progress callback or timeout, so no parse is ever left half-done for the next caller to resume.
 */
// V8 would otherwise re-compile the whole 1.4 MB grammar with its optimising compiler on background
// threads, which costs more CPU than a whole one-skill run and gains little even on large runs.
setFlagsFromString('--liftoff-only');
await Parser.init();
const bash = await Language.load(readFileSync(createRequire(import.meta.url).resolve('tree-sitter-bash/tree-sitter-bash.wasm')));
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
