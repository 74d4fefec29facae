import path from 'node:path';
import type { Concurrency } from '../check/parallel.js';
import { defaultCacheLocation } from '../load/analysis-cache.js';
import { resolveCatalogRoot, SKILLS_FOLDER, type CatalogRoot } from '../load/catalog-root.js';
import { UsageError } from '../load/discover.js';
import { booleanOption, parseChoice, parseCommandArgs, parseNonNegativeInteger, stringOption, tristateOption, type ParsedArgs } from './args.js';
import type { CommandIo } from './io.js';
import { colorWanted } from './terminal.js';

/*
 * What `skillhub validate`'s arguments ask for, checked, before anything is read: shared by the
 * command (validate.ts) and by the small bundle that replays an unchanged catalog's report
 * (validate-replay.ts), so both read the arguments the same way.
 */

/** The names of the report formats (report/index.ts FORMATTERS, which test/validate-replay.test.ts holds this to). */
export const FORMAT_NAMES = ['stylish', 'json', 'github', 'sarif'] as const;

export interface ValidatePlan {
  args: ParsedArgs;
  help: boolean;
  format: string;
  quiet: boolean;
  maxWarnings: number | undefined;
  useStdin: boolean;
  stdinPath: string | undefined;
  catalog: CatalogRoot | undefined;
  paths: string[];
  options: { maxFileSize?: number; root?: string };
  concurrency: Concurrency;
  allowUnmatched: boolean;
  /** The cache file, resolved, when `--cache` or `--cache-location` asks for one. */
  cacheLocation: string | undefined;
  configFile: string | undefined;
  printConfigFor: string | undefined;
  reportUnused: boolean;
  fix: boolean;
  dryRun: boolean;
  writeSchemas: boolean;
  outputFile: string | undefined;
  color: boolean;
  /** What the printed text depends on besides the diagnostics and the toolchain (an unchanged catalog replays it). */
  printedForm: string;
}

export function planValidate(argv: string[], io: CommandIo): ValidatePlan {
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
  if (booleanOption(args, 'help')) return { args, help: true } as ValidatePlan;
  const format = parseChoice(stringOption(args, 'format'), '--format', FORMAT_NAMES, 'stylish');
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
  const concurrency = parseConcurrency(stringOption(args, 'concurrency'));
  const quiet = booleanOption(args, 'quiet');
  const outputFile = stringOption(args, 'output-file');
  const color = format === 'stylish' && colorWanted(tristateOption(args, 'color') ?? (outputFile !== undefined ? false : undefined), io);
  return {
    args,
    help: false,
    format,
    quiet,
    maxWarnings,
    useStdin,
    stdinPath,
    catalog,
    paths,
    options,
    concurrency,
    allowUnmatched: args.values['error-on-unmatched-pattern'] === false,
    cacheLocation:
      booleanOption(args, 'cache') || cacheLocation !== undefined ? path.resolve(io.cwd, cacheLocation ?? defaultCacheLocation(catalog?.root ?? io.cwd)) : undefined,
    configFile: stringOption(args, 'config'),
    printConfigFor: stringOption(args, 'print-config'),
    reportUnused: booleanOption(args, 'report-unused-disable-directives'),
    fix: booleanOption(args, 'fix'),
    dryRun: booleanOption(args, 'fix-dry-run'),
    writeSchemas: booleanOption(args, 'write-schemas'),
    outputFile,
    color,
    printedForm: JSON.stringify([format, quiet, color, io.cwd]),
  };
}

/** A number of warnings, or -1 for no limit (as in ESLint). */
function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === '-1') return undefined;
  return parseNonNegativeInteger(value, '--max-warnings');
}

function parseConcurrency(value: string | undefined): Concurrency {
  if (value === undefined || value === 'auto') return 'auto';
  if (value === 'off') return 'off';
  const threads = parseNonNegativeInteger(value, '--concurrency');
  if (threads === undefined || threads < 1) throw new UsageError('--concurrency expects auto, off or a number of threads from 1');
  return threads;
}
