import type { JsonSchema } from '../derive/index.js';

/** One difference between two input contracts of a skill, classified as buf classifies proto changes. */
export interface ContractChange {
  kind: 'breaking' | 'compatible';
  /** A stable id, `FIELD_REMOVED` and the like (see CHANGE_RULES). */
  rule: string;
  /** The field concerned, as a payload path (`prompt`, `images[]`, `metadata.action`); empty for the whole input. */
  field: string;
  message: string;
}

/** Every change rule with what it means; `breaking` ones make a payload valid before invalid now. */
export const CHANGE_RULES: Record<string, { kind: ContractChange['kind']; meaning: string }> = {
  SKILL_REMOVED: { kind: 'breaking', meaning: 'the skill is gone' },
  SKILL_ADDED: { kind: 'compatible', meaning: 'a new skill' },
  FIELD_REMOVED: { kind: 'breaking', meaning: 'a field is gone, so payloads that send it are refused' },
  FIELD_ADDED_REQUIRED: { kind: 'breaking', meaning: 'a new field is required' },
  FIELD_ADDED_OPTIONAL: { kind: 'compatible', meaning: 'a new optional field' },
  FIELD_NEWLY_REQUIRED: { kind: 'breaking', meaning: 'an optional field became required' },
  FIELD_NO_LONGER_REQUIRED: { kind: 'compatible', meaning: 'a required field became optional' },
  GROUP_ADDED: { kind: 'breaking', meaning: 'a new "one of" group is required' },
  GROUP_NARROWED: { kind: 'breaking', meaning: 'a "one of" group lost members' },
  GROUP_WIDENED: { kind: 'compatible', meaning: 'a "one of" group gained members' },
  GROUP_REMOVED: { kind: 'compatible', meaning: 'a "one of" group is no longer required' },
  TYPE_NARROWED: { kind: 'breaking', meaning: 'a field accepts fewer types' },
  TYPE_WIDENED: { kind: 'compatible', meaning: 'a field accepts more types' },
  RANGE_NARROWED: { kind: 'breaking', meaning: 'a bound (minimum, maximum, length, items) is tighter' },
  RANGE_WIDENED: { kind: 'compatible', meaning: 'a bound is looser or gone' },
  ENUM_NARROWED: { kind: 'breaking', meaning: 'an enumeration lost values, or a field became an enumeration' },
  ENUM_WIDENED: { kind: 'compatible', meaning: 'an enumeration gained values, or is gone' },
  CONSTRAINT_ADDED: { kind: 'breaking', meaning: 'a pattern, format or constant was added or changed' },
  CONSTRAINT_REMOVED: { kind: 'compatible', meaning: 'a pattern, format or constant is gone' },
  ADDITIONAL_PROPERTIES_TIGHTENED: { kind: 'breaking', meaning: 'unknown fields were allowed and are refused now' },
  ADDITIONAL_PROPERTIES_LOOSENED: { kind: 'compatible', meaning: 'unknown fields are allowed now' },
};

type Schema = Record<string, unknown>;

const isObject = (value: unknown): value is Schema => value !== null && typeof value === 'object' && !Array.isArray(value);
const code = (name: string) => `\`${name}\``;

/**
 * The changes from `before` to `after`, two input schemas of one skill (the shape src/derive
 * writes: `properties`, `required`, groups as `anyOf` or `allOf` of `anyOf`). A change is breaking
 * when a payload valid before can be refused after. Pure; sorted by field, then rule.
 */
export function diffInputContracts(before: JsonSchema, after: JsonSchema): ContractChange[] {
  const changes: ContractChange[] = [];
  const add = (rule: string, field: string, message: string) => {
    const meta = CHANGE_RULES[rule];
    if (!meta) throw new Error(`unknown change rule ${rule}`);
    changes.push({ kind: meta.kind, rule, field, message });
  };
  diffObject(before, after, '', add);
  diffGroups(groupsOf(before), groupsOf(after), add);
  return changes.sort((a, b) => (a.field === b.field ? (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) : a.field < b.field ? -1 : 1));
}

type Add = (rule: string, field: string, message: string) => void;

function diffObject(before: Schema, after: Schema, prefix: string, add: Add): void {
  const oldProps = isObject(before['properties']) ? before['properties'] : {};
  const newProps = isObject(after['properties']) ? after['properties'] : {};
  const oldRequired = new Set(Array.isArray(before['required']) ? before['required'].map(String) : []);
  const newRequired = new Set(Array.isArray(after['required']) ? after['required'].map(String) : []);
  const closedBefore = before['additionalProperties'] === false;
  const closedAfter = after['additionalProperties'] === false;
  const whole = prefix === '' ? 'the input' : code(prefix);
  for (const name of Object.keys(oldProps)) {
    const field = prefix === '' ? name : `${prefix}.${name}`;
    if (!(name in newProps)) {
      if (closedAfter) add('FIELD_REMOVED', field, `${code(field)} was removed: payloads that send it are refused now.`);
      continue;
    }
    if (!oldRequired.has(name) && newRequired.has(name)) add('FIELD_NEWLY_REQUIRED', field, `${code(field)} is required now.`);
    if (oldRequired.has(name) && !newRequired.has(name)) add('FIELD_NO_LONGER_REQUIRED', field, `${code(field)} is no longer required.`);
    diffField(oldProps[name], newProps[name], field, add);
  }
  for (const name of Object.keys(newProps)) {
    if (name in oldProps) continue;
    const field = prefix === '' ? name : `${prefix}.${name}`;
    if (newRequired.has(name)) add('FIELD_ADDED_REQUIRED', field, `${code(field)} was added as a required field: payloads without it are refused now.`);
    else if (closedBefore) add('FIELD_ADDED_OPTIONAL', field, `${code(field)} was added (optional).`);
    else diffField(true, newProps[name], field, add);
  }
  if (!closedBefore && closedAfter) add('ADDITIONAL_PROPERTIES_TIGHTENED', prefix, `${whole} refuses fields it does not list now.`);
  if (closedBefore && !closedAfter) add('ADDITIONAL_PROPERTIES_LOOSENED', prefix, `${whole} accepts fields it does not list now.`);
}

function diffField(beforeRaw: unknown, afterRaw: unknown, field: string, add: Add): void {
  const before = isObject(beforeRaw) ? beforeRaw : {};
  const after = isObject(afterRaw) ? afterRaw : {};
  const oldTypes = typesOf(before);
  const newTypes = typesOf(after);
  const lost = [...oldTypes].filter((type) => !accepts(newTypes, type));
  const gained = [...newTypes].filter((type) => !accepts(oldTypes, type));
  if (lost.length > 0) add('TYPE_NARROWED', field, `${code(field)} no longer accepts ${lost.join(' or ')} (now ${[...newTypes].join(' or ') || 'any'}).`);
  else if (gained.length > 0) add('TYPE_WIDENED', field, `${code(field)} accepts ${gained.join(' or ')} too.`);
  for (const [key, direction] of BOUNDS) diffBound(before[key], after[key], key, direction, field, add);
  diffEnum(before['enum'], after['enum'], field, add);
  for (const key of ['pattern', 'format', 'const']) {
    const [was, now] = [before[key], after[key]];
    if (JSON.stringify(was) === JSON.stringify(now)) continue;
    if (now === undefined) add('CONSTRAINT_REMOVED', field, `${code(field)} has no ${key} now (was ${JSON.stringify(was)}).`);
    else add('CONSTRAINT_ADDED', field, `${code(field)} must ${key === 'const' ? 'equal' : `match the ${key}`} ${JSON.stringify(now)} now${was === undefined ? '' : ` (was ${JSON.stringify(was)})`}.`);
  }
  if (isObject(before['items']) || isObject(after['items'])) diffField(before['items'] ?? true, after['items'] ?? true, `${field}[]`, add);
  if (isObject(before['properties']) || isObject(after['properties'])) diffObject(before, after, field, add);
}

/** The bounds and which way is tighter: `up` when a larger value refuses more. */
const BOUNDS: Array<[string, 'up' | 'down']> = [
  ['minimum', 'up'], ['exclusiveMinimum', 'up'], ['minLength', 'up'], ['minItems', 'up'],
  ['maximum', 'down'], ['exclusiveMaximum', 'down'], ['maxLength', 'down'], ['maxItems', 'down'], ['multipleOf', 'up'],
];

function diffBound(was: unknown, now: unknown, key: string, direction: 'up' | 'down', field: string, add: Add): void {
  if (was === now) return;
  const before = typeof was === 'number' ? was : undefined;
  const after = typeof now === 'number' ? now : undefined;
  const tighter = after !== undefined && (before === undefined || (key === 'multipleOf' ? after % before !== 0 : direction === 'up' ? after > before : after < before));
  const shown = (value: number | undefined) => (value === undefined ? 'none' : String(value));
  const message = `${code(field)} ${key} ${shown(before)} → ${shown(after)}.`;
  add(tighter ? 'RANGE_NARROWED' : 'RANGE_WIDENED', field, message);
}

function diffEnum(was: unknown, now: unknown, field: string, add: Add): void {
  const before = Array.isArray(was) ? was.map((value) => JSON.stringify(value)) : undefined;
  const after = Array.isArray(now) ? now.map((value) => JSON.stringify(value)) : undefined;
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  if (after === undefined) return add('ENUM_WIDENED', field, `${code(field)} is no longer limited to ${before?.join(', ')}.`);
  if (before === undefined) return add('ENUM_NARROWED', field, `${code(field)} must be one of ${after.join(', ')} now.`);
  const removed = before.filter((value) => !after.includes(value));
  const added = after.filter((value) => !before.includes(value));
  if (removed.length > 0) add('ENUM_NARROWED', field, `${code(field)} no longer accepts ${removed.join(', ')}.`);
  if (added.length > 0) add('ENUM_WIDENED', field, `${code(field)} accepts ${added.join(', ')} too.`);
}

const ALL_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];

function typesOf(schema: Schema): Set<string> {
  const type = schema['type'];
  if (typeof type === 'string') return new Set([type]);
  if (Array.isArray(type)) return new Set(type.map(String));
  return new Set(ALL_TYPES);
}

/** Whether a field typed `types` accepts every value of `type` (a number accepts every integer). */
function accepts(types: ReadonlySet<string>, type: string): boolean {
  return types.has(type) || (type === 'integer' && types.has('number'));
}

function groupsOf(schema: Schema): string[][] {
  const anyOfs = Array.isArray(schema['allOf']) ? schema['allOf'].map((part) => (isObject(part) ? part['anyOf'] : undefined)) : [schema['anyOf']];
  return anyOfs
    .map((branches) => (Array.isArray(branches) ? branches : []))
    .map((branches) => branches.flatMap((branch) => (isObject(branch) && Array.isArray(branch['required']) ? branch['required'].map(String) : [])))
    .filter((members) => members.length > 0);
}

function diffGroups(before: string[][], after: string[][], add: Add): void {
  const subset = (a: readonly string[], b: readonly string[]) => a.every((name) => b.includes(name));
  const list = (names: readonly string[]) => names.map(code).join(', ');
  for (const group of after) {
    // Still satisfied by every payload that satisfied an old group: that old group is inside it.
    const covering = before.find((old) => subset(old, group));
    if (covering) {
      const added = group.filter((name) => !covering.includes(name));
      if (added.length > 0) add('GROUP_WIDENED', group.join('|'), `the group one of ${list(covering)} also takes ${list(added)} now.`);
      continue;
    }
    const shrunk = before.find((old) => subset(group, old));
    if (shrunk) {
      add('GROUP_NARROWED', group.join('|'), `the group one of ${list(shrunk)} no longer takes ${list(shrunk.filter((name) => !group.includes(name)))}.`);
    } else {
      add('GROUP_ADDED', group.join('|'), `one of ${list(group)} is required now.`);
    }
  }
  for (const old of before) {
    if (!after.some((group) => subset(group, old) || subset(old, group))) add('GROUP_REMOVED', old.join('|'), `one of ${list(old)} is no longer required.`);
  }
}
