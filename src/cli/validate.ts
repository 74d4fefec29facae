import path from 'node:path';
import { UsageError } from '../load/discover.js';
import { planSchemaFileWrites } from '../check/committed-schemas/schema-files.js';
import { writeFileAtomic, writeSchemaFiles } from '../check/committed-schemas/write-file-atomic.js';
import type { ReplayedOutput, StoredOutput } from '../load/analysis-cache.js';
import type { FileReport } from '../report/types.js';
import type { Rule } from '../check/rule.js';
import type { LintResult } from '../check/lint.js';
import { loadConfigFor } from '../config/load.js';
import { createRulePolicy, effectiveConfigFor } from '../config/policy.js';
import { runFixLoop } from '../fix/fix-loop.js';
import { countBySeverity } from '../report/types.js';
import { FORMATTERS } from '../report/index.js';
import { jsonReportPieces } from '../report/json.js';
import { packageVersion } from '../core/project-files.js';
import { lintPaths, reportPaths, type LintRunOptions } from '../pipeline.js';
import type { CommandIo } from './io.js';
import { progressLine } from './terminal.js';
import { finishValidate } from './validate-output.js';
import { planValidate } from './validate-plan.js';

export const VALIDATE_HELP = `Usage: skillhub validate [patterns...] [options]

Lints SKILL.md files. A pattern is a SKILL.md, a skill folder, a folder of skill folders, or a
glob ('skills/*/SKILL.md'); a pattern starting with ! leaves out what it matches. The catalog is
the folder holding skills/, found upward from the first pattern (or the current folder), or
--root: its schemas/input-fields.json extends the field vocabulary, and its other skills are read
as context (so references between skills resolve) without being reported. Default: its skills/.

Options:
  -f, --format <name>          stylish (default), json (ESLint's shape), github, sarif
  -q, --quiet                  report errors only
  --max-warnings <n>           exit 1 when there are more than n warnings (-1: no limit)
  -o, --output-file <path>     write the report to a file (atomically) instead of standard output
  --color, --no-color          force colour in the stylish format on or off (default: on a
                               terminal, unless NO_COLOR is set; FORCE_COLOR forces it)
  --stdin                      lint the text on standard input ...
  --stdin-filename <path>      ... as if it were this SKILL.md (required with --stdin)
  --no-error-on-unmatched-pattern
                               a pattern that matches no SKILL.md is not an error
  --root <dir>                 the catalog folder (default: found upward, see above)
  --max-file-size <bytes>      refuse larger files (default 1048576)
  --cache                      reuse the results of unchanged files from earlier runs
  --cache-location <file>      where --cache keeps them (default: node_modules/.cache/skillhub/validate.json
                               in the catalog folder)
  --concurrency <n>            worker threads: auto (default: one per core from 2,000 files), off, or a number
  --write-schemas              rewrite each committed input_schema.json / output_schema.json from
                               the schemas derived from its SKILL.md, then report
  --config <file>              use this skillhub.config.json (default: the nearest one at or above the
                               first path)
  --print-config <file>        print the effective configuration for that file as JSON, and exit
  --report-unused-disable-directives
                               report \`skillhub-disable\` comments that silence nothing, as errors
  --fix                        apply the rules' fixes (re-linting until stable, at most 10 passes),
                               write the changed files, then report what is left
  --fix-dry-run                the same, without writing; \`--format json\` shows each fixed text
                               under \`output\`
  -h, --help                   show this help

Exit codes: 0 no errors (and warnings within --max-warnings), 1 errors or too many warnings,
2 usage or internal failure (including a pattern that matches no file).`;

export async function runValidate(argv: string[], io: CommandIo): Promise<number> {
  const plan = planValidate(argv, io);
  if (plan.help) {
    io.stdout(`${VALIDATE_HELP}\n`);
    return 0;
  }
  const { paths, options, stdinPath, useStdin, format, quiet, outputFile, color } = plan;
  const progress = progressLine(io);
  const run: LintRunOptions = {
    concurrency: plan.concurrency,
    allowUnmatched: plan.allowUnmatched,
    onProgress: (done, total) => progress.update(done, total),
    ...(plan.catalog ? { context: [plan.catalog.skillsDir] } : {}),
    ...(stdinPath !== undefined ? { stdin: { filePath: stdinPath, text: await io.readStdin() } } : {}),
    ...(plan.cacheLocation !== undefined ? { cacheLocation: plan.cacheLocation } : {}),
  };
  const config = await loadConfigFor(stdinPath !== undefined ? [stdinPath] : paths, io.cwd, plan.configFile);
  const printConfigFor = plan.printConfigFor;
  if (printConfigFor !== undefined) {
    const { ALL_RULES } = await import('../check/rules/index.js');
    const file = path.resolve(io.cwd, printConfigFor);
    io.stdout(`${JSON.stringify(effectiveConfigFor(file, config, createRulePolicy(config), ALL_RULES), null, 2)}\n`);
    return 0;
  }
  const configured: LintRunOptions = {
    ...run,
    config,
    ...(plan.reportUnused ? { reportUnused: 'error' as const } : {}),
  };
  const { fix, dryRun } = plan;
  if (fix && dryRun) throw new UsageError('use either --fix or --fix-dry-run');
  if ((fix || dryRun) && useStdin) throw new UsageError('--fix and --fix-dry-run work on files; they do not go with --stdin');
  const formatter = FORMATTERS[format];
  if (!formatter) throw new Error(`formatter ${format} is missing`);
  const {
    reports: results,
    rules,
    fileCount,
    replayed,
    remember,
  }: Reported =
    fix || dryRun
      ? await lintAndFix(paths, io, options, configured, dryRun)
      : plan.writeSchemas
        ? await lintAndWriteSchemas(paths, io, options, configured)
        : await reportPaths(paths, io.cwd, options, { ...configured, printedForm: plan.printedForm });
  progress.clear();
  let report: string | Uint8Array;
  let counts: { errors: number; warnings: number };
  const reported = quiet ? results.map((result) => ({ ...result, diagnostics: result.diagnostics.filter((d) => d.severity === 'error') })) : results;
  if (replayed) {
    report = replayed.bytes;
    counts = replayed;
  } else if (format === 'json' && outputFile === undefined && !remember) {
    // Nothing keeps the text: it is printed piece by piece as it is made (see jsonReportPieces).
    for (const piece of jsonReportPieces(reported)) io.stdout(piece);
    report = '';
    counts = countBySeverity(results.flatMap((result) => result.diagnostics));
  } else {
    // Only SARIF describes the rules; the other formats need not load them.
    const ruleList = format === 'sarif' ? await rules() : [];
    report = formatter(reported, { cwd: io.cwd, rules: ruleList, toolVersion: packageVersion(), color });
    counts = countBySeverity(results.flatMap((result) => result.diagnostics));
    await remember?.({ text: report, ...counts });
  }
  return finishValidate(report, counts, fileCount, plan, io);
}

/** Rewrites committed schema files from full analyses (diagnostics alone are not enough), then reports. */
async function lintAndWriteSchemas(paths: string[], io: CommandIo, options: Parameters<typeof lintPaths>[2], run: LintRunOptions): Promise<Reported> {
  const shown = (filePath: string) => path.relative(io.cwd, filePath) || filePath;
  const { results, env } = await lintPaths(paths, io.cwd, options, run);
  const written = await writeSchemaFiles(planSchemaFileWrites(results), (line) => io.stderr(`skillhub: ${line}\n`), shown);
  if (written > 0) return reportPaths(paths, io.cwd, options, { ...run, onProgress: undefined });
  return { reports: results, rules: async () => env.rules, fileCount: skillCount(results) };
}

interface Reported {
  reports: FileReport[];
  rules: () => Promise<readonly Rule[]>;
  fileCount: number;
  replayed?: ReplayedOutput;
  remember?: (output: StoredOutput) => Promise<void>;
}

function skillCount(results: readonly LintResult[]): number {
  return results.filter((result) => result.filePath === result.analysis.filePath).length;
}

/** `--fix` and `--fix-dry-run`: fix in memory until stable, then write the files (or show them). */
async function lintAndFix(paths: string[], io: CommandIo, options: Parameters<typeof lintPaths>[2], run: LintRunOptions, dryRun: boolean): Promise<Reported> {
  const fixed = await runFixLoop((overlay) => lintPaths(paths, io.cwd, options, { ...run, onProgress: undefined, overlay }));
  const { results, env } = fixed.last;
  if (!dryRun) await writeFixedFiles(fixed, io);
  const reports = dryRun ? results.map((result) => (fixed.outputs.has(result.filePath) ? { ...result, output: fixed.outputs.get(result.filePath) as string } : result)) : results;
  return { reports, rules: async () => env.rules, fileCount: skillCount(results) };
}

/** Writes each fixed file atomically, keeping its byte order mark; a file that cannot be written is named. */
async function writeFixedFiles(fixed: { outputs: Map<string, string>; hadBom: Map<string, boolean> }, io: CommandIo): Promise<void> {
  for (const [filePath, text] of fixed.outputs) {
    try {
      await writeFileAtomic(filePath, `${fixed.hadBom.get(filePath) ? '\uFEFF' : ''}${text}`);
    } catch (error) {
      io.stderr(`skillhub: did not write ${path.relative(io.cwd, filePath) || filePath}: ${(error as Error).message}\n`);
    }
  }
}
