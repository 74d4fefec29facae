import fc from 'fast-check';
import { createRequire } from 'node:module';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createPayloadAjv } from '../src/catalog/ajv.js';
import { describePayloadErrors } from '../src/check/payload/describe-errors.js';
import { buildCatalog } from '../src/publish/build.js';
import { FieldCheckRegistry, loadFactory, type Factory, type Validate } from '../src/site/browser/field-registry.js';
import { readSiteScript } from '../src/site/render-site.js';
import { BROWSER_RUNTIME_MODULES } from '../src/site/validator-code.js';
import { IDS, sourceOf } from './publish-fixtures.js';

/**
 * The skill pages check payloads without a validator compiled per skill: shared field checks
 * (assets/fields.js, or the page's own) run inside a generic object shell. These tests run the
 * scripts the build writes, as the page does, and hold every verdict, error and message to ajv
 * with the server's settings on the skill's published input schema.
 */
const requireRuntime = createRequire(import.meta.url);
const runtime = (name: string): unknown => {
  if (!BROWSER_RUNTIME_MODULES.includes(name)) throw new Error(`the page does not bundle ${name}`);
  return requireRuntime(name);
};

const SCHEMA_2020 = 'https://json-schema.org/draft/2020-12/schema';
/** Shaped like a derived input schema, with the odd corners: groups, nested values, names a prototype knows, pointer escapes. */
const GROUPED = JSON.parse(`{
  "$schema": "${SCHEMA_2020}",
  "type": "object",
  "additionalProperties": false,
  "required": ["prompt"],
  "anyOf": [
    {"properties": {"source_artifact_id": true}, "required": ["source_artifact_id"]},
    {"properties": {"image_url": true, "mask_url": true}, "required": ["image_url", "mask_url"]}
  ],
  "examples": [{"prompt": "a cat", "source_artifact_id": "art_1"}],
  "properties": {
    "prompt": {"type": "string", "minLength": 1, "description": "what to draw"},
    "source_artifact_id": {"type": "string", "minLength": 1},
    "image_url": {"type": "string", "format": "uri", "description": "a URL"},
    "mask_url": {"type": "string", "format": "uri", "deprecated": true},
    "seed": {"type": "integer", "minimum": 0},
    "strength": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.5},
    "quality": {"enum": ["draft", "final"]},
    "tags": {"type": "array", "items": {"type": "string", "minLength": 1}, "maxItems": 3, "uniqueItems": true},
    "size": {"type": "object", "properties": {"w": {"type": "integer"}, "h": {"type": "integer"}}, "required": ["w"], "additionalProperties": false},
    "toString": {"type": "boolean"},
    "a/b~c": {"type": ["string", "null"], "maxLength": 3}
  }
}`) as Record<string, unknown>;
/** No groups, open to other keys, fields shared with GROUPED. */
const OPEN = {
  $schema: SCHEMA_2020,
  type: 'object',
  required: ['prompt', 'seed'],
  properties: { prompt: { type: 'string', minLength: 1, description: 'another wording' }, seed: { type: 'integer', minimum: 0 }, notes: { type: 'string' } },
};
/** More than the shell knows (a `$defs` reference): the page gets a whole validator instead. */
const WITH_REF = {
  $schema: SCHEMA_2020,
  type: 'object',
  $defs: { id: { type: 'string', minLength: 1 } },
  properties: { prompt: { $ref: '#/$defs/id' } },
  required: ['prompt'],
};

const SCHEMAS: Record<string, Record<string, unknown>> = { [IDS.alpha]: GROUPED, [IDS.beta]: OPEN, [IDS.gamma]: WITH_REF };

/** The built site's files for one skill per schema. */
function buildSite(): Map<string, string> {
  const sources = Object.entries(SCHEMAS).map(([id, schema]) => {
    const source = sourceOf(id);
    source.derived = { ...source.derived, inputSchema: structuredClone(schema) } as typeof source.derived;
    return source;
  });
  const result = buildCatalog(sources, { siteScript: readSiteScript() });
  if (!result.ok) throw new Error(`build failed: ${JSON.stringify(result.problems)}`);
  return result.catalog.files;
}

/** What a skill page's scripts leave behind: its validator, exactly as main.ts makes it. */
function pageValidator(files: Map<string, string>, id: string): { validate: Validate; schema: unknown; kind: 'shell' | 'whole' } {
  const registry = new FieldCheckRegistry(runtime);
  let whole: Validate | undefined;
  const context = vm.createContext({
    skillhub: {
      addFieldChecks: (checks: Record<string, Factory>) => registry.add(checks),
      useValidator: (factory: Factory) => (whole = loadFactory(factory, runtime) as Validate),
    },
  });
  const page = files.get(`skills/${id}.html`) as string;
  vm.runInContext(files.get('assets/fields.js') as string, context);
  for (const [, code] of page.matchAll(/<script>([\s\S]*?)<\/script>/g)) vm.runInContext(code as string, context);
  const data = (name: string) => /<script type="application\/json" id="([^"]+)">([^<]*)<\/script>/g;
  const json: Record<string, unknown> = {};
  for (const [, name, text] of page.matchAll(data(''))) json[name as string] = JSON.parse(text as string);
  const schema = json['input-schema'];
  if (json['field-checks'] !== undefined) {
    const validate = registry.validatorFor(schema, json['field-checks'] as Record<string, string>);
    if (!validate) throw new Error(`${id}: the page's field checks do not cover its schema`);
    return { validate, schema, kind: 'shell' };
  }
  if (!whole) throw new Error(`${id}: the page has no validator`);
  return { validate: whole, schema, kind: 'whole' };
}

const NAMES = Object.keys(GROUPED['properties'] as object).concat(['notes', 'colour', '__proto__', 'constructor']);
const values = fc.oneof(
  fc.constantFrom('', 'a cat', 'https://example.com/x.png', 'draft', 'final', 'not a url', 'abcd', 'a/b'),
  fc.constantFrom(0, 1, -1, 0.5, 2, 42, 1.5),
  fc.constantFrom(true, false, null),
  fc.constantFrom([], ['a'], ['a', 'a'], ['a', 'b', 'c', 'd'], [''], [1]),
  fc.constantFrom({}, { w: 1 }, { w: 1.5, h: 'x' }, { h: 2, d: 3 }),
  fc.jsonValue({ maxDepth: 2 }),
);
/** Valid for every schema here; the generator edits it a little. */
const VALID = { prompt: 'a cat', seed: 1, source_artifact_id: 'art_1' };
/** Payloads as the try box gets them: JSON text parsed, so `__proto__` is an own key. */
const payloads = fc.oneof(
  { weight: 8, arbitrary: fc.dictionary(fc.constantFrom(...NAMES), values, { maxKeys: 6 }).map((payload) => JSON.parse(JSON.stringify(payload)) as unknown) },
  { weight: 4, arbitrary: fc.dictionary(fc.constantFrom(...NAMES), values, { maxKeys: 2 }).map((edits) => JSON.parse(JSON.stringify({ ...VALID, ...edits })) as unknown) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) },
);

/** A payload's result as the page shows it, and as ajv and the server's wording give it. */
function verdicts(validate: Validate, expected: Validate, schema: unknown, payload: unknown) {
  const page = { valid: validate(payload), errors: validate.errors ?? null };
  const ajv = { valid: expected(payload), errors: expected.errors ?? null };
  return {
    page: { ...page, problems: page.valid ? [] : describePayloadErrors(page.errors ?? [], payload, schema) },
    ajv: { ...ajv, problems: ajv.valid ? [] : describePayloadErrors(ajv.errors ?? [], payload, schema) },
  };
}

describe('payload checks on the skill pages', () => {
  const files = buildSite();

  it('share field checks across pages: a check two skills use is in assets/fields.js, one only a page uses is in that page', () => {
    const fields = files.get('assets/fields.js') as string;
    // prompt (the same validating keywords under two descriptions) and seed are shared.
    expect([...fields.matchAll(/^"(s\d+)": function/gm)].map((match) => match[1])).toEqual(['s0', 's1']);
    const alpha = files.get(`skills/${IDS.alpha}.html`) as string;
    const ids = JSON.parse(/id="field-checks">([^<]*)</.exec(alpha)?.[1] ?? 'null') as Record<string, string>;
    expect(ids['prompt']).toBe('s0');
    expect(ids['seed']).toBe('s1');
    // source_artifact_id has prompt's validating keywords: one check serves both.
    expect(ids['source_artifact_id']).toBe('s0');
    expect(ids['mask_url']).toBe(ids['image_url']);
    expect(new Set(Object.values(ids).filter((id) => id.startsWith('l'))).size).toBe(7);
    expect(alpha).not.toContain('useValidator');
    expect(files.get(`skills/${IDS.gamma}.html`)).toContain('skillhub.useValidator(function (module, exports, require) {');
    expect(files.get(`skills/${IDS.gamma}.html`)).not.toContain('id="field-checks"');
  });

  for (const [id, schema] of Object.entries(SCHEMAS)) {
    it(`gives ajv's verdicts, errors and messages on ${id === IDS.alpha ? 'a schema with groups' : id === IDS.beta ? 'an open schema' : 'a schema with a reference'}`, () => {
      const page = pageValidator(files, id);
      expect(page.kind).toBe(id === IDS.gamma ? 'whole' : 'shell');
      const published = (JSON.parse(files.get(`skills/${id}.json`) as string) as { input_schema: Record<string, unknown> }).input_schema;
      expect([page.schema, published]).toEqual([schema, schema]);
      const expected = createPayloadAjv().compile(published) as Validate;
      const fixed: unknown[] = [
        { prompt: 'a cat', source_artifact_id: 'art_1' },
        { prompt: 'a cat', image_url: 'https://e.com/a.png', mask_url: 'https://e.com/m.png', size: { w: 2 }, tags: ['a'], 'a/b~c': null, toString: true },
        { prompt: '', image_url: 'nope', seed: -1.5, strength: 2, quality: 'x', tags: ['a', 'a', ''], size: { w: 1.5, d: 1 }, toString: 1, 'a/b~c': 'abcd', colour: 'red' },
        JSON.parse('{"__proto__": {"prompt": "x"}, "constructor": 1}'),
        {},
        [],
        'a cat',
        null,
        { prompt: 'x', seed: 3 },
      ];
      let valid = 0;
      let invalid = 0;
      for (const payload of fixed) {
        const { page: shown, ajv } = verdicts(page.validate, expected, published, payload);
        expect([payload, shown]).toEqual([payload, ajv]);
        if (ajv.valid) valid++;
        else invalid++;
      }
      fc.assert(
        fc.property(payloads, (payload) => {
          const { page: shown, ajv } = verdicts(page.validate, expected, published, payload);
          expect(shown).toEqual(ajv);
          if (ajv.valid) valid++;
          else invalid++;
        }),
        { seed: 13, numRuns: 400 },
      );
      // Both verdicts were exercised, not only refusals.
      expect(valid).toBeGreaterThan(20);
      expect(invalid).toBeGreaterThan(100);
    });
  }
});
