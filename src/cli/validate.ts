import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { defaultCacheLocation } from '../load/analysis-cache.js';
import type { Concurrency } from '../check/parallel.js';
import { resolveCatalogRoot, SKILLS_FOLDER } from '../load/catalog-root.js';
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
import { booleanOption, parseChoice, parseCommandArgs, parseNonNegativeInteger, stringOption, tristateOption } from './args.js';
import type { CommandIo } from './io.js';
import { colorWanted, progressLine } from './terminal.js';

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
  const args = parseCommandArgs(argv, {
    format: { type: 'string', short: 'f' },
    quiet: { type: 'boolean', short: 'q' },
    'max-warnings': { type: 'string' },
    'output-file': { type: 'string', short: 'o' },
    color: { type: 'boolean' },
    stdin: { type: 'boolean' },
    'stdin-filename': { type: 'string' },
    'error-on-unmatched-pattern': { type: 'boolean' },
    'max-file-size': { type: 'string' },
    'write-schemas': { type: 'boolean' },
    root: { type: 'string' },
    cache: { type: 'boolean' },
    concurrency: { type: 'string' },
    'cache-location': { type: 'string' },
    config: { type: 'string' },
    'print-config': { type: 'string' },
    'report-unused-disable-directives': { type: 'boolean' },
    fix: { type: 'boolean' },
    'fix-dry-run': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (booleanOption(args, 'help')) {
    io.stdout(`${VALIDATE_HELP}\n`);
    return 0;
  }
  const format = parseChoice(stringOption(args, 'format'), '--format', Object.keys(FORMATTERS), 'stylish');
  const maxWarnings = parseMaxWarnings(stringOption(args, 'max-warnings'));
  const maxFileSize = parseNonNegativeInteger(stringOption(args, 'max-file-size'), '--max-file-size');
  const stdinFilename = stringOption(args, 'stdin-filename');
  const useStdin = booleanOption(args, 'stdin');
  if (useStdin && stdinFilename === undefined) {
    throw new UsageError('--stdin needs --stdin-filename <path>: the SKILL.md the text stands for (its folder is the skill id)');
  }
  if (!useStdin && stdinFilename !== undefined) throw new UsageError('--stdin-filename goes with --stdin');
  if (useStdin && args.positionals.length > 0) throw new UsageError(`--stdin lints standard input; unexpected argument "${args.positionals[0]}"`);
  if (useStdin && booleanOption(args, 'write-schemas')) throw new UsageError('--write-schemas writes files; it does not go with --stdin');

  const stdinPath = stdinFilename === undefined ? undefined : path.resolve(io.cwd, stdinFilename);
  const catalog = resolveCatalogRoot({
    root: stringOption(args, 'root'),
    paths: stdinPath !== undefined ? [stdinPath] : args.positionals,
    cwd: io.cwd,
  });
  if (!catalog && args.positionals.length === 0 && !useStdin) {
    throw new UsageError(`no ${SKILLS_FOLDER}/ folder in ${io.cwd} or any folder above it; give the SKILL.md files or folders to lint, or --root <dir>`);
  }
  const paths = args.positionals.length > 0 ? args.positionals : catalog ? [catalog.skillsDir] : [];
  const options = { ...(maxFileSize === undefined ? {} : { maxFileSize }), ...(catalog ? { root: catalog.root } : {}) };
  const cacheLocation = stringOption(args, 'cache-location');
  const progress = progressLine(io);
  const run: LintRunOptions = {
    concurrency: parseConcurrency(stringOption(args, 'concurrency')),
    allowUnmatched: args.values['error-on-unmatched-pattern'] === false,
    onProgress: (done, total) => progress.update(done, total),
    ...(catalog ? { context: [catalog.skillsDir] } : {}),
    ...(stdinPath !== undefined ? { stdin: { filePath: stdinPath, text: await io.readStdin() } } : {}),
    ...(booleanOption(args, 'cache') || cacheLocation !== undefined
      ? { cacheLocation: path.resolve(io.cwd, cacheLocation ?? defaultCacheLocation(catalog?.root ?? io.cwd)) }
      : {}),
  };
  const config = await loadConfigFor(stdinPath !== undefined ? [stdinPath] : paths, io.cwd, stringOption(args, 'config'));
  const printConfigFor = stringOption(args, 'print-config');
  if (printConfigFor !== undefined) {
    const { ALL_RULES } = await import('../check/rules/index.js');
    const file = path.resolve(io.cwd, printConfigFor);
    io.stdout(`${JSON.stringify(effectiveConfigFor(file, config, createRulePolicy(config), ALL_RULES), null, 2)}\n`);
    return 0;
  }
  const configured: LintRunOptions = {
    ...run,
    config,
    ...(booleanOption(args, 'report-unused-disable-directives') ? { reportUnused: 'error' as const } : {}),
  };
  const fix = booleanOption(args, 'fix');
  const dryRun = booleanOption(args, 'fix-dry-run');
  if (fix && dryRun) throw new UsageError('use either --fix or --fix-dry-run');
  if ((fix || dryRun) && useStdin) throw new UsageError('--fix and --fix-dry-run work on files; they do not go with --stdin');
  const quiet = booleanOption(args, 'quiet');
  const formatter = FORMATTERS[format];
  if (!formatter) throw new Error(`formatter ${format} is missing`);
  const outputFile = stringOption(args, 'output-file');
  const color = format === 'stylish' && colorWanted(tristateOption(args, 'color') ?? (outputFile !== undefined ? false : undefined), io);
  // What the printed text depends on besides the diagnostics and the toolchain (an unchanged catalog replays it).
  const printedForm = JSON.stringify([format, quiet, color, io.cwd]);
  const {
    reports: results,
    rules,
    fileCount,
    replayed,
    remember,
  }: Reported =
    fix || dryRun
      ? await lintAndFix(paths, io, options, configured, dryRun)
      : booleanOption(args, 'write-schemas')
        ? await lintAndWriteSchemas(paths, io, options, configured)
        : await reportPaths(paths, io.cwd, options, { ...configured, printedForm });
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

/** A number of warnings, or -1 for no limit (as in ESLint). */
function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === '-1') return undefined;
  return parseNonNegativeInteger(value, '--max-warnings');
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

function parseConcurrency(value: string | undefined): Concurrency {
  if (value === undefined || value === 'auto') return 'auto';
  if (value === 'off') return 'off';
  const threads = parseNonNegativeInteger(value, '--concurrency');
  if (threads === undefined || threads < 1) throw new UsageError('--concurrency expects auto, off or a number of threads from 1');
  return threads;
}
