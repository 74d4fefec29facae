import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CommandIo } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { IDS, makeTempDir, skillText } from './publish-fixtures.js';
import { BUILT_BIN } from './support/built-cli.js';

/**
 * The everyday CLI conventions (issue 9) and one skill validated in its catalog (issue 8 §4),
 * tested by running the built bin as a user would; a few terminal-only behaviours also run
 * in-process with a terminal-like io.
 */
// Each test runs the CLI several times, some as new processes: on a busy 2-core machine that can take a while.
vi.setConfig({ testTimeout: 120_000 });

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = BUILT_BIN;
const TRACE = path.join(REPO_ROOT, 'test', 'support', 'trace-imports.mjs');

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process, as the bin does, without a terminal (or, with `tty`, on one). */
async function cli(cwd: string, args: string[], options: { input?: string; env?: Record<string, string>; tty?: boolean } = {}): Promise<Ran> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CommandIo = {
    cwd,
    stdout: (text) => void stdout.push(text),
    stderr: (text) => void stderr.push(text),
    readStdin: async () => options.input ?? '',
    stdoutIsTTY: options.tty === true,
    stderrIsTTY: options.tty === true,
    env: options.env ?? {},
  };
  const status = await main(args, io);
  return { status, stdout: stdout.join(''), stderr: stderr.join('') };
}

/** Runs the built CLI without a terminal and without colour variables from the outer environment. */
function bin(cwd: string, args: string[], options: { input?: string; env?: Record<string, string> } = {}): Ran {
  const env = { ...process.env, ...options.env };
  for (const name of ['NO_COLOR', 'FORCE_COLOR'] as const) if (!options.env?.[name]) delete env[name];
  const result: SpawnSyncReturns<string> = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env,
    encoding: 'utf8',
    timeout: 60_000,
    ...(options.input === undefined ? {} : { input: options.input }),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const { alpha, beta, gamma } = IDS;
const SWITCH = `- If the user needs a second opinion, switch to \`${beta}\`.`;
const RIG_FIELD = '- `aspect_ratio`: framing such as `16:9`\n- `lighting_rig`: the studio light setup';
/** alpha uses a field only the catalog's own vocabulary knows, and sends agents to beta. */
const ALPHA = skillText(alpha).replace('- Keep prompts short.', SWITCH).replace('- `aspect_ratio`: framing such as `16:9`', RIG_FIELD);
const VOCABULARY = JSON.stringify({ input: { lighting_rig: { type: 'string', enum: ['softbox', 'rim'], description: 'The studio light setup.' } } });
const BROKEN_BETA = skillText(beta).replace('version: v1', 'version: 1');
const WARNED_GAMMA = skillText(gamma).replace('version: v1', 'version: v1\nsurprise: yes');

async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [relative, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
    await writeFile(path.join(root, relative), text);
  }
}

let clean = '';
let dirty = '';
let tmp = '';

beforeAll(async () => {
  tmp = await makeTempDir();
  clean = path.join(tmp, 'clean');
  dirty = path.join(tmp, 'dirty');
  await writeFiles(clean, {
    [`skills/${alpha}/SKILL.md`]: ALPHA,
    [`skills/${beta}/SKILL.md`]: skillText(beta),
    'schemas/input-fields.json': VOCABULARY,
    'docs/notes.md': '# not a skill\n',
  });
  await writeFiles(dirty, {
    [`skills/${alpha}/SKILL.md`]: ALPHA,
    [`skills/${beta}/SKILL.md`]: BROKEN_BETA,
    [`skills/${gamma}/SKILL.md`]: WARNED_GAMMA,
    'skills/popiskill-image-text2image-delta-v1/skill.md': skillText('popiskill-image-text2image-delta-v1'),
    'schemas/input-fields.json': VOCABULARY,
  });
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const BETA_ERROR = '  7:10  error  `version` must be `v` and a major version number, such as `v1`, got `1`.  frontmatter-schema';

describe('one skill is validated in its catalog', () => {
  it('validate skills/<one-skill> of a clean catalog exits 0: references and the catalog vocabulary resolve', async () => {
    expect(bin(clean, ['validate', `skills/${alpha}`])).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(await cli(clean, ['validate', `skills/${alpha}/SKILL.md`])).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('works from inside skills/ or any folder below it', async () => {
    expect(await cli(path.join(clean, 'skills'), ['validate', alpha])).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(await cli(path.join(clean, 'skills', alpha), ['validate', 'SKILL.md'])).toEqual({ status: 0, stdout: '', stderr: '' });
    // With no path, the whole catalog, wherever in it the command runs.
    expect((await cli(path.join(clean, 'skills', alpha), ['validate', '--format', 'json'])).stdout).toContain(`skills/${beta}/SKILL.md`);
    // The cache lives in the catalog folder, wherever the command runs.
    expect(await cli(path.join(clean, 'skills', alpha), ['validate', '--cache'])).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(existsSync(path.join(clean, 'node_modules', '.cache', 'skillhub', 'validate.json'))).toBe(true);
    expect(existsSync(path.join(clean, 'skills', alpha, 'node_modules'))).toBe(false);
  });

  it("reports only the files asked for: the other skills' own problems are context, not findings", async () => {
    expect(await cli(dirty, ['validate', `skills/${alpha}`])).toEqual({ status: 0, stdout: '', stderr: '' });
    const whole = await cli(dirty, ['validate', '--format', 'json']);
    expect(whole.status).toBe(1);
    const files = (JSON.parse(whole.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string }> }>).map((r) => [
      path.relative(dirty, r.filePath),
      r.messages.map((m) => m.ruleId),
    ]);
    expect(files).toEqual([
      [`skills/${alpha}/SKILL.md`, []],
      [`skills/${beta}/SKILL.md`, ['frontmatter-schema']],
      ['skills/popiskill-image-text2image-delta-v1/skill.md', ['skill-file-name']],
      [`skills/${gamma}/SKILL.md`, ['frontmatter-unknown-field']],
    ]);
  });

  it('still reports a reference to a skill the catalog does not have, at the id', async () => {
    const repo = path.join(tmp, 'unknown-ref');
    await writeFiles(repo, {
      [`skills/${alpha}/SKILL.md`]: skillText(alpha).replace('- Keep prompts short.', SWITCH.replace(beta, 'popiskill-image-text2image-betta-v1')),
      [`skills/${beta}/SKILL.md`]: skillText(beta),
    });
    const result = await cli(repo, ['validate', `skills/${alpha}`]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(
      [
        `skills/${alpha}/SKILL.md`,
        `  48:50  error  \`popiskill-image-text2image-betta-v1\` is not a skill in this catalog. Closest ids: \`${beta}\`, \`${alpha}\`.  skill-reference-unknown`,
        '',
        '✖ 1 problem (1 error, 0 warnings)',
        '',
      ].join('\n'),
    );
  });

  it('schema, check and build read the same catalog and vocabulary from a subfolder', async () => {
    const inside = path.join(clean, 'skills', beta);
    const schema = await cli(inside, ['schema', alpha]);
    expect(schema.status).toBe(0);
    expect((JSON.parse(schema.stdout) as { input_schema: { properties: Record<string, unknown> } }).input_schema.properties['lighting_rig']).toMatchObject({
      enum: ['softbox', 'rim'],
    });
    const check = await cli(inside, ['check', alpha, '--input', '{"prompt":"x","lighting_rig":"neon"}', '--format', 'json']);
    expect(check.status).toBe(1);
    expect(JSON.parse(check.stdout)).toMatchObject({ valid: false, errors: [{ path: '/lighting_rig', keyword: 'enum' }] });
    const build = await cli(inside, ['build']);
    expect(build).toMatchObject({ status: 0, stderr: '' });
    expect(build.stdout).toMatch(/^skillhub build: wrote \.\.\/\.\.\/catalog \(2 skills, sha256 [0-9a-f]{64}\)\.\n$/);
    expect(existsSync(path.join(clean, 'catalog', 'catalog.json'))).toBe(true);
    expect(await cli(clean, ['check', alpha, '--catalog', 'catalog', '--input', '{"prompt":"x","lighting_rig":"rim"}'])).toMatchObject({ status: 0 });
    await rm(path.join(clean, 'catalog'), { recursive: true });
  });
});

describe('files that match nothing', async () => {
  it('exits 2 naming the pattern, unless --no-error-on-unmatched-pattern', async () => {
    expect(await cli(clean, ['validate', 'docs'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'skillhub validate: No files matching the pattern "docs" were found (looked for SKILL.md files).\n',
    });
    expect(await cli(clean, ['validate', 'docs', 'skills/*/NOPE.md'])).toMatchObject({
      status: 2,
      stderr: 'skillhub validate: No files matching the patterns "docs", "skills/*/NOPE.md" were found (looked for SKILL.md files).\n',
    });
    expect(await cli(clean, ['validate', 'docs', '--no-error-on-unmatched-pattern'])).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('names SKILL.md for a skill.md, whether found in a folder or named', async () => {
    const delta = 'skills/popiskill-image-text2image-delta-v1';
    const expected = [
      `${delta}/skill.md`,
      '  1:1  error  This file is named `skill.md`; a skill file must be named `SKILL.md` (in capitals), or the catalog does not find it.  skill-file-name',
      '',
      '✖ 1 problem (1 error, 0 warnings)',
      '',
    ].join('\n');
    expect(await cli(dirty, ['validate', delta])).toEqual({ status: 1, stdout: expected, stderr: '' });
    expect(await cli(dirty, ['validate', `${delta}/skill.md`])).toEqual({ status: 1, stdout: expected, stderr: '' });
  });

  it('build never publishes an empty catalog', async () => {
    const empty = path.join(tmp, 'empty');
    await mkdir(path.join(empty, 'skills'), { recursive: true });
    expect(await cli(empty, ['build'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'skillhub build: No files matching the pattern "skills" were found (looked for SKILL.md files); an empty catalog is not published\n',
    });
    expect(existsSync(path.join(empty, 'catalog'))).toBe(false);
    expect(await cli(tmp, ['build'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/^skillhub build: no skills\/ folder in .* or any folder above it/) });
  });
});

describe('globs', async () => {
  it('expands globs with fast-glob and leaves out what a !pattern matches', async () => {
    expect(await cli(dirty, ['validate', 'skills/*/SKILL.md'])).toMatchObject({ status: 1 });
    const negated = await cli(dirty, ['validate', 'skills/*/SKILL.md', `!skills/${beta}/**`, '--format', 'json']);
    expect(negated.status).toBe(0);
    expect((JSON.parse(negated.stdout) as Array<{ filePath: string }>).map((r) => path.relative(dirty, r.filePath))).toEqual([
      `skills/${alpha}/SKILL.md`,
      `skills/${gamma}/SKILL.md`,
    ]);
    expect(await cli(dirty, ['validate', 'skills', `!skills/${beta}`, `!skills/${gamma}`, '!skills/*/skill.md'])).toEqual({ status: 0, stdout: '', stderr: '' });
  });
});

describe('--stdin', () => {
  it('lints standard input as the file --stdin-filename names, with the catalog around it as context', async () => {
    const file = `skills/${alpha}/SKILL.md`;
    expect(bin(clean, ['validate', '--stdin', '--stdin-filename', file], { input: ALPHA })).toEqual({ status: 0, stdout: '', stderr: '' });
    const broken = await cli(path.join(clean, 'skills'), ['validate', '--stdin', '--stdin-filename', `${alpha}/SKILL.md`], {
      input: ALPHA.replace('version: v1', 'version: 1'),
    });
    expect(broken).toEqual({
      status: 1,
      stdout: [
        `${alpha}/SKILL.md`,
        BETA_ERROR,
        '',
        '✖ 1 problem (1 error, 0 warnings)',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('needs --stdin-filename, and takes no paths', async () => {
    expect(await cli(clean, ['validate', '--stdin'], { input: '' })).toMatchObject({
      status: 2,
      stderr: 'skillhub validate: --stdin needs --stdin-filename <path>: the SKILL.md the text stands for (its folder is the skill id)\n',
    });
    expect(await cli(clean, ['validate', '--stdin', '--stdin-filename', 'a/SKILL.md', 'skills'], { input: '' })).toMatchObject({
      status: 2,
      stderr: 'skillhub validate: --stdin lints standard input; unexpected argument "skills"\n',
    });
  });
});

describe('report options', () => {
  it('--quiet reports errors only', async () => {
    expect(await cli(dirty, ['validate', `skills/${gamma}`, '--quiet'])).toEqual({ status: 0, stdout: '', stderr: '' });
    expect((await cli(dirty, ['validate', `skills/${gamma}`, `skills/${beta}`, '-q'])).stdout).toBe(
      [`skills/${beta}/SKILL.md`, BETA_ERROR, '', '✖ 1 problem (1 error, 0 warnings)', ''].join('\n'),
    );
  });

  it('--max-warnings -1 means no limit', async () => {
    const gammaPath = `skills/${gamma}`;
    expect(await cli(dirty, ['validate', gammaPath, '--max-warnings', '0'])).toMatchObject({
      status: 1,
      stderr: 'skillhub: 1 warning, more than --max-warnings 0\n',
    });
    expect(await cli(dirty, ['validate', gammaPath, '--max-warnings', '-1'])).toMatchObject({ status: 0, stderr: '' });
    expect(await cli(dirty, ['validate', gammaPath, '--max-warnings=-1'])).toMatchObject({ status: 0, stderr: '' });
    expect(await cli(dirty, ['validate', gammaPath, '--max-warnings', '-2'])).toMatchObject({
      status: 2,
      stderr: 'skillhub validate: --max-warnings expects a whole number, got "-2"\n',
    });
  });

  it('-o writes the report to a file, atomically, and nothing to standard output', async () => {
    const plain = await cli(dirty, ['validate', `skills/${beta}`]);
    const written = await cli(dirty, ['validate', `skills/${beta}`, '-o', 'reports/lint.txt']);
    expect(written).toEqual({ status: 1, stdout: '', stderr: '' });
    expect(await readFile(path.join(dirty, 'reports', 'lint.txt'), 'utf8')).toBe(plain.stdout);
    const sarif = await cli(dirty, ['validate', `skills/${beta}`, '--format', 'sarif', '--output-file', 'reports/lint.sarif']);
    expect(sarif.status).toBe(1);
    expect((JSON.parse(await readFile(path.join(dirty, 'reports', 'lint.sarif'), 'utf8')) as { version: string }).version).toBe('2.1.0');
    expect((await readdir(path.join(dirty, 'reports'))).sort()).toEqual(['lint.sarif', 'lint.txt']);
    await rm(path.join(dirty, 'reports'), { recursive: true });
  });
});

describe('colour', async () => {
  const RED_ERROR = '\x1b[31merror\x1b[39m';
  it('is off in a pipe, on with FORCE_COLOR or --color, off with NO_COLOR or --no-color', async () => {
    const args = ['validate', `skills/${beta}`];
    expect(bin(dirty, args).stdout).not.toContain('\x1b[');
    expect(bin(dirty, args, { env: { FORCE_COLOR: '1' } }).stdout).toContain(RED_ERROR);
    expect((await cli(dirty, [...args, '--color'])).stdout).toContain(RED_ERROR);
    expect((await cli(dirty, [...args, '--color'], { env: { NO_COLOR: '1' } })).stdout).toContain(RED_ERROR);
    expect((await cli(dirty, args, { env: { NO_COLOR: '1', FORCE_COLOR: '1' } })).stdout).not.toContain('\x1b[');
    expect((await cli(dirty, [...args, '--no-color'], { env: { FORCE_COLOR: '1' } })).stdout).not.toContain('\x1b[');
  });

  it('never colours json, sarif or github', async () => {
    for (const format of ['json', 'sarif', 'github']) {
      const result = await cli(dirty, ['validate', `skills/${beta}`, '--format', format, '--color'], { env: { FORCE_COLOR: '1' } });
      expect(result.status, format).toBe(1);
      expect(result.stdout, format).not.toContain('\x1b[');
    }
  });
});

describe('on a terminal', () => {
  const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

  it.skipIf(!hasScript)('a real pseudo-terminal gets the coloured success line, and a pipe gets nothing', async () => {
    const result = spawnSync('script', ['-qec', `"${process.execPath}" "${BIN}" validate`, '/dev/null'], {
      cwd: clean,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '' },
    });
    expect(result.status).toBe(0);
    expect(result.stdout.replace(/\r\n/g, '\n')).toBe('\x1b[32m✔ 2 skills, no problems\x1b[39m\n');
    expect(bin(clean, ['validate'])).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  async function runTty(argv: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const { status, stdout, stderr } = await cli(cwd, argv, { tty: true });
    return { code: status, stdout, stderr };
  }

  it('shows progress on standard error for many files and clears it before the report', async () => {
    const many = path.join(tmp, 'many');
    const ids = Array.from({ length: 25 }, (_, index) => `popiskill-image-text2image-n${String(index).padStart(2, '0')}-v1`);
    await writeFiles(many, Object.fromEntries(ids.map((id) => [`skills/${id}/SKILL.md`, skillText(id)])));
    const result = await runTty(['validate', '--no-color'], many);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('✔ 25 skills, no problems\n');
    expect(result.stderr).toMatch(/^(\r\x1b\[Kskillhub: \d+\/25 files, \d+\.\d s)+\r\x1b\[K$/);
    expect(result.stderr).toContain('skillhub: 25/25 files, ');
    // A few files: no progress line at all.
    expect(await runTty(['validate', '--no-color'], clean)).toEqual({ code: 0, stdout: '✔ 2 skills, no problems\n', stderr: '' });
  });
});

describe('commands, options and help', async () => {
  it('--version, -v, --help, help <command> and <command> --help exit 0', async () => {
    const version = (JSON.parse(spawnSync('cat', [path.join(REPO_ROOT, 'package.json')], { encoding: 'utf8' }).stdout) as { version: string }).version;
    expect(bin(clean, ['--version'])).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
    expect(bin(clean, ['-v'])).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
    const help = bin(clean, ['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: skillhub <command> \[options\]\n/);
    for (const command of ['validate', 'rules', 'schema', 'build', 'check', 'serve']) {
      const own = await cli(clean, [command, '--help']);
      expect([command, own.status, own.stderr]).toEqual([command, 0, '']);
      expect(own.stdout).toMatch(new RegExp(`^Usage: skillhub ${command} `));
      expect(await cli(clean, ['help', command])).toEqual(own);
    }
    expect(await cli(clean, [])).toMatchObject({ status: 2, stdout: '', stderr: expect.stringMatching(/^Usage: skillhub/) });
  });

  it('unknown commands and options: one line, exit 2, with the closest valid one', async () => {
    expect(bin(clean, ['valdate'])).toEqual({ status: 2, stdout: '', stderr: 'skillhub: unknown command `valdate`; did you mean `validate`?\n' });
    expect(await cli(clean, ['help', 'biuld'])).toEqual({ status: 2, stdout: '', stderr: 'skillhub: unknown command `biuld`; did you mean `build`?\n' });
    expect(await cli(clean, ['--verison'])).toEqual({ status: 2, stdout: '', stderr: 'skillhub: unknown option `--verison`; did you mean `--version`?\n' });
    expect(await cli(clean, ['validate', '--formt', 'json'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'skillhub validate: Unknown option `--formt`; did you mean `--format`?\n',
    });
    expect(await cli(clean, ['validate', '--format', 'jsno'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'skillhub validate: --format must be one of stylish, json, github, sarif; got "jsno"; did you mean `json`?\n',
    });
    expect(await cli(clean, ['validate', '--format'])).toEqual({ status: 2, stdout: '', stderr: 'skillhub validate: `--format` needs a value\n' });
  });

  it('surplus positional arguments are an error, not dropped', async () => {
    expect(await cli(clean, ['rules', 'file-size', 'name-format'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'skillhub rules: unexpected argument "name-format" (skillhub rules [rule-id])\n',
    });
    expect(await cli(clean, ['schema', alpha, beta])).toMatchObject({ status: 2, stderr: 'skillhub schema: expected one skill id, got 2\n' });
    expect(await cli(clean, ['serve', 'catalog'])).toMatchObject({ status: 2, stderr: 'skillhub serve: unexpected argument "catalog" (use --catalog <dir>)\n' });
    expect(await cli(clean, ['build', 'skills'])).toMatchObject({ status: 2, stderr: 'skillhub build: unexpected argument "skills" (use --root <dir>)\n' });
  });
});

describe('exit codes: 0 clean, 1 the content has problems, 2 usage or internal failure', () => {
  it('schema and check agree: an unknown skill id is a content problem (1)', async () => {
    expect(await cli(clean, ['schema', 'popiskill-image-text2image-alhpa-v1'])).toMatchObject({ status: 1, stdout: '' });
    expect(await cli(clean, ['check', 'popiskill-image-text2image-alhpa-v1', '--input', '{}'])).toMatchObject({ status: 1, stdout: '' });
    expect(await cli(clean, ['check', alpha])).toMatchObject({ status: 2 });
  });

  it('schema of a skill with errors prints the schema and exits 1', async () => {
    const repo = path.join(tmp, 'schema-errors');
    await writeFiles(repo, { [`skills/${alpha}/SKILL.md`]: skillText(alpha).replace('- `aspect_ratio`: framing such as `16:9`', '- `lighting_rig`: the studio light setup') });
    const result = await cli(repo, ['schema', alpha]);
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toHaveProperty('input_schema.properties.lighting_rig');
    expect(result.stderr).toMatch(new RegExp(`^skills/${alpha}/SKILL.md:\\d+:3 \`lighting_rig\` has no type`));
  });
});

describe('the process edge', async () => {
  it('ends quietly with exit 0 when the reader of standard output goes away (EPIPE)', async () => {
    for (const command of ['rules --markdown', `validate skills/${beta} --format sarif`]) {
      const result = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" ${command} | head -c 1 >/dev/null; echo "status=\${PIPESTATUS[0]}"`], {
        cwd: dirty,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect([command, result.stdout, result.stderr]).toEqual([command, command.startsWith('rules') ? 'status=0\n' : expect.stringMatching(/^status=[01]\n$/), '']);
    }
  });

  // The bin is a bundle: each chunk it loads stands for the source modules esbuild put in it (its
  // metafile), except skillhub.cjs, the whole CLI in one file, whose modules (ajv's too, for the
  // catalog commands) are initialised only when first used: what it takes from outside it (the
  // packages required at run time, ajv-runtime.cjs for the checks' ajv) shows in the trace.
  const bundleMeta = JSON.parse(readFileSync(path.join(path.dirname(BIN), 'meta.json'), 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
  const chunkInputs = new Map(Object.entries(bundleMeta.outputs).map(([output, { inputs }]) => [path.basename(output), Object.keys(inputs)]));
  const loadedModules = (args: string[]): string[] => {
    const result = spawnSync(process.execPath, ['--import', TRACE, BIN, ...args], { cwd: clean, encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(0);
    const loaded = result.stderr
      .split('\n')
      .filter((line) => line.startsWith('loaded: '))
      .map((line) => line.slice('loaded: '.length));
    expect(loaded.some((url) => url.endsWith('/dist/bin/skillhub.js')), 'the trace works').toBe(true);
    return loaded.flatMap((url) =>
      url.endsWith('/dist/bin/skillhub.cjs') ? [url] : url.includes('/dist/bin/') ? (chunkInputs.get(path.basename(url)) ?? [`unknown chunk ${url}`]) : [url],
    );
  };
  const loadedPackages = (args: string[]): string[] =>
    loadedModules(args).filter((module) => /(^|\/)node_modules\/(ajv|ajv-formats|web-tree-sitter|tree-sitter-bash)\//.test(module));

  it('the trace sees through the bundle: validate of plain shell loads ajv for what this catalog compiles, not the grammar', () => {
    const packages = loadedPackages(['validate', `skills/${alpha}`]).map((module) => module.split('node_modules/')[1]?.split('/')[0]);
    expect(new Set(packages)).toEqual(new Set(['ajv', 'ajv-formats']));
  });

  it('the trace sees through the bundle: shell that is not plain loads the grammar', async () => {
    const repo = path.join(tmp, 'trace-grammar');
    await writeFiles(repo, {
      [`skills/${alpha}/SKILL.md`]: skillText(alpha).replace('## Command pattern\n', "## Command pattern\n\n```sh\nif true; then popiart run x; fi\n```\n"),
    });
    const result = spawnSync(process.execPath, ['--import', TRACE, BIN, 'validate', `skills/${alpha}`], { cwd: repo, encoding: 'utf8', timeout: 60_000 });
    const loaded = result.stderr.split('\n').filter((line) => line.startsWith('loaded: '));
    expect(loaded.some((line) => line.includes('/node_modules/web-tree-sitter/'))).toBe(true);
  });

  it('--help and --version load neither ajv nor the shell grammar; rules does not load ajv', async () => {
    expect(loadedPackages(['--help'])).toEqual([]);
    expect(loadedPackages(['--version'])).toEqual([]);
    for (const args of [['rules'], ['rules', 'file-size']]) expect(loadedPackages(args).filter((line) => line.includes('/ajv'))).toEqual([]);
  });

  // No rule module imports the shell reader: shell examples are read once per file, with the other
  // example facts, so listing the rules never loads the grammar.
  it('rules does not load the shell grammar', async () => {
    expect(loadedPackages(['rules'])).toEqual([]);
  });
});
