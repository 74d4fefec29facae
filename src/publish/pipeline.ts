import type { LintResult } from '../check/lint.js';
import { catalogRootFromOption } from '../load/catalog-root.js';
import { lintPaths } from '../pipeline.js';
import { readSiteScript } from '../site/render-site.js';
import type { SkillhubConfig } from '../config/config-file.js';
import { buildCatalog, buildCatalogOfRecords, type BuildResult, type SkillRecord } from './build.js';
import { skillSourcesOf, withSections } from './sources.js';

export interface CatalogBuildRun {
  results: LintResult[];
  /** Undefined when validation found errors and the build required a clean catalog. */
  build: BuildResult | undefined;
  /** Each built skill's SKILL.md by id (for `--bundle`). */
  skillFiles: Map<string, string>;
}

export function hasErrors(result: LintResult): boolean {
  return result.diagnostics.some((diagnostic) => diagnostic.severity === 'error');
}

/**
 * Validates the skills of a catalog folder, then builds the catalog in memory. `root` is the
 * catalog folder (its skills in `<root>/skills`, its own vocabulary in
 * `<root>/schemas/input-fields.json`, as for `skillhub schema --root`) or a folder of skill folders.
 * With `onlyValid`, skills that have errors are left out instead of stopping the build (for
 * `skillhub check`). With `site`, the pages are built too, and each skill's record is made in the
 * per-file phase (file-step.ts), so the analyses are kept only in their catalog-only form; unless
 * `derivedSchemas` asks for the records' schemas as objects in the order they were derived
 * (`build --previous` compares them), the built catalog's `skills` are then parsed from its documents.
 */
export async function buildCatalogFromRoot(
  root: string,
  cwd: string,
  options: { maxFileSize?: number; onlyValid?: boolean; site?: boolean; config?: SkillhubConfig; derivedSchemas?: boolean } = {},
): Promise<CatalogBuildRun> {
  // Paths are relative to the repository, the folder that holds the skills folder: `skills/<id>`.
  const { skillsDir: skillsFolder, root: repository } = catalogRootFromOption(root, cwd);
  const lintOptions = {
    root: repository,
    ...(options.maxFileSize === undefined ? {} : { maxFileSize: options.maxFileSize }),
    // The pages' share of the work is done per file, in parallel with the analysis (file-step.ts).
    ...(options.site ? { publish: true } : {}),
  };
  const prepared = options.site === true && options.derivedSchemas !== true;
  const run = { ...(options.config ? { config: options.config } : {}), ...(prepared ? { catalogOnly: true } : {}) };
  const { results } = await lintPaths([skillsFolder], cwd, lintOptions, run);
  const usable = results.filter((result) => !hasErrors(result));
  if (usable.length < results.length && !options.onlyValid) return { results, build: undefined, skillFiles: new Map() };
  const buildOptions = options.site ? { siteScript: readSiteScript() } : {};
  if (prepared) {
    const records = skillRecordsOf(usable);
    const skillFiles = new Map(records.flatMap((record) => (record.ok ? [[record.summary.id, record.filePath] as const] : [])));
    return { results, build: buildCatalogOfRecords(records, buildOptions), skillFiles };
  }
  const sources = await withSections(skillSourcesOf(usable));
  const skillFiles = new Map(sources.map((source) => [String(source.frontMatter?.['name']), source.filePath]));
  return { results, build: buildCatalog(sources, buildOptions), skillFiles };
}

/** Each skill's record as the per-file phase made it (file-step.ts). */
function skillRecordsOf(results: readonly LintResult[]): Array<SkillRecord & { filePath: string }> {
  const records: Array<SkillRecord & { filePath: string }> = [];
  for (const { analysis, filePath } of results) {
    // A companion file with diagnostics has a result of its own; the skill is its SKILL.md's.
    if (analysis.loadProblem || filePath !== analysis.filePath) continue;
    const publication = analysis.publication;
    const record = publication?.record;
    if (!publication || !record) records.push({ filePath, ok: false, problems: ['its published record was not made'] });
    else if (!record.ok) records.push({ filePath, ...record });
    else records.push({ filePath, ...record, sectionHtml: publication.sectionHtml });
  }
  return records;
}
