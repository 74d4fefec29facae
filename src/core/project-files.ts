import { readFileSync } from 'node:fs';

/** The package's own folder: src/core/ and dist/core/ both sit two levels below it. */
export const PACKAGE_ROOT = new URL('../../', import.meta.url);

/** Reads one of the project's JSON Schemas or data files from `schemas/`. */
export function readProjectJson(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`schemas/${name}`, PACKAGE_ROOT), 'utf8')) as unknown;
}

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('package.json', PACKAGE_ROOT), 'utf8')) as { version: string };
  return pkg.version;
}
