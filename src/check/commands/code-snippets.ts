import type { Code, InlineCode, Nodes } from 'mdast';
import { bodyNodes } from '../../parse/body-nodes.js';
import type { SkillDocument } from '../../parse/skill-document.js';
import { codeBlockText, inlineCodeText, type EmbeddedText } from '../payload/embedded-text.js';

export const SHELL_LANGUAGES = new Set(['sh', 'bash', 'shell', 'zsh']);

/** A piece of shell in the document: a fenced shell block, or an inline code span in prose that runs `popiart`. */
export interface ShellSnippet {
  kind: 'block' | 'inline';
  /** Key of the `##` section it stands in (lower-cased title), '' before the first. */
  sectionKey: string;
  text: EmbeddedText;
}

export function shellSnippets(doc: SkillDocument): ShellSnippet[] {
  const snippets: ShellSnippet[] = [];
  for (const node of bodyNodes(doc)) {
    if (node.type === 'code' && SHELL_LANGUAGES.has((node.lang ?? '').toLowerCase())) {
      snippets.push({ kind: 'block', sectionKey: sectionAt(doc, node), text: codeBlockText(doc.source, node) });
    } else if (node.type === 'inlineCode' && /^\s*popiart\s+\S/.test(node.value)) {
      snippets.push({ kind: 'inline', sectionKey: sectionAt(doc, node), text: inlineCodeText(doc.source, node) });
    }
  }
  return snippets;
}

/** Fenced blocks with the given info-string language inside one section. */
export function codeBlocksInSection(doc: SkillDocument, sectionKey: string, language: string): Code[] {
  const blocks: Code[] = [];
  for (const section of doc.sections) {
    if (section.key !== sectionKey) continue;
    for (const child of section.children) {
      walk(child, (node) => {
        if (node.type === 'code' && (node.lang ?? '').toLowerCase() === language) blocks.push(node);
      });
    }
  }
  return blocks;
}

function walk(node: Nodes, visit: (node: Nodes) => void): void {
  visit(node);
  if ('children' in node) for (const child of node.children) walk(child, visit);
}

function sectionAt(doc: SkillDocument, node: Code | InlineCode): string {
  const offset = node.position?.start.offset ?? 0;
  const section = doc.sections.find((candidate) => {
    const first = candidate.children[0]?.position?.start.offset;
    const last = candidate.children[candidate.children.length - 1]?.position?.end.offset;
    return first !== undefined && last !== undefined && first <= offset && offset < last;
  });
  return section?.key ?? '';
}
