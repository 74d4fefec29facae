import { isMap, isNode, isPair, isScalar, isSeq, parseDocument, YAMLParseError, type Document, type Node, type Pair } from 'yaml';

/** Aliases a front matter may expand; a billion-laughs document stops here, not in the allocator. */
export const MAX_ALIAS_COUNT = 50;

export interface YamlProblem {
  message: string;
  /** Offsets within the YAML text. */
  start: number;
  end: number;
}

export interface ParsedYaml {
  document: Document.Parsed;
  /** The mapping as plain data, with null-prototype objects; undefined when it cannot be trusted. */
  data: Record<string, unknown> | undefined;
  problems: YamlProblem[];
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
  const { document, tooDeep } = parseYamlDocument(text);
  if (tooDeep !== undefined) {
    const lineEnd = text.indexOf('\n', tooDeep);
    return { document, data: undefined, problems: [{ message: tooDeepMessage(), start: tooDeep, end: lineEnd === -1 ? text.length : lineEnd }] };
  }
  const problems: YamlProblem[] = document.errors.map((error) => ({
    message: describeYamlError(error.code, error.message),
    start: error.pos[0],
    end: error.pos[1],
  }));
  if (problems.length > 0) return { document, data: undefined, problems };
  const contents = document.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    return { document, data: Object.create(null) as Record<string, unknown>, problems };
  }
  if (!isMap(contents)) {
    const [start, end] = contents.range;
    problems.push({ message: 'Front matter must be a mapping of keys to values.', start, end });
    return { document, data: undefined, problems };
  }
  try {
    return { document, data: toPlainData(document), problems };
  } catch (error) {
    const [start, end] = contents.range;
    problems.push({ message: `Front matter cannot be expanded: ${(error as Error).message}.`, start, end });
    return { document, data: undefined, problems };
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
