import { DEFAULT_LIST_LIMIT } from '../catalog/types.js';
import { HEALTH_FILE, LIST_FILE } from './layout.js';
import type { CatalogIndex } from './model.js';

/**
 * The answers of the JSON routes without query parameters that have no document of their own, as
 * files at the same path, so a static host serves what `skillhub serve` does: `GET /skills` is
 * skills/index.json (the first page, as the server answers it), `GET /healthz` is healthz.json.
 * `GET /skills/<id>` and `/skills/<id>/schema` are skills/<id>.json and skills/<id>/schema.json.
 */
export function staticRouteFiles(index: CatalogIndex): Array<[string, unknown]> {
  const items = index.skills.slice(0, DEFAULT_LIST_LIMIT);
  return [
    [LIST_FILE, { items, total: index.skills.length, limit: DEFAULT_LIST_LIMIT, offset: 0 }],
    [HEALTH_FILE, { status: 'ok', skills: index.skills.length, sha256: index.sha256 }],
  ];
}
