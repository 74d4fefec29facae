#!/usr/bin/env node
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeCacheVariant, runWithCodeCache } from './code-cache.js';

/*
 * The `skillhub` command of the built package (dist/bin/skillhub.js, bundled from this file): runs
 * the CLI bundle beside it (dist/bin/skillhub.cjs, scripts/build-cli-bundle.mjs) with a V8 code
 * cache (code-cache.ts) kept in the package's node_modules/.cache/skillhub/, or in
 * SKILLHUB_CODE_CACHE_DIR when set (an empty value turns the cache off). Built as CommonJS (the
 * build puts a package.json saying so in dist/bin/): Node then starts without its ES module loader.
 */
/** The SHA-256 of dist/bin/skillhub.cjs, which the build puts here (scripts/build-cli-bundle.mjs). */
declare const SKILLHUB_BUNDLE_DIGEST: string | undefined;
const digest = typeof SKILLHUB_BUNDLE_DIGEST === 'string' ? SKILLHUB_BUNDLE_DIGEST : undefined;
const here = path.dirname(fileURLToPath(import.meta.url));
const configured = process.env['SKILLHUB_CODE_CACHE_DIR'];
const folder = configured === undefined ? path.join(here, '..', '..', 'node_modules', '.cache', 'skillhub') : configured === '' ? undefined : path.resolve(configured);
runWithCodeCache(path.join(here, 'skillhub.cjs'), folder, codeCacheVariant(process.argv.slice(2)), digest);
