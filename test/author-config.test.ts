import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandIo } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { EXAMPLE_BODY, EXAMPLE_FRONT_MATTER, EXAMPLE_ID, exampleSkill } from '../src/check/rules/example-skill.js';
import { BUILT_BIN } from './support/built-cli.js';

const BIN = BUILT_BIN;
const SKILL = `skills/${EXAMPLE_ID}/SKILL.md`;
const TEMPLATE = '"aspect_ratio": "16:9"\n';
const TRAILING = '"aspect_ratio": "16:9",\n';
const WRONG_VERSION = exampleSkill({ frontMatter: EXAMPLE_FRONT_MATTER.replace('version: v1', 'version: v2') });

let root = '';

/** The built binary, as a user runs it (slow on a loaded machine: used for the end-to-end cases). */
function runBin(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: root, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The same command in process (the CLI's main), for the many smaller cases. */
async function run(args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CommandIo = { cwd: root, stdout: (text) => stdout.push(text), stderr: (text) => stderr.push(text), readStdin: async () => '' };
  const code = await main(args, io);
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

async function write(relative: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
  await writeFile(path.join(root, relative), text);
}

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'skillhub-author-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('skillhub.config.json', { timeout: 120_000 }, () => {
  it('sets severities, with overrides per glob, found above the validated folder', async () => {
    await write(SKILL, WRONG_VERSION);
    await write('skillhub.config.json', JSON.stringify({ rules: { 'version-matches-name': 'warn' } }));
    expect((await run(['validate', 'skills']))).toEqual({
      code: 0,
      stdout: [SKILL, '  7:10  warning  `version` is `v2` but the name ends in `-v1`: make them agree.  version-matches-name', '', '✖ 1 problem (0 errors, 1 warning)', ''].join('\n'),
      stderr: '',
    });
    await write(
      'skillhub.config.json',
      JSON.stringify({ rules: { 'version-matches-name': 'warn' }, overrides: [{ files: ['skills/popiskill-image-*/**'], rules: { 'version-matches-name': 'off' } }] }),
    );
    expect((await run(['validate', `skills/${EXAMPLE_ID}`]))).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('refuses a wrong configuration with every problem at its line and column, and suggests rule ids', async () => {
    await write(SKILL, exampleSkill());
    await write(
      'skillhub.config.json',
      '{\n  "rules": {\n    "payload-jsn": "off",\n    "file-size": "off",\n    "single-h1": "warning"\n  },\n  "ignore": []\n}\n',
    );
    expect((await run(['validate']))).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        'skillhub validate: invalid configuration (4 problems):',
        '  skillhub.config.json:3:5  unknown rule `payload-jsn`. Did you mean `payload-json`? Run `skillhub rules` for the list.',
        '  skillhub.config.json:4:18  `file-size` is a safety rule: it is always an error and cannot be set to "off".',
        '  skillhub.config.json:5:18  `rules.single-h1` must be "off", "warn" or "error", got "warning".',
        '  skillhub.config.json:7:3  unknown key `ignore` in the configuration. Did you mean `ignores`?',
        '',
      ].join('\n'),
    });
    await write('skillhub.config.json', '{ "rules": { } // no comments\n}');
    expect((await run(['validate'])).stderr).toBe('skillhub validate: invalid configuration (1 problem):\n  skillhub.config.json:1:16  not valid JSON: comments are not allowed in JSON.\n');
  });

  it('ignores files by glob, reads --config, and prints the effective configuration', async () => {
    await write(SKILL, WRONG_VERSION);
    await write('conf/strict.json', JSON.stringify({ ignores: ['../skills/*-demo-v1'], rules: { 'single-h1': 'warn' } }));
    expect((await run(['validate', '--config', 'conf/strict.json'])).code).toBe(1);
    await write('conf/strict.json', JSON.stringify({ ignores: ['skills/*-demo-v1'], rules: { 'single-h1': 'warn' } }));
    await write('skillhub.config.json', JSON.stringify({ ignores: ['skills/*-demo-v1'], rules: { 'single-h1': 'warn' } }));
    expect((await run(['validate']))).toEqual({ code: 0, stdout: '', stderr: '' });
    const printed = (await run(['validate', '--print-config', SKILL]));
    expect(printed.code).toBe(0);
    const config = JSON.parse(printed.stdout) as { configFile: string; ignored: boolean; rules: Record<string, string> };
    expect(config.configFile).toBe(path.join(root, 'skillhub.config.json'));
    expect(config.ignored).toBe(true);
    expect(config.rules['single-h1']).toBe('warn');
    expect(config.rules['version-matches-name']).toBe('error');
    expect(config.rules['file-size']).toBe('error');
  });

  it('build honours it: an error rule turned off is off there too', async () => {
    await write(SKILL, WRONG_VERSION);
    expect((await run(['build', '--root', 'skills', '--out', 'out'])).code).toBe(1);
    await write('skillhub.config.json', JSON.stringify({ rules: { 'version-matches-name': 'off' } }));
    const built = (await run(['build', '--root', 'skills', '--out', 'out']));
    expect(built.code).toBe(0);
    expect(built.stdout).toMatch(/^skillhub build: wrote out \(1 skill, sha256 [0-9a-f]{64}\)\.\n$/);
  });
});

describe('inline disable comments', { timeout: 120_000 }, () => {
  it('silence the named rules in the next block only, and ranges until enable', async () => {
    const body = EXAMPLE_BODY.replace(TEMPLATE, TRAILING).replace('```json', '<!-- skillhub-disable-next-line payload-json -- shows the mistake -->\n```json');
    await write(SKILL, exampleSkill({ body }));
    expect((await run(['validate']))).toEqual({ code: 0, stdout: '', stderr: '' });

    const ranged = EXAMPLE_BODY.replace(TEMPLATE, TRAILING).replace('## Payload template', '<!-- skillhub-disable payload-json -->\n\n## Payload template').replace('## Output handling', '<!-- skillhub-enable payload-json -->\n\n## Output handling');
    await write(SKILL, exampleSkill({ body: ranged }));
    expect((await run(['validate']))).toEqual({ code: 0, stdout: '', stderr: '' });

    // The comment covers the block right after it, not the template further down.
    const elsewhere = EXAMPLE_BODY.replace(TEMPLATE, TRAILING).replace('## Workflow', '<!-- skillhub-disable-next-line payload-json -->\n\n## Workflow');
    await write(SKILL, exampleSkill({ body: elsewhere }));
    expect((await run(['validate', '--report-unused-disable-directives', '--format', 'json'])).stdout).toContain('"ruleId":"payload-json"');
    const unused = (await run(['validate', '--report-unused-disable-directives']));
    expect(unused.code).toBe(1);
    expect(unused.stdout).toBe(
      [
        SKILL,
        '  22:1   error  `skillhub-disable-next-line payload-json` silenced nothing: `payload-json` reports no problem in the next block. Remove it.  disable-directive',
        '  40:25  error  Invalid JSON: trailing comma before `}`: remove it.  payload-json',
        '',
        '✖ 2 problems (2 errors, 0 warnings)',
        '',
      ].join('\n'),
    );
  });

  it('report unused ones from the configuration, and never silence a directive error', async () => {
    const body = EXAMPLE_BODY.replace('## Workflow', '<!-- skillhub-disable-next-line single-h1 -->\n\n<!-- skillhub-disable -->\n\n## Workflow');
    await write(SKILL, exampleSkill({ body }));
    await write('skillhub.config.json', JSON.stringify({ reportUnusedDisableDirectives: 'warn' }));
    expect((await run(['validate'])).stdout).toBe(
      [
        SKILL,
        '  22:1  warning  `skillhub-disable-next-line single-h1` silenced nothing: `single-h1` reports no problem in the next block. Remove it.  disable-directive',
        '  24:1  error    `skillhub-disable` names no rule: name each rule it silences (`skillhub rules` lists them).  disable-directive',
        '',
        '✖ 2 problems (1 error, 1 warning)',
        '',
      ].join('\n'),
    );
  });
});

describe('--fix', { timeout: 180_000 }, () => {
  it('applies every fix until stable, writes atomically, keeps a BOM, and reports what is left', async () => {
    const broken = exampleSkill({
      frontMatter: EXAMPLE_FRONT_MATTER.replace('version: v1', 'version: v3').replace('  - text2image\n', ''),
      body: EXAMPLE_BODY.replace(TEMPLATE, TRAILING).replace('## Required input', '## Required inputs'),
    });
    await write(SKILL, `\uFEFF${broken}`);
    const dry = runBin(['validate', '--fix-dry-run', '--format', 'json']);
    expect(dry.code).toBe(0);
    const [result] = JSON.parse(dry.stdout) as Array<{ output: string; messages: unknown[] }>;
    expect(result?.messages).toEqual([]);
    expect(result?.output).toBe(exampleSkill());
    expect(await readFile(path.join(root, SKILL), 'utf8')).toBe(`\uFEFF${broken}`);

    const fixed = runBin(['validate', '--fix']);
    const text = await readFile(path.join(root, SKILL), 'utf8');
    expect(text).toBe(`\uFEFF${exampleSkill()}`);
    expect(fixed).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('rewrites committed schema files from the SKILL.md', async () => {
    await write(SKILL, exampleSkill());
    await write(`skills/${EXAMPLE_ID}/input_schema.json`, '{"type": "object", "properties": {}}\n');
    expect((await run(['validate'])).code).toBe(1);
    expect((await run(['validate', '--fix']))).toEqual({ code: 0, stdout: '', stderr: '' });
    const schema = JSON.parse(await readFile(path.join(root, `skills/${EXAMPLE_ID}/input_schema.json`), 'utf8')) as { properties: object };
    expect(Object.keys(schema.properties)).toEqual(['prompt', 'aspect_ratio']);
  });
});
