import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { catalogFromFiles } from '../src/catalog/load.js';
import { createLintEnvironment } from '../src/check/environment.js';
import { lintCatalog } from '../src/check/lint.js';
import { fieldPath, parsePointer, valueAtPointer } from '../src/check/payload/json-pointer.js';
import { schemaAtPath } from '../src/check/payload/schema-words.js';
import { EXAMPLE_BODY, EXAMPLE_ID, exampleSkill } from '../src/check/rules/example-skill.js';
import { decodeSkillBytes } from '../src/load/decode.js';
import { buildCatalog } from '../src/publish/build.js';
import { startServer } from '../src/server/server.js';
import { IDS, sourceOf, writeSkillsRepo } from './publish-fixtures.js';
import { BUILT_BIN } from './support/built-cli.js';

const BIN = BUILT_BIN;
const repos: string[] = [];
afterAll(async () => {
  for (const repo of repos) await rm(repo, { recursive: true, force: true });
});

const PERCENT_PAYLOAD = { prompt: 'a fox', '%': 1, '50%': 2, '%E0%A4%A': 3, 'a/b~c': 4 };
const PERCENT_ERRORS = [
  { path: '/%', message: '`%` is not an input of this skill.', keyword: 'additionalProperties' },
  { path: '/50%', message: '`50%` is not an input of this skill.', keyword: 'additionalProperties' },
  { path: '/%E0%A4%A', message: '`%E0%A4%A` is not an input of this skill.', keyword: 'additionalProperties' },
  { path: '/a~1b~0c', message: '`a/b~c` is not an input of this skill.', keyword: 'additionalProperties' },
];

describe('JSON Pointers: an instance path is not percent-encoded', () => {
  it('parsePointer unescapes only ~1 and ~0 in instance paths, and percent-decodes schema fragments', () => {
    expect(parsePointer('/50%/%E0%A4%A/a~1b~0c')).toEqual(['50%', '%E0%A4%A', 'a/b~c']);
    expect(parsePointer('/%25')).toEqual(['%25']);
    expect(parsePointer('#/properties/50%25/a~1b')).toEqual(['properties', '50%', 'a/b']);
    expect(parsePointer('#/properties/%E0%A4%A')).toEqual(['properties', '%E0%A4%A']);
    expect(valueAtPointer({ '50%': { '%': 7 } }, '/50%/%')).toBe(7);
    expect(fieldPath('/50%/%')).toBe('50%.%');
    expect(schemaAtPath({ properties: { '50%': { type: 'string' } } }, '#/properties/50%25')).toEqual({ type: 'string' });
    expect(schemaAtPath({ properties: {} }, '#/properties/constructor')).toBeUndefined();
  });

  it('validate: a `%` key in a payload template is an unknown field at its line, not a crash', () => {
    const body = EXAMPLE_BODY.replace('"aspect_ratio": "16:9"', '"aspect_ratio": "16:9",\n  "%": 1,\n  "50%": 2');
    const text = exampleSkill({ body });
    const env = createLintEnvironment();
    const [result] = lintCatalog([{ filePath: `/c/${EXAMPLE_ID}/SKILL.md`, decoded: decodeSkillBytes(new TextEncoder().encode(text)) }], env);
    expect(result?.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.ruleId} ${d.message}`)).toEqual([
      '39:3 payload-schema `%` is not an input of this skill.',
      '40:3 payload-schema `50%` is not an input of this skill.',
    ]);
  });

  it('catalog.validateInput answers errors for `%` keys instead of throwing', async () => {
    const built = buildCatalog([sourceOf(IDS.alpha)]);
    if (!built.ok) throw new Error('build failed');
    const catalog = await catalogFromFiles(built.catalog.files);
    expect(catalog.validateInput(IDS.alpha, PERCENT_PAYLOAD)).toEqual({ valid: false, errors: PERCENT_ERRORS });
  });

  it('serve: POST /skills/<id>/validate with `%` keys answers 200 with the errors, not 500', async () => {
    const built = buildCatalog([sourceOf(IDS.alpha)]);
    if (!built.ok) throw new Error('build failed');
    const server = await startServer({ catalog: await catalogFromFiles(built.catalog.files), port: 0, log: () => {} });
    try {
      const answer = await fetch(`${server.url}/skills/${IDS.alpha}/validate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(PERCENT_PAYLOAD),
      });
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ valid: false, errors: PERCENT_ERRORS });
    } finally {
      await server.close();
    }
  });

  it('skillhub check (the built binary): exit 1 with the `%` fields named, in both formats', async () => {
    const repo = await writeSkillsRepo({ [IDS.alpha]: {} });
    repos.push(repo);
    const input = JSON.stringify({ prompt: 'a fox', '50%': 2 });
    const text = spawnSync(process.execPath, [BIN, 'check', IDS.alpha, '--input', input], { cwd: repo, encoding: 'utf8' });
    expect([text.status, text.stdout, text.stderr]).toEqual([
      1,
      `${IDS.alpha}: the payload is not valid (1 problem):\n  /50%  \`50%\` is not an input of this skill.  additionalProperties\n`,
      '',
    ]);
    const json = spawnSync(process.execPath, [BIN, 'check', IDS.alpha, '--input', input, '--format', 'json'], { cwd: repo, encoding: 'utf8' });
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({ valid: false, errors: [PERCENT_ERRORS[1]] });
    expect(path.isAbsolute(repo)).toBe(true);
  }, 120_000);
});
