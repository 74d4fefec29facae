import { readFileSync } from 'node:fs';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { CliSurface } from '../check/commands/cli-surface.js';
import { readProjectJson } from '../core/project-files.js';
import { ConfigError } from './config-file.js';

/** A CLI surface named by skillhub.config.json, checked against schemas/popiart-cli.schema.json. */
export function loadCliSurfaceFile(ajv: Ajv2020, filePath: string): CliSurface {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(filePath, 'utf8')) as unknown;
  } catch (error) {
    throw new ConfigError(`${filePath}: cannot read the CLI surface (${(error as Error).message})`);
  }
  const validate = ajv.compile(readProjectJson('popiart-cli.schema.json') as object);
  if (!validate(data)) {
    const first = validate.errors?.[0];
    throw new ConfigError(`${filePath}: not a CLI surface: ${first?.instancePath || '(root)'} ${first?.message ?? ''}`.trim());
  }
  return data as CliSurface;
}
