import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogFromFiles } from '../src/catalog/load.js';
import type { Catalog } from '../src/catalog/types.js';
import { buildCatalog } from '../src/publish/build.js';
import { MAX_ERRORS_RETURNED } from '../src/server/handler.js';
import { startServer, type RunningServer } from '../src/server/server.js';
import { IDS, sourceOf } from './publish-fixtures.js';

let catalog: Catalog;
let server: RunningServer;
const MAX_BODY = 256 * 1024;

beforeAll(async () => {
  const built = buildCatalog([sourceOf(IDS.alpha), sourceOf(IDS.beta)]);
  if (!built.ok) throw new Error('build failed');
  catalog = await catalogFromFiles(built.catalog.files);
  server = await startServer({ catalog, port: 0, log: () => {}, maxBodyBytes: MAX_BODY });
});
afterAll(async () => {
  await server?.close();
});

/** One request with the target sent as written (no URL normalisation). */
function send(method: string, target: string, body?: string, contentType = 'application/json'): Promise<{ status: number; text: string }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path: target, agent: false, headers: body === undefined ? {} : { 'Content-Type': contentType } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`timed out: ${method} ${target}`)));
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? resolve({ status: 413, text: '' }) : reject(error)));
    req.end(body);
  });
}

function manyUnknownKeys(count: number): string {
  const payload: Record<string, unknown> = { prompt: 'a fox' };
  for (let i = 0; i < count; i++) payload[`unknown_${i}`] = i;
  return JSON.stringify(payload);
}

describe('the server under hostile requests', () => {
  it('answers the first 100 problems of a payload with thousands, and how many there are', async () => {
    const answer = await send('POST', `/skills/${IDS.alpha}/validate`, manyUnknownKeys(5000));
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.text) as { valid: boolean; errors: Array<{ path: string }>; error_count: number };
    expect(body.valid).toBe(false);
    expect(body.errors).toHaveLength(MAX_ERRORS_RETURNED);
    expect(body.errors[0]).toEqual({ path: '/unknown_0', message: '`unknown_0` is not an input of this skill.', keyword: 'additionalProperties' });
    expect(body.error_count).toBe(5000);
    expect(catalog.validateInput(IDS.alpha, JSON.parse(manyUnknownKeys(3)))).toEqual({
      valid: false,
      errors: [0, 1, 2].map((i) => ({ path: `/unknown_${i}`, message: `\`unknown_${i}\` is not an input of this skill.`, keyword: 'additionalProperties' })),
    });
  });

  it('mixed concurrent valid, invalid, malformed, oversized and traversal requests: no 500, no foreign file, /healthz answers', async () => {
    const requests: Array<[string, Promise<{ status: number; text: string }>]> = [];
    const add = (expected: string, promise: Promise<{ status: number; text: string }>) => requests.push([expected, promise]);
    for (let round = 0; round < 6; round++) {
      add('200', send('POST', `/skills/${IDS.alpha}/validate`, '{"prompt":"a fox"}'));
      add('200', send('POST', `/skills/${IDS.beta}/validate`, '{"prompt":"","50%":1,"toString":2}'));
      add('200', send('POST', `/skills/${IDS.alpha}/validate`, manyUnknownKeys(2000)));
      add('400', send('POST', `/skills/${IDS.alpha}/validate`, '{"prompt": "unclosed'));
      add('400', send('POST', `/skills/${IDS.alpha}/validate`, '['.repeat(100_000)));
      add('413', send('POST', `/skills/${IDS.alpha}/validate`, `{"prompt":"${'x'.repeat(MAX_BODY)}"}`));
      add('415', send('POST', `/skills/${IDS.alpha}/validate`, '{}', 'text/plain'));
      add('404', send('GET', '/skills/..%2f..%2f..%2fetc%2fpasswd'));
      add('404', send('GET', '/../../../../etc/passwd'));
      add('404', send('GET', `/skills/${IDS.alpha}/..%2F..%2Fpackage.json`));
      add('400', send('GET', '/skills/%E0%A4%A'));
      add('200', send('GET', '/healthz'));
      add('200', send('GET', `/skills?search=${encodeURIComponent('fox '.repeat(200))}`));
    }
    const answers = await Promise.all(requests.map(async ([expected, promise]) => [expected, await promise] as const));
    expect(answers.map(([expected, answer]) => `${expected}:${answer.status}`)).toEqual(answers.map(([expected]) => `${expected}:${expected}`));
    for (const [, answer] of answers) {
      expect(answer.text).not.toMatch(/root:x?:0:0|"devDependencies"/);
    }
    const health = await send('GET', '/healthz');
    expect(JSON.parse(health.text)).toEqual({ status: 'ok', skills: 2, sha256: catalog.sha256 });
  }, 120_000);
});
