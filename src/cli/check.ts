import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { catalogFromFiles, loadCatalog } from '../catalog/load.js';
import { CatalogError, type Catalog, type ValidationResult } from '../catalog/types.js';
import { ALL_RULES } from '../check/rules/index.js';
import { packageVersion } from '../core/project-files.js';
import { requireCatalogRoot } from '../load/catalog-root.js';
import { UsageError } from '../load/discover.js';
import { buildCatalogFromRoot, hasErrors } from '../publish/pipeline.js';
import { formatStylish } from '../report/stylish.js';
import { booleanOption, parseChoice, parseCommandArgs, stringOption } from './args.js';
import type { CommandIo } from './io.js';

export const CHECK_HELP = `Usage: skillhub check <skill-id> --input <json | @file.json | -> [options]

Validates a payload against the skill's input schema, as the server's POST /skills/<id>/validate does.

Options:
  -i, --input <payload>   inline JSON, @file.json, or - for standard input (required)
  --catalog <dir>         a built catalog (skillhub build writes catalog/ by default)
  --root <dir>            the catalog folder (with skills/ inside) or a folder of skill folders,
                          built in memory (default: the folder holding skills/, found upward)
  --format <name>         text (default) or json ({"valid", "errors": [{"path", "message", "keyword"}]})
  -h, --help              show this help

Exit codes: 0 valid; 1 the payload is invalid or not JSON, the skill is unknown or has errors;
2 usage error (missing or unreadable --input, bad options, unusable catalog folder).`;

const MAX_INPUT_BYTES = 1024 * 1024;

export async function runCheck(argv: string[], io: CommandIo): Promise<number> {
  const args = parseCommandArgs(argv, {
    input: { type: 'string', short: 'i' },
    catalog: { type: 'string' },
    root: { type: 'string' },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (booleanOption(args, 'help')) {
    io.stdout(`${CHECK_HELP}\n`);
    return 0;
  }
  const format = parseChoice(stringOption(args, 'format'), '--format', ['text', 'json'] as const, 'text');
  const [id, ...extra] = args.positionals;
  if (id === undefined) throw new UsageError('name the skill: skillhub check <skill-id> --input <json | @file.json | ->');
  if (extra.length > 0) throw new UsageError(`expected one skill id, got ${args.positionals.length}: unexpected argument "${extra[0]}"`);
  const input = stringOption(args, 'input');
  if (input === undefined) throw new UsageError('--input is required: inline JSON, @file.json, or - for standard input');
  const catalogDir = stringOption(args, 'catalog');
  const root = stringOption(args, 'root');
  if (catalogDir !== undefined && root !== undefined) throw new UsageError('give --catalog or --root, not both');

  const catalog =
    catalogDir !== undefined ? await openBuiltCatalog(catalogDir, io.cwd) : await buildInMemory(id, requireCatalogRoot({ root, cwd: io.cwd }).skillsDir, io);
  if (!catalog) return 1;
  const text = await readInput(input, io);
  if (!catalog.ids.includes(id)) {
    const near = catalog.closestIds(id);
    io.stderr(`skillhub check: unknown skill "${id}".${near.length > 0 ? ` Closest: ${near.join(', ')}.` : ''}\n`);
    return 1;
  }
  const payload = parsePayload(text);
  if (!payload.ok) {
    io.stderr(`skillhub check: the payload is not valid JSON: ${payload.message}\n`);
    return 1;
  }
  const result = catalog.validateInput(id, payload.value);
  if (!result) throw new Error(`${id} is listed but has no validator`);
  io.stdout(format === 'json' ? `${JSON.stringify(result)}\n` : describeResult(id, result));
  return result.valid ? 0 : 1;
}

function describeResult(id: string, result: ValidationResult): string {
  if (result.valid) return `${id}: the payload is valid.\n`;
  const lines = result.errors.map((error) => `  ${error.path === '' ? '(payload)' : error.path}  ${error.message}  ${error.keyword}`);
  const count = result.errors.length;
  return `${id}: the payload is not valid (${count} problem${count === 1 ? '' : 's'}):\n${lines.join('\n')}\n`;
}

async function openBuiltCatalog(dir: string, cwd: string): Promise<Catalog> {
  try {
    return await loadCatalog(path.resolve(cwd, dir));
  } catch (error) {
    if (error instanceof CatalogError) throw new UsageError(`cannot use --catalog ${dir}: ${error.message.replace(`${path.resolve(cwd, dir)}: `, '')}`);
    throw error;
  }
}

/** Builds the skills under `root` in memory; the skill being checked must itself validate. */
async function buildInMemory(id: string, root: string, io: CommandIo): Promise<Catalog | undefined> {
  const { results, build } = await buildCatalogFromRoot(root, io.cwd, { onlyValid: true });
  const own = results.find((result) => result.analysis.facts.name === id);
  if (own && hasErrors(own)) {
    io.stderr(formatStylish([own], { cwd: io.cwd, rules: ALL_RULES, toolVersion: packageVersion() }));
    io.stderr(`skillhub check: ${id} does not validate; fix the errors above first.\n`);
    return undefined;
  }
  if (!build?.ok) {
    for (const problem of build?.problems ?? []) io.stderr(`${path.relative(io.cwd, problem.filePath)}: ${problem.message}\n`);
    io.stderr(`skillhub check: the skills in ${path.relative(io.cwd, root) || '.'} cannot be built into a catalog.\n`);
    return undefined;
  }
  return catalogFromFiles(build.catalog.files);
}

async function readInput(input: string, io: CommandIo): Promise<string> {
  if (input === '-') return io.readStdin();
  if (!input.startsWith('@')) return input;
  const file = path.resolve(io.cwd, input.slice(1));
  const stats = await stat(file).catch(() => undefined);
  if (!stats?.isFile()) throw new UsageError(`--input ${input}: no such file`);
  if (stats.size > MAX_INPUT_BYTES) throw new UsageError(`--input ${input}: larger than ${MAX_INPUT_BYTES} bytes`);
  return readFile(file, 'utf8');
}

function parsePayload(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}
