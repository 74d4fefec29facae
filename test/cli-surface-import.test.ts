import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliSurface, CommandSpec } from '../src/check/commands/cli-surface.js';
import { matchPopiartCommand } from '../src/check/commands/match-command.js';
import { parseShellScript } from '../src/check/commands/shell-words.js';
import { createAjv } from '../src/check/environment.js';
import { readProjectJson } from '../src/core/project-files.js';
import { cliSurfaceJson, importCliSurface, SurfaceInputError } from '../src/surface/import-surface.js';

/** A small CLI of the project's own, `demo`, in the two formats the popiart CLI writes. */
const FIXTURES = path.resolve('test/fixtures/cli-surface');
const EXPORT_FILE = path.join(FIXTURES, 'demo-export.json');
const TREE_FILE = path.join(FIXTURES, 'demo-tree.json');
const exported = JSON.parse(readFileSync(EXPORT_FILE, 'utf8')) as Array<Record<string, unknown>>;
const tree = JSON.parse(readFileSync(TREE_FILE, 'utf8')) as { commands: Array<{ path: string; flags: unknown[] }> } & Record<string, unknown>;

const scratch = mkdtempSync(path.join(tmpdir(), 'cli-surface-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function command(surface: CliSurface, words: string): CommandSpec | undefined {
  return surface.commands.find((candidate) => candidate.path.join(' ') === words);
}

function schemaErrors(surface: CliSurface): unknown {
  const validate = createAjv().compile(readProjectJson('popiart-cli.schema.json') as object);
  return validate(JSON.parse(cliSurfaceJson(surface))) ? null : validate.errors;
}

function runScript(args: string[]) {
  const run = spawnSync(process.execPath, ['scripts/cli-surface.mjs', ...args], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('importCliSurface from the export alone', () => {
  const surface = importCliSurface(exported);

  it('reads commands, positionals and flags, the program from the tool names, and the global flags from what every tool has', () => {
    expect(surface.program).toBe('demo');
    expect(surface.globalFlags.map((flag) => flag.name)).toEqual(['--endpoint', '--help']);
    expect(surface.commands.map((spec) => [spec.path.join(' '), spec.runnable])).toEqual([
      ['', false],
      ['auth', false],
      ['auth key', false],
      ['auth key set', true],
      ['auth login', true],
      ['image', true],
      ['image generate', true],
      ['jobs', false],
      ['jobs list', true],
      ['run', true],
      ['skills', false],
      ['skills install', true],
    ]);
    expect(command(surface, 'run')).toEqual({
      path: ['run'],
      description: 'Run a skill.',
      runnable: true,
      positionals: [{ name: 'skill-id', kind: 'skill-id', required: true }],
      flags: [
        { name: '--input', value: { name: 'string', type: 'string', kind: 'payload' }, description: 'Inline JSON, @file.json or -.' },
        { name: '--priority', value: { name: 'string', type: 'string', choices: ['low', 'high'] }, description: 'Queue priority.' },
        { name: '--wait', description: 'Wait for the job.' },
      ],
    });
    expect(command(surface, 'jobs list')?.flags.map((flag) => [flag.name, flag.value])).toEqual([
      ['--limit', { name: 'int', type: 'integer' }],
      ['--tag', { name: 'stringArray', type: 'string', repeatable: true }],
      ['--type', { name: 'string', type: 'string' }],
    ]);
    expect(command(surface, 'image')?.flags[0]?.value).toEqual({ name: 'float64', type: 'number' });
    // The export writes `<skill-id|url>` as `arg_1` with the alternatives as an enum.
    expect(command(surface, 'skills install')?.positionals).toEqual([{ name: 'skill-id|url', required: true }]);
    expect(schemaErrors(surface)).toBeNull();
  });
});

describe('importCliSurface enriched by the command tree', () => {
  const surface = importCliSurface(exported, tree);

  it('adds what the export leaves out: global flags, --version, aliases, hidden, deprecated and required flags, shorthands, optional arguments, counts, examples', () => {
    expect(surface.globalFlags).toEqual([
      { name: '--endpoint', value: { name: 'string', type: 'string' }, description: 'API endpoint.' },
      { name: '--help', short: '-h', description: 'Show the help of the command.', action: 'help' },
      { name: '--output', value: { name: 'string', type: 'string', choices: ['json', 'plain'] }, description: 'Output format.' },
      { name: '--quiet', description: 'Print less.' },
    ]);
    expect(command(surface, '')?.flags).toEqual([{ name: '--version', short: '-v', description: 'Show the version of demo.', action: 'version' }]);
    expect(command(surface, 'auth key')?.aliases).toEqual(['token']);
    expect(command(surface, 'auth login')?.flags).toEqual([
      { name: '--key', short: '-k', value: { name: 'string', type: 'string' }, description: 'The key.' },
      { name: '--token', value: { name: 'string', type: 'string' }, description: 'Same as --key.', hidden: true },
    ]);
    expect(command(surface, 'jobs list')?.flags.find((flag) => flag.name === '--kind')).toEqual({
      name: '--kind',
      value: { name: 'string', type: 'string' },
      description: 'Deprecated: use --type.',
      hidden: true,
      deprecated: { message: 'use --type instead', replacement: '--type' },
    });
    expect(command(surface, 'jobs list')?.flags.find((flag) => flag.name === '--project')?.required).toBe(true);
    expect(command(surface, 'help')).toMatchObject({ positionals: [{ name: 'command', required: false }], args: { min: 0 } });
    expect(command(surface, 'image')).toMatchObject({ positionals: [{ name: 'prompt', required: false }], args: { min: 0, max: 1 } });
    expect(command(surface, 'run')).toMatchObject({
      args: { min: 1, max: 1 },
      examples: ['demo run my-skill --input @params.json --wait', 'demo run my-skill -i - --priority high'],
    });
    expect(command(surface, 'run')?.flags.map((flag) => [flag.name, flag.short])).toEqual([
      ['--input', '-i'],
      ['--priority', undefined],
      ['--wait', '-w'],
    ]);
    expect(schemaErrors(surface)).toBeNull();
  });

  it('gives the same bytes whatever order the CLI lists things in', () => {
    const shuffledTree = {
      ...tree,
      commands: [...tree.commands].reverse().map((node) => ({ ...node, flags: [...node.flags].reverse() })),
    };
    expect(cliSurfaceJson(importCliSurface([...exported].reverse(), shuffledTree))).toBe(cliSurfaceJson(surface));
  });

  it('is what the CLI accepts: the tree alias, --version, help, a runnable group, hidden, deprecated and required flags', () => {
    const problems = (line: string): string[] => {
      const parsed = parseShellScript({ text: line, toFile: (index) => index });
      if (parsed.ok !== true) throw new Error(line);
      const words = parsed.commands[0]?.words ?? [];
      return matchPopiartCommand(words, surface).problems.map((problem) => `${problem.kind} @${words[problem.word]?.raw}: ${problem.message}`);
    };
    for (const line of ['demo --version', 'demo -h', 'demo auth token set k', 'demo image "a cat" --strength 0.5', 'demo image generate --prompt x', 'demo auth login --token t --quiet']) {
      expect(problems(line), line).toEqual([]);
    }
    expect(problems('demo jobs list --kind a --project p')).toEqual(['deprecated-flag @--kind: `--kind` is deprecated: use `--type` instead.']);
    expect(problems('demo jobs list')).toEqual(['arguments @list: `demo jobs list` needs the flag `--project`.']);
    expect(problems('demo run x --wait=maybe')).toEqual(['flag-value @--wait=maybe: `--wait` takes no value (at most `=true` or `=false`), got "maybe".']);
  });

  it('refuses a tree from another build of the CLI, and input in another format', () => {
    const partial = { ...tree, commands: tree.commands.filter((node) => node.path !== 'run') };
    expect(() => importCliSurface(exported, partial)).toThrow(
      new SurfaceInputError('the export has `run`, which the command tree does not: were the two made by the same build of the CLI?'),
    );
    expect(() => importCliSurface({ tools: [] })).toThrow('the export is not `export-schema --format generic` output: (top level) must be array');
    expect(() => importCliSurface([{ command_path: 'run' }])).toThrow(
      "the export is not `export-schema --format generic` output: /0 must have required property 'input_schema'",
    );
    expect(() => importCliSurface(exported, { root: 'demo', commands: [] })).toThrow(
      "the command tree is not in the expected format: (top level) must have required property 'persistentFlags'",
    );
  });
});

describe('npm run cli-surface (scripts/cli-surface.mjs)', () => {
  it('writes the surface as committed: sorted keys, two spaces, LF, a final newline', () => {
    const out = path.join(scratch, 'surface.json');
    const run = runScript([EXPORT_FILE, TREE_FILE, '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^cli-surface: wrote .*surface\.json \(12 commands, 8 runnable, 4 global flags\)\n$/);
    const text = readFileSync(out, 'utf8');
    expect(text).toBe(readFileSync(path.join(FIXTURES, 'demo-surface.json'), 'utf8'));
    expect(text.endsWith('}\n') && !text.includes('\r')).toBe(true);
    expect(text.startsWith('{\n  "$schema": "./popiart-cli.schema.json",\n  "about": ')).toBe(true);
  });

  it('explains bad input in one line, exits non-zero and writes nothing', () => {
    const out = path.join(scratch, 'never.json');
    const notJson = path.join(scratch, 'not-json.json');
    writeFileSync(notJson, '{"tools": [');
    const wrongShape = path.join(scratch, 'wrong.json');
    writeFileSync(wrongShape, '{"tools": []}');
    expect(runScript([])).toMatchObject({ status: 2, stderr: 'cli-surface: usage: npm run cli-surface -- <export.json> [<tree.json>] [--out <file>]\n' });
    expect(runScript([EXPORT_FILE, '--frobnicate'])).toMatchObject({ status: 2 });
    expect(runScript([path.join(scratch, 'missing.json'), '--out', out])).toMatchObject({
      status: 1,
      stderr: `cli-surface: cannot read ${path.join(scratch, 'missing.json')}: ENOENT\n`,
    });
    const bad = runScript([notJson, '--out', out]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^cli-surface: .*not-json\.json is not JSON: .+\n$/);
    expect(runScript([wrongShape, '--out', out])).toMatchObject({
      status: 1,
      stderr: 'cli-surface: the export is not `export-schema --format generic` output: (top level) must be array\n',
    });
    expect(existsSync(out)).toBe(false);
  });
});
