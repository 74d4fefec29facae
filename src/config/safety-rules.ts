/**
 * Rules that keep untrusted input from being parsed at all (size, encoding, front-matter language,
 * links out of the catalog, unreadable files). Neither the configuration nor a comment in the
 * file can silence them: a comment would be read from the very file they refuse.
 */
export const SAFETY_RULES: ReadonlySet<string> = new Set(['file-size', 'file-encoding', 'frontmatter-language', 'file-readable', 'internal-error']);
