import { readFile } from 'node:fs/promises';
import type { LintResult } from '../check/lint.js';
import { decodeSkillBytes } from '../load/decode.js';
import { applyFixes, fixesByFile } from './apply-fixes.js';

/** ESLint's limit: a fix that keeps producing new fixes stops here. */
export const MAX_FIX_PASSES = 10;

export interface FixRun<T extends { results: LintResult[] }> {
  /** The last lint, of the fixed texts. */
  last: T;
  /** The fixed text of each changed file (decoded, without a BOM), by absolute path. */
  outputs: Map<string, string>;
  /** Whether each changed file began with a byte order mark, so writing keeps it. */
  hadBom: Map<string, boolean>;
  passes: number;
}

/**
 * Lints, applies every fix, and lints again until nothing changes (at most MAX_FIX_PASSES
 * passes). Nothing is written: the texts are kept in memory and given to `lint` as an overlay.
 */
export async function runFixLoop<T extends { results: LintResult[] }>(
  lint: (overlay: ReadonlyMap<string, string>) => Promise<T>,
  ruleFilter?: (ruleId: string) => boolean,
  read: (filePath: string, hadBom: Map<string, boolean>) => Promise<string | undefined> = readDecoded,
): Promise<FixRun<T>> {
  const outputs = new Map<string, string>();
  const hadBom = new Map<string, boolean>();
  let last = await lint(outputs);
  let passes = 0;
  while (passes < MAX_FIX_PASSES) {
    const byFile = fixesByFile(last.results.flatMap((result) => result.diagnostics), ruleFilter);
    let changed = false;
    for (const [filePath, fixes] of byFile) {
      const current = outputs.get(filePath) ?? (await read(filePath, hadBom));
      if (current === undefined) continue;
      const { text } = applyFixes(current, fixes);
      if (text === current) continue;
      outputs.set(filePath, text);
      changed = true;
    }
    if (!changed) break;
    passes++;
    last = await lint(outputs);
  }
  return { last, outputs, hadBom, passes };
}

async function readDecoded(filePath: string, hadBom: Map<string, boolean>): Promise<string | undefined> {
  const bytes = await readFile(filePath).catch(() => undefined);
  if (!bytes) return undefined;
  const decoded = decodeSkillBytes(bytes, Number.MAX_SAFE_INTEGER);
  if (!decoded.ok) return undefined;
  hadBom.set(filePath, bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf);
  return decoded.text;
}
