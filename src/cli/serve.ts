import path from 'node:path';
import { CatalogError } from '../catalog/types.js';
import { defaultCatalogFolder } from '../load/catalog-root.js';
import { UsageError } from '../load/discover.js';
import { watchCatalog } from '../server/reload.js';
import { loadServedCatalog } from '../server/served.js';
import { DEFAULT_HOST, DEFAULT_PORT, startServer } from '../server/server.js';
import { booleanOption, parseCommandArgs, parseNonNegativeInteger, stringOption } from './args.js';
import type { CommandIo } from './io.js';

export const SERVE_HELP = `Usage: skillhub serve [options]

Serves a built catalog read-only over HTTP:
  GET  /                                     the catalog's page (index.html); /skills/<id>.html a skill's
  GET  /skills?tag=&search=&limit=&offset=   {items, total, limit, offset}; also model_type=, category=,
                                             capability=, default_profile=true|false; tag= repeated: all
  GET  /skills/<id>                          the full skill
  GET  /skills/<id>/schema                   {input_schema, output_schema}
  POST /skills/<id>/validate                 body: a payload; answers {valid, errors}
  GET  /healthz                              {status, skills, sha256}
Errors answer {"ok": false, "error": {"code", "message"}}. One line per request goes to stderr.
Any origin may call it (CORS). A new build of the folder is picked up within a second or two,
once it is complete; /healthz shows the digest served.

Options:
  --catalog <dir>   the catalog folder written by skillhub build (default: catalog/ in the folder
                    holding skills/, found upward from the current folder)
  --host <address>  the address to bind (default: ${DEFAULT_HOST})
  --port <n>        the port (default: ${DEFAULT_PORT}; 0 picks a free one)
  -h, --help        show this help

Stops cleanly on SIGINT or SIGTERM (exit 0).`;

/** Resolves when the server should stop; the CLI waits for SIGINT or SIGTERM. */
export type StopTrigger = (stop: () => void) => void;

export function runServe(argv: string[], io: CommandIo): Promise<number> {
  return serve(argv, io, onTerminationSignal);
}

export async function serve(argv: string[], io: CommandIo, untilStopped: StopTrigger): Promise<number> {
  const args = parseCommandArgs(argv, {
    catalog: { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (booleanOption(args, 'help')) {
    io.stdout(`${SERVE_HELP}\n`);
    return 0;
  }
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}" (use --catalog <dir>)`);
  const dir = stringOption(args, 'catalog') ?? defaultCatalogFolder(io.cwd);
  const port = parseNonNegativeInteger(stringOption(args, 'port'), '--port') ?? DEFAULT_PORT;
  if (port > 65535) throw new UsageError(`--port must be from 0 to 65535, got ${port}`);
  const host = stringOption(args, 'host') ?? DEFAULT_HOST;
  const folder = path.resolve(io.cwd, dir);
  let initial;
  try {
    initial = await loadServedCatalog(folder);
  } catch (error) {
    if (!(error instanceof CatalogError)) throw error;
    throw new UsageError(`cannot serve ${dir}: ${error.message.replace(`${path.resolve(io.cwd, dir)}: `, '')} (run \`skillhub build\` first)`);
  }
  const log = (line: string) => io.stderr(`${line}\n`);
  const watch = watchCatalog(folder, initial, { log });
  const running = await startServer({ served: watch.current, host, port, log }).catch((error: NodeJS.ErrnoException) => {
    watch.stop();
    throw new UsageError(`cannot listen on ${host}:${port}: ${error.code ?? error.message}`);
  });
  io.stderr(`skillhub serve: ${initial.catalog.ids.length} skills from ${dir} on ${running.url} (Ctrl-C stops)\n`);
  await new Promise<void>((resolve) => untilStopped(resolve));
  watch.stop();
  await running.close();
  io.stderr('skillhub serve: stopped\n');
  return 0;
}

function onTerminationSignal(stop: () => void): void {
  const handler = () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
    stop();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
