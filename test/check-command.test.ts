import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandIo } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { IDS, skillText, writeSkillsRepo } from './publish-fixtures.js';

async function run(cwd: string, argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { cwd, stdout: (text) => out.push(text), stderr: (text) => err.push(text), readStdin: async () => stdin };
  const code = await main(argv, io);
  return { code, out: out.join(''), err: err.join('') };
}

const INVALID = '{"prompt":"","aspect_ratio":"wide","colour":"red"}';
const INVALID_TEXT = [
  `${IDS.alpha}: the payload is not valid (3 problems):`,
  '  /colour  `colour` is not an input of this skill.  additionalProperties',
  '  /aspect_ratio  `aspect_ratio` must be a string matching `^[1-9][0-9]*:[1-9][0-9]*$`, got the string "wide".  pattern',
  '  /prompt  `prompt` must be a non-empty string, got the string "".  minLength',
  '',
].join('\n');

describe('skillhub check', () => {
  it('exits 0 for a valid payload, built from ./skills in memory', async () => {
    const repo = await writeSkillsRepo({ [IDS.alpha]: {}, [IDS.beta]: {} });
    expect(await run(repo, ['check', IDS.alpha, '--input', '{"prompt":"a fox","aspect_ratio":"4:3"}'])).toEqual({
      code: 0,
      out: `${IDS.alpha}: the payload is valid.\n`,
      err: '',
    });
  });

  it('exits 1 naming the JSON pointer and what was expected for each problem', async () => {
    const repo = await writeSkillsRepo({ [IDS.alpha]: {} });
    expect(await run(repo, ['check', IDS.alpha, '--input', INVALID])).toEqual({ code: 1, out: INVALID_TEXT, err: '' });
  });

  it('--format json prints the {valid, errors} of POST /skills/<id>/validate', async () => {
    const repo = await writeSkillsRepo({ [IDS.alpha]: {} });
    const result = await run(repo, ['check', IDS.alpha, '-i', '{"aspect_ratio":"16:9"}', '--format', 'json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out)).toEqual({ valid: false, errors: [{ path: '', message: 'The input needs `prompt`.', keyword: 'required' }] });
  });

  it('reads the payload from @file.json or from standard input', async () => {
    const repo = await writeSkillsRepo({ [IDS.alpha]: {} });
    await writeFile(path.join(repo, 'params.json'), INVALID);
    expect(await run(repo, ['check', IDS.alpha, '--input', '@params.json'])).toEqual({ code: 1, out: INVALID_TEXT, err: '' });
    expect(await run(repo, ['check', IDS.alpha, '--input', '-'], '{"prompt":"x"}')).toMatchObject({ code: 0 });
  });

  it('validates against a built catalog with --catalog, and the sources under --root', async () => {
    const repo = await writeSkillsRepo({ [IDS.alpha]: {} });
    expect((await run(repo, ['build', '--out', 'built'])).code).toBe(0);
    expect(await run(repo, ['check', IDS.alpha, '--catalog', 'built', '--input', INVALID])).toEqual({ code: 1, out: INVALID_TEXT, err: '' });
    const elsewhere = path.dirname(repo);
    expect(await run(elsewhere, ['check', IDS.alpha, '--root', path.join(repo, 'skills'), '--input', INVALID])).toEqual({ code: 1, out: INVALID_TEXT, err: '' });
  });

  it('checks a skill even when another skill under --root has errors, but not a skill that has errors itself', async () => {
    const repo = await writeSkillsRepo({ [IDS.alpha]: {}, [IDS.beta]: {} });
    await writeFile(path.join(repo, 'skills', IDS.beta, 'SKILL.md'), skillText(IDS.beta).replace('version: v1', 'version: 1'));
    expect((await run(repo, ['check', IDS.alpha, '--input', '{"prompt":"x"}'])).code).toBe(0);
    expect(await run(repo, ['check', IDS.beta, '--input', '{"prompt":"x"}'])).toEqual({
      code: 1,
      out: '',
      err: [
        path.join('skills', IDS.beta, 'SKILL.md'),
        '  7:10  error  `version` must be `v` and a major version number, such as `v1`, got `1`.  frontmatter-schema',
        '',
        '✖ 1 problem (1 error, 0 warnings)',
        `skillhub check: ${IDS.beta} does not validate; fix the errors above first.`,
        '',
      ].join('\n'),
    });
  });

  it('uses the field vocabulary that a catalog folder given as --root brings in schemas/input-fields.json', async () => {
    const repo = await writeSkillsRepo({ [IDS.alpha]: {} });
    const withLightingRig = skillText(IDS.alpha).replace('- `aspect_ratio`: framing such as `16:9`', '- `aspect_ratio`: framing such as `16:9`\n- `lighting_rig`: the studio light setup');
    await writeFile(path.join(repo, 'skills', IDS.alpha, 'SKILL.md'), withLightingRig);
    await mkdir(path.join(repo, 'schemas'));
    await writeFile(path.join(repo, 'schemas', 'input-fields.json'), JSON.stringify({ input: { lighting_rig: { type: 'string', enum: ['softbox', 'rim'], description: 'The studio light setup.' } } }));
    const elsewhere = path.dirname(repo);
    const result = await run(elsewhere, ['check', IDS.alpha, '--root', repo, '--input', '{"prompt":"x","lighting_rig":"neon"}', '--format', 'json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out)).toEqual({
      valid: false,
      errors: [{ path: '/lighting_rig', message: expect.stringContaining('`lighting_rig` must be one of'), keyword: 'enum' }],
    });
    expect((await run(repo, ['check', IDS.alpha, '--input', '{"prompt":"x","lighting_rig":"rim"}'])).code).toBe(0);
  });

  it('exits 1 for content problems: an unknown skill id (as schema does) and a payload that is not JSON', async () => {
    const repo = await writeSkillsRepo({ [IDS.alpha]: {}, [IDS.beta]: {} });
    expect(await run(repo, ['check', 'popiskill-image-text2image-alpah-v1', '--input', '{}'])).toEqual({
      code: 1,
      out: '',
      err: `skillhub check: unknown skill "popiskill-image-text2image-alpah-v1". Closest: ${IDS.alpha}, ${IDS.beta}.\n`,
    });
    const built = await run(repo, ['build']);
    expect(built.code).toBe(0);
    expect(await run(repo, ['check', 'popiskill-nope-v1', '--catalog', 'catalog', '--input', '{}'])).toEqual({
      code: 1,
      out: '',
      err: 'skillhub check: unknown skill "popiskill-nope-v1".\n',
    });
    const malformed = await run(repo, ['check', IDS.alpha, '--input', '{"prompt":']);
    expect([malformed.code, malformed.out]).toEqual([1, '']);
    expect(malformed.err).toMatch(/^skillhub check: the payload is not valid JSON: .+\n$/);
  });

  it('exits 2 for usage errors: missing input, surplus arguments, both sources, bad catalog', async () => {
    const repo = await writeSkillsRepo({ [IDS.alpha]: {}, [IDS.beta]: {} });
    const cases: Array<[string[], string]> = [
      [['check', IDS.alpha], 'skillhub check: --input is required: inline JSON, @file.json, or - for standard input\n'],
      [['check', '--input', '{}'], 'skillhub check: name the skill: skillhub check <skill-id> --input <json | @file.json | ->\n'],
      [['check', IDS.alpha, IDS.beta, '--input', '{}'], `skillhub check: expected one skill id, got 2: unexpected argument "${IDS.beta}"\n`],
      [['check', IDS.alpha, '--input', '@missing.json'], 'skillhub check: --input @missing.json: no such file\n'],
      [['check', IDS.alpha, '--input', '{}', '--catalog', 'a', '--root', 'b'], 'skillhub check: give --catalog or --root, not both\n'],
      [['check', IDS.alpha, '--input', '{}', '--catalog', 'nowhere'], 'skillhub check: cannot use --catalog nowhere: catalog.json is missing\n'],
      [['check', IDS.alpha, '--input', '{}', '--format', 'xml'], 'skillhub check: --format must be one of text, json; got "xml"\n'],
    ];
    for (const [argv, message] of cases) {
      const result = await run(repo, argv);
      expect([argv, result.code, result.out]).toEqual([argv, 2, '']);
      expect(result.err.startsWith(message), `${argv.join(' ')}: ${result.err}`).toBe(true);
      if (message.endsWith('\n')) expect(result.err).toBe(message);
    }
  });
});
