import type { InlineCode, Nodes } from 'mdast';
import type { Range } from '../core/diagnostic.js';
import type { SkillDocument } from '../parse/skill-document.js';
import { nodeRange } from './list-item.js';
import { bodyNodes } from '../parse/body-nodes.js';

/** `` `X` is a compatibility alias for `Y` `` (or `` `X` and `Z` are compatibility aliases for `Y` ``). */
export interface AliasDeclaration {
  alias: string;
  aliasRange: Range;
  target: string;
  targetRange: Range;
}

const JOIN = /^\s*(?:,\s*and|,|and)\s*$/i;
const PHRASE = /^\s+(is|are)\s+(?:a\s+)?compatibility\s+alias(?:es)?\s+for\s+$/i;

/** Every alias sentence in the body, wherever it stands (a paragraph or a list item). Pure. */
export function findAliasDeclarations(doc: SkillDocument): AliasDeclaration[] {
  const found: AliasDeclaration[] = [];
  for (const node of bodyNodes(doc)) {
    if (node.type !== 'paragraph') continue;
    const nodes = node.children;
    for (let i = 0; i < nodes.length; i++) {
      if (nodes[i]?.type !== 'inlineCode') continue;
      const aliases = [nodes[i] as InlineCode];
      let j = i + 1;
      while (isText(nodes[j], JOIN) && nodes[j + 1]?.type === 'inlineCode') {
        aliases.push(nodes[j + 1] as InlineCode);
        j += 2;
      }
      const target = nodes[j + 1];
      const glue = nodes[j];
      const phrase = glue?.type === 'text' ? PHRASE.exec(glue.value) : null;
      if (!phrase || target?.type !== 'inlineCode') continue;
      // "is" names one alias: the code span right before it, even after "`a`, and".
      const named = phrase[1]?.toLowerCase() === 'is' ? aliases.slice(-1) : aliases;
      for (const alias of named) {
        found.push({
          alias: alias.value,
          aliasRange: nodeRange(alias, doc.source),
          target: target.value,
          targetRange: nodeRange(target, doc.source),
        });
      }
      i = j + 1;
    }
  }
  return found;
}

function isText(node: Nodes | undefined, pattern: RegExp): boolean {
  return node?.type === 'text' && pattern.test(node.value);
}
