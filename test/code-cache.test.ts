import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, mkdir, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { BUNDLE_WRAPPER_END, BUNDLE_WRAPPER_START, codeCacheFile, codeCacheVariant, readCodeCache, writeCodeCache } from '../src/cli/code-cache.js';
import { BUILT_BIN } from './support/built-cli.js';

/** The built bin runs its bundle with a V8 code cache (src/cli/code-cache.ts); whatever the cache holds, the output is the same. */

interface Run {
  code: number;
  out: string;
  err: string;
}

function run(args: readonly string[], cacheDir: string, bin = BUILT_BIN, nodeArgs: readonly string[] = []): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...nodeArgs, bin, ...args], { env: { ...process.env, SKILLHUB_CODE_CACHE_DIR: cacheDir } }, (error, out, err) => {
      resolve({ code: error ? Number(error.code) : 0, out, err });
    });
  });
}

async function skillFile(): Promise<string> {
  const folder = path.join(await mkdtemp(path.join(tmpdir(), 'skillhub-code-cache-')), 'skills', 'popiskill-image-cache-basic-v1');
  await mkdir(folder, { recursive: true });
  const file = path.join(folder, 'SKILL.md');
  // Shell the grammar must read: it changes V8's flags, so such a run writes no cache.
  await writeFile(
    file,
    "---\nname: popiskill-image-cache-basic-v1\n---\n\n# Cache\n\n```sh\npopiart run popiskill-image-cache-basic-v1 --input '{\"prompt\":1}'\nif true; then echo; fi |\n```\n",
  );
  return file;
}

async function cacheFiles(folder: string): Promise<string[]> {
  return (await readdir(folder).catch(() => [])).filter((name) => name.endsWith('.v8cache'));
}

describe('the code cache of the built bin', () => {
  it('is written by a run, used by the next, and changes no output; a stale, corrupt or foreign cache is ignored and replaced', async () => {
    const file = await skillFile();
    const args = ['validate', file, '--format', 'json'];
    const expected = await run(args, '');
    expect(expected.code).toBe(1);
    expect(expected.err).toBe('');
    const messages = (JSON.parse(expected.out) as Array<{ messages: Array<{ ruleId: string; line: number; column: number }> }>)[0]?.messages ?? [];
    expect(messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual([
      ...Array<string>(5).fill('1:1 frontmatter-schema'),
      ...Array<string>(3).fill('5:1 recommended-sections'),
      ...Array<string>(4).fill('5:1 required-sections'),
      '9:24 command-syntax',
    ]);

    const folder = path.join(await mkdtemp(path.join(tmpdir(), 'skillhub-code-cache-dir-')), 'nested', 'cache');
    const rulesExpected = await run(['rules'], '');
    expect(rulesExpected.code).toBe(0);
    // `rules` changes no V8 flag, so it writes its cache; `validate` of this file loads the grammar and writes none.
    expect(await run(['rules'], folder)).toEqual(rulesExpected);
    const [name] = await cacheFiles(folder);
    expect(name).toMatch(/^skillhub\.cjs-rules-[0-9a-f]{32}\.v8cache$/);
    const cacheFile = path.join(folder, name as string);
    const written = await readFile(cacheFile);
    expect(readCodeCache(cacheFile)).toBeDefined();

    // Used as it is: the same output, the file untouched; another command keeps to its own name.
    expect(await run(['rules'], folder)).toEqual(rulesExpected);
    expect(await run(args, folder)).toEqual(expected);
    expect(await readFile(cacheFile)).toEqual(written);
    expect(await cacheFiles(folder)).toEqual([name]);

    // Corrupt (a byte flipped: its checksum no longer matches): ignored, then written again whole.
    const corrupt = Buffer.from(written);
    corrupt[corrupt.length - 10] = (corrupt[corrupt.length - 10] as number) ^ 0xff;
    await writeFile(cacheFile, corrupt);
    expect(readCodeCache(cacheFile)).toBeUndefined();
    expect(await run(['rules'], folder)).toEqual(rulesExpected);
    expect(readCodeCache(cacheFile)).toBeDefined();

    // Whole but foreign (another script's code, with a valid checksum): V8 rejects it, the run compiles from the text.
    const foreign = new Script('globalThis.skillhubForeign = 1;').createCachedData();
    expect(writeCodeCache(cacheFile, foreign)).toBe(true);
    expect(await run(['rules'], folder)).toEqual(rulesExpected);
    expect(readCodeCache(cacheFile)?.equals(foreign)).toBe(false);

    // Truncated to nothing and to less than its checksum.
    for (const bytes of [Buffer.alloc(0), Buffer.alloc(7)]) {
      await writeFile(cacheFile, bytes);
      expect(await run(['rules'], folder)).toEqual(rulesExpected);
    }
  }, 120000);

  it('keeps a cache per command, so a first short run does not stand for validate', async () => {
    const folder = path.join(await mkdtemp(path.join(tmpdir(), 'skillhub-code-cache-commands-')), 'cache');
    // What an older bundle or Node left: the run that writes validate's cache removes validate's old one only.
    await mkdir(folder, { recursive: true });
    const olderValidate = `skillhub.cjs-validate-${'0'.repeat(32)}.v8cache`;
    const olderOther = `skillhub.cjs-validate-x-${'0'.repeat(32)}.v8cache`;
    await writeFile(path.join(folder, olderValidate), 'old');
    await writeFile(path.join(folder, olderOther), 'not ours');
    const skillFolder = path.join(await mkdtemp(path.join(tmpdir(), 'skillhub-code-cache-plain-')), 'skills', 'popiskill-image-plain-basic-v1');
    await mkdir(skillFolder, { recursive: true });
    const skill = path.join(skillFolder, 'SKILL.md');
    await writeFile(skill, '---\nname: popiskill-image-plain-basic-v1\n---\n\n# Plain\n\n```sh\npopiart jobs list\n```\n');
    const args = ['validate', skill, '--format', 'json'];
    const expected = await run(args, '');
    expect(expected.code).toBe(1);
    expect(expected.err).toBe('');
    const messages = (JSON.parse(expected.out) as Array<{ messages: Array<{ ruleId: string }> }>)[0]?.messages ?? [];
    expect(messages.map((m) => m.ruleId)).toContain('frontmatter-schema');
    expect(messages.map((m) => m.ruleId)).not.toContain('command-syntax');
    expect((await run(['rules'], folder)).code).toBe(0);
    // Plain shell loads no grammar: this validate writes a cache of its own beside the one of `rules`.
    expect(await run(args, folder)).toEqual(expected);
    const all = await readdir(folder);
    expect(all).not.toContain(olderValidate);
    expect(all).toContain(olderOther);
    await rm(path.join(folder, olderOther));
    const names = (await cacheFiles(folder)).map((name) => name.replace(/-[0-9a-f]{32}\.v8cache$/, '')).sort();
    expect(names).toEqual(['skillhub.cjs-rules', 'skillhub.cjs-validate']);
    expect(await run(args, folder)).toEqual(expected);
    expect(await cacheFiles(folder)).toHaveLength(2);
  }, 120000);

  it('names the cache after the command word, and anything else `other`', () => {
    expect(codeCacheVariant(['validate', 'skills/x/SKILL.md'])).toBe('validate');
    // Runs with the result cache (mostly replays, which load no analysis code) keep their own.
    expect(codeCacheVariant(['validate', '--cache'])).toBe('validate-cache');
    expect(codeCacheVariant(['validate', 'skills', '--cache-location', 'x.json'])).toBe('validate-cache');
    expect(codeCacheVariant(['validate', '--cache-location=x.json'])).toBe('validate-cache');
    expect(codeCacheVariant(['validate', '--no-cache'])).toBe('validate');
    expect(codeCacheVariant(['build', '--cache'])).toBe('build');
    expect(codeCacheVariant(['build', '--out', 'catalog'])).toBe('build');
    expect(codeCacheVariant(['--version'])).toBe('other');
    expect(codeCacheVariant(['../../etc/passwd'])).toBe('other');
    expect(codeCacheVariant([])).toBe('other');
  });

  it('leaves a run as it was when the cache folder cannot be written', async () => {
    const file = await skillFile();
    const args = ['validate', file, '--format', 'json'];
    const blocker = path.join(await mkdtemp(path.join(tmpdir(), 'skillhub-code-cache-blocked-')), 'a-file');
    await writeFile(blocker, 'not a folder');
    const unwritable = path.join(blocker, 'cache');
    expect(await run(args, unwritable)).toEqual(await run(args, ''));
    const rules = await run(['rules'], unwritable);
    expect(rules).toEqual(await run(['rules'], ''));
    expect(rules.code).toBe(0);
    expect((await stat(blocker)).isFile()).toBe(true);
  }, 120000);

  it('starts as CommonJS from an ASCII bundle written wrapped, so Node neither loads its ES module loader nor copies the text', async () => {
    const binFolder = path.dirname(BUILT_BIN);
    expect(JSON.parse(await readFile(path.join(binFolder, 'package.json'), 'utf8'))).toEqual({ type: 'commonjs' });
    const bundle = await readFile(path.join(binFolder, 'skillhub.cjs'));
    expect(bundle.findIndex((byte) => byte > 0x7f)).toBe(-1);
    const text = bundle.toString('latin1');
    expect(text.startsWith(BUNDLE_WRAPPER_START)).toBe(true);
    expect(text.endsWith(BUNDLE_WRAPPER_END)).toBe(true);
    // A probe reports at exit whether Node loaded the part of its ES module loader an ES module entry needs.
    const scratch = await mkdtemp(path.join(tmpdir(), 'skillhub-code-cache-probe-'));
    const probe = path.join(scratch, 'probe.cjs');
    await writeFile(probe, "process.on('exit', () => process.stderr.write(`esm translators: ${process.moduleLoadList.some((name) => name.endsWith('internal/modules/esm/translators'))}\\n`));\n");
    const version = await run(['--version'], '', BUILT_BIN, ['--require', probe]);
    expect(version).toEqual({ code: 0, out: `${(JSON.parse(await readFile(path.join(binFolder, '..', '..', 'package.json'), 'utf8')) as { version: string }).version}\n`, err: 'esm translators: false\n' });
  }, 60000);

  it('gives a bundle file written again, even with the same length, a cache of its own', async () => {
    // A copy of the built package: the bin, its bundle, and links to what the bundle reads beside them.
    const root = await mkdtemp(path.join(tmpdir(), 'skillhub-code-cache-package-'));
    const repo = path.join(path.dirname(BUILT_BIN), '..', '..');
    const bin = path.join(root, 'dist', 'bin');
    await mkdir(bin, { recursive: true });
    for (const name of ['skillhub.js', 'skillhub.cjs', 'package.json']) await copyFile(path.join(repo, 'dist', 'bin', name), path.join(bin, name));
    await copyFile(path.join(repo, 'package.json'), path.join(root, 'package.json'));
    await symlink(path.join(repo, 'schemas'), path.join(root, 'schemas'));
    await symlink(path.join(repo, 'node_modules'), path.join(root, 'node_modules'));
    const folder = path.join(root, 'cache');
    const copiedBin = path.join(bin, 'skillhub.js');
    const help = await run(['--help'], '', copiedBin);
    expect(help.code).toBe(0);
    expect(help.out).toContain('show this help');

    expect(await run(['--help'], folder, copiedBin)).toEqual(help);
    const [first] = await cacheFiles(folder);
    expect(first).toMatch(/^skillhub\.cjs-other-[0-9a-f]{32}\.v8cache$/);
    expect(await run(['--help'], folder, copiedBin)).toEqual(help);
    expect(await cacheFiles(folder)).toEqual([first]);

    // The same length, other words: V8 alone would accept the old cache (it checks the length) and print the old text.
    const bundleFile = path.join(bin, 'skillhub.cjs');
    const original = await readFile(bundleFile, 'latin1');
    const edited = original.replaceAll('show this help', 'SHOW THIS HELP');
    expect(edited.length).toBe(original.length);
    await writeFile(bundleFile, edited, 'latin1');
    const editedHelp = await run(['--help'], folder, copiedBin);
    expect(editedHelp).toEqual({ ...help, out: help.out.replaceAll('show this help', 'SHOW THIS HELP') });
    const [second] = await cacheFiles(folder);
    expect(second).not.toBe(first);
    expect(await cacheFiles(folder)).toEqual([second]);

    // Written back as it was: the words come back, from a cache of that file.
    await writeFile(bundleFile, original, 'latin1');
    expect(await run(['--help'], folder, copiedBin)).toEqual(help);
    const [third] = await cacheFiles(folder);
    expect([first, second]).not.toContain(third);
    expect(await run(['--help'], folder, copiedBin)).toEqual(help);
    expect(await cacheFiles(folder)).toEqual([third]);
  }, 120000);

  it('keys a built bundle by its digest and its file identity, and anything else by its text', () => {
    const built = { digest: 'a'.repeat(64), identity: '1:2:3:4' };
    const name = codeCacheFile('/c', '/b/skillhub.cjs', 'text', 'validate', built);
    expect(name).toMatch(/^\/c\/skillhub\.cjs-validate-[0-9a-f]{32}\.v8cache$/);
    expect(codeCacheFile('/c', '/b/skillhub.cjs', 'other text', 'validate', built)).toBe(name);
    expect(codeCacheFile('/c', '/b/skillhub.cjs', 'text', 'validate', { ...built, identity: '1:2:3:5' })).not.toBe(name);
    expect(codeCacheFile('/c', '/b/skillhub.cjs', 'text', 'validate', { ...built, digest: 'b'.repeat(64) })).not.toBe(name);
    expect(codeCacheFile('/c', '/b/skillhub.cjs', 'text', 'validate')).not.toBe(name);
    expect(codeCacheFile('/c', '/b/skillhub.cjs', 'text', 'validate')).not.toBe(codeCacheFile('/c', '/b/skillhub.cjs', 'text!', 'validate'));
  });

  it('reads back only what it wrote whole', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'skillhub-code-cache-unit-'));
    const file = path.join(folder, 'x.v8cache');
    expect(readCodeCache(file)).toBeUndefined();
    const data = Buffer.from('some cached data');
    expect(writeCodeCache(file, data)).toBe(true);
    expect(readCodeCache(file)).toEqual(data);
    expect(await readdir(folder)).toEqual(['x.v8cache']);
    expect(writeCodeCache(path.join(file, 'below-a-file.v8cache'), data)).toBe(false);
    expect(await readdir(folder)).toEqual(['x.v8cache']);
    // Into a buffer given for it when it fits, into its own otherwise.
    const room = Buffer.alloc(64, 0xee);
    const read = readCodeCache(file, room);
    expect(read).toEqual(data);
    expect(read?.buffer).toBe(room.buffer);
    expect(readCodeCache(file, Buffer.alloc(8))).toEqual(data);
    expect(readCodeCache(path.join(folder, 'missing.v8cache'), room)).toBeUndefined();
  });
});
