import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../check/committed-schemas/write-file-atomic.js';
import { UsageError } from '../load/discover.js';
import type { CommandIo } from './io.js';
import type { ValidatePlan } from './validate-plan.js';

/*
 * The end of `skillhub validate`: the report written where it goes, and the exit code. Shared by
 * the command (validate.ts) and the small bundle that replays an unchanged catalog's report
 * (validate-replay.ts), so a replayed report ends the run exactly as a made one.
 */

/**
 * Writes `report` (empty: printed already, or nothing to print) to standard output or
 * `--output-file`, and answers the exit code for `counts`.
 */
export async function finishValidate(
  report: string | Uint8Array,
  counts: { errors: number; warnings: number },
  fileCount: number,
  plan: Pick<ValidatePlan, 'format' | 'outputFile' | 'quiet' | 'color' | 'maxWarnings'>,
  io: CommandIo,
): Promise<number> {
  const { format, outputFile, quiet, color, maxWarnings } = plan;
  if (report.length === 0 && format === 'stylish' && outputFile === undefined && io.stdoutIsTTY === true) report = successLine(fileCount, counts, quiet, color);
  if (outputFile !== undefined) await writeReport(path.resolve(io.cwd, outputFile), report);
  else if (report.length === 0) {
    // Printed already (json in pieces), or nothing to print.
  } else if (typeof report === 'string') io.stdout(report);
  else if (io.stdoutBytes) io.stdoutBytes(report);
  else io.stdout(Buffer.from(report.buffer, report.byteOffset, report.byteLength).toString('utf8'));

  const { errors, warnings } = counts;
  if (errors > 0) return 1;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    io.stderr(`skillhub: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}

/** "✔ 3 skills, no problems": on a terminal a clean run says so, rather than printing nothing. */
function successLine(skills: number, counts: { errors: number; warnings: number }, quiet: boolean, color: boolean): string {
  const hiddenWarnings = quiet && counts.errors + counts.warnings > 0;
  const line = `✔ ${skills} skill${skills === 1 ? '' : 's'}, ${hiddenWarnings ? 'no errors' : 'no problems'}`;
  return `${color ? `\x1b[32m${line}\x1b[39m` : line}\n`;
}

async function writeReport(filePath: string, report: string | Uint8Array): Promise<void> {
  try {
    await mkdir(path.dirname(filePath), { recursive: true });
    await writeFileAtomic(filePath, report);
  } catch (error) {
    throw new UsageError(`cannot write --output-file ${filePath}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
