import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffCatalogs, formatDiffStylish } from '../src/diff/catalog-diff.js';
import { diffInputContracts } from '../src/diff/contract-diff.js';
import { IDS, runBuiltCli, makeTempDir, skillText, writeSkillsRepo } from './publish-fixtures.js';

const cli = runBuiltCli;

const BASE = {
  type: 'object',
  additionalProperties: false,
  properties: {
    prompt: { type: 'string', minLength: 1 },
    strength: { type: 'number', minimum: 0, maximum: 1 },
    quality: { type: 'string', enum: ['draft', 'final'] },
    size: { type: 'string', pattern: '^[0-9]+x[0-9]+$' },
    image_url: { type: 'string', format: 'uri' },
    source_artifact_id: { type: 'string' },
    seed: { type: 'integer' },
  },
  required: ['prompt'],
  anyOf: [{ required: ['image_url'] }, { required: ['source_artifact_id'] }],
};

const change = (edit: (schema: typeof BASE & Record<string, unknown>) => void) => {
  const after = structuredClone(BASE) as typeof BASE & Record<string, unknown>;
  edit(after);
  return diffInputContracts(BASE, after).map(({ kind, rule, field, message }) => `${kind} ${rule} ${field}: ${message}`);
};

describe('input contract changes, as buf breaking classifies them', () => {
  it('finds nothing between equal contracts, whatever the key order or descriptions', () => {
    expect(change((s) => Object.assign(s.properties.prompt, { description: 'new words' }))).toEqual([]);
  });

  it('calls removed fields, newly required fields and new groups breaking', () => {
    expect(change((s) => delete (s.properties as Record<string, unknown>)['seed'])).toEqual(['breaking FIELD_REMOVED seed: `seed` was removed: payloads that send it are refused now.']);
    expect(change((s) => s.required.push('seed'))).toEqual(['breaking FIELD_NEWLY_REQUIRED seed: `seed` is required now.']);
    expect(change((s) => Object.assign(s.properties, { style: { type: 'string' } }) && s.required.push('style'))).toEqual([
      'breaking FIELD_ADDED_REQUIRED style: `style` was added as a required field: payloads without it are refused now.',
    ]);
    expect(change((s) => (s.anyOf = [{ required: ['image_url'] }]))).toEqual([
      'breaking GROUP_NARROWED image_url: the group one of `image_url`, `source_artifact_id` no longer takes `source_artifact_id`.',
    ]);
    expect(change((s) => { delete (s as Record<string, unknown>)['anyOf']; s['allOf'] = [{ anyOf: BASE.anyOf }, { anyOf: [{ required: ['seed'] }, { required: ['size'] }] }]; })).toEqual([
      'breaking GROUP_ADDED seed|size: one of `seed`, `size` is required now.',
    ]);
  });

  it('calls narrowed types, ranges, enumerations, new patterns and closed objects breaking, and the reverse compatible', () => {
    expect(change((s) => (s.properties.strength.type = 'integer'))).toEqual(['breaking TYPE_NARROWED strength: `strength` no longer accepts number (now integer).']);
    expect(change((s) => ((s.properties.seed as Record<string, unknown>)['type'] = 'number'))).toEqual(['compatible TYPE_WIDENED seed: `seed` accepts number too.']);
    expect(change((s) => (s.properties.strength.maximum = 0.5))).toEqual(['breaking RANGE_NARROWED strength: `strength` maximum 1 → 0.5.']);
    expect(change((s) => (s.properties.strength.maximum = 2))).toEqual(['compatible RANGE_WIDENED strength: `strength` maximum 1 → 2.']);
    expect(change((s) => Object.assign(s.properties.seed, { minimum: 0 }))).toEqual(['breaking RANGE_NARROWED seed: `seed` minimum none → 0.']);
    expect(change((s) => (s.properties.quality.enum = ['final', 'ultra']))).toEqual([
      'breaking ENUM_NARROWED quality: `quality` no longer accepts "draft".',
      'compatible ENUM_WIDENED quality: `quality` accepts "ultra" too.',
    ]);
    expect(change((s) => (s.properties.size.pattern = '^[0-9]+$'))).toEqual(['breaking CONSTRAINT_ADDED size: `size` must match the pattern "^[0-9]+$" now (was "^[0-9]+x[0-9]+$").']);
    expect(change((s) => delete (s.properties.size as Record<string, unknown>)['pattern'])).toEqual(['compatible CONSTRAINT_REMOVED size: `size` has no pattern now (was "^[0-9]+x[0-9]+$").']);
    expect(change((s) => ((s as Record<string, unknown>)['additionalProperties'] = true))).toEqual(['compatible ADDITIONAL_PROPERTIES_LOOSENED : the input accepts fields it does not list now.']);
  });

  it('calls an optional field, a wider group and a relaxed requirement compatible', () => {
    expect(change((s) => Object.assign(s.properties, { style: { type: 'string' } }))).toEqual(['compatible FIELD_ADDED_OPTIONAL style: `style` was added (optional).']);
    expect(change((s) => s.anyOf.push({ required: ['seed'] }))).toEqual([
      'compatible GROUP_WIDENED image_url|source_artifact_id|seed: the group one of `image_url`, `source_artifact_id` also takes `seed` now.',
    ]);
    expect(change((s) => (s.required = []))).toEqual(['compatible FIELD_NO_LONGER_REQUIRED prompt: `prompt` is no longer required.']);
  });

  it('lists skills removed as breaking and added as compatible, per id, in the stylish summary', () => {
    const diff = diffCatalogs(new Map([['a-v1', BASE], ['b-v1', BASE]]), new Map([['b-v1', BASE], ['c-v1', BASE]]));
    expect(formatDiffStylish(diff)).toBe(
      [
        'a-v1',
        '  breaking    SKILL_REMOVED  the skill was removed; its users have nothing to run.',
        '',
        'c-v1',
        '  compatible  SKILL_ADDED    the skill is new.',
        '',
        '✖ 1 breaking change in 1 skill, 1 compatible change; publish a breaking change as a new -v<N+1> skill.',
        '',
      ].join('\n'),
    );
  });
});

describe('skillhub diff and build --previous', () => {
  it('compares a built catalog with a skills folder, exits 1 on a breaking change, and build --previous refuses it', async () => {
    const repo = await writeSkillsRepo({ [IDS.alpha]: {}, [IDS.beta]: {} });
    expect((await cli(repo, 'build', '--out', 'published')).code).toBe(0);
    expect(await cli(repo, 'diff', 'published', 'skills')).toEqual({ code: 0, out: 'No changes to any input contract.\n', err: '' });
    const file = path.join(repo, 'skills', IDS.alpha, 'SKILL.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('- `aspect_ratio`: framing such as `16:9`', '- `aspect_ratio` (one of "16:9", "1:1"): framing\n- `seed`: fixes the randomness'));
    const stylish = await cli(repo, 'diff', 'published', 'skills');
    expect(stylish).toEqual({
      code: 1,
      out: [
        IDS.alpha,
        '  breaking    ENUM_NARROWED         `aspect_ratio` must be one of "16:9", "1:1" now.',
        '  compatible  FIELD_ADDED_OPTIONAL  `seed` was added (optional).',
        '',
        '✖ 1 breaking change in 1 skill, 1 compatible change; publish a breaking change as a new -v<N+1> skill.',
        '',
      ].join('\n'),
      err: '',
    });
    const json = await cli(repo, 'diff', 'published', 'skills', '--format', 'json');
    expect(JSON.parse(json.out)).toEqual({
      skills: [{ id: IDS.alpha, changes: [
        { kind: 'breaking', rule: 'ENUM_NARROWED', field: 'aspect_ratio', message: '`aspect_ratio` must be one of "16:9", "1:1" now.' },
        { kind: 'compatible', rule: 'FIELD_ADDED_OPTIONAL', field: 'seed', message: '`seed` was added (optional).' },
      ] }],
      breaking: 1,
      compatible: 1,
    });
    const refused = await cli(repo, 'build', '--out', 'next', '--previous', 'published');
    expect(refused).toEqual({
      code: 1,
      out: '',
      err: `${IDS.alpha}: the input contract changes incompatibly:\n  ENUM_NARROWED  \`aspect_ratio\` must be one of "16:9", "1:1" now.\nskillhub build: 1 published skill would break its users; publish the new contract as a new -v<N+1> skill. Nothing written, next is unchanged.\n`,
    });
    // The same contract under a new major version is a new skill: nothing to refuse.
    const v2 = IDS.alpha.replace(/-v1$/, '-v2');
    await cp(path.join(repo, 'skills', IDS.alpha), path.join(repo, 'skills', v2), { recursive: true });
    await writeFile(path.join(repo, 'skills', v2, 'SKILL.md'), (await readFile(file, 'utf8')).split(IDS.alpha).join(v2).replace('version: v1', 'version: v2'));
    await writeFile(file, skillText(IDS.alpha));
    expect((await cli(repo, 'build', '--out', 'next', '--previous', 'published')).code).toBe(0);
  }, 180000);

  it('exits 2 for a folder that is neither a catalog nor skills, and for a wrong number of folders', async () => {
    const empty = await makeTempDir();
    expect(await cli(empty, 'diff', 'nowhere', '.')).toEqual({ code: 2, out: '', err: 'skillhub diff: nowhere is not a folder\n' });
    expect(await cli(empty, 'diff', '.')).toEqual({ code: 2, out: '', err: 'skillhub diff: give two folders: skillhub diff <old> <new>\n' });
  });
});
