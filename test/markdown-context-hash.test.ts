import { NodeProp, TreeFragment, type PartialParse, type Tree } from '@lezer/common';
import { parser } from '@lezer/markdown';
import { describe, expect, it } from 'vitest';
import { withoutContextHashes } from '../src/parse/markdown/parser-config.js';

const unhashed = parser.configure({ wrap: withoutContextHashes });

const DOCUMENTS = [
  '# Title\n\nA paragraph with `code` and *emphasis*.\n',
  '- one\n- two\n  - nested\n    > quoted\n    > text\n\n  more\n\n1. first\n2. second\n',
  '> a quote\n> - with a list\n>\n> ```sh\n> popiart run x --wait\n> ```\n\n---\n\n    indented code\n',
  // More than eight blocks in one container: Lezer balances the children with inner nodes.
  Array.from({ length: 40 }, (_, i) => `Paragraph ${i}.\n\n- item ${i}`).join('\n\n'),
];

/** Every node as `name from-to`, in document order. */
function shape(tree: Tree): string[] {
  const nodes: string[] = [];
  tree.iterate({ enter: (node) => void nodes.push(`${node.name} ${node.from}-${node.to}`) });
  return nodes;
}

/** The contextHash of each top-level block's own Tree. */
function blockHashes(tree: Tree): unknown[] {
  const hashes: unknown[] = [];
  for (let child = tree.topNode.firstChild; child; child = child.nextSibling) hashes.push(child.tree?.prop(NodeProp.contextHash));
  return hashes;
}

describe('withoutContextHashes (the parse wrapper that keeps Lezer from wrapping each block for its hash)', () => {
  it('gives the tree Lezer gives, node for node', () => {
    for (const text of DOCUMENTS) expect(shape(unhashed.parse(text))).toEqual(shape(parser.parse(text)));
  });

  it('leaves no block wrapped with a contextHash, where Lezer alone wraps every one', () => {
    const text = DOCUMENTS[1] as string;
    expect(blockHashes(parser.parse(text)).every((hash) => typeof hash === 'number')).toBe(true);
    expect(blockHashes(unhashed.parse(text))).toEqual([undefined, undefined]);
  });

  it('leaves an incremental parse (one given fragments) as Lezer makes it', () => {
    const text = DOCUMENTS[1] as string;
    const fragments = TreeFragment.addTree(parser.parse(text));
    const tree = unhashed.parse(text, fragments);
    expect(shape(tree)).toEqual(shape(parser.parse(text)));
    expect(blockHashes(tree).every((hash) => typeof hash === 'number')).toBe(true);
  });

  it('says so when Lezer no longer has the fields it sets', () => {
    const changed = { advance: () => null, parsedPos: 0, stopAt: () => undefined, stoppedAt: null } as PartialParse;
    expect(() => withoutContextHashes(changed, { length: 0 } as never, [])).toThrow('@lezer/markdown changed its block context (block.hash, startContext)');
  });
});
