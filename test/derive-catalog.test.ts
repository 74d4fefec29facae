import { readFileSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import { createAjv } from '../src/check/environment.js';
import { builtInVocabulary, deriveText, IMG2IMG, IMG2IMG_ID, IMG2VIDEO, IMG2VIDEO_ID } from './derive-fixtures.js';

const catalogFiles = fg.sync('skills/*/SKILL.md', { cwd: path.resolve(import.meta.dirname, '..'), absolute: true }).sort();
const documents: Array<[string, string]> = [
  ...catalogFiles.map((file): [string, string] => [path.relative(process.cwd(), file), readFileSync(file, 'utf8')]),
  [`fixture ${IMG2IMG_ID}`, IMG2IMG],
  [`fixture ${IMG2VIDEO_ID}`, IMG2VIDEO],
];

describe('every derived schema compiles under ajv strict mode', () => {
  it('finds the catalog', () => {
    expect(catalogFiles.length).toBeGreaterThan(0);
  });

  const vocabulary = builtInVocabulary();
  it.each(documents)('%s', (_label, text) => {
    const derived = deriveText(text, vocabulary);
    const ajv = createAjv();
    expect(() => ajv.compile(derived.inputSchema)).not.toThrow();
    expect(() => ajv.compile(derived.outputSchema)).not.toThrow();
    expect(derived.inputSchema['additionalProperties']).toBe(false);
  });
});
