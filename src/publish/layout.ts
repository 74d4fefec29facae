/** Where each document of a built catalog lives, relative to the output folder (`/` separators). */
export const CATALOG_FILE = 'catalog.json';
export const SYNC_INDEX_FILE = 'index.json';
export const SKILLS_FOLDER = 'skills';
/** Every skills/<id>.json of a build in one file, for readers that load the whole catalog (see documents-file.ts). */
export const DOCUMENTS_FILE = 'documents.json';

/** A skill's SKILL.md relative to the catalog root: the `path` of a published skill. */
export function skillDocumentPath(folder: string): string {
  return `${SKILLS_FOLDER}/${folder}/SKILL.md`;
}

/** The skill folder of a published `path` (`skills/<id>`), as the sync index has always given it. */
export function skillFolderPath(documentPath: string): string {
  return documentPath.replace(/\/SKILL\.md$/, '');
}

export function skillFile(id: string): string {
  return `${SKILLS_FOLDER}/${id}.json`;
}

export function schemaFile(id: string): string {
  return `${SKILLS_FOLDER}/${id}/schema.json`;
}

/** `GET /skills` (no query) and `GET /healthz` as files, for static hosts (see static-routes.ts). */
export const LIST_FILE = `${SKILLS_FOLDER}/index.json`;
export const HEALTH_FILE = 'healthz.json';

/** Top-level entries a catalog folder may hold; anything else means the folder is not ours to replace. */
export const CATALOG_ENTRIES: readonly string[] = [CATALOG_FILE, SYNC_INDEX_FILE, DOCUMENTS_FILE, SKILLS_FOLDER, HEALTH_FILE, 'index.html', 'assets'];

/** A skill id as it may appear in a file name: the id grammar, so no path can be smuggled in. */
export const SAFE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
