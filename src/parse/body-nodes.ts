import type { Nodes } from 'mdast';
import type { SkillDocument } from './skill-document.js';

/**
 * Every node of the document's body below its root, in document order (a node before its
 * children). Several readers scan the whole tree for a few node types (alias sentences, bundled
 * paths, shell snippets); they share this one walk. Built on first use and kept on the document
 * (not in a WeakMap: V8's scavenges keep a WeakMap's values alive, which promoted every tree to the
 * old generation). A tree is never changed after parsing, and readers must not change the list.
 */
export function bodyNodes(doc: SkillDocument): readonly Nodes[] {
  doc.nodeList ??= preorder(doc.body.children);
  return doc.nodeList;
}

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
