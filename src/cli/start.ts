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
 *
 * `validate --cache` first runs dist/bin/validate-replay.cjs (validate-replay.ts), which replays
 * an unchanged catalog's report without the CLI bundle (1.1 MB to read, decode and compile from
 * its code cache at every start); when it does not answer, the CLI runs as for any command.
 */
/** The SHA-256 of dist/bin/skillhub.cjs and of dist/bin/validate-replay.cjs, which the build puts here (scripts/build-cli-bundle.mjs). */
declare const SKILLHUB_BUNDLE_DIGEST: string | undefined;
declare const SKILLHUB_REPLAY_BUNDLE_DIGEST: string | undefined;
const digest = typeof SKILLHUB_BUNDLE_DIGEST === 'string' ? SKILLHUB_BUNDLE_DIGEST : undefined;
const replayDigest = typeof SKILLHUB_REPLAY_BUNDLE_DIGEST === 'string' ? SKILLHUB_REPLAY_BUNDLE_DIGEST : undefined;
const here = path.dirname(fileURLToPath(import.meta.url));
const configured = process.env['SKILLHUB_CODE_CACHE_DIR'];
const folder = configured === undefined ? path.join(here, '..', '..', 'node_modules', '.cache', 'skillhub') : configured === '' ? undefined : path.resolve(configured);
const args = process.argv.slice(2);
const variant = codeCacheVariant(args);
const runCli = () => runWithCodeCache(path.join(here, 'skillhub.cjs'), folder, variant, digest);

/** The replay bundle's answer; undefined (the CLI runs) when it cannot even be loaded. */
function replayAnswer(): Promise<number | undefined> {
  try {
    const replay = runWithCodeCache(path.join(here, 'validate-replay.cjs'), folder, variant, replayDigest) as { replayValidate?: (argv: readonly string[]) => Promise<number | undefined> };
    return replay.replayValidate?.(args) ?? Promise.resolve(undefined);
  } catch {
    return Promise.resolve(undefined);
  }
}

if (variant === 'validate-cache' && replayDigest !== undefined) {
  void replayAnswer().then((code) => {
    if (code === undefined) runCli();
    else process.exitCode = code;
  });
} else {
  runCli();
}
