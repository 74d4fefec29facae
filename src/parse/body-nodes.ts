import type { Nodes, Root } from 'mdast';

/**
 * Every node of a body below its root, in document order (a node before its children). Several
 * readers scan the whole tree for a few node types (alias sentences, bundled paths, shell
 * snippets); they share this one walk. Built on first use per tree and kept with it; a tree is
 * never changed after parsing, and readers must not change the list.
 */
export function bodyNodes(root: Root): readonly Nodes[] {
  let nodes = listed.get(root);
  if (!nodes) {
    nodes = preorder(root.children);
    listed.set(root, nodes);
  }
  return nodes;
}

const listed = new WeakMap<Root, Nodes[]>();

/** A loop over a stack rather than recursion: nesting comes from the document. */
function preorder(top: readonly Nodes[]): Nodes[] {
  const nodes: Nodes[] = [];
  const stack: Nodes[] = [];
  for (let i = top.length - 1; i >= 0; i--) stack.push(top[i] as Nodes);
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    nodes.push(node);
    if ('children' in node) {
      const children = node.children as Nodes[];
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Nodes);
    }
  }
  return nodes;
}
