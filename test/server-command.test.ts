import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandIo } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { serve } from '../src/cli/serve.js';
import { buildCatalog } from '../src/publish/build.js';
import { writeCatalogFolder } from '../src/publish/write.js';
import { IDS, makeTempDir, sourceOf } from './publish-fixtures.js';

function memoryIo(cwd: string): CommandIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { cwd, out, err, stdout: (text) => out.push(text), stderr: (text) => err.push(text), readStdin: async () => '' };
}

async function catalogRepo(): Promise<string> {
  const repo = await makeTempDir();
  const result = buildCatalog([sourceOf(IDS.alpha), sourceOf(IDS.beta)]);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  await writeCatalogFolder(path.join(repo, 'catalog'), result.catalog.files);
  return repo;
}

async function waitFor<T>(probe: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('skillhub serve', () => {
  it('serves catalog/, logs each request to stderr, and stops cleanly when asked', async () => {
    const io = memoryIo(await catalogRepo());
    let stop: (() => void) | undefined;
    const exit = serve(['--port', '0'], io, (resolve) => {
      stop = resolve;
    });
    const url = await waitFor(() => /on (http:\/\/127\.0\.0\.1:\d+) /.exec(io.err.join(''))?.[1], 'the listening line');
    expect(io.err[0]).toBe(`skillhub serve: 2 skills from catalog on ${url} (Ctrl-C stops)\n`);
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { skills: number }).skills).toBe(2);
    const list = (await (await fetch(`${url}/skills?limit=1`)).json()) as { items: Array<{ id: string }>; total: number };
    expect([list.items.map((item) => item.id), list.total]).toEqual([[IDS.alpha], 2]);
    stop?.();
    expect(await exit).toBe(0);
    expect(io.err.slice(1)).toEqual([
      expect.stringMatching(/^GET \/healthz 200 \d+\.\dms\n$/),
      expect.stringMatching(/^GET \/skills\?limit=1 200 \d+\.\dms\n$/),
      'skillhub serve: stopped\n',
    ]);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it('exits 2 with a clear message when there is no catalog to serve', async () => {
    const io = memoryIo(await makeTempDir());
    expect(await main(['serve', '--port', '0'], io)).toBe(2);
    expect(io.err.join('')).toBe(`skillhub serve: cannot serve catalog: catalog.json is missing (run \`skillhub build\` first)\n`);
  });

  it('exits 2 for a bad port or a port already in use', async () => {
    const repo = await catalogRepo();
    const io = memoryIo(repo);
    expect(await main(['serve', '--port', '70000'], io)).toBe(2);
    expect(io.err.join('')).toBe('skillhub serve: --port must be from 0 to 65535, got 70000\n');
    let stop: (() => void) | undefined;
    const first = memoryIo(repo);
    const running = serve(['--port', '0'], first, (resolve) => {
      stop = resolve;
    });
    const port = await waitFor(() => /:(\d+) \(Ctrl-C/.exec(first.err.join(''))?.[1], 'the listening line');
    const second = memoryIo(repo);
    expect(await main(['serve', '--port', port], second)).toBe(2);
    expect(second.err.join('')).toBe(`skillhub serve: cannot listen on 127.0.0.1:${port}: EADDRINUSE\n`);
    stop?.();
    expect(await running).toBe(0);
  });
});
