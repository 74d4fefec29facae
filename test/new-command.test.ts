import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_ID, exampleSkill } from '../src/check/rules/example-skill.js';
import { BUILT_BIN } from './support/built-cli.js';

const BIN = BUILT_BIN;
let root = '';

function run(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: root, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'skillhub-new-'));
  await mkdir(path.join(root, 'skills', EXAMPLE_ID), { recursive: true });
  await writeFile(path.join(root, 'skills', EXAMPLE_ID, 'SKILL.md'), exampleSkill({ frontMatter: `name: ${EXAMPLE_ID}\ndescription: Generate one image from a text prompt. Use it for quick concept frames.\ntags:\n  - image\n  - text2image\nversion: v1\nmodel_type: image\nestimated_duration_s: 60\ndefault_profile: true\nprofile_description: The demo.` }));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('skillhub new', { timeout: 120_000 }, () => {
  it('scaffolds a skill from its id that validates clean, with the whole catalog', async () => {
    expect(run(['new', 'popiskill-audio-tts-warm-voice-v2'])).toEqual({
      code: 0,
      stdout: 'skillhub new: created skills/popiskill-audio-tts-warm-voice-v2/SKILL.md. Edit it, then run `skillhub validate skills/popiskill-audio-tts-warm-voice-v2 --fix`.\n',
      stderr: '',
    });
    const text = await readFile(path.join(root, 'skills/popiskill-audio-tts-warm-voice-v2/SKILL.md'), 'utf8');
    expect(text).toContain('name: popiskill-audio-tts-warm-voice-v2\n');
    expect(text).toContain('tags:\n  - audio\n  - tts\nversion: v2\nmodel_type: audio\n');
    expect(text).toContain('\n# Tts Warm Voice\n');
    for (const section of ['Required input', 'Optional input', 'Workflow', 'Command pattern', 'Payload template', 'Output handling', 'Operating guidance']) {
      expect(text).toContain(`\n## ${section}\n`);
    }
    expect(run(['new', 'popiskill-image-text2image-sketch-v1', '--from', EXAMPLE_ID]).code).toBe(0);
    const copy = await readFile(path.join(root, 'skills/popiskill-image-text2image-sketch-v1/SKILL.md'), 'utf8');
    expect(copy).toContain('popiart run popiskill-image-text2image-sketch-v1 --input @params.json --wait');
    expect(copy).not.toContain(EXAMPLE_ID);
    expect(copy).not.toContain('default_profile');
    expect(run(['validate'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('refuses a malformed id, an existing one and an unknown --from, writing nothing', () => {
    expect(run(['new', 'popiskill-image-Bad-v1'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'skillhub new: "popiskill-image-Bad-v1" is not a valid skill id: `name` has uppercase letters: write it in lowercase (`popiskill-image-bad-v1`).\n',
    });
    expect(run(['new', EXAMPLE_ID])).toEqual({ code: 2, stdout: '', stderr: `skillhub new: skills/${EXAMPLE_ID} already exists: pick another id, or edit that skill\n` });
    expect(run(['new', 'popiskill-image-text2image-other-v1', '--from', 'popiskill-image-nothing-here-v1'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'skillhub new: --from: no skill "popiskill-image-nothing-here-v1" in skills\n',
    });
    expect(existsSync(path.join(root, 'skills/popiskill-image-text2image-other-v1'))).toBe(false);
    expect(existsSync(path.join(root, 'skills/popiskill-image-Bad-v1'))).toBe(false);
  });
});
