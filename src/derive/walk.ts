import type { Nodes } from 'mdast';

/**
 * Visits the nodes and all their descendants in document order. A loop over a stack rather than
 * recursion: nesting comes from the document (block quotes, lists), and depth must not cost stack.
 */
export function forEachNode(nodes: readonly Nodes[], visit: (node: Nodes) => void): void {
  const stack: Nodes[] = [...nodes].reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    visit(node);
    if ('children' in node) {
      const children = node.children as Nodes[];
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Nodes);
    }
  }
}

/** Whether any of the nodes or their descendants satisfies `test`; stops at the first that does. */
export function someNode(nodes: readonly Nodes[], test: (node: Nodes) => boolean): boolean {
  const stack: Nodes[] = [...nodes].reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (test(node)) return true;
    if ('children' in node) {
      const children = node.children as Nodes[];
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Nodes);
    }
  }
  return false;
}
