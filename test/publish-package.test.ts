import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cp, lstat, mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCatalogFolder, writeCatalogFolder } from '../src/publish/write.js';
import { IDS, makeTempDir, writeSkillsRepo } from './publish-fixtures.js';

/**
 * The package as a consumer sees it: compiled to a scratch folder beside a copy of package.json,
 * so `import ... from 'popiart-skillhub'` resolves through the `exports` map (a self-reference),
 * and the CLI runs as a real process (signals, environment).
 */
const PROJECT = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);
let pkg: string;
let repo: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  pkg = await makeTempDir('skillhub-package-');
  // tsc exits non-zero for type errors elsewhere in the tree but still emits; what matters here is the output.
  await run(process.execPath, [path.join(PROJECT, 'node_modules/typescript/bin/tsc'), '-p', path.join(PROJECT, 'tsconfig.json'), '--outDir', path.join(pkg, 'dist')]).catch(() => undefined);
  await cp(path.join(PROJECT, 'package.json'), path.join(pkg, 'package.json'));
  // The page script is bundled at `npm run build` (scripts/build-site-assets.mjs), not by tsc.
  await cp(path.join(PROJECT, 'dist/site/assets'), path.join(pkg, 'dist/site/assets'), { recursive: true });
  await cp(path.join(PROJECT, 'schemas'), path.join(pkg, 'schemas'), { recursive: true });
  await symlink(path.join(PROJECT, 'node_modules'), path.join(pkg, 'node_modules'), 'dir');
  // The `skillhub` bin is the esbuild bundle of that output (`npm run build` makes it the same way).
  await run(process.execPath, [path.join(PROJECT, 'scripts/build-cli-bundle.mjs'), path.join(pkg, 'dist')]);
  repo = await writeSkillsRepo({ [IDS.alpha]: {}, [IDS.beta]: { extraTags: ['showcase'] } });
}, 120_000);

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

const bin = () => path.join(pkg, (JSON.parse(readFileSync(path.join(pkg, 'package.json'), 'utf8')) as { bin: { skillhub: string } }).bin.skillhub);

describe('the published package', () => {
  it('lets a Node program import { loadCatalog } from "popiart-skillhub"', async () => {
    await run(process.execPath, [bin(), 'build'], { cwd: repo });
    await writeFile(
      path.join(pkg, 'consumer.mjs'),
      `import { loadCatalog, CatalogError } from 'popiart-skillhub';
const catalog = await loadCatalog(process.argv[2]);
const list = catalog.list({ tag: 'showcase' });
console.log(JSON.stringify({
  ids: list.items.map((item) => item.id),
  total: list.total,
  valid: catalog.validateInput(list.items[0].id, { prompt: 'x' }).valid,
  invalid: catalog.validateInput(list.items[0].id, {}).errors.map((error) => error.path + ' ' + error.keyword),
  error: typeof CatalogError,
}));
`,
    );
    const { stdout } = await run(process.execPath, [path.join(pkg, 'consumer.mjs'), path.join(repo, 'catalog')], { cwd: pkg });
    expect(JSON.parse(stdout)).toEqual({ ids: [IDS.beta], total: 1, valid: true, invalid: [' required'], error: 'function' });
  }, 30_000);

  it('ships types: a TypeScript consumer type-checks against the package entry', async () => {
    await writeFile(
      path.join(pkg, 'consumer.ts'),
      `import { loadCatalog, type Catalog, type SkillList, type ValidationResult } from 'popiart-skillhub';
const catalog: Catalog = await loadCatalog('catalog');
const list: SkillList = catalog.list({ tag: 'image', search: 'fox', limit: 10, offset: 0 });
const result: ValidationResult | undefined = catalog.validateInput(list.items[0]?.id ?? '', {});
const pointer: string | undefined = result?.errors[0]?.path;
// @ts-expect-error limit is a number
catalog.list({ limit: '10' });
export { pointer };
`,
    );
    await writeFile(
      path.join(pkg, 'tsconfig.consumer.json'),
      JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['consumer.ts'] }),
    );
    const tsc = path.join(PROJECT, 'node_modules/typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '-p', path.join(pkg, 'tsconfig.consumer.json')], { cwd: pkg }).then(
      () => ({ ok: true, output: '' }),
      (error: { stdout: string }) => ({ ok: false, output: error.stdout }),
    );
    expect(result).toEqual({ ok: true, output: '' });
  }, 60_000);

  it('builds byte-identical catalogs under any time zone and locale', async () => {
    const envs = [
      { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' },
      { TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' },
      { TZ: 'America/St_Johns', LANG: 'sv_SE.UTF-8', LC_ALL: 'sv_SE.UTF-8' },
    ];
    const outputs = [];
    for (const [i, env] of envs.entries()) {
      await run(process.execPath, [bin(), 'build', '--out', `out-${i}`], { cwd: repo, env: { ...process.env, ...env } });
      outputs.push(await readCatalogFolder(path.join(repo, `out-${i}`)));
    }
    // 2 skills: catalog.json, documents.json, index.json, healthz.json, skills/index.json, 3 files per skill, the 4 site files.
    expect(outputs[0]?.size).toBe(15);
    expect(outputs[1]).toEqual(outputs[0]);
    expect(outputs[2]).toEqual(outputs[0]);
  }, 120_000);

  it('serve stops cleanly on SIGTERM and on SIGINT (exit 0)', async () => {
    await run(process.execPath, [bin(), 'build'], { cwd: repo });
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const child = spawn(process.execPath, [bin(), 'serve', '--port', '0'], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no listening line: ${stderr}`)), 10_000);
        child.stderr?.on('data', () => {
          const match = /on (http:\/\/127\.0\.0\.1:\d+) /.exec(stderr);
          if (match) {
            clearTimeout(timer);
            resolve(match[1] as string);
          }
        });
      });
      expect((await fetch(`${url}/skills/${IDS.alpha}`)).status).toBe(200);
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill(signal);
      expect(await exited).toBe(0);
      expect(stderr.endsWith(`GET /skills/${IDS.alpha} 200 ${/ (\d+\.\d)ms\n/.exec(stderr)?.[1]}ms\nskillhub serve: stopped\n`)).toBe(true);
    }
  }, 30_000);

  it('a catalog write killed at any moment leaves the old catalog or the new one, never a mix', async () => {
    const parent = await makeTempDir('skillhub-kill-');
    const target = path.join(parent, 'catalog');
    const version = (tag: string) => {
      const files = new Map<string, string>([['catalog.json', `{"v":"${tag}"}\n`], ['index.json', `{"v":"${tag}"}\n`]]);
      for (let i = 0; i < 400; i++) files.set(`skills/popiskill-image-x-s${String(i).padStart(4, '0')}-v1.json`, `{"v":"${tag}","i":${i}}\n`);
      return files;
    };
    const A = version('a');
    const B = version('b');
    await writeCatalogFolder(target, A);
    const writer = `
const { writeCatalogFolder } = await import(${JSON.stringify(path.join(pkg, 'dist', 'publish', 'write.js'))});
const version = ${version.toString()};
const A = version('a'), B = version('b');
for (;;) { await writeCatalogFolder(${JSON.stringify(target)}, B); await writeCatalogFolder(${JSON.stringify(target)}, A); }
`;
    const same = (actual: Map<string, string>, expected: Map<string, string>) =>
      actual.size === expected.size && [...expected].every(([file, text]) => actual.get(file) === text);
    for (const delay of [40, 90, 150, 230, 310, 420]) {
      const child = spawn(process.execPath, ['--input-type=module', '-e', writer], { stdio: 'ignore' });
      children.push(child);
      const exited = new Promise((resolve) => child.on('exit', resolve));
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill('SIGKILL');
      await exited;
      // One rename swaps the link, so the target is always there, whole.
      expect(await lstat(target).then((stats) => stats.isSymbolicLink(), () => false)).toBe(true);
      const files = await readCatalogFolder(target);
      expect(same(files, A) || same(files, B), `after ${delay} ms: ${files.size} files, a complete catalog`).toBe(true);
      // The next run tidies up whatever the kill left and writes a complete catalog.
      await writeCatalogFolder(target, A);
      expect((await readdir(parent)).sort()).toEqual(['catalog', 'catalog.versions']);
      expect(same(await readCatalogFolder(target), A)).toBe(true);
    }
  }, 60_000);
});
