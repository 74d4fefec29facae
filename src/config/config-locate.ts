import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

/*
 * Finding skillhub.config.json, without the reader: a run with no configuration file never loads
 * the rules and ajv that checking one needs (config-file.ts).
 */

export const CONFIG_FILE = 'skillhub.config.json';

export type ConfigSeverity = 'off' | 'warn' | 'error';
export type RuleSeverities = Record<string, ConfigSeverity>;

/** skillhub.config.json as written (schemas/skillhub-config.schema.json), with its own location. */
export interface SkillhubConfig {
  /** Absolute path of the file; undefined for the defaults (no file found). */
  filePath?: string;
  /** The folder that globs and paths are relative to. */
  baseDir: string;
  rules: RuleSeverities;
  ignores: string[];
  vocabulary?: string;
  cliSurface?: string;
  reportUnusedDisableDirectives?: boolean | ConfigSeverity;
  overrides: Array<{ files: string[]; rules: RuleSeverities }>;
}

export function defaultConfig(baseDir: string): SkillhubConfig {
  return { baseDir, rules: {}, ignores: [], overrides: [] };
}

/** The nearest skillhub.config.json in `startDir` or a folder above it. */
export function findConfigFile(startDir: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE);
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

