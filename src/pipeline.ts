import { createLintEnvironment, type LintEnvironment, type LintOptions } from './check/environment.js';
import { lintCatalog, type LintResult } from './check/lint.js';
import { discoverSkillFiles } from './load/discover.js';
import { readCompanionFiles, readSkillFile } from './load/read.js';

/** The edge of the pipeline: find and read the files, then lint them in memory. */
export async function lintPaths(
  paths: readonly string[],
  cwd: string,
  options: Partial<LintOptions> = {},
): Promise<{ results: LintResult[]; env: LintEnvironment }> {
  const env = createLintEnvironment(options);
  const files = await discoverSkillFiles(paths, cwd);
  const loaded = await Promise.all(
    files.map(async (file) => ({
      ...(await readSkillFile(file, env.options.maxFileSize)),
      companions: await readCompanionFiles(file, env.options.maxFileSize),
    })),
  );
  return { results: lintCatalog(loaded, env), env };
}
