import type { Node } from 'mdast';
import type { Fix, Range } from '../core/diagnostic.js';
import { offsetAt } from '../core/source-text.js';
import type { SkillDocument } from '../parse/skill-document.js';

/** A fix that replaces the text of a range of the document. */
export function replaceRange(doc: SkillDocument, range: Range, text: string): Fix {
  return { range: [offsetAt(doc.source, range.start), offsetAt(doc.source, range.end)], text };
}

/** A fix that replaces a whole Markdown node (a heading line, a block). */
export function replaceNode(node: Node, text: string): Fix | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? undefined : { range: [start, end], text };
}

/**
 * Adds items to a front-matter list, in its own style: a new `- item` line under a block list,
 * `, item` before the `]` of a flow list. Undefined when the value is neither.
 */
export function appendToYamlList(doc: SkillDocument, valueRange: Range, items: readonly string[]): Fix | undefined {
  const text = doc.source.text;
  const start = offsetAt(doc.source, valueRange.start);
  const end = start + text.slice(start, offsetAt(doc.source, valueRange.end)).trimEnd().length;
  const value = text.slice(start, end);
  if (value.startsWith('[') && value.endsWith(']')) {
    const inner = value.slice(1, -1).trim();
    const added = items.join(', ');
    return { range: [end - 1, end - 1], text: inner === '' ? added : `, ${added}` };
  }
  if (!value.startsWith('-')) return undefined;
  const indent = ' '.repeat(valueRange.start.column - 1);
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  return { range: [end, end], text: items.map((item) => `${newline}${indent}- ${item}`).join('') };
}
