/*
 * `skillhub validate --cache` first runs a small bundle that only decides whether the last report
 * can be replayed (src/cli/validate-replay.ts, dist/bin/validate-replay.cjs); when it cannot, the
 * loader runs the whole CLI in the same process. The small bundle notes here that it checked the
 * replay manifest and was refused, so that the CLI does not `stat` the same 43,000 paths again
 * (10,000 skills) before walking the catalog. The two bundles share no module instance, only the
 * process, so the note is a property of `globalThis` under a registered symbol. It is taken (and
 * cleared) by the next check, and only ever skips that check: the full path that follows is
 * correct whatever the manifest says.
 */

const REFUSED = Symbol.for('skillhub.replay-manifest-refused');

/** Notes that the replay manifest was checked in this process and did not hold. */
export function noteReplayRefused(): void {
  (globalThis as Record<symbol, unknown>)[REFUSED] = true;
}

/** Whether a replay was refused since the last call (the note is cleared). */
export function takeReplayRefused(): boolean {
  const global = globalThis as Record<symbol, unknown>;
  const refused = global[REFUSED] === true;
  delete global[REFUSED];
  return refused;
}
