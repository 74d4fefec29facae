import { readProjectJson } from '../../core/project-files.js';

/**
 * The shapes of schemas/popiart-cli.json (its JSON Schema is schemas/popiart-cli.schema.json),
 * generated from the CLI's own export by `npm run cli-surface` (src/surface/import-surface.ts).
 */
export type ValueKind = 'skill-id' | 'job-id' | 'artifact-id' | 'path' | 'payload';

export interface FlagValueSpec {
  /** What the CLI's usage calls the value (`string`, `int`, ...). */
  name: string;
  kind?: ValueKind;
  type?: 'string' | 'integer' | 'number';
  choices?: string[];
  /** The flag may be given several times, each adding a value. */
  repeatable?: boolean;
}

export interface FlagSpec {
  name: string;
  short?: string;
  /** Absent for a switch (`--wait`), which takes no value or only `=true` / `=false`. */
  value?: FlagValueSpec;
  description?: string;
  /** Accepted by the CLI but left out of its help. */
  hidden?: boolean;
  /** Still accepted, with a warning; `replacement` is the flag to use instead. */
  deprecated?: { message: string; replacement?: string };
  /** The command fails without it. */
  required?: boolean;
  /** The flag prints something and exits: the command then needs neither a subcommand nor its arguments. */
  action?: 'help' | 'version';
}

export interface PositionalSpec {
  name: string;
  kind?: ValueKind;
  required: boolean;
  /** Takes any number of words (the last positional only). */
  variadic?: boolean;
}

export interface CommandSpec {
  /** The subcommand words after the program name, e.g. ["jobs", "get"]; [] is the program itself. */
  path: string[];
  /** Other names of the last word of the path (`auth token` is `auth key`). */
  aliases?: string[];
  description?: string;
  /** False for a group, which only holds subcommands. */
  runnable: boolean;
  /** Accepted by the CLI but left out of its help. */
  hidden?: boolean;
  positionals: PositionalSpec[];
  /** How many positional arguments the CLI accepts; `max` absent is no limit. Absent: as the positionals say. */
  args?: { min: number; max?: number };
  flags: FlagSpec[];
  examples?: string[];
}

export interface CliSurface {
  program: string;
  about?: string;
  /** Flags every command accepts (the root's persistent flags, and `--help`). */
  globalFlags: FlagSpec[];
  commands: CommandSpec[];
}

export function loadPopiartCli(): CliSurface {
  return readProjectJson('popiart-cli.json') as CliSurface;
}
