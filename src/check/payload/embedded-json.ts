import { getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Range } from '../../core/diagnostic.js';
import type { SourceText } from '../../core/source-text.js';
import { embeddedRange, type EmbeddedText } from './embedded-text.js';
import { MAX_JSON_DEPTH, tooDeepAt } from '../../core/json-depth.js';
import { pointerSegment } from './json-pointer.js';

/** Where one value of a JSON document stands in the SKILL.md. */
export interface JsonNodeRanges {
  /** The property name, quotes included, when the value belongs to an object. */
  key?: Range;
  value: Range;
  /** The opening `{` or `[` of an object or array. */
  open?: Range;
}

/**
 * A JSON document written inside a SKILL.md (a payload template, an `--input` value), parsed with
 * positions. Plain data, so the catalog phase can use it.
 */
export interface EmbeddedJson {
  range: Range;
  /** Undefined when the text is not valid JSON. */
  value?: unknown;
  syntaxErrors: Array<{ range: Range; message: string }>;
  duplicateKeys: Array<{ range: Range; message: string }>;
  /** By JSON Pointer; `''` is the whole document. */
  nodes: Record<string, JsonNodeRanges>;
}

const PARSE_ERROR_WORDS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected `:`',
  CommaExpected: 'expected `,`',
  CloseBraceExpected: 'expected `}`',
  CloseBracketExpected: 'expected `]`',
  EndOfFileExpected: 'unexpected text after the end of the JSON value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unclosed comment',
  UnexpectedEndOfString: 'unclosed string',
  UnexpectedEndOfNumber: 'malformed number',
  InvalidUnicode: 'invalid `\\u` escape',
  InvalidEscapeCharacter: 'invalid escape sequence',
  InvalidCharacter: 'control character in a string (escape it)',
};

export function parseEmbeddedJson(source: SourceText, embedded: EmbeddedText): EmbeddedJson {
  const { text } = embedded;
  const deep = tooDeepAt(text);
  if (deep !== undefined) {
    const range = embeddedRange(source, embedded, deep, deep + 1);
    const message = `This JSON nests more than ${MAX_JSON_DEPTH} levels deep; it is not checked.`;
    return { range: embeddedRange(source, embedded, 0, text.length), syntaxErrors: [{ range, message }], duplicateKeys: [], nodes: {} };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const at = (start: number, end: number) => embeddedRange(source, embedded, start, end);
  const json: EmbeddedJson = {
    range: at(0, text.length),
    syntaxErrors: errors.slice(0, 1).map((error) => {
      const located = locateSyntaxError(error, text);
      return { range: at(located.start, located.end), message: `Invalid JSON: ${located.words}.` };
    }),
    duplicateKeys: [],
    nodes: {},
  };
  if (!root) return json;
  collectNodes(root, '', json, at);
  if (json.syntaxErrors.length === 0) json.value = getNodeValue(root) as unknown;
  return json;
}

function collectNodes(
  node: Node,
  pointer: string,
  json: EmbeddedJson,
  at: (start: number, end: number) => Range,
  key?: Node,
): void {
  const ranges: JsonNodeRanges = { value: at(node.offset, node.offset + node.length) };
  if (key) ranges.key = at(key.offset, key.offset + key.length);
  if (node.type === 'object' || node.type === 'array') ranges.open = at(node.offset, node.offset + 1);
  json.nodes[pointer] = ranges;
  if (node.type === 'object') {
    const seen = new Set<string>();
    for (const property of node.children ?? []) {
      const [name, value] = property.children ?? [];
      if (!name || typeof name.value !== 'string') continue;
      if (seen.has(name.value)) {
        json.duplicateKeys.push({
          range: at(name.offset, name.offset + name.length),
          message: `\`${name.value}\` appears twice in this object; JSON readers keep only the last one.`,
        });
      }
      seen.add(name.value);
      if (value) collectNodes(value, pointer + pointerSegment(name.value), json, at, name);
    }
  } else if (node.type === 'array') {
    (node.children ?? []).forEach((child, index) => collectNodes(child, `${pointer}/${index}`, json, at));
  }
}

/** A jsonc-parser error code in words: `expected \`,\``. */
export function jsonSyntaxWords(error: ParseError): string {
  const name = printParseErrorCode(error.error);
  return PARSE_ERROR_WORDS[name] ?? name;
}

/**
 * Where a syntax error really is, as editors show it: the parser notices a trailing comma at the
 * closing bracket and a missing comma at the next value, but the mistake is the comma itself, and
 * the gap after the previous value.
 */
export function locateSyntaxError(error: ParseError, text: string): { start: number; end: number; words: string } {
  const name = printParseErrorCode(error.error);
  const found = { start: error.offset, end: error.offset + Math.max(1, error.length), words: jsonSyntaxWords(error) };
  const placeholder = /^<[^<>\s"]+>/.exec(text.slice(error.offset))?.[0];
  if (placeholder && (name === 'InvalidSymbol' || name === 'ValueExpected')) {
    return { ...found, words: `the placeholder ${placeholder} must be a JSON string, "${placeholder}"` };
  }
  const closing = text[error.offset];
  const before = previousSignificant(text, error.offset);
  if ((name === 'PropertyNameExpected' || name === 'ValueExpected') && (closing === '}' || closing === ']') && text[before] === ',') {
    return { start: before, end: before + 1, words: `trailing comma before \`${closing}\`: remove it` };
  }
  if (name === 'CommaExpected' && before >= 0) {
    return { start: before + 1, end: error.offset, words: 'a `,` is missing between two values' };
  }
  if (name === 'UnexpectedEndOfString') return { start: error.offset, end: error.offset + 1, words: 'unclosed string: it opens here and has no closing `"`' };
  return found;
}

/** The offset of the last character before `offset` that is not white space, or -1. */
function previousSignificant(text: string, offset: number): number {
  let index = offset - 1;
  while (index >= 0 && /\s/.test(text[index] as string)) index--;
  return index;
}
