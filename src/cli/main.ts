import { closestMatches } from '../core/suggest.js';
import { packageVersion } from '../core/project-files.js';
import { reportCommandError } from './command-error.js';
import type { CommandIo } from './io.js';

type Command = (argv: string[], io: CommandIo) => Promise<number>;

interface CommandEntry {
  usage: string;
  summary: string;
  /** Each command is imported when it runs, so `--help` or `rules` never load ajv or the shell grammar. */
  load: () => Promise<Command>;
}

const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  validate: {
    usage: 'validate [patterns...]',
    summary: 'lint SKILL.md files (default: the skills/ of the catalog)',
    load: async () => (await import('./validate.js')).runValidate,
  },
  rules: { usage: 'rules [id]', summary: "list the rules, or show one rule's docs", load: async () => (await import('./rules.js')).runRules },
  schema: {
    usage: 'schema <id>',
    summary: "print a skill's derived input and output JSON Schemas",
    load: async () => (await import('./schema.js')).runSchema,
  },
  build: {
    usage: 'build',
    summary: 'validate, then write the published catalog (default: catalog/)',
    load: async () => (await import('./build.js')).runBuild,
  },
  check: {
    usage: 'check <id> --input',
    summary: "validate a payload against a skill's input schema",
    load: async () => (await import('./check.js')).runCheck,
  },
  serve: { usage: 'serve', summary: 'serve a built catalog read-only over HTTP', load: async () => (await import('./serve.js')).runServe },
  diff: {
    usage: 'diff <old> <new>',
    summary: "list breaking and compatible changes of the skills' input contracts",
    load: async () => (await import('./diff.js')).runDiff,
  },
  new: {
    usage: 'new <id>',
    summary: 'create skills/<id>/SKILL.md, ready to edit (--from <id> copies a skill)',
    load: async () => (await import('./new.js')).runNew,
  },
  // The protocol library is loaded only when an editor starts the server.
  lsp: { usage: 'lsp', summary: 'the language server for editors (stdio)', load: async () => (await import('./lsp.js')).runLsp },
};

export const HELP = `Usage: skillhub <command> [options]

Commands:
${Object.values(COMMANDS)
  .map((command) => `  ${command.usage.padEnd(24)}${command.summary}`)
  .join('\n')}
  help [command]          show this help, or a command's

Options:
  -h, --help              show this help
  -v, --version           print the version

Run \`skillhub <command> --help\` for a command's options.
Exit codes: 0 clean, 1 the content has problems, 2 usage or internal failure.`;

/** Runs one CLI command and returns its exit code; never throws, never prints a stack unless asked. */
export async function main(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(`${HELP}\n`);
    return 2;
  }
  if (name === '--help' || name === '-h') {
    io.stdout(`${HELP}\n`);
    return 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${packageVersion()}\n`);
    return 0;
  }
  if (name === 'help') return help(rest, io);
  const command = COMMANDS[name];
  if (!command) return unknownCommand(name, io);
  return runCommand(name, command, rest, io);
}

async function help(rest: string[], io: CommandIo): Promise<number> {
  const [topic, ...extra] = rest;
  if (topic === undefined) {
    io.stdout(`${HELP}\n`);
    return 0;
  }
  if (extra.length > 0) {
    io.stderr(`skillhub help: unexpected argument "${extra[0]}" (skillhub help [command])\n`);
    return 2;
  }
  const command = COMMANDS[topic];
  if (!command) return unknownCommand(topic, io);
  return runCommand(topic, command, ['--help'], io);
}

function unknownCommand(name: string, io: CommandIo): number {
  const kind = name.startsWith('-') ? 'option' : 'command';
  const [best] = closestMatches(name, kind === 'option' ? ['--help', '--version'] : Object.keys(COMMANDS), 1);
  const hint = best === undefined ? ' (run `skillhub --help` for the list)' : `; did you mean \`${best}\`?`;
  io.stderr(`skillhub: unknown ${kind} \`${name}\`${hint}\n`);
  return 2;
}

async function runCommand(name: string, entry: CommandEntry, rest: string[], io: CommandIo): Promise<number> {
  try {
    const command = await entry.load();
    return await command(rest, io);
  } catch (error) {
    return reportCommandError(name, error, io);
  }
}
