import { statSync } from 'node:fs';
import path from 'node:path';
import type { LintOptions } from '../check/environment.js';
import { defaultConfig, findConfigFile, type SkillhubConfig } from './config-locate.js';

/**
 * The configuration for a run: `--config <file>`, else the nearest skillhub.config.json at or
 * above the first path (or the working folder), else the defaults.
 */
export async function loadConfigFor(paths: readonly string[], cwd: string, explicit?: string): Promise<SkillhubConfig> {
  const shown = (file: string) => path.relative(cwd, file) || file;
  const first = paths[0] === undefined ? cwd : path.resolve(cwd, paths[0]);
  const file = explicit !== undefined ? path.resolve(cwd, explicit) : findConfigFile(isFile(first) ? path.dirname(first) : first);
  if (file === undefined) return defaultConfig(cwd);
  // Checking a file needs the rule ids and ajv: loaded only when there is one.
  const { readConfigFile } = await import('./config-file.js');
  return readConfigFile(file, shown(file));
}

/** The lint options the configuration adds: its vocabulary and CLI surface files, as absolute paths. */
export function configLintOptions(config: SkillhubConfig): Partial<LintOptions> {
  return {
    ...(config.vocabulary === undefined ? {} : { vocabularyFile: path.resolve(config.baseDir, config.vocabulary) }),
    ...(config.cliSurface === undefined ? {} : { cliSurfaceFile: path.resolve(config.baseDir, config.cliSurface) }),
  };
}

function isFile(target: string): boolean {
  try {
    return statSync(target).isFile();
  } catch {
    return false;
  }
}
