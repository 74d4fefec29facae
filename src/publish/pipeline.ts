import path from 'node:path';
import type { LintResult } from '../check/lint.js';
import { lintPaths } from '../pipeline.js';
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
 * Validates the skills under `root`, then builds the catalog in memory. With `onlyValid`, the
 * skills that have errors are left out instead of stopping the build (for `skillhub check`).
 */
export async function buildCatalogFromRoot(
  root: string,
  cwd: string,
  options: { maxFileSize?: number; onlyValid?: boolean } = {},
): Promise<CatalogBuildRun> {
  const absoluteRoot = path.resolve(cwd, root);
  const { results } = await lintPaths([absoluteRoot], cwd, options.maxFileSize === undefined ? {} : { maxFileSize: options.maxFileSize });
  const usable = results.filter((result) => !hasErrors(result));
  if (usable.length < results.length && !options.onlyValid) return { results, build: undefined };
  // Paths are relative to the folder that holds the skills folder: `skills/<id>` wherever the build runs.
  return { results, build: buildCatalog(skillSourcesOf(usable, path.dirname(absoluteRoot))) };
}
