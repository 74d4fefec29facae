import type { LintResult } from '../check/lint.js';
import { catalogRootFromOption } from '../load/catalog-root.js';
import { lintPaths } from '../pipeline.js';
import { readSiteScript } from '../site/render-site.js';
import type { SkillhubConfig } from '../config/config-file.js';
import { buildCatalog, type BuildResult } from './build.js';
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
 * `skillhub check`).
 */
export async function buildCatalogFromRoot(
  root: string,
  cwd: string,
  options: { maxFileSize?: number; onlyValid?: boolean; site?: boolean; config?: SkillhubConfig } = {},
): Promise<CatalogBuildRun> {
  // Paths are relative to the repository, the folder that holds the skills folder: `skills/<id>`.
  const { skillsDir: skillsFolder, root: repository } = catalogRootFromOption(root, cwd);
  const lintOptions = {
    root: repository,
    ...(options.maxFileSize === undefined ? {} : { maxFileSize: options.maxFileSize }),
    // The pages' share of the work is done per file, in parallel with the analysis (file-step.ts).
    ...(options.site ? { publish: true } : {}),
  };
  const { results } = await lintPaths([skillsFolder], cwd, lintOptions, options.config ? { config: options.config } : {});
  const usable = results.filter((result) => !hasErrors(result));
  if (usable.length < results.length && !options.onlyValid) return { results, build: undefined, skillFiles: new Map() };
  const buildOptions = options.site ? { siteScript: readSiteScript() } : {};
  const sources = await withSections(skillSourcesOf(usable));
  const skillFiles = new Map(sources.map((source) => [String(source.frontMatter?.['name']), source.filePath]));
  return { results, build: buildCatalog(sources, buildOptions), skillFiles };
}
