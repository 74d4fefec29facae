import type { ValidateFunction } from 'ajv';
import { isMap, isSeq, type Document, type Pair } from 'yaml';
import type { Range } from '../core/diagnostic.js';
import { createSourceText, rangeAt, type SourceText } from '../core/source-text.js';
import type { CompanionName, LoadedFile } from '../load/read.js';
import { readPlainYaml } from '../parse/plain-yaml.js';
import { firstTooDeepLine, MAX_ALIAS_COUNT, MAX_YAML_DEPTH, parseYamlDocument, tooDeepMessage, yamlSpanAtPath } from '../parse/yaml.js';
import type { FileAnalysis } from './analysis.js';

/** Where a skill's OpenAI agent metadata sits, relative to its folder. */
export const AGENTS_FILE = 'agents/openai.yaml' satisfies CompanionName;

export interface AgentsContract {
  schema: AgentsSchema;
  validate: ValidateFunction;
}

/** The parts of schemas/agents-openai.schema.json the checks walk. */
export interface AgentsSchema {
  properties?: Record<string, AgentsSchema>;
  items?: AgentsSchema;
  [keyword: string]: unknown;
}

export interface ParsedAgentsFile {
  filePath: string;
  source: SourceText;
  /** The document with positions; when `plain`, parsed at first use (only a diagnostic's position needs it). */
  readonly document: Document.Parsed;
  /** True when the quick reader (parse/plain-yaml.ts) read the file: no problems, every key a scalar. */
  plain: boolean;
  /** Plain data, or undefined when the YAML has problems or is not a mapping. */
  data: Record<string, unknown> | undefined;
  /** Syntax problems, each with a message and a range. */
  problems: Array<{ message: string; range: Range }>;
}

/** The agents/openai.yaml read beside a SKILL.md, when there is one. */
export function agentsCompanion(analysis: FileAnalysis): LoadedFile | undefined {
  return analysis.companions?.[AGENTS_FILE];
}

/** The skill's agents/openai.yaml, parsed at most once per run however many readers ask. */
export function parsedAgentsFile(analysis: FileAnalysis): ParsedAgentsFile | undefined {
  const companion = agentsCompanion(analysis);
  if (!companion?.decoded.ok) return undefined;
  analysis.agentsFile ??= parseAgentsFile(companion.filePath, companion.decoded.text);
  return analysis.agentsFile;
}

/** Parses the file with positions; nothing in it is evaluated and aliases are bounded. */
export function parseAgentsFile(filePath: string, text: string): ParsedAgentsFile {
  const source = createSourceText(text);
  const quick = firstTooDeepLine(text, MAX_YAML_DEPTH) === undefined ? readPlainYaml(text) : undefined;
  if (quick && typeof quick.value === 'object' && quick.value !== null && !Array.isArray(quick.value)) {
    let document: Document.Parsed | undefined;
    return {
      filePath,
      source,
      get document() {
        document ??= parseYamlDocument(text).document;
        return document;
      },
      plain: true,
      data: quick.value as Record<string, unknown>,
      problems: [],
    };
  }
  const { document, tooDeep } = parseYamlDocument(text);
  if (tooDeep !== undefined) {
    const lineEnd = text.indexOf('\n', tooDeep);
    const range = rangeAt(source, tooDeep, lineEnd === -1 ? text.length : lineEnd);
    return { filePath, source, document, plain: false, data: undefined, problems: [{ message: tooDeepMessage(), range }] };
  }
  const problems = document.errors.map((error) => ({
    message: error.code === 'DUPLICATE_KEY' ? 'Duplicate key: each key may appear only once.' : `Invalid YAML: ${firstLine(error.message)}`,
    range: rangeAt(source, error.pos[0], error.pos[1]),
  }));
  const parsed: ParsedAgentsFile = { filePath, source, document, plain: false, data: undefined, problems };
  if (problems.length > 0) return parsed;
  if (!isMap(document.contents)) {
    problems.push({ message: `${AGENTS_FILE} must be a mapping with an \`interface\` key.`, range: rangeAt(source, 0, 0) });
    return parsed;
  }
  try {
    parsed.data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as Record<string, unknown>;
  } catch (error) {
    problems.push({ message: `${AGENTS_FILE} cannot be expanded: ${(error as Error).message}.`, range: rangeAt(source, 0, 0) });
  }
  return parsed;
}

/** The range of the key (or value) at a data path, or of the file's start. */
export function agentsRange(file: ParsedAgentsFile, path: ReadonlyArray<string | number>, part: 'key' | 'value'): Range {
  const span = yamlSpanAtPath({ plain: file.plain, text: file.source.text, get document() { return file.document; } }, path) ?? {};
  const chosen = part === 'key' ? (span.key ?? span.value) : (span.value ?? span.key);
  return chosen ? rangeAt(file.source, chosen[0], chosen[1]) : rangeAt(file.source, 0, 0);
}

/** Every mapping key the schema does not list, with its dotted path and the keys that were expected there. */
export function unknownAgentsKeys(file: ParsedAgentsFile, schema: AgentsSchema): Array<{ path: string; key: string; known: string[]; range: Range }> {
  // A plain file's keys are its data's keys: when the schema knows all of them, no position is needed.
  if (file.plain && !hasUnknownKey(file.data, schema)) return [];
  const found: Array<{ path: string; key: string; known: string[]; range: Range }> = [];
  const walk = (node: unknown, at: AgentsSchema | undefined, prefix: string): void => {
    if (!at) return;
    if (isSeq(node)) {
      node.items.forEach((item, index) => walk(item, at.items, `${prefix}[${index}]`));
      return;
    }
    if (!isMap(node) || !at.properties) return;
    const known = Object.keys(at.properties);
    for (const pair of node.items as Pair[]) {
      const key = String((pair.key as { value?: unknown } | null)?.value ?? pair.key);
      const path = prefix === '' ? key : `${prefix}.${key}`;
      if (known.includes(key)) {
        walk(pair.value, at.properties[key], path);
        continue;
      }
      const range = (pair.key as { range?: [number, number] } | null)?.range;
      found.push({ path, key, known, range: range ? rangeAt(file.source, range[0], range[1]) : rangeAt(file.source, 0, 0) });
    }
  };
  walk(file.document.contents, schema, '');
  return found;
}

/** Whether the data holds a key the schema does not list, walked as unknownAgentsKeys walks the document. */
function hasUnknownKey(value: unknown, at: AgentsSchema | undefined): boolean {
  if (!at) return false;
  if (Array.isArray(value)) return value.some((item) => hasUnknownKey(item, at.items));
  if (typeof value !== 'object' || value === null || !at.properties) return false;
  const properties = at.properties;
  const known = Object.keys(properties);
  return Object.keys(value).some((key) => !known.includes(key) || hasUnknownKey((value as Record<string, unknown>)[key], properties[key]));
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+.*$/, '');
}
