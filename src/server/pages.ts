import { entityTag } from './etag.js';
import { failure, type Reply } from './handler.js';
import type { ServedCatalog } from './served.js';

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
};

/** A file of the site, from memory; its ETag changes with the catalog it belongs to. */
export function pageReply(file: string, served: ServedCatalog): Reply {
  const content = served.site.get(file);
  if (content === undefined) {
    const hint = served.site.size === 0 ? ' (this catalog was built without its site; run `skillhub build` again)' : '';
    return failure(404, 'not_found', `no such page: /${file === 'index.html' ? '' : file}${hint}`);
  }
  const type = CONTENT_TYPES[file.slice(file.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
  return { status: 200, text: { content, type }, etag: entityTag(served.catalog.sha256, file) };
}
