import { mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog, type BuiltCatalog } from '../src/publish/build.js';
import type { SkillSource } from '../src/publish/skill-record.js';
import { writeCatalogFolder } from '../src/publish/write.js';
import { watchCatalog } from '../src/server/reload.js';
import { loadServedCatalog } from '../src/server/served.js';
import { startServer, type RunningServer } from '../src/server/server.js';
import { readSiteScript } from '../src/site/render-site.js';
import { IDS, makeTempDir, sourceOf } from './publish-fixtures.js';

function variant(id: string, frontMatter: Record<string, unknown>, tags: string[] = []): SkillSource {
  const source = sourceOf(id, { extraTags: tags });
  source.frontMatter = { ...source.frontMatter, ...frontMatter };
  return source;
}

const VIDEO = 'popiskill-video-image2video-delta-v1';

function built(sources: SkillSource[]): BuiltCatalog {
  const result = buildCatalog(sources, { siteScript: readSiteScript() });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.catalog;
}

const first = () => built([sourceOf(IDS.alpha, { extraTags: ['showcase', 'hero'] }), sourceOf(IDS.beta), variant(VIDEO, { model_type: 'video', default_profile: true, profile_description: 'x' }, ['showcase'])]);
const second = () => built([sourceOf(IDS.alpha), sourceOf(IDS.gamma)]);

let folder: string;
let server: RunningServer;
let stopWatch: () => void;
const logs: string[] = [];

beforeAll(async () => {
  folder = path.join(await makeTempDir(), 'catalog');
  await writeCatalogFolder(folder, first().files);
  const watch = watchCatalog(folder, await loadServedCatalog(folder), { intervalMs: 50, log: (line) => logs.push(line) });
  stopWatch = watch.stop;
  server = await startServer({ served: watch.current, port: 0 });
});

afterAll(async () => {
  stopWatch?.();
  await server?.close();
});

const get = async (target: string, init?: RequestInit) => fetch(`${server.url}${target}`, init);
const ids = async (target: string) => ((await (await get(target)).json()) as { items: Array<{ id: string }> }).items.map((item) => item.id);

async function waitForDigest(digest: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const health = (await (await get('/healthz')).json()) as { sha256: string };
    if (health.sha256 === digest) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`the server never served ${digest}; log: ${logs.join(' | ')}`);
}

describe('skillhub serve for people and browsers', () => {
  it('filters by model_type, category, capability, default_profile and every repeated tag', async () => {
    expect(await ids('/skills?model_type=video')).toEqual([VIDEO]);
    expect(await ids('/skills?category=image')).toEqual([IDS.alpha, IDS.beta]);
    expect(await ids('/skills?capability=image2video')).toEqual([VIDEO]);
    expect(await ids('/skills?default_profile=true')).toEqual([VIDEO]);
    expect(await ids('/skills?default_profile=false&category=image')).toEqual([IDS.alpha, IDS.beta]);
    expect(await ids('/skills?tag=showcase')).toEqual([IDS.alpha, VIDEO]);
    expect(await ids('/skills?tag=showcase&tag=hero')).toEqual([IDS.alpha]);
    expect(await ids('/skills?tag=hero&tag=showcase&tag=text2image')).toEqual([IDS.alpha]);
    expect(await ids('/skills?tag=showcase&tag=hero&tag=nope')).toEqual([]);
  });

  it('allows any origin on its routes and answers an OPTIONS preflight with 204', async () => {
    const list = await get('/skills', { headers: { Origin: 'https://example.org' } });
    expect([list.headers.get('access-control-allow-origin'), list.headers.get('access-control-expose-headers')]).toEqual(['*', 'ETag']);
    const preflight = await get(`/skills/${IDS.alpha}/validate`, { method: 'OPTIONS', headers: { Origin: 'https://example.org', 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(await preflight.text()).toBe('');
    expect(Object.fromEntries([...preflight.headers].filter(([name]) => name.startsWith('access-control-')))).toEqual({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'POST, OPTIONS',
      'access-control-allow-headers': 'Content-Type, If-None-Match',
      'access-control-expose-headers': 'ETag',
      'access-control-max-age': '600',
    });
    expect((await get('/skills', { method: 'OPTIONS' })).headers.get('access-control-allow-methods')).toBe('GET, HEAD, OPTIONS');
    expect((await get('/nowhere', { method: 'OPTIONS' })).status).toBe(404);
  });

  it('serves the site at / and /skills/<id>.html with their content types, and 404 for a page that is not there', async () => {
    const cases: Array<[string, string]> = [
      ['/', 'text/html; charset=utf-8'],
      ['/index.html', 'text/html; charset=utf-8'],
      [`/skills/${IDS.beta}.html`, 'text/html; charset=utf-8'],
      ['/assets/site.js', 'text/javascript; charset=utf-8'],
      ['/assets/fields.js', 'text/javascript; charset=utf-8'],
      ['/assets/site.css', 'text/css; charset=utf-8'],
    ];
    for (const [target, type] of cases) {
      const answer = await get(target);
      expect([target, answer.status, answer.headers.get('content-type')]).toEqual([target, 200, type]);
    }
    expect(await (await get('/')).text()).toBe(first().files.get('index.html'));
    for (const target of [`/skills/${IDS.gamma}.html`, '/assets/other.js', '/assets/../catalog.json', '/skills/..%2Findex.html']) {
      expect([target, (await get(target)).status]).toEqual([target, 404]);
    }
  });

  it('switches to a new build swapped in by renames, and to one behind a moved symlink, never to a broken one', async () => {
    const before = first().index.sha256;
    expect(((await (await get('/healthz')).json()) as { sha256: string }).sha256).toBe(before);
    // A new build through the project's atomic swap.
    const next = second();
    await writeCatalogFolder(folder, next.files);
    await waitForDigest(next.index.sha256);
    expect(await ids('/skills')).toEqual([IDS.alpha, IDS.gamma]);
    expect((await get(`/skills/${IDS.gamma}.html`)).status).toBe(200);
    expect(logs.at(-1)).toBe(`skillhub serve: now serving 2 skills, sha256 ${next.index.sha256} (was ${before})`);

    // A broken build (its documents file cut short) is not picked up; the served build stays whole.
    const broken = new Map(first().files);
    broken.set('documents.json', (broken.get('documents.json') as string).slice(0, -100));
    const staging = `${folder}.broken`;
    await mkdir(staging);
    for (const [file, text] of broken) {
      await mkdir(path.dirname(path.join(staging, file)), { recursive: true });
      await writeFile(path.join(staging, file), text);
    }
    await rm(folder, { recursive: true });
    await rename(staging, folder);
    for (let i = 0; i < 100 && !logs.at(-1)?.includes('not reloading'); i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(logs.at(-1)).toMatch(new RegExp(`^skillhub serve: not reloading: .*documents\\.json: it is cut short in document 3 of 3; still serving sha256 ${next.index.sha256}$`));
    expect(await ids('/skills')).toEqual([IDS.alpha, IDS.gamma]);

    // The out path as a symlink to a digest-named folder, moved to another one.
    const parent = path.dirname(folder);
    const one = path.join(parent, `catalog-${before.slice(0, 12)}`);
    await writeCatalogFolder(one, first().files);
    await rm(folder, { recursive: true });
    await symlink(one, folder);
    await waitForDigest(before);
    expect(await ids('/skills')).toEqual([IDS.alpha, IDS.beta, VIDEO]);
    const two = path.join(parent, `catalog-${next.index.sha256.slice(0, 12)}`);
    await writeCatalogFolder(two, next.files);
    await symlink(two, `${folder}.link`);
    await rename(`${folder}.link`, folder);
    await waitForDigest(next.index.sha256);
    expect(await ids('/skills')).toEqual([IDS.alpha, IDS.gamma]);
  }, 30000);
});

describe('reading a catalog while builds are swapped in', () => {
  it('gives one whole build every time, never a mix of two', async () => {
    const target = path.join(await makeTempDir(), 'catalog');
    const builds = [first(), second()];
    await writeCatalogFolder(target, (builds[0] as BuiltCatalog).files);
    let swapping = true;
    const swaps = (async () => {
      for (let i = 1; swapping && i < 40; i++) await writeCatalogFolder(target, (builds[i % 2] as BuiltCatalog).files);
      swapping = false;
    })();
    const seen = new Set<string>();
    while (swapping) {
      const served = await loadServedCatalog(target).catch((error: Error) => error);
      if (served instanceof Error) throw served;
      const build = builds.find((candidate) => candidate.index.sha256 === served.catalog.sha256) as BuiltCatalog;
      expect(build).toBeDefined();
      // Every page belongs to the same build as the JSON documents.
      for (const [file, text] of served.site) expect([file, text === build.files.get(file)]).toEqual([file, true]);
      // index.html, assets/site.js, fields.js and site.css, and a page per skill.
      expect(served.site.size).toBe(4 + build.skills.length);
      seen.add(served.catalog.sha256);
    }
    await swaps;
    expect(seen.size).toBeGreaterThan(0);
  }, 60000);
});
