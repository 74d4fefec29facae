import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzCase, type FuzzCase } from './fuzz/documents.js';
import { checkCase, saveReproducer } from './fuzz/properties.js';

/** `npm run fuzz -- --count N --seed S` sets these; `npm test` runs a short fixed sample. */
const COUNT = Number(process.env['SKILLHUB_FUZZ_COUNT'] ?? 15);
const SEED = Number(process.env['SKILLHUB_FUZZ_SEED'] ?? 20261201);
const REPRODUCERS = fileURLToPath(new URL('./fuzz/reproducers/', import.meta.url));

describe('fuzz: generated SKILL.md files through the per-file pipeline and the catalog phase', () => {
  it(`keeps every property on ${COUNT} generated documents (seed ${SEED})`, () => {
    let failing: FuzzCase | undefined;
    const started = Date.now();
    const result = fc.check(
      fc.property(fuzzCase, (fuzz) => {
        const problems = checkCase(fuzz);
        if (problems.length > 0) failing = fuzz;
        return problems.length === 0;
      }),
      { numRuns: COUNT, seed: SEED, endOnFailure: true },
    );
    if (process.env['SKILLHUB_FUZZ_REPORT']) {
      console.log(`fuzz: ${result.numRuns} cases, seed ${SEED}, ${result.failed ? 'FAILED' : 'clean'}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    if (result.failed && failing) {
      const file = saveReproducer(failing, REPRODUCERS);
      expect.fail(`seed ${SEED}: ${checkCase(failing).join('; ')} (input saved to ${file})`);
    }
    expect(result.failed).toBe(false);
    // About 8 ms a case on a quiet 2-core machine: a long run gets room in proportion.
  }, Math.max(600_000, COUNT * 40));

  it('replays every saved reproducer', () => {
    const files = readdirSync(REPRODUCERS).filter((name) => name.endsWith('.SKILL.md'));
    for (const name of files) {
      const agentsFile = path.join(REPRODUCERS, name.replace(/\.SKILL\.md$/, '.openai.yaml'));
      const agents = (() => {
        try {
          return readFileSync(agentsFile, 'utf8');
        } catch {
          return undefined;
        }
      })();
      const fuzz: FuzzCase = { skill: new Uint8Array(readFileSync(path.join(REPRODUCERS, name))), ...(agents === undefined ? {} : { agents }) };
      expect(checkCase(fuzz), name).toEqual([]);
    }
  });
});
