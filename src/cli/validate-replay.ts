import { loadConfigFor } from '../config/load.js';
import { noteReplayRefused } from '../load/replay-handoff.js';
import type { LintRunOptions } from '../pipeline.js';
import { configuredOptions, tryReplay } from '../replay-run.js';
import { reportCommandError } from './command-error.js';
import { processIo, type CommandIo } from './io.js';
import { endQuietlyOnBrokenPipe } from './stream-errors.js';
import { progressLine } from './terminal.js';
import { finishValidate } from './validate-output.js';
import { planValidate, type ValidatePlan } from './validate-plan.js';

/*
 * The entry of dist/bin/validate-replay.cjs, a small bundle the `skillhub` loader (start.ts) runs
 * first for `validate --cache`: it reads the arguments and the configuration as `validate` does
 * (validate-plan.ts), checks the replay manifest (replay-run.ts) and, when the last report still
 * holds, prints it and ends the run as `validate` would (validate-output.ts). The 1.1 MB CLI bundle,
 * its code cache and the `validate` command's modules are then never read or compiled.
 *
 * Anything else is left to the whole CLI, which the loader runs next in the same process: a run
 * this entry does not replay (`--stdin`, `--fix`, `--write-schemas`, `--print-config`, `--help`),
 * any usage error (the CLI reports it), a configuration file (checking one needs the rules and ajv,
 * which this bundle leaves out: loading it throws here), and a manifest that does not hold. Until
 * it answers, nothing is printed. When the manifest was checked and refused, the CLI is told so
 * (load/replay-handoff.ts) and does not check it again.
 */

/** The exit code when the last report was replayed; undefined when the whole CLI must run. */
export async function replayValidate(argv: readonly string[], io: CommandIo = processIo()): Promise<number | undefined> {
  const [command, ...rest] = argv;
  if (command !== 'validate') return undefined;
  let plan: ValidatePlan;
  let replayed;
  const progress = progressLine(io);
  try {
    plan = planValidate(rest, io);
    if (plan.help || plan.useStdin || plan.fix || plan.dryRun || plan.writeSchemas || plan.printConfigFor !== undefined || plan.cacheLocation === undefined) return undefined;
    const config = await loadConfigFor(plan.paths, io.cwd, plan.configFile);
    const run: LintRunOptions = {
      concurrency: plan.concurrency,
      allowUnmatched: plan.allowUnmatched,
      onProgress: (done, total) => progress.update(done, total),
      ...(plan.catalog ? { context: [plan.catalog.skillsDir] } : {}),
      cacheLocation: plan.cacheLocation,
      config,
      ...(plan.reportUnused ? { reportUnused: 'error' as const } : {}),
      printedForm: plan.printedForm,
    };
    const attempt = await tryReplay(plan.paths, io.cwd, configuredOptions(plan.options, run), run);
    if (attempt.checked && !attempt.replayed) noteReplayRefused();
    replayed = attempt.replayed;
  } catch {
    return undefined;
  }
  if (replayed === undefined) return undefined;
  endQuietlyOnBrokenPipe();
  progress.clear();
  try {
    return await finishValidate(replayed.bytes, replayed, replayed.targets, plan, io);
  } catch (error) {
    return reportCommandError('validate', error, io);
  }
}
