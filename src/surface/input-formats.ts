import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';

/**
 * What the importer reads, as JSON Schemas: only the parts it uses are described, and anything
 * else the CLI adds is let through, so a newer CLI with more fields still imports.
 */

/** `popiart export-schema --format generic`: one tool per runnable command. */
export const EXPORT_SCHEMA = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['command_path', 'input_schema'],
    properties: {
      name: { type: 'string' },
      command_path: { type: 'string', pattern: '^\\S+( \\S+)*$' },
      description: { type: 'string' },
      input_schema: {
        type: 'object',
        required: ['properties'],
        properties: {
          properties: {
            type: 'object',
            additionalProperties: {
              type: 'object',
              properties: {
                type: { type: 'string' },
                description: { type: 'string' },
                enum: { type: 'array', items: { type: 'string' } },
                items: { type: 'object' },
              },
            },
          },
          required: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
} as const;

const TREE_FLAG = {
  type: 'object',
  required: ['name', 'type'],
  properties: {
    name: { type: 'string', minLength: 1 },
    shorthand: { type: 'string', pattern: '^[A-Za-z0-9]$' },
    type: { type: 'string' },
    usage: { type: 'string' },
    enum: { type: 'array', items: { type: 'string' } },
    hidden: { type: 'boolean' },
    required: { type: 'boolean' },
    deprecated: { type: 'string' },
    annotations: { type: 'object' },
  },
} as const;

/** The live cobra command tree: every command with its flags, aliases and argument counts. */
export const TREE_SCHEMA = {
  type: 'object',
  required: ['root', 'persistentFlags', 'commands'],
  properties: {
    root: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
    version: { type: 'string' },
    persistentFlags: { type: 'array', items: TREE_FLAG },
    commands: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'runnable', 'flags'],
        properties: {
          path: { type: 'string', pattern: '^\\S+( \\S+)*$' },
          short: { type: 'string' },
          runnable: { type: 'boolean' },
          hidden: { type: 'boolean' },
          aliases: { type: 'array', items: { type: 'string' } },
          positionalsFromUse: {
            type: 'array',
            items: {
              type: 'object',
              required: ['token', 'name', 'optional'],
              properties: { token: { type: 'string' }, name: { type: 'string' }, optional: { type: 'boolean' } },
            },
          },
          args: {
            type: 'object',
            required: ['min', 'max'],
            properties: { min: { type: 'integer', minimum: 0 }, max: { type: 'integer', minimum: -1 } },
          },
          flags: { type: 'array', items: TREE_FLAG },
          example: { type: 'string' },
        },
      },
    },
  },
} as const;

export interface ExportProperty {
  type?: string;
  description?: string;
  enum?: string[];
  items?: { type?: string };
}

export interface ExportTool {
  name?: string;
  command_path: string;
  description?: string;
  input_schema: { properties: Record<string, ExportProperty>; required?: string[] };
}

export interface TreeFlag {
  name: string;
  shorthand?: string;
  type: string;
  usage?: string;
  enum?: string[];
  hidden?: boolean;
  required?: boolean;
  deprecated?: string;
  annotations?: Record<string, unknown>;
}

export interface TreeCommand {
  path: string;
  short?: string;
  runnable: boolean;
  hidden?: boolean;
  aliases?: string[];
  positionalsFromUse?: Array<{ token: string; name: string; optional: boolean }>;
  args?: { min: number; max: number };
  flags: TreeFlag[];
  example?: string;
}

export interface CommandTree {
  root: string;
  version?: string;
  persistentFlags: TreeFlag[];
  commands: TreeCommand[];
}

export class SurfaceInputError extends Error {}

/** Checks the shape of the export (and the tree); throws a SurfaceInputError naming the first problems. */
export function checkSurfaceInputs(exported: unknown, tree: unknown): { exported: ExportTool[]; tree?: CommandTree } {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validateExport = ajv.compile<ExportTool[]>(EXPORT_SCHEMA);
  if (!validateExport(exported)) throw new SurfaceInputError(`the export is not \`export-schema --format generic\` output: ${describe(validateExport.errors)}`);
  if (tree === undefined) return { exported };
  const validateTree = ajv.compile<CommandTree>(TREE_SCHEMA);
  if (!validateTree(tree)) throw new SurfaceInputError(`the command tree is not in the expected format: ${describe(validateTree.errors)}`);
  return { exported, tree };
}

function describe(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 3)
    .map((error) => `${error.instancePath || '(top level)'} ${error.message ?? 'is not valid'}`)
    .join('; ');
}
