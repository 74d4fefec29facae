import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LintResult } from '../check/lint.js';
import { popiartLoader } from '../check/rules/popiart-loader.js';
import { diffCatalogs } from '../diff/catalog-diff.js';
import { ContractSourceError, loadInputContracts } from '../diff/load-contracts.js';
import { assertBundleReplaceable, BUNDLE_FOLDER, BundleFolderError, bundleFiles, writeBundle } from '../publish/bundle.js';
import type { PublishedSkill } from '../publish/model.js';
import { ALL_RULES } from '../check/rules/index.js';
import { packageVersion } from '../core/project-files.js';
import { CATALOG_OUTPUT_FOLDER, requireCatalogRoot } from '../load/catalog-root.js';
import { discoverSkillTargets, UsageError } from '../load/discover.js';
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
  skills/index.json, healthz.json   GET /skills and GET /healthz, for static hosts
  index.html, skills/<id>.html, assets/   the catalog's pages
With any validation error nothing is written and the previous catalog stays as it was.

Options:
  --root <dir>            the catalog folder (with skills/ and maybe its own schemas/input-fields.json),
                          or a folder of skill folders (default: the folder holding skills/, found
                          upward from the current folder)
  --out <dir>             where the catalog goes (default: catalog/ in the catalog folder)
  --check                 build in memory and compare with --out; exit 1 naming each differing file
  --previous <dir>        the catalog published before (a built catalog or skills folder): refuse to
                          publish a breaking change to the input contract of an id it has
  --bundle <dir>          also write <dir>/popiskills/<id>/{SKILL.md,input_schema.json,output_schema.json}
                          for the popiart CLI; refused while a skill has popiart-loader warnings
  --max-file-size <bytes> refuse larger SKILL.md files (default 1048576)
  --config <file>         use this skillhub.config.json (default: the nearest one at or above --root)
  -h, --help              show this help

Exit codes: 0 written (or up to date), 1 validation errors or an out-of-date catalog, 2 usage or
internal failure (including a catalog without skills: an empty catalog is never published).`;

export async function runBuild(argv: string[], io: CommandIo): Promise<number> {
  const args = parseCommandArgs(argv, {
    root: { type: 'string' },
    out: { type: 'string' },
    check: { type: 'boolean' },
    previous: { type: 'string' },
    bundle: { type: 'string' },
    'max-file-size': { type: 'string' },
    config: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (booleanOption(args, 'help')) {
    io.stdout(`${BUILD_HELP}\n`);
    return 0;
  }
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}" (use --root <dir>)`);
  const catalogRoot = requireCatalogRoot({ root: stringOption(args, 'root'), cwd: io.cwd });
  const root = catalogRoot.skillsDir;
  const out = stringOption(args, 'out') ?? (path.relative(io.cwd, path.join(catalogRoot.root, CATALOG_OUTPUT_FOLDER)) || CATALOG_OUTPUT_FOLDER);
  const maxFileSize = parseNonNegativeInteger(stringOption(args, 'max-file-size'), '--max-file-size');
  if ((await discoverSkillTargets([root], io.cwd)).files.length === 0) {
    throw new UsageError(`No files matching the pattern "${path.relative(io.cwd, root) || '.'}" were found (looked for SKILL.md files); an empty catalog is not published`);
  }
  const config = await loadConfigFor([root], io.cwd, stringOption(args, 'config'));
  // --previous compares the input schemas as derived (their order words the changes), so it keeps them as objects.
  const derivedSchemas = stringOption(args, 'previous') !== undefined;
  const { results, build, skillFiles } = await buildCatalogFromRoot(root, io.cwd, {
    site: true,
    config,
    derivedSchemas,
    ...(maxFileSize === undefined ? {} : { maxFileSize }),
  });
  const report = formatStylish(results, { cwd: io.cwd, rules: ALL_RULES, toolVersion: packageVersion() });
  if (report !== '') io.stderr(report);
  if (!build) {
    const { errors } = countBySeverity(results.flatMap((result) => result.diagnostics));
    io.stderr(`skillhub build: ${errors} error${errors === 1 ? '' : 's'} in ${path.relative(io.cwd, root) || '.'}; nothing written, ${out} is unchanged.\n`);
    return 1;
  }
  if (!build.ok) {
    for (const problem of build.problems) io.stderr(`${path.relative(io.cwd, problem.filePath)}: ${problem.message}\n`);
    io.stderr(`skillhub build: the catalog cannot be built; nothing written, ${out} is unchanged.\n`);
    return 1;
  }
  const { catalog } = build;
  const target = path.resolve(io.cwd, out);
  // Counted from the index: the records as objects (catalog.skills) may have to be parsed first.
  const count = catalog.index.skills.length;
  const summary = `${count} skill${count === 1 ? '' : 's'}, sha256 ${catalog.index.sha256}`;
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
  const previous = stringOption(args, 'previous');
  if (previous !== undefined && !(await compatibleWithPrevious(previous, catalog.skills, out, io))) return 1;
  const bundleDir = stringOption(args, 'bundle');
  let bundle: Map<string, string> | undefined;
  if (bundleDir !== undefined) {
    // Checked before anything is written, so a bundle folder that is not ours leaves the catalog untouched too.
    await assertBundleReplaceable(path.resolve(io.cwd, bundleDir)).catch((error: unknown) => {
      throw error instanceof BundleFolderError ? new UsageError(error.message) : error;
    });
    bundle = await bundleOf(results, catalog.skills, skillFiles, out, io);
    if (!bundle) return 1;
  }
  try {
    await writeCatalogFolder(target, catalog);
    if (bundle && bundleDir !== undefined) await writeBundle(path.resolve(io.cwd, bundleDir), bundle);
  } catch (error) {
    if (error instanceof OutputFolderError || error instanceof BundleFolderError) throw new UsageError(error.message);
    throw error;
  }
  io.stdout(`skillhub build: wrote ${out} (${summary}).\n`);
  if (bundleDir !== undefined) io.stdout(`skillhub build: wrote ${path.join(bundleDir, BUNDLE_FOLDER)} (${count} skill${count === 1 ? '' : 's'} for the popiart CLI).\n`);
  return 0;
}

/** `--previous`: every id both catalogs have keeps a compatible input contract. */
async function compatibleWithPrevious(previous: string, skills: readonly PublishedSkill[], out: string, io: CommandIo): Promise<boolean> {
  let before;
  try {
    before = await loadInputContracts(previous, io.cwd);
  } catch (error) {
    if (error instanceof ContractSourceError) throw new UsageError(`--previous ${error.message}`);
    throw error;
  }
  const after = new Map(skills.filter((skill) => before.has(skill.id)).map((skill) => [skill.id, skill.input_schema]));
  const kept = new Map([...before].filter(([id]) => after.has(id)));
  const broken = diffCatalogs(kept, after).skills.filter((skill) => skill.changes.some((change) => change.kind === 'breaking'));
  for (const skill of broken) {
    const changes = skill.changes.filter((change) => change.kind === 'breaking');
    io.stderr(`${skill.id}: the input contract changes incompatibly:\n${changes.map((change) => `  ${change.rule}  ${change.message}`).join('\n')}\n`);
  }
  if (broken.length === 0) return true;
  io.stderr(
    `skillhub build: ${broken.length} published skill${broken.length === 1 ? '' : 's'} would break ${broken.length === 1 ? 'its' : 'their'} users; publish the new contract as a new -v<N+1> skill. Nothing written, ${out} is unchanged.\n`,
  );
  return false;
}

/** `--bundle`: the files, or undefined (after saying why) when the popiart loader would refuse a skill. */
async function bundleOf(
  results: readonly LintResult[],
  skills: readonly PublishedSkill[],
  skillFiles: ReadonlyMap<string, string>,
  out: string,
  io: CommandIo,
): Promise<Map<string, string> | undefined> {
  const refused = results.filter((result) => result.diagnostics.some((diagnostic) => diagnostic.ruleId === popiartLoader.id));
  if (refused.length > 0) {
    io.stderr(`skillhub build: the popiart CLI's loader would refuse ${refused.length} skill${refused.length === 1 ? '' : 's'} (${popiartLoader.id} above); no bundle written, nothing written, ${out} is unchanged.\n`);
    return undefined;
  }
  const texts = new Map<string, string>();
  for (const skill of skills) {
    const file = skillFiles.get(skill.id);
    if (file === undefined) throw new Error(`no SKILL.md for ${skill.id}`);
    texts.set(skill.id, await readFile(file, 'utf8'));
  }
  return bundleFiles(skills, texts);
}
