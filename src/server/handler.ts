import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { CatalogError, type Catalog } from '../catalog/types.js';
import { entityTag, matchesIfNoneMatch } from './etag.js';
import { parseListQuery } from './query.js';
import { ALLOWED_METHODS, matchRoute, printable, type Route } from './routes.js';
import { CORS_HEADERS, preflightHeaders } from './cors.js';
import type { ServedCatalog } from './served.js';
import { pageReply } from './pages.js';

export interface HandlerOptions {
  /** The build to answer from, asked once per request (it changes on a hot reload). */
  served: () => ServedCatalog;
  /** Receives one line per request. */
  log: (line: string) => void;
  /** The largest POST body accepted, in bytes. */
  maxBodyBytes: number;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** Problems described per answer; `error_count` tells how many there are in all. */
export const MAX_ERRORS_RETURNED = 100;

export interface Reply {
  status: number;
  body?: unknown;
  /** A text answer sent as it is (a page of the site), instead of `body` as JSON. */
  text?: { content: string; type: string };
  etag?: string;
  headers?: Record<string, string>;
}

/** Answers the read-only API from the loaded catalog. Success bodies are the bare objects the CLI reads. */
export function createRequestHandler(options: HandlerOptions): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const started = performance.now();
    response.on('finish', () => {
      const ms = (performance.now() - started).toFixed(1);
      options.log(`${request.method ?? '-'} ${printable(request.url ?? '')} ${response.statusCode} ${ms}ms`);
    });
    answer(request, options)
      .catch((error: unknown) => failure(500, 'internal', error instanceof CatalogError ? error.message : 'internal error'))
      .then((reply) => send(request, response, reply))
      .catch(() => response.destroy());
  };
}

async function answer(request: IncomingMessage, options: HandlerOptions): Promise<Reply> {
  const match = matchRoute(request.url ?? '');
  if (!match.ok) return failure(match.status, match.code, match.message);
  const { route } = match;
  const method = request.method ?? '';
  const allowed = ALLOWED_METHODS[route.kind];
  if (method === 'OPTIONS') return { status: 204, headers: preflightHeaders(allowed) };
  if (!allowed.includes(method)) {
    return { ...failure(405, 'method_not_allowed', `${printable(method)} is not allowed here; use ${allowed.join(' or ')}`), headers: { Allow: allowed.join(', ') } };
  }
  const served = options.served();
  if (route.kind === 'page') return pageReply(route.file, served);
  return route.kind === 'validate' ? validate(route.id, request, served.catalog, options.maxBodyBytes) : read(route, served.catalog);
}

function read(route: Exclude<Route, { kind: 'validate' | 'page' }>, catalog: Catalog): Reply {
  switch (route.kind) {
    case 'health':
      return { status: 200, body: { status: 'ok', skills: catalog.ids.length, sha256: catalog.sha256 } };
    case 'list': {
      const parsed = parseListQuery(route.query);
      if (!parsed.ok) return failure(400, 'bad_parameter', parsed.message);
      const list = catalog.list(parsed.query);
      const variant = JSON.stringify({ ...parsed.query, limit: list.limit, offset: list.offset });
      return { status: 200, body: list, etag: entityTag(catalog.sha256, variant) };
    }
    case 'skill': {
      const skill = catalog.get(route.id);
      return skill ? { status: 200, body: skill, etag: entityTag(skill.sha256) } : unknownSkill(route.id, catalog);
    }
    case 'schema': {
      const schemas = catalog.schema(route.id);
      const skill = catalog.get(route.id);
      return schemas && skill ? { status: 200, body: schemas, etag: entityTag(skill.sha256, 'schema') } : unknownSkill(route.id, catalog);
    }
  }
}

async function validate(id: string, request: IncomingMessage, catalog: Catalog, maxBodyBytes: number): Promise<Reply> {
  if (!isJson(request.headers['content-type'])) {
    return failure(415, 'unsupported_media_type', 'send the payload as JSON (Content-Type: application/json)');
  }
  if (!catalog.get(id)) return unknownSkill(id, catalog);
  const body = await readBody(request, maxBodyBytes);
  if (body === undefined) {
    return { ...failure(413, 'payload_too_large', `the body is larger than ${maxBodyBytes} bytes`), headers: { Connection: 'close' } };
  }
  let payload: unknown;
  try {
    payload = JSON.parse(body) as unknown;
  } catch (error) {
    return failure(400, 'invalid_json', `the body is not valid JSON: ${(error as Error).message}`);
  }
  return { status: 200, body: catalog.validateInput(id, payload, { maxErrors: MAX_ERRORS_RETURNED }) };
}

function isJson(contentType: string | undefined): boolean {
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

/** The body as text, or undefined once it passes the limit (then the rest is not read). */
function readBody(request: IncomingMessage, limit: number): Promise<string | undefined> {
  const declared = Number(request.headers['content-length'] ?? '0');
  if (declared > limit) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
    // A client that goes away mid-body never sends 'end'; settle so nothing waits on it.
    request.on('close', () => reject(new Error('the client closed the connection')));
  });
}

function unknownSkill(id: string, catalog: Catalog): Reply {
  const near = catalog.closestIds(id);
  return failure(404, 'skill_not_found', `no skill "${id}" in the catalog${near.length > 0 ? `; did you mean ${near.join(', ')}?` : ''}`);
}

export function failure(status: number, code: string, message: string): Reply {
  return { status, body: { ok: false, error: { code, message } } };
}

function send(request: IncomingMessage, response: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff', ...CORS_HEADERS, ...reply.headers };
  if (reply.etag) {
    headers['ETag'] = reply.etag;
    if (reply.status === 200 && matchesIfNoneMatch(request.headers['if-none-match'], reply.etag)) {
      response.writeHead(304, headers).end();
      return;
    }
  }
  if (reply.status === 204) {
    response.writeHead(204, headers).end();
    return;
  }
  const text = reply.text ? reply.text.content : `${JSON.stringify(reply.body)}\n`;
  headers['Content-Type'] = reply.text ? reply.text.type : 'application/json; charset=utf-8';
  headers['Content-Length'] = String(Buffer.byteLength(text));
  response.writeHead(reply.status, headers);
  response.end(request.method === 'HEAD' ? undefined : text);
  if (headers['Connection'] === 'close') response.once('finish', () => request.socket.destroySoon());
}
