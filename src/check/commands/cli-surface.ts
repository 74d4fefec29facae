import { readProjectJson } from '../../core/project-files.js';

/** The shapes of schemas/popiart-cli.json (its JSON Schema is schemas/popiart-cli.schema.json). */
export type ValueKind = 'skill-id' | 'job-id' | 'artifact-id' | 'path' | 'payload';

export interface FlagSpec {
  name: string;
  short?: string;
  value?: { name: string; kind?: ValueKind; type?: 'string' | 'integer'; choices?: string[] };
  description?: string;
}

export interface PositionalSpec {
  name: string;
  kind?: ValueKind;
  required: boolean;
}

export interface CommandSpec {
  path: string[];
  description: string;
  positionals: PositionalSpec[];
  flags: FlagSpec[];
  examples: string[];
}

export interface CliSurface {
  program: string;
  globalFlags: FlagSpec[];
  commands: CommandSpec[];
}

export function loadPopiartCli(): CliSurface {
  return readProjectJson('popiart-cli.json') as CliSurface;
}
