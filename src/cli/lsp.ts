import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startLanguageServer } from '../lsp/server.js';
import { booleanOption, parseCommandArgs } from './args.js';
import type { CommandIo } from './io.js';

export const LSP_HELP = `Usage: skillhub lsp [--stdio]

Runs the skillhub language server over standard input and output (the Language Server Protocol):
diagnostics as you type (debounced, with the whole catalog, the same as \`skillhub validate\`),
quick fixes from the rules' fixes, hover on field names, completion of vocabulary fields in the
input sections and of keys in payload templates, and go-to-definition on a skill id.

Options:
  --stdio                 accepted for clients that always pass it (stdio is the only transport)
  -h, --help              show this help`;

/** Serves until the client sends `exit` (or closes the stream); the exit code follows the protocol. */
export async function runLsp(argv: string[], io: CommandIo): Promise<number> {
  const args = parseCommandArgs(argv, { stdio: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
  if (booleanOption(args, 'help')) {
    io.stdout(`${LSP_HELP}\n`);
    return 0;
  }
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  let shutdown = false;
  connection.onShutdown(() => {
    shutdown = true;
  });
  const exited = new Promise<number>((resolve) => {
    connection.onExit(() => resolve(shutdown ? 0 : 1));
    process.stdin.on('end', () => resolve(shutdown ? 0 : 1));
  });
  startLanguageServer(connection);
  return exited;
}
