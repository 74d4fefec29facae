import { existsSync } from 'node:fs';
import path from 'node:path';
import { defaultCacheLocation } from '../load/analysis-cache.js';
import type { Concurrency } from '../check/parallel.js';
import { UsageError } from '../load/discover.js';
import { planSchemaFileWrites } from '../check/committed-schemas/schema-files.js';
import { writeFileAtomic, writeSchemaFiles } from '../check/committed-schemas/write-file-atomic.js';
import type { LintEnvironment } from '../check/environment.js';
import type { LintResult } from '../check/lint.js';
import { ALL_RULES } from '../check/rules/index.js';
import { loadConfigFor } from '../config/load.js';
import { createRulePolicy, effectiveConfigFor } from '../config/policy.js';
import { runFixLoop } from '../fix/fix-loop.js';
import { countBySeverity } from '../report/types.js';
import { FORMATTERS } from '../report/index.js';
import { packageVersion } from '../core/project-files.js';
import { lintPaths } from '../pipeline.js';
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
  --config <file>         use this skillhub.config.json (default: the nearest one at or above the
                          first path)
  --print-config <file>   print the effective configuration for that file as JSON, and exit
  --report-unused-disable-directives
                          report \`skillhub-disable\` comments that silence nothing, as errors
  --fix                   apply the rules' fixes (re-linting until stable, at most 10 passes),
                          write the changed files, then report what is left
  --fix-dry-run           the same, without writing; \`--format json\` shows each fixed text
                          under \`output\`
  --write-schemas         only rewrite the committed input_schema.json / output_schema.json files
                          from the schemas derived from their SKILL.md (\`--fix\` does this too)
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
  const config = loadConfigFor(paths, io.cwd, stringOption(args, 'config'));
  const printConfigFor = stringOption(args, 'print-config');
  if (printConfigFor !== undefined) {
    const file = path.resolve(io.cwd, printConfigFor);
    io.stdout(`${JSON.stringify(effectiveConfigFor(file, config, createRulePolicy(config), ALL_RULES), null, 2)}\n`);
    return 0;
  }
  const configured = {
    ...run,
    config,
    ...(booleanOption(args, 'report-unused-disable-directives') ? { reportUnused: 'error' as const } : {}),
  };
  const fix = booleanOption(args, 'fix');
  const dryRun = booleanOption(args, 'fix-dry-run');
  if (fix && dryRun) throw new UsageError('use either --fix or --fix-dry-run');
  let results: LintResult[];
  let env: LintEnvironment;
  if (fix || dryRun) {
    const { concurrency } = configured;
    const fixed = await runFixLoop((overlay) => lintPaths(paths, io.cwd, options, { concurrency, config, ...(configured.reportUnused ? { reportUnused: configured.reportUnused } : {}), overlay }));
    ({ results, env } = fixed.last);
    if (dryRun) results = results.map((result) => (fixed.outputs.has(result.filePath) ? { ...result, output: fixed.outputs.get(result.filePath) as string } : result));
    else await writeFixedFiles(fixed, io);
  } else ({ results, env } = await lintPaths(paths, io.cwd, options, configured));
  if (booleanOption(args, 'write-schemas')) {
    const shown = (filePath: string) => path.relative(io.cwd, filePath) || filePath;
    const written = await writeSchemaFiles(planSchemaFileWrites(results), (line) => io.stderr(`skillhub: ${line}\n`), shown);
    if (written > 0) ({ results, env } = await lintPaths(paths, io.cwd, options, configured));
  }
  const formatter = FORMATTERS[format];
  if (!formatter) throw new Error(`formatter ${format} is missing`);
  io.stdout(formatter(results, { cwd: io.cwd, rules: env.rules, toolVersion: packageVersion() }));
  const { errors, warnings } = countBySeverity(results.flatMap((result) => result.diagnostics));
  if (errors > 0) return 1;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    io.stderr(`skillhub: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
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
