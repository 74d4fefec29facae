import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { ErrorObject } from 'ajv';
import { createAjv } from '../check/environment.js';
import { ALL_RULES } from '../check/rules/index.js';
import { readProjectJson } from '../core/project-files.js';
import { createSourceText, positionAt, type SourceText } from '../core/source-text.js';
import { didYouMean } from '../core/suggest.js';
import { UsageError } from '../load/discover.js';
import { SAFETY_RULES } from './safety-rules.js';

export { CONFIG_FILE, defaultConfig, findConfigFile } from './config-locate.js';
export type { ConfigSeverity, RuleSeverities, SkillhubConfig } from './config-locate.js';
import type { SkillhubConfig } from './config-locate.js';
import { CONFIG_FILE } from './config-locate.js';

/** A configuration file that cannot be used: each problem at its line and column; exit 2. */
export class ConfigError extends UsageError {}

/** Reads and checks a configuration file; throws ConfigError listing every problem. */
export function readConfigFile(filePath: string, shownAs: string = filePath): SkillhubConfig {
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    throw new ConfigError(`${shownAs}: cannot read the configuration (${(error as NodeJS.ErrnoException).code ?? 'read failed'})`);
  }
  const problems = configProblems(text, path.dirname(filePath));
  if (problems.length > 0) {
    const lines = problems.map((problem) => `  ${shownAs}:${problem.line}:${problem.column}  ${problem.message}`);
    throw new ConfigError(`invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}`);
  }
  const data = JSON.parse(text.replace(/^\uFEFF/, '')) as Omit<SkillhubConfig, 'baseDir' | 'filePath'>;
  return {
    filePath,
    baseDir: path.dirname(filePath),
    rules: data.rules ?? {},
    ignores: data.ignores ?? [],
    overrides: data.overrides ?? [],
    ...(data.vocabulary === undefined ? {} : { vocabulary: data.vocabulary }),
    ...(data.cliSurface === undefined ? {} : { cliSurface: data.cliSurface }),
    ...(data.reportUnusedDisableDirectives === undefined ? {} : { reportUnusedDisableDirectives: data.reportUnusedDisableDirectives }),
  };
}

export interface ConfigProblem {
  line: number;
  column: number;
  message: string;
}

/** Every problem of a configuration text: JSON syntax, then shape, then rule ids and files. */
export function configProblems(rawText: string, baseDir: string): ConfigProblem[] {
  const text = rawText.replace(/^\uFEFF/, '');
  const source = createSourceText(text);
  const at = (offset: number, message: string): ConfigProblem => ({ ...positionAt(source, offset), message });
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0 || !tree) {
    return errors.map((error) => at(error.offset, `not valid JSON: ${syntaxWords(printParseErrorCode(error.error))}.`));
  }
  const validate = createAjv().compile(readProjectJson('skillhub-config.schema.json') as object);
  const shape = validate(JSON.parse(text)) ? [] : shapeProblems(validate.errors ?? [], tree, source);
  return [...shape, ...ruleProblems(tree, at), ...fileProblems(tree, baseDir, at)].sort((a, b) => a.line - b.line || a.column - b.column);
}

function syntaxWords(code: string): string {
  const words: Record<string, string> = {
    InvalidCommentToken: 'comments are not allowed in JSON',
    PropertyNameExpected: 'a property name in double quotes was expected',
    ValueExpected: 'a value was expected',
    ColonExpected: 'a colon was expected',
    CommaExpected: 'a comma was expected',
    CloseBraceExpected: 'a closing brace was expected',
    CloseBracketExpected: 'a closing bracket was expected',
    EndOfFileExpected: 'the end of the file was expected',
    InvalidSymbol: 'unexpected character',
  };
  return words[code] ?? code;
}

const TOP_KEYS = ['$schema', 'rules', 'ignores', 'vocabulary', 'cliSurface', 'reportUnusedDisableDirectives', 'overrides'];

function shapeProblems(errors: readonly ErrorObject[], tree: Node, source: SourceText): ConfigProblem[] {
  const seen = new Set<string>();
  const problems: ConfigProblem[] = [];
  for (const error of errors) {
    const segments = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const jsonPath = segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const node = findNodeAtLocation(tree, jsonPath) ?? tree;
    const where = segments.length === 0 ? 'the configuration' : `\`${segments.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join('')}\``;
    let offset = node.offset;
    let message: string;
    if (error.keyword === 'additionalProperties') {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      const keyNode = findNodeAtLocation(tree, [...jsonPath, key])?.parent?.children?.[0];
      if (keyNode) offset = keyNode.offset;
      const known = segments.length === 0 ? TOP_KEYS : segments[0] === 'overrides' ? ['files', 'rules'] : [];
      message = `unknown key \`${key}\` in ${where}.${didYouMean(key, known)}`;
    } else if (error.keyword === 'enum') {
      message = `${where} must be "off", "warn" or "error", got ${JSON.stringify(valueAt(node))}.`;
    } else if (error.keyword === 'type') {
      message = `${where} must be ${typeWord(String((error.params as { type: string }).type))}.`;
    } else if (error.keyword === 'required') {
      message = `${where} needs \`${(error.params as { missingProperty: string }).missingProperty}\`.`;
    } else if (error.keyword === 'minItems' || error.keyword === 'minLength') {
      message = `${where} must not be empty.`;
    } else if (error.keyword === 'oneOf') {
      message = `${where} must be true, false, "off", "warn" or "error".`;
    } else continue;
    const key = `${offset}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ ...positionAt(source, offset), message });
  }
  // oneOf also reports its branches' errors; keep only the summary for that place.
  const oneOfPlaces = new Set(problems.filter((p) => p.message.includes('true, false')).map((p) => `${p.line}:${p.column}`));
  return problems.filter((p) => p.message.includes('true, false') || !oneOfPlaces.has(`${p.line}:${p.column}`));
}

function typeWord(type: string): string {
  return { object: 'an object', array: 'a list', string: 'a string', boolean: 'true or false' }[type] ?? type;
}

function valueAt(node: Node): unknown {
  return node.value;
}

function ruleProblems(tree: Node, at: (offset: number, message: string) => ConfigProblem): ConfigProblem[] {
  const ids = ALL_RULES.map((rule) => rule.id);
  const problems: ConfigProblem[] = [];
  const rulesNodes = [findNodeAtLocation(tree, ['rules'])];
  const overrides = findNodeAtLocation(tree, ['overrides']);
  for (const override of overrides?.children ?? []) rulesNodes.push(findNodeAtLocation(override, ['rules']));
  for (const rules of rulesNodes) {
    for (const property of rules?.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      if (!keyNode) continue;
      const id = String(keyNode.value);
      if (!ids.includes(id)) {
        problems.push(at(keyNode.offset, `unknown rule \`${id}\`.${didYouMean(id, ids)} Run \`skillhub rules\` for the list.`));
      } else if (SAFETY_RULES.has(id) && typeof valueNode?.value === 'string' && valueNode.value !== 'error') {
        problems.push(at(valueNode?.offset ?? keyNode.offset, `\`${id}\` is a safety rule: it is always an error and cannot be set to "${String(valueNode?.value)}".`));
      }
    }
  }
  return problems;
}

function fileProblems(tree: Node, baseDir: string, at: (offset: number, message: string) => ConfigProblem): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const key of ['vocabulary', 'cliSurface']) {
    const node = findNodeAtLocation(tree, [key]);
    if (!node || typeof node.value !== 'string' || node.value === '') continue;
    const target = path.resolve(baseDir, node.value);
    if (!existsSync(target) || !statSync(target).isFile()) problems.push(at(node.offset, `\`${key}\`: no file ${JSON.stringify(node.value)} (paths are relative to the configuration's folder).`));
  }
  return problems;
}
