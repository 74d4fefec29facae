import { existsSync } from 'node:fs';
import path from 'node:path';
import { defaultCacheLocation } from '../load/analysis-cache.js';
import type { Concurrency } from '../check/parallel.js';
import { UsageError } from '../load/discover.js';
import { planSchemaFileWrites } from '../check/committed-schemas/schema-files.js';
import { writeSchemaFiles } from '../check/committed-schemas/write-file-atomic.js';
import { countBySeverity } from '../report/types.js';
import { FORMATTERS } from '../report/index.js';
import { packageVersion } from '../core/project-files.js';
import { lintPaths, reportPaths, type LintRunOptions } from '../pipeline.js';
import { booleanOption, parseChoice, parseCommandArgs, parseNonNegativeInteger, stringOption } from './args.js';
import type { CommandIo } from './io.js';

export const VALIDATE_HELP = `Usage: skillhub validate [paths...] [options]

Lints SKILL.md files. A path is a SKILL.md, a skill folder, or a folder of skill folders
(default: skills).

Options:
  --format <name>         stylish (default), json (ESLint's shape), github, sarif
  --max-warnings <n>      exit 1 when there are more than n warnings
  --max-file-size <bytes> refuse larger files (default 1048576)
  --root <dir>            the catalog folder: its schemas/input-fields.json extends the field
                          vocabulary, and paths default to its skills/ folder
  --cache                 reuse the results of unchanged files from earlier runs
  --cache-location <file> where --cache keeps them (default node_modules/.cache/skillhub/validate.json)
  --concurrency <n>       worker threads: auto (default: one per core from 3,000 files), off, or a number
  --write-schemas         rewrite each committed input_schema.json / output_schema.json from
                          the schemas derived from its SKILL.md, then report
  -h, --help              show this help

Exit codes: 0 no errors, 1 errors or too many warnings, 2 usage or internal failure.`;

export async function runValidate(argv: string[], io: CommandIo): Promise<number> {
  const args = parseCommandArgs(argv, {
    format: { type: 'string' },
    'max-warnings': { type: 'string' },
    'max-file-size': { type: 'string' },
    'write-schemas': { type: 'boolean' },
    root: { type: 'string' },
    cache: { type: 'boolean' },
    concurrency: { type: 'string' },
    'cache-location': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (booleanOption(args, 'help')) {
    io.stdout(`${VALIDATE_HELP}\n`);
    return 0;
  }
  const format = parseChoice(stringOption(args, 'format'), '--format', Object.keys(FORMATTERS), 'stylish');
  const maxWarnings = parseNonNegativeInteger(stringOption(args, 'max-warnings'), '--max-warnings');
  const maxFileSize = parseNonNegativeInteger(stringOption(args, 'max-file-size'), '--max-file-size');
  const rootOption = stringOption(args, 'root');
  const root = rootOption === undefined ? undefined : path.resolve(io.cwd, rootOption);
  const paths = args.positionals.length > 0 ? args.positionals : [defaultSkillsFolder(root)];
  const options = { ...(maxFileSize === undefined ? {} : { maxFileSize }), ...(root === undefined ? {} : { root }) };
  const cacheLocation = stringOption(args, 'cache-location');
  const run = {
    concurrency: parseConcurrency(stringOption(args, 'concurrency')),
    ...(booleanOption(args, 'cache') || cacheLocation !== undefined
      ? { cacheLocation: path.resolve(io.cwd, cacheLocation ?? defaultCacheLocation(io.cwd)) }
      : {}),
  };
  let { reports: results, rules } = booleanOption(args, 'write-schemas')
    ? await lintAndWriteSchemas(paths, io, options, run)
    : await reportPaths(paths, io.cwd, options, run);
  const formatter = FORMATTERS[format];
  if (!formatter) throw new Error(`formatter ${format} is missing`);
  // Only SARIF describes the rules; the other formats need not load them.
  const ruleList = format === 'sarif' ? await rules() : [];
  io.stdout(formatter(results, { cwd: io.cwd, rules: ruleList, toolVersion: packageVersion() }));
  const { errors, warnings } = countBySeverity(results.flatMap((result) => result.diagnostics));
  if (errors > 0) return 1;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    io.stderr(`skillhub: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}

/** Rewrites committed schema files from full analyses (diagnostics alone are not enough), then reports. */
async function lintAndWriteSchemas(paths: string[], io: CommandIo, options: Parameters<typeof lintPaths>[2], run: LintRunOptions) {
  const shown = (filePath: string) => path.relative(io.cwd, filePath) || filePath;
  const { results, env } = await lintPaths(paths, io.cwd, options, run);
  const written = await writeSchemaFiles(planSchemaFileWrites(results), (line) => io.stderr(`skillhub: ${line}\n`), shown);
  if (written > 0) return reportPaths(paths, io.cwd, options, run);
  return { reports: results, rules: async () => env.rules };
}

/** `<root>/skills` when the root has one, else the root itself; `skills` without a root. */
function defaultSkillsFolder(root: string | undefined): string {
  if (root === undefined) return 'skills';
  const skills = path.join(root, 'skills');
  return existsSync(skills) ? skills : root;
}

function parseConcurrency(value: string | undefined): Concurrency {
  if (value === undefined || value === 'auto') return 'auto';
  if (value === 'off') return 'off';
  const threads = parseNonNegativeInteger(value, '--concurrency');
  if (threads === undefined || threads < 1) throw new UsageError('--concurrency expects auto, off or a number of threads from 1');
  return threads;
}
