import { SAFE_ID } from '../publish/layout.js';
import { ASSETS_FOLDER, INDEX_PAGE, skillPage } from '../site/layout.js';

export type Route =
  | { kind: 'list'; query: URLSearchParams }
  | { kind: 'skill'; id: string }
  | { kind: 'schema'; id: string }
  | { kind: 'validate'; id: string }
  | { kind: 'health' }
  /** A file of the catalog's static site, by its relative path. */
  | { kind: 'page'; file: string };

export type RouteMatch = { ok: true; route: Route } | { ok: false; status: 400 | 404; code: string; message: string };

/** Which methods each kind of route answers; anything else is a 405 with this list in `Allow`. */
export const ALLOWED_METHODS: Record<Route['kind'], readonly string[]> = {
  list: ['GET', 'HEAD'],
  skill: ['GET', 'HEAD'],
  schema: ['GET', 'HEAD'],
  validate: ['POST'],
  health: ['GET', 'HEAD'],
  page: ['GET', 'HEAD'],
};

const ASSET_NAME = /^[a-z0-9]+(?:[.-][a-z0-9]+)*\.(?:css|js)$/;

/**
 * Maps a request target to a route. The target is matched as sent, segment by segment, and a
 * skill id must have the id grammar, so no spelling of `..`, an encoded slash, a backslash or a NUL
 * can name anything else; the server answers from the loaded catalog and never opens a file.
 */
export function matchRoute(target: string): RouteMatch {
  if (!target.startsWith('/')) return notFound(target);
  const queryStart = target.indexOf('?');
  const rawPath = queryStart === -1 ? target : target.slice(0, queryStart);
  const rawQuery = queryStart === -1 ? '' : target.slice(queryStart + 1);
  const segments: string[] = [];
  for (const raw of rawPath.slice(1).split('/')) {
    try {
      segments.push(decodeURIComponent(raw));
    } catch {
      return { ok: false, status: 400, code: 'bad_request', message: 'the path has a malformed percent-encoding' };
    }
  }
  const [first, id, action, ...rest] = segments;
  if (rest.length > 0) return notFound(rawPath);
  if (first === 'healthz' && id === undefined) return { ok: true, route: { kind: 'health' } };
  if ((first === '' || first === 'index.html') && id === undefined) return { ok: true, route: { kind: 'page', file: INDEX_PAGE } };
  if (first === ASSETS_FOLDER && id !== undefined && action === undefined && ASSET_NAME.test(id)) {
    return { ok: true, route: { kind: 'page', file: `${ASSETS_FOLDER}/${id}` } };
  }
  if (first !== 'skills') return notFound(rawPath);
  if (id !== undefined && action === undefined && id.endsWith('.html') && SAFE_ID.test(id.slice(0, -'.html'.length))) {
    return { ok: true, route: { kind: 'page', file: skillPage(id.slice(0, -'.html'.length)) } };
  }
  if (id === undefined) return { ok: true, route: { kind: 'list', query: new URLSearchParams(rawQuery) } };
  if (!SAFE_ID.test(id)) return notFound(rawPath);
  if (action === undefined) return { ok: true, route: { kind: 'skill', id } };
  if (action === 'schema') return { ok: true, route: { kind: 'schema', id } };
  if (action === 'validate') return { ok: true, route: { kind: 'validate', id } };
  return notFound(rawPath);
}

function notFound(rawPath: string): RouteMatch {
  return { ok: false, status: 404, code: 'not_found', message: `no such path: ${printable(rawPath)}` };
}

/** A path as it may be echoed back: bounded, control characters escaped. */
export function printable(text: string): string {
  const escaped = JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}...` : text);
  return escaped.slice(1, -1);
}
