import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandIo } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { SCHEMA_HELP } from '../src/cli/schema.js';
import { deriveText, IMG2IMG, IMG2IMG_ID, IMG2VIDEO, IMG2VIDEO_ID, skillText } from './derive-fixtures.js';

async function run(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CommandIo = { cwd, stdout: (text) => void stdout.push(text), stderr: (text) => void stderr.push(text), readStdin: async () => '' };
  const code = await main(['schema', ...argv], io);
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

let root = '';
const BROKEN_ID = 'popiskill-image-broken-v1';

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'skillhub-schema-'));
  const skills = path.join(root, 'skills');
  for (const [id, text] of [
    [IMG2IMG_ID, IMG2IMG],
    [IMG2VIDEO_ID, IMG2VIDEO],
    [BROKEN_ID, skillText(BROKEN_ID, '## Required input\n\n- `promt`\n')],
  ] as const) {
    await mkdir(path.join(skills, id), { recursive: true });
    await writeFile(path.join(skills, id, 'SKILL.md'), text);
  }
  await mkdir(path.join(root, 'elsewhere', 'popiskill-image-outside-v1'), { recursive: true });
  await writeFile(path.join(root, 'elsewhere', 'popiskill-image-outside-v1', 'SKILL.md'), skillText('popiskill-image-outside-v1', '# Outside\n'));
  await mkdir(path.join(skills, 'popiskill-image-linked-v1'));
  await symlink(path.join(root, 'elsewhere', 'popiskill-image-outside-v1', 'SKILL.md'), path.join(skills, 'popiskill-image-linked-v1', 'SKILL.md'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('skillhub schema', () => {
  it('prints both derived schemas as pretty JSON, input first', async () => {
    const result = await run([IMG2IMG_ID], root);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const derived = deriveText(IMG2IMG);
    expect(result.stdout).toBe(`${JSON.stringify({ input_schema: derived.inputSchema, output_schema: derived.outputSchema }, null, 2)}\n`);
    expect(result.stdout.startsWith('{\n  "input_schema": {\n    "$schema": "https://json-schema.org/draft/2020-12/schema",\n    "type": "object",\n    "properties": {\n      "prompt": {\n        "type": "string",\n        "description": "how the picture should change",\n')).toBe(true);
    expect(Object.keys(JSON.parse(result.stdout) as object)).toEqual(['input_schema', 'output_schema']);
  });

  it('reads the skills folder of --root, or --root itself when it is the skills folder', async () => {
    const fromRoot = await run([IMG2VIDEO_ID, '--root', root], os.tmpdir());
    const fromSkills = await run([IMG2VIDEO_ID, '--root', 'skills'], root);
    expect(fromRoot.code).toBe(0);
    expect(fromSkills).toEqual(fromRoot);
  });

  it('exits 1 for an unknown id and names the closest ids', async () => {
    expect(await run(['popiskill-image-img2img-basic-v2'], root)).toEqual({
      code: 1,
      stdout: '',
      stderr: `skillhub schema: no skill "popiskill-image-img2img-basic-v2" in skills. Closest: ${IMG2IMG_ID}.\n`,
    });
    expect(await run(['text-to-speech'], root)).toEqual({ code: 1, stdout: '', stderr: 'skillhub schema: no skill "text-to-speech" in skills. It has 4 skills.\n' });
  });

  it('prints the schemas of a document with problems, lists the problems and exits 1', async () => {
    const result = await run([BROKEN_ID], root);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toHaveProperty('input_schema.properties.promt', {});
    expect(result.stderr).toBe(
      `${path.join('skills', BROKEN_ID, 'SKILL.md')}:11:3 \`promt\` has no type: it is not in the field vocabulary (schemas/input-fields.json) and has no inline type. Add it to the vocabulary (the input part of schemas/input-fields.json, or of a catalog vocabulary read with --root or named by the vocabulary key of skillhub.config.json), or give its type here, such as \`\` \`promt\` (string): description \`\`. Did you mean \`prompt\`? (input-field-unknown)\n`,
    );
  });

  it('refuses a SKILL.md that links out of the catalog', async () => {
    expect(await run(['popiskill-image-linked-v1'], root)).toEqual({
      code: 1,
      stdout: '',
      stderr: `skillhub schema: cannot read ${path.join('skills', 'popiskill-image-linked-v1', 'SKILL.md')}: it is a symbolic link out of the catalog (to ${path.join(root, 'elsewhere', 'popiskill-image-outside-v1', 'SKILL.md')})\n`,
    });
  });

  it('exits 2 on usage errors, and prints its help', async () => {
    expect(await run([], root)).toEqual({ code: 2, stdout: '', stderr: 'skillhub schema: name the skill: skillhub schema <skill-id> [--root <dir>]\n' });
    expect(await run(['a', 'b'], root)).toEqual({ code: 2, stdout: '', stderr: 'skillhub schema: expected one skill id, got 2\n' });
    expect(await run(['a', '--root', 'missing'], root)).toEqual({ code: 2, stdout: '', stderr: 'skillhub schema: No such folder: missing\n' });
    expect(await run(['a', '--bogus'], root)).toMatchObject({ code: 2, stdout: '' });
    expect(await run(['--help'], root)).toEqual({ code: 0, stdout: `${SCHEMA_HELP}\n`, stderr: '' });
  });
});
