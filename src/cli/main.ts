import { UsageError } from '../load/discover.js';
import { runBuild } from './build.js';
import { runCheck } from './check.js';
import type { CommandIo } from './io.js';
import { runRules } from './rules.js';
import { runSchema } from './schema.js';
import { runServe } from './serve.js';
import { runValidate } from './validate.js';
import { runNew } from './new.js';

const HELP = `Usage: skillhub <command> [options]

Commands:
  validate [paths...]   lint SKILL.md files (default: skills/)
  rules [id]            list the rules, or show one rule's docs
  schema <id>           print a skill's derived input and output JSON Schemas
  build                 validate, then write the published catalog (default: dist/catalog)
  check <id> --input    validate a payload against a skill's input schema
  serve                 serve a built catalog read-only over HTTP
  new <id>              create skills/<id>/SKILL.md, ready to edit
  lsp                   the language server for editors (stdio)

Run \`skillhub <command> --help\` for a command's options.`;

type Command = (argv: string[], io: CommandIo) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  validate: runValidate,
  rules: runRules,
  schema: runSchema,
  build: runBuild,
  check: runCheck,
  serve: runServe,
  new: runNew,
  // Loaded only when asked for: the protocol library is not needed by the other commands.
  lsp: async (argv, io) => (await import('./lsp.js')).runLsp(argv, io),
};

/** Runs one CLI command and returns its exit code; never throws, never prints a stack unless asked. */
export async function main(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${HELP}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`skillhub: unknown command "${name}"\n\n${HELP}\n`);
    return 2;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`skillhub ${name}: ${error.message}\n`);
      return 2;
    }
    const detail = process.env['SKILLHUB_DEBUG'] ? (error as Error).stack : (error as Error).message;
    io.stderr(`skillhub ${name}: internal error: ${detail}\n(set SKILLHUB_DEBUG=1 for a stack trace)\n`);
    return 2;
  }
}
