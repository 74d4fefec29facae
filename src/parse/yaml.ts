import { isMap, isNode, isPair, isScalar, isSeq, parseDocument, YAMLParseError, type Document, type Node, type Pair } from 'yaml';
import { readPlainYaml } from './plain-yaml.js';

/** Aliases a front matter may expand; a billion-laughs document stops here, not in the allocator. */
export const MAX_ALIAS_COUNT = 50;

export interface YamlProblem {
  message: string;
  /** Offsets within the YAML text. */
  start: number;
  end: number;
}

export interface ParsedYaml {
  /** The document with positions; when `plain`, it is parsed at first use (only a diagnostic's position needs it). */
  readonly document: Document.Parsed;
  /** The mapping as plain data, with null-prototype objects; undefined when it cannot be trusted. */
  data: Record<string, unknown> | undefined;
  problems: YamlProblem[];
  /**
   * True when the quick reader (plain-yaml.ts) read the text: it has no problems, every key is a
   * plain or quoted scalar, and there are no anchors, tags, flow collections or block scalars.
   */
  plain: boolean;
}

/**
 * Block nesting a YAML text may have. `yaml` parses and converts block collections recursively,
 * so a few thousand levels (`- - - - ...`, 6 KB) overflow the stack; real front matter nests 3 or 4.
 */
export const MAX_YAML_DEPTH = 64;

/**
 * Parses with positions, strict, duplicate keys refused. A text that nests deeper than
 * MAX_YAML_DEPTH is not given to the parser at all: its document is empty and `tooDeep` is the
 * offset of the first line that went too deep.
 */
export function parseYamlDocument(text: string): { document: Document.Parsed; tooDeep?: number } {
  const tooDeep = firstTooDeepLine(text, MAX_YAML_DEPTH);
  if (tooDeep !== undefined) return { document: parseDocument(''), tooDeep };
  try {
    // yaml's own duplicate-key check compares each key with every earlier one (20,000 keys took
    // 3.5 s, 100,000 took 342 s); the same check with a set per mapping is linear.
    const document = parseDocument(text, { uniqueKeys: false, prettyErrors: false, strict: true });
    addDuplicateKeyErrors(document);
    return { document };
  } catch (error) {
    // A last line of defence: the depth bound is an estimate, the stack is what it is.
    if (error instanceof RangeError) return { document: parseDocument(''), tooDeep: 0 };
    throw error;
  }
}

/** The errors yaml's `uniqueKeys: true` reports (same code, message and offset), found in linear time. */
function addDuplicateKeyErrors(document: Document.Parsed): void {
  const found: YAMLParseError[] = [];
  const visit = (node: unknown): void => {
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key;
        if (isScalar(key)) {
          if (seen.has(key.value) && key.range) found.push(new YAMLParseError([key.range[0], key.range[0] + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
          seen.add(key.value);
        } else {
          visit(key);
        }
        visit(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) visit(item);
    }
  };
  visit(document.contents);
  if (found.length === 0) return;
  document.errors.push(...found);
  document.errors.sort((a, b) => a.pos[0] - b.pos[0]);
}

export function tooDeepMessage(): string {
  return `Invalid YAML: nested more than ${MAX_YAML_DEPTH} levels deep; it was not parsed.`;
}

/**
 * The offset of the first line whose block nesting may exceed `max`: the indentation levels still
 * open (a stack of indents) plus the compact indicators that open the line (`- - -`, `? `).
 * An upper bound of the depth the parser reaches, computed in one pass.
 */
export function firstTooDeepLine(text: string, max: number): number | undefined {
  const indents: number[] = [];
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    let at = start;
    while (at < end && text.charCodeAt(at) === 32) at++;
    const first = text.charAt(at);
    if (at < end && first !== '#' && first !== '\r') {
      const indent = at - start;
      while (indents.length > 0 && (indents[indents.length - 1] as number) >= indent) indents.pop();
      indents.push(indent);
      let indicators = 0;
      while (at < end && (text.charAt(at) === '-' || text.charAt(at) === '?') && /[ \t\r]/.test(text.charAt(at + 1) || ' ')) {
        indicators++;
        at += 2;
        while (at < end && (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9)) at++;
      }
      if (indents.length + indicators > max) return start;
    }
    start = end + 1;
  }
  return undefined;
}

export function parseYaml(text: string): ParsedYaml {
  const plain = firstTooDeepLine(text, MAX_YAML_DEPTH) === undefined ? readPlainYaml(text) : undefined;
  const value = plain?.value;
  if (value === null) return lazilyPositioned(text, Object.create(null) as Record<string, unknown>);
  if (typeof value === 'object' && !Array.isArray(value)) return lazilyPositioned(text, plainToNullPrototype(value) as Record<string, unknown>);
  return parseYamlWithPositions(text);
}

/** A text the quick reader read: its data now, its positions at first use. */
function lazilyPositioned(text: string, data: Record<string, unknown>): ParsedYaml {
  let document: Document.Parsed | undefined;
  return {
    get document() {
      document ??= parseYamlDocument(text).document;
      return document;
    },
    data,
    problems: [],
    plain: true,
  };
}

function parseYamlWithPositions(text: string): ParsedYaml {
  const { document, tooDeep } = parseYamlDocument(text);
  if (tooDeep !== undefined) {
    const lineEnd = text.indexOf('\n', tooDeep);
    return { document, data: undefined, problems: [{ message: tooDeepMessage(), start: tooDeep, end: lineEnd === -1 ? text.length : lineEnd }], plain: false };
  }
  const problems: YamlProblem[] = document.errors.map((error) => ({
    message: describeYamlError(error.code, error.message),
    start: error.pos[0],
    end: error.pos[1],
  }));
  if (problems.length > 0) return { document, data: undefined, problems, plain: false };
  const contents = document.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    return { document, data: Object.create(null) as Record<string, unknown>, problems, plain: false };
  }
  if (!isMap(contents)) {
    const [start, end] = contents.range;
    problems.push({ message: 'Front matter must be a mapping of keys to values.', start, end });
    return { document, data: undefined, problems, plain: false };
  }
  try {
    return { document, data: toPlainData(document), problems, plain: false };
  } catch (error) {
    const [start, end] = contents.range;
    problems.push({ message: `Front matter cannot be expanded: ${(error as Error).message}.`, start, end });
    return { document, data: undefined, problems, plain: false };
  }
}

/**
 * Plain data for schema validation. Mappings become null-prototype objects, so keys such as
 * `__proto__` or `constructor` are ordinary keys and never reach Object.prototype.
 */
function toPlainData(document: Document.Parsed): Record<string, unknown> {
  const data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT, mapAsMap: true }) as unknown;
  return toNullPrototype(data) as Record<string, unknown>;
}

function toNullPrototype(value: unknown): unknown {
  if (value instanceof Map) {
    const object = Object.create(null) as Record<string, unknown>;
    for (const [key, entry] of value) object[String(key)] = toNullPrototype(entry);
    return object;
  }
  if (Array.isArray(value)) return value.map(toNullPrototype);
  if (value instanceof Date) return value.toISOString();
  return value;
}

/** The quick reader's value with its mappings (ordinary objects, `__proto__` an own key) made null-prototype objects. */
function plainToNullPrototype(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plainToNullPrototype);
  if (typeof value !== 'object' || value === null) return value;
  const object = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value)) object[key] = plainToNullPrototype((value as Record<string, unknown>)[key]);
  return object;
}

function describeYamlError(code: string, message: string): string {
  if (code === 'DUPLICATE_KEY') return 'Duplicate key: each front matter key may appear only once.';
  const firstLine = message.split('\n')[0] ?? message;
  return `Invalid YAML: ${firstLine.replace(/ at line \d+, column \d+.*$/, '')}`;
}

export interface NodeSpan {
  key?: [number, number];
  value?: [number, number];
}

/** Where the key and the value at a data path stand in the YAML text (offsets within it). */
export function spanAtPath(document: Document.Parsed, path: ReadonlyArray<string | number>): NodeSpan {
  let node: unknown = document.contents;
  let span: NodeSpan = {};
  for (const segment of path) {
    if (isMap(node)) {
      const pair = (node.items as Pair[]).find((item) => scalarValue(item.key) === segment);
      if (!pair) return span;
      span = { key: nodeRange(pair.key), value: nodeRange(pair.value) ?? nodeRange(pair.key) };
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      span = { value: nodeRange(item) };
      node = item;
    } else {
      return span;
    }
  }
  return span;
}

/** What a span is looked up in: a parsed YAML text, read by the quick reader (`plain`) or not. */
export interface SpannedYaml {
  plain: boolean;
  /** The YAML text the offsets refer to. */
  text: string;
  readonly document: Document.Parsed | undefined;
}

/**
 * spanAtPath without the positioned document where that is certain: a top-level key of a plain
 * text whose scalar value stands on the key's line. Undefined when there is no document.
 */
export function yamlSpanAtPath(yaml: SpannedYaml, path: ReadonlyArray<string | number>): NodeSpan | undefined {
  if (yaml.plain && path.length === 1 && typeof path[0] === 'string') {
    const span = plainTopLevelSpan(yaml.text, path[0]);
    if (span) return span;
  }
  const document = yaml.document;
  return document ? spanAtPath(document, path) : undefined;
}

/**
 * In a text the quick reader read (plain-yaml.ts), every non-blank line at column 0 that is not a
 * comment starts a top-level key, no key is given twice, and a quoted scalar closes on its line.
 * So a line `key: value` at column 0, followed by a line at column 0 (or blank lines and the end),
 * holds the whole pair. Undefined for any other shape (the document answers then).
 */
function plainTopLevelSpan(text: string, key: string): NodeSpan | undefined {
  let keyStart = 0;
  if (!text.startsWith(`${key}:`)) {
    const newlineBefore = text.indexOf(`\n${key}:`);
    if (newlineBefore === -1) return undefined;
    keyStart = newlineBefore + 1;
  }
  const keyEnd = keyStart + key.length;
  const newline = text.indexOf('\n', keyEnd);
  const lineEnd = newline === -1 ? text.length : newline;
  let start = keyEnd + 1;
  if (start < lineEnd && text.charCodeAt(start) !== 32) return undefined;
  while (start < lineEnd && text.charCodeAt(start) === 32) start++;
  if (start === lineEnd || text.charCodeAt(start) === 35) return undefined;
  // A plain value goes on while the lines after it are indented.
  for (let next = lineEnd + 1; next < text.length; ) {
    const code = text.charCodeAt(next);
    if (code === 32) return undefined;
    if (code !== 10) break;
    next++;
  }
  let end: number;
  const first = text.charCodeAt(start);
  if (first === 34 || first === 39) {
    end = start + 1;
    for (;;) {
      if (end >= lineEnd) return undefined;
      if (text.charCodeAt(end) !== first) end++;
      else if (first === 39 && text.charCodeAt(end + 1) === 39) end += 2;
      else break;
    }
    end++;
  } else {
    const comment = text.indexOf(' #', start);
    end = comment === -1 || comment > lineEnd ? lineEnd : comment;
    while (end > start && text.charCodeAt(end - 1) === 32) end--;
  }
  return { key: [keyStart, keyEnd], value: [start, end] };
}

function scalarValue(node: unknown): unknown {
  return isScalar(node) ? String(node.value) : node;
}

function nodeRange(node: unknown): [number, number] | undefined {
  if (!isNode(node)) return undefined;
  const range = (node as Node).range;
  return range ? [range[0], range[1]] : undefined;
}

/** The top-level keys in document order, with their offsets. */
export function topLevelKeys(document: Document.Parsed): Array<{ key: string; start: number; end: number }> {
  const contents = document.contents;
  if (!isMap(contents)) return [];
  const keys: Array<{ key: string; start: number; end: number }> = [];
  for (const pair of contents.items as Pair[]) {
    const range = nodeRange(pair.key);
    if (range) keys.push({ key: String(scalarValue(pair.key)), start: range[0], end: range[1] });
  }
  return keys;
}
