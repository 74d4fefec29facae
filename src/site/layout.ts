/** Where the site's files live in a built catalog (relative, `/` separators). */
export const INDEX_PAGE = 'index.html';
export const ASSETS_FOLDER = 'assets';
export const SITE_SCRIPT = `${ASSETS_FOLDER}/site.js`;
export const SITE_STYLE = `${ASSETS_FOLDER}/site.css`;
/** The field checks the skill pages share (written per build: the catalog's distinct field schemas). */
export const FIELD_SCRIPT = `${ASSETS_FOLDER}/fields.js`;
/** Every file of assets/, all written by each build. */
export const SITE_ASSETS: readonly string[] = [SITE_SCRIPT, FIELD_SCRIPT, SITE_STYLE];

export function skillPage(id: string): string {
  return `skills/${id}.html`;
}
