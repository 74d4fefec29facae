import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** A file's path relative to `cwd` with forward slashes, as CI annotations and SARIF expect. */
export function relativePosixPath(cwd: string, filePath: string): string {
  return path.relative(cwd, filePath).split(path.sep).join('/');
}

/** Whether `filePath` lies inside `cwd` (so a repository-relative URI can name it). */
export function isInside(cwd: string, filePath: string): boolean {
  const relative = path.relative(cwd, filePath);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** A relative path as a URI reference: each segment percent-encoded (spaces, `%`, `#`, `:` ...). */
export function relativeUri(relativePath: string): string {
  return relativePath.split('/').map(encodeURIComponent).join('/');
}

/** The `file:` URL of a folder, with the trailing slash SARIF requires of a base URI. */
export function folderUrl(folder: string): string {
  const href = pathToFileURL(folder).href;
  return href.endsWith('/') ? href : `${href}/`;
}
