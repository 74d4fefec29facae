import { describe, expect, it } from 'vitest';
import { compareCommittedSchema, compareWithPositions, type DerivedSide } from '../src/check/committed-schemas/compare-schemas.js';
import { certainlyNoDrift } from '../src/check/committed-schemas/quick-compare.js';
import { schemaFileText } from '../src/check/committed-schemas/schema-files.js';
import type { JsonSchema } from '../src/derive/index.js';
import { mulberry32 as random } from './support/seeded-random.js';

/**
 * committed-schema-drift answers "no drift" from JSON.parse's value when it is certain; wherever it
 * does, the comparison with positions must find nothing either.
 */

const NAMES = ['prompt', 'image_url', 'seed', 'size', 'strength', 'notes'];
/** Names that are also keywords the comparison looks up, or Object.prototype's. */
const ODD_NAMES = ['constructor', 'toString', 'a b', 'required', 'properties', 'type', 'anyOf'];
const TYPES: unknown[] = [
  { type: 'string' }, { type: 'number' }, { type: 'integer' }, { type: 'array', items: { type: 'string' } }, { type: ['string', 'null'] },
  { type: ['null', 'string'] }, { anyOf: [{ type: 'string' }, { type: 'number' }] }, { oneOf: [{ type: 'boolean' }] }, {}, { type: 'object', properties: { x: { type: 'string' } }, required: ['x'] },
];

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)] as T;
}

function derivedSide(next: () => number): DerivedSide {
  const properties: Record<string, unknown> = {};
  for (const name of NAMES) if (next() < 0.4) properties[name] = pick(next, TYPES);
  for (const name of ODD_NAMES) if (next() < 0.03) properties[name] = pick(next, TYPES);
  const names = Object.keys(properties);
  const required = names.filter(() => next() < 0.3);
  const groups = next() < 0.3 && names.length >= 2 ? [names.slice(0, 2)] : [];
  const schema: JsonSchema = { type: 'object', properties, ...(required.length ? { required } : {}) };
  if (groups.length) schema['anyOf'] = (groups[0] as string[]).map((name) => ({ required: [name] }));
  const output = next() < 0.25;
  return output ? { schema, groups: [], sharedFields: new Set(next() < 0.5 ? ['status'] : []) } : { schema, groups };
}

/** The derived schema as a committed file, then changed a little: values, keys, or characters. */
function committedText(next: () => number, derived: DerivedSide): string {
  const value = structuredClone(derived.schema) as Record<string, unknown>;
  const properties = value['properties'] as Record<string, unknown>;
  const r = next();
  if (r < 0.1) delete properties[pick(next, Object.keys(properties).concat('none'))];
  else if (r < 0.2) properties[pick(next, [...NAMES, ...ODD_NAMES])] = pick(next, TYPES);
  else if (r < 0.3) value['required'] = pick(next, [[], ['prompt'], ['seed', 'prompt'], [1, 'size'], 'prompt', [{}]]);
  else if (r < 0.35) value['allOf'] = [{ anyOf: [{ required: ['prompt'] }, { required: ['seed'] }] }, 3];
  else if (r < 0.4) value['oneOf'] = [{ required: ['prompt'] }, { required: ['seed'] }];
  else if (r < 0.45) delete value['anyOf'];
  else if (r < 0.5) value['properties'] = pick(next, [null, [], 'x', {}]);
  let text = r < 0.55 ? JSON.stringify([value]) : r < 0.6 ? JSON.stringify(value) : schemaFileText(value);
  const t = next();
  if (t < 0.05) text = text.replace('{', '{"properties": {"seed": {"type": "string"}},');
  else if (t < 0.1) text = text.replace('{', '{"required": ["seed"],');
  else if (t < 0.13) text = text.replace('"properties": {', '"properties": {"__proto__": {"type": "string"},');
  else if (t < 0.16) text = `${'['.repeat(70)}${text}${']'.repeat(70)}`;
  else if (t < 0.25) {
    const at = Math.floor(next() * text.length);
    text = text.slice(0, at) + pick(next, [',', '}', '"', ' ', '/', '\ufeff', '1']) + text.slice(at);
  }
  return text;
}

describe('the quick committed-schema comparison', () => {
  it('answers "no drift" only where the comparison with positions finds none, and answers most unchanged files', () => {
    const next = random(37);
    let answered = 0;
    let unchanged = 0;
    for (let k = 0; k < 20000; k++) {
      const derived = derivedSide(next);
      const text = committedText(next, derived);
      const slow = compareWithPositions(text, derived, 'input_schema.json');
      if (certainlyNoDrift(text, derived)) {
        answered++;
        expect({ text, slow }).toEqual({ text, slow: [] });
      }
      if (text === schemaFileText(derived.schema) && slow.length === 0) unchanged++;
    }
    // Unchanged files with a nested object schema, an odd property name or a group are left to the tree.
    expect(answered).toBeGreaterThan(unchanged * 0.5);
    expect(unchanged).toBeGreaterThan(4000);
  });

  it('answers a file written by --write-schemas without the tree', () => {
    const schema: JsonSchema = { type: 'object', properties: { prompt: { type: 'string' }, seed: { type: ['integer', 'null'] } }, required: ['prompt'] };
    expect(certainlyNoDrift(schemaFileText(schema), { schema, groups: [] })).toBe(true);
    expect(compareCommittedSchema(schemaFileText(schema), { schema, groups: [] }, 'input_schema.json')).toEqual([]);
  });

  it.each([
    ['a duplicated `required`', '{"type":"object","properties":{},"required":["a"],"required":[]}'],
    ['`__proto__`', '{"type":"object","properties":{"__proto__":{}}}'],
    ['a root that is not an object', '[]'],
    ['a BOM', '\ufeff{"type":"object","properties":{}}'],
    ['a comment', '{"type":"object","properties":{}} // x'],
    ['nesting 65 levels deep', `{"type":"object","properties":{},"x":${'['.repeat(64)}${']'.repeat(64)}}`],
  ])('leaves %s to the comparison with positions', (_, text) => {
    expect(certainlyNoDrift(text, { schema: { type: 'object', properties: {} }, groups: [] })).toBe(false);
  });

  it('reports drift with positions as before', () => {
    const schema: JsonSchema = { type: 'object', properties: { prompt: { type: 'string' } } };
    const committed = '{\n  "type": "object",\n  "properties": {\n    "prompt": { "type": "number" }\n  }\n}\n';
    expect(compareCommittedSchema(committed, { schema, groups: [] }, 'input_schema.json')).toEqual([
      {
        range: { start: { line: 4, column: 25 }, end: { line: 4, column: 33 } },
        message: '`prompt` has type "number" here but "string" in the schema derived from the SKILL.md.',
      },
    ]);
  });
});
