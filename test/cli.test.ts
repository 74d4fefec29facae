import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_RULES } from '../src/check/rules/index.js';
import { EXAMPLE_FRONT_MATTER, EXAMPLE_ID, exampleSkill } from '../src/check/rules/example-skill.js';
import type { CommandIo } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { renderRuleDocs } from '../src/cli/rules.js';
import { BUILT_BIN } from './support/built-cli.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], cwd: string): Promise<Run> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CommandIo = { cwd, stdout: (text) => stdout.push(text), stderr: (text) => stderr.push(text), readStdin: async () => '' };
  const code = await main(argv, io);
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

let root = '';

/** Writes `<catalog>/<EXAMPLE_ID>/SKILL.md` under the temporary root. */
async function writeCatalog(catalog: string, text: string): Promise<void> {
  const folder = path.join(root, catalog, EXAMPLE_ID);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'SKILL.md'), text);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'skillhub-cli-'));
  await writeCatalog('clean', exampleSkill());
  await writeCatalog('project/skills', exampleSkill());
  await writeCatalog('broken', exampleSkill({ frontMatter: EXAMPLE_FRONT_MATTER.replace('estimated_duration_s: 60', 'estimated_duration_s: -5') }));
  await writeCatalog('warned', exampleSkill({ frontMatter: `${EXAMPLE_FRONT_MATTER}\nsurprise: yes\nextra: 1` }));
  await writeFile(path.join(root, 'notes.txt'), 'not a skill\n');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('skillhub validate', () => {
  it('exits 0 and prints nothing on a clean skill', async () => {
    expect(await run(['validate', 'clean'], root)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('validates skills/ when no path is given', async () => {
    expect(await run(['validate'], path.join(root, 'project'))).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('exits 1 with errors and prints them in the stylish format', async () => {
    expect(await run(['validate', 'broken'], root)).toEqual({
      code: 1,
      stdout: [
        `broken/${EXAMPLE_ID}/SKILL.md`,
        '  9:23  error  `estimated_duration_s` must be a positive whole number of seconds, got `-5`.  frontmatter-schema',
        '',
        '✖ 1 problem (1 error, 0 warnings)',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('prints each format through the CLI', async () => {
    const github = await run(['validate', 'broken', '--format', 'github'], root);
    expect(github).toEqual({
      code: 1,
      stdout: `::error file=broken/${EXAMPLE_ID}/SKILL.md,line=9,col=23,endLine=9,endColumn=25,title=frontmatter-schema::\`estimated_duration_s\` must be a positive whole number of seconds, got \`-5\`.\n`,
      stderr: '',
    });
    const json = await run(['validate', 'broken', '--format=json'], root);
    expect(json.code).toBe(1);
    const [result] = JSON.parse(json.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number; column: number }> }>;
    expect(result?.filePath).toBe(path.join(root, 'broken', EXAMPLE_ID, 'SKILL.md'));
    expect(result?.messages.map((m) => `${m.ruleId}@${m.line}:${m.column}`)).toEqual(['frontmatter-schema@9:23']);
    const sarif = await run(['validate', 'broken', '--format', 'sarif'], root);
    expect(sarif.code).toBe(1);
    const log = JSON.parse(sarif.stdout) as { runs: [{ results: Array<{ ruleId: string; locations: [{ physicalLocation: { artifactLocation: { uri: string } } }] }> }] };
    expect(log.runs[0].results.map((r) => [r.ruleId, r.locations[0].physicalLocation.artifactLocation.uri])).toEqual([
      ['frontmatter-schema', `broken/${EXAMPLE_ID}/SKILL.md`],
    ]);
  });

  it('exits 0 with warnings unless they exceed --max-warnings', async () => {
    const plain = await run(['validate', 'warned', '--format', 'json'], root);
    expect(plain.code).toBe(0);
    const [result] = JSON.parse(plain.stdout) as Array<{ errorCount: number; warningCount: number }>;
    expect(result).toMatchObject({ errorCount: 0, warningCount: 2 });
    expect(await run(['validate', 'warned', '--format', 'json', '--max-warnings', '2'], root)).toMatchObject({ code: 0, stderr: '' });
    expect(await run(['validate', 'warned', '--format', 'json', '--max-warnings', '1'], root)).toMatchObject({
      code: 1,
      stderr: 'skillhub: 2 warnings, more than --max-warnings 1\n',
    });
  });

  it('exits 2 for a path that does not exist', async () => {
    expect(await run(['validate', 'nowhere'], root)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'skillhub validate: No files matching the pattern "nowhere" were found (looked for SKILL.md files).\n',
    });
  });

  it('exits 2 for an unknown --format', async () => {
    expect(await run(['validate', 'clean', '--format', 'xml'], root)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'skillhub validate: --format must be one of stylish, json, github, sarif; got "xml"\n',
    });
  });

  it('exits 2 for an unknown flag or a bad --max-warnings', async () => {
    const unknown = await run(['validate', 'clean', '--frobnicate'], root);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toBe('skillhub validate: Unknown option `--frobnicate` (see --help)\n');
    expect(await run(['validate', 'clean', '--max-warnings', 'many'], root)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'skillhub validate: --max-warnings expects a whole number, got "many"\n',
    });
  });

  it('exits 2 for an unknown command', async () => {
    expect(await run(['lint'], root)).toEqual({ code: 2, stdout: '', stderr: 'skillhub: unknown command `lint` (run `skillhub --help` for the list)\n' });
  });
});

describe('skillhub rules', () => {
  it('lists every rule id, one per line, in order', async () => {
    const result = await run(['rules'], root);
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd().split('\n').map((line) => line.split(/\s+/)[0])).toEqual(ALL_RULES.map((rule) => rule.id));
  });

  it("prints one rule's docs", async () => {
    const rule = ALL_RULES.find((candidate) => candidate.id === 'frontmatter-schema');
    if (!rule) throw new Error('frontmatter-schema is not registered');
    const result = await run(['rules', 'frontmatter-schema'], root);
    expect(result).toEqual({ code: 0, stdout: renderRuleDocs(rule), stderr: '' });
    expect(result.stdout.startsWith('# frontmatter-schema\n')).toBe(true);
    expect(result.stdout).toContain(rule.docs);
  });

  it('exits 2 for an unknown rule (a usage error), naming the closest ids', async () => {
    const typo = await run(['rules', 'frontmater-schema'], root);
    expect(typo.code).toBe(2);
    expect(typo.stdout).toBe('');
    expect(typo.stderr).toMatch(/^skillhub rules: no rule "frontmater-schema"\. Closest: frontmatter-schema[,.]/);
    expect(await run(['rules', 'nope'], root)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'skillhub rules: no rule "nope". Run `skillhub rules` for the list.\n',
    });
  });
});

describe('the built bin', () => {
  const bin = BUILT_BIN;

  beforeAll(() => {
    // test/global-setup.ts compiles dist/ once before the tests.
    if (!existsSync(bin)) throw new Error(`the build did not produce ${bin}`);
  });

  const spawnBin = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });

  it('exits 0 on a clean catalog', () => {
    const result = spawnBin(['validate', 'clean']);
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('exits 1 and writes the whole report when stdout is a pipe', () => {
    const result = spawnBin(['validate', 'broken', '--format', 'sarif']);
    expect(result.status).toBe(1);
    expect((JSON.parse(result.stdout) as { version: string }).version).toBe('2.1.0');
  });

  it('reports a usage error without a stack trace (exit 2)', () => {
    const result = spawnBin(['validate', 'notes.txt']);
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({
      status: 2,
      stdout: '',
      stderr: 'skillhub validate: Not a SKILL.md or a folder: notes.txt\n',
    });
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
