import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { LintResult } from '../check/lint.js';
import { lintPaths } from '../pipeline.js';
import type { SkillhubConfig } from '../config/config-file.js';
import { buildCatalog, type BuildResult } from './build.js';
import { skillSourcesOf } from './sources.js';

export interface CatalogBuildRun {
  results: LintResult[];
  /** Undefined when validation found errors and the build required a clean catalog. */
  build: BuildResult | undefined;
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
  options: { maxFileSize?: number; onlyValid?: boolean; config?: SkillhubConfig } = {},
): Promise<CatalogBuildRun> {
  const given = path.resolve(cwd, root);
  const nested = path.join(given, 'skills');
  const hasSkillsFolder = await stat(nested).then((stats) => stats.isDirectory(), () => false);
  // Paths are relative to the repository, the folder that holds the skills folder: `skills/<id>`.
  const [skillsFolder, repository] = hasSkillsFolder ? [nested, given] : [given, path.dirname(given)];
  const lintOptions = { root: repository, ...(options.maxFileSize === undefined ? {} : { maxFileSize: options.maxFileSize }) };
  const { results } = await lintPaths([skillsFolder], cwd, lintOptions, options.config ? { config: options.config } : {});
  const usable = results.filter((result) => !hasErrors(result));
  if (usable.length < results.length && !options.onlyValid) return { results, build: undefined };
  return { results, build: buildCatalog(skillSourcesOf(usable, repository)) };
}
