import { DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT, type ListQuery } from '../catalog/types.js';

export type QueryResult = { ok: true; query: ListQuery } | { ok: false; message: string };

/**
 * `GET /skills` parameters. Empty values count as absent (the CLI sends `?tag=&search=`); unknown
 * parameters are ignored so a newer client still gets an answer.
 */
export function parseListQuery(params: URLSearchParams): QueryResult {
  const query: ListQuery = {};
  for (const name of ['tag', 'search', 'limit', 'offset'] as const) {
    const values = params.getAll(name).filter((value) => value !== '');
    if (values.length > 1) return { ok: false, message: `\`${name}\` is given ${values.length} times; give it once` };
    const [value] = values;
    if (value === undefined) continue;
    if (name === 'tag' || name === 'search') {
      query[name] = value;
      continue;
    }
    const max = name === 'limit' ? MAX_LIST_LIMIT : Number.MAX_SAFE_INTEGER;
    const number = /^\d{1,16}$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(number) || number > max) {
      const range = name === 'limit' ? `from 0 to ${MAX_LIST_LIMIT} (default ${DEFAULT_LIST_LIMIT})` : 'from 0';
      return { ok: false, message: `\`${name}\` must be a whole number ${range}, got "${value.slice(0, 40)}"` };
    }
    query[name] = number;
  }
  return { ok: true, query };
}
