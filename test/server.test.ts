import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogFromFiles } from '../src/catalog/load.js';
import type { Catalog } from '../src/catalog/types.js';
import { buildCatalog } from '../src/publish/build.js';
import { startServer, type RunningServer } from '../src/server/server.js';
import { IDS, sourceOf } from './publish-fixtures.js';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: unknown;
}

/** One request with the target sent exactly as given (no URL normalisation), bounded in time. */
function send(base: string, options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; chunked?: boolean }): Promise<Answer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, method: options.method ?? 'GET', path: options.path, headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text === '' ? undefined : (JSON.parse(text) as unknown);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.setTimeout(5000, () => req.destroy(new Error(`timed out: ${options.method ?? 'GET'} ${options.path}`)));
    req.on('error', reject);
    if (options.body !== undefined && options.chunked) {
      const body = Buffer.from(options.body);
      for (let i = 0; i < body.length; i += 512) req.write(body.subarray(i, i + 512));
      req.end();
    } else {
      req.end(options.body);
    }
  });
}

const AGENTS = `interface:
  display_name: "Gamma Showcase"
  short_description: "Generate one showcase image from a prompt"
  default_prompt: "Use this skill for the gamma showcase."
`;

let catalog: Catalog;
let server: RunningServer;
const logLines: string[] = [];
const MAX_BODY = 2048;

beforeAll(async () => {
  const result = buildCatalog([sourceOf(IDS.alpha), sourceOf(IDS.beta, { title: 'Beta Images' }), sourceOf(IDS.gamma, { extraTags: ['showcase'], agentsYaml: AGENTS })]);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  catalog = await catalogFromFiles(result.catalog.files);
  server = await startServer({ catalog, port: 0, log: (line) => logLines.push(line), maxBodyBytes: MAX_BODY });
});

afterAll(async () => {
  await server?.close();
});

const get = (path: string, headers?: Record<string, string>) => send(server.url, { path, headers });
const post = (path: string, body: string, contentType: string | null = 'application/json') =>
  send(server.url, { method: 'POST', path, body, headers: contentType === null ? {} : { 'Content-Type': contentType } });
const error = (code: string, message: string) => ({ ok: false, error: { code, message } });

describe('the read-only /skills server', () => {
  it('binds 127.0.0.1 by default', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('GET /healthz reports the catalog it serves', async () => {
    const answer = await get('/healthz');
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ status: 'ok', skills: 3, sha256: catalog.sha256 });
  });

  it('GET /skills answers the bare list with an ETag; empty parameters count as absent', async () => {
    const answer = await get('/skills');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.json).toEqual(catalog.list());
    expect(answer.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
    const blank = await get('/skills?tag=&search=&limit=&offset=');
    expect(blank.json).toEqual(answer.json);
    expect(blank.headers.etag).toBe(answer.headers.etag);
  });

  it('GET /skills filters by tag and search and pages by limit and offset', async () => {
    const tagged = await get('/skills?tag=showcase');
    expect(tagged.json).toEqual(catalog.list({ tag: 'showcase' }));
    expect((tagged.json as { items: Array<{ id: string }> }).items.map((item) => item.id)).toEqual([IDS.gamma]);
    const searched = await get('/skills?search=beta%20images');
    expect((searched.json as { items: Array<{ id: string }> }).items.map((item) => item.id)).toEqual([IDS.beta]);
    const paged = await get('/skills?limit=1&offset=2');
    expect(paged.json).toEqual({ items: [catalog.list().items[2]], total: 3, limit: 1, offset: 2 });
    expect(paged.headers.etag).not.toBe((await get('/skills')).headers.etag);
  });

  it('GET /skills answers 400 for a bad parameter', async () => {
    const cases: Array<[string, string]> = [
      ['/skills?limit=ten', '`limit` must be a whole number from 0 to 1000 (default 50), got "ten"'],
      ['/skills?limit=1001', '`limit` must be a whole number from 0 to 1000 (default 50), got "1001"'],
      ['/skills?offset=-1', '`offset` must be a whole number from 0, got "-1"'],
      ['/skills?search=a&search=b', '`search` is given 2 times; give it once'],
      ['/skills?default_profile=yes', '`default_profile` must be true or false, got "yes"'],
      ['/skills?limit=1&unknown=ignored&Tag=x', 'unknown query parameters `unknown`, `Tag`; known: tag, search, limit, offset, model_type, category, capability, default_profile'],
    ];
    for (const [path, message] of cases) {
      const answer = await get(path);
      expect([path, answer.status, answer.json]).toEqual([path, 400, error('bad_parameter', message)]);
    }
  });

  it('GET /skills/<id> and /skills/<id>/schema answer the bare skill and schema pair', async () => {
    const skill = await get(`/skills/${IDS.beta}`);
    expect(skill.status).toBe(200);
    expect(skill.json).toEqual(catalog.get(IDS.beta));
    expect(skill.headers.etag).toBe(`"${catalog.get(IDS.beta)?.sha256}"`);
    const schema = await get(`/skills/${IDS.beta}/schema`);
    expect(schema.status).toBe(200);
    expect(schema.json).toEqual(catalog.schema(IDS.beta));
    expect(schema.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect(schema.headers.etag).not.toBe(skill.headers.etag);
  });

  it('answers 304 without a body when If-None-Match names the current ETag', async () => {
    for (const path of ['/skills', `/skills/${IDS.alpha}`, `/skills/${IDS.alpha}/schema`]) {
      const first = await get(path);
      const tag = first.headers.etag as string;
      const again = await get(path, { 'If-None-Match': tag });
      expect([path, again.status, again.text, again.headers.etag]).toEqual([path, 304, '', tag]);
      expect((await get(path, { 'If-None-Match': `"other", W/${tag}` })).status).toBe(304);
      expect((await get(path, { 'If-None-Match': '*' })).status).toBe(304);
      expect((await get(path, { 'If-None-Match': '"stale"' })).status).toBe(200);
    }
  });

  it('HEAD answers the headers of GET without a body', async () => {
    const answer = await send(server.url, { method: 'HEAD', path: `/skills/${IDS.alpha}` });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
    expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(`${JSON.stringify(catalog.get(IDS.alpha))}\n`));
  });

  it('answers 404 for an unknown skill, with the closest ids, and for an unknown path', async () => {
    const unknown = await get('/skills/popiskill-image-text2image-betta-v1');
    expect(unknown.status).toBe(404);
    expect((unknown.json as { error: { code: string; message: string } }).error.code).toBe('skill_not_found');
    expect((unknown.json as { error: { message: string } }).error.message).toMatch(
      new RegExp(`^no skill "popiskill-image-text2image-betta-v1" in the catalog; did you mean ${IDS.beta}`),
    );
    expect((await get('/skills/popiskill-image-text2image-betta-v1/schema')).status).toBe(404);
    // A catalog served without its site has no front page, and says why.
    expect((await get('/')).json).toEqual(error('not_found', 'no such page: / (this catalog was built without its site; run `skillhub build` again)'));
    for (const path of ['/nope', '/skills/', `/skills/${IDS.alpha}/other`, '/healthz/x', `/skills/${IDS.alpha}/schema/x`]) {
      const answer = await get(path);
      expect([path, answer.status, answer.json]).toEqual([path, 404, error('not_found', `no such path: ${path}`)]);
    }
  });

  it('reads nothing outside the catalog: dot segments, encoded slashes, absolute paths and NULs are 404', async () => {
    const attempts = [
      '/skills/..%2F..%2Fpackage.json',
      '/skills/%2e%2e/%2e%2e/package.json',
      '/skills/../../package.json',
      '/../package.json',
      '/skills/..%5C..%5Cpackage.json',
      '/skills/%2Fetc%2Fpasswd',
      '//etc/passwd',
      '/skills//etc/passwd',
      `/skills/${IDS.alpha}%00.json`,
      '/skills/%00',
      'http://127.0.0.1/skills',
      '/catalog.json',
      `/skills/${IDS.alpha}.json`,
    ];
    for (const path of attempts) {
      const answer = await get(path);
      expect([path, answer.status, (answer.json as { ok?: boolean } | undefined)?.ok]).toEqual([path, 404, false]);
      expect(answer.text).not.toMatch(/popiart-skillhub|root:|"input_schema"/);
    }
    const malformed = await get('/skills/%E0%A4%A');
    expect([malformed.status, malformed.json]).toEqual([400, error('bad_request', 'the path has a malformed percent-encoding')]);
  });

  it('answers 405 with Allow for a method a route does not take', async () => {
    const cases: Array<[string, string, string]> = [
      ['POST', '/skills', 'GET, HEAD'],
      ['DELETE', `/skills/${IDS.alpha}`, 'GET, HEAD'],
      ['PUT', `/skills/${IDS.alpha}/schema`, 'GET, HEAD'],
      ['GET', `/skills/${IDS.alpha}/validate`, 'POST'],
      ['POST', '/healthz', 'GET, HEAD'],
    ];
    for (const [method, path, allow] of cases) {
      const answer = await send(server.url, { method, path });
      expect([method, path, answer.status, answer.headers.allow, (answer.json as { error: { code: string } }).error.code]).toEqual([
        method, path, 405, allow, 'method_not_allowed',
      ]);
    }
  });

  it('POST /skills/<id>/validate answers {valid, errors} for a JSON payload', async () => {
    const valid = await post(`/skills/${IDS.alpha}/validate`, '{"prompt":"a lighthouse","aspect_ratio":"16:9"}');
    expect([valid.status, valid.json]).toEqual([200, { valid: true, errors: [] }]);
    const invalid = await post(`/skills/${IDS.alpha}/validate`, '{"strength":2}', 'application/json; charset=utf-8');
    expect([invalid.status, invalid.json]).toEqual([200, catalog.validateInput(IDS.alpha, { strength: 2 })]);
    expect((invalid.json as { valid: boolean }).valid).toBe(false);
    const vendor = await post(`/skills/${IDS.alpha}/validate`, '{"prompt":"x"}', 'application/vnd.popiart+json');
    expect(vendor.status).toBe(200);
  });

  it('POST /skills/<id>/validate answers 415, 400, 404 and 413 for what it cannot validate', async () => {
    const path = `/skills/${IDS.alpha}/validate`;
    expect(await post(path, '{}', 'text/plain')).toMatchObject({ status: 415, json: error('unsupported_media_type', 'send the payload as JSON (Content-Type: application/json)') });
    expect((await post(path, '{}', null)).status).toBe(415);
    const broken = await post(path, '{"prompt":');
    expect(broken.status).toBe(400);
    expect((broken.json as { error: { code: string; message: string } }).error.code).toBe('invalid_json');
    expect((broken.json as { error: { message: string } }).error.message).toMatch(/^the body is not valid JSON: /);
    expect((await post(path, '')).status).toBe(400);
    expect((await post('/skills/popiskill-image-text2image-delta-v1/validate', '{}')).status).toBe(404);
    const big = JSON.stringify({ prompt: 'x'.repeat(MAX_BODY) });
    const declared = await post(path, big);
    expect([declared.status, declared.json]).toEqual([413, error('payload_too_large', `the body is larger than ${MAX_BODY} bytes`)]);
    const streamed = await send(server.url, { method: 'POST', path, body: big, chunked: true, headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } });
    expect(streamed.status).toBe(413);
    // The server is still up after cutting those connections.
    expect((await get('/healthz')).status).toBe(200);
  });

  it('logs one line per request', async () => {
    const before = logLines.length;
    await get('/skills?tag=image');
    await post(`/skills/${IDS.alpha}/validate`, '{}', 'text/plain');
    const lines = logLines.slice(before);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^GET \/skills\?tag=image 200 \d+\.\dms$/);
    expect(lines[1]).toMatch(new RegExp(`^POST /skills/${IDS.alpha}/validate 415 \\d+\\.\\dms$`));
  });
});
