import { findNodeAtLocation, getNodeValue, parseTree, type Node, type ParseError } from 'jsonc-parser';
import type { Range } from '../../core/diagnostic.js';
import { createSourceText, rangeAt, type SourceText } from '../../core/source-text.js';
import type { JsonSchema } from '../../derive/index.js';
import { locateSyntaxError } from '../payload/embedded-json.js';
import { MAX_JSON_DEPTH, tooDeepAt } from '../../core/json-depth.js';
import { joinOr } from '../payload/schema-words.js';
import { certainlyNoDrift } from './quick-compare.js';
import { objectOr, stringArray, typeOf } from './schema-values.js';

export interface DriftFinding {
  range: Range;
  message: string;
}

/** What the comparison reads from the derived side. */
export interface DerivedSide {
  schema: JsonSchema;
  /** "At least one of" groups by member names; empty for an output schema. */
  groups: string[][];
  /**
   * For an output schema: the fields of the shared job result (schemas/job-result.schema.json) that
   * the SKILL.md does not name. They come from the shared schema, not from the document, so a file
   * that leaves them out has not drifted from the SKILL.md; `required` is not compared on that side.
   */
  sharedFields?: ReadonlySet<string>;
}

/**
 * Every difference between a committed schema file (its text) and the schema derived from the
 * SKILL.md that matters to a caller: properties missing or extra, a different type, a different
 * required set, a group missing or extra. Each finding is placed in the committed file, at the
 * property, `type`, `required` entry or group concerned. Pure.
 */
export function compareCommittedSchema(text: string, derived: DerivedSide, fileName: string): DriftFinding[] {
  return certainlyNoDrift(text, derived) ? [] : compareWithPositions(text, derived, fileName);
}

/** compareCommittedSchema without the quick answer (exported for the test that holds the two together). */
export function compareWithPositions(text: string, derived: DerivedSide, fileName: string): DriftFinding[] {
  const source = createSourceText(text);
  const deep = tooDeepAt(text);
  if (deep !== undefined) {
    return [{ range: rangeAt(source, deep, deep + 1), message: `${fileName} nests more than ${MAX_JSON_DEPTH} levels deep; it is not compared.` }];
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const at = (node: Node | undefined, fallback: Node | undefined = root): Range =>
    node ? rangeAt(source, node.offset, node.offset + node.length) : fallback ? openingOf(source, fallback) : rangeAt(source, 0, 0);
  const firstError = errors[0];
  if (firstError || !root) {
    const located = firstError ? locateSyntaxError(firstError, text) : { start: 0, end: 1, words: 'the file is empty' };
    const reason = located.words;
    return [
      {
        range: rangeAt(source, located.start, located.end),
        message: `${fileName} is not valid JSON (${reason}), so it cannot be compared with the SKILL.md.`,
      },
    ];
  }
  if (root.type !== 'object') return [{ range: at(root), message: `${fileName} must hold a JSON Schema object.` }];
  const findings: DriftFinding[] = [];
  const derivedProperties = objectOr(derived.schema['properties']);
  const propertiesNode = findNodeAtLocation(root, ['properties']);
  const committedProperties = propertiesNode?.type === 'object' ? objectOr(getNodeValue(propertiesNode)) : {};
  const propertiesKey = propertiesNode?.parent?.children?.[0];

  for (const name of Object.keys(derivedProperties)) {
    if (name in committedProperties || derived.sharedFields?.has(name)) continue;
    findings.push({
      range: propertiesKey ? at(propertiesKey) : openingOf(source, root),
      message: `\`${name}\` is missing here: the SKILL.md ${derived.sharedFields ? 'names' : 'lists'} it (${typeWords(derivedProperties[name])}).`,
    });
  }
  for (const name of Object.keys(committedProperties)) {
    const keyNode = findNodeAtLocation(root, ['properties', name])?.parent?.children?.[0];
    if (!(name in derivedProperties)) {
      const where = derived.sharedFields ? 'name it in a code span under `## Output handling`' : 'list it there';
      findings.push({ range: at(keyNode), message: `\`${name}\` is not in the SKILL.md: ${where} or remove it here.` });
      continue;
    }
    const committedType = typeOf(committedProperties[name]);
    const derivedType = typeOf(derivedProperties[name]);
    if (committedType !== derivedType) {
      const typeNode = findNodeAtLocation(root, ['properties', name, 'type']);
      findings.push({
        range: at(typeNode ?? keyNode),
        message: `\`${name}\` has type ${committedType ?? '(none)'} here but ${derivedType ?? '(none)'} in the schema derived from the SKILL.md.`,
      });
    }
  }

  if (derived.sharedFields === undefined) findings.push(...compareRequired(root, derived, (node) => at(node), source));
  findings.push(...compareGroups(root, derived, source, (node) => at(node)));
  return findings;
}

type NodeRange = (node: Node | undefined) => Range;

function compareRequired(root: Node, derived: DerivedSide, at: NodeRange, source: SourceText): DriftFinding[] {
  const findings: DriftFinding[] = [];
  const derivedRequired = stringArray(derived.schema['required']);
  const requiredNode = findNodeAtLocation(root, ['required']);
  const committedRequired = requiredNode?.type === 'array' ? (requiredNode.children ?? []) : [];
  const committedNames = committedRequired.map((node) => node.value as unknown);
  for (const name of derivedRequired) {
    if (committedNames.includes(name)) continue;
    findings.push({
      range: requiredNode ? at(requiredNode.parent?.children?.[0]) : openingOf(source, root),
      message: `\`${name}\` is required by the SKILL.md but not in \`required\` here.`,
    });
  }
  for (const node of committedRequired) {
    if (typeof node.value === 'string' && !derivedRequired.includes(node.value)) {
      findings.push({ range: at(node), message: `\`${node.value}\` is required here but not in the SKILL.md's \`## Required input\`.` });
    }
  }
  return findings;
}

function compareGroups(root: Node, derived: DerivedSide, source: SourceText, at: NodeRange): DriftFinding[] {
  const findings: DriftFinding[] = [];
  const committedGroups = groupsOf(root);
  const key = (members: readonly string[]) => [...members].sort().join('\u0000');
  const committedKeys = new Set(committedGroups.map((group) => key(group.members)));
  const derivedKeys = new Set(derived.groups.map(key));
  for (const members of derived.groups) {
    if (committedKeys.has(key(members))) continue;
    findings.push({
      range: openingOf(source, root),
      message: `The SKILL.md requires one of ${joinOr(members.map((m) => `\`${m}\``))}; this schema has no such group (an \`anyOf\` of \`required\`).`,
    });
  }
  for (const group of committedGroups) {
    if (derivedKeys.has(key(group.members))) continue;
    findings.push({
      range: at(group.node),
      message: `This group (one of ${joinOr(group.members.map((m) => `\`${m}\``))}) is not in the SKILL.md.`,
    });
  }
  return findings;
}

/** Top-level `anyOf`/`oneOf` and those under `allOf`, when every branch only requires names. */
function groupsOf(root: Node): Array<{ members: string[]; node: Node }> {
  const candidates: Node[] = [];
  for (const keyword of ['anyOf', 'oneOf']) {
    const node = findNodeAtLocation(root, [keyword]);
    if (node) candidates.push(node);
  }
  const allOf = findNodeAtLocation(root, ['allOf']);
  for (const part of allOf?.type === 'array' ? (allOf.children ?? []) : []) {
    for (const keyword of ['anyOf', 'oneOf']) {
      const node = findNodeAtLocation(part, [keyword]);
      if (node) candidates.push(node);
    }
  }
  const groups: Array<{ members: string[]; node: Node }> = [];
  for (const node of candidates) {
    const branches = node.type === 'array' ? (getNodeValue(node) as unknown[]) : [];
    const members = branches.flatMap((branch) => stringArray(objectOr(branch)['required']));
    if (members.length > 0) groups.push({ members, node });
  }
  return groups;
}

function openingOf(source: SourceText, node: Node): Range {
  return rangeAt(source, node.offset, node.offset + 1);
}

function typeWords(schema: unknown): string {
  const type = typeOf(schema);
  return type === undefined ? 'no type' : `type ${type}`;
}
