import { execFile } from 'node:child_process';
import { appendFile, cp, mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_ID, exampleSkill } from '../src/check/rules/example-skill.js';
import { BUILT_BIN } from './support/built-cli.js';

/**
 * The bundled CLI's cache is keyed by the code it can load: dist/bin/ and dist/generated/ (the
 * build names them; the replay manifest's helper thread is bundled into dist/bin/ too), the
 * project's schemas and the lockfile, not tsc's 500 files of library code. A copy of the built
 * package shows which edits give the cache another fingerprint.
 */
const REPO = path.resolve(path.dirname(BUILT_BIN), '..', '..');
const run = promisify(execFile);

async function builtPackage(): Promise<{ pkg: string; bin: string; skill: string; cache: string }> {
  const pkg = await mkdtemp(path.join(tmpdir(), 'skillhub-fingerprint-'));
  for (const part of ['package.json', 'package-lock.json', 'schemas', 'dist/bin', 'dist/generated']) await cp(path.join(REPO, part), path.join(pkg, part), { recursive: true });
  await symlink(path.join(REPO, 'node_modules'), path.join(pkg, 'node_modules'));
  const skill = path.join(pkg, 'work', 'skills', EXAMPLE_ID);
  await mkdir(skill, { recursive: true });
  await writeFile(path.join(skill, 'SKILL.md'), exampleSkill());
  return { pkg, bin: path.join(pkg, 'dist', 'bin', 'skillhub.js'), skill, cache: path.join(pkg, 'work', 'cache.json') };
}

async function fingerprintAfterRun({ bin, skill, cache }: { bin: string; skill: string; cache: string }): Promise<string> {
  await run(process.execPath, [bin, 'validate', skill, '--cache-location', cache], { env: { ...process.env, SKILLHUB_CODE_CACHE_DIR: '' } }).catch((error: { code?: number }) => {
    if (error.code !== 1) throw error;
  });
  return (JSON.parse(await readFile(cache, 'utf8')) as { fingerprint: string }).fingerprint;
}

describe("the bundled CLI's cache fingerprint", () => {
  it('changes with a file of dist/bin, dist/generated or schemas, not with tsc output elsewhere in dist', async () => {
    const built = await builtPackage();
    const first = await fingerprintAfterRun(built);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(await fingerprintAfterRun(built)).toBe(first);

    await mkdir(path.join(built.pkg, 'dist', 'load'), { recursive: true });
    await writeFile(path.join(built.pkg, 'dist', 'load', 'library-only.js'), 'export {};\n');
    expect(await fingerprintAfterRun(built)).toBe(first);

    await appendFile(path.join(built.pkg, 'dist', 'bin', 'ajv-runtime.cjs'), '\n');
    const second = await fingerprintAfterRun(built);
    expect(second).not.toBe(first);

    await appendFile(path.join(built.pkg, 'dist', 'generated', 'static-validators.cjs'), '\n');
    const third = await fingerprintAfterRun(built);
    expect([first, second]).not.toContain(third);

    await appendFile(path.join(built.pkg, 'schemas', 'job-result.schema.json'), '\n');
    expect([first, second, third]).not.toContain(await fingerprintAfterRun(built));
  }, 60_000);
});
