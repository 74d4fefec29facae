import { spawnSync } from 'node:child_process';
import { mkdir, readFile, readdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { EXAMPLE_ID } from '../src/check/rules/example-skill.js';
import type { CommandIo } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { reportPaths } from '../src/pipeline.js';
import { OTHER_ID, settledCatalog } from './support/settled-catalog.js';

// Each CLI test starts the built bin several times: on a busy 2-core machine that can take a while.
vi.setConfig({ testTimeout: 120_000 });

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli', 'bin.js');
const HOUR_AGO = new Date(Date.now() - 3600_000);
const settled = () => settledCatalog('skillhub-replay-');

/** Diagnostics as `skills/<id>/<file>:line:column rule`. */
const summary = (reports: Awaited<ReturnType<typeof reportPaths>>['reports']) =>
  reports.flatMap((report) =>
    report.diagnostics.map((d) => `${d.filePath.slice(d.filePath.lastIndexOf(`${path.sep}skills${path.sep}`) + 1)}:${d.range.start.line}:${d.range.start.column} ${d.ruleId}`),
  );

const PRINTED = { text: 'the printed report\n', errors: 1, warnings: 0 };

describe('the printed report of an unchanged catalog is replayed', () => {
  it('in the same form only; another form is printed again from the stored diagnostics', async () => {
    const { root, cacheLocation } = await settled();
    const first = await reportPaths(['skills'], root, {}, { cacheLocation, printedForm: 'A' });
    expect(first.replayed).toBeUndefined();
    expect(summary(first.reports)).toEqual([`skills/${OTHER_ID}/SKILL.md:7:10 version-matches-name`]);
    await first.remember?.(PRINTED);

    const same = await reportPaths(['skills'], root, {}, { cacheLocation, printedForm: 'A' });
    // Replayed as the bytes written, not decoded to text.
    expect(same.replayed).toEqual({ bytes: Buffer.from(PRINTED.text), errors: PRINTED.errors, warnings: PRINTED.warnings });
    expect(same.reports).toEqual([]);
    expect(same.remember).toBeUndefined();
    expect(same.cacheHits).toBe(2);

    const other = await reportPaths(['skills'], root, {}, { cacheLocation, printedForm: 'B' });
    expect(other.replayed).toBeUndefined();
    expect(summary(other.reports)).toEqual(summary(first.reports));
    expect(other.remember).toBeDefined();
    // Only the files asked for: one skill of the catalog is another report.
    const one = await reportPaths([`skills/${EXAMPLE_ID}`], root, {}, { cacheLocation, printedForm: 'A', context: [path.join(root, 'skills')] });
    expect(one.replayed).toBeUndefined();
    expect(summary(one.reports)).toEqual([]);
  });

  it('never after a change, and never from a run older than the last complete one', async () => {
    const { root, cacheLocation, skillFile } = await settled();
    const first = await reportPaths(['skills'], root, {}, { cacheLocation, printedForm: 'A' });
    await first.remember?.(PRINTED);
    await writeFile(skillFile, (await readFile(skillFile, 'utf8')).replace('version: v2', 'version: v3'));
    await utimes(skillFile, HOUR_AGO, HOUR_AGO);
    const changed = await reportPaths(['skills'], root, {}, { cacheLocation, printedForm: 'A' });
    expect(changed.replayed).toBeUndefined();
    expect(changed.cacheHits).toBe(1);
    expect(changed.reports.flatMap((report) => report.diagnostics.map((d) => d.message)).join()).toContain('v3');
    // That run ended before printing (no remember): the next one must not replay the first run's text.
    const next = await reportPaths(['skills'], root, {}, { cacheLocation, printedForm: 'A' });
    expect(next.replayed).toBeUndefined();
    expect(next.cacheHits).toBe(2);
    expect(next.reports.flatMap((report) => report.diagnostics.map((d) => d.message)).join()).toContain('v3');
  });

  it('not when the printed file was tampered with or cut short', async () => {
    const { root, cacheLocation } = await settled();
    const first = await reportPaths(['skills'], root, {}, { cacheLocation, printedForm: 'A' });
    await first.remember?.(PRINTED);
    await writeFile(`${cacheLocation}.output`, '{"format":');
    const run = await reportPaths(['skills'], root, {}, { cacheLocation, printedForm: 'A' });
    expect(run.replayed).toBeUndefined();
    expect(summary(run.reports)).toEqual([`skills/${OTHER_ID}/SKILL.md:7:10 version-matches-name`]);
  });
});

describe('companion files and the folder listings', () => {
  it('analyses a file again when a folder named like a companion appears (listed absent before, stat-ed now)', async () => {
    const { root, cacheLocation } = await settled();
    await reportPaths(['skills'], root, {}, { cacheLocation });
    // An empty folder changes no file listing; only the companion's own stamp can tell.
    await mkdir(path.join(root, 'skills', EXAMPLE_ID, 'input_schema.json'));
    const run = await reportPaths(['skills'], root, {}, { cacheLocation });
    expect(run.cacheHits).toBe(1);
    expect(summary(run.reports)).toEqual([`skills/${EXAMPLE_ID}/input_schema.json:1:1 committed-schema-drift`, `skills/${OTHER_ID}/SKILL.md:7:10 version-matches-name`]);
  });

  it('analyses a file again when a companion appears in a folder it already had', async () => {
    const { root, cacheLocation } = await settled();
    const agents = path.join(root, 'skills', EXAMPLE_ID, 'agents');
    await mkdir(agents);
    await writeFile(path.join(agents, 'notes.txt'), 'notes\n');
    await reportPaths(['skills'], root, {}, { cacheLocation });
    await writeFile(path.join(agents, 'openai.yaml'), 'interface: 5\n');
    const run = await reportPaths(['skills'], root, {}, { cacheLocation });
    expect(run.cacheHits).toBe(1);
    expect(summary(run.reports)).toEqual([`skills/${EXAMPLE_ID}/agents/openai.yaml:1:12 agents-interface`, `skills/${OTHER_ID}/SKILL.md:7:10 version-matches-name`]);
  });
});

describe('skillhub validate --cache, run as a user would', () => {
  const bin = (cwd: string, args: string[]) => {
    const ran = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    return { status: ran.status, stdout: ran.stdout, stderr: ran.stderr };
  };

  it('prints the same report and exits the same way when nothing changed, in each format, as without the cache', { timeout: 300_000 }, async () => {
    const { root } = await settled();
    const uncached = bin(root, ['validate']);
    expect(uncached.stdout).toContain(`7:10  error  \`version\``);
    for (const format of ['stylish', 'json', 'sarif']) {
      // Analysed (stylish), or printed from the stored diagnostics (the others).
      const first = bin(root, ['validate', '--cache', '--format', format]);
      expect(first.status).toBe(1);
      if (format === 'stylish') expect(first).toEqual(uncached);
      // The second run replays the first one's printed report.
      expect(bin(root, ['validate', '--cache', '--format', format])).toEqual(first);
    }
    // --quiet is part of what is printed.
    const quiet = bin(root, ['validate', '--quiet']);
    expect(bin(root, ['validate', '--cache', '--quiet'])).toEqual(quiet);
    const cacheFolder = path.join(root, 'node_modules', '.cache', 'skillhub');
    // The replay manifest (validate.json.replay) is there only when the runs stood more than two seconds after the
    // folders were made (their listings are then not racy), which the wall clock decides: test/replay-manifest.test.ts covers it.
    const kept = (await readdir(cacheFolder)).filter((name) => name !== 'validate.json.replay');
    expect(kept.sort()).toEqual(['validate.json', 'validate.json.analyses', 'validate.json.output', 'validate.json.reports']);
    // The printed report of the last form is what is kept: the quiet stylish one.
    expect(await readFile(path.join(cacheFolder, 'validate.json.output'), 'utf8')).toContain(quiet.stdout);
  });
});

describe('a replayed report goes out as the stored bytes', () => {
  it('to stdoutBytes when the io has it, decoded to stdout otherwise, the same as the first run printed', async () => {
    const { root, cacheLocation } = await settled();
    const argv = ['validate', 'skills', '--cache', '--cache-location', cacheLocation, '--format', 'json'];
    const printed: string[] = [];
    const bytes: Uint8Array[] = [];
    const io = (withBytes: boolean): CommandIo => ({
      cwd: root,
      stdout: (text) => printed.push(text),
      ...(withBytes ? { stdoutBytes: (chunk: Uint8Array) => bytes.push(chunk) } : {}),
      stderr: () => undefined,
      readStdin: async () => '',
    });
    expect(await main(argv, io(true))).toBe(1);
    expect(bytes).toEqual([]);
    const first = printed.splice(0);
    expect(first).toHaveLength(1);
    expect(first[0]).toContain('version-matches-name');
    // Replayed: the stored bytes, byte for byte what the first run printed.
    expect(await main(argv, io(true))).toBe(1);
    expect(printed).toEqual([]);
    expect(bytes.map((chunk) => Buffer.from(chunk))).toEqual([Buffer.from(first[0] as string)]);
    // An io without stdoutBytes gets the same text.
    expect(await main(argv, io(false))).toBe(1);
    expect(printed).toEqual(first);
  });
});
