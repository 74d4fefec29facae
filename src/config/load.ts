import { statSync } from 'node:fs';
import path from 'node:path';
import type { LintOptions } from '../check/environment.js';
import { defaultConfig, findConfigFile, readConfigFile, type SkillhubConfig } from './config-file.js';

/**
 * The configuration for a run: `--config <file>`, else the nearest skillhub.config.json at or
 * above the first path (or the working folder), else the defaults.
 */
export function loadConfigFor(paths: readonly string[], cwd: string, explicit?: string): SkillhubConfig {
  const shown = (file: string) => path.relative(cwd, file) || file;
  if (explicit !== undefined) {
    const file = path.resolve(cwd, explicit);
    return readConfigFile(file, shown(file));
  }
  const first = paths[0] === undefined ? cwd : path.resolve(cwd, paths[0]);
  const start = isFile(first) ? path.dirname(first) : first;
  const found = findConfigFile(start);
  return found === undefined ? defaultConfig(cwd) : readConfigFile(found, shown(found));
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
