import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { ValidateFunction } from 'ajv';
import { createAjv } from '../src/check/environment.js';
import { STATIC_SCHEMAS, type StaticSchemaName } from '../src/check/static-validators.js';

/** The code `npm run build` generated (the CLI and the library load it instead of compiling). */
const generated = createRequire(import.meta.url)('../dist/generated/static-validators.cjs') as Record<string, unknown> & {
  sha256: Record<string, string>;
};

const schemaText = (name: StaticSchemaName) => readFileSync(new URL(`../schemas/${STATIC_SCHEMAS[name]}`, import.meta.url), 'utf8');

const SAMPLES: Record<StaticSchemaName, unknown[]> = {
  frontMatter: [
    { name: 'popiskill-image-text2image-demo-v1', description: 'x', tags: ['image'], version: 'v1', model_type: 'image', estimated_duration_s: 30 },
    { name: 5, description: [], tags: 'image', version: 1, model_type: 'sound', estimated_duration_s: -5, default_profile: 'yes' },
    {},
    'not an object',
  ],
  agents: [
    { interface: { display_name: 'Demo', short_description: 'Generate one image from one prompt', default_prompt: 'Use it.' } },
    { interface: { display_name: 5, short_description: 'short' }, policy: { allow_implicit_invocation: 'yes' } },
    [],
  ],
  vocabularyFile: [JSON.parse(readFileSync(new URL('../schemas/input-fields.json', import.meta.url), 'utf8')), { input: { x: 5 } }, { input: [] }, null],
};

describe('validators generated at build time for the static schemas', () => {
  for (const name of Object.keys(STATIC_SCHEMAS) as StaticSchemaName[]) {
    it(`${name}: made from the current schema text, same verdicts and errors as a run-time compile`, () => {
      expect(generated.sha256[name]).toBe(createHash('sha256').update(schemaText(name)).digest('hex'));
      const built = generated[name] as ValidateFunction;
      const compiled = createAjv().compile(JSON.parse(schemaText(name)) as object);
      const verdicts: boolean[] = [];
      for (const sample of SAMPLES[name]) {
        const verdict = built(sample);
        expect(verdict).toBe(compiled(sample));
        expect(built.errors ?? null).toEqual(compiled.errors ?? null);
        verdicts.push(verdict);
      }
      // The samples cover both verdicts, so the comparison is not only of silence.
      expect(verdicts).toContain(true);
      expect(verdicts).toContain(false);
    });
  }
});
