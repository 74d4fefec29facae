import path from 'node:path';
import { ALL_RULES } from '../check/rules/index.js';
import { packageVersion } from '../core/project-files.js';
import { UsageError } from '../load/discover.js';
import { compareCatalogFiles } from '../publish/compare.js';
import { buildCatalogFromRoot } from '../publish/pipeline.js';
import { OutputFolderError, readCatalogFolder, writeCatalogFolder } from '../publish/write.js';
import { formatStylish } from '../report/stylish.js';
import { countBySeverity } from '../report/types.js';
import { booleanOption, parseCommandArgs, parseNonNegativeInteger, stringOption } from './args.js';
import type { CommandIo } from './io.js';
import { loadConfigFor } from '../config/load.js';

export const BUILD_HELP = `Usage: skillhub build [options]

Validates the skills, then writes the published catalog:
  catalog.json                 the index: one summary per skill, sorted by id, and a digest
  index.json                   the sync index in the format of the public catalog
  skills/<id>.json             the full skill (GET /skills/<id>)
  skills/<id>/schema.json      {input_schema, output_schema} (GET /skills/<id>/schema)
With any validation error nothing is written and the previous catalog stays as it was.

Options:
  --root <dir>            a folder of skill folders, or a catalog folder with skills/ (and its own
                          schemas/input-fields.json) inside (default: skills)
  --out <dir>             where the catalog goes (default: dist/catalog)
  --check                 build in memory and compare with --out; exit 1 naming each differing file
  --max-file-size <bytes> refuse larger SKILL.md files (default 1048576)
  --config <file>         use this skillhub.config.json (default: the nearest one at or above --root)
  -h, --help              show this help

Exit codes: 0 written (or up to date), 1 validation errors or an out-of-date catalog, 2 usage or internal failure.`;

export async function runBuild(argv: string[], io: CommandIo): Promise<number> {
  const args = parseCommandArgs(argv, {
    root: { type: 'string' },
    out: { type: 'string' },
    check: { type: 'boolean' },
    'max-file-size': { type: 'string' },
    config: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (booleanOption(args, 'help')) {
    io.stdout(`${BUILD_HELP}\n`);
    return 0;
  }
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}" (use --root <dir>)`);
  const root = stringOption(args, 'root') ?? 'skills';
  const out = stringOption(args, 'out') ?? path.join('dist', 'catalog');
  const maxFileSize = parseNonNegativeInteger(stringOption(args, 'max-file-size'), '--max-file-size');
  const config = loadConfigFor([root], io.cwd, stringOption(args, 'config'));
  const { results, build } = await buildCatalogFromRoot(root, io.cwd, { config, ...(maxFileSize === undefined ? {} : { maxFileSize }) });
  const report = formatStylish(results, { cwd: io.cwd, rules: ALL_RULES, toolVersion: packageVersion() });
  if (report !== '') io.stderr(report);
  if (!build) {
    const { errors } = countBySeverity(results.flatMap((result) => result.diagnostics));
    io.stderr(`skillhub build: ${errors} error${errors === 1 ? '' : 's'} in ${root}; nothing written, ${out} is unchanged.\n`);
    return 1;
  }
  if (!build.ok) {
    for (const problem of build.problems) io.stderr(`${path.relative(io.cwd, problem.filePath)}: ${problem.message}\n`);
    io.stderr(`skillhub build: the catalog cannot be built; nothing written, ${out} is unchanged.\n`);
    return 1;
  }
  const { catalog } = build;
  const target = path.resolve(io.cwd, out);
  const summary = `${catalog.skills.length} skill${catalog.skills.length === 1 ? '' : 's'}, sha256 ${catalog.index.sha256}`;
  if (booleanOption(args, 'check')) {
    const differences = compareCatalogFiles(catalog.files, await readCatalogFolder(target));
    if (differences.length === 0) {
      io.stdout(`skillhub build --check: ${out} is up to date (${summary}).\n`);
      return 0;
    }
    const width = Math.max(...differences.map((difference) => difference.kind.length));
    io.stdout(`skillhub build --check: ${out} is out of date; run \`skillhub build\` to update it:\n`);
    for (const { kind, path: file } of differences) io.stdout(`  ${kind.padEnd(width)}  ${path.posix.join(out.split(path.sep).join('/'), file)}\n`);
    return 1;
  }
  try {
    await writeCatalogFolder(target, catalog.files);
  } catch (error) {
    if (error instanceof OutputFolderError) throw new UsageError(error.message);
    throw error;
  }
  io.stdout(`skillhub build: wrote ${out} (${summary}).\n`);
  return 0;
}
