import { randomBytes } from 'node:crypto';
import { lstat, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Replaces a file's content all at once: the new text goes to a temporary file in the same folder,
 * which is then renamed over the target, so a reader never sees half a file. A symbolic link is
 * not written through.
 */
export async function writeFileAtomic(filePath: string, text: string | Uint8Array): Promise<void> {
  const existing = await lstat(filePath).catch(() => undefined);
  if (existing?.isSymbolicLink()) throw new Error(`${filePath} is a symbolic link; not writing through it`);
  const temporary = path.join(path.dirname(filePath), `.${path.basename(filePath)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, text, { encoding: 'utf8', flag: 'wx' });
    await rename(temporary, filePath);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Writes the planned schema files; tells `log` what was written or skipped. Returns how many were written. */
export async function writeSchemaFiles(
  plan: { writes: Array<{ filePath: string; text: string }>; skipped: Array<{ filePath: string; reason: string }> },
  log: (line: string) => void,
  shown: (filePath: string) => string,
): Promise<number> {
  let written = 0;
  for (const { filePath, text } of plan.writes) {
    try {
      await writeFileAtomic(filePath, text);
      written++;
      log(`wrote ${shown(filePath)}`);
    } catch (error) {
      log(`did not write ${shown(filePath)}: ${(error as Error).message}`);
    }
  }
  for (const { filePath, reason } of plan.skipped) log(`did not write ${shown(filePath)}: ${reason}`);
  return written;
}
