/** Where the site's files live in a built catalog (relative, `/` separators). */
export const INDEX_PAGE = 'index.html';
export const ASSETS_FOLDER = 'assets';
export const SITE_SCRIPT = `${ASSETS_FOLDER}/site.js`;
export const SITE_STYLE = `${ASSETS_FOLDER}/site.css`;

export function skillPage(id: string): string {
  return `skills/${id}.html`;
}
