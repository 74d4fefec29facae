import { isMap, isNode, isScalar, isSeq, parseDocument, type Document, type Node, type Pair } from 'yaml';

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

export function parseYaml(text: string): ParsedYaml {
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: true });
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
