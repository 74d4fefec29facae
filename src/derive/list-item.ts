import type { InlineCode, List, ListItem, Paragraph } from 'mdast';
import type { Range } from '../core/diagnostic.js';
import { rangeAt, type SourceText } from '../core/source-text.js';
import { phrasingText } from '../parse/sections.js';
import { FIELD_NAME } from './rule-ids.js';

/** A field as one list item names it. */
export interface FieldMention {
  name: string;
  /** The code span. */
  range: Range;
  annotation?: { inner: string; text: string; range: Range };
  description?: string;
}

export type ParsedItem =
  /** `` `a` ``, `` `a` (integer): text ``, `` `a` or `b`: text ``; `joiner` is a trailing `, or`. */
  | { kind: 'fields'; fields: FieldMention[]; joiner?: Range }
  /** `one image source:` with its nested lists. */
  | { kind: 'group'; label: string; range: Range; lists: List[] }
  | { kind: 'invalid'; message: string; range: Range };

const HOW_TO_WRITE = 'Write a field as `` - `name`: description `` or a group as `- one of:` with its fields nested below it';

/** Reads one input list item by the grammar of issue 3. Pure. */
export function parseListItem(item: ListItem, source: SourceText, where: string): ParsedItem {
  const first = item.children[0];
  if (first?.type !== 'paragraph') {
    return { kind: 'invalid', message: `This item ${where} is neither a field nor a group. ${HOW_TO_WRITE}.`, range: firstLineRange(item, source) };
  }
  if (first.children[0]?.type === 'inlineCode') return parseFieldParagraph(first, source, where);
  const text = phrasingText(first.children).replace(/\s+/g, ' ').trim();
  const hasCode = first.children.some((child) => child.type === 'inlineCode');
  if (!hasCode && /^one\b/i.test(text) && text.endsWith(':')) {
    return {
      kind: 'group',
      label: text.slice(0, -1).trim(),
      range: nodeRange(first, source),
      lists: item.children.filter((child): child is List => child.type === 'list'),
    };
  }
  return { kind: 'invalid', message: `This item ${where} is neither a field nor a group. ${HOW_TO_WRITE}.`, range: nodeRange(first, source) };
}

/** `` `a` (annotation): description ``, `` `a` or `b`: description ``, `` `a`, or ``. */
function parseFieldParagraph(paragraph: Paragraph, source: SourceText, where: string): ParsedItem {
  const text = source.text;
  const end = endOffset(paragraph);
  const fields: FieldMention[] = [];
  let code = paragraph.children[0] as InlineCode;
  let codeIndex = 0;
  for (;;) {
    const range = nodeRange(code, source);
    if (code.value === '__proto__') {
      return { kind: 'invalid', message: '`__proto__` cannot be a field name: JSON tools read it as the prototype of the payload object.', range };
    }
    if (!FIELD_NAME.test(code.value)) {
      return {
        kind: 'invalid',
        message: `\`${code.value}\` is not a field name: a field name is a letter or \`_\` followed by letters, digits or \`_\`. Say more about a field in its description (\`\` - \`name\`: description \`\`), or move this remark out of the list.`,
        range,
      };
    }
    const field: FieldMention = { name: code.value, range };
    let position = endOffset(code);
    const open = /^[ \t]*\(/.exec(text.slice(position, end));
    if (open) {
      const start = position + open[0].length - 1;
      const close = closingParenthesis(text, start + 1, end);
      if (close === undefined) {
        return { kind: 'invalid', message: `The annotation after \`${code.value}\` is not closed: add \`)\`.`, range: rangeAt(source, start, end) };
      }
      field.annotation = { inner: text.slice(start + 1, close), text: text.slice(start, close + 1), range: rangeAt(source, start, close + 1) };
      position = close + 1;
    }
    const rest = text.slice(position, end);
    if (/^\s*$/.test(rest)) {
      fields.push(field);
      return { kind: 'fields', fields };
    }
    const colon = /^\s*:/.exec(rest);
    if (colon) {
      const description = rest.slice(colon[0].length).replace(/\s+/g, ' ').trim();
      if (description !== '') field.description = description;
      fields.push(field);
      return { kind: 'fields', fields };
    }
    const joiner = /^\s*(?:,\s*or|,|or)(?=\s|$)\s*/.exec(rest);
    if (joiner) {
      fields.push(field);
      const after = position + joiner[0].length;
      if (after >= end) {
        const joinerStart = position + (/^\s*/.exec(rest)?.[0].length ?? 0);
        return { kind: 'fields', fields, joiner: rangeAt(source, joinerStart, end) };
      }
      // Only the next code span can start right after the joiner; searching from the start each time was quadratic.
      let nextIndex = codeIndex + 1;
      while (nextIndex < paragraph.children.length && paragraph.children[nextIndex]?.type !== 'inlineCode') nextIndex++;
      const next = paragraph.children[nextIndex];
      if (next?.type === 'inlineCode' && next.position?.start.offset === after) {
        code = next;
        codeIndex = nextIndex;
        continue;
      }
    }
    const start = position + (/^\s*/.exec(rest)?.[0].length ?? 0);
    const found = text.slice(start, end).split(/\r?\n|\r/)[0] ?? '';
    return {
      kind: 'invalid',
      message: `After \`${code.value}\` write \`: description\`, an annotation in parentheses such as \`(string)\`, or \`or\` and another field in a code span; found "${shorten(found)}" ${where}.`,
      range: rangeAt(source, start, end),
    };
  }
}

/** The offset of the `)` that closes an annotation, skipping `)` inside JSON strings. */
function closingParenthesis(text: string, from: number, end: number): number | undefined {
  let inString = false;
  for (let i = from; i < end; i++) {
    const char = text[i];
    if (char === '\n' || char === '\r') return undefined;
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === ')') return i;
  }
  return undefined;
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

export function nodeRange(node: { position?: { start: { offset?: number }; end: { offset?: number } } }, source: SourceText): Range {
  return rangeAt(source, node.position?.start.offset ?? 0, endOffset(node));
}

function endOffset(node: { position?: { end: { offset?: number } } }): number {
  return node.position?.end.offset ?? 0;
}

/** From the item's marker to the end of its first line. */
export function firstLineRange(item: ListItem, source: SourceText): Range {
  const start = item.position?.start.offset ?? 0;
  const lineEnd = /\r?\n|\r/.exec(source.text.slice(start, endOffset(item)));
  return rangeAt(source, start, lineEnd ? start + lineEnd.index : endOffset(item));
}
