import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The `skillhub` command as a user runs it: the file package.json's "bin" names (the esbuild
 * bundle in dist/bin/, which test/global-setup.ts builds), so the tests run what ships.
 */
export const BUILT_BIN = path.join(REPO_ROOT, (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: { skillhub: string } }).bin.skillhub);
