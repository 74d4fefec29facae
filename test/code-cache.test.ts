import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { codeCacheVariant, readCodeCache, writeCodeCache } from '../src/cli/code-cache.js';
import { BUILT_BIN } from './support/built-cli.js';

/** The built bin runs its bundle with a V8 code cache (src/cli/code-cache.ts); whatever the cache holds, the output is the same. */

interface Run {
  code: number;
  out: string;
  err: string;
}

function run(args: readonly string[], cacheDir: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BUILT_BIN, ...args], { env: { ...process.env, SKILLHUB_CODE_CACHE_DIR: cacheDir } }, (error, out, err) => {
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
  });
});
