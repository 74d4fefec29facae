import { DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT, type ListQuery } from '../catalog/types.js';

export type QueryResult = { ok: true; query: ListQuery } | { ok: false; message: string };

const SINGLE = ['search', 'limit', 'offset', 'model_type', 'category', 'capability', 'default_profile'] as const;
/** Every parameter `GET /skills` reads; `tag` may be repeated (all must match). */
export const LIST_PARAMETERS: readonly string[] = ['tag', ...SINGLE];

/**
 * `GET /skills` parameters. Empty values count as absent (the CLI sends `?tag=&search=`). An
 * unknown parameter is an error that names it: a filter silently ignored answers a question that
 * was not asked.
 */
export function parseListQuery(params: URLSearchParams): QueryResult {
  const unknown = [...new Set([...params.keys()].filter((name) => !LIST_PARAMETERS.includes(name)))];
  if (unknown.length > 0) {
    const names = unknown.slice(0, 5).map((name) => `\`${name.slice(0, 40)}\``).join(', ');
    return {
      ok: false,
      message: `unknown query parameter${unknown.length === 1 ? '' : 's'} ${names}${unknown.length > 5 ? ', ...' : ''}; known: ${LIST_PARAMETERS.join(', ')}`,
    };
  }
  const query: ListQuery = {};
  const tags = params.getAll('tag').filter((value) => value !== '');
  if (tags.length === 1) query.tag = tags[0] as string;
  else if (tags.length > 1) query.tag = tags;
  for (const name of SINGLE) {
    const values = params.getAll(name).filter((value) => value !== '');
    if (values.length > 1) return { ok: false, message: `\`${name}\` is given ${values.length} times; give it once` };
    const [value] = values;
    if (value === undefined) continue;
    if (name === 'default_profile') {
      if (value !== 'true' && value !== 'false') return { ok: false, message: `\`default_profile\` must be true or false, got "${value.slice(0, 40)}"` };
      query.default_profile = value === 'true';
      continue;
    }
    if (name !== 'limit' && name !== 'offset') {
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
